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
from .casing import lowercase_post
from .headings import (
    ARTICLES,
    LOWER_STARTS,
    REFERENCE_WORDS,
    Heading,
    clean,
    credit_participle,
    kind_of,
    read_heading,
    special_heading,
    title_reads_like_a_note,
    unquoted,
)
from .names import EVERYDAY_ZIPF, is_person_name, split_speakers
from .reading import (
    SPEAKER_LABEL,
    TLDR,
    Context,
    Reading,
    names_with_affiliation,
    speakers_of,
    strength,
    trim_names,
)
from .speakerlines import byline_of, speaker_line, with_speaker_lines

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
DASH = re.compile(r"\s+(?:[–—‒―−-]{1,2}|\||/|::|·|•)\s+|\s*—\s*")
_COMMA = re.compile(r",\s+(?=\S+\s+\S)(?![^,]*,)")  # the last comma, before a name of two words or more
_FIRST_COMMA = re.compile(r",\s+(?=[^\W\d_]|[\"“‘'«„])")  # before a title that starts with a letter or quote
_PAREN = re.compile(r"\s*[(（\[](?=[^()（）\[\]]+[)）\]]$)")  # "Title (Jane Doe)", "Title [Jane Doe]"
_ON_NEVER = re.compile(r"(?!)")
_COLON = re.compile(r"(?<![:/])[:：]\s+")
_NUMBER = re.compile(r"(?P<num>\d{1,2}|[A-Z]\d{0,2})[.)]\s+(?=\S)")  # "3.", "C.", "B1)"
_LOWER_NUMBER = re.compile(r"(?P<num>\d{1,2}|[A-Za-z]\d{0,2})[.)]\s+(?=\S)")  # and "c.", "b1)"


def _numbering(text: str) -> re.Match[str] | None:
    """A talk's number or letter opening ``text`` (``3.``, ``C.``, ``B1)``; in a post written in
    lowercase, :mod:`.casing`, a lowercase letter too: ``c.``)."""
    return (_LOWER_NUMBER if lowercase_post() else _NUMBER).match(text)
_DIGITS = re.compile(r"\d{1,2}[.)]\s+(?=\S)")
_BY_PREFIX = re.compile(r"(?:presented\s+|given\s+)?by\s+(?=\S)", re.IGNORECASE)
_PRESENTS = re.compile(r"\s+(?:presents?|presented|talks?|talked|speaks|spoke)(?:\s+(?:about|on))?$",
                       re.IGNORECASE)
_NAMES_PREFIX = re.compile(r"(?:talk|vortrag|keynote|presentation|session|conférence|exposé|charla|ponencia"
                           r"|lecture|workshop)\s+(?:by|von|de|par|di|of|with|mit|con|avec)\s+(?=\S)",
                           re.IGNORECASE)
#: Words before a colon that make the rest a reference to a work (``Further reading: …``).
_REFERENCE_HEADS = REFERENCE_WORDS - {"talk", "post"} | {"reading", "further", "source", "sources"}
_NOTE_SEPARATORS = re.compile(r"\s+[–—-]{1,2}\s+|[:;]\s+|\.\s+|,\s+(?=[a-z])|\s+\(")
_CONTINUES = (":", "–", "—", "-")
#: A word naming what follows as a talk: ``Talk: Making Linux boring – Jane Doe``, ``Paper 2. Title``,
#: ``Vortrag: Datenschutz für Vereine – Jürgen Müller``.
_TALK_PREFIX = re.compile(r"(?:talk|presentation|lecture|session|paper|vortrag|referat|charla|ponencia"
                          r"|conférence|exposé|présentation|presentación|palestra|lezione|lezing|voordracht)"
                          r"(?:\s+\d{1,2})?(?:\s*\([^()]{1,20}\))?"
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
SECTION = re.compile(
    r"(?:(?:day|session)\s+\w+|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b(?:\W+\S+){0,3}"
    r"|(?:(?:morning|afternoon|evening)(?:\s+(?:tea|break|session))?|lunch|dinner|breakfast"
    r"|(?:coffee\s+)?breaks?|summary|conclusions?|links?|references?|resources?|notes?|misc\w*"
    r"|other\s+(?:talks|stuff|notes)|updates?|edit|related(?:\s+posts?)?|photos?|thanks|intro(?:duction)?"
    r"|overview|wrap[- ]?up|final\s+thoughts|(?:key\s+)?take-?aways|(?:high|low)lights|retrospective"
    r"|what\s+(?:went\s+(?:well|wrong)|(?:could|can)\s+be\s+better|i\s+(?:learned|learnt|liked))"
    r"|things\s+i\s+(?:learned|learnt|liked)|(?:my\s+)?thoughts|travel|food|venue|accommodation|logistics"
    r"|next\s+year|the\s+(?:venue|food|people|talks)|(?:further|recommended|suggested)\s+reading"
    r"|reading\s+list|see\s+also|bibliography|sources|credits|acknowledge?ments)\W*$",
    re.IGNORECASE)
NOTE_WEIGHT = 1.0
NO_SPEAKER_WEIGHT = 0.5
UNMARKED_IN_MARKED_WEIGHT = 0.25




_MEDIA = re.compile(r"\s*[(\[](?:video|slides|recording|audio|pdf|youtube|link|links|notes)[)\]]$",
                    re.IGNORECASE)




def title_ok(title: str, marked: bool) -> bool:
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
    if first_word in _SENTENCE_STARTS or (first_word in LOWER_STARTS and title[0].islower() and not (
            first_word in ARTICLES and lowercase_post())):  # (but "the linux graphics stack" in a
        return False  # "Or it could be a CLA", "the snails are winning": a sentence  (lowercase post)
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
                ctx: Context, emphasised: str = "") -> Heading | None:
    """``text`` cut at its last (or first) separator into a title and speakers, if both read so.

    With the speakers last, an earlier cut is tried when the last one fails: ``Title – Jane Doe –
    Catalyst IT`` names Jane Doe (the affiliation is kept as the byline). A title set in bold
    apart from the speakers (``emphasised``) is a title even when it reads like a name
    (``**Async Django** (Andrew Godwin)``).
    """
    found = list(separator.finditer(text))
    if not found:
        return None
    nearest = found[-1] if speaker_last else found[0]
    if nearest.group().strip() == "/":
        # "Title – Ann Lee / Bob Jones", "Ann Lee / Bob Jones – Title": beside a dash, a slash joins two
        # speakers, not the title and the names
        order = reversed(found) if speaker_last else iter(found)
        dash = next((cut for cut in order if cut.group().strip() != "/"), None)
        joined = _split_at(text, dash, separator, speaker_last, marked, ctx, emphasised) if dash else None
        if joined is not None and len(joined.speakers) >= 2:
            return joined
    cuts = list(reversed(found[-3:])) if speaker_last else [found[0]]
    for cut in cuts:
        heading = _split_at(text, cut, separator, speaker_last, marked, ctx, emphasised)
        if heading is not None:
            return heading
    return None


def _split_at(text: str, cut: re.Match[str], separator: re.Pattern[str], speaker_last: bool,
              marked: bool, ctx: Context, emphasised: str = "") -> Heading | None:
    left, right = text[: cut.start()].strip(), text[cut.end():].strip()
    if separator is _PAREN:
        right = right[:-1]
    names_part, title = (right, left) if speaker_last else (left, right)
    for opening in (_TALK_PREFIX.match, _numbering):  # "Talk: Making Linux boring – Jane Doe", "3. …"
        found_prefix = opening(title)
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
    if separator is _FIRST_COMMA and title[:1].islower():
        return None  # "Jane Doe, who spoke later": a sentence about her, not her paper
    if speaker_last and _is_quotation(title):
        return None  # “Talk is cheap, show me the code” – Linus Torvalds: a quote, not a talk
    bare = _MEDIA.sub("", title)
    title = unquoted(bare)  # "“Title” (video)": a link's label, not the title
    if not marked and not ctx.forced and len(title.split()) == 1 and (
            (separator is _COLON and speaker_last) or (title.isalpha() and title.islower())):
        return None  # "Venue: Te Papa Tongarewa" (a label), "Kiwi PyCon – reflections" (a post's title)
    names = speakers_of(names_part, marked, ctx.evidence)
    quoted = title != bare.strip()  # a title in quotation marks or bold is a title, even if it reads like
    named_title = not ctx.forced and not quoted and title != emphasised \
        and split_speakers(title, min_words=2) is not None  # a name: "“Sindarin Verbs Revisited” – Name"
    if names and title_ok(title, marked) and not named_title:
        plain = trim_names(clean(names_part))
        every = split_speakers(plain, min_words=1)
        byline = plain if "(" in plain or every is None or every != names else ""
        byline = trim_names(clean(said)) if verb else byline
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
        lead = _BOLD_LEAD.match(block.text) if block.kind == BlockKind.LINE else None
        emphasised = clean(lead.group("title")) if lead and lead.group("title") else ""
        heading = _split_text(text, separator, speaker_last, marked, ctx, emphasised)
        if heading is not None:
            return Reading(heading, index, "", strength(list(heading.speakers), ctx.evidence))
        special = _special(text, marked, ctx)
        return Reading(special, index, "", strength(list(special.speakers), ctx.evidence)) \
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
    return Reading(heading, index, "", strength(list(heading.speakers), ctx.evidence))




_ON = re.compile(r"(?P<names>.+?)\s+(?:on|talked about|spoke about|über|sur|sobre|о)\s+(?P<title>\S.*)")


def _read_speaker_on(ctx: Context, index: int) -> Reading | None:
    """``Jane Doe on building communities that last``: the title is what follows ``on``."""
    block = ctx.blocks[index]
    text = _candidate(block, index, ctx)
    found = _ON.fullmatch(clean(text).rstrip(":").rstrip()) if text else None
    if found is None:
        return _split_reader(_ON_NEVER, True)(ctx, index)  # keynotes and the like
    names = names_with_affiliation(trim_names(found.group("names")))
    title = found.group("title").strip()
    if not names or strength(names, ctx.evidence) < 2 or title_reads_like_a_note(title, True) \
            or title.endswith((".", ",", ";")):
        return None
    return Reading(Heading(title, tuple(names), kind_of(title)), index, "", strength(names, ctx.evidence))


def _read_two_line(ctx: Context, index: int) -> Reading | None:
    block = ctx.blocks[index]
    text = _candidate(block, index, ctx, continued=True)
    if text is None or speaker_line(ctx, index) is not None:
        return None
    marked = block.kind == BlockKind.HEADING
    title = clean(text).rstrip(":").rstrip() if marked else clean(text)
    prefix = _TALK_PREFIX.match(title)  # "Talk: Incident response" (the prefix goes in finish_reading)
    if not title_ok(title[prefix.end():] if prefix else title, marked) or len(title) > 160 \
            or SECTION.fullmatch(title) or _is_quotation(title):
        return None  # ("Lunch" over "Saw Bob Smithers, old friend" is no talk, nor a saying over "– Linus")
    special = _special(title, marked, ctx)
    reading = Reading(special or Heading(title, (), kind_of(title)), index, "", 0)
    with_names = with_speaker_lines(ctx, reading)
    return with_names if with_names.heading.speakers or special else None


def _read_numbered(ctx: Context, index: int) -> Reading | None:
    block = ctx.blocks[index]
    if block.kind == BlockKind.BULLET and block.depth == 0 and block.marker[:1].isdigit():
        rest = block.plain
    else:
        text = clean(_candidate(block, index, ctx) or "")
        numbered = _numbering(text)
        if numbered is None:
            return None
        rest = text[numbered.end():]
    marked = block.kind == BlockKind.HEADING
    rest = rest.rstrip(":").rstrip()
    lead = _BOLD_LEAD.match(block.text) if block.kind == BlockKind.BULLET else None
    bold = clean(lead.group("title")) if lead and lead.group("title") else ""
    # "2. **just use postgres** – Katie": a bold title is set apart as a heading's is, so the name
    # after it may be one word, as under a heading
    apart = bool(bold) and rest.startswith(bold) and DASH.match(rest, len(bold)) is not None
    inner = read_heading(rest, marked=True) or _split_text(rest, DASH, True, marked or apart, ctx, bold) \
        or _split_text(rest, _PAREN, True, marked, ctx)
    if inner is not None and inner.speakers:
        return Reading(inner, index, "", strength(list(inner.speakers), ctx.evidence))
    for ahead in range(index + 1, min(index + 4, len(ctx.blocks))):
        label = SPEAKER_LABEL.fullmatch(clean(ctx.blocks[ahead].plain).strip(" *_"))
        if label:
            names = names_with_affiliation(trim_names(label.group("names")))
            if names and title_ok(rest, True):
                lines = [ahead, *_more_speaker_bullets(ctx, ahead + 1)]  # "• speaker: A" / "• speaker: B"
                names = [name for line in lines for name in _labelled_names(ctx, line) or []]
                return Reading(Heading(rest, tuple(names), kind_of(rest), byline_of(ctx, lines)), index, "",
                               strength(names, ctx.evidence), tuple(lines))
        if ctx.blocks[ahead].kind != BlockKind.BULLET:
            break
    if title_ok(rest, marked) and (marked or (index + 1 < len(ctx.blocks)
                                    and ctx.blocks[index + 1].kind == BlockKind.BULLET
                                    and ctx.blocks[index + 1].depth > block.depth)):
        return Reading(Heading(rest, (), kind_of(rest)), index, "", 0)
    return None


def _labelled_names(ctx: Context, index: int) -> list[str] | None:
    """The names of a ``speaker: Jane Doe`` line, or None."""
    label = SPEAKER_LABEL.fullmatch(clean(ctx.blocks[index].plain).strip(" *_"))
    return names_with_affiliation(trim_names(label.group("names"))) if label else None


def _more_speaker_bullets(ctx: Context, index: int) -> list[int]:
    """The ``speaker:`` list items right after a numbered talk's first one, a speaker an item."""
    found: list[int] = []
    while index < len(ctx.blocks) and ctx.blocks[index].kind == BlockKind.BULLET and len(found) < 12 \
            and _labelled_names(ctx, index):
        found.append(index)
        index += 1
    return found


def _names_then_note(rest: str, ctx: Context) -> tuple[list[str], str | None, str] | None:
    """Full names starting ``rest``, the note after them (``Jane Doe – she showed…``), and the names
    as written when they say more in brackets (``Dr Aditi Deshmukh (Intel)``: kept as the byline)."""
    said = rest.strip(" .")
    names = split_speakers(said, min_words=2)
    note = None
    cuts = list(_NOTE_SEPARATORS.finditer(rest)) if names is None else []
    dash = [cut for cut in cuts if cut.group().strip(" -–—") == ""][:1]
    for cut in (*dash, *cuts):  # the names end at the dash, else at the first cut after which they read
        said = rest[: cut.start()].strip()  # ("J. R. Hartley and A.J. Smith – …", "陈静怡 (Jingyi Chen) & …")
        names = split_speakers(said, min_words=2) or _names_at_work(said)
        if names:
            note = rest[cut.end():].strip() if cut.group().strip() != "(" else "(" + rest[cut.end():]
            break
    if not names or strength(names, ctx.evidence) < 2:
        return None
    return names, note, said if "(" in said or names != split_speakers(said, min_words=2) else ""


def _names_at_work(text: str) -> list[str] | None:
    """Full names and where the people work (``Jane Doe, Principal Engineer at Xero``), or None."""
    names = names_with_affiliation(text)
    return names if names and all(is_person_name(name, 2) for name in names) else None


_BOLD_LEAD = re.compile(r"(\*\*|__)(?P<title>[^*_\s](?:.*?[^*_\s])?)\1|\[(?P<link>[^\]]+)\]\([^)\s]+\)")
_LEAD_SEPARATOR = re.compile(r"\s*(?:[,:|–—-]{1,2}|\s+by)\s+", re.IGNORECASE)


def _bold_lead(block: Block, ctx: Context) -> Reading | None:
    """``**Title** – Jane Doe``, ``[Title](link) – Jane Doe`` or ``<b>Title</b>, Jane Doe. Notes…``: a
    bold or linked title opening an item or paragraph, the speakers after it, then perhaps notes;
    or bold speakers before a colon and the title (``**Jane Doe:** Title``)."""
    bold = _BOLD_LEAD.match(block.text)
    if bold is None or bold.end() >= len(block.text):
        return None
    lead = bold.group("title") or bold.group("link")  # a bold title, or a linked one
    title = clean(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", lead).replace("\\", ""))
    text = clean(block.plain)
    speakers = split_speakers(title.rstrip(":：").rstrip(), min_words=2) if text.startswith(title) else None
    rest = text[len(title):]
    if speakers and (title.endswith((":", "：")) or rest.lstrip().startswith((":", "："))):
        rest = rest.lstrip(" :：").strip()  # "**Jane Doe:** Title": the speakers first, in bold
        if title_ok(rest, False) and not rest[:1].islower() and split_speakers(rest, min_words=2) is None:
            return Reading(Heading(rest, tuple(speakers), kind_of(rest)), 0, "",
                           strength(speakers, ctx.evidence))
        return None
    separator = _LEAD_SEPARATOR.match(text, len(title)) if text.startswith(title) else None
    if separator is None or not title_ok(title, True):
        return None
    found = _names_then_note(text[separator.end():], ctx)
    if found is None:
        return None
    names, note, byline = found
    return Reading(Heading(title, tuple(names), kind_of(title), byline), 0, "", strength(names, ctx.evidence),
                   first_note=note or None)


_INNER_BOLD = re.compile(r"(\*\*|__)(?P<bold>[^*_\s](?:.*?[^*_\s])?)\1")


def _lead_in(markdown: str, title: str) -> bool:
    """Words before a bold title (``Book tip from the hallway: **The Maintainer's Burden** by Jane
    Doe``) say what the work is: a talk set in bold opens with its title (a time, a track or a
    ``Talk:`` or ``Keynote:`` before it aside)."""
    text = markdown.lstrip()
    bold = _INNER_BOLD.search(text)
    if bold is None or bold.start() == 0 or clean(bold.group("bold")) not in title:
        return False
    before = clean(text[: bold.start()].replace("\\", ""))
    probe = f"{before} x"
    return not (_TIME.match(probe) or _TALK_PREFIX.match(probe) or _TRACK.fullmatch(probe)
                or _BRACKET_TRACK.fullmatch(probe) or kind_of(before) != "talk")


_SPACED_DASH = re.compile(r"\s+[–—-]{1,2}\s+")


def _dashed_item(block: Block, ctx: Context, neighbours: list[Block] | None) -> Reading | None:
    """``• Title – Jane Doe – she showed…``: a list item's title before its first spaced dash, full
    names up to the next dash, the first note after it (the dash before the note is what tells the
    names from a lightning line's topic, ``• Jane Doe – a CSV is a contract``). A title that reads
    as a name (``Just Use Postgres``) is one where an item next to it (``neighbours``) has a title
    that does not; ``None`` asks for such a title."""
    text = clean(block.plain)
    dashes = list(_SPACED_DASH.finditer(text))
    if len(dashes) < 2:
        return None
    title, between = text[: dashes[0].start()].strip(), clean(text[dashes[0].end(): dashes[1].start()])
    note = text[dashes[1].end():].strip()
    names = split_speakers(between, min_words=2) or _names_at_work(between)
    if not names or not note or strength(names, ctx.evidence) < 2 or not title_ok(title, False) \
            or title[:1].islower():
        return None
    if _lead_in(block.text, title) or credit_participle(title):
        return None  # "Book tip: **Title** – …" or a credit is no talk
    if split_speakers(title, min_words=2) and (neighbours is None or not any(
            _dashed_item(item, ctx, None) is not None for item in neighbours)):
        return None  # "Jane Doe – Tom Smith – …" is no talk, unless the items next to it are
    byline = between if "(" in between or names != split_speakers(between, min_words=2) else ""
    return Reading(Heading(title, tuple(names), kind_of(title), byline), 0, "",
                   strength(names, ctx.evidence), first_note=note)


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
        if found is None or not title_ok(title, False) or (line and not found[1]):
            continue  # (a plain line without a note is a heading of the "by" convention)
        if _lead_in(block.text, title):
            return None  # "Book tip from the hallway: **The Maintainer's Burden** by …": a work named
        if credit_participle(title):
            return None  # "• Original driver written by Ravi Shankar – Eleni took it over": a credit
        names, note, byline = found
        return Reading(Heading(title, tuple(names), kind_of(title), byline), index, "",
                       strength(names, ctx.evidence), first_note=note or None)
    items = [ctx.blocks[i] for i in (index - 1, index + 1) if 0 <= i < len(ctx.blocks)
             and ctx.blocks[i].kind == BlockKind.BULLET and ctx.blocks[i].depth == 0]
    dashed = _dashed_item(block, ctx, items) if not line else None
    if dashed is not None:  # "• Title – Jane Doe – she showed…"
        dashed.index = index
        return dashed
    nested = not line and index + 1 < len(ctx.blocks) and ctx.blocks[index + 1].kind == BlockKind.BULLET \
        and ctx.blocks[index + 1].depth > 0
    for separator, speaker_last in ((DASH, True), (DASH, False), (_PAREN, True)):
        heading = _split_text(text, separator, speaker_last, False, ctx) if nested else None
        if heading is not None:  # "• Title – Jane Doe" with the notes nested below
            return Reading(heading, index, "", strength(list(heading.speakers), ctx.evidence))
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
        return Reading(special, index, "", strength(list(special.speakers), ctx.evidence))
    if not title_ok(title, marked) or len(title) > 160 or SECTION.fullmatch(title):
        return None
    following = ctx.blocks[index + 1] if index + 1 < len(ctx.blocks) else None
    if following is None:
        return None
    tldr = bool(TLDR.match(following.plain))
    if marked:
        at_level = ctx.talk_level is None or block.level == ctx.talk_level
        return Reading(Heading(title, (), kind_of(title)), index, "", 0) if at_level or tldr else None
    if tldr:  # "Secrets in CI:" over "TLDR: …" (the colon is no part of the topic)
        return Reading(Heading(title.rstrip(":：").rstrip() or title, ()), index, "", 0)
    if following.kind == BlockKind.BULLET and not ctx.flat and not ctx.marked \
            and not title.endswith((":", "：")):  # "Talks I saw:" introduces its list
        return Reading(Heading(title, ()), index, "", 0)
    return None


def read_text_as(convention: str, text: str, ctx: Context) -> Heading | None:
    """``text`` (an unmarked line or list item) read as a heading of ``convention``, which is one
    of ``Title by Jane Doe``, ``Title – Jane Doe`` and ``Jane Doe – Title``; None for the others."""
    if convention == BY:
        return read_heading(text)
    if convention in (TITLE_DASH, DASH_TITLE):
        return _split_text(text, DASH, convention == TITLE_DASH, False, ctx)
    return None


READERS: dict[str, Callable[[Context, int], Reading | None]] = {
    BY: _read_by,
    TITLE_DASH: _split_reader(DASH, speaker_last=True),
    DASH_TITLE: _split_reader(DASH, speaker_last=False),
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
    reading = with_speaker_lines(ctx, reading)
    reading.convention = convention
    return finish_reading(ctx, reading)


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
    """``Jane Does`` (from ``Jane Does keynote``, a possessive typed without its apostrophe) is
    Jane Doe when the knowledge base knows her, or the rest of the post names ``Jane Doe`` and never
    ``Jane Does``; with no such evidence, when the heading is ``<name> keynote`` and the name's last
    word reads as a possessive (:func:`_reads_as_possessive`)."""
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
    if re.search(rf"\b{re.escape(name)}\b", text):
        return False
    if re.search(rf"\b{re.escape(name[:-1])}\b(?![sS])", text):
        return True
    shaped = re.match(rf"\W*{re.escape(name)}\s+keynote\b", heading, re.IGNORECASE)
    return shaped is not None and _reads_as_possessive(name.split()[-1])


def _reads_as_possessive(word: str) -> bool:
    """Whether a name's last word ends in a possessive's s: it is rarer with the s than without
    (wordfreq: ``Fischers``, ``Parkers``) or an everyday word that way (``Does``). Not ``Jones``,
    ``Harris`` (commoner with it), nor a double-barrelled surname (``Tanaka-Wells``) or one the
    word list does not know (``Strømsnes``). ``Williams`` reads as one: a known risk."""
    from wordfreq import zipf_frequency  # lazy: loading its word list costs ~0.3 s

    if "-" in word:
        return False
    with_s, without = zipf_frequency(word.casefold(), "en"), zipf_frequency(word[:-1].casefold(), "en")
    return without > 0 and (with_s < without or with_s >= EVERYDAY_ZIPF)


def _one_word_possessive(heading: Heading, ctx: Context) -> bool:
    """``Stripe's keynote``, ``Rusty's keynote``: one word before ``'s keynote`` names a company or
    project (``Stripe``, ``Mozilla``) as often as a person, and a person so named is a first name, not
    the speaker's name. It names a speaker only when the knowledge base knows one by that name; the
    title keeps the word either way. (Two words, ``Jane Doe's keynote``, are a person's name.)"""
    if heading.kind != "keynote" or len(heading.speakers) != 1:
        return False
    name = heading.speakers[0]
    return " " not in name and bool(re.match(rf"{re.escape(name)}['’]s?\s", heading.title)) \
        and not ctx.evidence.known_speaker(name)


def finish_reading(ctx: Context, reading: Reading) -> Reading:
    """Track prefixes become the session; a talk the knowledge base knows gives its exact title."""
    heading = reading.heading
    if (reading.consumed or reading.kept) and heading.title.endswith((":", "：")):
        heading = replace(heading, title=heading.title[:-1].rstrip())  # "Lightning talks:" over its list
    time = ctx.times.get(reading.index)
    if time and reading.first_note is None:
        reading.first_note = f"Time: {time}"
    if heading.kind == "keynote" and any(  # "Jane Does keynote" when the knowledge base has Jane Doe
            _possessive_s(n, reading.index, ctx) for n in heading.speakers):  # or the post names her so
        speakers = tuple(n[:-1] if _possessive_s(n, reading.index, ctx) else n for n in heading.speakers)
        heading = replace(heading, speakers=speakers)
    if _one_word_possessive(heading, ctx):  # "Stripe's keynote": a company's as often as a person's
        heading = replace(heading, speakers=())
    for name in heading.speakers:  # "Keynote: The Open Web – Jane Doe": the name is not the title
        for separator in (" – ", " — ", " - ", ": ", ", "):
            if heading.title.endswith(separator + name) and len(heading.title) > len(separator + name):
                title = heading.title[: -len(separator + name)].rstrip()
                heading = replace(heading, title=title)
    symbols = _leading_symbols(heading.title)
    if symbols and len(heading.title) > symbols:  # "🎤 Soldering 101 – …": the emoji is decoration
        heading = replace(heading, title=heading.title[symbols:])
    prefix = _TALK_PREFIX.match(heading.title) or _numbering(heading.title)
    if prefix and len(heading.title) > prefix.end():
        heading = replace(heading, title=heading.title[prefix.end():])
    if unquoted(heading.title) != heading.title:  # "“Why is my Django app slow?”" over its speaker line
        heading = replace(heading, title=unquoted(heading.title))
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
    by_whole = False  # the known title holds the words read as names ("Monorepos: yes or no?")
    if known is None and heading.speakers:
        whole = clean(ctx.blocks[reading.index].plain)
        known = ctx.evidence.match_talk(whole, heading.speakers, generic=generic) \
            if whole != heading.title else None
        by_whole = known is not None
    if known is not None and known.has_notes and known.title == heading.title \
            and {fold(s) for s in heading.speakers} == {fold(s) for s in known.speakers}:
        known = None  # notes imported before (maybe from two posts on one talk): read them as then
    if known is not None:
        kind = known.kind if known.kind != "talk" else heading.kind
        same = {fold(s) for s in heading.speakers} == {fold(s) for s in known.speakers}
        speakers = known.speakers if by_whole or not (same or not known.speakers) else heading.speakers
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


def _bold_titled(block: Block, reading: Reading) -> bool:
    """A paragraph opening with its title in bold (``**naming things** — Jane Doe``): marked as a
    talk by its bold, as a heading is (the post's headings may be its own sections)."""
    lead = _BOLD_LEAD.match(block.text) if block.kind == BlockKind.LINE else None
    title = lead.group("title") if lead is not None else None
    return bool(title) and clean(title or "") == reading.heading.title


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
        block = ctx.blocks[reading.index]
        if ctx.marked and block.kind != BlockKind.HEADING and not _bold_titled(block, reading):
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
