"""Conference reports written in paragraphs, one a talk, each opening with who and what:
``**Jane Doe** – “Deploying safely”. She showed…`` or ``“Deploying safely” – Jane Doe. She showed…``.

Why this exists: every convention reads a talk's heading as a line of its own; a report puts the
speaker and the title at the start of a paragraph about the talk, and was read as prose. A
paragraph is such a talk when it opens with

* the speakers in bold, then a comma, colon or dash and the title in quotation marks
  (``**Tavita Leaupepe and Ingrid Solberg-Moe** – “On-call for data teams”. A double act…``), or
* the title in quotation marks, then a dash or ``by`` and the speakers, then a full stop or colon
  (``“The median is a lie” – Nguyễn Thị Lan. Six dashboards…``); a saying in quotation marks
  (a sentence, words with a comma between them, seven words or more) is no title, unless the post
  has two such paragraphs with titles that are not sayings and it is no sentence (``“Naming
  things, badly” – P. J. Whitfield.`` among them is a talk; ``“Make it work, then make it fast.”``
  is still a saying),

and the speakers are full names (or known to the knowledge base), and the rest of the paragraph
says something (four words or more); an initial or honorific in a name (``A. K. Mensah``, ``Dr.
Ruth Okeke``) ends no sentence. The post must have two such paragraphs at least (one alone is a
quotation in prose) and no talks read in another shape (where talks are headings, such a paragraph
is a note: ``“Thinking in Systems” by Donella Meadows. Read it.``; a ``Lightning talks`` heading over
its presenters is no such talk). Paragraphs right after one that speaks of books or articles
(``People kept recommending books to me:``) are works recommended. The rest of the paragraph is the
talk's first note; each is listed as unsure.
"""

from __future__ import annotations

import re

from .blocks import BlockKind
from .conventions import finish_reading
from .headings import Heading, clean, kind_of
from .names import split_speakers
from .reading import Context, Reading, strength

_OPEN = "“\"«„‘"
_CLOSE = "”\"»“’"
#: A title's characters inside quotation marks; an apostrophe between letters closes none (``that’s``).
_INSIDE = rf"(?:[^{_CLOSE}]|(?<=\w)’(?=\w))"
_BOLD_NAMES = re.compile(
    rf"(\*\*|__)(?P<names>[^*_]{{3,120}}?)\1\s*(?:[,:]|[–—-]{{1,2}})\s*[{_OPEN}](?P<title>{_INSIDE}{{2,150}})"
    rf"[{_CLOSE}]\s*(?:[.:,;–—-]\s*)?(?P<rest>.*)", re.DOTALL)
#: A full stop after an initial or an honorific (``A. K. Mensah``, ``Dr. Ruth Okeke``) is no sentence's end.
_ABBREVIATED = r"(?:(?<=\b[A-Z])|(?<=\bDr)|(?<=\bProf)|(?<=\bMr)|(?<=\bMrs)|(?<=\bMs)|(?<=\bSt))\."
_NOT_ABBREVIATED = r"(?<!\b[A-Z])(?<!\bDr)(?<!\bProf)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)"
#: (after a closing quotation mark a dash needs no spaces: ``“Title”—Jane Doe.``)
_QUOTED_TITLE = re.compile(
    rf"[{_OPEN}](?P<title>{_INSIDE}{{2,150}})[{_CLOSE}]\s*(?:[–—-]{{1,2}}\s*|,?\s+by\s+)"
    rf"(?P<names>(?:[^.:;*_]|{_ABBREVIATED}){{3,120}}?){_NOT_ABBREVIATED}\s*[.:]\s+(?P<rest>\S.*)", re.DOTALL)
#: The convention of such talks, as the plan names it.
REPORT = "report paragraphs"
#: Paragraphs of this shape a post needs before any is read as a talk.
MIN_REPORT_PARAGRAPHS = 2
MIN_REST_WORDS = 4
MAX_TITLE_WORDS = 12


def _saying(title: str) -> bool:
    """What someone said, in quotation marks: a sentence, a comma between words, or long."""
    return title.endswith((".", "!", "…")) or ", " in title or len(title.split()) >= 7


def _read(text: str, ctx: Context, sayings: bool = False) -> tuple[Heading, str, int] | None:
    """The talk a paragraph opens; ``sayings``: also with a title that could be a saying, but is
    no sentence (``“Naming things, badly” – P. J. Whitfield.``), where the post's other paragraphs
    show the shape."""
    bold = _BOLD_NAMES.match(text)
    quoted = None if bold else _QUOTED_TITLE.match(text)
    found = bold or quoted
    if found is None:
        return None
    title, rest = clean(found.group("title")).rstrip(".,;:"), found.group("rest").strip()
    names = split_speakers(clean(found.group("names")), min_words=1)
    if not names or len(title.split()) > MAX_TITLE_WORDS or len(rest.split()) < MIN_REST_WORDS \
            or (quoted and _saying(title) and not (sayings and _no_sentence(found.group("title")))) \
            or not title[:1].isupper():
        return None
    sure = strength(names, ctx.evidence)
    if sure < 2:
        return None
    return Heading(title, tuple(names), kind_of(title)), rest, sure


def _no_sentence(title: str) -> bool:
    """A title not ended as a sentence is (``Make it work, then make it fast.``)."""
    return not title.rstrip().endswith((".", "!", "…", "?"))


#: Words for works one reads, in the paragraph over a run of ``“Title” by Full Name. …`` paragraphs:
#: books recommended, not talks (a small word list).
_WORKS = frozenset({"book", "books", "novel", "novels", "article", "articles"})
_WORD = re.compile(r"\w+")


def quoted_work(text: str) -> bool:
    """A paragraph or item opening ``“Title” by Full Name`` or ``“Title” – Full Name``."""
    return _QUOTED_TITLE.match(text.strip()) is not None or bool(re.match(
        rf"[{_OPEN}][^{_CLOSE}]{{2,150}}[{_CLOSE}]\s*(?:[–—-]{{1,2}}\s*|,?\s+by\s+)\S", text.strip()))


def introduced_as_works(ctx: Context, index: int) -> bool:
    """Block ``index`` is one of a run of ``“Title” by Full Name. …`` paragraphs (or items) right after
    a paragraph that speaks of books or articles (``People kept recommending books to me. Two made it
    onto my list:``): works recommended, not talks."""
    before = index - 1
    while before >= 0 and ctx.blocks[before].kind in (BlockKind.LINE, BlockKind.BULLET) \
            and quoted_work(ctx.blocks[before].plain):
        before -= 1
    if before < 0 or ctx.blocks[before].kind not in (BlockKind.LINE, BlockKind.HEADING):
        return False
    return bool(_WORKS & {w.casefold() for w in _WORD.findall(ctx.blocks[before].plain)})


def report_talks(readings: dict[int, Reading], taken: set[int], ctx: Context) -> list[Reading]:
    """Paragraphs read as talks (see the module's docstring), in a post with no talks of another shape."""
    if any(r.heading.kind == "talk" for r in readings.values()):
        return []  # (a lightning block under a heading of its own is no talk of another shape)
    found: list[Reading] = []
    for sayings in (False, True):  # titles that could be sayings, once the post shows the shape
        for index, block in enumerate(ctx.blocks):
            if index in taken or index in readings or block.kind != BlockKind.LINE \
                    or any(r.index == index for r in found):
                continue
            read = _read(block.text.strip(), ctx, sayings)
            if read is None or introduced_as_works(ctx, index):
                continue
            heading, rest, sure = read
            found.append(finish_reading(ctx, Reading(heading, index, REPORT, sure, rest=rest)))
        if len(found) < MIN_REPORT_PARAGRAPHS:
            return []
    return sorted(found, key=lambda r: r.index)
