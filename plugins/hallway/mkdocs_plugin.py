"""The thin MkDocs adapter: feeds the core's pages to MkDocs and hands templates their view models.

Everything Hallway knows lives in :mod:`hallway.core`; this module only translates between the
core's :class:`~hallway.core.siteplan.PageSpec` and MkDocs' files, pages and hooks.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .core import dangerous
from .core.pipeline import Site, build_site
from .core.problems import Problem, Severity
from .core.sanitize import clean_html, clean_toc
from .core.schema import ENTITY_FOLDERS, POSTS_FOLDER, TALKS_FOLDER
from .core.sources import links_leaving

log = logging.getLogger("mkdocs.plugins.hallway")

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
    dangerous_html = c.Choice(("error", "warn"), default="error")
    """Raw HTML a note may not use (<script>, on…=, javascript:…): fail the build, or only warn.
    Either way the sanitiser removes it from the page."""


class HallwayPlugin(BasePlugin[HallwayConfig]):
    """Builds every talk, write-up, speaker, event, project and topic page of a knowledge base."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.root = Path(".")
        self.bodies: dict[str, tuple[str, int]] = {}
        self.unsafe: list[Problem] = []

    def on_config(self, config: Any) -> Any:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (config_dir / self.config.kb_dir).resolve() if self.config.kb_dir else config_dir
        if config.nav is None:
            config.nav = DEFAULT_NAV
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        site, problems = build_site(self.root, directory_urls=config.use_directory_urls,
                                    autolink=self.config.autolink)
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
        for spec in site.pages:
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                files.remove(existing)
            file = File.generated(config, spec.src_uri, content=spec.markdown)
            file.edit_uri = quote(spec.edit_path) if spec.edit_path else None
            files.append(file)
        return files

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
        # --- hardening (issue 8): report what the sanitiser removes, clean the TOC too ---
        source = self.bodies.get(spec.edit_path or "")
        if source is not None:
            found = dangerous.find_in_html(spec.edit_path or "", html, *source)
            if self.config.dangerous_html == "warn":
                for problem in found:
                    log.warning(problem.format())
            self.unsafe += found
        clean_toc(page.toc)
        # --- end hardening ---
        return self.site.finish_html(page.file.src_uri, clean_html(html))

    def on_page_context(self, context: Any, page: Page, config: Any, nav: Any) -> Any:
        spec = self._spec(page)
        if spec is not None:
            context["hallway"] = spec.context
        return context

    def on_post_build(self, config: Any) -> None:
        if self.unsafe and self.config.dangerous_html == "error":
            raise PluginError("Hallway found markup that notes may not use (the site removes it):\n"
                              + "\n".join(p.format() for p in sorted(self.unsafe)))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        for folder in (TALKS_FOLDER, POSTS_FOLDER, *ENTITY_FOLDERS.values()):
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server
