"""What every input reader produces: a document as a flat list of blocks, before talks are found.

Each reader (plain text, Markdown, HTML, WordPress export) turns its input into ``Block``s in
reading order. :mod:`.split` then decides which blocks are talk headings, and :mod:`.render`
writes the rest back as Markdown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    """The shapes of content an input holds."""

    LINE = "line"
    """A line or paragraph outside any list: may be a talk heading in flat text."""
    HEADING = "heading"
    """A line marked as a heading (Markdown ``#`` or bold line, HTML ``<hN>`` or ``<strong>`` line)."""
    BULLET = "bullet"
    """A list item; never a talk heading."""
    RAW = "raw"
    """Markdown kept as it is (code, quotes, tables)."""


#: ``level`` of a heading marked only by bold text (below ``<h6>``).
BOLD_LEVEL = 7


@dataclass
class Block:
    """One piece of an input: ``text`` is Markdown, ``plain`` is the text a reader sees."""

    kind: BlockKind
    text: str
    plain: str
    line: int | None = None
    depth: int = 0
    """Nesting of a list item (0 = top level)."""
    marker: str = "-"
    """List marker of a list item: ``-`` or ``3.``."""
    level: int = 0
    """Heading level: 1-6, or :data:`BOLD_LEVEL`."""
    link: str | None = None
    """An http(s) link found in a heading (the talk's page, usually)."""
    more: str = ""
    """Markdown of a list item's continuation lines (also in ``text``): a talk heading's first note."""


@dataclass
class SourceDoc:
    """One import: a file, or one post of a WordPress export, with what it says about itself."""

    source: str
    """Where it came from, for messages (``notes.txt`` or ``export.xml (post 'Day 2')``)."""
    blocks: list[Block]
    flat: bool = False
    """Every line stands alone (text copied from a blog): lines become one bullet each."""
    stem: str = ""
    """A short name for it (the file name without extension, or the post's slug)."""
    title: str | None = None
    event_name: str | None = None
    session: str | None = None
    date: dt.date | None = None
    notes: list[str] = field(default_factory=list)
    """Things worth telling the user about this input (e.g. why it has no talks)."""
