"""Collecting what is wrong with a program file, located by line (XML) or JSON path."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ...core.problems import HallwayError, Problem

if TYPE_CHECKING:
    from .model import Program


class ProgramErrors:
    """Problems found while reading one program; raised together so the user sees them all."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, where: str | int | None, field: str | None, message: str, fix: str = "",
            path: str | None = None) -> None:
        """``where`` is a line number (XML) or a JSON path such as ``$.sessions[3].title``."""
        file = path or self.source
        if isinstance(where, int):
            self.problems.append(Problem(file, where, field, message, fix))
        else:
            self.problems.append(Problem(f"{file}: {where}" if where else file, None, field, message, fix))

    def raise_if_any(self) -> None:
        if self.problems:
            raise HallwayError(self.problems)

    def keep_what_was_read(self, program: Program) -> None:
        """A file that parses is imported without what is wrong inside it (a talk without a title,
        an impossible time): each problem becomes one of the program's warnings. Only a file with
        no readable talk at all is refused, with every problem."""
        if not program.talks:
            self.raise_if_any()
        program.warnings.extend(self.problems)


def json_path(*parts: str | int) -> str:
    """``$.schedule.conference.days[0]`` from ``("schedule", "conference", "days", 0)``."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}"
        else:
            text += f"[{json.dumps(part, ensure_ascii=False)}]"
    return text
