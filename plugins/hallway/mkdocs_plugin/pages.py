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

_converter: tuple[Any, markdown.Markdown] | None = None
"""The converter of the build whose config is held beside it (a serve rebuild has a new config)."""


def _markdown_for(config: Any) -> markdown.Markdown:
    global _converter
    if _converter is None or _converter[0] is not config:
        md = markdown.Markdown(extensions=config["markdown_extensions"],
                               extension_configs=config["mdx_configs"] or {})
        _converter = (config, md)
    return _converter[1]


def forget_converter() -> None:
    """Drop the build's converter (its extensions hold the last page's tree) once rendering is done."""
    global _converter
    _converter = None


class SharedMarkdownPage(Page):
    """A page Hallway planned: rendered with the build's shared converter."""

    def render(self, config: Any, files: Files) -> None:
        if self.markdown is None:
            super().render(config, files)  # MkDocs' own error
            return
        md = _markdown_for(config)
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
