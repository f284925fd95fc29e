"""Talks written as a table: one row a talk, with a title column and a speakers column.

Note-takers who think in spreadsheets write the day as a table (``| Talk | Speaker | Notes |``):
in Markdown as a pipe table, in HTML as a ``<table>`` (which the HTML reader turns into the same
pipe table). Both arrive as one raw block. A table is read as talks only when its header names a
title column and a speakers column and every row's speakers cell reads as people's names (or is
empty); each row is then a talk and its other cells its notes, each after its column's header
(``Notes: Don't. Or use papermill.``), so no cell is lost. Any other table stays as it is. In a
post whose talks are written otherwise (headings), a ``Topic | Who`` table lists something else
(discussion topics, hallway chats): only a header naming talks and speakers outright makes it talks.
Hand-written: pipe tables are a small, fixed syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .headings import Heading, clean, kind_of, unquoted
from .names import split_speakers
from .reading import names_with_affiliation, trim_names

#: Headers of the column holding the talk's title.
_TITLE_HEADERS = frozenset({"talk", "talks", "title", "talk title", "session", "topic", "presentation",
                            "paper", "vortrag", "titel", "charla", "titre"})
#: Headers that name a column of anything (``Topic``, ``Who``): believed only when the post has no
#: other talks.
_LOOSE_HEADERS = frozenset({"topic", "who", "by"})
#: Headers of the column holding its speakers.
_SPEAKER_HEADERS = frozenset({"speaker", "speakers", "speaker(s)", "presenter", "presenters", "presented by",
                              "by", "who", "sprecher", "referent", "orador", "ponente", "intervenant"})
#: A row of the programme that is a break, not a talk (``Morning tea``, ``Lunch``, ``Coffee break``),
#: or the organisers' housekeeping around the talks (``Welcome``, ``Housekeeping``, ``Closing
#: remarks``), when it names no speakers.
_BREAK = re.compile(r"(?:(?:morning|afternoon)\s+tea|(?:coffee\s+|tea\s+|comfort\s+)?breaks?"
                    r"|lunch(?:\s+break)?|breakfast|dinner|registration|coffee|drinks|changeover"
                    r"|(?:welcome|opening|closing)(?:\s+(?:remarks|words|address))?|welcome\s+and\s+housekeeping"
                    r"|housekeeping|announcements|doors\s+open|wrap[- ]?up)\W*",
                    re.IGNORECASE)
_RULE_CELL = re.compile(r":?-{3,}:?")
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


@dataclass(frozen=True)
class TableTalk:
    """One row of a table of talks: its heading and its other cells as note lines (Markdown)."""

    heading: Heading
    notes: tuple[str, ...]


def _cells(line: str) -> list[str] | None:
    line = line.strip()
    if not (line.startswith("|") and line.endswith("|")) or len(line) < 2:
        return None
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line[1:-1])]


def _plain(cell: str) -> str:
    """A cell's text as read: Markdown escapes and emphasis markers off."""
    text = _UNESCAPE.sub(r"\1", cell)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return clean(text)


def talk_table(text: str, strict: bool = False) -> list[TableTalk] | None:
    """The talks a pipe table holds, or None when it is not a table of talks.

    ``strict``: the post has talks written otherwise; a header of loose words does not do.
    """
    lines = [line for line in text.strip("\n").split("\n") if line.strip()]
    if len(lines) < 3:
        return None
    rows = [_cells(line) for line in lines]
    header, rule = rows[0], rows[1]
    if header is None or rule is None or not all(_RULE_CELL.fullmatch(c.replace(" ", "")) for c in rule):
        return None
    names = [_plain(h).casefold().rstrip(":") for h in header]
    title_col = next((i for i, n in enumerate(names) if n in _TITLE_HEADERS), None)
    speaker_col = next((i for i, n in enumerate(names) if n in _SPEAKER_HEADERS), None)
    if title_col is None or speaker_col is None:
        return None
    if strict and (names[title_col] in _LOOSE_HEADERS or names[speaker_col] in _LOOSE_HEADERS):
        return None  # "| Topic | Who |" under "Hallway track highlights" beside the post's talks
    talks: list[TableTalk] = []
    breaks: list[str] = []  # "| 10:45 | Morning tea | | |" before the first talk
    for row in rows[2:]:
        if row is None or len(row) != len(header):
            return None
        title = unquoted(_plain(row[title_col]))
        who = trim_names(_plain(row[speaker_col]))
        speakers = names_with_affiliation(who) if who else []
        if not title or speakers is None:
            return None  # a row whose "speakers" are not people: not a table of talks
        if not who and _BREAK.fullmatch(title):  # the programme's break, kept in the talk before it
            cells = "; ".join(f"{_plain(header[i]) or 'Notes'}: {cell}" for i, cell in enumerate(row) if cell)
            if talks:
                talks[-1] = TableTalk(talks[-1].heading, (*talks[-1].notes, cells))
            else:
                breaks.append(cells)
            continue
        notes = [f"{_plain(header[i]) or 'Notes'}: {cell}" for i, cell in enumerate(row)
                 if i not in (title_col, speaker_col) and cell]
        if who and ("(" in who or split_speakers(who, min_words=1) != speakers):  # "Jane Doe, Catalyst
            notes.insert(0, f"{_plain(header[speaker_col])}: {row[speaker_col]}")  # IT", "(she/her)"
        talks.append(TableTalk(Heading(title, tuple(speakers), kind_of(title)), (*breaks, *notes)))
        breaks = []
    return talks or None


def table_presenters(text: str) -> list[str] | None:
    """The presenters a pipe table right under a lightning heading lists (``| Presenter | Topic |``,
    copied from the programme): its speakers column, when every row names people, two of them in
    full; None for any other table."""
    lines = [line for line in text.strip("\n").split("\n") if line.strip()]
    rows = [_cells(line) for line in lines]
    if len(rows) < 4 or rows[0] is None or rows[1] is None \
            or not all(_RULE_CELL.fullmatch(c.replace(" ", "")) for c in rows[1]):
        return None
    names = [_plain(h).casefold().rstrip(":") for h in rows[0]]
    column = next((i for i, n in enumerate(names) if n in _SPEAKER_HEADERS), None)
    if column is None:
        return None
    found: list[str] = []
    for row in rows[2:]:
        people = split_speakers(trim_names(_plain(row[column])), min_words=1) \
            if row is not None and len(row) == len(rows[0]) else None
        if not people:
            return None
        found.extend(people)
    return found if sum(1 for name in found if len(name.split()) >= 2) >= 2 else None
