"""Reading a large knowledge base's files in two processes, for a one-off build.

Reading, parsing and validating every file is the largest part of planning a large site (issue 16:
~4.6 s of a 45 s build at 5,000 talks, while the second core has nothing to do until the pages are
planned), and each file is read on its own. So a one-off build of ``PARALLEL_READ_MIN`` files or
more forks once: the child reads every other file and sends what it found back through a pipe,
in order, while the parent reads the rest; a thread in the parent receives the child's results as
they come, so the child never waits for a full pipe. Both processes run the same function on the
same files, so the knowledge base is the same either way (``tests/test_parallel_read.py``). If the
child cannot be started or dies, the parent reads whatever the child did not send.

The standard library's process pools were not used: they would pickle each file's path out and
start their workers anew, where a fork shares the loaded modules and needs one pipe.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

from ..forked import fork_reporting
from .sources import SourceFile

T = TypeVar("T")

PARALLEL_READ_MIN = 2_000
"""Below this many files the fork costs more than it saves (~0.5 ms a file, ~10 ms to fork)."""
_BATCH = 128
"""Files the child reports at a time (fewer, larger messages through the pipe)."""


def read_all(sources: Sequence[SourceFile], read: Callable[[SourceFile], T], parallel: bool) -> list[T]:
    """``read(source)`` for every source, in order; with ``parallel``, and enough files, every other
    one is read by a forked child process (Linux: the caller decides that forking is allowed)."""
    if not parallel or len(sources) < PARALLEL_READ_MIN:
        return [read(source) for source in sources]
    received: list[T] = []
    try:
        child, conn = _fork(sources, read)
    except OSError:
        return [read(source) for source in sources]
    reader = threading.Thread(target=_receive, args=(conn, received), name="hallway-read", daemon=True)
    reader.start()
    mine = [read(source) for source in sources[0::2]]
    reader.join()
    conn.close()
    with contextlib.suppress(ChildProcessError):
        os.waitpid(child, 0)
    # A child that died part-way: the parent reads what it did not send.
    received += [read(source) for source in sources[1::2][len(received):]]
    results = mine + received  # any list of the right length, then put in order
    results[0::2], results[1::2] = mine, received
    return results


def _fork(sources: Sequence[SourceFile], read: Callable[[SourceFile], T]) -> tuple[int, Connection]:
    def work(out: Connection) -> None:  # in the child: read its share and send it in batches
        batch: list[T] = []
        for source in sources[1::2]:
            batch.append(read(source))
            if len(batch) == _BATCH:
                out.send(batch)
                batch = []
        if batch:
            out.send(batch)
        out.close()

    return fork_reporting(work)


def _receive(conn: Connection, into: list[T]) -> None:
    while True:
        try:
            into.extend(conn.recv())
        except (EOFError, OSError):
            return
