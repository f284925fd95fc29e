"""`mkdocs serve`: the theme's files are listed once, not again on every rebuild.

Before each build MkDocs lists every file of the theme's folders to copy its static files, and
matches each name against a dozen patterns: Material ships ~14,500 files (its icons), so that was
~0.2 s of every rebuild (issue 16: an edit must show in 2 s at 20,000 talks). The listing is kept
while no folder of the theme changed (a file added or removed changes its folder's mtime; a new
folder changes its parent's). MkDocs 1.x offers no hook before it lists them, so the Jinja
environment the theme makes gets a remembering ``list_templates``; the listing itself is Jinja's.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import jinja2

Stamps = tuple[tuple[str, int], ...]


def _folder_stamps(dirs: list[str]) -> Stamps:
    """Every folder under the theme's folders, with its modification time."""
    found: list[tuple[str, int]] = []
    for top in dirs:
        for folder, subfolders, _ in os.walk(top):
            subfolders.sort()
            found.append((folder, os.stat(folder).st_mtime_ns))
    return tuple(found)


def _restamp(stamps: Stamps) -> bool:
    """Whether every folder of ``stamps`` is still there with the same modification time."""
    try:
        return all(os.stat(folder).st_mtime_ns == mtime for folder, mtime in stamps)
    except OSError:
        return False


class ThemeListing:
    """The theme's file listing of the last rebuild of a serve session, while it holds."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._stamps: Stamps = ()
        self._names: list[str] = []
        self.listed = 0
        """How many times the theme's folders were listed (for tests)."""

    def install(self, theme: Any, extra_key: tuple[object, ...]) -> None:
        """Make ``theme.get_env()`` give environments that list the theme's files through this
        memo. ``extra_key``: what MkDocs' filter of the listing depends on (the theme's static
        templates, Markdown extensions)."""
        make_env: Callable[[], jinja2.Environment] = theme.get_env
        dirs = list(theme.dirs)

        def get_env() -> jinja2.Environment:
            env = make_env()
            list_all = env.list_templates

            def list_templates(extensions: Any = None, filter_func: Callable[[str], bool] | None = None
                               ) -> list[str]:
                if extensions is not None or filter_func is None:
                    return list_all(extensions, filter_func)
                return self.names(dirs, (filter_func.__code__, *extra_key),
                                  lambda: list_all(filter_func=filter_func))

            env.list_templates = list_templates  # type: ignore[method-assign]
            return env

        theme.get_env = get_env

    def names(self, dirs: list[str], key: tuple[object, ...], list_now: Callable[[], list[str]]) -> list[str]:
        """The filtered listing for ``key``: the last one while the theme's folders are unchanged."""
        full_key = (tuple(dirs), *key)
        if full_key == self._key and _restamp(self._stamps):
            return list(self._names)
        stamps = _folder_stamps(dirs)
        self._names = list_now()
        self._key, self._stamps = full_key, stamps
        self.listed += 1
        return list(self._names)
