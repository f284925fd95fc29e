"""Scratch folders named by the process that made them, so that a later run removes the ones a
dead process left behind.

A killed ``hallway serve`` (or a build stopped mid-way) never reaches its clean-up, and its search
documents (every note's indexed part: ~45 MB at the pyvideo archive) stayed in the temporary
folder for good; so did the import writer's scratch files. Each folder's name starts with its
process id, and making a new one removes those whose process is gone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fresh_folder(prefix: str, base: Path | str | None = None) -> Path:
    """A new folder ``<base>/<prefix><pid>-<random>`` (``base``: the system's temporary folder),
    after removing the ``<prefix><pid>-…`` folders there of processes that no longer run."""
    where = Path(base) if base is not None else Path(tempfile.gettempdir())
    for old in where.glob(f"{prefix}*"):
        pid = old.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)) and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=where))


MEMORY_FOLDER = Path("/dev/shm")
"""Linux's memory-backed folder (tmpfs) that every process may write to."""


def memory_backed(needed_bytes: int) -> Path | None:
    """``/dev/shm`` when it is there, writable, and has room for twice ``needed_bytes`` and 64 MiB
    more (containers often give it only 64 MiB); otherwise ``None`` (the system's temporary folder).

    Performance (issue 16): a build hands Pagefind one small file per note in folders that mirror
    the site; creating 5,000 folders and files on a virtual machine's disk cost ~2.5 s of a
    5,000-talk build's page writing (kernel time in the writer thread, which shares the build's
    process). In memory they cost a fraction of that; they are removed once Pagefind has read them.
    """
    try:
        if not MEMORY_FOLDER.is_dir() or not os.access(MEMORY_FOLDER, os.W_OK | os.X_OK):
            return None
        stats = os.statvfs(MEMORY_FOLDER)
    except OSError:
        return None
    return MEMORY_FOLDER if stats.f_bavail * stats.f_frsize >= 2 * needed_bytes + 64 * 2**20 else None

