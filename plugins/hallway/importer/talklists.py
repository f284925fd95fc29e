"""Talks listed without notes: a list of ``Title – Full Name`` items under a heading of the post's own.

Why this exists: a post whose talks are lines or paragraphs (``**naming things** — Jane Doe``
and its notes) under headings that are its own sections may end with the lightning talks the
note-taker saw, too short for notes, one list item each (``## Lightning talks I liked but took no
notes in`` / ``- Getting data out of PDFs – Mia Castonguay``). Each item is a talk when:

* the post's other talks show its shape: at least :data:`MIN_SHAPED_TALKS` full-name talks
  written ``Title – Full Name`` (or ``Speaker – Title``, ``Title by Speaker``), none of them a
  heading (where the talks are headings, a list under another heading is something else: ``##
  Talks to watch later``, ``### Other talks on this``);
* the heading right above the list is a lightning heading of the post's own (one speaking in the
  first person is no block of presenters: :func:`.headings.speaks_in_first_person`) and does not
  say the talks were missed (``Lightning talks I missed``);
* every item of the list reads in that shape with full names, and no notes are nested under any
  (items with notes under them are the list-item convention's).

A list inside a talk's notes, under ``Further reading`` or ``Links``, or alone in a post (``Talks
I saw:``) stays notes. Split out of :mod:`.split` so that module stays a readable size.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .blocks import BlockKind
from .conventions import BY, DASH_TITLE, TITLE_DASH, finish_reading, read_text_as
from .headings import Heading, clean, kind_of
from .reading import Context, Reading, strength

#: Talks of a post's own shape (``Title – Full Name``) it needs before a list of such items is talks.
MIN_SHAPED_TALKS = 2
#: Words of a heading over talks the note-taker did not see (``Lightning talks I missed``).
_NOT_SEEN = re.compile(r"\b(?:miss(?:ed)?|skip(?:ped)?|watch|later|wish|didn['’]t\s+see|couldn['’]t"
                       r"|to\s+see)\b", re.IGNORECASE)


def talk_shape(readings: dict[int, Reading]) -> str | None:
    """The post's shape of one-line talks (``Title – Full Name``, ``Speaker – Title``, ``Title by
    Speaker``) when at least :data:`MIN_SHAPED_TALKS` full-name talks are written so."""
    shapes = Counter(r.convention for r in readings.values() if r.strength >= 2 and r.convention in
                     (TITLE_DASH, DASH_TITLE, BY))
    if not shapes or max(shapes.values()) < MIN_SHAPED_TALKS:
        return None
    return shapes.most_common(1)[0][0]


def talk_items(index: int, convention: str, taken: set[int], ctx: Context) -> list[tuple[int, Heading]]:
    """The list right under block ``index`` when every item is a talk of ``convention`` with full
    names and no notes nested under it; else no items."""
    blocks = ctx.blocks
    items: list[tuple[int, Heading]] = []
    for item in range(index + 1, len(blocks)):
        bullet = blocks[item]
        if bullet.kind != BlockKind.BULLET or bullet.depth != 0:
            if bullet.kind == BlockKind.BULLET:
                return []  # notes nested under an item: the list-item convention's, if any
            break
        found = read_text_as(convention, clean(bullet.plain), ctx) if item not in taken else None
        if found is None or strength(list(found.speakers), ctx.evidence) < 2 or bullet.more:
            return []
        items.append((item, found))
    return items


def listed_talks(readings: dict[int, Reading], taken: set[int], ctx: Context) -> list[tuple[Reading, str]]:
    """The listed talks of the post (see the module's docstring), each with the heading above it."""
    convention = talk_shape(readings)
    blocks = ctx.blocks
    if convention is None or any(blocks[i].kind == BlockKind.HEADING for i in readings):
        return []
    found: list[tuple[Reading, str]] = []
    for index, block in enumerate(blocks):
        if block.kind != BlockKind.HEADING or index in readings or index in taken:
            continue
        heading = clean(block.plain).rstrip(":：").rstrip()
        if kind_of(heading) != "lightning" or _NOT_SEEN.search(heading):
            continue  # ("## Talks I missed but will watch": talks the note-taker did not see)
        items = talk_items(index, convention, taken, ctx)
        if len(items) < MIN_SHAPED_TALKS:
            continue
        for item, talk in items:
            talk = replace(talk, kind="lightning") if talk.kind == "talk" else talk
            found.append((finish_reading(ctx, Reading(talk, item, convention, 2)), heading))
    return found
