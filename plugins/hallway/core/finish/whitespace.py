"""Lighter pages: the indentation and blank lines of the templates, dropped from each written page.

About a sixth of every page was whitespace that Material's and Hallway's indented templates leave
behind (issue 16: 21,570 talk pages). A run of whitespace that holds a line break renders exactly
as one line break wherever whitespace collapses, which is everywhere but ``<pre>`` (code blocks),
``<textarea>`` and elements styled ``white-space: pre…`` (none in the theme or in Hallway's CSS
outside code blocks). So such runs (from their line break on) become one ``\\n``; ``<pre>`` and
``<textarea>`` are left as they are.

Hand-written because it is one regular expression: a full HTML minifier (minify-html) took
~0.7 ms a page (~25 s of CPU for the archive's 38,000 pages) for a few more per cent; this takes
~0.1 ms.
"""

from __future__ import annotations

import re

_BREAKS = re.compile(r"\n\s+")
_KEEP = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S)


def _compact(text: str) -> str:
    return _BREAKS.sub("\n", text)


def compact_whitespace(html: str) -> str:
    """``html`` with each whitespace run that starts with a line break made one ``\\n`` (not in
    ``<pre>`` or ``<textarea>``). ~0.1 ms for a 30 KB page."""
    if "<pre" not in html and "<textarea" not in html:  # the theme and the sanitiser write lowercase
        return _compact(html)
    parts = _KEEP.split(html)  # odd items: the blocks kept as they are
    return "".join(part if i % 2 else _compact(part) for i, part in enumerate(parts))
