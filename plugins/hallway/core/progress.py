"""Progress of long builds and imports: a bar on a terminal, plain lines in logs and CI (issue 16).

A 20,000-talk build runs for minutes; saying nothing for that long looks like a hang. Each long
stage reports its count and rate. On an interactive terminal that is a tqdm bar on stderr (tqdm,
not a hand-written bar: it handles terminal width, rate smoothing and redrawing); when stderr is
not a terminal, or ``CI`` is set, it is a plain line every :data:`PLAIN_SECONDS` and one at the
end, so build logs stay readable. Small jobs show nothing.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Never

from tqdm import tqdm

#: A plain progress line at most this often.
PLAIN_SECONDS = 10.0


def interactive() -> bool:
    """Whether progress may redraw a bar: stderr is a terminal and this is not a CI run."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")


class Progress:
    """Counts one stage of work (``rendering pages``) and shows how far it is."""

    def __init__(self, label: str, total: int, say: Callable[[str], None], unit: str = "",
                 fancy: bool | None = None) -> None:
        self.label, self.total, self.unit = label, total, unit
        self.done = 0
        self._say = say
        self._started = self._last = time.perf_counter()
        self._bar: tqdm[Never] | None = None
        if interactive() if fancy is None else fancy:
            self._bar = tqdm(total=total, desc=label, unit=unit or "it", file=sys.stderr, leave=False,
                             mininterval=0.5)

    def advance(self, count: int = 1) -> None:
        """``count`` more items are done."""
        self.done += count
        if self._bar is not None:
            self._bar.update(count)
            return
        now = time.perf_counter()
        if now - self._last >= PLAIN_SECONDS and self.done < self.total:
            self._last = now
            self._say(self._line(now))

    def close(self) -> None:
        """The stage is over: one closing line with the count, time and rate."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        self._say(self._line(time.perf_counter(), final=True))

    def _line(self, now: float, final: bool = False) -> str:
        elapsed = max(now - self._started, 1e-9)
        rate = self.done / elapsed
        unit = f" {self.unit}" if self.unit else ""
        if final:
            return f"{self.label}: {self.done:,}{unit} in {elapsed:.1f} s ({rate:,.0f}/s)"
        return (f"{self.label}: {self.done:,}/{self.total:,}{unit} "
                f"({100 * self.done / max(self.total, 1):.0f}%, {rate:,.0f}/s)")
