"""The lines under a heading that name its speakers: ``Jane Doe``, ``Speaker: Jane Doe``, ``by
Jane Doe, Catalyst IT``, and a lightning-talk block's presenter lines (``Jane Doe – Rust in five
minutes``, or list items of names only, ``- Hamish Grant``; a lowercase handle among them, ``jules –
small data`` or ``- wren``, when a full name's line follows it in the list). Every convention takes
them along the same way (:func:`with_speaker_lines`). Split out of :mod:`.conventions` so that module
stays a readable size.
"""

from __future__ import annotations

import itertools
import re

from .blocks import Block, BlockKind
from .headings import Heading, clean, read_heading, speaks_in_first_person
from .names import common_words_only, is_person_name, reads_as_topics, split_speakers
from .reading import (
    LINE_PREFIX,
    PLAIN_LABELS,
    SPEAKER_LABEL,
    Context,
    Reading,
    names_with_affiliation,
    strength,
    trim_names,
)
from .tables import table_presenters


def speaker_line(ctx: Context, index: int) -> list[str] | None:
    """The names a block holds when it is nothing but speakers (``Ann One, Bob Two``, ``by Ann``)."""
    key = ("speakers", index, False)
    if key not in ctx.memo:
        ctx.memo[key] = _read_speaker_line(ctx, index)
    found = ctx.memo[key]
    return list(found) if isinstance(found, list) else None


def _read_speaker_line(ctx: Context, index: int) -> list[str] | None:
    if index >= len(ctx.blocks):
        return None
    block = ctx.blocks[index]
    if not block.plain or "\n" in block.text or block.kind == BlockKind.RAW:
        return None
    if block.kind == BlockKind.HEADING and not _name_level(ctx, block.level):
        return None  # "## Open Spaces" / "### Terraform State Horror Stories": a sub-heading's topic
    return _names_on(ctx, block)


def _name_level(ctx: Context, level: int) -> bool:
    """Every heading of ``level`` in the post holds names only (``<h3>Title</h3><h4>Jane Doe</h4>``
    talk after talk): only then is a heading a line of speakers. A title-case title under a heading
    (``### Feature Flags at Scale``, ``## Memory-safe Firmware (Abebe Girma)``) reads as a name alone,
    but its level's other headings show what it is."""
    key = ("name level", level, False)
    if key not in ctx.memo:
        ctx.memo[key] = all(_names_on(ctx, b) is not None for b in ctx.blocks
                            if b.kind == BlockKind.HEADING and b.level == level)
    return bool(ctx.memo[key])


def _names_on(ctx: Context, block: Block) -> list[str] | None:
    """The names a line (or list item, or heading) holds when it holds nothing else."""
    if not block.plain or "\n" in block.text:
        return None
    text = clean(block.plain).strip(" *_")
    bracketed = re.fullmatch(r"[(\[（](?P<inner>[^()\[\]（）]+)[)\]）]", text)
    if bracketed:  # "(Dr Aino Virtanen)" on the line below the title
        text = bracketed.group("inner").strip()
    if block.kind == BlockKind.BULLET:  # "• Speaker: Jane Doe" as the first note
        label = SPEAKER_LABEL.fullmatch(text)
        names = names_with_affiliation(trim_names(label.group("names"))) if label else None
        return names if names and block.depth == 0 else None
    prefix = LINE_PREFIX.fullmatch(text) or SPEAKER_LABEL.fullmatch(text)
    if prefix:
        text = prefix.group("names")
    names = names_with_affiliation(trim_names(text))
    if not names or (strength(names, ctx.evidence) < 2 and not prefix):
        return None
    return names


#: A bullet typed at the start of a line of text (``- Jane Doe – fonts`` between ``<br>``s in a
#: Blogger post): list-item markup written by hand, no part of the presenter's name.
_TYPED_BULLET = re.compile(r"^[-*+•◦▪‣·–—]\s+(?=\S)")
_PRESENTER = re.compile(r"(?P<names>[^–—:]{2,120}?)\s*(?P<sep>[–—:]|\s-)\s+\S.*")
_PRESENTER_BY = re.compile(r"\S.*?\sby\s+(?P<names>[^–—:|()]{3,80}?)", re.IGNORECASE)
_PRESENTER_LAST = re.compile(r"\S.*?\s(?:[–—-]{1,2}|\|)\s+(?P<names>[^–—:|()]{3,80}?)")


def presenters(ctx: Context, index: int) -> tuple[list[str], list[int]]:
    """Names on the lines of a lightning-talk block, and those lines: ``Jane Doe – Rust in five
    minutes``, or the other way round (``Rust in five minutes – Jane Doe``, ``… by Jane Doe``),
    the same in every line."""
    found: list[tuple[int, list[str]]] = []
    listed = True  # every line a list item (or typed as one): the list holds the block together
    names_first: bool | None = None
    bare_names = False  # the block's items name presenters only ("- Hamish Grant"), no topics
    if index < len(ctx.blocks) and ctx.blocks[index].kind == BlockKind.RAW:
        listed_in_table = table_presenters(ctx.blocks[index].text)  # "| Presenter | Topic |"
        return (listed_in_table, [index]) if listed_in_table else ([], [])
    while index < len(ctx.blocks) and len(found) < 20:
        block = ctx.blocks[index]
        if block.kind == BlockKind.BULLET and block.depth > 0:
            index += 1
            continue
        other_kind = bool(found) and block.kind != ctx.blocks[found[0][0]].kind
        if block.kind in (BlockKind.HEADING, BlockKind.RAW) or other_kind:
            break  # (a block of list items ends at a line that is not one)
        text = clean(block.plain)
        bare = _bare_item(ctx, index) if not found or bare_names else None
        people = None if bare is not None or bare_names else _presenter_line(_TYPED_BULLET.sub("", text),
                                                                                 names_first)
        if people is None and names_first is not None and block.kind == BlockKind.BULLET:
            people = _handle_line(ctx, index, names_first)
        if (people is None and bare is None) or (people is not None and not _same_separator(
                ctx, found, index, people[1])):
            break
        listed = listed and (block.kind == BlockKind.BULLET or bool(_TYPED_BULLET.match(text)))
        if people is not None:
            names_first, names = people
        else:
            bare_names, names = True, bare or []
        found.append((index, names))
        index += 1
    full = [number for number, (_line, people) in enumerate(found)
            if all(is_person_name(p, 2) for p in people)]
    if len(full) < 2:  # one-word names only in a block of full names: "Vicki – why I still use make"
        found = found[: next((n for n in range(len(found)) if n not in full), len(found))]
    elif full and not listed and not _next_talk(ctx, index) and not all(
            not common_words_only(name) for _line, people in found[full[-1] + 1:] for name in people):
        # and before one: "Afterwards – we went to the pub" after the block is a note (unless the
        # block is a list, "- Ben – Nagios", or the next talk follows it, "3:00 Closing – Jane Doe",
        # or the one-word names are no English words: "Wiremu – te reo keyboards", "Ngaio – …")
        found = found[: full[-1] + 1]
    if found and (names_first is False or _after_a_gap(ctx, [line for line, _people in found])) \
            and own_notes(ctx, found[-1][0]) >= 2:
        found.pop()  # "Closing – Jane Doe" with notes of its own after the block: a talk of its own
    names = [name for _line, people in found for name in people]
    names = [name for number, name in enumerate(names) if name not in names[:number]]
    if bare_names and reads_as_topics(names):
        return [], []  # "- Home Automation", "- Tiny Printers": the topics, written in title case
    return (names, [line for line, _people in found]) if len(names) >= 2 else ([], [])


def _after_a_gap(ctx: Context, lines: list[int]) -> bool:
    """The last of a block's presenter lines stands after a blank line, the others written line under
    line (``Will Fisher – sql formatters`` / blank / ``Jess MacPherson – Boring Tools`` with notes of
    its own): the block ended at the blank line."""
    numbers = [number for index in lines if (number := ctx.blocks[index].line) is not None]
    if len(numbers) < 3 or len(numbers) != len(lines):
        return False
    gaps = [after - before for before, after in itertools.pairwise(numbers)]
    return gaps[-1] > 1 and all(gap == 1 for gap in gaps[:-1])


def _colon_after_name(text: str) -> bool | None:
    """Whether a ``Name: topic`` line separates with a colon (``None``: not such a line)."""
    match = _PRESENTER.fullmatch(_TYPED_BULLET.sub("", text))
    return match.group("sep") == ":" if match else None


def _same_separator(ctx: Context, found: list[tuple[int, list[str]]], index: int, people: list[str]) -> bool:
    """A one-word presenter's line separates name and topic as the block's first line does: a
    block of ``Name – topic`` lines ends at ``Closing: see you next year`` (a colon after one word),
    though a full name may be written either way (``Tūī Ngata: Kōrero in the terminal``)."""
    if not found or all(is_person_name(name, 2) for name in people):
        return True
    first = _colon_after_name(clean(ctx.blocks[found[0][0]].plain))
    this = _colon_after_name(clean(ctx.blocks[index].plain))
    return first is None or this is None or first == this


_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s+(?=\S)", re.IGNORECASE)


def _next_talk(ctx: Context, index: int) -> bool:
    """Block ``index`` (after a lightning block) starts the next talk, or the post ends there: a
    heading, a ``Title by Full Name`` line, or ``Title – Full Name`` (a time before it aside)."""
    if index >= len(ctx.blocks) or ctx.blocks[index].kind == BlockKind.HEADING:
        return True
    text = clean(ctx.blocks[index].plain)
    clock = _CLOCK.match(text)
    text = text[clock.end():] if clock else text
    last = _PRESENTER_LAST.fullmatch(text)
    return read_heading(text) is not None or (
        last is not None and split_speakers(last.group("names"), min_words=2) is not None)


#: Words before a dash in a lightning block that label a note, not a presenter (``Slides – link``).
NOTE_LABELS = frozenset({"slides", "slide", "video", "videos", "recording", "demo", "code", "repo", "link",
                          "links", "photo", "photos", "thanks", "update", "summary", "notes", "note",
                          "questions", "answer", "aside", "verdict", "overall", "tldr", "edit", "source",
                          # what happened next, after a block (``Afterwards – we went to the pub``)
                          "afterwards", "after", "later", "then", "next", "finally", "also", "meanwhile",
                          "drinks", "dinner", "lunch", "break", "pub"})


def _presenter_line(text: str, names_first: bool | None) -> tuple[bool, list[str]] | None:
    """The names on one presenter line, and whether they come first: full names are looked for
    first, then a one-word name (which :func:`presenters` accepts only among full names)."""
    for words in (2, 1):
        for first in (True, False) if names_first is None else (names_first,):
            match = _PRESENTER.fullmatch(text) if first else (
                _PRESENTER_LAST.fullmatch(text) or _PRESENTER_BY.fullmatch(text))
            people = split_speakers(match.group("names"), min_words=words) if match else None
            if people is None and match and words == 2:  # "Jane Doe (she/her)", "Jane Doe, Catalyst IT"
                at_work = names_with_affiliation(match.group("names").strip())
                people = at_work if at_work and all(is_person_name(p, 2) for p in at_work) else None
            if people and words == 1 and any(p.casefold() in NOTE_LABELS for p in people):
                people = None
            if people:
                return first, people
    return None


_HANDLE = re.compile(r"@?[a-z][a-z0-9_.]{2,19}")


def _handle_line(ctx: Context, index: int, names_first: bool) -> tuple[bool, list[str]] | None:
    """A presenter's lowercase handle (``jules – the joy of small data``) in a list of presenter
    lines, between lines of the block's shape with full names: the list holds it there."""
    text = clean(ctx.blocks[index].plain)
    match = _PRESENTER.fullmatch(text) if names_first else _PRESENTER_LAST.fullmatch(text)
    name = match.group("names").strip() if match else ""
    if not _HANDLE.fullmatch(name) or name.casefold() in NOTE_LABELS or index + 1 >= len(ctx.blocks):
        return None
    after = ctx.blocks[index + 1]
    following = _presenter_line(clean(after.plain), names_first) \
        if after.kind == BlockKind.BULLET and after.depth == ctx.blocks[index].depth else None
    if following is None or not all(is_person_name(p, 2) for p in following[1]):
        return None
    return names_first, [name]


def _bare_item(ctx: Context, index: int) -> list[str] | None:
    """A list item holding only a presenter's name (``- Hamish Grant``: the note-taker wrote down who
    spoke, not about what), or a lowercase handle (``- wren``) when a full name's item follows it;
    never a note's label (``- Slides``)."""
    block = ctx.blocks[index]
    if block.kind != BlockKind.BULLET:
        return None
    text = clean(block.plain).strip(" *_")
    people = split_speakers(text, min_words=1)
    if people is not None:
        return None if any(p.casefold() in NOTE_LABELS for p in people) else people
    if not _HANDLE.fullmatch(text) or text.casefold() in NOTE_LABELS or index + 1 >= len(ctx.blocks):
        return None
    after = ctx.blocks[index + 1]
    following = split_speakers(clean(after.plain).strip(" *_"), min_words=2) \
        if after.kind == BlockKind.BULLET and after.depth == block.depth else None
    return [text] if following else None


def lead_in(ctx: Context, index: int) -> bool:
    """Block ``index`` is one sentence of prose between a lightning heading and its presenter lines
    (``Ignites`` / ``After lunch, five minutes each, slides on a timer.`` / ``- Jane Doe: topic``): a
    line, not a list item or a heading, ending with a full stop or a colon, that names no speaker."""
    if index + 1 >= len(ctx.blocks) or ctx.blocks[index].kind != BlockKind.LINE:
        return False
    text = clean(ctx.blocks[index].plain)
    return text.endswith((".", ":")) and read_heading(text) is None and speaker_line(ctx, index) is None


def own_notes(ctx: Context, index: int) -> int:
    """How many top-level note lines follow block ``index`` before anything that reads as a heading."""
    count = 0
    for block in ctx.blocks[index + 1: index + 3]:
        if block.kind == BlockKind.HEADING or read_heading(block.plain) is not None:
            break
        if block.kind == BlockKind.LINE or (block.kind == BlockKind.BULLET and block.depth == 0):
            count += 1
    return count


_UNDERSCORES = re.compile(r"(?<![\w\\])_\S|\S_(?!\w)")


def _markdown_byline(ctx: Context, lines: list[int]) -> str:
    """Speaker lines emphasised with underscores (``_Dr Ewa Kowalczyk_``), as written: their
    Markdown is kept so that no line of the input is lost, markup and all."""
    marked = [ctx.blocks[i].text for i in lines if _UNDERSCORES.search(ctx.blocks[i].text)]
    return "; ".join(marked) if len(marked) == len(lines) else ""


def byline_of(ctx: Context, lines: list[int]) -> str:
    """What speaker lines say beyond the names (``Jane Doe, Catalyst IT``, ``Panellists: …``),
    kept in the notes."""
    kept = []
    for index in lines:
        text = clean(ctx.blocks[index].plain).strip(" *_")
        label = LINE_PREFIX.fullmatch(text) or SPEAKER_LABEL.fullmatch(text)
        if label and text[: label.start("names")].strip(" :：–—-").casefold() not in PLAIN_LABELS:
            kept.append(text)  # "Panellists: …", "Hosts: …" say what the people were
            continue
        names = trim_names(label.group("names") if label else text)
        every = split_speakers(names, min_words=1)
        if "(" in names or every is None or every != names_with_affiliation(names):
            kept.append(names)
    return "; ".join(kept)


def with_speaker_lines(ctx: Context, reading: Reading) -> Reading:
    """A heading without speakers takes the name lines right below it (``Keynote`` / ``Jane Doe``)."""
    if reading.heading.speakers:
        return reading
    names: list[str] = []
    consumed: list[int] = []
    index = reading.last + 1
    while (found := speaker_line(ctx, index)) is not None and len(names) < 12:
        names.extend(found)
        consumed.append(index)
        index += 1
    if reading.heading.kind == "lightning" and not speaks_in_first_person(reading.heading.title):
        # ("Lightning talks I liked but took no notes in" is the post's section over a list of talks)
        block, lines = presenters(ctx, reading.last + 1)
        if not lines and not names and lead_in(ctx, reading.last + 1):
            block, lines = presenters(ctx, reading.last + 2)  # "Five minutes each, slides on a timer."
        if len(lines) > len(consumed):  # "Jane Doe – Dutch government on GitHub" is a presenter line
            # (read alone, as a speaker line, "Dutch government…" would be her affiliation); the
            # presenter lines say what each talked about: they stay as notes
            heading = Heading(reading.heading.title, tuple(block), "lightning", reading.heading.byline)
            # (a one-word presenter, "Meg – the final_v2 folder", stands among full names: they vouch)
            full = [name for name in block if is_person_name(name, 2)]
            return Reading(heading, reading.index, reading.convention,
                           strength(full if len(full) >= 2 else block, ctx.evidence),
                           reading.consumed, reading.first_note, kept=tuple(lines))
    if not names:
        return reading
    markdown = "" if reading.heading.byline else _markdown_byline(ctx, consumed)
    byline = reading.heading.byline or markdown or byline_of(ctx, consumed)
    heading = Heading(reading.heading.title, tuple(names), reading.heading.kind, byline, bool(markdown))
    return Reading(heading, reading.index, reading.convention, strength(names, ctx.evidence),
                   (*reading.consumed, *consumed), reading.first_note)
