"""`mkdocs serve` hears about saved notes from the kernel (inotify) instead of polling.

MkDocs 1.x offers no hook for this, so it patches private attributes of its live-reload server
(``_watched_paths``, ``_watch_refs``, ``_rebuild_cond``, ``_want_rebuild``). MkDocs 1.x is no longer
developed, so they stay as they are; if anything is not as expected, polling stays.
"""

from __future__ import annotations

import html
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

import watchdog.events

log = logging.getLogger("mkdocs.plugins.hallway")

#: File events that mean a file's content or presence changed. Native observers also report files
#: being opened and closed unwritten, which every build does to the notes and mkdocs.yml: reacting
#: to those would rebuild for ever.
_CHANGE_EVENTS = frozenset({"created", "deleted", "modified", "moved", "closed"})


#: Events that change nothing of a file (a directory's "modified" comes with every file change in it).
_NO_CHANGE_EVENTS = frozenset({"opened", "closed_no_write"})
#: Seconds without a file event before a rebuild starts (MkDocs waits 0.1 s).
BUILD_DELAY = 0.03
#: Past this many paths between two rebuilds (a checkout), the rebuild walks the folders anyway.
MAX_SAVED_PATHS = 1000


class SavedPaths:
    """The files the watcher saw change since the last rebuild took them (issue 16: a rebuild then
    need not walk 35,000 files to find the one saved). Unknown (``None``) until the watcher is the
    kernel's and a build has taken it once (``watch_from_start`` starts one before the first build
    reads the notes, so the first rebuild knows too; without it, the first rebuild walks), and
    after anything that is not a plain file event: a folder created, moved or removed, events the
    kernel dropped, a rebuild that failed before it finished loading."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._known = False
        self.active = False

    def add(self, event: watchdog.events.FileSystemEvent) -> None:
        """Note a watcher event (called from the watcher's thread)."""
        kind = event.event_type
        if kind in _NO_CHANGE_EVENTS or (event.is_directory and kind == "modified"):
            return
        with self._lock:
            if event.is_directory or kind not in _CHANGE_EVENTS | {"attrib"}:
                self._known = False
                return
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path:
                    self._paths.add(os.fsdecode(path))
            if len(self._paths) > MAX_SAVED_PATHS:
                self._known = False

    def take(self) -> set[str] | None:
        """The paths changed since the last call (``None``: not known); start collecting afresh."""
        with self._lock:
            paths = set(self._paths) if self._known and self.active else None
            self._paths.clear()
            self._known = self.active
            return paths

    def peek(self) -> set[str] | None:
        """The paths changed since the last :meth:`take`, without taking them (``None``: not known)."""
        with self._lock:
            return set(self._paths) if self._known and self.active else None

    def forget(self) -> None:
        """The last rebuild did not finish: the next one walks every folder."""
        with self._lock:
            self._known = False


class _OnChange(watchdog.events.FileSystemEventHandler):
    """Asks `mkdocs serve` for a rebuild, as MkDocs' own handler does, for real changes only."""

    def __init__(self, server: Any, saved: SavedPaths | None = None) -> None:
        self.server = server
        self.saved = saved

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if self.saved is not None:
            self.saved.add(event)
        if event.is_directory or event.event_type not in _CHANGE_EVENTS:
            return
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


class _OnSave(watchdog.events.FileSystemEventHandler):
    """Tells :class:`SavedPaths` of every event, and nothing else."""

    def __init__(self, saved: SavedPaths) -> None:
        self.saved = saved

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        self.saved.add(event)


def watch_from_start(folders: list[str], saved: SavedPaths) -> Any | None:
    """`hallway serve`: hear of saves in the notes' folders from before the first build reads them,
    so the first rebuild, too, knows which files changed (issue 16: it walked 35,000 files, ~0.3 s
    of the first edit after start). MkDocs starts its own watcher only once the first build is
    done. Returns the running observer (to stop at exit), or ``None`` where inotify is not there."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        from watchdog.observers import Observer

        observer = Observer()
        handler = _OnSave(saved)
        for folder in folders:
            observer.schedule(handler, folder, recursive=True)
        observer.start()
    except (OSError, RuntimeError) as err:
        log.debug("Hallway: no watcher before the first build (%s)", err)
        return None
    saved.active = True
    return observer


def watch_with_inotify(server: Any, saved: SavedPaths | None = None) -> bool:
    """Let `mkdocs serve` hear about saved notes from the kernel (inotify) instead of polling.

    MkDocs polls every watched file twice a second: with 7,000 notes that is 14% of a core while
    idle, up to 0.5 s before an edit is noticed, and a thread competing with each rebuild for the
    interpreter (issue 7). watchdog's native observer is told of changes at once. MkDocs 1.x is no
    longer developed, so the attributes used here stay as they are; if anything is not as expected,
    or inotify cannot watch these paths (its limits), polling stays. ``saved`` then hears of
    every changed path. Returns whether the kernel's watcher is in place.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        from watchdog.observers import Observer

        paths = list(server._watched_paths)
        server._rebuild_cond, server._want_rebuild  # noqa: B018 (fail here, not in a watcher thread)
        probe = Observer()
        for path in paths:
            probe.schedule(watchdog.events.FileSystemEventHandler(), path, recursive=True)
        probe.start()
        probe.stop()
        probe.join()
        observer = Observer()
        handler = _OnChange(server, saved)
        refs = {path: observer.schedule(handler, path, recursive=True) for path in paths}
    except (AttributeError, OSError, RuntimeError) as err:
        log.debug("Hallway: watching by polling (%s)", err)
        return False
    server.observer = observer
    server._watch_refs = refs
    # A save is a few events within milliseconds (truncate, write, close): MkDocs waits until none
    # came for 0.1 s, which the kernel's prompt events make a longer wait than needed (issue 16).
    server.build_delay = BUILD_DELAY
    if saved is not None:
        saved.active = True

    def watch(path: str, func: None = None, *, recursive: bool = True) -> None:
        """Paths watched after this (mkdocs.yml's `watch:`) go to the same observer and handler."""
        path = os.path.abspath(path)
        server._watched_paths[path] = server._watched_paths.get(path, 0) + 1
        if path not in server._watch_refs:
            server._watch_refs[path] = observer.schedule(handler, path, recursive=recursive)

    server.watch = watch
    return True


def show_build_errors(server: Any, current_error: Callable[[], str | None]) -> None:
    """While the last rebuild failed, every page the preview serves shows why, at the top.

    MkDocs' own reaction to a failed rebuild is to stop reloading the browser ("the server will
    appear stuck"); Hallway instead keeps the last good site, lets the browser reload, and adds the
    ``path:line`` messages here. Fixing the note and saving reloads the page without them. MkDocs 1.x
    injects its reload script in ``_inject_js_into_html``; without that method, errors stay in the
    terminal only.
    """
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        return

    def with_error(content: bytes, epoch: int) -> bytes:
        page: bytes = inject(content, epoch)
        error = current_error()
        if not error:
            return page
        banner = (
            '<div id="hallway-build-error" role="alert" style="position:fixed;z-index:10000;left:0;right:0;'
            "top:0;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#8b0000;color:#fff;"
            'font:14px/1.5 monospace;white-space:pre-wrap">'
            + html.escape(error)
            + "\n\nThis preview shows the last site that built. Fix the note and save: the page reloads"
            " by itself.</div>"
        ).encode("utf-8")
        at = page.rfind(b"</body>")
        return page + banner if at < 0 else page[:at] + banner + page[at:]

    server._inject_js_into_html = with_error


class _DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build "will likely lead to inaccurate navigation": Hallway's
    pages report themselves changed whenever anything they show changed, so its rebuilds are exact."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def quiet_dirty_warning() -> None:
    """Replace MkDocs' dirty-build warning with one line saying what Hallway's rebuilds do."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyWarning) for f in logger.filters):
        logger.addFilter(_DirtyWarning())
        log.info("Hallway: after an edit only the pages that show something of it are rendered again; "
                 "the result is the same as a full build (docs/performance.md)")
