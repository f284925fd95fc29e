"""Reading one line as a talk heading: ``Title by Speaker``, keynotes, lightning talks, panels.

The rules, in order:

1. ``Title by Speaker``: the speakers follow the **last** `` by `` (``Stand by Me: Mentoring by Jo
   Bloggs`` is titled ``Stand by Me: Mentoring``) and must all be people's names
   (:mod:`.names`: ``A``, ``A and B``, ``A, B and C``, ``A & B``). In *unmarked* lines (flat text)
   each name needs two name words; a line marked as a heading (Markdown ``#``/bold, HTML
   ``<h2>``/``<strong>``) may name a speaker with one word. The title must not read like a note:
   not a passive sentence (``…was funded by Linux Australia``), not a bare participle
   (``Created by…``), not a reference to a work (``Book: Accelerando by Charles Stross``,
   ``Read “The Phoenix Project” by Gene Kim``).
2. Keynotes without `` by ``: ``Keynote``, ``Opening Keynote: …``, ``Jane Doe Keynote Address``.
   A speaker is taken only when one part is clearly a person's name.
3. ``Lightning talks`` (optionally ``– Day 2`` or similar) and ``Panel: …`` start a talk without
   speakers.

The title is always the heading as written (minus `` by Speakers``), so imports are predictable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .casing import lowercase_post
from .names import is_person_name, split_speakers, word_set

MAX_TITLE_CHARS = 160
MAX_TITLE_WORDS = 25


@dataclass(frozen=True)
class Heading:
    """A talk heading: its title as written, its speakers, and the kind of talk it starts."""

    title: str
    speakers: tuple[str, ...] = ()
    kind: str = "talk"
    byline: str = ""
    """The text after `` by `` when it says more than the names (an affiliation in brackets)."""
    byline_markdown: bool = False
    """``byline`` is Markdown as written (a speaker line in ``_italics_``), not plain text."""


#: `` by `` (or ``, presented by``, ``: a talk by``: the words before ``by`` are not the title's).
_BY = re.compile(r"(?:,?\s+(?:presented|given|delivered|hosted|led)|\s*[:,–—-]\s+an?\s+(?:talk|presentation"
                 r"|keynote|workshop|lecture|session)(?:\s+(?:given|presented))?)?\s+by\s+", re.IGNORECASE)
_TITLE_TRIM = " \t–—‒―−-:,;|"
#: Note lines that start with these lowercase words are sentences, not titles.
LOWER_STARTS = word_set("""and but or so then also which that the a an it is was were they we he
she i eg e.g. ie i.e. because cause if when with like see via etc plus""")
#: Words a title may open with in lowercase in a post written all in lowercase (:mod:`.casing`).
ARTICLES = frozenset({"the", "a", "an"})
#: First words of notes that cite a work or credit someone (``Photo by…``, ``Book: X by Y``).
REFERENCE_WORDS = _REFERENCE_WORDS = word_set("""photo photos photograph image images picture pictures quote
quotes quoted book books read reading paper papers article articles video videos song songs album
recommended recommends recommendation inspired followed thanks thank credit credits courtesy via
see also previous previously earlier later mentioned cited blog podcast slides art artwork music
talk post similar related compare cf hat shout shoutout kudos same another""")
_THANKS = frozenset({"thanks", "thank"})
_TRACK_ONLY = re.compile(r"[\w' -]{1,40}\s(?:track|stream|miniconf|mini-conf|devroom)", re.IGNORECASE)
#: A track's name before a title (``Sysadmin Miniconf – …``, ``Kernel track: …``).
_TRACK_PREFIX = re.compile(r"[\w' -]{1,40}\s(?:track|stream|miniconf|mini-conf|devroom)\s*[–—:|-]\s+(?=\S)",
                           re.IGNORECASE)
_QUESTION = re.compile(r"(?:q|questions?|a)\s*:|q[.)]\s", re.IGNORECASE)
_PRAISE = word_set("""great good excellent nice interesting awesome fantastic brilliant fun amazing another
best favourite favorite cool inspiring entertaining fascinating useful my""")
_TALK_WORDS = word_set("talk talks keynote presentation session demo one slides")
#: Words a title never ends with (a sentence cut short by the dash or colon after it).
_DANGLING = word_set("with to by from of at the a an and or via into than")
_PREPOSITIONS = word_set("on in at by with from for during after using")
#: Participles starting a note about where a thing came from (``Based on…``, ``Written in…``).
_NOTE_PARTICIPLES = word_set("""based built written funded sponsored developed maintained started created
founded supported inspired presented published recorded organised organized hosted run led made""")
#: Participles ending a credit, saying who made a thing (``Original driver written by Ravi Shankar``,
#: ``Diagrams drawn by Kalani Akana``): where it came from, never what a talk does to its subject
#: (``Five DNS myths debunked``, ``The boot process dissected``).
_CREDIT_PARTICIPLES = _NOTE_PARTICIPLES | word_set("drawn designed")


def credit_participle(title: str) -> bool:
    """``title`` ends with a participle saying who made its subject: ``Original code written``."""
    words = title.split()
    return len(words) > 1 and words[-1] in _CREDIT_PARTICIPLES


#: One-word "titles" that are really notes (``Intro by Jane Doe``, ``Demo by Jo Bloggs``), or
#: credits naming people's roles (``Organisers – Ann and Bob``).
_NOTE_WORDS = word_set("""intro introduction demo demos questions q&a qa welcome moderated
chaired hosted presented introduced mc mced emceed organised organized
organisers organizers organiser organizer volunteers hosts host chair chairs moderator moderators
sponsors committee crew staff mcs emcee attendees photographer photographers credits""")
#: What people are to a project, ending a credit line (``Key people – …``, ``Maintainer – …``).
_ROLE = re.compile(r"(?:co-?)?(?:leads?|authors?|maintainers?|founders?|creators?|developers?|contacts?"
                   r"|chairs?|organi[sz]ers?|hosts?|editors?|ceo|cto|directors?|presidents?"
                   r"|treasurers?|secretar(?:y|ies)|moderators?|people|persons?|contributors?|committers?"
                   r"|inventors?|designers?|owners?|admins?|sponsors?|credits?|thanks)")
#: Participles that end titles, saying what the talk does to its subject (``The Linux graphics
#: stack explained``, ``Git demystified``, ``Sindarin revisited``), never what someone did.
_TITLE_PARTICIPLES = word_set("""explained demystified revisited reconsidered reimagined rethought
simplified untangled unpacked decoded deconstructed unleashed unplugged uncovered unveiled
illustrated annotated compared visualised visualized""")
IRREGULAR_PARTICIPLES = word_set("""written driven given taken chosen broken spoken stolen
forgotten hidden proven shown known drawn grown thrown made built run led held kept sent bought
brought taught caught sold told won done seen begun found paid""")
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|gets?|got|gotten|getting)\s+(?:\w+ly\s+)?[a-z][\w'’-]*$")
_CLOSE_QUOTES = {"”": "“", '"': '"', "’": "‘", "'": "'", "»": "«", "*": "*", "_": "_"}

_KEYNOTE = re.compile(
    r"(?:(?:opening|closing|morning|afternoon|evening|final|conference|day\s+\w+|\w+day)\s+)?"
    r"keynotes?(?:\s+(?:address|talk|speech|presentation|session|lecture))?"
    r"(?:\s*[:–—-]\s*(?P<rest>.+)|\s+(?:from|with)\s+(?P<with>.+))?",
    re.IGNORECASE)
_NAMED_KEYNOTE = re.compile(
    r"(?P<name>.+?)\s+(?:Keynote|KEYNOTE)(?:\s+(?:Address|Talk|Speech|Presentation|Lecture))?")
_POSSESSIVE_KEYNOTE = re.compile(
    r"(?P<name>[^\W\d_][\w.'’ -]*?)(?P<apostrophe>['’]s|['’])?\s+(?:(?:opening|closing|final|morning)\s+)?"
    r"keynote(?:\s+(?:address|talk|speech))?", re.IGNORECASE)
_LIGHTNING = re.compile(r"(?:\w+\s+){0,2}(?:lightning\s+(?:talks?|round)|ignites?(?:\s+talks?)?)"
                        r"(?:\s*[:–—(-].*)?", re.IGNORECASE)
_PANEL = re.compile(r"Panel(?:\s+[Dd]iscussion)?(?:\s*[:–—-]\s*.+)?")
_SEPARATORS = re.compile(r"\s+[–—-]\s+|:\s+|\s+\|\s+")


def clean(line: str) -> str:
    """A line with its whitespace (including no-break spaces and tabs) collapsed."""
    return " ".join(line.replace("\u00a0", " ").split())


_QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’", "'": "'", "「": "」", "『": "』"}


def unquoted(title: str) -> str:
    """A title without the quotation marks around it all (``“The Shadow of the Past” by …``)."""
    close = _QUOTE_PAIRS.get(title[:1])
    if close and len(title) > 2 and title.endswith(close) and close not in title[1:-1] \
            and title[:1] not in title[1:-1]:
        return title[1:-1].strip()
    return title


#: The note-taker speaking (``Lightning talks I liked``, ``Talks we missed``): a post's own section.
#: (``my``, ``our`` only qualify a title: ``Lightning talks (my picks)`` is still the session.)
_FIRST_PERSON = re.compile(r"(?<![\w'’])(?:I|I['’](?:m|ve|d)|[Ww]e)\s+(?=[a-z])")  # (not "Part I")


def speaks_in_first_person(title: str) -> bool:
    """The heading is the note-taker speaking, ``I`` or ``we`` saying what they did (``Lightning
    talks I liked but took no notes in``)."""
    return bool(_FIRST_PERSON.search(title))


def kind_of(title: str) -> str:
    """The kind of talk a title names: keynote, lightning, panel, workshop or talk."""
    lower = title.casefold()
    if re.search(r"\bkeynote", lower):
        return "keynote"
    if re.search(r"\blightning\b|\bignites?\b", lower):  # Ignite talks: five minutes, like lightning
        return "lightning"
    if re.match(r"panel\b", lower) or "panel discussion" in lower:
        return "panel"
    if re.match(r"(?:workshop|tutorial)\b", lower):
        return "workshop"
    return "talk"


def title_reads_like_a_note(title: str, marked: bool) -> bool:
    """The would-be title is really a note (a sentence, a credit, a reference to a work)."""
    words = title.split()
    if not any(ch.isalpha() for ch in title) or len(title) > MAX_TITLE_CHARS \
            or len(words) > MAX_TITLE_WORDS:
        return True
    first = words[0].casefold().rstrip(":,")
    if len(words) == 1:
        bare = first.strip("“”\"'‘’")
        if bare in _REFERENCE_WORDS or bare in _NOTE_WORDS or bare in IRREGULAR_PARTICIPLES or \
                re.fullmatch(r"[a-z]+ed", bare):
            return True
    if first in _REFERENCE_WORDS and (len(words) <= 3 or words[0].endswith(":") or first in _THANKS):
        return True
    if _TRACK_ONLY.fullmatch(title):
        return True  # "Kernel track", "Sysadmin Miniconf": a track's name, not a talk's
    after_track = _TRACK_PREFIX.match(title)
    if after_track and len(title) > after_track.end():
        marked = True  # "Sysadmin Miniconf – Systemd timers dissected": a note never opens with a track
    if _QUESTION.match(title):
        return True  # "Q: What about Windows? – Bob Jones": a question from the floor
    head, colon, _rest = title.partition(": ")
    if colon and len(head.split()) <= 3 and first in _REFERENCE_WORDS - {"talk", "post"}:
        return True  # "Recommended reading: Designing Web APIs by Brenda Jin": a reference
    if len(words) <= 4 and first in _PRAISE and words[-1].casefold() in _TALK_WORDS:
        return True  # "Great talk by Jane Doe", "Another excellent keynote by …": praise, not a title
    if len(words) > 1 and words[-1] in _DANGLING:  # (as written: "GROUP BY" ends a title)
        return True  # "Still in touch with – Pia Waugh", "Compare with: Jan Novak": a sentence's start
    if not marked and len(words) > 1 and first in _NOTE_PARTICIPLES and words[1].casefold() in _PREPOSITIONS:
        return True  # "Based on earlier work by Liz Rice", "Written in Go by …": a note about a thing
    if len(words) <= 2 and first not in ("the", "a", "an") and not first.endswith("ing") \
            and _ROLE.fullmatch(words[-1].casefold()):
        return True  # "Project lead – Jane Doe", "Original author – Jo Bloggs": a credit, not a talk
    if marked:
        return False
    if words[0] in LOWER_STARTS and not (words[0] in ARTICLES and lowercase_post()):
        return True  # (but "the linux graphics stack by mark king" in a post written in lowercase)
    if _PASSIVE.search(title):
        return True
    last = words[-1]
    perfect = len(words) > 2 and (words[-2].casefold() in ("has", "have", "had")
                                  or words[-2].casefold().endswith(("'ve", "’ve")))
    participle = last in IRREGULAR_PARTICIPLES \
        or (len(last) > 4 and last.endswith("ed") and not last.endswith("eed"))
    if last.islower() and last not in _TITLE_PARTICIPLES and not perfect and participle:
        return True  # "Question asked by Jane Doe", "Tool written by Jo Bloggs": a note (but a clause
        # with its own subject ends a title: "Backups nobody has tested", "Things we've learned")

    closing = title[-1]
    opening = _CLOSE_QUOTES.get(closing)
    return opening is not None and not title.startswith(opening) and title.count(opening) >= 1 \
        and len(title) > 1


def _clear_speakers(rest: str) -> tuple[str, ...]:
    """Speakers from the free part of a keynote heading, only if exactly one part is clearly names."""
    found = [names for part in _SEPARATORS.split(rest)
             if (names := split_speakers(part.strip(" ()"), min_words=2))]
    return tuple(found[0]) if len(found) == 1 else ()


def special_heading(text: str, marked: bool = False) -> Heading | None:
    """Keynote, lightning-talk and panel headings that have no ``by``; ``Jane Doe's keynote``."""
    if not text or not (text[0].isupper() or lowercase_post()):  # ("lightning talks" in a post
        return None  # written all in lowercase: :mod:`.casing`)
    possessive = _POSSESSIVE_KEYNOTE.fullmatch(text)
    if possessive:
        name = possessive.group("name")
        if name[-1] == "s" and not possessive.group("apostrophe") and not is_person_name(name, 2):
            name = name[:-1]  # "Jane Does keynote"
        if is_person_name(name, 1 if possessive.group("apostrophe") else 2):
            return Heading(text, (name,), "keynote")
    keynote = _KEYNOTE.fullmatch(text)
    if keynote:
        rest = keynote.group("rest") or keynote.group("with")
        return Heading(text, _clear_speakers(rest) if rest else (), "keynote")
    named = _NAMED_KEYNOTE.fullmatch(text)
    if named:
        name = named.group("name").rstrip(_TITLE_TRIM)
        if is_person_name(name, min_words=2):
            return Heading(text, (name,), "keynote")
        words = name.split()
        if len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in words):
            return Heading(text, (), "keynote")
        return None
    if len(text.split()) <= 10 and _LIGHTNING.fullmatch(text):
        return Heading(text, (), "lightning")
    if _PANEL.fullmatch(text[:1].upper() + text[1:] if lowercase_post() else text):  # ("panel: …")
        return Heading(text, (), "panel")
    return None


def read_heading(line: str, *, marked: bool = False) -> Heading | None:
    """The talk heading ``line`` is, or None when it is a note.

    ``marked`` says the line is set apart as a heading by its markup (Markdown ``#`` or bold,
    HTML heading or ``<strong>`` paragraph), which relaxes the rules a little.
    """
    text = clean(line)
    if marked:
        text = text.rstrip(":").rstrip()
    if not text or len(text) > MAX_TITLE_CHARS + 200:
        return None
    if not marked and text[-1] in ":;,":
        return None
    by = None
    for found in _BY.finditer(text):
        by = found  # the last " by " names the speakers
    if by is not None:
        title = text[: by.start()].rstrip(_TITLE_TRIM)
        speakers = split_speakers(text[by.end():], min_words=1 if marked else 2)
        if speakers is not None:
            if not title or title_reads_like_a_note(title, marked):
                return None
            title = unquoted(title)
            byline = clean(text[by.end():])
            verb = clean(text[by.start():by.end()]).strip(" ,:–—-")
            if verb.casefold() != "by":  # "…, presented by Jane Doe": the verb is kept with the names
                byline = f"{verb[:1].upper()}{verb[1:]} {byline}"
            return Heading(title, tuple(speakers), kind_of(title),
                           byline if "(" in byline or verb.casefold() != "by" else "")
    return special_heading(text, marked)
