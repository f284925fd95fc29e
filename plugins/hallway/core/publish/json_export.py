"""The whole knowledge base as one JSON file (``hallway.json`` in the built site), for reuse.

Talks, write-ups, speakers, events, projects and topics, each with its page address, and the
relations both ways: a note lists the slugs of its event, speakers, projects and topics; an entity
lists the ids of the notes that name it. The shape is documented in README.md ("Feed and export").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ... import __version__
from ..kb.model import ENTITY_KINDS, KIND_PLURALS, Entity, KnowledgeBase, Note
from ..pages.siteplan import url_of
from ..relate.relations import Relations

EXPORT_FILE = "hallway.json"
EXPORT_FORMAT = "hallway-kb"
EXPORT_VERSION = 1


def page_address(site_url: str | None, src_uri: str, directory_urls: bool = True) -> str:
    """A page's absolute address under ``site_url``, or its site-relative one when there is none."""
    rel = url_of(src_uri, directory_urls)
    return site_url.rstrip("/") + "/" + rel if site_url else rel


def note_id(note: Note) -> str:
    """A note's stable id: its source path without ``.md`` (``talks/eo-2025/koha``)."""
    return note.path[: -len(".md")]


def _note(note: Note, site_url: str | None, directory_urls: bool) -> dict[str, Any]:
    data = _note_fields(note, site_url, directory_urls)
    # Issue 14: who wrote the notes, and everyone else's notes on the talk (only when there are).
    if note.by:
        data["by"] = note.by
    if note.notes:
        data["notes"] = [{"source": t.path, "by": t.by, "date": t.date.isoformat() if t.date else None,
                          "summary": t.summary, "projects": list(t.projects), "topics": list(t.topics),
                          "links": dict(t.links), "body": t.body.strip("\n")} for t in note.notes]
    return data


def _note_fields(note: Note, site_url: str | None, directory_urls: bool) -> dict[str, Any]:
    return {
        "id": note_id(note),
        "title": note.title,
        "kind": note.kind,
        "page": page_address(site_url, note.path, directory_urls),
        "source": note.path,
        "date": note.date.isoformat() if note.date else None,
        "session": note.session,
        "summary": note.summary,
        "event": note.event,
        "speakers": list(note.speakers),
        "projects": list(note.projects),
        "topics": list(note.topics),
        "links": dict(note.links),
        "body": note.body.strip("\n"),
    }


def _entity(entity: Entity, kb: KnowledgeBase, relations: Relations, site_url: str | None,
            directory_urls: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": entity.slug,
        "name": entity.name,
        "aliases": list(entity.aliases),
        "page": page_address(site_url, entity.page_path, directory_urls),
        "source": entity.path,
        "homepage": entity.url,
        "links": dict(entity.links),
        "description": entity.description.strip("\n"),
        "notes": [note_id(n) for n in relations.notes_for(entity.kind, entity.slug)],
    }
    if entity.kind == "event":
        data |= {"dates": entity.dates, "location": entity.location}
    if entity.kind == "topic":
        data |= {"parent": entity.parent, "children": relations.topic_children(kb, entity.slug)}
    return data


def export_data(kb: KnowledgeBase, relations: Relations, site_url: str | None = None,
                directory_urls: bool = True) -> dict[str, Any]:
    """The knowledge base as plain JSON-ready data (notes newest first, entities by slug)."""
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generator": f"hallway {__version__}",
        "site_url": site_url,
        "talks": [_note(n, site_url, directory_urls) for n in kb.talks],
        "posts": [_note(n, site_url, directory_urls) for n in kb.posts],
    }
    for kind in ENTITY_KINDS:
        entities = sorted(kb.entities[kind].values(), key=lambda e: e.slug)
        data[KIND_PLURALS[kind].lower()] = [_entity(e, kb, relations, site_url, directory_urls)
                                            for e in entities]
    return data


def write_export(site_dir: Path | str, kb: KnowledgeBase, relations: Relations,
                 site_url: str | None = None, directory_urls: bool = True) -> Path:
    """Write ``hallway.json`` into the built site; return its path."""
    path = Path(site_dir) / EXPORT_FILE
    data = export_data(kb, relations, site_url, directory_urls)
    # Compact: the export is for scripts, and indenting it made it 16% larger (25 MB at 21,570 talks).
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path
