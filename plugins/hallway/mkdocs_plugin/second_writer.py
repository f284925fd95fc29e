"""A second process that renders the theme template of every other Hallway page.

Once Markdown is rendered, MkDocs fills each page's theme template one page after another in one
process: at 5,000 talks that was more than half of the build (issue 16: the build must stay at most
half of Material's own), while the machine's second core sat idle. After MkDocs has read every page
(``on_env``) the adapter forks: the child renders the templates of its share of the pages exactly
as MkDocs' ``_build_page`` would (the page marked active, MkDocs' context, every plugin's
``on_page_context``, the page's template) and sends each page's HTML back through a pipe, in
MkDocs' order. The parent gives those pages a template with nothing in it, so MkDocs' own loop
passes over them quickly, and in ``on_post_page`` takes the child's HTML in place of the empty
output; publishing (lighter HTML, the search document) and writing stay in the parent, so the
site is byte for byte what one process makes.

Warnings the child logs are sent with the page and logged again by the parent, so ``--strict``
counts them. A page the child fails on is rendered again by the parent, so the error is MkDocs'
own. Used only for one-off builds on Linux with two or more cores (see
``hallway.core.finish.page_finisher.can_run_in_parallel``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from multiprocessing.connection import Connection
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.forked import fork_reporting

#: The template the parent renders for a page the child renders (site_overrides/hallway/).
ELSEWHERE = "hallway/rendered-elsewhere.html"
_PIPE_BYTES = 1 << 20
"""How far the child may run ahead of the parent (Linux lets a pipe grow to 1 MiB unprivileged)."""


class _Collect(logging.Handler):
    """In the child: keeps the warnings and errors logged while a page renders."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class SecondWriter:
    """Forks at construction; the child renders ``pages`` (in this order) and exits."""

    def __init__(self, pages: list[Page], env: Environment, config: Any, files: Files, nav: Any) -> None:
        self._env = env
        self._templates = {page.file.src_uri: page.meta.get("template", "main.html") for page in pages}
        self._waiting: dict[str, tuple[str | None, list[str]]] = {}
        self.waited = 0.0
        """Seconds the parent waited for the child's pages (for HALLWAY_PROFILE)."""
        self._contexts: dict[str, Any] = {}
        pid, conn = fork_reporting(lambda out: _render_all(out, pages, env, config, files, nav), _PIPE_BYTES)
        self._pid = pid
        self._conn: Connection | None = conn
        for page in pages:
            page.meta["template"] = ELSEWHERE

    def renders(self, page: Page) -> bool:
        return page.file.src_uri in self._templates

    def keep_context(self, page: Page, context: Any) -> None:
        """The parent's context for a page the child renders: used if the child fails on it."""
        self._contexts[page.file.src_uri] = context

    def take(self, page: Page) -> str:
        """The page's HTML from the child (waiting for it), or rendered here if the child failed."""
        src_uri = page.file.src_uri
        started = time.perf_counter()
        while src_uri not in self._waiting and self._conn is not None:
            try:
                got, html, warnings = self._conn.recv()
            except (EOFError, OSError):
                self._close()
                break
            self._waiting[got] = (html, warnings)
        self.waited += time.perf_counter() - started
        html, warnings = self._waiting.pop(src_uri, (None, []))
        for message in warnings:
            logging.getLogger("mkdocs").warning(message)
        context = self._contexts.pop(src_uri)
        if html is None:  # the child failed on this page (or died): MkDocs' own render and error
            template = self._env.get_template(self._templates[src_uri])
            html = template.render(context)
        return html

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)

    def close(self) -> None:
        """Stop the child if it still runs (a build that failed half-way) and collect it."""
        if self._conn is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, 9)
            self._close()


def _render_all(conn: Connection, pages: list[Page], env: Environment, config: Any, files: Files,
                nav: Any) -> None:
    collect = _Collect()
    for name in ("", "mkdocs"):  # the parent prints; the child only collects
        logger = logging.getLogger(name)
        logger.handlers = [collect]
    doc_files = files.documentation_pages()  # once: MkDocs hands _build_page this list too
    for page in pages:
        collect.messages = []
        config._current_page = page
        page.active = True
        html: str | None
        try:
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            html = template.render(context)
        except Exception:  # the parent renders the page again, and MkDocs reports the error
            html = None
        finally:
            page.active = False
            config._current_page = None
        conn.send((page.file.src_uri, html, [] if html is None else collect.messages))
    conn.close()
