"""Problems found in a knowledge base, and how they are shown to the person who can fix them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors fail the check and the build, warnings only under --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, located as precisely as we know, with a suggested fix."""

    path: str
    line: int | None
    field: str | None
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR

    @property
    def location(self) -> str:
        """``path:line`` (or just ``path`` when the line is unknown)."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self) -> str:
        """The one-line form used by ``hallway check`` and the build: ``path:line: field: problem — fix``."""
        parts = [self.location]
        if self.field:
            parts.append(self.field)
        prefix = "warning: " if self.severity == Severity.WARNING else ""
        text = ": ".join(parts) + ": " + prefix + self.message
        if self.fix:
            text += " — " + self.fix
        return text


class HallwayError(Exception):
    """A user-facing failure carrying one or more problems; never shown as a traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems
