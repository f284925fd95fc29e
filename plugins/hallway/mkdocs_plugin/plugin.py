"""The MkDocs hooks: each hands one event to the core's build session and translates MkDocs objects.

Everything Hallway does lives in :class:`hallway.core.build.session.BuildSession`; this module
only turns MkDocs' config, files and pages into the session's inputs and its answers back into
MkDocs files, page metadata, content and template context.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import markdown_extensions

from ..core.build.session import BuildFailed, BuildOptions, BuildSession, Output
from ..core.kb.schema import ENTITY_FOLDERS, POSTS_FOLDER, TALKS_FOLDER
from ..core.kb.sources import links_leaving
from ..core.markup.sanitize import clean_toc
from ..core.pages.paging import Paging
from ..core.pages.site import Site
from ..core.pages.siteplan import PageSpec
from ..core.problems import HallwayError, Problem
from .files import HallwayFiles, MemoryBytecodeCache, TrackedFile, theme_key
from .frame_memo import FrameMemo
from .livereload import (
    SavedPaths,
    quiet_dirty_warning,
    show_build_errors,
    watch_from_start,
    watch_with_inotify,
)
from .page_urls import PageUrls
from .pages import SharedConverter, SharedMarkdownPage
from .second_writer import SecondWriter
from .theme_files import ThemeListing
from .translations import Translations

log = logging.getLogger("mkdocs.plugins.hallway")

DEFAULT_NAV: list[dict[str, str]] = [
    {"Home": "index.md"},
    {"Talks": f"{TALKS_FOLDER}/index.md"},
    {"Write-ups": f"{POSTS_FOLDER}/index.md"},
    {"Speakers": "speakers/index.md"},
    {"Events": "events/index.md"},
    {"Event series": "series/index.md"},
    {"Years": "years/index.md"},
    {"Projects": "projects/index.md"},
    {"Topics": "topics/index.md"},
    {"Graph": "graph/index.md"},
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
    progress_min_pages = c.Type(int, default=2000)
    """Builds of at least this many pages say how far they are: a bar on a terminal, a line every
    few seconds in logs and CI."""
    local_graph = c.Type(bool, default=True)
    """Draw each talk and entity page's local graph (the whole-graph page is always made)."""
    max_cards_per_page = c.Type(int, default=Paging.max_cards)
    """A list of talks longer than this is split by year and event, or shortened to the newest with
    a link to search (see hallway.core.pages.paging): no page grows with the archive."""
    max_names_per_page = c.Type(int, default=Paging.max_names)
    """An index of speakers, events, projects or topics longer than this is split by initial letter."""
    dangerous_html = c.Choice(("error", "warn"), default="error")
    """Raw HTML a note may not use (<script>, on…=, javascript:…): fail the build, or only warn.
    Either way the sanitiser removes it from the page."""


def _output(config: Any) -> Output:
    return Output(config.site_dir, config.site_url, config.site_name, config.use_directory_urls,
                  config.repo_url, config.edit_uri)


class HallwayPlugin(BasePlugin[HallwayConfig]):
    """Builds every talk, write-up, speaker, event, project and topic page of a knowledge base."""

    def __init__(self) -> None:
        self.session: BuildSession | None = None
        self.root = Path(".")
        self._command: str = "build"
        self._dirty = False
        # Kept across the rebuilds of one `mkdocs serve` (MkDocs keeps a plugin with on_startup).
        self._bytecode = MemoryBytecodeCache()
        self._pages: dict[str, Page] = {}
        self._tracked: dict[str, TrackedFile] = {}
        self._files: Files | None = None
        self._nav: Any = None
        self._second: SecondWriter | None = None
        self._urls = PageUrls()
        self._saved = SavedPaths()
        self._early_watcher: Any = None
        self._kernel_watching = False
        """MkDocs' own watcher is the kernel's (``watch_with_inotify``): it tells ``_saved`` of a save
        before it asks for the rebuild, so the early watcher is stopped at that rebuild."""
        self._theme_key = ""
        self._built_theme_key: str | None = None
        """The theme key (``files.theme_key``) of this build, and of the last one that finished."""
        self._theme_listing = ThemeListing()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self._command, self._dirty = command, dirty
        if command == "serve" and dirty:
            quiet_dirty_warning()

    def on_config(self, config: Any) -> Any:
        if self.session is None:
            options = BuildOptions(autolink=self.config.autolink, search=self.config.search,
                                   parallel_min_pages=self.config.parallel_min_pages,
                                   progress_min_pages=self.config.progress_min_pages,
                                   local_graph=self.config.local_graph,
                                   unsafe_markup=self.config.dangerous_html,
                                   serving=self._command == "serve", incremental=self._dirty,
                                   paging=Paging(self.config.max_cards_per_page,
                                                 self.config.max_names_per_page))
            self.session = BuildSession(options, warn=log.warning, info=log.info)
        self.session.begin()
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (config_dir / self.config.kb_dir).resolve() if self.config.kb_dir else config_dir
        if config.nav is None:
            config.nav = DEFAULT_NAV
        if self._command == "serve":
            self._theme_listing.install(config.theme, (tuple(sorted(config.theme.static_templates)),
                                                       tuple(markdown_extensions)))
            if self._early_watcher is None and not self._kernel_watching and self._dirty:
                self._early_watcher = watch_from_start(self._note_folders(), self._saved)
        return config

    def _note_folders(self) -> list[str]:
        """The folders of notes and entities that exist (what `hallway serve` watches)."""
        folders = (self.root / folder for folder in (TALKS_FOLDER, POSTS_FOLDER, *ENTITY_FOLDERS.values()))
        return [str(path) for path in folders if path.is_dir()]

    def on_files(self, files: Files, config: Any) -> Files:
        session = self._session()
        self._files = files
        # Hardening (issue 8): docs/ files that are links out of the repository are refused.
        config_dir = Path(config.config_file_path or ".").resolve().parent
        docs_dir = str(Path(config.docs_dir).resolve()) + "/"
        leaving = links_leaving(config_dir, [f.abs_src_path for f in files
                                             if f.abs_src_path and f.abs_src_path.startswith(docs_dir)])
        try:
            site = self._plan(session, config, leaving)
        except BuildFailed as err:
            # serve: show the error in the browser and keep the last good site
            kept = session.keep_last_site(err, _output(config))
            if kept is None:
                raise PluginError(str(err)) from err
            log.error("%s\n(the preview shows this until the notes are fixed)", err)
            site = kept
        except HallwayError as err:
            raise PluginError(str(err)) from err
        if session.changes is not None:
            log.info("Hallway: %s", session.changes.summary())
            for src_uri in session.changes.removed:
                dest = File(src_uri, None, config.site_dir, config.use_directory_urls).abs_dest_path
                if os.path.isfile(dest):
                    os.remove(dest)
        converter = SharedConverter(config)
        tracked: dict[str, TrackedFile] = {}
        pages: dict[str, Page] = {}
        for spec in site.pages:
            # src_uris, not get_file_from_path: that parses each path (0.7 s of a rebuild at 20,000
            # talks); a spec's src_uri is already the posix path MkDocs keys files by.
            existing = files.src_uris.get(spec.src_uri)
            if existing is not None:
                files.remove(existing)
            changed = session.is_changed(spec.src_uri)
            file = None if changed else self._tracked.get(spec.src_uri)
            if file is None:
                made = TrackedFile.generated(config, spec.src_uri, content=spec.markdown)
                assert isinstance(made, TrackedFile)
                file = made
                file.edit_uri = quote(spec.edit_path) if spec.edit_path else None
                # Made now, among the other long-lived objects, not later among the rendering's
                # temporaries, where each would keep a block of freed memory from the system.
                _ = (file.name, file.dest_uri, file.url, file.abs_dest_path)
            file.reset(changed)
            files.append(file)
            self._reuse_page(file, config, converter)
            tracked[spec.src_uri] = file
            if file.page is not None:
                pages[spec.src_uri] = file.page
        if self._dirty:
            # An unchanged page's File is the same as last time (its Markdown and edit path are part
            # of its fingerprint): made afresh, the 38,000 of a 20,000-talk archive cost ~1 s of
            # each rebuild. Only a serve --dirty session keeps them, and their Pages.
            self._tracked = tracked
            self._pages = pages
        self._files = HallwayFiles(files)
        self._files.freeze()
        return self._files

    def _plan(self, session: BuildSession, config: Any, leaving: list[Problem]) -> Site:
        """The session's plan, told which files the watcher saw change since the last one."""
        if self._kernel_watching:
            # Its events would only repeat MkDocs' ones, some after the rebuild took them (so
            # the next rebuild read that file again).
            self._stop_early_watcher()
        try:
            self._theme_key = theme_key(config) if self._dirty else ""
            return session.plan(self.root, _output(config), self._theme_key, leaving, self._saved.take())
        except BaseException:
            self._saved.forget()  # whether the notes were read is not known: walk them next time
            raise

    def _reuse_page(self, file: TrackedFile, config: Any, converter: SharedConverter) -> None:
        """Give an unchanged page its Page object from the last build, a changed one a page that
        shares the build's Markdown converter (``pages.py``).

        MkDocs makes a Page for every file on every build (~0.8 s at 7,000 pages: URL joins) even
        when `--dirty` then skips rendering it. An unchanged page's Page is the same as last time.
        Navigation pages (the indexes) are left to MkDocs, which wires them into the nav.
        """
        if file.src_uri.endswith("index.md"):
            return
        old = self._pages.get(file.src_uri)
        if old is not None and old.file is file:  # the File of the last build, unchanged
            pass
        elif old is not None and not file.changed:
            old.file = file
            file.page = old
        else:
            SharedMarkdownPage(None, file, config)  # MkDocs' Page sets file.page itself
        if isinstance(file.page, SharedMarkdownPage):
            file.page.converter = converter

    def _session(self) -> BuildSession:
        assert self.session is not None, "on_config runs first"
        return self.session

    def _spec(self, page: Page) -> PageSpec | None:
        site = self.session.site if self.session else None
        return site.specs.get(page.file.src_uri) if site else None

    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        self._nav = nav
        if isinstance(files, HallwayFiles):
            files.freeze()
        return nav

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
        session = self._session()
        with session.profile.stage("sanitising"):
            clean_toc(page.toc)  # hardening (issue 8): the theme prints TOC titles unescaped
        finished = session.finish_page(spec.src_uri, spec.edit_path, html)
        return "" if finished is None else finished  # handed over: put in place in on_page_context

    def on_env(self, env: jinja2.Environment, config: Any, files: Files) -> jinja2.Environment:
        session = self._session()
        if session.incremental_rebuild:
            # The sitemap lists every page (7,000 at 5,000 talks); an edit preview does not need it
            # again, and the next full build writes it.
            config.theme.static_templates.discard("sitemap.xml")
            if self._theme_key == self._built_theme_key and os.path.isfile(
                    os.path.join(config.site_dir, "404.html")):
                # nor its 404 page, which shows no note: the same unless the theme or mkdocs.yml changed
                config.theme.static_templates.discard("404.html")
        session.all_rendered()
        env.globals["hallway_memo"] = FrameMemo().jinja_global()
        env.filters["hallway_url"] = self._urls.url
        env.globals["hallway_t"] = Translations(env, str(config.theme.get("language") or "en")).t
        if session.options.serving:
            env.bytecode_cache = self._bytecode
        self._stop_second_writer()
        if session.writes_in_parallel():
            self._start_second_writer(env, config, files)
        if session.incremental_rebuild and self._dirty and isinstance(files, HallwayFiles):
            files.changed_pages_only()
        return env

    def _start_second_writer(self, env: jinja2.Environment, config: Any, files: Files) -> None:
        """Every other Hallway page's template is rendered in a forked child (second_writer.py);
        navigation pages (the indexes) stay here, where MkDocs marks them active."""
        ours = [file.page for file in files.documentation_pages()
                if isinstance(file, TrackedFile) and file.page is not None
                and not file.src_uri.endswith("index.md") and self._spec(file.page) is not None
                and (file.is_modified() or not self._dirty)]  # --dirty: MkDocs skips the others
        try:
            self._second = SecondWriter(ours[1::2], env, config, files, self._nav)
        except OSError as err:  # no fork: one process writes every page, as always
            log.debug("Hallway: no second writer (%s)", err)

    def on_page_context(self, context: Any, page: Page, config: Any, nav: Any) -> Any:
        self._urls.page = page  # the template filled next is this page's (page_urls.py)
        spec = self._spec(page)
        if spec is not None:
            context["hallway"] = spec.context
            finished = self._session().take_finished(spec.src_uri)
            if finished is not None:
                page.content = finished
            if self._second is not None and self._second.renders(page):
                self._second.keep_context(page, context)
        return context

    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        session = self._session()
        if self._second is not None and self._second.renders(page):
            output = self._second.take(page)
        output = session.publish_page(page.file.src_uri, page.file.dest_uri, output)
        if isinstance(page.file, TrackedFile):
            page.file.written = True  # MkDocs writes it next (or the build fails)
        if session.written(page.file.src_uri):
            # MkDocs keeps every page's HTML, Markdown and source to the end; nothing reads them
            # again in a one-off build (issue 16: ~0.2 GiB at 20,000 talks, beside Pagefind).
            page.content = None
            page.markdown = None
            if isinstance(page.file, TrackedFile):
                page.file.release()
        return output

    def _stop_second_writer(self) -> None:
        if self._second is not None:
            self._second.close()
            self._session().profile.add("page templates: waiting for the second process",
                                        self._second.waited)
            self._second = None

    def on_post_build(self, config: Any) -> None:
        self._stop_second_writer()
        try:
            self._session().publish(_output(config), self._release_pages)
        except HallwayError as err:
            raise PluginError(str(err)) from err
        self._built_theme_key = self._theme_key

    def _release_pages(self) -> None:
        """A one-off build is written: drop MkDocs' Page objects (~38,000 at 20,000 talks, with
        their titles, TOCs and URLs), which MkDocs keeps until it exits but reads no more after
        ``on_post_build`` (issue 16: the build waits beside Pagefind within 2 GiB). They were made
        together, before rendering, so freeing them frees whole blocks of memory."""
        files, self._files = self._files, None
        if files is None:
            return
        for file in files:
            file.page = None

    def on_build_error(self, error: Exception) -> None:
        self._stop_second_writer()
        if self.session is not None:
            self.session.failed()

    def _stop_early_watcher(self) -> None:
        """Stop the watcher started before the first build, without waiting (joined at shutdown)."""
        if self._early_watcher is not None and not self._early_watcher.stopped_event.is_set():
            self._early_watcher.stop()

    def on_shutdown(self) -> None:
        if self._early_watcher is not None:
            self._stop_early_watcher()
            self._early_watcher.join()
            self._early_watcher = None
        if self.session is not None:
            self.session.close()

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for folder in self._note_folders():
            server.watch(folder)
        self._kernel_watching = watch_with_inotify(server, self._saved)
        if not self._kernel_watching and self._early_watcher is not None:
            # MkDocs polls: a rebuild it asks for may come before the early watcher has heard of
            # the save, so rebuilds walk the folders instead of trusting it.
            self._stop_early_watcher()
            self._saved.active = False
        session = self._session()
        show_build_errors(server, lambda: str(session.error) if session.error else None)
        return server
