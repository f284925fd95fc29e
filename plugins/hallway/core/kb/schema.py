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
    NAME_AUTOLINK = "name_autolink"
    TIME = "time"
    MINUTES = "minutes"
    PROGRAM_REF = "program_ref"


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
#: Whether an entity's name is auto-linked in prose (issue 16): ``auto`` skips a lowercase one-word
#: name that is a common English word (``forms``), ``always`` links it anyway, ``never`` never does.
NAME_AUTOLINK_MODES = ("auto", "always", "never")


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
_NAME_AUTOLINK = FieldSpec("autolink", FieldType.NAME_AUTOLINK,
                           "Link mentions of the name in prose: auto (default; a lowercase name that is "
                           "a common English word, such as 'forms', is not linked), always, or never. "
                           "Aliases are always linked; [[links]] always work.")

NOTE_FIELDS = (
    FieldSpec("title", FieldType.TEXT, "Title of the talk or write-up.", required=True),
    FieldSpec("subtitle", FieldType.TEXT, "Subtitle, as the program gives it."),
    FieldSpec("speakers", FieldType.TEXT_LIST, "Speakers: names, slugs or aliases."),
    FieldSpec("event", FieldType.TEXT, "The event: its slug, name or alias (required for talks)."),
    FieldSpec("date", FieldType.DATE, "Date of the talk, YYYY-MM-DD."),
    FieldSpec("start", FieldType.TIME, "Start time, local to the event, HH:MM (24-hour clock)."),
    FieldSpec("duration", FieldType.MINUTES, "Length in minutes (a whole number, e.g. 45)."),
    FieldSpec("session", FieldType.TEXT, "Session, free text (e.g. 'Day 2 – Afternoon')."),
    FieldSpec("room", FieldType.TEXT, "Room, as the program names it."),
    FieldSpec("track", FieldType.TEXT, "Track, as the program names it."),
    FieldSpec("kind", FieldType.KIND, "talk, keynote, lightning, panel, workshop or post."),
    FieldSpec("language", FieldType.TEXT, "Language the talk was given in (e.g. en, de)."),
    FieldSpec("projects", FieldType.TEXT_LIST, "Projects, software and organisations discussed."),
    FieldSpec("topics", FieldType.TEXT_LIST, "Topics discussed (slugs, names or aliases)."),
    FieldSpec("links", FieldType.URL_MAP, "Links: video, slides, program, event_page, or any other name."),
    FieldSpec("summary", FieldType.TEXT, "One-line summary."),
    FieldSpec("abstract", FieldType.TEXT,
              "The program's abstract, Markdown (written by hallway import; the body is for notes)."),
    FieldSpec("program", FieldType.PROGRAM_REF,
              "Where the talk comes from in a published program: {source: <event slug>, id: \"…\"}; "
              "hallway import finds the talk again by it."),
    FieldSpec("withdrawn", FieldType.BOOL, "true when the talk is no longer in the program."),
    FieldSpec("autolink", FieldType.AUTOLINK,
              "Turn mentions into links: first (default), all, or off for this note."),
    FieldSpec("by", FieldType.TEXT,
              "Who wrote the notes in the body: a person's name, slug or alias (issue 14)."),
    FieldSpec("redirect_from", FieldType.TEXT_LIST,
              "Old paths of this file (e.g. talks/eo-2025/old-slug.md) whose addresses keep working."),
)
#: Fields of one person's notes on a talk, ``talks/<event>/<talk>/<author-slug>.md`` (issue 14).
TALK_NOTE_FIELDS = (
    FieldSpec("by", FieldType.TEXT, "Who took these notes: a person's name, slug or alias.",
              required=True),
    FieldSpec("date", FieldType.DATE, "When the notes were written, YYYY-MM-DD."),
    FieldSpec("projects", FieldType.TEXT_LIST, "Projects discussed (they add to the talk's relations)."),
    FieldSpec("topics", FieldType.TEXT_LIST, "Topics discussed (they add to the talk's relations)."),
    FieldSpec("summary", FieldType.TEXT, "One-line summary of these notes."),
    FieldSpec("links", FieldType.URL_MAP, "Links: your blog post, photos, or any other name."),
    FieldSpec("redirect_from", FieldType.TEXT_LIST,
              "Old paths of this file whose addresses keep working (they lead to the talk's page)."),
)
#: Optional fields that may not be left empty: an empty ``by:`` names nobody.
NEVER_EMPTY = frozenset({"by"})
#: The file kind of a note file in a talk's notes folder.
TALK_NOTE = "talk_note"

ENTITY_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "speaker": (
        _NAME, _ALIASES,
        FieldSpec("links", FieldType.URL_MAP, "Links: website, mastodon, github, …"),
        FieldSpec("program_ids", FieldType.TEXT_LIST,
                  "The person's ids in published programs, '<system>:<id>' (e.g. 'fosdem.org:6789'); "
                  "hallway import matches speakers by them."),
        _NAME_AUTOLINK,
    ),
    "event": (
        _NAME, _ALIASES, _URL,
        FieldSpec("dates", FieldType.TEXT, "When it ran, e.g. '2025-01-20 to 2025-01-22'."),
        FieldSpec("location", FieldType.TEXT, "Where it ran."),
        FieldSpec("timezone", FieldType.TEXT, "Time zone of the program's times, e.g. Europe/Brussels."),
        FieldSpec("series", FieldType.TEXT,
                  "The series this event is an edition of, as a slug (e.g. linux-conf-au); "
                  "by default, the event's name without its year."),
        _NAME_AUTOLINK,
    ),
    "project": (_NAME, _ALIASES, _URL, _NAME_AUTOLINK),
    "topic": (
        _NAME, _ALIASES, _URL,
        FieldSpec("parent", FieldType.TEXT, "The broader topic (its slug)."),
        _NAME_AUTOLINK,
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
    """Field specs for ``note``, ``talk_note`` or an entity kind."""
    if file_kind == TALK_NOTE:
        return TALK_NOTE_FIELDS
    return NOTE_FIELDS if file_kind == "note" else ENTITY_FIELDS[file_kind]
