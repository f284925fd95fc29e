"""The entity model: notes (talks and write-ups) and the entities they refer to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from .schema import ENTITY_FOLDERS, ENTITY_KINDS, KIND_LABELS, KIND_PLURALS, NOTE_REF_FIELDS

__all__ = ["ENTITY_KINDS", "KIND_PLURALS", "NOTE_REF_FIELDS", "Entity", "KnowledgeBase", "Note"]


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
    series: str | None = None
    """For an event: the slug of the series it is an edition of, when its file says so."""
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

    @property
    def is_talk(self) -> bool:
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
