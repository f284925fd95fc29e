"""Serve: the pages of the last plan an edit cannot have changed, so a rebuild plans only the rest.

Planning every page again after each save (the view models of 38,000 pages at 20,000 talks, their
local graphs, search data and fingerprints) was most of a ``hallway serve`` rebuild, although an
edit reaches a handful of pages (issue 16's edit loop, issue 7's share of a full build).

While a page is planned, :class:`~hallway.core.pages.siteplan.SitePlanner` records what it read:
each card and reference it shows (``("card", path)``, ``("ref", kind, slug)``), and the lists it
was built from (its note, related talks, mentions, the notes declaring an entity, co-occurrence,
per-year counts, an event's series). After the next load, link and relate, :func:`reusable` works
out which of those inputs differ, from the notes that changed (``D``: their loaded and linked
note, their mentions or their entity keys differ) and a comparison of the new and old relations
and timeline; a page none of whose inputs differ is kept as it was, object and all. Anything this
cannot follow (an entity file, a note added or removed, the site's settings) plans everything.

The rule is checked, not trusted: ``HALLWAY_CHECK_REPLAN=1`` makes every rebuild also plan
everything and fail on any page that differs (``tests/test_replan.py`` runs edits that way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..kb.model import KnowledgeBase, Note, same_note
from ..link.mentions import Mention
from ..relate.relations import Relations
from ..relate.timeline import Timeline, note_keys
from .siteplan import Dep, PageSpec, Reuse

#: Past this share of changed notes (a checkout, a search and replace), planning everything is
#: as quick as working out what to keep.
MAX_CHANGED_SHARE = 0.2
MIN_CHANGED = 50


@dataclass
class LastPlan:
    """What the last plan of a serve session was made from, and what each page read."""

    key: tuple[Any, ...]
    """The site's settings the plan depends on (URLs style, paging, repository, auto-linking)."""
    kb: KnowledgeBase
    relations: Relations
    timeline: Timeline
    mentions: dict[str, list[Mention]]
    specs: dict[str, PageSpec]
    """The note and entity pages (and an event's program days) by source path."""
    deps: dict[str, set[Dep]]
    """What each note and entity page read while planned."""
    day_pages: dict[str, list[PageSpec]] = field(default_factory=dict)
    """The pages planned with a page, kept with it: an event page's program days, an entity
    index's letter pages."""


def _event_facts(timeline: Timeline, slug: str) -> tuple[Any, ...]:
    """What an event page shows of the timeline: its series, the editions around it, its year."""
    series_slug = timeline.series_of.get(slug)
    series = timeline.series.get(series_slug) if series_slug else None
    year = timeline.event_years.get(slug)
    return (series_slug, series.name if series else None, series.years if series else None,
            tuple(series.editions) if series else None, year,
            len(timeline.notes_by_year.get(year, ())) if year is not None else None)


def _search_facts(note: Note) -> tuple[Any, ...]:
    """What the search page counts of a note: the entities it declares and whether it is dated
    (``searchpage.lazy_filters``; the names it lists change only with entity files)."""
    return (note_keys(note), note.date is None)


def _related(relations: Relations, path: str) -> list[tuple[str, tuple[str, ...]]]:
    """A note's related talks as its page shows them: in order, with their reasons (not scores,
    which move a little with every edit's word counts)."""
    return [(r.note.path, r.reasons) for r in relations.related.get(path, [])]


def _touched(note: Note, relations: Relations,
             mentions: list[Mention]) -> tuple[set[Dep], set[tuple[str, str]]]:
    """The list inputs a note takes part in, and the entity keys whose counts it adds to."""
    dirty: set[Dep] = set()
    declared = note_keys(note)
    for key in declared:
        dirty.add(("declared", *key))
        dirty.add(("years", *key))
    for key in relations.note_keys.get(note.path, set()):
        dirty.add(("cooc", *key))
    for mention in mentions:
        dirty.add(("mentions", *mention.target.ident))
    for author in [note.by, *(t.by for t in note.notes)]:
        if author:
            dirty.add(("written", author))
    counted = set(declared) | {m.target.ident for m in mentions}
    return dirty, counted


def reusable(last: LastPlan | None, key: tuple[Any, ...], kb: KnowledgeBase, relations: Relations,
             timeline: Timeline, mentions: dict[str, list[Mention]]) -> Reuse | None:
    """The note and entity pages of ``last`` that the new knowledge base would plan exactly as
    they are; ``None`` when everything must be planned (see the module's doc)."""
    if last is None or last.key != key or last.kb.notes.keys() != kb.notes.keys() \
            or last.kb.entities != kb.entities:
        return None
    old_notes = last.kb.notes
    # Performance (issue 16): most notes are the very note of the last plan (same_note) with the
    # very list of mentions its scan made then, which settles their entity keys too; comparing all
    # 21,715 field by field was ~0.1 s.
    changed = {path for path, note in kb.notes.items()
               if not (same_note(note, old_notes[path]) and mentions.get(path) is last.mentions.get(path))
               and (note != old_notes[path] or mentions.get(path) != last.mentions.get(path)
                    or relations.note_keys.get(path) != last.relations.note_keys.get(path))}
    if len(changed) > max(MAX_CHANGED_SHARE * len(kb.notes), MIN_CHANGED):
        return None
    dirty: set[Dep] = {("note", path) for path in changed}
    counted: set[tuple[str, str]] = set()
    for path in changed:
        for rel, notes, found in ((last.relations, old_notes, last.mentions),
                                  (relations, kb.notes, mentions)):
            more, keys = _touched(notes[path], rel, found.get(path, []))
            dirty |= more
            counted |= keys
        if _search_facts(kb.notes[path]) != _search_facts(old_notes[path]):
            dirty.add(("search",))
    # References show how many notes name the entity: a count that moved changes every page
    # showing the reference, and every card naming it (an event's, a speaker's).
    for kind, slug in counted:
        if relations.count(kind, slug) != last.relations.count(kind, slug):
            dirty.add(("ref", kind, slug))
            for note in relations.notes_for(kind, slug):
                dirty.add(("card", note.path))
    dirty |= {("card", path) for path in changed}
    old_related = last.relations.related
    for path, now in relations.related.items():
        if now is old_related.get(path):
            # the same list: kept by the relations' memo, whose talks are unchanged since it was
            # ranked (``relations._Ranked``), so neither they nor their order moved
            continue
        new = _related(relations, path)
        if new != _related(last.relations, path) or any(p in changed for p, _ in new):
            dirty.add(("related", path))
    if timeline.event_years != last.timeline.event_years:
        # an event's year from its earliest dated talk moved: its undated talks moved with it
        return None
    if timeline.last_year != last.timeline.last_year:
        dirty.add(("last_year",))
    for slug in kb.entities["event"]:
        if _event_facts(timeline, slug) != _event_facts(last.timeline, slug):
            dirty.add(("event", slug))
    keep = {src: spec for src, spec in last.specs.items()
            if src in last.deps and last.deps[src].isdisjoint(dirty)}
    return Reuse(keep, {src: last.deps[src] for src in keep},
                 {src: days for src, days in last.day_pages.items() if src in keep}, len(changed))
