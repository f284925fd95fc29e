"""Plain text as copied from a blog post: flat lines, or bullets nested by indentation.

Bullets are ``•``, ``◦``, ``▪``, ``-``, ``*``, ``+``, ``–`` or a number (``1.``, ``2)``). Nesting
comes from indentation (a tab counts as four spaces; a single stray space does not count); when
there is none, the glyphs browsers use for nested lists (``◦`` second level, ``▪`` third) say it.
An indented line without a bullet is a list item too. Unindented lines without a bullet are
``LINE`` blocks: talk headings or notes. A file with no list at all is *flat*.
"""

from __future__ import annotations

import re

from .blocks import Block, BlockKind, SourceDoc
from .headings import clean
from .mdtext import escape_text

BULLET = re.compile(r"(?P<glyph>[-*+•◦▪▫‣⁃●○■□–—·])(?:[ \t\u00a0]+|$)"
                     r"|(?P<num>\d{1,3})[.)](?:[ \t\u00a0]+|$)")
GLYPH_DEPTH = {"◦": 1, "○": 1, "▪": 2, "▫": 2, "■": 2, "□": 2}
MIN_INDENT = 2


def _indent_width(raw: str) -> tuple[int, str]:
    expanded = raw.expandtabs(4)
    stripped = expanded.lstrip(" \u00a0")
    return len(expanded) - len(stripped), stripped


class _Depths:
    """Turns indentation widths into list depths (0, 1, 2…) with a stack of open levels."""

    def __init__(self) -> None:
        self.stack: list[int] = []

    def depth(self, width: int) -> int:
        while self.stack and self.stack[-1] > width:
            self.stack.pop()
        if not self.stack or self.stack[-1] < width:
            self.stack.append(width)
        return len(self.stack) - 1

    def reset(self) -> None:
        self.stack.clear()


def parse_text(text: str, source: str, stem: str = "") -> SourceDoc:
    """Read plain text into blocks."""
    blocks: list[Block] = []
    depths = _Depths()
    has_list = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        width, rest = _indent_width(raw.rstrip())
        if width < MIN_INDENT:
            width = 0
        bullet = BULLET.match(rest)
        if bullet is None and width == 0:
            depths.reset()
            plain = clean(rest)
            blocks.append(Block(BlockKind.LINE, escape_text(plain), plain, number))
            continue
        has_list = True
        marker = "-"
        if bullet is not None:
            content = clean(rest[bullet.end():])
            if bullet.group("num"):
                marker = bullet.group("num") + "."
            glyph_depth = GLYPH_DEPTH.get(bullet.group("glyph") or "", 0)
        else:
            content, glyph_depth = clean(rest), 0
        if not content:
            continue
        depth = depths.depth(width) if width or not glyph_depth else glyph_depth
        blocks.append(Block(BlockKind.BULLET, escape_text(content), content, number, depth, marker))
    return SourceDoc(source=source, blocks=blocks, flat=not has_list, stem=stem)
