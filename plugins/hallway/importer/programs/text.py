"""Turning a program's abstracts, bios and titles into clean text and Markdown.

Programs carry three kinds of text: plain text or Markdown (frab, pretalx, Sessionize), HTML
(old Pentabarf files escape HTML inside ``<abstract>``; some frab instances and pyvideo entries
hold HTML), and reStructuredText (pyvideo). HTML goes through markdownify, reStructuredText
through docutils to HTML and then markdownify, so nothing here hand-parses markup.
"""

from __future__ import annotations

import html
import re
import warnings
from functools import lru_cache
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from markdownify import markdownify

#: Tags that make program text HTML (a known list: ``List<String>`` or ``<stdio.h>`` in a plain
#: abstract must stay text).
_TAG = re.compile(
    r"</?(?:p|br|a|ul|ol|li|em|strong|b|i|u|s|code|pre|h[1-6]|div|span|blockquote|img|hr|table|thead|"
    r"tbody|tr|td|th|dl|dt|dd|sup|sub|small|big|del|ins|strike|tt|font|center|section|article|"
    r"header|footer|nav|figure|figcaption|video|audio|source|iframe|object|embed|script|style|form|"
    r"input|button|textarea|select|abbr|cite|q|kbd|samp|var|details|summary|svg|math|meta|link)\b[^>]*>",
    re.IGNORECASE)
_BLANKS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
#: Characters that have no business in front-matter text (C0 controls but tab/newline, DEL, and
#: the line separators YAML reads as breaks).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")


def clean_line(text: str | None) -> str:
    """One line of text (a title, a name, a room): entities decoded, whitespace folded."""
    if text is None:
        return ""
    text = html.unescape(str(text)) if "&" in str(text) else str(text)
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n"))
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def _tidy(markdown: str) -> str:
    lines = [line.rstrip() for line in _CONTROL.sub("", markdown.replace("\r\n", "\n").replace("\r", "\n"))
             .split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


def html_to_markdown(text: str) -> str:
    """Markdown from an HTML fragment (links, lists and emphasis kept)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    for bad in soup(["script", "style", "iframe", "object", "embed", "form"]):
        bad.decompose()
    return _tidy(markdownify(str(soup), heading_style="ATX", bullets="-", escape_misc=False))


def to_markdown(text: str | None) -> str:
    """Markdown from program text that is plain text, Markdown, or (escaped) HTML."""
    if not text:
        return ""
    text = str(text)
    if looks_like_html(text):
        return html_to_markdown(text)
    if "&" in text and looks_like_html(html.unescape(text)):
        return html_to_markdown(html.unescape(text))
    if re.search(r"&(?:[a-zA-Z]+|#[0-9]+|#x[0-9a-fA-F]+);", text):
        text = html.unescape(text)
    return _tidy(text)


#: Marks of reStructuredText markup; a description without any is plain text and skips docutils
#: (most pyvideo descriptions: converting 21,000 of them through docutils took half an hour).
_RST_MARKUP = re.compile(r"[*`_|\\]|::|^\s*\.\. |^\s*[-+*] |^\s*[0-9#]+[.)] |^[=\-~^\"'+#]{3,}\s*$|https?://",
                         re.MULTILINE)


@lru_cache(maxsize=1)
def _rst_settings() -> Any:
    """docutils settings, built once: building them per document was most of docutils' time."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.writers.html5_polyglot import Writer

    settings = get_default_settings(Parser, Writer)
    overrides = {"report_level": 5, "halt_level": 5, "file_insertion_enabled": False,
                 "raw_enabled": False, "input_encoding": "unicode", "output_encoding": "unicode",
                 "warning_stream": False, "syntax_highlight": "none", "doctitle_xform": False,
                 "_disable_config": True, "traceback": True}
    for key, value in overrides.items():
        setattr(settings, key, value)
    return settings


def rst_to_markdown(text: str | None) -> str:
    """Markdown from reStructuredText (pyvideo descriptions); plain text stays itself."""
    if not text or not text.strip():
        return ""
    if looks_like_html(text):
        return html_to_markdown(text)
    if not _RST_MARKUP.search(text):
        return _tidy(text)
    from copy import copy

    from docutils.core import publish_parts
    from docutils.writers.html5_polyglot import Writer

    try:
        parts = publish_parts(source=text, writer=Writer(), settings=copy(_rst_settings()))
    except Exception:  # docutils raises many kinds of error; any failure keeps the text
        return _tidy(text)  # docutils gave up: keep the author's text as it is
    soup = BeautifulSoup(parts["body"], "html.parser")
    for literal in soup.find_all("span", class_="literal"):  # docutils writes ``code`` as a span
        literal.name = "code"
        del literal["class"]
    return _tidy(markdownify(str(soup), heading_style="ATX", bullets="-", escape_misc=False))
