"""Collecting what is wrong with a program file, located by line (XML) or JSON path."""

from __future__ import annotations

import json

from ...core.problems import HallwayError, Problem


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
