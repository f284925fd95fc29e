"""Searching a knowledge base from Python: keep the index up to date, resolve filters, run the query.

The index lives in ``<kb>/.cache/hallway/search/`` (git-ignored). :func:`update_index` runs before
every query: it stats every note, re-indexes only those added or changed since the manifest was
written and deletes those removed, so results are never stale; a change to any entity file, to
the Whoosh version or to the schema rebuilds everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from ..core.model import ENTITY_KINDS
from ..core.problems import HallwayError, Problem
from ..core.schema import KIND_LABELS
from ..core.sources import find_sources
from ..core.textmatch import did_you_mean, fold
from .documents import MARK_END, MARK_START, EntityNames, SearchDoc, read_doc
from .manifest import Manifest, Stamp, signature, stamp
from .whoosh_index import ENGINE_ID, FACET_FIELDS, IndexBusy, Outcome, SearchIndex

CACHE_PARTS = (".cache", "hallway", "search")
FACET_KINDS = tuple(FACET_FIELDS)


def cache_folder(root: Path) -> Path:
    return root.joinpath(*CACHE_PARTS)


@dataclass
class Update:
    """What bringing the index up to date did."""

    rebuilt: bool = False
    indexed: int = 0
    removed: int = 0
    unreadable: list[str] = field(default_factory=list)


def _names_of(docs: list[SearchDoc], files: EntityNames,
              previous: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
    names = {kind: dict(previous.get(kind, {})) for kind in ENTITY_KINDS}
    for doc in docs:
        for kind in ENTITY_KINDS:
            for ref in doc.refs(kind):
                names[kind].setdefault(ref.slug, [ref.name, *ref.aliases])
    for kind in ENTITY_KINDS:
        for slug, ref in files.refs[kind].items():
            names[kind][slug] = [ref.name, *ref.aliases]
    return names


def update_index(root: Path, rebuild: bool = False) -> tuple[SearchIndex, Manifest, Update]:
    """Bring the cached index of ``root`` up to date (incrementally unless ``rebuild``)."""
    folder = cache_folder(root)
    index = SearchIndex(folder / "index")
    sources, _ = find_sources(root)
    notes = {s.rel: s for s in sources if s.file_kind == "note"}
    entity_files = [s for s in sources if s.file_kind != "note"]
    # Stamps are taken before reading: a file edited meanwhile differs next time and is re-read.
    note_stamps: dict[str, Stamp] = {rel: st for rel, s in notes.items() if (st := stamp(s)) is not None}
    entity_stamps = {s.rel: st for s in entity_files if (st := stamp(s)) is not None}
    entities = signature(entity_stamps)
    old = None if rebuild else Manifest.load(folder)
    full = old is None or old.engine != ENGINE_ID or old.entities != entities or not index.exists()
    changed, removed = (sorted(note_stamps), []) if full or old is None else old.changes(note_stamps)
    if not full and old is not None and not changed and not removed:
        return index, old, Update()
    files = EntityNames()
    for source in entity_files:
        files.add_file(source)
    docs: list[SearchDoc] = []
    update = Update(rebuilt=full, removed=len(removed))
    for rel in changed:
        doc = read_doc(notes[rel], files)
        if doc is None:
            update.unreadable.append(rel)
        else:
            docs.append(doc)
    update.indexed = len(docs)
    manifest = Manifest(ENGINE_ID, entities, note_stamps,
                        _names_of(docs, files, {} if full or old is None else old.names))
    try:
        if full:
            index.rebuild(docs)
        else:
            index.update(docs, removed + update.unreadable)
    except IndexBusy as err:
        raise HallwayError([Problem(str(err), None, None, "the search index is being updated by "
                                    "another hallway command", "try again in a moment")]) from err
    manifest.save(folder)
    return index, manifest, update


def _not_found(option: str, value: str, choices: list[str]) -> HallwayError:
    near = did_you_mean(value, choices)
    fix = f"did you mean '{near}'?" if near else f"use a {option}'s slug, name or alias"
    return HallwayError([Problem(f"--{option}", None, None, f"no {option} named '{value}'", fix)])


def resolve_filter(manifest: Manifest, kind: str, value: str) -> str:
    """The facet value a user's filter means: an entity's slug from its slug, name or alias
    (case and accents ignored), a note kind from its name or label, or a year."""
    if kind == "kind":
        kinds = {fold(k): k for k in KIND_LABELS} | {fold(label): k for k, label in KIND_LABELS.items()}
        if fold(value) in kinds:
            return kinds[fold(value)]
        raise HallwayError([Problem("--kind", None, None, f"no kind named '{value}'",
                                    "use one of: " + ", ".join(KIND_LABELS))])
    if kind == "year":
        if value.strip().isdigit() and len(value.strip()) == 4:
            return value.strip()
        raise HallwayError([Problem("--year", None, None, f"'{value}' is not a year", "write it as YYYY")])
    keys: dict[str, str] = {}
    for slug, names in manifest.names.get(kind, {}).items():
        for name in (slug, *names):
            keys.setdefault(fold(name), slug)
    if fold(value) in keys:
        return keys[fold(value)]
    raise _not_found(kind, value, [names[0] for names in manifest.names.get(kind, {}).values() if names])


class Facet(TypedDict):
    """One value of a facet: its slug (or kind, or year), display name and number of matching notes."""

    value: str
    name: str
    count: int


@dataclass
class Results:
    """A query's outcome with facet values given their display names."""

    outcome: Outcome
    update: Update
    facets: dict[str, list[Facet]]


def label(manifest: Manifest, kind: str, value: str) -> str:
    if kind == "kind":
        return KIND_LABELS.get(value, value)
    names = manifest.names.get(kind, {}).get(value)
    return names[0] if names else value


def search(root: Path, text: str, filters: dict[str, list[str]] | None = None, limit: int = 10,
           rebuild: bool = False) -> Results:
    """Search the notes of ``root``; ``filters`` maps a facet (``speaker``, ``topic``, ``project``,
    ``event``, ``kind``, ``year``) to values given as slug, name or alias."""
    index, manifest, update = update_index(root, rebuild)
    resolved = {kind: [resolve_filter(manifest, kind, v) for v in values]
                for kind, values in (filters or {}).items() if values}
    outcome = index.search(text, resolved, limit)
    facets = {kind: sorted((Facet(value=value, name=label(manifest, kind, value), count=count)
                            for value, count in counts.items()),
                           key=lambda f: (-f["count"], fold(f["name"])))
              for kind, counts in outcome.facets.items()}
    return Results(outcome, update, facets)


def render_snippet(snippet: str, start: str, end: str) -> str:
    """A snippet with matched words wrapped in ``start``/``end`` (ANSI codes, ``**``…)."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)
