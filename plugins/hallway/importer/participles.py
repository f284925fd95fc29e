"""Flat ``Title by Full Name`` talks whose title ends with a participle: ``The Linux boot process
dissected by Ngozi Adeyemi-Clark``, ``Puppet manifests refactored by Jane Doe``.

Why this exists: a flat line ``… <participle> by Full Name`` is a passive note far more often than a
talk (``Question asked by Jane Doe``, ``Tool written by Jo Bloggs``), so :mod:`.headings` reads
it as a note unless titles use the participle (``explained``, ``revisited``), a clause of its own
comes before it (``Backups nobody has tested``) or a track's name does (``Sysadmin Miniconf –
Systemd timers dissected by …``). Word lists of participles never end, though. In a post whose
talks are ``Title by Full Name`` lines, such a line is a talk when it stands as they do:

* the post has at least two full-name talks of that shape, and the line's speakers are full
  names that the post names nowhere else;
* what the participle is done to is a capitalised phrase of two words or more (a note's subject
  is one word, ``Question asked``, ``Slides reviewed``), and the participle is the last word, not
  one saying who made the thing (``Original code written by …``, ``Diagrams drawn by …``: a credit,
  however many notes follow it);
* it is not the first line under a talk, nor a line a colon introduces, and at least two note
  lines of its own follow it before the next talk (a credit under a talk is often its last note).

Each one is listed as unsure.
"""

from __future__ import annotations

from .blocks import BlockKind
from .conventions import BY, finish_reading
from .headings import (
    IRREGULAR_PARTICIPLES,
    LOWER_STARTS,
    REFERENCE_WORDS,
    clean,
    credit_participle,
    read_heading,
)
from .mononyms import MIN_FULL_NAME_TALKS, NOTE_STARTS
from .names import is_person_name
from .reading import Context, Reading

#: First words of a note, not of a subject phrase (``It was…``, ``Question asked…``, ``Photo taken…``).
_NOT_SUBJECT_STARTS = (LOWER_STARTS - {"the", "a", "an"}) | NOTE_STARTS | REFERENCE_WORDS
#: Note lines a participle title needs under it.
MIN_OWN_NOTES = 2


def _participle(word: str) -> bool:
    return word.islower() and (word in IRREGULAR_PARTICIPLES or (len(word) > 4 and word.endswith("ed")))


def participle_talks(convention: str, readings: dict[int, Reading], taken: set[int],
                     ctx: Context) -> list[Reading]:
    """Flat lines ``Subject participle by Full Name`` read as talks (see the module's docstring)."""
    if convention != BY or ctx.marked:
        return []
    full = [r for r in readings.values() if r.convention == BY and r.strength >= 2]
    if len(full) < MIN_FULL_NAME_TALKS:
        return []
    named = {word.casefold() for r in readings.values() for name in r.heading.speakers
             for word in name.split()}
    heads = set(readings) | {i for r in readings.values() for i in (*r.consumed, *r.kept)}
    blocks = ctx.blocks
    found: list[Reading] = []
    for index, block in enumerate(blocks):
        if index in taken or index in heads or index == 0 or block.kind != BlockKind.LINE \
                or "\n" in block.text or index - 1 in heads \
                or blocks[index - 1].plain.rstrip().endswith((":", "–", "—", "-")):
            continue
        text = clean(block.plain)
        if read_heading(text) is not None:
            continue  # read already, or refused for another reason
        heading = read_heading(text, marked=True)
        if heading is None or not heading.speakers \
                or not all(is_person_name(name, 2) for name in heading.speakers) \
                or any(word.casefold() in named for name in heading.speakers for word in name.split()):
            continue
        words = heading.title.split()
        if len(words) < 3 or not _participle(words[-1]) or credit_participle(heading.title) \
                or not words[0][:1].isupper() \
                or words[0].casefold() in _NOT_SUBJECT_STARTS \
                or any(_participle(word) for word in words[:-1]):
            continue
        notes = blocks[index + 1: index + 1 + MIN_OWN_NOTES]
        if len(notes) < MIN_OWN_NOTES or any(
                i in heads or b.kind not in (BlockKind.LINE, BlockKind.BULLET) or read_heading(b.plain)
                for i, b in enumerate(notes, index + 1)):
            continue
        found.append(finish_reading(ctx, Reading(heading, index, BY, 2)))
        heads.add(index)
    return found
