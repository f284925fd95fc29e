"""The heading conventions note-takers use, and choosing the one a file follows.

A post uses one convention, mostly consistently: ``Title by Speaker``, ``Title – Speaker``,
``Speaker – Title``, ``Title: Speaker``, ``Speaker: Title``, ``Title (Speaker)``, ``Title,
Speaker``, ``Speaker, Title`` (academic papers), ``Speaker on title``, a title line followed by a
line of speakers, numbered or lettered headings with a ``speaker: Name`` bullet, talks written
as list items (``• Title by Name – notes…``), or headings without speakers. Each convention has
a reader; :func:`choose` runs every reader over the whole file and scores what it explains
(headings with a believable person's name on the speaker side, notes under each), so a line is
judged with the file around it, not alone.

In every convention: keynote, lightning-talk and panel headings (:mod:`.headings`) are read, a
heading without speakers takes the name lines (or ``Speaker: Name`` bullet) below it, a time
before a heading and a ``Talk:`` or track prefix are taken off the title (the track becomes the
talk's session), and a heading matching a talk the knowledge base knows takes its exact title.
Hand-written: these are layout rules of blog posts, which no library models.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..core.kb.names import fold
from .blocks import Block, BlockKind
from .evidence import Evidence, KnownTalk
from .headings import (
    LOWER_STARTS,
    REFERENCE_WORDS,
    Heading,
    clean,
    kind_of,
    read_heading,
    special_heading,
    title_reads_like_a_note,
    unquoted,
)
from .names import HONORIFICS, SUFFIXES, is_name_word, is_person_name, split_speakers

BY = "title by speaker"
TITLE_DASH = "title – speaker"
DASH_TITLE = "speaker – title"
TITLE_COLON = "title: speaker"
COLON_TITLE = "speaker: title"
TITLE_PAREN = "title (speaker)"
TITLE_COMMA = "title, speaker"
SPEAKER_COMMA = "speaker, title"
SPEAKER_ON = "speaker on title"
TWO_LINE = "title, then speakers line"
NUMBERED = "numbered, speaker bullet"
LIST_ITEM = "list items"
NO_SPEAKER = "headings without speakers"
#: Every convention, in the order ties are broken (the first importer's own first).
ALL = (BY, TITLE_DASH, DASH_TITLE, TITLE_COLON, COLON_TITLE, TITLE_PAREN, TITLE_COMMA, SPEAKER_ON, NUMBERED,
       TWO_LINE, LIST_ITEM, SPEAKER_COMMA, NO_SPEAKER)
NAMED = ALL[:-1]

#: A dash (or bar) between spaces; an em dash also without them (``Title—Jane Doe``), as
#: typographers write it (a hyphen or en dash without spaces joins words: ``Self-hosting``, ``2008–2019``).
#: (figure dash, horizontal bar and minus too; ``Title / Jane Doe``, ``Title :: Jane Doe``, ``Title · Jane``)
_DASH = re.compile(r"\s+(?:[–—‒―−-]{1,2}|\||/|::|·|•)\s+|\s*—\s*")
_COMMA = re.compile(r",\s+(?=\S+\s+\S)(?![^,]*,)")  # the last comma, before a name of two words or more
_FIRST_COMMA = re.compile(r",\s+(?=[^\W\d_]|[\"“‘'«„])")  # before a title that starts with a letter or quote
_PAREN = re.compile(r"\s*[(（\[](?=[^()（）\[\]]+[)）\]]$)")  # "Title (Jane Doe)", "Title [Jane Doe]"
_ON_NEVER = re.compile(r"(?!)")
_COLON = re.compile(r"(?<![:/])[:：]\s+")
_NUMBER = re.compile(r"(?P<num>\d{1,2}|[A-Z]\d{0,2})[.)]\s+(?=\S)")  # "3.", "C.", "B1)"
_DIGITS = re.compile(r"\d{1,2}[.)]\s+(?=\S)")
_BY_PREFIX = re.compile(r"(?:presented\s+|given\s+)?by\s+(?=\S)", re.IGNORECASE)
_PRESENTS = re.compile(r"\s+(?:presents?|presented|talks?|talked|speaks|spoke)(?:\s+(?:about|on))?$",
                       re.IGNORECASE)
_NAMES_PREFIX = re.compile(r"(?:talk|vortrag|keynote|presentation|session|conférence|exposé|charla|ponencia"
                           r"|lecture|workshop)\s+(?:by|von|de|par|di|of|with|mit|con|avec)\s+(?=\S)",
                           re.IGNORECASE)
_SPEAKER_LABEL = re.compile(
    r"(?:speakers?|presenters?|presented\s+by|given\s+by|by|who|panell?ists?|hosts?|facilitators?"
    r"|sprecher(?:in|innen)?|referent(?:in|en|innen)?|vortragende[rn]?|von|orador(?:es|a)?|ponentes?"
    r"|intervenant(?:e|s)?|par|kaikōrero|spreker|relatore|話者|講演者|発表者|登壇者|演讲者|讲者|发言人"
    r"|докладчик(?:и)?|спикер(?:ы)?)\s*[:：–—-]?\s*(?P<names>\S.*)", re.IGNORECASE)
#: Labels of speaker lines that say no more than "these are the speakers".
_PLAIN_LABELS = frozenset({"", "by", "speaker", "speakers", "presenter", "presenters", "presented by",
                           "given by", "von", "par", "с", "with", "-", "–", "—"})
_LINE_PREFIX = re.compile(r"(?:by|with|[–—-]|von|par|с)\s+(?P<names>\S.*)", re.IGNORECASE)
TLDR = re.compile(r"(?:tl;?dr|tldr)\s*[:：–-]", re.IGNORECASE)
#: Sessions that have no speakers by nature.
OPEN_SPACE = re.compile(r"(?:open[- ]space|unconference|bof|birds of a feather|hallway track)\b",
                        re.IGNORECASE)
_HONORIFIC_WORDS = frozenset(h.rstrip(".") for h in HONORIFICS)
#: Words before a colon that make the rest a reference to a work (``Further reading: …``).
_REFERENCE_HEADS = REFERENCE_WORDS - {"talk", "post"} | {"reading", "further", "source", "sources"}
_NOTE_SEPARATORS = re.compile(r"\s+[–—-]{1,2}\s+|[:;]\s+|\.\s+|,\s+(?=[a-z])|\s+\(")
_CONTINUES = (":", "–", "—", "-")
#: A word naming what follows as a talk: ``Talk: Making Linux boring – Jane Doe``, ``Paper 2. Title``.
_TALK_PREFIX = re.compile(r"(?:talk|presentation|lecture|session|paper)(?:\s+\d{1,2})?(?:\s*\([^()]{1,20}\))?"
                          r"(?:\s*[:–—-]|(?<=\d)\.)\s+(?=\S)",
                          re.IGNORECASE)
_TRACK = re.compile(
    r"(?P<track>[^–—:|]{2,60}?\b(?:[Mm]ini-?conf(?:erence)?|[Tt]rack|[Ss]tream|[Ss]ummit|[Dd]evroom"
    r"|[Mm]ini-?summit|[Ss]ymposium))\s*[–—:|-]\s+(?P<title>\S.*)")
#: First words of questions, which are titles too (``Is it time to rewrite it in Rust? – Jane Doe``).
_QUESTION_STARTS = frozenset({"is", "was", "were", "it", "so", "then", "which"})
#: A track in square brackets before the title: ``[Security] Hardening the boot chain``.
_BRACKET_TRACK = re.compile(r"\[(?P<track>[^\]]{2,40})\]\s+(?P<title>\S.*)")
#: Capitalised first words of note sentences ("Or it could be a CLA"), never of titles here.
_SENTENCE_STARTS = frozenset({"and", "but", "or", "so", "then", "also", "which", "that", "it", "is",
                              "was", "were", "they", "we", "he", "she", "i", "because", "if", "eg",
                              "e.g.", "ie", "i.e.", "etc", "plus", "see"})
_TIME = re.compile(r"(?P<time>\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[–—-]\s*\d{1,2}[:.h]\d{2}"
                   r"\s*(?:[ap]\.?m\.?)?)?)(?:\s*[–—:|-])?\s+(?=\S)", re.IGNORECASE)
#: Headings of a post's own sections and of the day's timetable, not talks (``Summary``, ``Day 2``).
_SECTION = re.compile(
    r"(?:(?:day|session)\s+\w+|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b(?:\W+\S+){0,3}"
    r"|(?:(?:morning|afternoon|evening)(?:\s+(?:tea|break|session))?|lunch|dinner|breakfast"
    r"|(?:coffee\s+)?breaks?|summary|conclusions?|links?|references?|resources?|notes?|misc\w*"
    r"|other\s+(?:talks|stuff|notes)|updates?|edit|related(?:\s+posts?)?|photos?|thanks|intro(?:duction)?"
    r"|overview|wrap[- ]?up|final\s+thoughts|(?:key\s+)?take-?aways|(?:high|low)lights|retrospective"
    r"|what\s+(?:went\s+(?:well|wrong)|(?:could|can)\s+be\s+better|i\s+(?:learned|learnt|liked))"
    r"|things\s+i\s+(?:learned|learnt|liked)|(?:my\s+)?thoughts|travel|food|venue|accommodation|logistics"
    r"|next\s+year|the\s+(?:venue|food|people|talks))\W*$",
    re.IGNORECASE)
NOTE_WEIGHT = 1.0
NO_SPEAKER_WEIGHT = 0.5
UNMARKED_IN_MARKED_WEIGHT = 0.25


@dataclass
class Reading:
    """A block read as a talk heading by one convention."""

    heading: Heading
    index: int
    convention: str
    strength: int = 0
    """How sure the speaker side is a person: 3 known, 2 a full name, 1 one word, 0 no speakers."""
    consumed: tuple[int, ...] = ()
    """Blocks after the heading that it used (speaker lines), not notes."""
    first_note: str | None = None
    """Notes written on the heading line itself (``• Title by Name – she showed…``)."""
    session: str | None = None
    """A track or miniconf named before the title."""
    known: KnownTalk | None = None
    """The knowledge base's talk this heading was matched to."""
    kept: tuple[int, ...] = ()
    """Blocks after the heading that named its speakers but stay its notes (lightning-talk lines)."""

    @property
    def last(self) -> int:
        return max((self.index, *self.consumed))


@dataclass
class Context:
    """What every reader may consult: the blocks, the knowledge base's evidence, the marked level."""

    blocks: list[Block]
    evidence: Evidence
    talk_level: int | None = None
    flat: bool = False
    forced: bool = False
    """The user named the convention: a title that looks like a name is still a title."""
    marked: bool = False
    """The post sets headings apart (two or more at the talks' level): its talks are headings."""
    free_before: int = 0
    """Lines before this block are the post's introduction: one ending with ``:`` introduces talks."""
    times: dict[int, str] = field(default_factory=dict)
    """Times written before headings (``10:30``), by block index: kept as the talk's first note."""
    memo: dict[tuple[str, int | str, bool], object] = field(default_factory=dict)
    """Answers every convention asks again (speaker lines, keynote headings), computed once."""


def _strength(names: list[str], evidence: Evidence) -> int:
    if not names:
        return 0
    levels = []
    for name in names:
        if evidence.known_speaker(name):
            levels.append(3)
        elif is_person_name(name, 2):
            levels.append(2)
        else:
            levels.append(1)
    return min(levels)


_MEDIA = re.compile(r"\s*[(\[](?:video|slides|recording|audio|pdf|youtube|link|links|notes)[)\]]$",
                    re.IGNORECASE)
_SENTENCE_GOES_ON = re.compile(r"\s[–—-]\s+[a-z]")
_AFFILIATION_CUT = re.compile(r"\s*,\s*|\s+(?:from|of|at|@|[–—-]|[·•|])\s+")


def _trim(text: str) -> str:
    """Names without the punctuation around them (but with a final initial's dot: ``Jane D.``)."""
    text = text.strip(" ;,")
    if text.endswith(".") and not re.search(r"(?:^|\s)[^\W\d_]\.$", text) \
            and text.split()[-1].casefold() not in SUFFIXES:  # "Robert Ames Jr.", "Ann Lee Ph.D."
        text = text.rstrip(".")
    return text.strip()


def names_with_affiliation(text: str) -> list[str] | None:
    """Speakers followed by where they work: ``Jane Doe, Catalyst IT``, ``Jane Doe from Red Hat``."""
    first = re.split(r"[\s,，、;/+&]+", text.strip(), maxsplit=1)[0]
    if len(text) > 200 or not (is_name_word(first) or first.casefold().rstrip(".") in _HONORIFIC_WORDS):
        return None  # a name list starts with a name (or Dr, Prof…)
    names = split_speakers(text, min_words=1)
    if names is not None and all(is_person_name(n, 2) for n in names):
        return names
    found = [names] if names is not None else []
    for cut in reversed(list(_AFFILIATION_CUT.finditer(text))):
        rest = text[cut.end():]
        if _SENTENCE_GOES_ON.search(rest):
            continue  # "Ann Lee, Bob Jones – were all memorable.": a sentence, not an affiliation
        if rest[:1].isupper() or rest[:1].isdigit() or (rest.isalpha() and " " not in rest):  # "– slides"
            names = split_speakers(text[: cut.start()], min_words=1)
            if names is not None:
                if all(is_person_name(n, 2) for n in names):
                    return names  # the longest list of full names before the affiliation
                found.append(names)
    return found[0] if found else None  # single names (``Pia, Tomasz``) as written


def _speakers(text: str, marked: bool, evidence: Evidence) -> list[str] | None:
    text = _trim(clean(text))
    names = names_with_affiliation(text)
    if names is None:
        return None
    if not marked and _strength(names, evidence) < 2:
        return None
    return names


def _title_ok(title: str, marked: bool) -> bool:
    title = title.strip()
    if not title or title_reads_like_a_note(title, True):
        return False
    if marked:
        return True
    head, colon, _rest = title.partition(": ")
    if colon and len(head.split()) <= 3 and head.split()[0].casefold() in _REFERENCE_HEADS:
        return False  # "Further reading: Producing Open Source Software – Karl Fogel": a reference
    first_word = title.split()[0].casefold()
    if first_word in _QUESTION_STARTS and title.endswith("?") and title[0].isupper():
        return True  # "Is it time to rewrite it in Rust?": a question is a common title
    if first_word in _SENTENCE_STARTS or (first_word in LOWER_STARTS and title[0].islower()):
        return False  # "Or it could be a CLA", "the snails are winning": a sentence
    return not title.endswith((".", ",", ";"))


def _candidate(block: Block, index: int, ctx: Context, continued: bool = False) -> str | None:
    """The text of a block that could be a heading, or None (lists, code, continued notes).

    A line after one ending with ``:`` or a dash continues that note, unless ``continued`` (the
    caller has better evidence, such as a line of speakers below it).
    """
    if block.kind == BlockKind.HEADING:
        return _without_time(block.plain, index, ctx)
    if block.kind != BlockKind.LINE or not block.plain or "\n" in block.text:
        return None
    if index and not continued and index >= ctx.free_before and ctx.blocks[index - 1].kind == BlockKind.LINE \
            and ctx.blocks[index - 1].plain.rstrip().endswith(_CONTINUES):
        return None
    return _without_time(block.plain, index, ctx)


def _without_time(text: str, index: int, ctx: Context) -> str:
    """A heading without the time written before it (``10:30 – Title by Jane``); the time is kept."""
    time = _TIME.match(text)
    if time is None or time.end() >= len(text):
        return text
    ctx.times[index] = clean(time.group("time"))
    return text[time.end():]


def _special(text: str, marked: bool, ctx: Context) -> Heading | None:
    key = ("special", text, marked)
    if key not in ctx.memo:
        stripped = clean(text).rstrip(":").rstrip() if marked else clean(text)
        ctx.memo[key] = special_heading(stripped, marked) if stripped else None
    found = ctx.memo[key]
    return found if isinstance(found, Heading) else None


def _is_quotation(title: str) -> bool:
    """A whole sentence in quotation marks (what someone said), not a title."""
    if len(title) < 3 or title[0] not in "“\"«„‘'" or title[-1] not in "”\"»“’'":
        return False
    inner = title[1:-1].strip()
    if any(mark in inner for mark in "“”\"«»„"):
        return False
    return ", " in inner or inner.endswith((".", "!", "…")) or len(inner.split()) >= 7


def _split_text(text: str, separator: re.Pattern[str], speaker_last: bool, marked: bool,
                ctx: Context) -> Heading | None:
    """``text`` cut at its last (or first) separator into a title and speakers, if both read so.

    With the speakers last, an earlier cut is tried when the last one fails: ``Title – Jane Doe –
    Catalyst IT`` names Jane Doe (the affiliation is kept as the byline).
    """
    found = list(separator.finditer(text))
    if not found:
        return None
    cuts = list(reversed(found[-3:])) if speaker_last else [found[0]]
    for cut in cuts:
        heading = _split_at(text, cut, separator, speaker_last, marked, ctx)
        if heading is not None:
            return heading
    return None


def _split_at(text: str, cut: re.Match[str], separator: re.Pattern[str], speaker_last: bool,
              marked: bool, ctx: Context) -> Heading | None:
    left, right = text[: cut.start()].strip(), text[cut.end():].strip()
    if separator is _PAREN:
        right = right[:-1]
    names_part, title = (right, left) if speaker_last else (left, right)
    for prefix in (_TALK_PREFIX, _NUMBER):  # "Talk: Making Linux boring – Jane Doe", "3. …"
        found_prefix = prefix.match(title)
        if found_prefix and len(title) > found_prefix.end():
            title = title[found_prefix.end():]
    for prefix in (_DIGITS, _NAMES_PREFIX, _BY_PREFIX):  # "3. Jane Doe – …" (not "J. Smith"),
        found_prefix = prefix.match(names_part)  # "Vortrag von Jane Doe", "Title (by Jane Doe)"
        if found_prefix and len(names_part) > found_prefix.end():
            names_part = names_part[found_prefix.end():]
    verb = _PRESENTS.search(names_part) if not speaker_last else None
    said = names_part
    if verb:  # "Jane Doe presents: Title" (the verb is kept with the names, in the notes)
        names_part = names_part[: verb.start()]
    track = _TRACK.fullmatch(names_part) if not speaker_last else None
    if track:  # "Sysadmin Miniconf: Jane Doe – Title": the track goes before the title (then the session)
        names_part, title = track.group("title"), f"{track.group('track')}: {title}"
    if speaker_last and _is_quotation(title):
        return None  # “Talk is cheap, show me the code” – Linus Torvalds: a quote, not a talk
    title = unquoted(_MEDIA.sub("", title))  # "“Title” (video)": a link's label, not the title
    if not marked and not ctx.forced and len(title.split()) == 1 and (
            (separator is _COLON and speaker_last) or (title.isalpha() and title.islower())):
        return None  # "Venue: Te Papa Tongarewa" (a label), "Kiwi PyCon – reflections" (a post's title)
    names = _speakers(names_part, marked, ctx.evidence)
    if names and _title_ok(title, marked) and (ctx.forced or split_speakers(title, min_words=2) is None):
        plain = _trim(clean(names_part))
        every = split_speakers(plain, min_words=1)
        byline = plain if "(" in plain or every is None or every != names else ""
        byline = _trim(clean(said)) if verb else byline
        return Heading(title, tuple(names), kind_of(title), byline)
    return None


def _split_reader(separator: re.Pattern[str], speaker_last: bool) -> Callable[[Context, int], Reading | None]:
    def read(ctx: Context, index: int) -> Reading | None:
        block = ctx.blocks[index]
        text = _candidate(block, index, ctx)
        if text is None:
            return None
        marked = block.kind == BlockKind.HEADING
        text = clean(text).rstrip(":").rstrip() if marked else clean(text)
        heading = _split_text(text, separator, speaker_last, marked, ctx)
        if heading is not None:
            return Reading(heading, index, "", _strength(list(heading.speakers), ctx.evidence))
        special = _special(text, marked, ctx)
        return Reading(special, index, "", _strength(list(special.speakers), ctx.evidence)) \
            if special else None
    return read


def _read_by(ctx: Context, index: int) -> Reading | None:
    block = ctx.blocks[index]
    text = _candidate(block, index, ctx)
    if text is None:
        return None
    heading = read_heading(text, marked=block.kind == BlockKind.HEADING)
    if heading is None:
        return None
    return Reading(heading, index, "", _strength(list(heading.speakers), ctx.evidence))


def _speaker_line(ctx: Context, index: int) -> list[str] | None:
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
    text = clean(block.plain).strip(" *_")
    bracketed = re.fullmatch(r"[(\[（](?P<inner>[^()\[\]（）]+)[)\]）]", text)
    if bracketed:  # "(Dr Aino Virtanen)" on the line below the title
        text = bracketed.group("inner").strip()
    if block.kind == BlockKind.BULLET:  # "• Speaker: Jane Doe" as the first note
        label = _SPEAKER_LABEL.fullmatch(text)
        names = names_with_affiliation(_trim(label.group("names"))) if label else None
        return names if names and block.depth == 0 else None
    prefix = _LINE_PREFIX.fullmatch(text) or _SPEAKER_LABEL.fullmatch(text)
    if prefix:
        text = prefix.group("names")
    names = names_with_affiliation(_trim(text))
    if not names or (_strength(names, ctx.evidence) < 2 and not prefix):
        return None
    return names


_PRESENTER = re.compile(r"(?P<names>[^–—:()]{3,80}?)\s*(?:[–—:]|\s-)\s+\S.*")
_PRESENTER_BY = re.compile(r"\S.*?\sby\s+(?P<names>[^–—:|()]{3,80}?)", re.IGNORECASE)
_PRESENTER_LAST = re.compile(r"\S.*?\s(?:[–—-]{1,2}|\|)\s+(?P<names>[^–—:|()]{3,80}?)")


def _presenters(ctx: Context, index: int) -> tuple[list[str], list[int]]:
    """Names on the lines of a lightning-talk block, and those lines: ``Jane Doe – Rust in five
    minutes``, or the other way round (``Rust in five minutes – Jane Doe``, ``… by Jane Doe``),
    the same in every line."""
    found: list[tuple[int, list[str]]] = []
    names_first: bool | None = None
    while index < len(ctx.blocks) and len(found) < 20:
        block = ctx.blocks[index]
        if block.kind == BlockKind.BULLET and block.depth > 0:
            index += 1
            continue
        other_kind = bool(found) and block.kind != ctx.blocks[found[0][0]].kind
        if block.kind in (BlockKind.HEADING, BlockKind.RAW) or other_kind:
            break  # (a block of list items ends at a line that is not one)
        text = clean(block.plain)
        people = None
        for first in (True, False) if names_first is None else (names_first,):
            match = _PRESENTER.fullmatch(text) if first else (
                _PRESENTER_LAST.fullmatch(text) or _PRESENTER_BY.fullmatch(text))
            people = split_speakers(match.group("names"), min_words=2) if match else None
            if people:
                names_first = first
                break
        if not people:
            break
        found.append((index, people))
        index += 1
    if found and names_first is False and _own_notes(ctx, found[-1][0]) >= 2:
        found.pop()  # "Closing – Jane Doe" with notes of its own after the block: a talk of its own
    names = [name for _line, people in found for name in people]
    names = [name for number, name in enumerate(names) if name not in names[:number]]
    return (names, [line for line, _people in found]) if len(names) >= 2 else ([], [])


def _own_notes(ctx: Context, index: int) -> int:
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


def _byline(ctx: Context, lines: list[int]) -> str:
    """What speaker lines say beyond the names (``Jane Doe, Catalyst IT``, ``Panellists: …``),
    kept in the notes."""
    kept = []
    for index in lines:
        text = clean(ctx.blocks[index].plain).strip(" *_")
        label = _LINE_PREFIX.fullmatch(text) or _SPEAKER_LABEL.fullmatch(text)
        if label and text[: label.start("names")].strip(" :：–—-").casefold() not in _PLAIN_LABELS:
            kept.append(text)  # "Panellists: …", "Hosts: …" say what the people were
            continue
        names = _trim(label.group("names") if label else text)
        every = split_speakers(names, min_words=1)
        if "(" in names or every is None or every != names_with_affiliation(names):
            kept.append(names)
    return "; ".join(kept)


def _with_speaker_lines(ctx: Context, reading: Reading) -> Reading:
    """A heading without speakers takes the name lines right below it (``Keynote`` / ``Jane Doe``)."""
    if reading.heading.speakers:
        return reading
    names: list[str] = []
    consumed: list[int] = []
    index = reading.last + 1
    while (found := _speaker_line(ctx, index)) is not None and len(names) < 12:
        names.extend(found)
        consumed.append(index)
        index += 1
    if not names and reading.heading.kind == "lightning":
        names, lines = _presenters(ctx, reading.last + 1)
        if names:  # the presenter lines say what each talked about: they stay as notes
            heading = Heading(reading.heading.title, tuple(names), "lightning", reading.heading.byline)
            return Reading(heading, reading.index, reading.convention, _strength(names, ctx.evidence),
                           reading.consumed, reading.first_note, kept=tuple(lines))
    if not names:
        return reading
    markdown = "" if reading.heading.byline else _markdown_byline(ctx, consumed)
    byline = reading.heading.byline or markdown or _byline(ctx, consumed)
    heading = Heading(reading.heading.title, tuple(names), reading.heading.kind, byline, bool(markdown))
    return Reading(heading, reading.index, reading.convention, _strength(names, ctx.evidence),
                   (*reading.consumed, *consumed), reading.first_note)


_ON = re.compile(r"(?P<names>.+?)\s+(?:on|talked about|spoke about|über|sur|sobre|о)\s+(?P<title>\S.*)")


def _read_speaker_on(ctx: Context, index: int) -> Reading | None:
    """``Jane Doe on building communities that last``: the title is what follows ``on``."""
    block = ctx.blocks[index]
    text = _candidate(block, index, ctx)
    found = _ON.fullmatch(clean(text).rstrip(":").rstrip()) if text else None
    if found is None:
        return _split_reader(_ON_NEVER, True)(ctx, index)  # keynotes and the like
    names = names_with_affiliation(_trim(found.group("names")))
    title = found.group("title").strip()
    if not names or _strength(names, ctx.evidence) < 2 or title_reads_like_a_note(title, True) \
            or title.endswith((".", ",", ";")):
        return None
    return Reading(Heading(title, tuple(names), kind_of(title)), index, "", _strength(names, ctx.evidence))


def _read_two_line(ctx: Context, index: int) -> Reading | None:
    block = ctx.blocks[index]
    text = _candidate(block, index, ctx, continued=True)
    if text is None or _speaker_line(ctx, index) is not None:
        return None
    marked = block.kind == BlockKind.HEADING
    title = clean(text).rstrip(":").rstrip() if marked else clean(text)
    prefix = _TALK_PREFIX.match(title)  # "Talk: Incident response" (the prefix goes in _finish)
    if not _title_ok(title[prefix.end():] if prefix else title, marked) or len(title) > 160:
        return None
    special = _special(title, marked, ctx)
    reading = Reading(special or Heading(title, (), kind_of(title)), index, "", 0)
    with_names = _with_speaker_lines(ctx, reading)
    return with_names if with_names.heading.speakers or special else None


def _read_numbered(ctx: Context, index: int) -> Reading | None:
    block = ctx.blocks[index]
    if block.kind == BlockKind.BULLET and block.depth == 0 and block.marker[:1].isdigit():
        rest = block.plain
    else:
        text = clean(_candidate(block, index, ctx) or "")
        numbered = _NUMBER.match(text)
        if numbered is None:
            return None
        rest = text[numbered.end():]
    marked = block.kind == BlockKind.HEADING
    rest = rest.rstrip(":").rstrip()
    inner = read_heading(rest, marked=True) or _split_text(rest, _DASH, True, marked, ctx) \
        or _split_text(rest, _PAREN, True, marked, ctx)
    if inner is not None and inner.speakers:
        return Reading(inner, index, "", _strength(list(inner.speakers), ctx.evidence))
    for ahead in range(index + 1, min(index + 4, len(ctx.blocks))):
        label = _SPEAKER_LABEL.fullmatch(clean(ctx.blocks[ahead].plain).strip(" *_"))
        if label:
            names = names_with_affiliation(_trim(label.group("names")))
            if names and _title_ok(rest, True):
                return Reading(Heading(rest, tuple(names), kind_of(rest), _byline(ctx, [ahead])), index, "",
                               _strength(names, ctx.evidence), (ahead,))
        if ctx.blocks[ahead].kind != BlockKind.BULLET:
            break
    if _title_ok(rest, marked) and (marked or (index + 1 < len(ctx.blocks)
                                    and ctx.blocks[index + 1].kind == BlockKind.BULLET
                                    and ctx.blocks[index + 1].depth > block.depth)):
        return Reading(Heading(rest, (), kind_of(rest)), index, "", 0)
    return None


def _names_then_note(rest: str, ctx: Context) -> tuple[list[str], str | None] | None:
    """Full names starting ``rest`` and the note after them (``Jane Doe – she showed…``)."""
    names = split_speakers(rest.strip(" ."), min_words=2)
    note = None
    cut = _NOTE_SEPARATORS.search(rest)
    if names is None and cut is not None:
        names = split_speakers(rest[: cut.start()].strip(), min_words=2)
        note = rest[cut.end():].strip() if cut.group().strip() != "(" else "(" + rest[cut.end():]
    if not names or _strength(names, ctx.evidence) < 2:
        return None
    return names, note


_BOLD_LEAD = re.compile(r"(\*\*|__)(?P<title>[^*_\s](?:.*?[^*_\s])?)\1|\[(?P<link>[^\]]+)\]\([^)\s]+\)")
_LEAD_SEPARATOR = re.compile(r"\s*(?:[,:|–—-]{1,2}|\s+by)\s+", re.IGNORECASE)


def _bold_lead(block: Block, ctx: Context) -> Reading | None:
    """``**Title** – Jane Doe``, ``[Title](link) – Jane Doe`` or ``<b>Title</b>, Jane Doe. Notes…``: a
    bold or linked title opening an item or paragraph, the speakers after it, then perhaps notes."""
    bold = _BOLD_LEAD.match(block.text)
    if bold is None or bold.end() >= len(block.text):
        return None
    lead = bold.group("title") or bold.group("link")  # a bold title, or a linked one
    title = clean(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", lead).replace("\\", ""))
    text = clean(block.plain)
    separator = _LEAD_SEPARATOR.match(text, len(title)) if text.startswith(title) else None
    if separator is None or not _title_ok(title, True):
        return None
    found = _names_then_note(text[separator.end():], ctx)
    if found is None:
        return None
    names, note = found
    return Reading(Heading(title, tuple(names), kind_of(title)), 0, "", _strength(names, ctx.evidence),
                   first_note=note or None)


def _read_list_item(ctx: Context, index: int) -> Reading | None:
    """``• Title by Jane Doe – she showed…``: a talk in one item, its first note after the name.
    Plain lines (a list copied without its bullets) and paragraphs read so too when a note
    follows the name or the title is bold."""
    block = ctx.blocks[index]
    line = block.kind == BlockKind.LINE and "\n" not in block.text and bool(block.plain)
    if not (block.kind == BlockKind.BULLET and block.depth == 0) and not line:
        return None
    lead = _bold_lead(block, ctx)
    if lead is not None:
        lead.index = index
        return lead
    text = clean(block.plain)
    for by in reversed(list(re.finditer(r"\s+by\s+", text, re.IGNORECASE))):
        title, rest = text[: by.start()].strip(), text[by.end():]
        found = _names_then_note(rest, ctx)
        if found is None or not _title_ok(title, False) or (line and not found[1]):
            continue  # (a plain line without a note is a heading of the "by" convention)
        names, note = found
        return Reading(Heading(title, tuple(names), kind_of(title)), index, "",
                       _strength(names, ctx.evidence), first_note=note or None)
    nested = not line and index + 1 < len(ctx.blocks) and ctx.blocks[index + 1].kind == BlockKind.BULLET \
        and ctx.blocks[index + 1].depth > 0
    for separator, speaker_last in ((_DASH, True), (_DASH, False), (_PAREN, True)):
        heading = _split_text(text, separator, speaker_last, False, ctx) if nested else None
        if heading is not None:  # "• Title – Jane Doe" with the notes nested below
            return Reading(heading, index, "", _strength(list(heading.speakers), ctx.evidence))
    return None


def _read_no_speaker(ctx: Context, index: int) -> Reading | None:
    block = ctx.blocks[index]
    text = _candidate(block, index, ctx)
    if text is None:
        return None
    marked = block.kind == BlockKind.HEADING
    title = clean(text).rstrip(":").rstrip() if marked else clean(text)
    special = _special(title, marked, ctx)
    if special is not None:
        return Reading(special, index, "", _strength(list(special.speakers), ctx.evidence))
    if not _title_ok(title, marked) or len(title) > 160 or _SECTION.fullmatch(title):
        return None
    following = ctx.blocks[index + 1] if index + 1 < len(ctx.blocks) else None
    if following is None:
        return None
    tldr = bool(TLDR.match(following.plain))
    if marked:
        at_level = ctx.talk_level is None or block.level == ctx.talk_level
        return Reading(Heading(title, ()), index, "", 0) if at_level or tldr else None
    if tldr or (following.kind == BlockKind.BULLET and not ctx.flat and not ctx.marked):
        return Reading(Heading(title, ()), index, "", 0)
    return None


READERS: dict[str, Callable[[Context, int], Reading | None]] = {
    BY: _read_by,
    TITLE_DASH: _split_reader(_DASH, speaker_last=True),
    DASH_TITLE: _split_reader(_DASH, speaker_last=False),
    TITLE_COLON: _split_reader(_COLON, speaker_last=True),
    COLON_TITLE: _split_reader(_COLON, speaker_last=False),
    TITLE_PAREN: _split_reader(_PAREN, speaker_last=True),
    TITLE_COMMA: _split_reader(_COMMA, speaker_last=True),
    SPEAKER_COMMA: _split_reader(_FIRST_COMMA, speaker_last=False),
    SPEAKER_ON: _read_speaker_on,
    TWO_LINE: _read_two_line,
    NUMBERED: _read_numbered,
    LIST_ITEM: _read_list_item,
    NO_SPEAKER: _read_no_speaker,
}


def read_at(convention: str, ctx: Context, index: int) -> Reading | None:
    """What ``convention`` reads at block ``index`` (keynote name lines taken along), or None."""
    reading = READERS[convention](ctx, index)
    if reading is None:
        return None
    reading.convention = convention
    reading = _with_speaker_lines(ctx, reading)
    reading.convention = convention
    return _finish(ctx, reading)


def _leading_symbols(title: str) -> int:
    """How many characters of decoration (emoji, arrows, stars) start a title."""
    count = 0
    for ch in title:
        if ch.isspace() or ch in "*#~»" or unicodedata.category(ch) in ("So", "Sm", "Sk", "Cf", "Mn"):
            count += 1
        else:
            break
    return count


def _possessive_s(name: str, index: int, ctx: Context) -> bool:
    """``Jane Does`` (from ``Jane Does keynote``) is Jane Doe when the knowledge base knows her, or
    when the rest of the post names ``Jane Doe`` and never ``Jane Does``."""
    if not name.endswith("s") or ctx.evidence.known_speaker(name):
        return False
    if ctx.evidence.known_speaker(name[:-1]):
        return True
    heading = ctx.blocks[index].plain
    if f"{name}'" in heading or f"{name}’" in heading:
        return False  # "Tom Jones' keynote": the name ends in s
    key = ("text", 0, False)
    if key not in ctx.memo:
        ctx.memo[key] = "\n".join(b.plain for b in ctx.blocks)
    text = str(ctx.memo[key]).replace(heading, "")
    return bool(re.search(rf"\b{re.escape(name[:-1])}\b(?![sS])", text)) and name not in text


def _finish(ctx: Context, reading: Reading) -> Reading:
    """Track prefixes become the session; a talk the knowledge base knows gives its exact title."""
    heading = reading.heading
    time = ctx.times.get(reading.index)
    if time and reading.first_note is None:
        reading.first_note = f"Time: {time}"
    if heading.kind == "keynote" and any(  # "Jane Does keynote" when the knowledge base has Jane Doe
            _possessive_s(n, reading.index, ctx) for n in heading.speakers):  # or the post names her so
        speakers = tuple(n[:-1] if _possessive_s(n, reading.index, ctx) else n for n in heading.speakers)
        heading = replace(heading, speakers=speakers)
    for name in heading.speakers:  # "Keynote: The Open Web – Jane Doe": the name is not the title
        for separator in (" – ", " — ", " - ", ": ", ", "):
            if heading.title.endswith(separator + name) and len(heading.title) > len(separator + name):
                title = heading.title[: -len(separator + name)].rstrip()
                heading = replace(heading, title=title)
    symbols = _leading_symbols(heading.title)
    if symbols and len(heading.title) > symbols:  # "🎤 Soldering 101 – …": the emoji is decoration
        heading = replace(heading, title=heading.title[symbols:])
    prefix = _TALK_PREFIX.match(heading.title) or _NUMBER.match(heading.title)
    if prefix and len(heading.title) > prefix.end():
        heading = replace(heading, title=heading.title[prefix.end():])
    track = _TRACK.fullmatch(heading.title) or _BRACKET_TRACK.fullmatch(heading.title)
    if track and track.group("title").strip():
        reading.session = track.group("track").strip()
        heading = replace(heading, title=track.group("title").strip(), kind=kind_of(track.group("title")))
        clock = _TIME.match(heading.title)  # "Kernel miniconf – 4:15pm – Rust in the kernel"
        if clock and clock.end() < len(heading.title):
            reading.first_note = reading.first_note or f"Time: {clean(clock.group('time'))}"
            heading = replace(heading, title=heading.title[clock.end():])
    generic = heading.kind != "talk"  # "Keynote", "Lightning talks": every day has one
    known = ctx.evidence.match_talk(heading.title, heading.speakers, generic=generic)
    if known is None and heading.speakers:
        whole = clean(ctx.blocks[reading.index].plain)
        known = ctx.evidence.match_talk(whole, heading.speakers, generic=generic) \
            if whole != heading.title else None
    if known is not None and known.has_notes and known.title == heading.title \
            and {fold(s) for s in heading.speakers} == {fold(s) for s in known.speakers}:
        known = None  # notes imported before (maybe from two posts on one talk): read them as then
    if known is not None:
        kind = known.kind if known.kind != "talk" else heading.kind
        same = {fold(s) for s in heading.speakers} == {fold(s) for s in known.speakers}
        speakers = heading.speakers if same or not known.speakers else known.speakers
        # speakers the heading did not name itself say nothing about the file's convention
        reading.strength = 3 if heading.speakers else 1
        heading = replace(heading, title=known.title, speakers=speakers, kind=kind)
        reading.known = known
    reading.heading = heading
    return reading


def scan(convention: str, ctx: Context) -> list[Reading]:
    """Every heading ``convention`` reads in the file, in order (blocks a heading uses are skipped)."""
    readings: list[Reading] = []
    index = 0
    while index < len(ctx.blocks):
        reading = read_at(convention, ctx, index)
        if reading is None:
            index += 1
            continue
        readings.append(reading)
        index = max((reading.last, *reading.kept)) + 1  # a lightning block's lines are its notes
    return readings


def score(readings: list[Reading], ctx: Context) -> float:
    """How well a convention's readings explain the file: believable speakers, notes under each."""
    total = 0.0
    for number, reading in enumerate(readings):
        after = reading.last + 1
        upto = readings[number + 1].index if number + 1 < len(readings) else len(ctx.blocks)
        has_notes = upto > after or reading.first_note is not None
        if reading.heading.speakers:
            value = reading.strength + (NOTE_WEIGHT if has_notes else 0.0)
        else:
            value = NO_SPEAKER_WEIGHT if has_notes else 0.0
        if ctx.marked and ctx.blocks[reading.index].kind != BlockKind.HEADING:
            value *= UNMARKED_IN_MARKED_WEIGHT  # a post with headings writes its talks as headings
        total += value
    return total


@dataclass
class Choice:
    """The convention chosen for a file, with every convention's score (shown in the plan)."""

    convention: str
    readings: list[Reading]
    scores: dict[str, float] = field(default_factory=dict)
    forced: bool = False
    others: dict[str, list[Reading]] = field(default_factory=dict)
    """What every other convention read (for lines the chosen one missed)."""
    sections: list[tuple[Reading, str]] = field(default_factory=list)
    """Readings judged to be parts of a prose post, not talks, with why (listed in the plan)."""


def _tldr_after(ctx: Context, reading: Reading) -> bool:
    after = reading.last + 1
    return after < len(ctx.blocks) and bool(TLDR.match(ctx.blocks[after].plain))


def _sections_of_a_write_up(ctx: Context, readings: list[Reading]) -> bool:
    """Headings without speakers that only divide a prose post: one bare heading (``Next year``),
    or headings over paragraphs only (``The venue`` / ``The people``), never over a list of notes
    or a ``TLDR:`` line. Keynote, lightning and panel headings are talks whatever is under them."""
    bare = [r for r in readings if r.heading.kind == "talk" and not r.heading.speakers]
    if len(bare) != len(readings) or any(_tldr_after(ctx, r) for r in readings):
        return False
    if len(readings) == 1:
        return True
    for number, reading in enumerate(readings):
        upto = readings[number + 1].index if number + 1 < len(readings) else len(ctx.blocks)
        if any(b.kind in (BlockKind.BULLET, BlockKind.RAW) for b in ctx.blocks[reading.last + 1:upto]):
            return False
    return True


def choose(ctx: Context, forced: str | None = None) -> Choice:
    """The convention that explains the file best (or the one the user forced)."""
    if forced is not None:
        ctx.forced = True
        readings = scan(forced, ctx)
        return Choice(forced, readings, {forced: score(readings, ctx)}, forced=True)
    best: Choice | None = None
    scores: dict[str, float] = {}
    scanned: dict[str, list[Reading]] = {}
    for convention in ALL:
        scanned[convention] = scan(convention, ctx)
        scores[convention] = round(score(scanned[convention], ctx), 2)
        if best is None or scores[convention] > scores[best.convention]:
            best = Choice(convention, scanned[convention])
    assert best is not None
    if best.convention == NO_SPEAKER and _sections_of_a_write_up(ctx, best.readings):
        best.sections = [(r, "kept as a section of the write-up (no speaker, only prose under it)")
                         for r in best.readings]
        best.readings = []
    if best.convention == LIST_ITEM and len(best.readings) == 1 \
            and ctx.blocks[best.readings[0].index].kind == BlockKind.LINE:
        # one sentence "… by Jane Doe – it was great." in a prose post is prose
        best.sections = [(best.readings[0], "kept as a note: the post's only line read as a one-line talk")]
        best.readings = []
    best.scores = scores
    best.others = {c: r for c, r in scanned.items() if c != best.convention}
    return best


def parse_convention(text: str) -> str | None:
    """The convention ``--headings`` names (dashes, case and spacing do not matter), or None."""
    def key(value: str) -> str:
        return re.sub(r"[\s_]+", " ", re.sub(r"[–—-]+", "-", value.casefold())).strip()
    aliases = {key(c): c for c in ALL}
    aliases.update({"by": BY, "title - speaker": TITLE_DASH, "speaker - title": DASH_TITLE,
                    "two-line": TWO_LINE, "two lines": TWO_LINE, "title line, speaker line": TWO_LINE,
                    "numbered": NUMBERED, "list": LIST_ITEM, "list-items": LIST_ITEM,
                    "none": NO_SPEAKER, "no speaker": NO_SPEAKER, "no speakers": NO_SPEAKER})
    return aliases.get(key(text))
