"""The thin MkDocs adapter: feeds the core's pages to MkDocs and hands templates their view models.

Everything Hallway knows lives in :mod:`hallway.core`; this module only translates between the
core's :class:`~hallway.core.pages.siteplan.PageSpec` and MkDocs' files, pages and hooks.
"""

from __future__ import annotations

import gc
import hashlib
import html
import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import jinja2
import watchdog.events
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .core import profile as timing
from .core.build.cache import BuildCache
from .core.build.changes import Changes, PageTracker
from .core.build.pipeline import build_site
from .core.finish import unsafe_markup as dangerous
from .core.finish.page_finisher import Finished, ParallelFinisher, can_run_in_parallel, finish_page
from .core.finish.sanitize import clean_toc
from .core.kb.schema import ENTITY_FOLDERS, POSTS_FOLDER, TALKS_FOLDER
from .core.kb.sources import links_leaving
from .core.pages.site import Site
from .core.problems import HallwayError, Problem, Severity
from .core.publish.feed import write_feed
from .core.publish.json_export import write_export
from .core.publish.pagefind import BackgroundIndexer, search_document
from .core.relate.relations import release_caches

log = logging.getLogger("mkdocs.plugins.hallway")
#: Allocations between two young-generation garbage collections during a build (Python's default: 700).
GC_THRESHOLD = 50_000

DEFAULT_NAV: list[dict[str, str]] = [
    {"Home": "index.md"},
    {"Talks": f"{TALKS_FOLDER}/index.md"},
    {"Write-ups": f"{POSTS_FOLDER}/index.md"},
    {"Speakers": "speakers/index.md"},
    {"Events": "events/index.md"},
    {"Projects": "projects/index.md"},
    {"Topics": "topics/index.md"},
]


class HallwayConfig(base.Config):
    """Options under ``plugins: - hallway:`` in mkdocs.yml."""

    kb_dir = c.Optional(c.Type(str))
    """The knowledge base root (default: the folder holding mkdocs.yml)."""
    autolink = c.Choice(("first", "all", "off"), default="first")
    """Turn mentions of entities into links: the first on each page, all of them, or none."""
    search = c.Type(bool, default=True)
    """Index the built site with Pagefind for the search box (see hallway.core.publish.pagefind)."""
    parallel_min_pages = c.Type(int, default=500)
    """Finish pages (sanitising, linking) in a second process when a build renders at least this
    many pages (Linux, two or more cores; not in `mkdocs serve`). 0: always; a huge number: never."""
    dangerous_html = c.Choice(("error", "warn"), default="error")
    """Raw HTML a note may not use (<script>, on…=, javascript:…): fail the build, or only warn.
    Either way the sanitiser removes it from the page."""


# --- Incremental edit preview (issue 7) ------------------------------------------------------------
# `mkdocs serve --dirty` (what `hallway serve` runs) skips every page whose File.is_modified() is
# False. Generated files always count as modified, so Hallway's pages report instead whether their
# fingerprint (core/incremental.py) changed since the last build of this serve session.
class _TrackedFile(File):
    """A generated page that says it is unmodified when nothing it is rendered from changed."""

    changed = True
    _modified: bool | None = None

    def is_modified(self) -> bool:
        # Asked twice per page per build; the answer cannot change within a build.
        if self._modified is None:
            self._modified = self.changed or not os.path.isfile(self.abs_dest_path)
        return self._modified


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept between the rebuilds of one `mkdocs serve`.

    MkDocs makes a new Jinja environment for every build, so every rebuild compiled Material's
    templates again: ~0.5 s of a ~2 s rebuild at 5,000 talks. Jinja checks each template's source
    checksum, so an edited template is still compiled afresh.
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def _theme_key(config: Any) -> str:
    """What every page depends on outside the notes: mkdocs.yml and the template overrides."""
    digest = hashlib.blake2b(digest_size=16)
    if config.config_file_path and os.path.isfile(config.config_file_path):
        digest.update(Path(config.config_file_path).read_bytes())
    custom_dir = config.theme.custom_dir
    if custom_dir and os.path.isdir(custom_dir):
        for dirpath, _dirs, names in sorted(os.walk(custom_dir)):
            for name in sorted(names):
                stat = os.stat(os.path.join(dirpath, name))
                digest.update(f"{dirpath}/{name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()
# --- end of incremental edit preview ---------------------------------------------------------------


class HallwayPlugin(BasePlugin[HallwayConfig]):
    """Builds every talk, write-up, speaker, event, project and topic page of a knowledge base."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.root = Path(".")
        # Kept across the rebuilds of one `mkdocs serve` (MkDocs keeps a plugin with on_startup).
        self.serving = False
        self.dirty = False
        self.cache = BuildCache()
        self.tracker = PageTracker()
        self.changes: Changes | None = None
        self.incremental_rebuild = False
        """True during a `serve --dirty` rebuild that renders only the pages an edit affected.
        Post-build steps that redo whole-site work (search index, feeds, exports) may skip then;
        the next full build (`mkdocs build`) brings them up to date."""
        self._build_started = 0.0
        self._bytecode = _MemoryBytecodeCache()
        self._pages: dict[str, Page] = {}
        self.bodies: dict[str, tuple[str, int]] = {}
        self.unsafe: list[Problem] = []
        self.indexer: BackgroundIndexer | None = None
        self.finisher: ParallelFinisher | None = None
        self._finished: dict[str, Finished] = {}
        self._gc_threshold: tuple[int, ...] | None = None
        self._building = False

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: Any) -> Any:
        # Performance (issue 7): a build holds a few million long-lived objects (notes, view models,
        # MkDocs pages), and with Python's default threshold (700 allocations) the cyclic garbage
        # collector walked them over and over: ~20% of a 5,000-talk build, and of each serve rebuild.
        # Nearly everything here is freed by reference counting, so collections can be rarer.
        if self._gc_threshold is None:
            self._gc_threshold = gc.get_threshold()
            gc.set_threshold(GC_THRESHOLD, *self._gc_threshold[1:])
        # A serve --dirty rebuild renders a handful of pages, so it leaves little cyclic garbage, yet
        # a full collection over the kept caches cost 0.2-0.4 s of it: collect after it instead.
        self._building = True
        if self.serving and self.dirty and self.tracker.fingerprints:
            gc.disable()
        timing.reset()
        self._build_started = time.perf_counter()
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (config_dir / self.config.kb_dir).resolve() if self.config.kb_dir else config_dir
        if config.nav is None:
            config.nav = DEFAULT_NAV
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        timing.add("mkdocs: start-up and reading docs/", time.perf_counter() - self._build_started)
        site, problems = build_site(self.root, directory_urls=config.use_directory_urls,
                                    autolink=self.config.autolink,
                                    cache=self.cache if self.serving else None)
        if not self.serving:
            # Memory (issue 7): kept only for serve rebuilds (and `hallway check --suggest`); a
            # one-off build needs the room for Pagefind (~90 MB at 5,000 talks).
            release_caches()
            site.mentions.clear()
        # --- hardening (issue 8): docs/ files that are links out of the repository are refused ---
        config_dir = Path(config.config_file_path or ".").resolve().parent
        docs_dir = str(Path(config.docs_dir).resolve()) + "/"
        problems += links_leaving(config_dir, [f.abs_src_path for f in files
                                               if f.abs_src_path and f.abs_src_path.startswith(docs_dir)])
        self.bodies = dangerous.bodies(site.kb)
        self.unsafe = []
        # --- end hardening ---
        errors = [p for p in problems if p.severity == Severity.ERROR]
        for problem in problems:
            if problem.severity == Severity.WARNING:
                log.warning(problem.format())
        if errors:
            raise PluginError("Hallway found problems in the notes:\n"
                              + "\n".join(p.format() for p in errors))
        self.site = site
        with timing.stage("change tracking"):
            self._track_changes(site, config)
        for spec in site.pages:
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                files.remove(existing)
            file = _TrackedFile.generated(config, spec.src_uri, content=spec.markdown)
            assert isinstance(file, _TrackedFile)
            file.changed = self.changes is None or spec.src_uri in self.changes.changed
            file.edit_uri = quote(spec.edit_path) if spec.edit_path else None
            files.append(file)
            self._reuse_page(file)
        self._start_finisher(site)
        self._start_search(site, config)
        self._files_done = time.perf_counter()
        return files

    def _start_finisher(self, site: Site) -> None:
        """For a large build, finish pages in a second process beside MkDocs' rendering (issue 7).

        MkDocs renders every page's Markdown first, then every page's template: each page is handed
        over as its Markdown is rendered (on_page_content) and taken back for its template
        (on_page_context), so the work overlaps the rendering of the pages after it.
        """
        self._stop_finisher()
        if (not self.serving and len(site.pages) >= self.config.parallel_min_pages
                and can_run_in_parallel()):
            self.finisher = ParallelFinisher(site, self.bodies)

    def _stop_finisher(self) -> None:
        if self.finisher is not None:
            self.finisher.close()
            timing.add("sanitising and linking: second process (CPU)", self.finisher.worker_seconds)
            self.finisher = None

    def _record_unsafe(self, found: list[Problem]) -> None:
        if self.config.dangerous_html == "warn":
            for problem in found:
                log.warning(problem.format())
        self.unsafe += found

    def _start_search(self, site: Site, config: Any) -> None:
        """Get Pagefind ready to index the note pages as they are rendered (core/publish/pagefind.py).

        Skipped while `serve --dirty` re-renders only what an edit affected: the search index is
        whole-site work, so the first build's index stays until the next full build.
        """
        if self.indexer is not None:
            self.indexer.abort()
        self.indexer = None
        if self.config.search and not self.incremental_rebuild:
            notes = sum(1 for spec in site.pages if spec.context.get("type") == "note")
            self.indexer = BackgroundIndexer(config.site_dir, notes)

    def _reuse_page(self, file: _TrackedFile) -> None:
        """Give an unchanged page its Page object from the last build.

        MkDocs makes a Page for every file on every build (~0.8 s at 7,000 pages: URL joins) even
        when `--dirty` then skips rendering it. An unchanged page's Page is the same as last time.
        Navigation pages (the indexes) are left to MkDocs, which wires them into the nav.
        """
        old = self._pages.get(file.src_uri)
        if old is not None and not file.changed and not file.src_uri.endswith("index.md"):
            old.file = file
            file.page = old

    def _track_changes(self, site: Site, config: Any) -> None:
        """In `--dirty` builds: which pages changed since the last build; delete pages now gone."""
        if not self.dirty:
            self.changes, self.incremental_rebuild = None, False
            return
        self.changes = self.tracker.update(site, _theme_key(config), self.cache.scans.changed_forms)
        self.incremental_rebuild = not self.changes.first
        for src_uri in self.changes.removed:
            dest = File(src_uri, None, config.site_dir, config.use_directory_urls).abs_dest_path
            if os.path.isfile(dest):
                os.remove(dest)
        log.info("Hallway: %s", self.changes.summary())

    def _spec(self, page: Page) -> Any:
        return self.site.specs.get(page.file.src_uri) if self.site else None

    def on_page_read_source(self, page: Page, config: Any) -> str | None:
        spec = self._spec(page)
        # A leading blank line stops MkDocs from reading the body's first line as metadata.
        return None if spec is None else "\n" + spec.markdown

    def on_page_markdown(self, markdown: str, page: Page, config: Any, files: Files) -> str:
        spec = self._spec(page)
        if spec is not None:
            # Material prints page titles unescaped in places: give it escaped text.
            safe_title = html.escape(spec.title)
            page.meta["title"] = safe_title
            page.meta["template"] = spec.template
            page.title = safe_title
        return markdown

    def on_page_content(self, html: str, page: Page, config: Any, files: Files) -> str:
        spec = self._spec(page)
        if spec is None:
            return html
        assert self.site is not None
        with timing.stage("sanitising"):
            clean_toc(page.toc)  # hardening (issue 8): the theme prints TOC titles unescaped
        if self.finisher is not None:
            with timing.stage("sanitising and linking: handing over"):
                self.finisher.submit(spec.src_uri, spec.edit_path, html)
            return ""  # the finished HTML is put in place in on_page_context
        finished = finish_page(self.site, self.bodies, spec.src_uri, spec.edit_path, html)
        self._record_unsafe(finished.unsafe)
        return finished.html

    def on_page_context(self, context: Any, page: Page, config: Any, nav: Any) -> Any:
        spec = self._spec(page)
        if spec is not None:
            context["hallway"] = spec.context
            finished = self._finished.pop(spec.src_uri, None)
            if finished is not None:
                page.content = finished.html
                self._record_unsafe(finished.unsafe)
        return context

    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        spec = self._spec(page)
        if self.indexer is not None and spec is not None and spec.context.get("type") == "note":
            with timing.stage("search indexing"):
                document = search_document(output)
                if document is not None:
                    self.indexer.add(page.file.dest_uri, document)
        return output

    def on_build_error(self, error: Exception) -> None:
        self._collect_later()
        self._stop_finisher()
        if self.indexer is not None:
            self.indexer.abort()
            self.indexer = None

    def on_env(self, env: jinja2.Environment, config: Any, files: Files) -> jinja2.Environment:
        if self.incremental_rebuild:
            # The sitemap lists every page (7,000 at 5,000 talks); an edit preview does not need it
            # again, and the next full build writes it.
            config.theme.static_templates.discard("sitemap.xml")
        if self.finisher is not None:
            # Every page's Markdown is rendered: take every finished page back and stop the worker,
            # so that its memory is free before Pagefind, which needs the most, runs.
            with timing.stage("sanitising and linking: waiting"):
                self._finished = self.finisher.drain()
            self._stop_finisher()
        if self.serving:
            env.bytecode_cache = self._bytecode
        if self.dirty and self.site is not None:
            pages = ((spec.src_uri, files.get_file_from_path(spec.src_uri)) for spec in self.site.pages)
            self._pages = {src: file.page for src, file in pages if file is not None and file.page}
        return env

    def _collect_later(self) -> None:
        """Collect the garbage a serve rebuild left, once the browser has been told to reload, and
        not while the next rebuild runs (a full collection there is what this avoids)."""
        self._building = False
        if not gc.isenabled():
            gc.enable()
            threading.Timer(1.0, self._collect_if_idle).start()

    def _collect_if_idle(self) -> None:
        if not self._building:
            gc.collect()

    def on_post_build(self, config: Any) -> None:
        self._collect_later()
        for finished in self._finished.values():  # pages MkDocs rendered no template for
            self._record_unsafe(finished.unsafe)
        self._finished = {}
        if self.unsafe and self.config.dangerous_html == "error":
            raise PluginError("Hallway found markup that notes may not use (the site removes it):\n"
                              + "\n".join(p.format() for p in sorted(self.unsafe)))
        self._post_build_started = time.perf_counter()  # HALLWAY_PROFILE: post-build steps from here
        # Publishing extras: the Atom feed and the JSON export of the whole knowledge base.
        # Skipped while `serve --dirty` re-renders only what an edit affected (incremental_rebuild):
        # they are whole-site work (~1 s at 5,000 talks) nobody previews; any full build writes them.
        if self.site is not None and not self.incremental_rebuild:
            write_feed(config.site_dir, self.site.kb, config.site_url, config.site_name,
                       config.use_directory_urls)
            write_export(config.site_dir, self.site.kb, self.site.relations, config.site_url,
                         config.use_directory_urls)
        try:
            self._finish_search()
        finally:
            if self.serving:
                self._dump_profile()  # each serve build overwrites it: the last build's profile

    def _finish_search(self) -> None:
        """Wait for Pagefind; nothing to do if search is off or a serve --dirty rebuild keeps the
        first build's index."""
        if self.indexer is None:
            return
        indexer, self.indexer = self.indexer, None
        try:
            with timing.stage("search indexing"), timing.stage("search indexing: waiting for Pagefind"):
                indexer.finish()
        except HallwayError as err:
            raise PluginError(str(err)) from err
        finally:
            timing.add("search indexing: Pagefind beside the build", indexer.background_seconds)

    def on_shutdown(self) -> None:
        self._dump_profile()
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)
            self._gc_threshold = None

    def _dump_profile(self) -> None:
        """Write where the build's time went to $HALLWAY_PROFILE (for scripts/bench.py)."""
        path = os.environ.get(timing.PROFILE_ENV)
        if not path or not self._build_started:
            return
        now = time.perf_counter()
        post_build = getattr(self, "_post_build_started", now)
        timing.dump(path, {
            "total_seconds": round(now - self._build_started, 6),
            "pages_and_assets_seconds": round(post_build - getattr(self, "_files_done", post_build), 6),
            "post_build_seconds": round(now - post_build, 6),
            "pages": len(self.site.pages) if self.site else 0,
            "changes": None if self.changes is None else {
                "changed": len(self.changes.changed), "unchanged": self.changes.unchanged,
                "removed": len(self.changes.removed)},
            "parse_cache": self.cache.files.stats(),
            "scan_memo": {"hits": self.cache.scans.hits, "misses": self.cache.scans.misses},
        })

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for folder in (TALKS_FOLDER, POSTS_FOLDER, *ENTITY_FOLDERS.values()):
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        _watch_with_inotify(server)
        return server


#: File events that mean a file's content or presence changed. Native observers also report files
#: being opened and closed unwritten, which every build does to the notes and mkdocs.yml: reacting
#: to those would rebuild for ever.
_CHANGE_EVENTS = frozenset({"created", "deleted", "modified", "moved", "closed"})


class _OnChange(watchdog.events.FileSystemEventHandler):
    """Asks `mkdocs serve` for a rebuild, as MkDocs' own handler does, for real changes only."""

    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in _CHANGE_EVENTS:
            return
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def _watch_with_inotify(server: Any) -> None:
    """Let `mkdocs serve` hear about saved notes from the kernel (inotify) instead of polling.

    MkDocs polls every watched file twice a second: with 7,000 notes that is 14% of a core while
    idle, up to 0.5 s before an edit is noticed, and a thread competing with each rebuild for the
    interpreter (issue 7). watchdog's native observer is told of changes at once. MkDocs 1.x is no
    longer developed, so the attributes used here stay as they are; if anything is not as expected,
    or inotify cannot watch these paths (its limits), polling stays.
    """
    if not sys.platform.startswith("linux"):
        return
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
        handler = _OnChange(server)
        refs = {path: observer.schedule(handler, path, recursive=True) for path in paths}
    except (AttributeError, OSError, RuntimeError) as err:
        log.debug("Hallway: watching by polling (%s)", err)
        return
    server.observer = observer
    server._watch_refs = refs

    def watch(path: str, func: None = None, *, recursive: bool = True) -> None:
        """Paths watched after this (mkdocs.yml's `watch:`) go to the same observer and handler."""
        path = os.path.abspath(path)
        server._watched_paths[path] = server._watched_paths.get(path, 0) + 1
        if path not in server._watch_refs:
            server._watch_refs[path] = observer.schedule(handler, path, recursive=recursive)

    server.watch = watch
