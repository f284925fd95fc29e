"""A one-off build of a large program converts the talks' abstracts in a second process.

Each talk page of an imported program shows its abstract, Markdown made HTML and sanitised: ~0.5 ms
each, ~2-3 s of planning at 5,000 talks (4,001 abstracts) and ~12 s for the pyvideo archive's
17,500 (issue 16: a build must stay at most half of Material's own, and the second core has nothing
to do while the notes are linked and related). So once the notes are loaded, a forked child
converts the abstracts, last note first, and sends the HTML back through a pipe; a thread of the
parent puts each in the dict the page planner reads. The planner goes first note first and converts
any abstract not there yet itself, so nothing waits for the child: the two meet in the middle, and
the HTML is the same either way (the same function makes it). ``tests/test_abstracts_beside.py``
compares with and without. Not for the largest builds, whose memory is the tighter budget
(``MAX_NOTES``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from multiprocessing.connection import Connection

from ..forked import fork_reporting
from ..kb.model import KnowledgeBase
from .siteplan import abstract_html, program_abstract

MIN_ABSTRACTS = 300
"""Below this many abstracts the fork costs more than it saves."""
MAX_NOTES = 8_000
"""From this many notes a build's peak memory is what matters (Pagefind then runs after publishing,
``session.HOLD_SEARCH_FROM_NOTES``): the HTML arriving among linking's temporaries kept ~27 MiB of
the archive's heap from being given back (2,054 MiB for all processes instead of 2,027, over
issue 16's 2 GiB), so those builds convert abstracts while planning, as before."""
_BATCH = 64
"""Abstracts the child reports at a time."""


class AbstractsBeside:
    """The abstracts' HTML as a forked child makes it (:attr:`html`, filled as results arrive)."""

    def __init__(self, texts: list[str]) -> None:
        self.html: dict[str, str] = {}
        self._child, conn = fork_reporting(lambda out: _convert(texts, out), 1 << 20)
        self._receiver = threading.Thread(target=self._receive, args=(conn,), name="hallway-abstracts",
                                          daemon=True)
        self._receiver.start()

    def _receive(self, conn: Connection) -> None:
        with conn, contextlib.suppress(EOFError, OSError):
            while True:
                self.html.update(conn.recv())

    def close(self) -> None:
        """Planning is done: stop the child if it is still converting, and reap it."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._child, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._child, 0)
        self._receiver.join()


def _convert(texts: list[str], out: Connection) -> None:
    batch: dict[str, str] = {}
    for text in texts:
        batch[text] = abstract_html(text)
        if len(batch) >= _BATCH:
            out.send(batch)
            batch = {}
    if batch:
        out.send(batch)
    out.close()


def abstracts_beside(kb: KnowledgeBase) -> AbstractsBeside | None:
    """Start converting the abstracts of ``kb``'s notes in a second process, last note first, when
    there are enough of them, not too many notes, and the system can fork; else ``None``."""
    if len(kb.notes) >= MAX_NOTES:
        return None
    texts = list(dict.fromkeys(text for note in sorted(kb.notes.values(), key=lambda n: n.path, reverse=True)
                               if (text := program_abstract(note))))
    if len(texts) < MIN_ABSTRACTS:
        return None
    try:
        return AbstractsBeside(texts)
    except OSError:
        return None
