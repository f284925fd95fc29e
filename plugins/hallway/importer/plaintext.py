"""Plain text as copied from a blog post: flat lines, or bullets nested by indentation.

Bullets are ``•``, ``◦``, ``▪``, ``-``, ``*``, ``+``, ``–`` or a number (``1.``, ``2)``). Nesting
comes from indentation (a tab counts as four spaces; a single stray space does not count); when
there is none, the glyphs browsers use for nested lists (``◦`` second level, ``▪`` third) say it.
An indented line without a bullet is a list item too. Unindented lines without a bullet are
``LINE`` blocks: talk headings or notes. A file with no list at all is *flat*.

A table copied from a page arrives as lines of cells between tabs (``Sanne Bakker<TAB>Kanban for ops``),
or, its tabs turned into spaces, as lines whose cells are lined up in columns with spaces.
Rows under a header row of labels (``Topic<TAB>Host``) are a table: one ``RAW`` block holding it as a
Markdown pipe table, which is read as talks only when its header names a title and a speakers column
(:mod:`.tables`). Rows without a header are lines whose cells a dash separates, as a writer types
them (``Sanne Bakker – Kanban for ops``). A thread's post counters (``1/``, ``2/``) are taken off
first (:mod:`.threads`).
"""

from __future__ import annotations

import re

from .blocks import Block, BlockKind, SourceDoc
from .headings import clean
from .mdtext import escape_text
from .names import is_person_name
from .threads import strip_counters

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


#: A tab between two cells of a row copied from a table.
_CELL_BREAK = re.compile(r"(?<=\S)[ \t]*\t[ \t]*(?=\S)")
#: Most words a header cell has (``Talk title``, ``Presented by``).
MAX_HEADER_WORDS = 3


def _header(cells: list[str]) -> bool:
    """A table's header row: short capitalised labels (``Topic``, ``Host``), no names nor digits."""
    return all(cell[:1].isupper() and len(cell.split()) <= MAX_HEADER_WORDS and not is_person_name(cell, 2)
               and not any(ch.isdigit() for ch in cell) for cell in cells)


#: Two or more spaces between two cells of a row whose columns are lined up with spaces.
_SPACED_CELLS = re.compile(r"(?<=\S) {2,}(?=\S)")


def _aligned_rows(lines: list[str]) -> dict[int, list[str]]:
    """The cells of rows lined up in columns with spaces (``Lena Fischer       Runbooks nobody
    reads``), by line index: two or more consecutive unindented lines whose cells, between runs of
    two or more spaces, start at the same columns, some after three spaces or more (a table copied
    as text, its tabs turned into spaces, padding its shorter cells). Sentences with two spaces after
    a full stop are not, even where two of them line up."""
    def starts(line: str) -> tuple[int, ...]:
        return (0, *(gap.end() for gap in _SPACED_CELLS.finditer(line)))

    found: dict[int, list[str]] = {}
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        table_like = bool(line.strip()) and not line[:1].isspace() and BULLET.match(line) is None \
            and len(starts(line)) >= 2
        if run and (not table_like or starts(line.rstrip()) != starts(lines[run[0]].rstrip())):
            if len(run) >= 2 and any(re.search(r"\S {3,}\S", lines[i]) for i in run):
                found.update((i, _SPACED_CELLS.split(lines[i].strip())) for i in run)
            run = []
        if table_like:
            run.append(index)
    return found


def _row_blocks(rows: list[tuple[int, list[str]]]) -> list[Block]:
    """The blocks of consecutive rows of cells: a table under a header, else lines."""
    if len(rows) >= 2 and _header(rows[0][1]) and len({len(cells) for _n, cells in rows}) == 1:
        lines = [rows[0][1], ["---"] * len(rows[0][1]), *(cells for _n, cells in rows[1:])]
        table = "\n".join("| " + " | ".join(escape_text(clean(c)).replace("|", "\\|") if c != "---" else c
                                             for c in cells) + " |" for cells in lines)
        return [Block(BlockKind.RAW, table, "", rows[0][0])]
    return [Block(BlockKind.LINE, escape_text(plain), plain, number)
            for number, cells in rows for plain in [clean(" – ".join(cells))]]


def parse_text(text: str, source: str, stem: str = "") -> SourceDoc:
    """Read plain text into blocks."""
    blocks: list[Block] = []
    depths = _Depths()
    has_list = False
    rows: list[tuple[int, list[str]]] = []
    lines = strip_counters(text.split("\n"))  # ("2/ Jane Doe – Title": a thread's post counter)
    aligned = _aligned_rows([line.rstrip() for line in lines])
    for number, raw in enumerate(lines, start=1):
        width, rest = _indent_width(raw.rstrip())
        cells = aligned.get(number - 1) or (
            _CELL_BREAK.split(raw.strip()) if width == 0 and BULLET.match(rest) is None else [])
        if len(cells) >= 2:
            rows.append((number, cells))
            continue
        if rows:
            blocks.extend(_row_blocks(rows))
            rows = []
        if not raw.strip():
            continue
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
    blocks.extend(_row_blocks(rows))
    return SourceDoc(source=source, blocks=blocks, flat=not has_list, stem=stem)
