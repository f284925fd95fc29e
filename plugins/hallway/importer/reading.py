"""What a heading convention's reader produces and consults, and the speaker side of a heading.

A :class:`Reading` is one block read as a talk heading; a :class:`Context` is what every reader
may look at (the blocks, the knowledge base's evidence, memoised answers). The helpers here judge
the speaker side of a heading the same way in every convention: names, perhaps with where the
people work (``Jane Doe, Catalyst IT``), and how sure a name is a person's. Split out of
:mod:`.conventions` so that module stays a readable size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block
from .evidence import Evidence, KnownTalk
from .headings import Heading, clean
from .names import HONORIFICS, SUFFIXES, is_handle, is_name_word, is_person_name, split_speakers

#: A line naming the speakers after a label: ``Speaker: Jane Doe``, ``Presented by Jane Doe``.
SPEAKER_LABEL = re.compile(
    r"(?:speakers?|presenters?|presented\s+by|given\s+by|by|who|panell?ists?|hosts?|facilitators?"
    r"|sprecher(?:in|innen)?|referent(?:in|en|innen)?|vortragende[rn]?|von|orador(?:es|a)?|ponentes?"
    r"|intervenant(?:e|s)?|par|kaikōrero|spreker|relatore|話者|講演者|発表者|登壇者|演讲者|讲者|发言人"
    r"|докладчик(?:и)?|спикер(?:ы)?)\s*[:：–—-]?\s*(?P<names>\S.*)", re.IGNORECASE)
#: Labels of speaker lines that say no more than "these are the speakers".
PLAIN_LABELS = frozenset({"", "by", "speaker", "speakers", "presenter", "presenters", "presented by",
                          "given by", "von", "par", "с", "with", "-", "–", "—"})
LINE_PREFIX = re.compile(r"(?:by|with|[–—-]|von|par|с)\s+(?P<names>\S.*)", re.IGNORECASE)
TLDR = re.compile(r"(?:tl;?dr|tldr)\s*[:：–-]", re.IGNORECASE)
#: Sessions that have no speakers by nature.
OPEN_SPACE = re.compile(r"(?:open[- ]space|unconference|bof|birds of a feather|hallway track)\b",
                        re.IGNORECASE)
HONORIFIC_WORDS = frozenset(h.rstrip(".") for h in HONORIFICS)


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
    rest: str = ""
    """Markdown after the heading in its own paragraph (a report's ``**Jane Doe** – “Title”. She…``)."""

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


def strength(names: list[str], evidence: Evidence) -> int:
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



_SENTENCE_GOES_ON = re.compile(r"\s[–—-]\s+[a-z]")
#: Two or three lowercase words after a name and a comma, the last a noun for a person (``independent
#: scholar``, ``retired engineer``; not ``old friend``): what the person is.
_LOWER_ROLE = re.compile(r"[^\W\d_A-Z]+(?: [^\W\d_A-Z]+)? [^\W\d_A-Z]+(?:er|or|ar|ist|ian|ant|ent|ee|ate)s?")
#: First words that make those words a sentence going on (``Jane Doe, who spoke later``), not a role.
_NOT_ROLE_STARTS = frozenset({"who", "which", "that", "and", "but", "or", "was", "were", "is", "are", "said",
                              "says", "also", "then", "the", "a", "an", "with", "from", "as", "because", "so",
                              "if", "when", "where", "gave", "spoke", "talked", "presented", "showed",
                              "again", "too", "of", "in", "on", "at", "for", "to", "by", "not", "no", "yes"})
#: A company written as its web address, in lowercase (``bol.com``, ``trademe.co.nz``): an affiliation.
_DOMAIN = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}")
_AFFILIATION_CUT = re.compile(r"\s*,\s*|\s+(?:from|of|at|@|[–—-]|[·•|])\s+")


def trim_names(text: str) -> str:
    """Names without the punctuation around them (but with a final initial's dot: ``Jane D.``)."""
    text = text.strip(" ;,")
    if text.endswith(".") and not re.search(r"(?:^|\s)[^\W\d_]\.$", text) \
            and text.split()[-1].casefold() not in SUFFIXES:  # "Robert Ames Jr.", "Ann Lee Ph.D."
        text = text.rstrip(".")
    return text.strip()


#: A bracketed affiliation ending the text (``(Trade Me)``; not pronouns, ``(she/her)``).
_ORGANISATION_BEFORE = re.compile(r"\([^()/]*[^\W\d_][^()/]*\)$")


def names_with_affiliation(text: str) -> list[str] | None:
    """Speakers followed by where they work: ``Jane Doe, Catalyst IT``, ``Jane Doe from Red Hat``."""
    first = re.split(r"[\s,，、;/+&]+", text.strip(), maxsplit=1)[0]
    if len(text) > 200 or not (is_name_word(first) or first.casefold().rstrip(".") in HONORIFIC_WORDS
                               or is_handle(first)):
        return None  # a name list starts with a name (or Dr, Prof…, or a handle: @tinytables)
    names = split_speakers(text, min_words=1)
    if names is not None and all(is_person_name(n, 2) for n in names):
        return names
    found = [names] if names is not None else []
    for cut in reversed(list(_AFFILIATION_CUT.finditer(text))):
        rest = text[cut.end():]
        if _SENTENCE_GOES_ON.search(rest):
            continue  # "Ann Lee, Bob Jones – were all memorable.": a sentence, not an affiliation
        if cut.group().strip() in "–—-" and _ORGANISATION_BEFORE.search(text[: cut.start()]):
            continue  # "Daniel Okafor (Trade Me) – Canary Releases": where he works was said; a title
        if rest[:1].isupper() or rest[:1].isdigit() or (rest.isalpha() and " " not in rest) \
                or (cut.group().strip() == "," and _DOMAIN.fullmatch(rest)) \
                or (cut.group().strip() == "," and _LOWER_ROLE.fullmatch(rest)  # "– slides"
                    and rest.split()[0] not in _NOT_ROLE_STARTS and not rest.split()[0].endswith("ly")):
            names = split_speakers(text[: cut.start()], min_words=1)
            if names is not None:
                if all(is_person_name(n, 2) for n in names):
                    return names  # the longest list of full names before the affiliation
                found.append(names)
    return found[0] if found else None  # single names (``Pia, Tomasz``) as written


def speakers_of(text: str, marked: bool, evidence: Evidence) -> list[str] | None:
    text = trim_names(clean(text))
    names = names_with_affiliation(text)
    if names is None:
        return None
    if not marked and strength(names, evidence) < 2:
        return None
    return names
