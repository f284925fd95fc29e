"""Talks whose speaker goes by one name, in flat text: ``Free as in puppies – Tarquin`` (or ``by Tarquin``).

Why this exists: a line of flat text is believed to name a speaker only with two name words,
because notes credit people by a first name all the time (``Hat tip – Miriam``, ``Thanks –
Sarah``, ``Photo: Bob``). Some speakers go by one name, though, and every convention missed them.
In a post whose talks are ``Title – Full Name`` lines (``Full Name – Title``, ``Title by Full
Name``), a line of the same shape with one name word is a talk too when it stands where the post's
talks stand and looks like them:

* the title is a few words, capitalised, not a note, a credit, a section (``Lunch``), what happened
  (``Fixed in the next release by Jo``), nor a question (``Would I go again? – Yes`` is an
  answer), nor ends with a role at the event (``Kind words from the chair – Rusty`` says who the
  chair was, ``Announcements from the session wrangler – Donna`` what was said between talks),
  and the name is no label or answer word;
* the name is not a name word of someone the post names in full (``Ask on IRC – Joachim`` under
  Joachim Brenner-Öz's talk is about him);
* it is not the first line under a talk (where a credit for that talk goes), and the line after
  it is a note of its own, not another such line (a block of ``topic – name`` lines is a lightning
  block, or notes).

In a post of numbered ``3. Title – Full Name`` talks, a numbered item of that shape with one name
word is a talk on the same terms when it continues the talks' sequence (``1. Chaos on a budget –
Marisol`` right before ``2. … – Devraj Patel-Moss``; ``3. Ask questions – Sam`` after a talk's
own ``1.`` and ``2.`` notes continues their list), and so is a list item ``• Title by Pete –
note`` in the very list of the post's ``• Title by Full Name – note`` talks, next to one of them.
A talk found so continues the sequence too (``2. … – Marisol`` after a talk's own ``1.``-``3.``
notes, right before ``3. … – grace``, itself right before the talk numbered 4).
A handle is a one-word name too (``– @jdoe``, ``– kofi_builds``, and after ``by`` a lowercase word
that is no English word: ``by mvanleeuwen``); so is a lowercase word English does not use in a
marked heading of the post's shape (``### Scaling Prometheus — mkaur`` among ``### Title — Full
Name`` headings; an English word there, ``### Rust for the curious — robin``, when the talk's notes
name someone so: ``robin (no surname) flashed…`` opens a sentence in lowercase, or ``— robin`` ends
a quotation), and even an English word or a lowercase first name (``– grace``, ``by robin``,
never an ``-ly`` or ``-ing`` word or an answer) where the line's place shows it is a talk: its
number continues the talks' sequence, or its title is bold as the titles of the talks next to it
are (``**Title** by robin – note``). Each one is listed as unsure. Split out of :mod:`.split` so
that module stays a readable size.
"""

from __future__ import annotations

import re
from collections import Counter

from .blocks import Block, BlockKind
from .conventions import (
    BY,
    DASH,
    DASH_TITLE,
    LIST_ITEM,
    NUMBERED,
    SECTION,
    TITLE_DASH,
    finish_reading,
    title_ok,
)
from .headings import IRREGULAR_PARTICIPLES, REFERENCE_WORDS, Heading, clean, kind_of, title_reads_like_a_note
from .names import is_person_name, word_set
from .reading import Context, Reading
from .speakerlines import NOTE_LABELS

#: Full-name talks of the same shape the post needs before a one-name line is believed.
MIN_FULL_NAME_TALKS = 2
MAX_TITLE_WORDS = 10
#: Capitalised one-word answers and verdicts that end note lines (``Worth it – Absolutely``); days
#: (``Today``) are no name words already (``names.py``).
_ANSWERS = frozenset({"yes", "yeah", "yep", "nope", "maybe", "absolutely", "definitely", "probably",
                      "agreed", "sure", "indeed", "exactly", "correct", "wrong", "true", "false", "never",
                      "always", "later", "soon", "again", "finally", "done",
                      "fixed", "recommended", "highly", "everything", "nothing", "anything", "something"})
#: First words of note lines about what someone said or did (``Question from the floor – Sam``).
NOTE_STARTS = frozenset({"question", "questions", "answer", "comment", "comments", "tip", "advice", "quote",
                          "best", "favourite", "favorite", "funniest", "overheard", "heard", "asked",
                          "discussion", "follow-up", "followup", "chat", "chatted", "lunch", "dinner",
                          "drinks", "coffee", "met", "saw", "great", "good", "nice", "excellent",
                          "interesting", "awesome", "fantastic", "brilliant", "amazing", "cool", "my", "our",
                          "his", "her", "their"})


#: Words after a participle that make the line a note on what happened (``Fixed in the next release``).
_AFTER_PARTICIPLE = frozenset({"on", "in", "at", "by", "with", "from", "for", "during", "after", "to", "into",
                               "up", "out", "back", "since", "before", "over"})


#: People by the part they play at the event: a line's title ending ``… from the chair`` says who
#: spoke, and the one name after the dash is that person (``Kind words from the chair – Rusty``).
_EVENT_ROLES = frozenset({"chair", "chairs", "mc", "emcee", "host", "hosts", "organisers", "organizers",
                          "organiser", "organizer", "moderator", "moderators", "committee", "floor",
                          "audience", "room", "crew", "volunteers", "convenor", "convener"})


#: Words for what is said between talks (``Announcements from the session wrangler``), not a talk's subject.
_SAID = word_set("""announcement announcements notice notices housekeeping reminder reminders remarks word
words message messages""")
#: An agent noun (``wrangler``, ``convenor``, ``registrar``, ``timekeeper``): someone with a part to play.
_AGENT = re.compile(r"[^\W\d_]{3,}(?:er|or|ar|ist|ee)s?")


def _role_at_the_end(words: list[str]) -> bool:
    """``Kind words from the chair``, ``A reminder from our host``, ``Announcements from the session
    wrangler``: the title names a role at the event, or what someone said between talks from one."""
    if len(words) < 2:
        return False
    last, before = words[-1].casefold().strip(".,:;!"), words[-2].casefold()
    if before in ("the", "our", "session") and last in _EVENT_ROLES:
        return True
    if before == "session" and _AGENT.fullmatch(last):
        return True  # "… from the session wrangler": whoever runs the session, by any name
    lowered = [w.casefold().strip(".,:;!") for w in words]
    return "from" in lowered[1:] and bool(_SAID & set(lowered[: lowered.index("from", 1)]))


def happened(words: list[str], joined: bool = False) -> bool:
    """``Fixed in the next release``, ``Shown at the end``: a participle and a preposition (or,
    ``joined``, ``and``: ``Done and dusted``)."""
    first = words[0].casefold()
    return (first.endswith("ed") or first in IRREGULAR_PARTICIPLES) \
        and (words[1].casefold() in _AFTER_PARTICIPLE or (joined and words[1].casefold() == "and"))


#: A lowercase word after ``by`` is a handle (``by mvanleeuwen``) only when English hardly uses it
#: (wordfreq's Zipf frequency, log10 of uses per billion words): ``by hand`` (5.4), ``by default``
#: (4.3), even ``by hook or by crook`` (3.4) say how; ``jdoe`` and ``mvanleeuwen`` (0) are no words.
MAX_HANDLE_ZIPF = 2.0
_LOWER_HANDLE = re.compile(r"[a-z][a-z0-9]{3,19}")


def _english(word: str) -> bool:
    from wordfreq import zipf_frequency  # lazy: loading its word list costs ~0.3 s

    return bool(zipf_frequency(word, "en") >= MAX_HANDLE_ZIPF)


def _one_name(text: str, after_by: bool = False, placed: bool = False) -> str | None:
    """One name word; after ``by``, also a speaker's lowercase handle (``by mvanleeuwen``), in a
    position where the post's talks name their speakers (a word of ``by hand`` never). A handle
    that is an English word or a lowercase first name (``– grace``, ``by robin``) only when the line
    is ``placed`` where a talk must be: its number continues the talks' sequence, or its title is
    marked as the talks' titles around it are."""
    name = text.strip()
    handle = (after_by or placed) and _LOWER_HANDLE.fullmatch(name) is not None \
        and (placed or not _english(name)) and not name.endswith("ly") \
        and not (len(name) > 5 and name.endswith("ing"))  # ("– stunning", "– amazing": adjectives)
    if " " in name or not (handle or is_person_name(name, 1)) or name.casefold() in NOTE_LABELS | _ANSWERS:
        return None
    return name


_BY_WORD = re.compile(r"\s+by\s+")


def _split(text: str, speaker_last: bool, separator: re.Pattern[str] = DASH,
           placed: bool = False, lowercase: bool = False) -> tuple[str, str] | None:
    """``text`` cut at its (last or first) separator into a title and one name, if both read so."""
    cuts = list(separator.finditer(text))
    if not cuts:
        return None
    cut = cuts[-1] if speaker_last else cuts[0]
    left, right = text[: cut.start()].strip(), text[cut.end():].strip()
    title, name = (left, right) if speaker_last else (right, left)
    one = _one_name(name, after_by=lowercase or separator is _BY_WORD, placed=placed)
    if one is None or not talk_like_title(title):
        return None
    return title, one


def talk_like_title(title: str) -> bool:
    """A flat line's title part reads as a talk's, not a note's (see the module's docstring): a few
    capitalised words, no question, sentence, credit, section, note start or role at the event."""
    words = title.split()
    return 2 <= len(words) <= MAX_TITLE_WORDS and title[0].isupper() \
        and not title.endswith("?") and ". " not in title and title_ok(title, False) \
        and not title_reads_like_a_note(title, False) and not SECTION.fullmatch(title) \
        and words[0].casefold().rstrip(":,") not in NOTE_STARTS | REFERENCE_WORDS and not happened(words) \
        and not _role_at_the_end(words)


def _number(block: Block) -> int | None:
    """The number of a top-level numbered item (``3.``), or None."""
    digits = block.marker.rstrip(".)")
    return int(digits) if block.kind == BlockKind.BULLET and block.depth == 0 and digits.isdigit() else None


def _numbered_dash_talks(readings: dict[int, Reading], ctx: Context) -> dict[int, int]:
    """The numbered items read as ``3. Title – Full Name`` talks: their block indexes, by number."""
    found = {}
    for reading in readings.values():
        block = ctx.blocks[reading.index]
        number = _number(block)
        if number is not None and reading.convention == NUMBERED and reading.strength >= 2 \
                and any(re.search(rf"{DASH.pattern}{re.escape(name)}$", clean(block.plain))
                        for name in reading.heading.speakers):
            found[number] = reading.index
    return found


def _in_talk_sequence(ctx: Context, index: int, talks: dict[int, int]) -> bool:
    """The numbered item at ``index`` continues the sequence of numbered talks: the numbered item
    just before it is the talk numbered one less, or the one just after it the talk numbered one
    more. (``3. Ask questions – Sam`` after ``1.`` and ``2.`` of a list in a talk's notes continues
    that list, though the talk above it is number 2.)"""
    number = _number(ctx.blocks[index])
    if number is None:
        return False
    numbered = [i for i, b in enumerate(ctx.blocks) if _number(b) is not None]
    at = numbered.index(index)
    before = numbered[at - 1] if at else None
    after = numbered[at + 1] if at + 1 < len(numbered) else None
    return (before is not None and talks.get(number - 1) == before) \
        or (after is not None and talks.get(number + 1) == after)


#: An item whose title is bold, as a list of talks marks them: ``**Title** by Jane Doe – note``.
_BOLD_TITLE = re.compile(r"(\*\*|__)[^*_].*?\1\s+by\s")
def outside_the_sequence(readings: list[Reading], ctx: Context) -> set[int]:
    """Numbered talks named by one word the knowledge base knows (``3. Ask questions – Sam``, Sam
    a speaker of another post) that do not continue the sequence of the post's numbered full-name
    talks: a second import knows every speaker of the first, and must read the same talks."""
    full = {r.index: r for r in readings if all(is_person_name(name, 2) for name in r.heading.speakers)}
    numbers = _numbered_dash_talks(full, ctx)
    if len(numbers) < MIN_FULL_NAME_TALKS:
        return set()
    left = {r.index for r in readings if r.convention == NUMBERED and r.heading.speakers
            and r.index not in full and _number(ctx.blocks[r.index]) is not None}
    found = True
    while found:  # (in the sequence, it continues it for its neighbours, as in one_word_talks)
        found = False
        for index in sorted(left):
            number = _number(ctx.blocks[index])
            if number is not None and _in_talk_sequence(ctx, index, numbers):
                numbers[number] = index
                left.discard(index)
                found = True
    return left


_ITEM_NOTE = re.compile(r"\s+[–—-]{1,2}\s+|:\s+|,\s+")


def _same_list(ctx: Context, one: int, other: int) -> bool:
    """Two top-level items of one list: only items nested under them stand between."""
    low, high = sorted((one, other))
    return all(b.kind == BlockKind.BULLET and b.depth > 0 for b in ctx.blocks[low + 1: high])


def _one_word_items(readings: dict[int, Reading], taken: set[int], ctx: Context) -> list[Reading]:
    """``• Why my board caught fire by Pete – the power supply``: in a list of ``Title by Full Name
    – note`` talks, an item of that shape with one name word, next to one of those talks."""
    items = [i for i, r in readings.items() if r.convention == LIST_ITEM and r.strength >= 2
             and ctx.blocks[i].kind == BlockKind.BULLET]
    if len(items) < MIN_FULL_NAME_TALKS:
        return []
    named = {word.casefold() for r in readings.values() for name in r.heading.speakers
             for word in name.split()}
    top = [i for i, b in enumerate(ctx.blocks) if b.kind == BlockKind.BULLET and b.depth == 0]
    found: list[Reading] = []
    for number, index in enumerate(top):
        neighbours = {top[n] for n in (number - 1, number + 1) if 0 <= n < len(top)
                      and _same_list(ctx, top[n], index)}
        if index in taken or index in readings or not neighbours & set(items):
            continue  # (the item must stand in the list of the post's talks)
        text = clean(ctx.blocks[index].plain)
        by = list(_BY_WORD.finditer(text))
        if not by:
            continue
        title, rest = text[: by[-1].start()].strip(), text[by[-1].end():]
        cut = _ITEM_NOTE.search(rest)
        if cut is None:
            continue  # the list's talks carry a note after the name; a bare "Photo by Bob" is a credit
        # (bold as the talks next to it are: an item between them, "**Lunch** – pasties", is no talk)
        marked = all(_BOLD_TITLE.match(ctx.blocks[i].text) for i in (index, *(neighbours & set(items))))
        name, note = _one_name(rest[: cut.start()], after_by=True, placed=marked), rest[cut.end():].strip()
        if name is None or not note or name.casefold() in named or not talk_like_title(title):
            continue
        reading = Reading(Heading(title, (name,), kind_of(title)), index, LIST_ITEM, 1, first_note=note)
        found.append(finish_reading(ctx, reading))
    return found


def _heading_handles(convention: str, readings: dict[int, Reading], taken: set[int],
                     ctx: Context) -> list[Reading]:
    """``### Scaling Prometheus — mkaur``: where a post's talk headings are ``Title — Full Name``, a
    heading of theirs in that shape whose name is a lowercase word English does not use is a
    handle. (A capitalised one word is read already, as headings are read leniently.)"""
    levels = Counter(ctx.blocks[r.index].level for r in readings.values()
                     if r.convention == convention and r.strength >= 2
                     and ctx.blocks[r.index].kind == BlockKind.HEADING)
    if not levels or max(levels.values()) < MIN_FULL_NAME_TALKS:
        return []
    level = max(levels, key=lambda lv: levels[lv])
    named = {word.casefold() for r in readings.values() for name in r.heading.speakers
             for word in name.split()}
    separator = _BY_WORD if convention == BY else DASH
    found: list[Reading] = []
    for index, block in enumerate(ctx.blocks):
        if index in taken or index in readings or block.kind != BlockKind.HEADING or block.level != level:
            continue
        text = clean(block.plain)
        split = _split(text, convention != DASH_TITLE, separator, lowercase=True)
        if split is None:  # an English word ("— robin") is a handle where the talk's notes name so
            split = _split(text, convention != DASH_TITLE, separator, placed=True, lowercase=True)
            split = split if split is not None and _named_in_notes(split[1], index, ctx) else None
        if split is None or not split[1][:1].islower() or split[1].casefold() in named:
            continue
        title, name = split
        reading = Reading(Heading(title, (name,), kind_of(title)), index, convention, 1)
        found.append(finish_reading(ctx, reading))
    return found


def _named_in_notes(name: str, index: int, ctx: Context) -> bool:
    """The lowercase word ``name`` names someone in the notes under heading ``index``: it opens a
    sentence still in lowercase (``robin (no surname) flashed a board``), in a post whose lines open
    with capitals, or it ends a line after a dash, as who said it (``“unsafe is a promise” — robin``)."""
    level = ctx.blocks[index].level
    notes: list[str] = []
    for block in ctx.blocks[index + 1:]:
        if block.kind == BlockKind.HEADING and block.level <= level:
            break
        notes.append(clean(block.plain or block.text).lstrip(">*_ "))
    word = re.escape(name)
    if any(re.search(rf"[–—-]\s*{word}\W*$", line) for line in notes):
        return True
    lines = [clean(b.plain) for b in ctx.blocks if b.kind == BlockKind.LINE and b.plain[:1].isalpha()]
    capitalised = sum(1 for line in lines if line[:1].isupper())
    return 2 * capitalised > len(lines) and any(
        re.search(rf"(?:^|[.!?]\s+)[\"“‘']?{word}\b", line) for line in notes)


def one_word_talks(convention: str, readings: dict[int, Reading], taken: set[int],
                   ctx: Context) -> list[Reading]:
    """Lines of flat text read as talks with a one-word speaker (see the module's docstring); in a
    post of numbered ``3. Title – Full Name`` talks, numbered items so, in the same sequence."""
    if convention == LIST_ITEM and not ctx.marked:
        return _one_word_items(readings, taken, ctx)
    if convention in (TITLE_DASH, DASH_TITLE, BY) and ctx.marked:
        return _heading_handles(convention, readings, taken, ctx)
    if convention not in (TITLE_DASH, DASH_TITLE, BY, NUMBERED) or ctx.marked:
        return []
    numbers = _numbered_dash_talks(readings, ctx) if convention == NUMBERED else {}
    full = [r for r in readings.values() if r.convention == convention and r.strength >= 2] \
        if convention != NUMBERED else list(numbers)
    if len(full) < MIN_FULL_NAME_TALKS:
        return []
    named = {word.casefold() for r in readings.values() for name in r.heading.speakers
             for word in name.split()}
    found: list[Reading] = []
    while True:  # a numbered talk found continues the sequence for the one before or after it
        more = _one_word_lines(convention, readings, taken, ctx, numbers, named, found)
        found += more
        if not more or not numbers:
            return found
        numbers.update({n: r.index for r in more if (n := _number(ctx.blocks[r.index])) is not None})


def _one_word_lines(convention: str, readings: dict[int, Reading], taken: set[int], ctx: Context,
                    numbers: dict[int, int], named: set[str], found: list[Reading]) -> list[Reading]:
    """One pass of :func:`one_word_talks` over the post's lines (or numbered items)."""
    speaker_last = convention != DASH_TITLE
    separator = _BY_WORD if convention == BY else DASH
    blocks = ctx.blocks
    heads = set(readings) | {i for r in readings.values() for i in r.consumed} | {r.index for r in found}
    more: list[Reading] = []
    for index, block in enumerate(blocks):
        if index in heads:
            continue
        numbered = bool(numbers) and _in_talk_sequence(ctx, index, numbers)
        if index in taken or index in readings or index == 0 or index + 1 >= len(blocks) \
                or "\n" in block.text or block.kind != (BlockKind.BULLET if numbers else BlockKind.LINE) \
                or (numbers and not numbered):
            continue  # (a numbered item must be in the sequence of the post's numbered talks)
        before, after = blocks[index - 1], blocks[index + 1]
        if index - 1 in heads or before.plain.rstrip().endswith((":", "–", "—", "-")):
            continue  # the first line under a talk, or a line a colon introduces
        if index + 1 in readings or after.kind not in (BlockKind.LINE, BlockKind.BULLET) \
                or _split(clean(after.plain), speaker_last, separator) is not None:
            continue  # no note of its own, or one of a block of such lines
        split = _split(clean(block.plain), speaker_last, separator, placed=numbered)
        if split is None:
            continue
        title, name = split
        if name.casefold() in named:
            continue
        reading = Reading(Heading(title, (name,), kind_of(title)), index, convention, 1)
        more.append(finish_reading(ctx, reading))
    return more
