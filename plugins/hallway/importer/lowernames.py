"""A speaker's name typed in lowercase in a capitalised post: ``Packaging Is Politics – lena schwartz``.

Some speakers write their own name in lowercase, and note-takers copy it so; in a post written with
capitals a lowercase name can't be told from a word by its capital letter, so a line of the post's
own shape with one is read as a talk without speakers, its title keeping the name. Posts written
all in lowercase have their own rule (:mod:`.casing`); this one reads a single line, in the way its
talks are read, when

* the convention cuts a line into title and speakers (``Title – Name``, ``Name – Title``…) and
  the post has at least two talks of that shape naming full names;
* the line is the same kind of block as those talks (a bold line, a heading of their level, a line
  of flat text), not the first line under a talk, with a note of its own after it (or at the end);
* read as if the post were in lowercase, it names people of two words or more, each written all in
  lowercase, read as a name there and with a word rare in English (``lena schwartz``, ``kate
  mcintyre``; not ``both fine``, nor ``mesh networking``, a topic, and not ``mark king`` either:
  names of common words still need their capitals), and a title of two words or more that starts
  with a capital, as the post's titles do.

Each one is listed as unsure.
"""

from __future__ import annotations

from .casing import reading_lowercase
from .conventions import COLON_TITLE, DASH_TITLE, TITLE_COLON, TITLE_DASH, TITLE_PAREN, read_at
from .namedtitles import post_shape, unread_line
from .names import has_rare_word, is_person_name
from .reading import Context, Reading

#: Conventions that cut one line into a title and speakers at a separator (at least two full-name
#: talks of the post's shape are needed before a lowercase name is believed: ``post_shape``).
_CUT = (TITLE_DASH, DASH_TITLE, TITLE_COLON, COLON_TITLE, TITLE_PAREN)


def lowercase_name_talks(convention: str, readings: dict[int, Reading], taken: set[int],
                         ctx: Context) -> list[Reading]:
    """Lines of the post's own shape naming speakers in lowercase (see the module's docstring)."""
    shape = post_shape(convention, readings, ctx, _CUT)
    if shape is None:
        return []
    kinds, heads = shape
    blocks = ctx.blocks
    found: list[Reading] = []
    for index, block in enumerate(blocks):
        if not unread_line(index, ctx, taken, heads, kinds) \
                or block.plain == block.plain.capitalize() or block.plain.islower():
            continue
        after = index + 1
        if after < len(blocks) and after in readings:
            continue  # no note of its own
        forced, ctx.forced, memo = ctx.forced, True, dict(ctx.memo)
        try:
            with reading_lowercase(True):
                reading = read_at(convention, ctx, index)
        finally:
            ctx.forced = forced
            ctx.memo.clear()
            ctx.memo.update(memo)
        if reading is None or reading.consumed or reading.kept or not reading.heading.speakers:
            continue
        title, names = reading.heading.title, reading.heading.speakers
        if len(title.split()) < 2 or not title[:1].isupper() or not all(
                name.islower() and len(name.split()) >= 2 and has_rare_word(name) for name in names):
            continue
        with reading_lowercase(True):
            if not all(is_person_name(name, 2) for name in names):
                continue
        reading.strength = 2
        found.append(reading)
        heads.add(index)
    return found
