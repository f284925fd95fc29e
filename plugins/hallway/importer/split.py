"""Finding the talks in a document: which blocks are talk headings, judged with their context.

* A list item is never a heading.
* Lines marked as headings (Markdown ``#``/bold lines, HTML headings/``<strong>`` lines) are read
  with the lenient rules of :mod:`.headings`; marked headings that are not talk headings
  (``## History``) stay in the talk's notes as sub-headings. A talk heading nested under a
  ``Lightning talks`` heading is a lightning talk.
* Unmarked lines and paragraphs outside lists (all of flat text) are read with the strict rules,
  and a line right after a line that ends with ``:`` or a dash (``What are the challenges? –``)
  continues that note, so it is not a heading. (So ``<p><strong>Koha</strong> by Jo Bloggs</p>``
  in a post whose other titles are ``<h3>`` still starts a talk.)
* Everything before the first talk is the document's introduction: it is kept, not dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import Block, BlockKind, SourceDoc
from .headings import Heading, read_heading

_CONTINUES = (":", "–", "—", "-")


@dataclass
class DraftTalk:
    """A talk found in a document: its heading and the blocks of its notes."""

    heading: Heading
    line: int | None
    link: str | None
    blocks: list[Block] = field(default_factory=list)
    kind: str = "talk"
    level: int = 0


@dataclass
class SplitDoc:
    """A document divided into its introduction and its talks."""

    doc: SourceDoc
    intro: list[Block]
    talks: list[DraftTalk]
    talk_level: int | None
    """Heading level of talk headings in a marked document (sub-headings are rendered below it)."""


def _marked_headings(blocks: list[Block]) -> dict[int, Heading]:
    found = {}
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.HEADING:
            heading = read_heading(block.plain, marked=True)
            if heading is not None:
                found[index] = heading
    return found


def _line_headings(blocks: list[Block]) -> dict[int, Heading]:
    found = {}
    previous: Block | None = None
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.LINE and block.plain:
            continues = previous is not None and previous.kind == BlockKind.LINE \
                and previous.plain.rstrip().endswith(_CONTINUES) and index - 1 not in found
            heading = None if continues else read_heading(block.plain)
            if heading is not None:
                found[index] = heading
        previous = block
    return found


def split_doc(doc: SourceDoc) -> SplitDoc:
    """Divide ``doc`` into its introduction and talks."""
    blocks = doc.blocks
    marked_headings = _marked_headings(blocks)
    marked = bool(marked_headings)
    talk_level = min((blocks[i].level for i in marked_headings), default=None)
    headings = {**_line_headings(blocks), **marked_headings}
    intro: list[Block] = []
    talks: list[DraftTalk] = []
    lightning_level: int | None = None
    for index, block in enumerate(blocks):
        heading = headings.get(index)
        if heading is None:
            (talks[-1].blocks if talks else intro).append(block)
            continue
        kind = heading.kind
        if marked and block.kind == BlockKind.HEADING:
            if lightning_level is not None and block.level <= lightning_level:
                lightning_level = None
            if lightning_level is not None and kind == "talk":
                kind = "lightning"
            if kind == "lightning" and not heading.speakers:
                lightning_level = block.level
        talks.append(DraftTalk(heading, block.line, block.link, kind=kind, level=block.level))
    return SplitDoc(doc, intro, talks, talk_level)
