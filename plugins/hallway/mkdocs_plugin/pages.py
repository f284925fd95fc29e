"""Hallway's pages in MkDocs: one Markdown converter for all of them, not one per page.

MkDocs' ``Page.render`` builds a new ``markdown.Markdown`` for every page: every extension is made
again, and pymdownx.highlight deep-copies its options each time. At 5,000 talks (10,500 pages) that
was two thirds of rendering's Markdown time (issue 16: the build at 5,000 talks must stay at most
half of Material's). Python-Markdown supports reusing one converter (``reset()`` between documents);
the pages Hallway plans all use the site's one extension list, so they share one per build.

The per-page steps are MkDocs' own (its tree processors that collect anchors, rewrite relative
links and read the title), registered again for each page exactly as ``Page.render`` does. MkDocs
1.x is frozen at 1.6, so these internals no longer move; the tests build real sites through it.
"""

from __future__ import annotations

import logging
from typing import Any

import markdown
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.structure.pages")  # MkDocs' own logger decides anchor checks


class SharedConverter:
    """One build's Markdown converter for Hallway's pages (the adapter makes one per build: a
    serve rebuild may have a new extension list)."""

    def __init__(self, config: Any) -> None:
        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})


class SharedMarkdownPage(Page):
    """A page Hallway planned: rendered with the build's shared converter."""

    converter: SharedConverter | None = None
    """Set by the adapter for each build that renders the page."""

    def render(self, config: Any, files: Files) -> None:
        if self.markdown is None or self.converter is None:
            super().render(config, files)  # MkDocs' own way, and its error for a page not read
            return
        md = self.converter.md
        md.reset()
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        relative = _RelativePathTreeprocessor(self.file, files, config)
        relative._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative.links_to_anchors
