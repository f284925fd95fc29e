"""Turning mentions in a page's rendered HTML into links to their pages.

Runs on sanitised HTML (nh3's output is well-formed, with ``<`` in text escaped), so splitting on
tags with a regular expression is reliable and much faster than building a DOM per page. Text
inside links, code, preformatted blocks and headings is left alone, as are attribute values.
"""

from __future__ import annotations

import html
import posixpath
import re

from .matcher import Matcher, Target

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>|<!--.*?-->", re.DOTALL)
_SKIP = frozenset({"a", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5", "h6",
                   "script", "style", "textarea", "button", "svg", "math", "title"})
_URL = re.compile(r"\b(?:https?://|www\.)\S+")


def relative_url(from_url: str, to_url: str) -> str:
    """A link from one page's site-relative URL to another's (``../../topics/vpn/``)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    rel = _relpath(to_url or ".", base or ".")
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel == "./" else rel


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for the site-relative paths of pages, which are already normalised.

    Written out (issue 7): ``posixpath.relpath`` makes both paths absolute against the working
    directory first, and was a third of linking a page's HTML (35,000 links at 5,000 talks).
    Anything unusual (``..``, ``.`` segments, absolute paths) still goes to ``posixpath.relpath``.
    """
    if path.startswith("/") or start.startswith("/") or "." in (path + "/" + start).replace(".html", ""):
        return posixpath.relpath(path, start)
    to_parts = [p for p in path.split("/") if p]
    from_parts = [p for p in start.split("/") if p]
    common = 0
    for a, b in zip(to_parts, from_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."


def link_html(content: str, matcher: Matcher, page_url: str, own: set[tuple[str, str]],
              mode: str = "first") -> str:
    """Link mentions in ``content``: the first of each target (``first``), every one (``all``)."""
    if mode == "off":
        return content
    seen: set[tuple[str, str]] = set(own)
    out: list[str] = []
    position = 0
    skip_depth = 0

    def link_text(raw: str) -> str:
        text = html.unescape(raw)
        masked = _URL.sub(lambda m: " " * len(m.group(0)), text) if "http" in text or "www." in text else text
        matches = [m for m in matcher.find(masked) if m.target.ident not in seen
                   or (mode == "all" and m.target.ident not in own)]
        if not matches:
            return raw
        pieces: list[str] = []
        last = 0
        for match in matches:
            if mode == "first" and match.target.ident in seen:
                continue
            seen.add(match.target.ident)
            pieces.append(html.escape(text[last:match.start], quote=False))
            pieces.append(_anchor(match.target, text[match.start:match.end], page_url))
            last = match.end
        if last == 0:
            return raw
        pieces.append(html.escape(text[last:], quote=False))
        return "".join(pieces)

    for tag in _TAG.finditer(content):
        text = content[position:tag.start()]
        if text:
            out.append(link_text(text) if skip_depth == 0 and text.strip() else text)
        name = (tag.group(2) or "").lower()
        if name in _SKIP and not tag.group(3):
            skip_depth += -1 if tag.group(1) else 1
            skip_depth = max(skip_depth, 0)
        out.append(tag.group(0))
        position = tag.end()
    tail = content[position:]
    if tail:
        out.append(link_text(tail) if skip_depth == 0 and tail.strip() else tail)
    return "".join(out)


def _anchor(target: Target, shown: str, page_url: str) -> str:
    href = html.escape(relative_url(page_url, target.url))
    title = html.escape(f"{target.kind.capitalize()}: {target.name}")
    return f'<a class="hw-autolink" href="{href}" title="{title}">{html.escape(shown, quote=False)}</a>'
