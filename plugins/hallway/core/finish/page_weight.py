"""Lighter pages (issue 16): each written page loses its template indentation, and the theme's
icons become references into one shared file.

Whitespace: about a sixth of every page was whitespace that Material's and Hallway's indented templates leave
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

import hashlib
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


# --- Icons: one shared file instead of the same SVG on every page --------------------------------
# Material draws each icon as inline SVG: the logo, menu, palette, search, repository, edit and
# "back to top" icons cost ~4.5 KB on every page (the Font Awesome GitHub mark alone 1.3 KB, twice).
# Each such icon becomes a reference into ``assets/hallway/icons.svg``, written once per build.
ICONS_FILE = "assets/hallway/icons.svg"
"""Where ``publish/icons.py`` writes them (the same path, kept in both stages' modules)."""
_ICON = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([0-9. ]+)">'
                   r'((?:<!--.*?-->)?<path d="[^"<>]+"/>)</svg>', re.S)


class IconSprite:
    """The icons met on the pages of one build, and the references that replace them."""

    def __init__(self) -> None:
        self.symbols: dict[str, tuple[str, str]] = {}
        """Symbol id -> (viewBox, inner SVG)."""

    def replace(self, html: str, dest_uri: str) -> str:
        """``html`` (the page written at ``dest_uri``) with each theme icon as a reference."""
        href = "../" * dest_uri.count("/") + ICONS_FILE

        def use(match: re.Match[str]) -> str:
            box, inner = match.groups()
            key = "i" + hashlib.sha1(f"{box}|{inner}".encode()).hexdigest()[:10]
            self.symbols.setdefault(key, (box, inner))
            # No xmlns: an <svg> in an HTML page is SVG without it (~35 bytes an icon, 8 a page).
            return f'<svg viewBox="{box}"><use href="{href}#{key}"/></svg>'

        return _ICON.sub(use, html)

    def sprite(self) -> str:
        """The shared file: one ``<symbol>`` per icon, in a stable order."""
        body = "".join(f'<symbol id="{key}" viewBox="{box}">{inner}</symbol>'
                       for key, (box, inner) in sorted(self.symbols.items()))
        return f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>\n'


class PageWeight:
    """What a build does to each written page to make it lighter: whitespace, then icons."""

    def __init__(self) -> None:
        self.icons = IconSprite()

    def lighten(self, html: str, dest_uri: str) -> str:
        return self.icons.replace(compact_whitespace(html), dest_uri)
