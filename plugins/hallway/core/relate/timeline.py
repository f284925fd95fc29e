"""How the knowledge base moves over the years: event series, editions, and counts per year.

An event is an edition of a series: the one its file names (``series: linux-conf-au``), or else
the one its name gives without its year ("linux.conf.au 2026" -> "linux.conf.au"). An event with
no year in its name and no ``series:`` belongs to no series. Everything here is computed once per
build from the loaded notes and their declared relations, in time linear in the references.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..kb.model import Entity, KnowledgeBase, Note
from ..kb.names import slugify
from .relations import Key, Relations

#: A year in a name or a date range: 1900-2099, not part of a longer number.
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
#: What is left around a removed year: "FOSDEM '25", "PyCon AU (2024)", "LCA-2019".
_LEFTOVER = re.compile(r"\s*[(\[]\s*[)\]]|\s+['’]\s*$|[\s\-–—:,/]+$|^[\s\-–—:,/]+")


def year_in(text: str | None) -> int | None:
    """The first year (1900-2099) written in ``text``."""
    found = _YEAR.search(text or "")
    return int(found.group(1)) if found else None


def series_name(event_name: str) -> str | None:
    """An event's name without its year, or ``None`` when the name has no year."""
    if year_in(event_name) is None:
        return None
    stripped = _YEAR.sub(" ", event_name, count=1)
    stripped = _LEFTOVER.sub("", re.sub(r"\s+", " ", stripped).strip())
    return stripped.strip() or None


@dataclass(frozen=True)
class Edition:
    """One event of a series."""

    event: str
    year: int | None
    talks: int
    writeups: int


@dataclass
class Series:
    """Editions of one event over the years, oldest first."""

    slug: str
    name: str
    editions: list[Edition] = field(default_factory=list)
    declared: bool = False
    """True when at least one event's file names the series with ``series:``."""

    @property
    def years(self) -> str:
        """The span of its editions' years, "2013–2026" (or one year, or "")."""
        years = [e.year for e in self.editions if e.year is not None]
        if not years:
            return ""
        return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


@dataclass
class Timeline:
    """Series, editions and per-year counts of one knowledge base."""

    series: dict[str, Series] = field(default_factory=dict)
    series_of: dict[str, str] = field(default_factory=dict)
    """Event slug -> slug of its series."""
    event_years: dict[str, int] = field(default_factory=dict)
    notes_by_year: dict[int, list[Note]] = field(default_factory=dict)
    """Notes of each year (see :meth:`note_year`), newest year first, each newest first."""
    first_year: dict[Key, int] = field(default_factory=dict)
    """The year of the first talk declaring each entity."""
    talk_years: dict[Key, Counter[int]] = field(default_factory=dict)
    """Talks declaring each entity, counted by year."""
    made_from: tuple[dict[str, Note], dict[str, Entity]] = field(default_factory=lambda: ({}, {}),
                                                                repr=False, compare=False)
    """The notes and events it was built from (for the next build of a serve session)."""

    def note_year(self, note: Note) -> int | None:
        """A note's year: its date's, else its event's (a talk at "FOSDEM 2025" is of 2025)."""
        if note.date is not None:
            return note.date.year
        return self.event_years.get(note.event) if note.event else None

    @property
    def last_year(self) -> int | None:
        return max(self.notes_by_year) if self.notes_by_year else None

    def neighbours(self, event: str) -> tuple[Edition | None, Edition | None]:
        """The editions before and after ``event`` in its series."""
        series = self.series.get(self.series_of.get(event, ""))
        if series is None:
            return None, None
        index = next(i for i, e in enumerate(series.editions) if e.event == event)
        before = series.editions[index - 1] if index > 0 else None
        after = series.editions[index + 1] if index + 1 < len(series.editions) else None
        return before, after

    def per_year(self, key: Key, last_year: int | None = None) -> list[tuple[int, int]]:
        """Talks declaring ``key`` in each year from its first to ``last_year`` (default: its
        last), zeros included so a gap shows as a gap."""
        counts = self.talk_years.get(key)
        if not counts:
            return []
        end = max(last_year or 0, max(counts))
        return [(year, counts.get(year, 0)) for year in range(min(counts), end + 1)]

    def active(self, kind: str, since: int, limit: int) -> list[tuple[str, int]]:
        """Entities of ``kind`` with the most talks from ``since`` on, as ``(slug, count)``."""
        totals = [(slug, sum(c for y, c in counts.items() if y >= since))
                  for (k, slug), counts in self.talk_years.items() if k == kind]
        ranked = sorted((sc for sc in totals if sc[1]), key=lambda sc: (-sc[1], sc[0]))
        return ranked[:limit]

    def newest(self, kind: str, limit: int) -> list[tuple[str, int]]:
        """Entities of ``kind`` whose first talk is the most recent, as ``(slug, first year)``."""
        firsts = [(slug, year) for (k, slug), year in self.first_year.items() if k == kind]
        return sorted(firsts, key=lambda sy: (-sy[1], sy[0]))[:limit]


def event_year(event: Entity, notes: list[Note]) -> int | None:
    """An event's year: from its name, else its ``dates:``, else its earliest dated note."""
    year = year_in(event.name) or year_in(event.dates)
    if year is None:
        dated = [n.date.year for n in notes if n.date]
        year = min(dated) if dated else None
    return year


def build_timeline(kb: KnowledgeBase, relations: Relations, last: Timeline | None = None) -> Timeline:
    """Series, editions and per-year counts of ``kb`` (``last``: a serve session's last timeline,
    kept where the notes' dates, events, kinds and entities are as they were)."""
    kept = _kept(kb, last) if last is not None else None
    if kept is not None:
        return kept
    timeline = Timeline(made_from=(kb.notes, kb.entities["event"]))
    members: dict[str, list[Entity]] = defaultdict(list)
    names: dict[str, str] = {}
    declared: set[str] = set()
    for event in sorted(kb.entities["event"].values(), key=lambda e: e.slug):
        notes = relations.notes_for("event", event.slug)
        year = event_year(event, notes)
        if year is not None:
            timeline.event_years[event.slug] = year
        inferred = series_name(event.name)
        slug = event.series or (slugify(inferred) if inferred else "")
        if not slug:
            continue
        if event.series:
            declared.add(slug)
        members[slug].append(event)
        if inferred and slugify(inferred) == slug:
            names.setdefault(slug, inferred)
    for slug, events in sorted(members.items()):
        series = Series(slug, names.get(slug) or slug.replace("-", " ").title(), declared=slug in declared)
        for event in sorted(events, key=lambda e: (timeline.event_years.get(e.slug, 0), e.slug)):
            notes = relations.notes_for("event", event.slug)
            talks = sum(1 for n in notes if n.is_talk)
            series.editions.append(Edition(event.slug, timeline.event_years.get(event.slug), talks,
                                           len(notes) - talks))
            timeline.series_of[event.slug] = slug
        timeline.series[slug] = series
    by_year: dict[int, list[Note]] = defaultdict(list)
    for note in sorted(kb.notes.values(), key=lambda n: n.sort_key):
        year = timeline.note_year(note)
        if year is None:
            continue
        by_year[year].append(note)
        if not note.is_talk:
            continue
        for key in note_keys(note):
            timeline.talk_years.setdefault(key, Counter())[year] += 1
    timeline.notes_by_year = dict(sorted(by_year.items(), reverse=True))
    timeline.first_year = {key: min(counts) for key, counts in timeline.talk_years.items()}
    return timeline


def _timeline_facts(note: Note) -> tuple[object, ...]:
    return (note.date, note.event, note.kind, note.speakers, note.projects, note.topics)


def _kept(kb: KnowledgeBase, last: Timeline) -> Timeline | None:
    """``last`` for ``kb``, when every note's timeline facts are as they were: its series and
    counts as they are, each year's notes the new ones, sorted again where one moved (a title
    edit). Performance (issue 16): building it was ~0.15 s of each rebuild of the archive, which
    an edit to a note's text or title cannot change but for the order of a year's notes."""
    notes, events = last.made_from
    if notes.keys() != kb.notes.keys() or events != kb.entities["event"]:
        return None
    moved: set[int | None] = set()
    for path, note in kb.notes.items():
        old = notes[path]
        if note.loaded and note.loaded == old.loaded:
            continue
        if _timeline_facts(note) != _timeline_facts(old):
            return None
        if note.sort_key != old.sort_key:
            moved.add(last.note_year(note))
    timeline = Timeline(last.series, last.series_of, last.event_years, first_year=last.first_year,
                        talk_years=last.talk_years, made_from=(kb.notes, kb.entities["event"]))
    timeline.notes_by_year = {year: [kb.notes[n.path] for n in listed]
                              for year, listed in last.notes_by_year.items()}
    for year in moved:
        if year is not None and year in timeline.notes_by_year:
            timeline.notes_by_year[year].sort(key=lambda n: n.sort_key)
    return timeline


def note_keys(note: Note) -> list[Key]:
    """The entities a note declares in its front-matter."""
    keys: list[Key] = [("speaker", s) for s in note.speakers]
    keys += [("project", s) for s in note.projects] + [("topic", s) for s in note.topics]
    if note.event:
        keys.append(("event", note.event))
    return keys
