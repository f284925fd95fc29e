"""The front-matter contract with contributors: which fields each kind of file takes.

This one table drives the checker (``validate.py``) and the JSON Schema files that editors use
(``jsonschema_export.py``), so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldType(StrEnum):
    """The value shapes a front-matter field can take."""

    TEXT = "text"
    TEXT_LIST = "text_list"
    DATE = "date"
    URL = "url"
    URL_MAP = "url_map"
    KIND = "kind"
    BOOL = "bool"
    AUTOLINK = "autolink"


TALK_KINDS = ("talk", "keynote", "lightning", "panel", "workshop", "post")
KIND_LABELS = {
    "talk": "Talk",
    "keynote": "Keynote",
    "lightning": "Lightning talk",
    "panel": "Panel",
    "workshop": "Workshop",
    "post": "Write-up",
}
AUTOLINK_MODES = ("first", "all", "off")


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter field: its name, shape, whether it is required, and what it means."""

    name: str
    type: FieldType
    description: str
    required: bool = False


_NAME = FieldSpec("name", FieldType.TEXT, "Display name, exactly as it should appear (Unicode is fine).",
                  required=True)
_ALIASES = FieldSpec("aliases", FieldType.TEXT_LIST,
                     "Other names that refer to this entity (abbreviations, spellings). "
                     "Write 'CLA(s)' to also match the plural.")
_URL = FieldSpec("url", FieldType.URL, "Home page (http or https).")

NOTE_FIELDS = (
    FieldSpec("title", FieldType.TEXT, "Title of the talk or write-up.", required=True),
    FieldSpec("speakers", FieldType.TEXT_LIST, "Speakers: names, slugs or aliases."),
    FieldSpec("event", FieldType.TEXT, "The event: its slug, name or alias (required for talks)."),
    FieldSpec("date", FieldType.DATE, "Date of the talk, YYYY-MM-DD."),
    FieldSpec("session", FieldType.TEXT, "Session, free text (e.g. 'Day 2 – Afternoon')."),
    FieldSpec("kind", FieldType.KIND, "talk, keynote, lightning, panel, workshop or post."),
    FieldSpec("projects", FieldType.TEXT_LIST, "Projects, software and organisations discussed."),
    FieldSpec("topics", FieldType.TEXT_LIST, "Topics discussed (slugs, names or aliases)."),
    FieldSpec("links", FieldType.URL_MAP, "Links: video, slides, event_page, or any other name."),
    FieldSpec("summary", FieldType.TEXT, "One-line summary."),
    FieldSpec("autolink", FieldType.AUTOLINK,
              "Turn mentions into links: first (default), all, or off for this note."),
)

ENTITY_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "speaker": (
        _NAME, _ALIASES,
        FieldSpec("links", FieldType.URL_MAP, "Links: website, mastodon, github, …"),
    ),
    "event": (
        _NAME, _ALIASES, _URL,
        FieldSpec("dates", FieldType.TEXT, "When it ran, e.g. '2025-01-20 to 2025-01-22'."),
        FieldSpec("location", FieldType.TEXT, "Where it ran."),
        FieldSpec("series", FieldType.TEXT,
                  "The series this event is an edition of, as a slug (e.g. linux-conf-au); "
                  "by default, the event's name without its year."),
    ),
    "project": (_NAME, _ALIASES, _URL),
    "topic": (
        _NAME, _ALIASES, _URL,
        FieldSpec("parent", FieldType.TEXT, "The broader topic (its slug)."),
    ),
}

@dataclass(frozen=True)
class EntityKind:
    """One kind of entity, and every name the knowledge base and the site give it."""

    kind: str
    folder: str
    """Folder of the knowledge base holding its files (and its pages on the site)."""
    note_field: str
    """The note front-matter field that refers to it."""
    title: str
    plural: str


#: The one table of entity kinds; everything below is derived from it.
ENTITY_KIND_TABLE = (
    EntityKind("speaker", "speakers", "speakers", "Speaker", "Speakers"),
    EntityKind("event", "events", "event", "Event", "Events"),
    EntityKind("project", "projects", "projects", "Project", "Projects"),
    EntityKind("topic", "topics", "topics", "Topic", "Topics"),
)
ENTITY_KINDS = tuple(k.kind for k in ENTITY_KIND_TABLE)
ENTITY_FOLDERS = {k.kind: k.folder for k in ENTITY_KIND_TABLE}
NOTE_REF_FIELDS = {k.kind: k.note_field for k in ENTITY_KIND_TABLE}
KIND_TITLES = {k.kind: k.title for k in ENTITY_KIND_TABLE}
KIND_PLURALS = {k.kind: k.plural for k in ENTITY_KIND_TABLE}
#: Folders holding notes: talks (one sub-folder per event) and write-ups that are not talks.
TALKS_FOLDER = "talks"
POSTS_FOLDER = "posts"
#: Which file kind (schema) each top-level folder holds.
FOLDER_KINDS = {TALKS_FOLDER: "talk", POSTS_FOLDER: "post"} | {k.folder: k.kind for k in ENTITY_KIND_TABLE}


def fields_for(file_kind: str) -> tuple[FieldSpec, ...]:
    """Field specs for ``note`` or an entity kind."""
    return NOTE_FIELDS if file_kind == "note" else ENTITY_FIELDS[file_kind]
