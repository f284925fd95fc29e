"""Conference reports written in paragraphs, one a talk, each opening with who and what:
``**Jane Doe** – “Deploying safely”. She showed…`` or ``“Deploying safely” – Jane Doe. She showed…``.

Why this exists: every convention reads a talk's heading as a line of its own; a report puts the
speaker and the title at the start of a paragraph about the talk, and was read as prose. A
paragraph is such a talk when it opens with

* the speakers in bold, then a comma, colon or dash and the title in quotation marks
  (``**Tavita Leaupepe and Ingrid Solberg-Moe** – “On-call for data teams”. A double act…``), or
* the title in quotation marks, then a dash or ``by`` and the speakers, then a full stop or colon
  (``“The median is a lie” – Nguyễn Thị Lan. Six dashboards…``); a saying in quotation marks
  (a sentence, words with a comma between them, seven words or more) is no title,

and the speakers are full names (or known to the knowledge base), and the rest of the paragraph
says something (four words or more). The post must have two such paragraphs at least (one alone
is a quotation in prose) and no talks read in another shape (where talks are headings, such a
paragraph is a note: ``“Thinking in Systems” by Donella Meadows. Read it.``). The rest of the
paragraph is the talk's first note; each is listed as unsure.
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
_BOLD_NAMES = re.compile(
    rf"(\*\*|__)(?P<names>[^*_]{{3,120}}?)\1\s*(?:[,:]|[–—-]{{1,2}})\s*[{_OPEN}](?P<title>[^{_CLOSE}]{{2,150}})"
    rf"[{_CLOSE}]\s*(?:[.:,;–—-]\s*)?(?P<rest>.*)", re.DOTALL)
_QUOTED_TITLE = re.compile(
    rf"[{_OPEN}](?P<title>[^{_CLOSE}]{{2,150}})[{_CLOSE}]\s*(?:[–—-]{{1,2}}|,?\s+by)\s+"
    rf"(?P<names>[^.:;*_]{{3,120}}?)\s*[.:]\s+(?P<rest>\S.*)", re.DOTALL)
#: The convention of such talks, as the plan names it.
REPORT = "report paragraphs"
#: Paragraphs of this shape a post needs before any is read as a talk.
MIN_REPORT_PARAGRAPHS = 2
MIN_REST_WORDS = 4
MAX_TITLE_WORDS = 12


def _saying(title: str) -> bool:
    """What someone said, in quotation marks: a sentence, a comma between words, or long."""
    return title.endswith((".", "!", "…")) or ", " in title or len(title.split()) >= 7


def _read(text: str, ctx: Context) -> tuple[Heading, str, int] | None:
    bold = _BOLD_NAMES.match(text)
    quoted = None if bold else _QUOTED_TITLE.match(text)
    found = bold or quoted
    if found is None:
        return None
    title, rest = clean(found.group("title")).rstrip(".,;:"), found.group("rest").strip()
    names = split_speakers(clean(found.group("names")), min_words=1)
    if not names or len(title.split()) > MAX_TITLE_WORDS or len(rest.split()) < MIN_REST_WORDS \
            or (quoted and _saying(title)) or not title[:1].isupper():
        return None
    sure = strength(names, ctx.evidence)
    if sure < 2:
        return None
    return Heading(title, tuple(names), kind_of(title)), rest, sure


def report_talks(readings: dict[int, Reading], taken: set[int], ctx: Context) -> list[Reading]:
    """Paragraphs read as talks (see the module's docstring), in a post with no talks of another shape."""
    if readings:
        return []
    found: list[Reading] = []
    for index, block in enumerate(ctx.blocks):
        if index in taken or index in readings or block.kind != BlockKind.LINE:
            continue
        read = _read(block.text.strip(), ctx)
        if read is None:
            continue
        heading, rest, sure = read
        found.append(finish_reading(ctx, Reading(heading, index, REPORT, sure, rest=rest)))
    return found if len(found) >= MIN_REPORT_PARAGRAPHS else []
