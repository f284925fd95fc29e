"""Parsed and validated files kept between builds, so an unchanged note is never parsed twice.

``mkdocs serve`` rebuilds the whole knowledge base after every save; reading and validating
thousands of front-matters again would dominate that rebuild. An entry is reused while the file's
path, modification time (ns), size and inode are unchanged: an edit changes at least the mtime,
and editors that save by replacing the file change the inode. Entries
are returned as-is, so callers must not mutate what they get (the loader copies lists and dicts
into fresh Note and Entity objects).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass
class ParseCache(Generic[T]):
    """``path -> ((mtime_ns, size, inode), value)``; counts hits and misses for the benchmark."""

    entries: dict[str, tuple[tuple[int, int, int], T]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def get(self, key: str, abs_path: str | os.PathLike[str], compute: Callable[[], T],
            stamp: tuple[int, int, int] | None = None) -> T:
        """The cached value for the file, or ``compute()`` when it is new or changed. ``stamp``:
        the file's (mtime_ns, size, inode) when the caller has just read them."""
        if stamp is None:
            try:
                stat = os.stat(abs_path)
            except OSError:
                self.entries.pop(key, None)
                return compute()
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        entry = self.entries.get(key)
        if entry is not None and entry[0] == stamp:
            self.hits += 1
            return entry[1]
        self.misses += 1
        value = compute()
        self.entries[key] = (stamp, value)
        return value

    def forget_missing(self, keys: set[str]) -> None:
        """Drop entries of files that are gone."""
        for key in set(self.entries) - keys:
            del self.entries[key]

    def stats(self) -> dict[str, Any]:
        return {"entries": len(self.entries), "hits": self.hits, "misses": self.misses}
