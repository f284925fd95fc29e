"""One build — or the rebuilds of one ``hallway serve`` — driven by whatever site engine renders it.

The engine (MkDocs today, through ``hallway.mkdocs_plugin``) renders Markdown and templates; the
session owns everything Hallway does around that, in the order of the pipeline:

1. :meth:`BuildSession.plan` — load, validate, link, relate and plan every page
   (``build/pipeline.py``); in serve, work out which pages an edit changed (``build/changes.py``);
   start the page finisher and the search indexer.
2. :meth:`BuildSession.finish_page` / :meth:`BuildSession.take_finished` — each page's rendered
   body: report and remove unsafe markup, then link mentions (``finish/``), in a second process for
   large builds.
3. :meth:`BuildSession.all_rendered` — every page's Markdown is rendered: take the finished pages
   back and stop the worker before Pagefind needs the memory.
4. :meth:`BuildSession.publish_page` — lighten each page and hand note pages to Pagefind
   (``publish/pagefind.py``).
5. :meth:`BuildSession.publish` — fail on unsafe markup, write the feed and the JSON export; in a
   one-off build drop the site and give its memory back, then run Pagefind and wait for it; write
   the timing profile.
6. :meth:`BuildSession.failed` / :meth:`BuildSession.close` — clean up after a failure or at exit.

What it keeps across the rebuilds of a serve session (parsed files, mention scans, term counts,
page fingerprints) lives here too, never in module state. It knows nothing of MkDocs: an engine
adapter calls one method per hook and translates its own objects.
"""

from __future__ import annotations

import gc
import os
import shutil
import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..finish import unsafe_markup
from ..finish.page_finisher import Finished, ParallelFinisher, can_run_in_parallel, finish_page
from ..finish.page_weight import PageWeight
from ..pages.addnotes import repository
from ..pages.paging import Paging
from ..pages.site import Site
from ..problems import HallwayError, Problem, Severity
from ..profile import PROFILE_ENV, Profile
from ..progress import Progress
from ..publish.feed import write_feed
from ..publish.graph_data import write_graph_data
from ..publish.icons import write_icons
from ..publish.json_export import write_export
from ..publish.pagefind import (
    BackgroundIndexer,
    remove_document,
    search_document,
    swap_index,
    without_search_data,
)
from ..publish.previews import write_previews
from ..publish.redirects import write_redirects
from ..publish.search_names import write_filter_names
from ..publish.sitemap import split_sitemap
from ..publish.theme_assets import drop_unused_theme_files
from ..relate.relations import build_relations
from ..relate.timeline import build_timeline
from ..scratch import fresh_folder
from .cache import BuildCache
from .changes import Changes, PageTracker
from .graph_worker import BackgroundGraphs, Graphs, apply_local_graphs, make_graphs
from .memory import forget_caches, give_memory_back
from .pipeline import build_site, plan_pages

#: Allocations between two young-generation garbage collections during a build (Python's default: 700).
GC_THRESHOLD = 50_000
CHECK_REPLAN_ENV = "HALLWAY_CHECK_REPLAN"
"""Set (tests): every serve rebuild also plans every page and fails if a kept page differs."""

#: Serve rebuilds in a row without an idle second to collect their cyclic garbage before one collects.
UNCOLLECTED_REBUILDS = 10
#: Idle collections after which the one that follows also walks the objects frozen before (serve).
FROZEN_COLLECTIONS = 30


class BuildFailed(HallwayError):
    """The build stops: problems in the notes, unsafe markup, or search indexing that failed."""

    def __init__(self, heading: str, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.args = (heading + "\n" + "\n".join(p.format() for p in problems),)


@dataclass(frozen=True)
class BuildOptions:
    """How to build: the ``hallway`` plugin's options plus what the engine was asked to do."""

    autolink: Literal["first", "all", "off"] | str = "first"
    search: bool = True
    parallel_min_pages: int = 500
    local_graph: bool = True
    """Draw each note and entity page's local graph (``scripts/bench_graph.py`` measures its cost)."""
    unsafe_markup: Literal["error", "warn"] | str = "error"
    serving: bool = False
    """A long-running preview (``hallway serve``): keep caches between builds, never fork."""
    incremental: bool = False
    """Render only the pages an edit changed (serve's ``--dirty``)."""
    progress_min_pages: int = 2000
    """Builds of at least this many pages say how far they are (``core/progress.py``)."""
    paging: Paging = field(default_factory=Paging)
    """How long a list may grow on one page before it is split (``pages/paging.py``)."""


@dataclass(frozen=True)
class Output:
    """Where the engine writes the site, and the site's address."""

    site_dir: str
    site_url: str | None
    site_name: str
    directory_urls: bool = True
    repo_url: str | None = None
    """The site's repository (``https://github.com/<owner>/<repo>``): "Add your notes" links."""
    edit_uri: str | None = None
    """Its edit path (``edit/<branch>/<folder>/``), as for "Edit this page"."""


HOLD_SEARCH_FROM_NOTES = 8_000
"""From this many notes Pagefind (~64 KB a note: ~0.5 GiB) starts only once the build has published
and given its memory back; below, it runs beside the build's last pages."""

_WRITTEN: dict[str, Any] = {}
"""The view model of every page a one-off build has written (nothing reads it again)."""


class BuildSession:
    """Everything Hallway does around the engine's rendering, one call per stage (see module doc)."""

    def __init__(self, options: BuildOptions, warn: Callable[[str], None],
                 info: Callable[[str], None] | None = None) -> None:
        self.options = options
        self._warn = warn
        self._warn_info = info or (lambda text: None)
        self.cache = BuildCache()
        self.tracker = PageTracker()
        self.site: Site | None = None
        self.changes: Changes | None = None
        self.profile = Profile()
        self.unsafe: list[Problem] = []
        self._bodies: dict[str, tuple[str, int]] = {}
        self._finisher: ParallelFinisher | None = None
        self._graph_job: BackgroundGraphs | None = None
        self._graphs: Graphs | None = None
        self._finished: dict[str, Finished] = {}
        self._indexer: BackgroundIndexer | None = None
        # Serve: every note page's search document, kept between rebuilds so that a rebuild re-indexes
        # them all with the edited ones (Pagefind has no incremental mode), beside the preview.
        self._search_docs: Path | None = None
        self._search_dest: dict[str, str] = {}
        self._reindex: threading.Thread | None = None
        self._reindexing: BackgroundIndexer | None = None
        self._reindex_pending = False
        self._reindex_count = 0
        self._swap_lock = threading.Lock()
        self.error: BuildFailed | None = None
        """Serve: why the last rebuild failed (the preview keeps the last good site meanwhile)."""
        self._gc_threshold: tuple[int, ...] | None = None
        self._building = False
        self._uncollected = 0
        self._idle_collections = 0
        self._frozen = False
        self._started = 0.0
        self._planned = 0.0
        self._publishing: float | None = None
        self._page_count = 0
        self._rendering: Progress | None = None
        self._writing: Progress | None = None
        self._weight = PageWeight()

    # --- 1. plan ---------------------------------------------------------------------------------
    @property
    def incremental_rebuild(self) -> bool:
        """True during a serve rebuild that renders only the pages an edit affected. Whole-site work
        (search index, feed, export, sitemap) is skipped then; the next full build brings it up to
        date."""
        return self.changes is not None and not self.changes.first

    def begin(self) -> None:
        """A build starts (before the engine reads its files)."""
        # Performance (issue 7): a build holds a few million long-lived objects (notes, view models,
        # engine pages), and with Python's default threshold (700 allocations) the cyclic garbage
        # collector walked them over and over: ~20% of a 5,000-talk build, and of each serve rebuild.
        # Nearly everything here is freed by reference counting, so collections can be rarer.
        if self._gc_threshold is None:
            self._gc_threshold = gc.get_threshold()
            gc.set_threshold(GC_THRESHOLD, *self._gc_threshold[1:])
        # A serve --dirty rebuild renders a handful of pages, so it leaves little cyclic garbage, yet
        # a full collection over the kept caches cost 0.2-0.4 s of it: collect after it instead.
        self._building = True
        if self.options.serving:
            # The last rebuild's search re-index is out of date from now on, and Pagefind beside a
            # rebuild took its CPU: an archive body edit saved during the re-index took 7.9 s
            # instead of 5.5 s. It is stopped here, not once the notes are planned.
            self._stop_reindex()
        if self.options.serving and self.options.incremental and self.tracker.fingerprints:
            if not gc.isenabled() and self._uncollected >= UNCOLLECTED_REBUILDS:
                gc.collect()  # saves came faster than the idle collection: catch up now and then
                self._uncollected = 0
            gc.disable()
        self.profile = Profile()
        self._started = time.perf_counter()
        self._publishing = None
        self._weight = PageWeight()

    def plan(self, root: Path, output: Output, theme_key: str = "",
             more_problems: Iterable[Problem] = (), changed_paths: Collection[str] | None = None) -> Site:
        """Load, check, link, relate and plan the knowledge base at ``root``; start the workers.

        ``theme_key`` digests what every page depends on outside the notes (engine configuration,
        templates); ``more_problems`` are the engine's own findings; ``changed_paths`` (serve) the
        absolute paths the engine's file watcher saw change since the last rebuild, ``None`` when
        not known. Raises :class:`BuildFailed` on any error, after logging warnings through ``warn``.
        """
        self.profile.add("engine: start-up and reading files", time.perf_counter() - self._started)
        serving = self.options.serving
        site, problems = build_site(root, directory_urls=output.directory_urls,
                                    autolink=self.options.autolink,
                                    cache=self.cache if serving else None, profile=self.profile,
                                    repo_url=output.repo_url, edit_uri=output.edit_uri,
                                    say=None if self.tracker.fingerprints else self._say_progress,
                                    say_from=self.options.progress_min_pages,
                                    paging=self.options.paging,
                                    parallel_read=not serving and can_run_in_parallel(),
                                    changed_paths=changed_paths if serving else None)
        if not serving:
            # Memory (issue 7): kept only for serve rebuilds (and `hallway check --suggest`); a
            # one-off build needs the room for Pagefind (~90 MB at 5,000 talks).
            site.mentions.clear()
        problems += more_problems
        self._bodies = unsafe_markup.bodies(site.kb)
        self.unsafe = []
        for problem in problems:
            if problem.severity == Severity.WARNING:
                self._warn(problem.format())
        errors = [p for p in problems if p.severity == Severity.ERROR]
        if errors:
            raise BuildFailed("Hallway found problems in the notes:", errors)
        self.site = site
        self.error = None
        if serving:
            self.cache.plan = site.plan  # accepted: the next rebuild plans against it
        self._start_graphs(site, output)
        if site.kept and os.environ.get(CHECK_REPLAN_ENV):
            self._check_replan(site, output)
        with self.profile.stage("change tracking"):
            self.changes = (self.tracker.update(site, theme_key, self.cache.scans.changed_forms)
                            if self.options.incremental else None)
        self._start_finisher(site)
        self._start_search(site, output)
        self._planned = time.perf_counter()
        self._start_progress(site)
        return site

    def _check_replan(self, site: Site, output: Output) -> None:
        """``HALLWAY_CHECK_REPLAN=1`` (tests): plan every page again and fail on any page the
        serve rebuild kept from the last plan that differs (``pages/replan.py``), related and
        put on the timeline afresh too (the session's memos keep parts of both)."""
        relations = build_relations(site.kb, site.mentions)
        timeline = build_timeline(site.kb, relations)
        _, pages, _ = plan_pages(site.kb, relations, timeline, output.directory_urls,
                                 repository(output.repo_url, output.edit_uri), self.options.paging,
                                 None, None, [], Profile())
        full = Site(site.kb, relations, pages, site.matcher, site.mentions, site.autolink,
                    timeline=timeline)
        apply_local_graphs(full, make_graphs(full, output.directory_urls, with_layout=False,
                                             local=self.options.local_graph))
        # Compared by value: fingerprints (pickles) also tell apart equal strings that are one
        # object in one plan and two in the other (a related talk's reason and its speaker's name).
        mine = {spec.src_uri: vars(spec) for spec in site.pages}
        full_plan = {spec.src_uri: vars(spec) for spec in full.pages}
        differ = sorted(src for src in mine.keys() | full_plan.keys() if mine.get(src) != full_plan.get(src))
        if differ:
            raise AssertionError(f"{len(differ)} page(s) kept from the last plan differ from a full "
                                 f"plan ({len(site.kept)} kept): {', '.join(differ[:12])}")

    def _say_progress(self, text: str) -> None:
        self._warn_info(f"Hallway: {text}")

    def _start_progress(self, site: Site) -> None:
        """A large build (or serve's first) shows how far rendering and writing are (issue 16)."""
        self._rendering = self._writing = None
        first = self.changes is None or self.changes.first
        if len(site.pages) >= self.options.progress_min_pages and first:
            self._rendering = Progress("Hallway: rendering pages", len(site.pages), self._warn_info, "pages")

    def keep_last_site(self, error: BuildFailed, output: Output) -> Site | None:
        """Serve: a rebuild failed. Keep previewing the last good site, rendering nothing again, and
        remember the error so that the engine can show it in the browser; ``None`` when there is no
        good site to keep (a one-off build, or the first build of a session), so the build fails."""
        if not self.options.serving or self.site is None:
            return None
        self.error = error
        self.unsafe = []
        if self.options.incremental:
            self.changes = Changes(first=False)  # nothing to render again, no index to update
            if self._indexer is not None:
                self._indexer.abort()
                self._indexer = None
        else:  # every page is written again, so is the search index
            self._start_search(self.site, output)
        return self.site

    def is_changed(self, src_uri: str) -> bool:
        """Whether the engine must render this page again (always, outside incremental rebuilds)."""
        return self.changes is None or src_uri in self.changes.changed

    def _start_finisher(self, site: Site) -> None:
        """For a large build, finish pages in a second process beside the engine's rendering (issue 7).

        Engines render every page's Markdown first, then every page's template: each page is handed
        over as its Markdown is rendered and taken back for its template, so the work overlaps the
        rendering of the pages after it.
        """
        self._stop_finisher()
        if self._second_process_pays(site):
            self._finisher = ParallelFinisher(site, self._bodies)

    def _second_process_pays(self, site: Site) -> bool:
        """A one-off build of ``parallel_min_pages`` or more, on Linux with two or more cores: the
        condition for every second process (page finisher, graphs, template writer)."""
        return (not self.options.serving and len(site.pages) >= self.options.parallel_min_pages
                and can_run_in_parallel())

    def writes_in_parallel(self) -> bool:
        """Whether the engine may render page templates in a second process too (issue 16): a
        one-off build large enough to pay for the fork, on Linux with two or more cores, and with
        memory to spare while pages are written. The fork's copied pages cost ~160 MiB at 5,000
        talks; below ``HOLD_SEARCH_FROM_NOTES`` notes Pagefind runs beside the writing, and the three
        together passed issue 7's 1 GiB there. Past it Pagefind waits until every page is written,
        or there is no Pagefind. ``parallel_min_pages: 0`` means always (tests compare both ways)."""
        if self.site is None or not self._second_process_pays(self.site):
            return False
        return (self.options.parallel_min_pages == 0 or not self.options.search
                or self._indexer is None or self._indexer.holds)

    def _start_graphs(self, site: Site, output: Output) -> None:
        """Local graphs (and the whole graph's layout): in a second process for a large build, as
        the page finisher; here otherwise (serve tracks them as part of each page)."""
        self._stop_graphs()
        self._graphs = None
        if self._second_process_pays(site):
            self._graph_job = BackgroundGraphs(site, output.directory_urls, self.options.local_graph)
            return
        with self.profile.stage("local graphs"):
            self._graphs = make_graphs(site, output.directory_urls, with_layout=False,
                                       memo=self.cache.local_graphs if self.options.serving else None,
                                       local=self.options.local_graph)
            apply_local_graphs(site, self._graphs)

    def _stop_graphs(self) -> None:
        if self._graph_job is not None:
            self._graph_job.close()
            self._graph_job = None

    def _stop_finisher(self) -> None:
        if self._finisher is not None:
            self._finisher.close()
            self.profile.add("sanitising and linking: second process (CPU)", self._finisher.worker_seconds)
            self._finisher = None

    def _start_search(self, site: Site, output: Output) -> None:
        """Get Pagefind ready to index the note pages as they are written (``publish/pagefind.py``).

        Serve keeps every note's document: its first build indexes them all, and a rebuild that
        changed or removed notes re-indexes the kept documents beside the preview (issue 19).
        """
        if self._indexer is not None:
            self._indexer.abort()
        self._indexer = None
        if not self.options.search:
            return

        def notes() -> int:
            return sum(1 for spec in site.pages if spec.context.get("type") == "note")

        if not self.options.serving:
            # A large build holds Pagefind until publish(): at 20,000 talks it needs ~1.5 GiB, and
            # beside the build's pages the two passed issue 16's 2 GiB budget. A smaller one runs it
            # beside the entity pages, as the build would otherwise wait for it (8 s of 56 s at
            # 5,000 talks: issue 7's "own stages" budget).
            count = notes()
            self._indexer = BackgroundIndexer(output.site_dir, count, hold=count >= HOLD_SEARCH_FROM_NOTES)
            return
        self._stop_reindex()
        if self._search_docs is None:
            self._search_docs = fresh_folder("hallway-serve-search-")
        if not self.incremental_rebuild:  # every note page is written again: start afresh
            shutil.rmtree(self._search_docs, ignore_errors=True)
            self._search_docs.mkdir()
            self._search_dest.clear()
            self._indexer = BackgroundIndexer(output.site_dir, notes(), folder=self._search_docs)
            return
        # the changed pages' notes, not every page's type (38,000 at the archive: ~15 ms a rebuild)
        assert self.changes is not None  # a rebuild after the first
        changed = [src for src in self.changes.changed
                   if src in site.specs and site.specs[src].context.get("type") == "note"]
        removed = [src for src in self.changes.removed if src in self._search_dest]
        for src in removed:
            remove_document(self._search_docs, self._search_dest.pop(src))
        if changed or removed or self._reindex_pending:
            # Each re-index writes its own folder: one stopped a moment ago may still be exiting.
            self._reindex_count += 1
            fresh = Path(output.site_dir) / f"pagefind.next{self._reindex_count}"
            self._indexer = BackgroundIndexer(output.site_dir, len(changed), folder=self._search_docs,
                                              output=fresh, background=True)

    def _stop_reindex(self, wait: bool = False) -> None:
        """A new build starts: a re-index still running is stopped (its documents are on disk, so
        the next re-index covers them too), so that it never slows or delays the rebuild. Pagefind
        is killed and its thread left to reap it and clean up (waiting took 0.05-0.3 s of each
        rebuild at 5,000 talks); ``wait``: at exit, wait for that."""
        if self._reindex is not None:
            if self._reindex.is_alive() and self._reindexing is not None:
                self._reindex_pending = True
                self._reindexing.abort()
            if wait:
                self._reindex.join()
            self._reindex = None
            self._reindexing = None

    # --- 2-4. pages ------------------------------------------------------------------------------
    def finish_page(self, src_uri: str, edit_path: str | None, html: str) -> str | None:
        """A page's rendered body HTML, finished; ``None`` when it went to the second process (then
        :meth:`take_finished` gives it back once :meth:`all_rendered` was called)."""
        assert self.site is not None, "plan() first"
        if self._rendering is not None:
            self._rendering.advance()
        if self._finisher is not None:
            with self.profile.stage("sanitising and linking: handing over"):
                self._finisher.submit(src_uri, edit_path, html)
            return None
        finished = finish_page(self.site, self._bodies, src_uri, edit_path, html, self.profile)
        self._record_unsafe(finished.unsafe)
        return finished.html

    def all_rendered(self) -> None:
        """Every page's Markdown is rendered: take the finished pages back and stop the worker, so
        that its memory is free before Pagefind, which needs the most, runs."""
        if self._rendering is not None:
            self._rendering.close()
            self._rendering = None
            assert self.site is not None
            self._writing = Progress("Hallway: writing pages", len(self.site.pages), self._warn_info, "pages")
        if self._finisher is not None:
            with self.profile.stage("sanitising and linking: waiting"):
                self._finished = self._finisher.drain()
            self._stop_finisher()
        if self._graph_job is not None and self.site is not None:
            with self.profile.stage("local graphs: waiting"):
                self._graphs = self._graph_job.result()
                apply_local_graphs(self.site, self._graphs)

    def take_finished(self, src_uri: str) -> str | None:
        """The finished HTML of a page the second process did, if it did it."""
        finished = self._finished.pop(src_uri, None)
        if finished is None:
            return None
        self._record_unsafe(finished.unsafe)
        return finished.html

    def publish_page(self, src_uri: str, dest_uri: str, page_html: str) -> str:
        """A page the engine is about to write: made lighter (less whitespace, shared icons:
        ``finish/page_weight.py``), handed to the search index, and returned without what only
        the index reads (``publish/pagefind.py``)."""
        page_html = self._weight.lighten(page_html, dest_uri)
        self.index_page(src_uri, dest_uri, page_html)
        return without_search_data(page_html)

    def index_page(self, src_uri: str, dest_uri: str, page_html: str) -> None:
        """Hand a written page to the search index (only note pages are indexed)."""
        if self._writing is not None:
            self._writing.advance()
        if self._indexer is None or self.site is None:
            return
        spec = self.site.specs.get(src_uri)
        if spec is not None and spec.context.get("type") == "note":
            self._search_dest[src_uri] = dest_uri
            with self.profile.stage("search indexing"):
                document = search_document(page_html)
                if document is not None:
                    self._indexer.add(dest_uri, document)

    def written(self, src_uri: str) -> bool:
        """A page is on disk. In a one-off build nothing reads it again: its view model is dropped,
        and True says the engine may drop its rendered HTML too (issue 16: at 20,000 talks the
        pages' HTML and view models held ~0.4 GiB while Pagefind, which needs the most, ran)."""
        if self.options.serving or self.site is None:
            return False
        spec = self.site.specs.get(src_uri)
        if spec is not None:
            spec.context = _WRITTEN  # shared: a new {} per page, made among the writing's
            spec.markdown = ""       # temporaries, kept their memory from the system
        return True

    def _record_unsafe(self, found: list[Problem]) -> None:
        if self.options.unsafe_markup == "warn":
            for problem in found:
                self._warn(problem.format())
        self.unsafe += found

    # --- 5. publish ------------------------------------------------------------------------------
    def publish(self, output: Output, release_engine: Callable[[], None] | None = None) -> None:
        """Every page is written: fail on unsafe markup, write the feed and export, finish search.

        ``release_engine`` lets the engine drop what it keeps of the written pages, in a one-off
        build, before the memory is given back and Pagefind starts."""
        self._collect_later()
        if self._writing is not None:
            self._writing.close()
            self._writing = None
        for finished in self._finished.values():  # pages the engine rendered no template for
            self._record_unsafe(finished.unsafe)
        self._finished = {}
        if self.unsafe and self.options.unsafe_markup == "error":
            raise BuildFailed("Hallway found markup that notes may not use (the site removes it):",
                              sorted(self.unsafe))
        self._publishing = time.perf_counter()
        # The Atom feed and the JSON export are whole-site work (~1 s at 5,000 talks) nobody
        # previews: an incremental rebuild skips them, and any full build writes them.
        if self.site is not None and not self.incremental_rebuild:
            write_feed(output.site_dir, self.site.kb, output.site_url, output.site_name,
                       output.directory_urls)
            write_export(output.site_dir, self.site.kb, self.site.relations, output.site_url,
                         output.directory_urls)
            with self.profile.stage("link previews"):
                write_previews(output.site_dir, self.site.kb, self.site.relations, output.directory_urls)
            if self._graph_job is not None and self._graphs is not None:
                with self.profile.stage("graph layout: waiting"):
                    self._graphs.positions = self._graph_job.positions()
                self._graph_job = None
            if self.site.timeline is not None:
                with self.profile.stage("graph layout"):
                    write_graph_data(output.site_dir, self.site.kb, self.site.timeline,
                                     output.directory_urls,
                                     self._graphs.positions if self._graphs else None)
        if self.site is not None and not self.incremental_rebuild:  # site weight (issue 16)
            write_icons(output.site_dir, self._weight.icons.sprite())
            write_filter_names(output.site_dir, self.site.kb, self.options.paging.max_names)
            split_sitemap(output.site_dir, output.site_url)
            drop_unused_theme_files(output.site_dir)
        if self.site is not None:
            write_redirects(output.site_dir, self.site.redirects)
        if not self.options.serving:
            with self.profile.stage("giving memory back"):
                if release_engine is not None:
                    release_engine()
                self._drop_site()
                give_memory_back()  # before Pagefind starts: it needs the most memory
        try:
            self._finish_search()
        finally:
            if self.options.serving:
                self.write_profile()  # each serve build overwrites it: the last build's profile

    def _drop_site(self) -> None:
        """A one-off build has published everything: nothing reads the knowledge base, the page
        plan or the caches filled while linking again, so they go before Pagefind runs (issue 16:
        the build and Pagefind together must stay within 2 GiB at 20,000 talks)."""
        if self.site is not None:
            self._page_count = len(self.site.pages)
        self.site = None
        self._graphs = None
        self._bodies = {}
        forget_caches()

    def _finish_search(self) -> None:
        if self._indexer is None:
            return
        indexer, self._indexer = self._indexer, None
        if self.incremental_rebuild:
            # Serve: the preview reloads now; the index follows a moment later, swapped in whole.
            indexer.start()
            self._reindex_pending = False
            self._reindexing = indexer
            self._reindex = threading.Thread(target=self._reindexed, args=(indexer,),
                                             name="hallway-search-reindex", daemon=True)
            self._reindex.start()
            return
        try:
            with self.profile.stage("search indexing"), \
                    self.profile.stage("search indexing: waiting for Pagefind"):
                indexer.finish()
        except HallwayError as err:
            raise BuildFailed("Hallway could not index the site for search:", err.problems) from err
        finally:
            self.profile.add("search indexing: Pagefind beside the build", indexer.background_seconds)

    def _reindexed(self, indexer: BackgroundIndexer) -> None:
        try:
            indexer.finish()
            with self._swap_lock:
                if indexer.stopped:  # a newer build stopped it after Pagefind was done
                    raise OSError("stopped")
                swap_index(indexer.output, indexer.site_dir / "pagefind")
        except (HallwayError, OSError) as err:
            shutil.rmtree(indexer.output, ignore_errors=True)
            if not indexer.stopped:  # not stopped for a newer build, which re-indexes
                self._warn(f"Hallway: the search index was not updated: {err}")
        else:
            self._warn_info(f"Hallway: search index updated ({indexer.background_seconds:.1f} s)")

    # --- 6. failure and exit ---------------------------------------------------------------------
    def failed(self) -> None:
        """The build failed somewhere: stop the workers, leave no temporary files."""
        self._collect_later()
        self._stop_finisher()
        self._stop_graphs()
        if self._indexer is not None:
            self._indexer.abort()
            self._indexer = None

    def close(self) -> None:
        """The engine exits: write the profile, give the process its garbage-collection settings back."""
        self._stop_graphs()
        self._stop_reindex(wait=True)
        if self._search_docs is not None:
            shutil.rmtree(self._search_docs, ignore_errors=True)
            self._search_docs = None
        self.write_profile()
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)
            self._gc_threshold = None
        self._building = True  # no idle collection after this
        gc.unfreeze()
        gc.enable()

    def _collect_later(self) -> None:
        """Collect the garbage a serve rebuild left, once the browser has been told to reload, and
        not while the next rebuild runs (a full collection there is what this avoids). The collector
        stays off until then: turned on here, its first young collection after a whole rebuild's
        allocations went on to a full one at once (1.4 s at 20,000 talks, before the reload)."""
        self._building = False
        if self.options.serving and self.options.incremental and not self._frozen:
            # Serve's first build: what it made is frozen at once (no collection: freezing takes
            # no time), so no collection walks it until the FROZEN_COLLECTIONS-th idle one.
            gc.freeze()
            self._frozen = True
        if not gc.isenabled():
            self._uncollected += 1
            timer = threading.Timer(1.0, self._collect_if_idle)
            timer.daemon = True
            timer.start()

    def _collect_if_idle(self) -> None:
        """Collect, then freeze what survives (``gc.freeze``): the next collections walk only what
        later rebuilds made. Performance (issue 16): a full collection walked the archive's ~20
        million objects for 1.5-2 s, and a save in that time waited for it. Every
        ``FROZEN_COLLECTIONS`` idle collections, the frozen objects are walked too, so cyclic
        garbage among them (notes and pages replaced by edits) is not kept for ever."""
        if not self._building and not gc.isenabled():
            gc.enable()
            self._idle_collections += 1
            if self._idle_collections % FROZEN_COLLECTIONS == 0:
                gc.unfreeze()
            gc.collect()
            gc.freeze()
            self._uncollected = 0

    def write_profile(self) -> None:
        """Write where the build's time went to $HALLWAY_PROFILE (for scripts/bench.py)."""
        path = os.environ.get(PROFILE_ENV)
        if not path or not self._started:
            return
        now = time.perf_counter()
        publishing = self._publishing or now
        planned = self._planned or publishing
        self.profile.dump(path, {
            "total_seconds": round(now - self._started, 6),
            "pages_and_assets_seconds": round(publishing - planned, 6),
            "post_build_seconds": round(now - publishing, 6),
            "pages": len(self.site.pages) if self.site else self._page_count,
            "changes": None if self.changes is None else {
                "changed": len(self.changes.changed), "unchanged": self.changes.unchanged,
                "removed": len(self.changes.removed)},
            "kept_from_last_plan": len(self.site.kept) if self.site and self.site.replanned else None,
            "parse_cache": self.cache.files.stats(),
            "scan_memo": {"hits": self.cache.scans.hits, "misses": self.cache.scans.misses},
        })
