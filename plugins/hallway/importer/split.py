"""Finding the talks in a document: which blocks are talk headings, judged with the whole file.

* The file's heading convention is chosen first (:mod:`.conventions`: the reading that explains
  most headings with believable speakers and notes under them), or forced with ``--headings``.
* Lines the chosen convention does not read, but another reads with a full or known name (or
  that match a talk the knowledge base already has), are talks too: a mixed file imports what
  it can. Each such line is listed as *unsure*, with what was decided.
* A list item is never a heading unless the file writes its talks as list items (or numbers).
* Lines marked as headings (Markdown ``#``/bold lines, HTML headings/``<strong>`` lines) are read
  leniently; marked headings that are not talk headings stay in the talk's notes as
  sub-headings. A talk heading nested under a ``Lightning talks`` heading is a lightning talk.
* A line right after a line that ends with ``:`` or a dash continues that note.
* The post's last line read as a talk is the author signing off when it is a farewell (``Happy
  hacking – Jane Doe``, ``Off to the Penguin Dinner – …``), says the author's day is over (``17:00
  Done for the day – …``, ``Calling it a night – …``: a short line ending with the end of the day,
  with nothing under it, after the day's talks; ``Built for speed – …`` is a last talk) or is the
  post's only such line, with nothing under it; a plain line whose title is a
  lowercase sentence with nothing under it, where the post's titles are capitalised, is a note
  (``Pablo Ruiz Soto – subió las fotos a Flickr``).
* ``“Title” by Full Name. Read it…`` paragraphs right after one that speaks of books or articles
  are works recommended, not talks.
* The post's first line naming an event and its year (``LCA 2020 – Day 3 – Gold Coast``, copied with
  the post) is its title, not a talk by the venue, unless list items of notes follow it.
* Everything before the first talk is the document's introduction: it is kept, not dropped.
  Lines holding only a talk's speakers are in its front-matter, so no line is lost.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .blocks import BOLD_LEVEL, Block, BlockKind, SourceDoc
from .casing import reading_lowercase, writes_in_lowercase
from .conventions import (
    LIST_ITEM,
    NAMED,
    NO_SPEAKER,
    NUMBERED,
    SPEAKER_COMMA,
    TWO_LINE,
    Choice,
    choose,
    read_at,
    scan,
)
from .dashes import spaced
from .evidence import Evidence, KnownTalk
from .headings import Heading, clean, kind_of
from .lowernames import lowercase_name_talks
from .mdtext import escape_text
from .mononyms import happened, one_word_talks, outside_the_sequence, talk_like_title
from .namedtitles import named_title_talks
from .participles import participle_talks
from .reading import OPEN_SPACE, TLDR, Context, Reading
from .reports import REPORT, introduced_as_works, quoted_work, report_talks
from .tables import talk_table
from .talklists import MIN_SHAPED_TALKS, listed_talks, talk_items, talk_shape
from .tracks import shared_tracks

#: The convention of a file whose talks are all rows of tables.
TABLE = "talks in a table"
#: Conventions whose readings of a lone unmarked line are too weak to start a talk in a mixed file.
_NOT_ALONE = (LIST_ITEM, NUMBERED, TWO_LINE, SPEAKER_COMMA)
#: Notes a speakerless marked heading needs under it to be a talk in a file of named talks.
MIN_NOTES_FOR_BARE_HEADING = 2


@dataclass
class DraftTalk:
    """A talk found in a document: its heading and the blocks of its notes."""

    heading: Heading
    line: int | None
    link: str | None
    blocks: list[Block] = field(default_factory=list)
    kind: str = "talk"
    level: int = 0
    session: str | None = None
    """A track or miniconf named before the title."""
    known: KnownTalk | None = None
    """The knowledge base's talk whose title and speakers it took."""


@dataclass(frozen=True)
class Unsure:
    """A line the importer was not sure about, and what it decided."""

    line: int | None
    text: str
    decision: str


@dataclass
class SplitDoc:
    """A document divided into its introduction and its talks."""

    doc: SourceDoc
    intro: list[Block]
    talks: list[DraftTalk]
    talk_level: int | None
    """Heading level of talk headings in a marked document (sub-headings are rendered below it)."""
    convention: str = ""
    """The heading convention chosen (``""`` when the file has no talk headings)."""
    scores: dict[str, float] = field(default_factory=dict)
    forced: bool = False
    unsure: list[Unsure] = field(default_factory=list)


def _usual_level(blocks: list[Block]) -> int | None:
    """The level talk headings probably have: the highest level used at least twice."""
    counts = Counter(b.level for b in blocks if b.kind == BlockKind.HEADING)
    repeated = [level for level, count in counts.items() if count >= 2]
    return min(repeated or counts or [0]) or None


def _describe(reading: Reading) -> str:
    heading = reading.heading
    text = f"'{heading.title}'"
    if heading.speakers:
        text += " by " + ", ".join(heading.speakers)
    return text


def _notes_after(blocks: list[Block], index: int, level: int) -> int:
    count = 0
    for block in blocks[index + 1:]:
        if block.kind == BlockKind.HEADING and block.level <= level:
            break
        count += 1
    return count


#: Full-name talks a flat post needs before its last line, in another shape, is read as one too.
MIN_TALKS_BEFORE_LAST_LINE = 2


def _last_talk_line(reading: Reading, chosen: dict[int, Reading], ctx: Context) -> bool:
    """The post's last line, in another shape than its talks and with nothing under it, is its last
    talk (``Closing session – Rhiannon Tupou`` after ``Title by Name`` talks): in a flat post of at
    least two full-name talks, with a title of two words or more and full names (a one-word sign-off,
    ``Cheers – Jane Doe``, stays a note, as do references and names with more after them)."""
    if reading.last + 1 != len(ctx.blocks) or ctx.marked or ctx.blocks[reading.index].kind != BlockKind.LINE \
            or reading.strength < 2 or reading.heading.byline or not talk_like_title(reading.heading.title):
        return False  # ("Previous talk on this – Annika Laine at LCA 2017": a reference, names and more)
    talks = [r for r in chosen.values() if r.heading.speakers and r.strength >= 2 and r.index < reading.index]
    return len(talks) >= MIN_TALKS_BEFORE_LAST_LINE


#: A farewell ending a post: the note-taker signing off (``Happy hacking – Jane Doe``, ``Off to the
#: Penguin Dinner – Stewart Smith``, ``Lucía Fernández – ¡hasta el año que viene!``), not a talk.
_FAREWELL = re.compile(
    r"[¡¿\"“‘'(]*(?:happy\s+\w+ing|off\s+to|heading\s+(?:off|home|out|back)|back\s+(?:home|tomorrow)"
    r"|see\s+(?:you|y['’]?all|ya|everyone)|cheers|bye|good\s*bye|good\s*night|farewell|until\s+next"
    r"|till\s+next|more\s+tomorrow|thanks\s+for\s+reading|signing\s+off|over\s+and\s+out"
    r"|that['’]s\s+(?:all|it)\b|hasta|adi[oó]s|bis\s+(?:bald|morgen|n[äa]chste)|tsch[üu]ss|[àa]\s+bient[ôo]t"
    r"|au\s+revoir|ka\s+kite|m[āa]\s+te\s+w[āa]|haere\s+r[āa])\b",
    re.IGNORECASE)


#: The end of the author's day, ending a sign-off (``Calling it a night``, ``Time for bed``, ``Done for
#: today``): a small word list.
_DAY_ENDS = frozenset({"day", "today", "night", "tonight", "bed", "bedtime", "sleep", "evening"})
MAX_SIGN_OFF_WORDS = 5


def day_ends(words: list[str]) -> bool:
    """A short line saying the author's day is over (``Calling it a night``, ``Finished for today``), or
    what the author has done (``Done and dusted``, ``Done for now``): a participle and ``and``, or
    one of the end of the day or ``now``. (A participle and a preposition alone, ``Built for speed``,
    is a title as often.)"""
    last = words[-1].casefold().strip(".!…")
    if happened(words, joined=True) and (words[1].casefold() == "and" or last in _DAY_ENDS | {"now"}):
        return True
    return len(words) <= MAX_SIGN_OFF_WORDS and last in _DAY_ENDS


#: Lines a sign-off may have after it (``Photos tomorrow.``); more are a talk's notes.
MAX_LINES_AFTER_SIGN_OFF = 1


def _sign_off(readings: dict[int, Reading], ctx: Context, unsure: list[Unsure]) -> None:
    """The post's last line read as a talk is its author signing off, not a talk, when it is a
    farewell (:data:`_FAREWELL`; whatever follows it, ``Photos tomorrow.``, then ends the talk
    before), or when it is the only line of the post read as a talk and nothing is under it (a prose
    post ending ``Happy hacking – Jane Doe``). A heading or a talk the knowledge base knows stays
    a talk."""
    if not readings:
        return
    last = max(readings)
    reading, block = readings[last], ctx.blocks[last]
    if reading.consumed or reading.kept or reading.known is not None \
            or block.kind != BlockKind.LINE or "\n" in block.text:
        return
    # A talk whose title reads like a farewell ("See you in production") has notes under it; a
    # sign-off has at most a line after it ("Photos tomorrow.").
    farewell = (_FAREWELL.match(reading.heading.title) is not None
                and len(ctx.blocks) - last - 1 <= MAX_LINES_AFTER_SIGN_OFF)
    bare = last + 1 == len(ctx.blocks) and reading.first_note in (None, f"Time: {ctx.times.get(last)}")
    alone = bare and len(readings) == 1
    # "Done for the day – Jane Doe", "Calling it a night – …" after the day's talks: the author's day
    # ends, not a talk's title ("Built for speed – Jane Doe", a participle too, is a last talk)
    words = reading.heading.title.split()
    done = bare and len(readings) > MIN_TALKS_BEFORE_LAST_LINE and len(words) >= 2 and day_ends(words)
    if not (farewell or alone or done):
        return
    del readings[last]
    why = "a farewell" if farewell else "the author's day is over, with nothing under it" if done \
        else "the post's only line read as a talk, with nothing under it"
    unsure.append(Unsure(block.line, block.plain, f"kept as a note: the post's last line signs off ({why})"))


def _fallback(choice_readings: dict[int, Reading], taken: set[int], others: dict[str, list[Reading]],
              ctx: Context, unsure: list[Unsure], chosen: str) -> set[int]:
    """Lines another convention reads with a full or known name: talks of a mixed file. Returns the
    lines it kept as notes (read with a one-word name), which a group's sub-heading may still be."""
    noted: set[int] = set()
    for convention in NAMED:
        for reading in others.get(convention, []):
            current = choice_readings.get(reading.index)
            upgrade = current is not None and not current.heading.speakers \
                and bool(reading.heading.speakers) and not current.consumed
            if (reading.index in taken and not upgrade) \
                    or any(i in taken for i in (*reading.consumed, *reading.kept)):
                continue
            block = ctx.blocks[reading.index]
            followed = (reading.last + 1 < len(ctx.blocks) and reading.last + 1 not in taken) \
                or _last_talk_line(reading, choice_readings, ctx)
            # (whether a speaker is known to the knowledge base is not enough here: a second
            # import knows every speaker of the first, and must read the same talks)
            # (a title in lowercase, "Home Assistant – runs on a Pi", is a note read backwards)
            titled = not reading.heading.title[:1].islower()
            strong = reading.known is not None or (reading.strength >= 2 and titled and (
                block.kind == BlockKind.HEADING
                or (followed and not ctx.marked and convention not in _NOT_ALONE)))
            if upgrade and strong:
                choice_readings[reading.index] = reading
                taken.update((*reading.consumed, *reading.kept))
                unsure.append(Unsure(block.line, block.plain, f"talk {_describe(reading)}, speakers read "
                                                              f"as '{convention}'"))
                continue
            if upgrade:
                continue
            if not reading.heading.speakers or not strong:
                if reading.heading.speakers or reading.known:
                    unsure.append(Unsure(block.line, block.plain,
                                         f"kept as a note (could be read as '{convention}': "
                                         f"{_describe(reading)})"))
                    taken.add(reading.index)
                    noted.add(reading.index)
                continue
            choice_readings[reading.index] = reading
            taken.update((reading.index, *reading.consumed, *reading.kept))
            unsure.append(Unsure(block.line, block.plain,
                                 f"talk {_describe(reading)}, read as '{convention}' "
                                 f"(the file mostly uses '{chosen}')"))
    return noted


def _group(index: int, level: int, readings: dict[int, Reading], taken: set[int], ctx: Context,
           unsure: list[Unsure], noted: set[int]) -> bool:
    """A heading at the talks' level with sub-headings right under it (``Open spaces`` / ``### Topic``).

    It names a group of sessions, not a talk: each sub-heading with a ``TLDR:`` line or notes under
    it is a talk without speakers, and the group's heading becomes their session (even one another
    shape could read with a one-word name, ``#### Monorepos: yes or no?``: the group shows what it is).
    """
    blocks = ctx.blocks
    if index + 1 >= len(blocks) or blocks[index + 1].kind != BlockKind.HEADING \
            or blocks[index + 1].level <= level:
        return False
    child_level = blocks[index + 1].level
    group = clean(blocks[index].plain).rstrip(":").rstrip()
    inner = replace(ctx, talk_level=child_level)
    found: list[Reading] = []
    for child in range(index + 1, len(blocks)):
        block = blocks[child]
        if block.kind == BlockKind.HEADING and block.level <= level:
            break
        if block.kind != BlockKind.HEADING or block.level != child_level:
            continue
        if child in readings:  # already a talk (a title the knowledge base knows): still in the group
            found.append(readings[child])
            continue
        if child in taken and child not in noted:
            continue
        reading = read_at(NO_SPEAKER, inner, child)
        if reading is None:
            continue
        tldr = child + 1 < len(blocks) and bool(TLDR.match(blocks[child + 1].plain))
        if tldr or _notes_after(blocks, child, child_level) >= MIN_NOTES_FOR_BARE_HEADING:
            found.append(reading)
    if not found:
        return False
    for reading in found:
        reading.session = reading.session or group
        if reading.index in noted:  # (no longer "kept as a note")
            unsure[:] = [u for u in unsure if u.line != blocks[reading.index].line]
        readings[reading.index] = reading
        taken.update((reading.index, *reading.consumed))
        unsure.append(Unsure(blocks[reading.index].line, blocks[reading.index].plain,
                             f"talk {_describe(reading)} in the group '{group}' (its session)"))
    taken.add(index)
    unsure.append(Unsure(blocks[index].line, blocks[index].plain,
                         "a group of sessions, not a talk: the session of the talks under it"))
    return True


_OPEN_SPACES = re.compile(r"(?:open[- ]spaces?|unconference|bofs?|birds of a feather)(?:\s+\w+)?:?",
                          re.IGNORECASE)


def _open_space_line(block: Block) -> bool:
    """A plain line that only names the open spaces (``Open spaces``, ``Unconference sessions``)."""
    return block.kind == BlockKind.LINE and "\n" not in block.text and len(block.plain.split()) <= 3 \
        and bool(_OPEN_SPACES.fullmatch(block.plain.strip()))


def _topic_over_notes(index: int, ctx: Context) -> bool:
    """A short capitalised line, no sentence, right over list items of notes (``Terraform state in a
    monorepo`` / ``- most people split state per team``): a topic of the open spaces."""
    block, after = ctx.blocks[index], ctx.blocks[index + 1] if index + 1 < len(ctx.blocks) else None
    text = block.plain.strip()
    return block.kind == BlockKind.LINE and "\n" not in block.text and after is not None \
        and after.kind == BlockKind.BULLET and after.depth == 0 and text[:1].isupper() \
        and len(text.split()) <= 12 and not text.endswith((".", ":", "：", ",", ";"))


def _bare_headings(readings: dict[int, Reading], taken: set[int], ctx: Context,
                   unsure: list[Unsure], noted: set[int]) -> set[int]:
    """Marked headings at the talks' level without speakers, and lines followed by ``TLDR:``.

    Returns the headings that only name a group of such talks (their session, not a note).
    """
    tldr_lines = sum(1 for b in ctx.blocks if TLDR.match(b.plain))
    shape = talk_shape(readings)
    levels = [ctx.blocks[i].level for i in readings if ctx.blocks[i].kind == BlockKind.HEADING]
    level = min(levels) if levels else None
    groups: set[int] = set()
    open_spaces = False  # after a plain "Open spaces" line, until the next talk
    for index, block in enumerate(ctx.blocks):
        if index in readings:
            open_spaces = False
        if index in taken:
            continue
        names_them = _open_space_line(block)
        open_spaces = open_spaces or names_them
        if open_spaces and not names_them and _topic_over_notes(index, ctx):
            unsure.append(Unsure(block.line, block.plain, "talk without speakers (a topic over notes "
                                                          "after an 'Open spaces' line)"))
            readings[index] = Reading(Heading(clean(block.plain), ()), index, "", 0)
            taken.add(index)
            continue
        if block.kind == BlockKind.HEADING and level is not None and block.level == level \
                and _group(index, level, readings, taken, ctx, unsure, noted):
            groups.add(index)
            continue
        reading = read_at(NO_SPEAKER, ctx, index)
        if reading is None:
            continue
        if block.kind == BlockKind.HEADING:
            if level is None or block.level != level:
                continue
            tldr = index + 1 < len(ctx.blocks) and bool(TLDR.match(ctx.blocks[index + 1].plain))
            items = talk_items(index, shape, taken, ctx) if shape is not None else []
            notes = _notes_after(ctx.blocks, index, level)
            if reading.heading.kind == "talk" and len(items) >= MIN_SHAPED_TALKS and len(items) == notes:
                unsure.append(Unsure(block.line, block.plain, "kept as a heading of the post (over a list of "
                                                              "talks in the post's shape, not a talk)"))
                continue
            if notes < MIN_NOTES_FOR_BARE_HEADING and not tldr \
                    and reading.heading.kind == "talk":  # ("Stripe's keynote" is a talk whatever is under it)
                unsure.append(Unsure(block.line, block.plain,
                                     "kept as a sub-heading of the talk before (no speaker, few notes)"))
                continue
            unsure.append(Unsure(block.line, block.plain, "talk without speakers (heading at the "
                                                          "talks' level with notes or a TLDR under it)"))
        elif index + 1 < len(ctx.blocks) and TLDR.match(ctx.blocks[index + 1].plain) and (
                OPEN_SPACE.match(block.plain) or (tldr_lines >= 2 and index - 1 not in readings)):
            # (one TLDR may just be a note, and so is the first line under a talk's heading)
            unsure.append(Unsure(block.line, block.plain, "talk without speakers (a TLDR line follows)"))
        else:
            continue
        readings[index] = reading
        taken.update((index, *reading.consumed))
    return groups


def _listed_talks(readings: dict[int, Reading], taken: set[int], ctx: Context, unsure: list[Unsure]) -> None:
    """Lightning talks listed without notes under a heading of the post's own (:mod:`.talklists`)."""
    for reading, heading in listed_talks(readings, taken, ctx):
        readings[reading.index] = reading
        taken.add(reading.index)
        block = ctx.blocks[reading.index]
        unsure.append(Unsure(block.line, block.plain, f"talk {_describe(reading)} (an item of a list of "
                                                      f"talks under '{heading}', in the post's own shape)"))


def _known_titles(readings: dict[int, Reading], taken: set[int], ctx: Context,
                  unsure: list[Unsure]) -> None:
    """Lines that are exactly (or nearly) the title of a talk the knowledge base has for the event."""
    if not ctx.evidence.event_talks():
        return
    for index, block in enumerate(ctx.blocks):
        if index in taken or block.kind not in (BlockKind.LINE, BlockKind.HEADING) \
                or not 15 <= len(block.plain) <= 200 or len(block.plain.split()) < 3 or "\n" in block.text:
            continue  # short lines ("Koha", "Keynote") are notes as often as titles
        known = ctx.evidence.match_talk(block.plain, exact_only=True)
        if known is None or kind_of(known.title) != "talk":
            continue
        heading = Heading(known.title, known.speakers, known.kind)
        readings[index] = Reading(heading, index, "known talk", 3, known=known)
        taken.add(index)
        unsure.append(Unsure(block.line, block.plain, f"talk '{known.title}': the title of {known.path}"))


def _sub_headings(choice: Choice, ctx: Context, unsure: list[Unsure]) -> set[int]:
    """Headings nested under a talk's heading are parts of its notes (``## Title – Jane Doe`` /
    ``### Sources – Christopher Tolkien``), except under a ``Lightning talks`` heading. (A bold line
    is no sub-heading: posts mix ``<h3>`` and bold lines for their talks.)"""
    blocks = ctx.blocks
    talk_level = _talk_level(choice, ctx)
    kept: list[Reading] = []
    dropped: set[int] = set()
    parent: Reading | None = None
    for reading in choice.readings:
        block = blocks[reading.index]
        if block.kind != BlockKind.HEADING:
            kept.append(reading)
            continue
        nested = parent is not None and talk_level is not None \
            and blocks[parent.index].level == talk_level < block.level < BOLD_LEVEL
        if nested and parent is not None and parent.heading.speakers and parent.heading.kind != "lightning" \
                and reading.known is None:
            dropped.add(reading.index)
            unsure.append(Unsure(block.line, block.plain, f"kept as a sub-heading of the talk "
                                                          f"'{parent.heading.title}' (nested under it)"))
            continue
        parent = reading
        kept.append(reading)
    choice.readings = kept
    return dropped


def _thin_bare_headings(choice: Choice, ctx: Context, unsure: list[Unsure]) -> set[int]:
    """Chosen as headings without speakers, but most name speakers on a line below: then, as in
    :func:`_bare_headings`, a heading without one needs notes (or a ``TLDR:``) under it to be a
    talk (``**Hackathon results**`` over one line is a section of the post)."""
    readings = choice.readings
    if choice.convention != NO_SPEAKER or 2 * sum(1 for r in readings if r.heading.speakers) < len(readings):
        return set()
    kept: list[Reading] = []
    dropped: set[int] = set()
    for reading in readings:
        block = ctx.blocks[reading.index]
        after = reading.last + 1
        tldr = after < len(ctx.blocks) and bool(TLDR.match(ctx.blocks[after].plain))
        if reading.heading.speakers or reading.heading.kind != "talk" or reading.known is not None \
                or block.kind != BlockKind.HEADING or tldr \
                or _notes_after(ctx.blocks, reading.index, block.level) >= MIN_NOTES_FOR_BARE_HEADING:
            kept.append(reading)
            continue
        dropped.add(reading.index)
        unsure.append(Unsure(block.line, block.plain, "kept as a sub-heading of the talk before (no speaker, "
                                                      "few notes, where the other headings name speakers)"))
    choice.readings = kept
    return dropped


def _group_headings(choice: Choice, ctx: Context, unsure: list[Unsure]) -> set[int]:
    """A heading without speakers right over a deeper heading read as a talk (``### Open spaces`` /
    ``#### Terraform state: one file or many?``) names a group of sessions, as in :func:`_group`
    (which finds such groups beside named talks): it is the session of the talks under it, not a
    talk. Returns the group headings (their words stay, as the session of those talks)."""
    blocks = ctx.blocks
    chosen = {r.index for r in choice.readings}
    groups: set[int] = set()
    group: tuple[int, str] | None = None
    kept: list[Reading] = []
    for reading in choice.readings:
        block = blocks[reading.index]
        if block.kind == BlockKind.HEADING and group is not None and block.level <= group[0]:
            group = None
        after = reading.index + 1
        heading = reading.heading
        if block.kind == BlockKind.HEADING and not heading.speakers and heading.kind == "talk" \
                and reading.known is None and not reading.consumed and reading.first_note is None \
                and after in chosen and blocks[after].kind == BlockKind.HEADING \
                and block.level < blocks[after].level < BOLD_LEVEL:
            group = (block.level, clean(block.plain).rstrip(":：").rstrip())
            groups.add(reading.index)
            unsure.append(Unsure(block.line, block.plain,
                                 "a group of sessions, not a talk: the session of the talks under it"))
            continue
        if group is not None:
            reading.session = reading.session or group[1]
        kept.append(reading)
    choice.readings = kept
    return groups


#: Words a lowercase title needs to read as a sentence (``subió las fotos de la charla a Flickr``);
#: a short one is a lowercase name (``systemd in production``).
MIN_SENTENCE_WORDS = 4


def _starts_lowercase(title: str) -> bool:
    letters = title.lstrip("¡¿\"“‘'«(*_ ")
    first = letters.split()[0] if letters.split() else ""
    return first.isalpha() and first.islower()


def _out_of_sequence(choice: Choice, ctx: Context, unsure: list[Unsure]) -> set[int]:
    """Numbered one-word talks (of speakers the knowledge base knows) out of the talks' sequence
    are notes (:func:`.mononyms.outside_the_sequence`)."""
    if choice.convention != NUMBERED:
        return set()
    dropped = outside_the_sequence(choice.readings, ctx)
    for index in sorted(dropped):
        block = ctx.blocks[index]
        unsure.append(Unsure(block.line, block.plain, "kept as a note (a one-word name, its number out of "
                                                      "the sequence of the post's numbered talks)"))
    choice.readings = [r for r in choice.readings if r.index not in dropped]
    return dropped


def _lowercase_lines(choice: Choice, ctx: Context, unsure: list[Unsure]) -> set[int]:
    """In a post whose talks' titles are mostly capitalised, a plain line with nothing under it
    whose "title" opens with a lowercase word and runs to a sentence is a note read as a talk:
    ``Pablo Ruiz Soto – subió las fotos de la charla a Flickr`` says what someone did, in any
    language. (A heading, a bold title, a title with notes under it, one starting ``eBPF``, or a
    post of lowercase titles, as normconf's, is left alone.)"""
    starts = {r.index for r in choice.readings}
    lines = [r for r in choice.readings if ctx.blocks[r.index].kind == BlockKind.LINE
             and not ctx.blocks[r.index].text.lstrip().startswith(("**", "__", "["))
             and (r.last + 1 in starts or r.last + 1 == len(ctx.blocks)) and r.first_note is None]
    lower = [r for r in lines if _starts_lowercase(r.heading.title) and r.known is None
             and len(r.heading.title.split()) >= MIN_SENTENCE_WORDS]
    capitalised = sum(1 for r in choice.readings if not _starts_lowercase(r.heading.title))
    if not lower or capitalised < 2 or capitalised <= len(lower):
        return set()
    dropped = {r.index for r in lower}
    for reading in lower:
        block = ctx.blocks[reading.index]
        unsure.append(Unsure(block.line, block.plain, "kept as a note (its title is a lowercase sentence, "
                                                      "where the post's talks have capitalised titles)"))
    choice.readings = [r for r in choice.readings if r.index not in dropped]
    return dropped


def _recommended_works(choice: Choice, ctx: Context, unsure: list[Unsure]) -> set[int]:
    """``“The Cathedral in the Server Room” by Imogen Tarrant-Blaise. Read it…`` paragraphs (or items)
    right after one that speaks of books or articles are works recommended, not talks
    (:func:`.reports.introduced_as_works`)."""
    dropped = {r.index for r in choice.readings
               if ctx.blocks[r.index].kind in (BlockKind.LINE, BlockKind.BULLET) and r.known is None
               and quoted_work(ctx.blocks[r.index].plain) and introduced_as_works(ctx, r.index)}
    for index in sorted(dropped):
        block = ctx.blocks[index]
        unsure.append(Unsure(block.line, block.plain[:120], "kept as a note (a work recommended, after a "
                                                            "paragraph that speaks of books or articles)"))
    choice.readings = [r for r in choice.readings if r.index not in dropped]
    return dropped


def _talk_level(choice: Choice, ctx: Context) -> int | None:
    """The heading level most of the file's talks have (the higher one on a tie)."""
    levels = Counter(ctx.blocks[r.index].level for r in choice.readings
                     if ctx.blocks[r.index].kind == BlockKind.HEADING and r.heading.speakers)
    if not levels:
        return None
    most = max(levels.values())
    return min(level for level, count in levels.items() if count == most)


def _post_titles(choice: Choice, ctx: Context, unsure: list[Unsure]) -> set[int]:
    """A heading above the talks' level naming no full name, or opening the post as its only
    heading of that level, is the post's own title or a section (``# DevOpsDays 2019 – Auckland``
    or ``# 파이콘 한국 2024 – 둘째 날`` above ``## Title – Jane Doe``), not a talk."""
    blocks = ctx.blocks
    talk_level = _talk_level(choice, ctx)
    if talk_level is None:
        return set()
    above = Counter(blocks[r.index].level for r in choice.readings
                    if blocks[r.index].kind == BlockKind.HEADING)
    kept = []
    for reading in choice.readings:
        block = blocks[reading.index]
        opening = all(b.kind == BlockKind.RAW for b in blocks[:reading.index]) \
            and above[block.level] == 1 and above[talk_level] >= 2  # (front-matter aside)
        if block.kind == BlockKind.HEADING and block.level < talk_level \
                and (reading.strength <= 1 or opening) and reading.known is None:
            unsure.append(Unsure(block.line, block.plain, "kept as a heading of the post (above the talks' "
                                                          "headings, no full name)"))
            continue
        kept.append(reading)
    dropped = {r.index for r in choice.readings} - {r.index for r in kept}
    choice.readings = kept
    return dropped


#: A post's own title opening it: an event's name and year, then a separator or the end of the line
#: (``LCA 2020 – Day 3 – Gold Coast``, ``Oxonmoot 2019 – Lady Margaret Hall``, ``linux.conf.au 2012,
#: Ballarat``); the words before the year are a name (``Terraform testing in 2023`` is a title).
_EVENT_YEAR = re.compile(r"(?P<event>\S+(?:\s+\S+){0,3}?)\s+(?:19|20)\d{2}(?=\s*(?:[–—:|,-]|$))")


def _note_lines_under(ctx: Context, index: int) -> int:
    """How many ``LINE`` blocks follow block ``index`` on the very next lines of the input."""
    count, line = 0, ctx.blocks[index].line
    for block in ctx.blocks[index + 1:]:
        if block.kind != BlockKind.LINE or line is None or block.line != line + 1:
            break
        count, line = count + 1, block.line
    return count


def _noted_as_the_talks_are(readings: dict[int, Reading], ctx: Context, first: int) -> bool:
    """Two note lines right under the post's first line, as the post's other talks have theirs
    (``Kubernetes 2024 – Jane Doe`` / ``Pods everywhere.`` / ``…``, then ``Title – Name`` / ``Note.``),
    not a byline under a title over talks whose notes are list items (``Posted on …`` / ``Filed…``)."""
    return _note_lines_under(ctx, readings[first].last) >= 2 and any(
        _note_lines_under(ctx, r.last) >= 1 for index, r in readings.items() if index != first)


def _opening_title(readings: dict[int, Reading], ctx: Context, unsure: list[Unsure]) -> None:
    """The post's first line, naming an event and its year, is the post's title as a blog shows it
    (copied with the post, or a plain-text post's first line), not a talk whose speaker is the
    venue: ``LCA 2020 – Day 3 – Gold Coast``. A talk the knowledge base knows stays one, and so
    does a line with list items of notes under it (``Kubernetes 2024 – Jane Doe`` / ``- pods``), or
    two note lines right under it, with no blank line between, as the post's other talks have theirs
    (:func:`_noted_as_the_talks_are`)."""
    first = next((i for i, b in enumerate(ctx.blocks) if b.kind != BlockKind.RAW), None)
    reading = readings.get(first) if first is not None else None
    if reading is None or first is None or reading.known is not None \
            or ctx.blocks[first].kind == BlockKind.BULLET or _noted_as_the_talks_are(readings, ctx, first) \
            or (reading.last + 1 < len(ctx.blocks) and ctx.blocks[reading.last + 1].kind == BlockKind.BULLET):
        return
    found = _EVENT_YEAR.match(ctx.blocks[first].plain)
    if found is None or any(w[:1].islower() and w.isalpha() for w in found.group("event").split()[1:]):
        return
    del readings[first]
    unsure.append(Unsure(ctx.blocks[first].line, ctx.blocks[first].plain,
                         "kept as the post's title (an event and its year, opening the post)"))


def split_doc(doc: SourceDoc, evidence: Evidence | None = None, forced: str | None = None) -> SplitDoc:
    """Divide ``doc`` into its introduction and talks (a post written in lowercase, its lowercase
    words read as names as capitalised ones are: :mod:`.casing`)."""
    with reading_lowercase(writes_in_lowercase(block.plain for block in doc.blocks)):
        return _split_doc(doc, evidence, forced)


def _split_doc(doc: SourceDoc, evidence: Evidence | None, forced: str | None) -> SplitDoc:
    # (dashes typed without spaces, or as "--", are read as spaced ones; what was typed is kept)
    spacings = {index: spacing for index, block in enumerate(doc.blocks) if block.kind != BlockKind.RAW
                and (spacing := spaced(block.plain)).edits}
    blocks = [replace(block, plain=spacings[index].text) if index in spacings else block
              for index, block in enumerate(doc.blocks)]
    level = _usual_level(blocks)
    marked = sum(1 for b in blocks if b.kind == BlockKind.HEADING and b.level == level) >= 2
    ctx = Context(blocks, evidence if evidence is not None else Evidence(), level, doc.flat, marked=marked)
    choice = choose(ctx, forced)
    if choice.readings and choice.readings[0].index > 1:
        # "Talks I liked:" then the first talk: in the introduction, a colon does not continue a note
        first = choice.readings[0].index
        ctx.free_before = first
        early = [r for r in scan(choice.convention, ctx) if r.last < first]
        ctx.free_before = 0
        # ("… I wrote down:" / "Lightning talks" / "Jane Doe – topic": the presenter lines the
        # lightning heading keeps are its notes, not talks of their own)
        used = {i for r in early for i in (*r.consumed, *r.kept)}
        choice.readings[:] = early + [r for r in choice.readings if r.index not in used]
    unsure = [Unsure(blocks[r.index].line, blocks[r.index].plain, why) for r, why in choice.sections]
    dropped = _post_titles(choice, ctx, unsure) | _sub_headings(choice, ctx, unsure) \
        | _thin_bare_headings(choice, ctx, unsure) | _lowercase_lines(choice, ctx, unsure) \
        | _out_of_sequence(choice, ctx, unsure) | _recommended_works(choice, ctx, unsure)
    groups = _group_headings(choice, ctx, unsure)
    dropped |= groups
    readings = {r.index: r for r in choice.readings}
    if not forced:
        taken = {i for r in choice.readings for i in (r.index, *r.consumed, *r.kept)} | dropped
        # (a line of the post's own shape is read as its talks are, before another shape reads it)
        for named in named_title_talks(choice.convention, readings, taken, ctx):
            readings[named.index] = named
            taken.add(named.index)
            unsure.append(Unsure(blocks[named.index].line, blocks[named.index].plain,
                                 f"talk {_describe(named)} (a title that reads like a name, in the "
                                 "post's own shape)"))
        for lower in lowercase_name_talks(choice.convention, readings, taken, ctx):
            readings[lower.index] = lower
            taken.add(lower.index)
            unsure.append(Unsure(blocks[lower.index].line, blocks[lower.index].plain,
                                 f"talk {_describe(lower)} (a name in lowercase, in the post's own shape)"))
        noted = _fallback(readings, taken, choice.others, ctx, unsure, choice.convention)
        for lone in one_word_talks(choice.convention, readings, taken, ctx):
            readings[lone.index] = lone
            taken.add(lone.index)
            unsure.append(Unsure(blocks[lone.index].line, blocks[lone.index].plain,
                                 f"talk {_describe(lone)} (a one-word name, in the post's own shape)"))
        for passive in participle_talks(choice.convention, readings, taken, ctx):
            readings[passive.index] = passive
            taken.add(passive.index)
            unsure.append(Unsure(blocks[passive.index].line, blocks[passive.index].plain,
                                 f"talk {_describe(passive)} (a title ending with a participle, "
                                 "standing where the post's talks stand)"))
        for paragraph in report_talks(readings, taken, ctx):
            readings[paragraph.index] = paragraph
            taken.add(paragraph.index)
            unsure[:] = [u for u in unsure if u.line != blocks[paragraph.index].line]  # ("kept as a note")
            unsure.append(Unsure(blocks[paragraph.index].line, blocks[paragraph.index].plain[:120],
                                 f"talk {_describe(paragraph)} (a report's paragraph opening with "
                                 "speakers and a quoted title)"))
        _listed_talks(readings, taken, ctx, unsure)
        _known_titles(readings, taken, ctx, unsure)
        _opening_title(readings, ctx, unsure)
        if choice.convention != NO_SPEAKER:
            groups |= _bare_headings(readings, taken, ctx, unsure, noted)
        _sign_off(readings, ctx, unsure)
        for index in shared_tracks(readings, ctx):  # "Kernel – Writing Your First Driver by …", every talk so
            unsure.append(Unsure(blocks[index].line, blocks[index].plain,
                                 f"talk {_describe(readings[index])}, in the track "
                                 f"'{readings[index].session}' (every talk of the post names one first)"))
    for chosen in choice.readings:
        block = blocks[chosen.index]
        if chosen.known is not None and chosen.convention != "known talk":
            unsure.append(Unsure(block.line, block.plain, f"talk {_describe(chosen)}: title and speakers "
                                                          f"of {chosen.known.path}"))
        elif chosen.heading.speakers and chosen.strength <= 1:
            unsure.append(Unsure(block.line, block.plain, f"talk {_describe(chosen)} (a one-word name)"))
    consumed = {i for r in readings.values() for i in r.consumed}
    marked = any(blocks[i].kind == BlockKind.HEADING for i in readings)
    talk_level = min((blocks[i].level for i in readings if blocks[i].kind == BlockKind.HEADING),
                     default=None)
    intro: list[Block] = []
    talks: list[DraftTalk] = []
    lightning_level: int | None = None
    for index, block in enumerate(blocks):
        if index in consumed or index in groups:
            if index in groups and block.kind == BlockKind.HEADING and lightning_level is not None \
                    and block.level <= lightning_level:
                lightning_level = None  # ("### Open spaces" after "### Lightning talks" ends the block)
            continue
        reading = readings.get(index)
        table = talk_table(block.text, strict=bool(readings)) \
            if reading is None and block.kind == BlockKind.RAW else None
        if table is not None:  # "| Talk | Speaker | Notes |": a talk a row
            for row in table:
                notes = [Block(BlockKind.BULLET, note, note, block.line) for note in row.notes]
                talks.append(DraftTalk(row.heading, block.line, None, kind=row.heading.kind, blocks=notes))
                who = ", ".join(row.heading.speakers) or "no one named"
                unsure.append(Unsure(block.line, row.heading.title,
                                     f"talk '{row.heading.title}' by {who} (a row of a table)"))
            continue
        typed_line = spacings.get(index)
        if typed_line is not None:
            block = doc.blocks[index]
        if reading is None:
            (talks[-1].blocks if talks else intro).append(block)
            continue
        heading = reading.heading
        if typed_line is not None:
            restore = typed_line.restore
            reading = replace(reading, heading=replace(heading, title=restore(heading.title),
                                                       byline=restore(heading.byline)),
                              session=restore(reading.session) if reading.session else None,
                              first_note=restore(reading.first_note) if reading.first_note else None)
            heading = reading.heading
        kind = heading.kind
        if marked and block.kind == BlockKind.HEADING:
            if lightning_level is not None and block.level <= lightning_level:
                lightning_level = None
            if lightning_level is not None and kind == "talk":
                kind = "lightning"
            if kind == "lightning" and not heading.speakers:
                lightning_level = block.level
        talk = DraftTalk(heading, block.line, block.link, kind=kind, level=block.level,
                         session=reading.session, known=reading.known)
        if reading.first_note:
            talk.blocks.append(Block(BlockKind.BULLET, escape_text(reading.first_note),
                                     reading.first_note, block.line))
        if reading.rest:  # the paragraph a report's talk opens
            talk.blocks.append(Block(BlockKind.LINE, reading.rest, reading.rest, block.line))
        if block.more:  # the heading was a list item with lines of notes after it
            talk.blocks.append(Block(BlockKind.LINE, block.more, block.more, block.line))
        talks.append(talk)
    typed = {doc.blocks[index].line: spacing for index, spacing in spacings.items()
             if doc.blocks[index].line is not None}
    retitled = {doc.blocks[index].line: (f"'{r.heading.title}'",
                                         f"'{spacings[index].restore(r.heading.title)}'")
                for index, r in readings.items() if index in spacings}
    unsure = [replace(u, text=typed[u.line].restore(u.text),
                      decision=u.decision.replace(*retitled[u.line]) if u.line in retitled else u.decision)
              if u.line in typed else u for u in unsure]
    unsure.sort(key=lambda u: u.line or 0)
    convention = REPORT if readings and all(r.convention == REPORT for r in readings.values()) \
        else choice.convention if readings or forced else TABLE if talks else ""
    return SplitDoc(doc, intro, talks, talk_level, convention,
                    choice.scores, choice.forced, unsure)
