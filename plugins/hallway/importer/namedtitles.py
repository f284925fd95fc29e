"""Talks whose title, in title case, reads like a person's name: ``Boring Dashboards — Alice Fenwick``.

Why this exists: a reader refuses a line whose title side reads like a name (``“Sindarin Verbs
Revisited” – Name`` could be two people, ``Jane Doe – Bob Smith`` a credit), since alone it cannot
tell which side is the speaker. Many note-takers copy titles from the programme in title case,
though (``Object Storage Pricing - Kwame Mensah``, ``Making Go Fast, Andrew Gerrand``, ``Мария
Иванова — Мониторинг Без Боли``), and two or three capitalised words read as a name as well as a
title. The file decides, as for every other line: once a post's talks are read in one shape, a line
of that very shape is read the way its talks are, when

* the convention is one that cuts a line into title and speakers (``Title – Name``, ``Name –
  Title``, ``Title: Name``, ``Name: Title``, ``Title (Name)``, ``Title, Name``) and the post has
  at least two talks of that shape naming full names;
* the line stands where the post's talks stand: the same kind of block (a heading of the talks'
  level, or a line of flat text), not the first line under a talk (where a credit goes), and a
  note of its own follows it (or it ends the post), as under the talks;
* its speakers read as full names the post's other talks do not name, and its title has two words
  or more.

Each one is listed as unsure. Split out of :mod:`.split` so that module stays a readable size.
"""

from __future__ import annotations

from .blocks import BlockKind
from .conventions import COLON_TITLE, DASH_TITLE, TITLE_COLON, TITLE_COMMA, TITLE_DASH, TITLE_PAREN, read_at
from .names import is_person_name
from .reading import Context, Reading

#: Conventions that cut one line into a title and speakers at a separator.
_CUT = (TITLE_DASH, DASH_TITLE, TITLE_COLON, COLON_TITLE, TITLE_PAREN, TITLE_COMMA)
#: Full-name talks of the post's shape needed before a title that reads like a name is believed.
MIN_SHAPED_TALKS = 2


def post_shape(convention: str, readings: dict[int, Reading], ctx: Context,
               cut: tuple[str, ...] = _CUT) -> tuple[set[tuple[BlockKind, int]], set[int]] | None:
    """The kinds of line (block kind and level) the post's talks of ``convention`` are written as,
    and the lines readings already hold; ``None`` unless ``convention`` cuts a line at a separator
    and the post has :data:`MIN_SHAPED_TALKS` such full-name talks (shared with ``lowernames``)."""
    if convention not in cut:
        return None
    shaped = [r for r in readings.values() if r.convention == convention and r.strength >= 2]
    if len(shaped) < MIN_SHAPED_TALKS:
        return None
    kinds = {(ctx.blocks[r.index].kind, ctx.blocks[r.index].level) for r in shaped}
    heads = set(readings) | {i for r in readings.values() for i in (*r.consumed, *r.kept)}
    return kinds, heads


def unread_line(index: int, ctx: Context, taken: set[int], heads: set[int],
                kinds: set[tuple[BlockKind, int]]) -> bool:
    """Line ``index`` is one line, of the shape of the post's talks, that no reading holds and
    that does not follow one (it may be a talk the post's shape missed)."""
    block = ctx.blocks[index]
    return not (index in taken or index in heads or index == 0 or index - 1 in heads
                or (block.kind, block.level) not in kinds or "\n" in block.text)


def named_title_talks(convention: str, readings: dict[int, Reading], taken: set[int],
                      ctx: Context) -> list[Reading]:
    """Lines of the post's own shape whose title reads like a name (see the module's docstring)."""
    shape = post_shape(convention, readings, ctx)
    if shape is None:
        return []
    kinds, heads = shape
    blocks = ctx.blocks
    named = {word.casefold() for r in readings.values() for name in r.heading.speakers
             for word in name.split()}
    found: list[Reading] = []
    for index, block in enumerate(blocks):
        if not unread_line(index, ctx, taken, heads, kinds):
            continue
        if block.kind != BlockKind.HEADING \
                and blocks[index - 1].plain.rstrip().endswith((":", "–", "—", "-")):
            continue  # a line a colon (or dash) introduces is a note
        after = index + 1
        if after < len(blocks) and (after in readings or blocks[after].kind not in (
                BlockKind.LINE, BlockKind.BULLET, BlockKind.RAW)):
            continue  # no note of its own
        forced, ctx.forced = ctx.forced, True
        try:
            reading = read_at(convention, ctx, index)
        finally:
            ctx.forced = forced
        if reading is None or reading.consumed or reading.kept or not reading.heading.speakers \
                or len(reading.heading.title.split()) < 2 \
                or not all(is_person_name(name, 2) for name in reading.heading.speakers) \
                or any(word.casefold() in named for name in reading.heading.speakers
                       for word in name.split()):
            continue
        reading.strength = 2
        found.append(reading)
        heads.add(index)
    return found
