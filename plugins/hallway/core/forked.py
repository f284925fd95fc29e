"""Forking a worker that reports back through a pipe, for the second processes of a large build.

Reading files (``kb/parallel_read.py``) and filling page templates (the adapter's second writer)
each fork the build once: the child shares everything the parent has loaded without pickling it,
does its share and sends what it made through a pipe; the parent reads the pipe as it goes on.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
from collections.abc import Callable
from multiprocessing.connection import Connection


def fork_reporting(work: Callable[[Connection], None], pipe_bytes: int = 0) -> tuple[int, Connection]:
    """Fork; the child runs ``work`` with the pipe's writing end and exits (status 0 if ``work``
    returned, 1 if it raised) without running the parent's exit code. Returns the child's process
    id and the pipe's reading end. ``pipe_bytes``: how far the child may run ahead of the parent,
    where Linux allows a bigger pipe. Raises ``OSError`` when the system cannot fork."""
    read_fd, write_fd = os.pipe()
    if pipe_bytes:
        with contextlib.suppress(OSError, AttributeError):
            fcntl.fcntl(write_fd, fcntl.F_SETPIPE_SZ, pipe_bytes)
    # The child shares the parent's memory until either writes to it; a garbage collection in the
    # child would write to every object it visits, frozen objects are not visited.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(read_fd)
        os.close(write_fd)
        raise
    if pid == 0:
        code = 1
        try:
            os.close(read_fd)
            work(Connection(write_fd, readable=False))
            code = 0
        finally:
            os._exit(code)
    gc.unfreeze()
    os.close(write_fd)
    return pid, Connection(read_fd, writable=False)
