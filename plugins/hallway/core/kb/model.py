"""The entity model: notes (talks and write-ups) and the entities they refer to."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from .schema import ENTITY_FOLDERS, ENTITY_KINDS, KIND_LABELS, KIND_PLURALS, NOTE_REF_FIELDS

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

__all__ = ["ENTITY_KINDS", "KIND_PLURALS", "NOTE_REF_FIELDS", "Entity", "KnowledgeBase", "Note",
           "TalkNote"]
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
#: "Day 2 – Afternoon": the day of the event a session was on.
_SESSION_DAY = re.compile(r"^\s*day\s+(\d{1,2})\b", re.IGNORECASE)


def date_span(dates: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of an event's ``dates`` text ('2025-01-20 to 2025-01-22', or one date)."""
    days: list[dt.date] = []
    for match in _ISO_DATE.finditer(dates or ""):
        try:
            days.append(dt.date(*(int(part) for part in match.groups())))
        except ValueError:
            return None
    if not days or days[-1] < days[0]:
        return None
    return days[0], days[-1]


def day_of_event(span: tuple[dt.date, dt.date], session: str | None) -> dt.date:
    """The day a talk was given, from its event's dates: the session's "Day N" when it names one
    within the event, otherwise the event's first day."""
    match = _SESSION_DAY.match(session or "")
    if match:
        day = span[0] + dt.timedelta(days=int(match.group(1)) - 1)
        if span[0] <= day <= span[1]:
            return day
    return span[0]


@dataclass
class Entity:
    """A speaker, event, project or topic: from its own file, or implied by a note's reference."""

    kind: str
    slug: str
    name: str
    aliases: list[str] = field(default_factory=list)
    url: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    description: str = ""
    path: str | None = None
    body_line: int = 1
    dates: str | None = None
    location: str | None = None
    parent: str | None = None
    timezone: str | None = None
    program_ids: list[str] = field(default_factory=list)
    series: str | None = None
    """For an event: the slug of the series it is an edition of, when its file says so."""
    autolink: str = "auto"
    """Whether prose mentions of the name are linked: ``auto``, ``always`` or ``never`` (issue 16)."""
    first_ref: str | None = None
    """For an entity without a file: ``path:line`` of the first note that referred to it."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.slug)

    @property
    def page_path(self) -> str:
        """Where its page lives in the site's source tree (the real file when it has one)."""
        return f"{ENTITY_FOLDERS[self.kind]}/{self.slug}.md"

    @property
    def url_path(self) -> str:
        """Site-relative URL of its page."""
        return f"{ENTITY_FOLDERS[self.kind]}/{self.slug}/"


@dataclass
class TalkNote:
    """One person's notes on a talk, from ``talks/<event>/<talk>/<author-slug>.md`` (issue 14)."""

    path: str
    talk: str
    """Path of the talk file it belongs to (``talks/<event>/<talk>.md``)."""
    by: str
    """The note-taker: a speaker-registry slug once resolved."""
    date: dt.date | None = None
    projects: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    summary: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    redirect_from: list[str] = field(default_factory=list)
    body: str = ""
    body_line: int = 1
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Note:
    """A talk (under ``talks/<event>/``) or a write-up that is not a talk (under ``posts/``)."""

    path: str
    slug: str
    title: str
    kind: str = "talk"
    event: str | None = None
    speakers: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    date: dt.date | None = None
    session: str | None = None
    summary: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    autolink: str | None = None
    lines: dict[str, int] = field(default_factory=dict)
    subtitle: str | None = None
    start: str | None = None
    """Local start time, ``HH:MM``."""
    duration: int | None = None
    """Minutes."""
    room: str | None = None
    track: str | None = None
    language: str | None = None
    abstract: str | None = None
    """The program's abstract (Markdown), apart from the notes in the body."""
    program: dict[str, str] | None = None
    """``{"source": <event slug>, "id": …}`` for a talk imported from a published program."""
    withdrawn: bool = False
    date_from_event: bool = False
    """True when ``date`` was not written in the note but taken from its event's dates."""
    by: str | None = None
    """Who wrote the notes in the body (a speaker-registry slug once resolved)."""
    redirect_from: list[str] = field(default_factory=list)
    notes: list[TalkNote] = field(default_factory=list)
    """More people's notes on this talk, from its notes folder, by path (issue 14)."""
    loaded: int = field(default=0, compare=False, repr=False)
    """Serve: which load made the note (``kb/reload.py``), 0 when not known. A rebuild's working
    copy of a note the edit did not touch keeps its number, so later stages can tell it is the
    same note without comparing every field (:func:`same_note`)."""

    @property
    def note_count(self) -> int:
        """How many people's notes the talk has: its own body (when it holds any) and each note file."""
        own = _COMMENT.sub("", self.body).strip()
        return (1 if own else 0) + len(self.notes)

    @cached_property
    def is_talk(self) -> bool:
        """Cached: an archive's serve rebuild asks ~150,000 times, and a note's kind is read once."""
        return self.kind != "post"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def url_path(self) -> str:
        """Site-relative URL of its page."""
        return self.path[: -len(".md")] + "/"

    def refs(self, kind: str) -> list[str]:
        """Slugs of the entities of ``kind`` this note declares in its front-matter."""
        if kind == "event":
            return [self.event] if self.event else []
        return {"speaker": self.speakers, "project": self.projects, "topic": self.topics}[kind]

    @cached_property
    def sort_key(self) -> tuple[int, str, str]:
        """Newest first; undated notes last; then by title. Cached: sorting asks for it ~80,000
        times a build at 5,000 talks, and a note's date, title and path do not change once loaded."""
        ordinal = self.date.toordinal() if self.date else 0
        return (-ordinal, self.title.casefold(), self.path)


@dataclass
class KnowledgeBase:
    """Every note and entity of a knowledge base, with references resolved to slugs."""

    root: str
    notes: dict[str, Note] = field(default_factory=dict)
    entities: dict[str, dict[str, Entity]] = field(
        default_factory=lambda: {kind: {} for kind in ENTITY_KINDS}
    )

    def entity(self, kind: str, slug: str) -> Entity | None:
        return self.entities[kind].get(slug)

    def all_entities(self) -> list[Entity]:
        return [e for kind in ENTITY_KINDS for e in self.entities[kind].values()]

    @property
    def talks(self) -> list[Note]:
        return sorted((n for n in self.notes.values() if n.is_talk), key=lambda n: n.sort_key)

    @property
    def posts(self) -> list[Note]:
        return sorted((n for n in self.notes.values() if not n.is_talk), key=lambda n: n.sort_key)


def same_note(new: Note, old: Note) -> bool:
    """Serve: whether two builds' working copies of a note are the same note, linked alike: made by
    the same load (so every field read from the files is the same) and with the same linked text.
    A note's mentions and the entities it names follow from those, so they are the same too."""
    if new.loaded == 0 or new.loaded != old.loaded or new.body != old.body:
        return False
    return not new.notes or all(mine.body == theirs.body
                                for mine, theirs in zip(new.notes, old.notes, strict=True))
