"""The neutral shape of a conference program, whatever format it was published in.

Every reader fills these dataclasses; the planner only ever sees them. Text is already clean
(abstracts are Markdown, names are exact Unicode); times are local to the event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ...core.problems import Problem


@dataclass
class Person:
    """A speaker as the program names them."""

    name: str
    id: str | None = None
    """The program system's own id for the person (frab ``id``, pretalx ``code``, Sessionize GUID)."""
    bio: str = ""
    """Markdown."""
    links: dict[str, str] = field(default_factory=dict)


@dataclass
class Talk:
    """One scheduled item of the program."""

    id: str
    title: str
    where: str
    """Where the talk sits in the source (``file:line`` or ``file: $.json.path``), for messages."""
    subtitle: str | None = None
    speakers: list[Person] = field(default_factory=list)
    date: dt.date | None = None
    start: str | None = None
    """Local start time, ``HH:MM``."""
    duration: int | None = None
    """Minutes."""
    room: str | None = None
    track: str | None = None
    kind: str = "talk"
    language: str | None = None
    abstract: str | None = None
    """Markdown."""
    links: dict[str, str] = field(default_factory=dict)
    """``video``, ``slides``, ``program`` (the talk's page in the program), and others by name."""
    tags: list[str] = field(default_factory=list)
    slug_hint: str | None = None
    """The program's own slug for the talk, when it has one."""


@dataclass
class EventInfo:
    """The conference (or one edition of it)."""

    name: str
    slug: str
    start: dt.date | None = None
    end: dt.date | None = None
    location: str | None = None
    url: str | None = None
    timezone: str | None = None

    @property
    def dates(self) -> str | None:
        if self.start is None:
            return None
        if self.end is None or self.end == self.start:
            return self.start.isoformat()
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


@dataclass
class Program:
    """An event and its talks, read from one file (or one pyvideo event folder)."""

    source: str
    """The file or folder it was read from, as the user named it."""
    format: str
    event: EventInfo
    talks: list[Talk] = field(default_factory=list)
    id_space: str | None = None
    """Whose ids the person ids are (a host such as ``fosdem.org``, or ``sessionize``); person ids
    are stored in speaker files as ``<id_space>:<id>`` so a later program from the same system finds
    the same person."""
    warnings: list[Problem] = field(default_factory=list)
    """What the reader left out of a file it could otherwise read (a talk without a title, an
    impossible start time…), each with its place and fix; the rest of the file is imported."""
    unread_ids: set[str] = field(default_factory=set)
    """Ids of talks the file holds but the reader left out: not "gone from the program"."""
