"""Where a build's time goes, for ``HALLWAY_PROFILE`` and scripts/bench.py.

Stages are named by what they do (``loading``, ``relations``, ``page generation``, ``linking``,
``sanitising``, ``search indexing``). Timing is always on: a ``perf_counter`` pair per stage costs
well under a microsecond, so there is no switch to forget. Each build session owns one
:class:`Profile` and writes it to the JSON file named by the ``HALLWAY_PROFILE`` environment
variable at the end of a build.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PROFILE_ENV = "HALLWAY_PROFILE"


class Profile:
    """Seconds and calls per named stage of one build."""

    def __init__(self) -> None:
        self._seconds: dict[str, float] = {}
        self._calls: dict[str, int] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Add the time spent in the ``with`` block to stage ``name``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - start)

    def add(self, name: str, seconds: float) -> None:
        """Add ``seconds`` to stage ``name`` (for time measured elsewhere)."""
        self._seconds[name] = self._seconds.get(name, 0.0) + seconds
        self._calls[name] = self._calls.get(name, 0) + 1

    def snapshot(self) -> dict[str, dict[str, float]]:
        """Each stage's total seconds and number of calls so far."""
        return {name: {"seconds": round(total, 6), "calls": self._calls[name]}
                for name, total in self._seconds.items()}

    def dump(self, path: str | Path, extra: dict[str, Any] | None = None) -> None:
        """Write ``{"stages": …}`` plus ``extra`` as JSON to ``path``."""
        data = {"stages": self.snapshot()} | (extra or {})
        Path(path).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
