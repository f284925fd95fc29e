"""Searching a knowledge base from Python: keep the index up to date, resolve filters, run the query.

The index lives in ``<kb>/.cache/hallway/search/`` (git-ignored). :func:`update_index` runs before
every query: it stats every note (see :mod:`.manifest`), re-indexes only those added or changed
since the last update and deletes those removed, so results are never stale; a change to any entity
file, to the Whoosh version or to the schema rebuilds everything, as does a damaged index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from ..core.kb.model import ENTITY_KINDS
from ..core.kb.names import did_you_mean, fold
from ..core.kb.schema import KIND_LABELS, TALK_NOTE
from ..core.kb.sources import find_sources
from ..core.problems import HallwayError, Problem
from .documents import MARK_END, MARK_START, EntityNames, SearchDoc, read_doc
from .manifest import (
    Manifest,
    Names,
    Stamp,
    load_names,
    quick_signature,
    read_seen,
    save_names,
    signature,
    stamp,
    write_seen,
)
from .whoosh_index import ENGINE_ID, FACET_FIELDS, IndexBusy, IndexDamaged, Outcome, SearchIndex

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


def _names_of(docs: list[SearchDoc], files: EntityNames, previous: Names) -> Names:
    names = {kind: dict(previous.get(kind, {})) for kind in ENTITY_KINDS}
    for doc in docs:
        for kind in ENTITY_KINDS:
            for ref in doc.refs(kind):
                names[kind].setdefault(ref.slug, [ref.name, *ref.aliases])
    for kind in ENTITY_KINDS:
        for slug, ref in files.refs[kind].items():
            names[kind][slug] = [ref.name, *ref.aliases]
    return names


#: Indexing more notes than this at once is announced (it takes seconds).
ANNOUNCE_OVER = 300


def update_index(root: Path, rebuild: bool = False,
                 announce: Callable[[str], None] | None = None) -> tuple[SearchIndex, Update]:
    """Bring the cached index of ``root`` up to date (incrementally unless ``rebuild``);
    ``announce`` is told when a long (re)build starts."""
    folder = cache_folder(root)
    index = SearchIndex(folder / "index")
    # Taken before anything is read: a file edited meanwhile differs next time and is re-read.
    seen = f"{ENGINE_ID}\n{quick_signature(root)}"
    if not rebuild and read_seen(folder) == seen:
        return index, Update()
    sources, _ = find_sources(root)
    notes = {s.rel: s for s in sources if s.file_kind in ("note", TALK_NOTE)}  # every note (issue 14)
    entity_files = [s for s in sources if s.file_kind not in ("note", TALK_NOTE)]
    note_stamps: dict[str, Stamp] = {rel: st for rel, s in notes.items() if (st := stamp(s)) is not None}
    entities = signature({s.rel: st for s in entity_files if (st := stamp(s)) is not None})
    old = None if rebuild else Manifest.load(folder)
    full = old is None or old.engine != ENGINE_ID or old.entities != entities or not index.exists()
    changed, removed = (sorted(note_stamps), []) if full or old is None else old.changes(note_stamps)
    update = Update(rebuilt=full, removed=len(removed))
    if announce is not None and len(changed) > ANNOUNCE_OVER:
        announce(f"indexing {len(changed)} notes for search (later searches update only what changed)…")
    if full or changed or removed:
        files = EntityNames()
        for source in entity_files:
            files.add_file(source)
        docs: list[SearchDoc] = []
        for rel in changed:
            doc = read_doc(notes[rel], files)
            if doc is None:
                update.unreadable.append(rel)
            else:
                docs.append(doc)
        update.indexed = len(docs)
        try:
            if full:
                index.rebuild(docs)
            else:
                index.update(docs, removed + update.unreadable)
        except IndexBusy as err:
            raise HallwayError([Problem(str(err), None, None, "the search index is being updated by "
                                        "another hallway command", "try again in a moment")]) from err
        save_names(folder, _names_of(docs, files, {} if full else load_names(folder)))
        Manifest(ENGINE_ID, entities, note_stamps).save(folder)
    write_seen(folder, seen)
    return index, update


def _not_found(option: str, value: str, choices: list[str]) -> HallwayError:
    near = did_you_mean(value, choices)
    fix = f"did you mean '{near}'?" if near else f"use a {option}'s slug, name or alias"
    return HallwayError([Problem(f"--{option}", None, None, f"no {option} named '{value}'", fix)])


def resolve_filter(names: Names, kind: str, value: str) -> str:
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
    for slug, known in names.get(kind, {}).items():
        for name in (slug, *known):
            keys.setdefault(fold(name), slug)
    if fold(value) in keys:
        return keys[fold(value)]
    raise _not_found(kind, value, [known[0] for known in names.get(kind, {}).values() if known])


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


def label(names: Names, kind: str, value: str) -> str:
    if kind == "kind":
        return KIND_LABELS.get(value, value)
    known = names.get(kind, {}).get(value)
    return known[0] if known else value


def search(root: Path, text: str, filters: dict[str, list[str]] | None = None, limit: int = 10,
           rebuild: bool = False, announce: Callable[[str], None] | None = None) -> Results:
    """Search the notes of ``root``; ``filters`` maps a facet (``speaker``, ``topic``, ``project``,
    ``event``, ``kind``, ``year``) to values given as slug, name or alias."""
    index, update = update_index(root, rebuild, announce)
    names = load_names(cache_folder(root))
    resolved = {kind: [resolve_filter(names, kind, v) for v in values]
                for kind, values in (filters or {}).items() if values}
    try:
        outcome = index.search(text, resolved, limit)
    except IndexDamaged:
        index, update = update_index(root, True, announce)
        outcome = index.search(text, resolved, limit)
    facets = {kind: sorted((Facet(value=value, name=label(names, kind, value), count=count)
                            for value, count in counts.items()),
                           key=lambda f: (-f["count"], fold(f["name"])))
              for kind, counts in outcome.facets.items()}
    return Results(outcome, update, facets)


def render_snippet(snippet: str, start: str, end: str) -> str:
    """A snippet with matched words wrapped in ``start``/``end`` (ANSI codes, ``**``…)."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)
