"""What site search knows of each note page (filters, metadata, names), and the search page itself.

Planning only: this decides what Pagefind will read on each note page and plans the ``search/``
page. Running Pagefind over the built site is ``publish/pagefind.py``.

Search on the site is Pagefind's: after the build it indexes the HTML into ``site/pagefind/``, a
static index split into small chunks, so a reader's first search fetches a few dozen kilobytes
rather than the whole index (which Material's lunr search downloads, and which stalls browsers on
large sites). Everything is local files: it works under a GitHub Pages project subpath and from a
local build served over http.

What is indexed, and why:

- **Only notes** (talks and write-ups) are results. Their title, summary and body are marked
  ``data-pagefind-body``, so speaker, event, project and topic pages are not indexed: readers look
  for talks, and each entity's names are folded into every note that lists it (below), so a search
  for a topic finds its talks, and the topic itself is one click away as a filter or a chip.
- **Names and aliases count.** Each note carries, hidden from readers (``hidden``, so neither shown
  nor read aloud), one line naming its speakers, event, projects and topics with all their aliases
  (``CLA``, ``contributor licence agreement``...). It is written as a readable sentence because
  Pagefind may show it as the snippet when it is the only match.
- **Filters** (facets, with counts): topic, speaker, event, project, kind and year, by display
  name. Result lists read a note's event, speakers, kind and year from its filters, which Pagefind
  keeps with each result anyway: the same facts again as metadata made its peak memory ~130 MB
  higher on the pyvideo archive (issue 16's 2 GiB budget); the only metadata is the title. A filter
  with more values than ``max_names_per_page`` (13,000 speakers in the pyvideo archive), or used
  by so many notes that its file is large (:func:`lazy_filters`), loads its counts only when the
  reader asks for them or filters by it: Pagefind keeps each filter in one file.

The search page (``search/``) reads ``?q=words&topic=VPN&speaker=...`` from its address, so entity
pages can link to a pre-filtered search.
"""

from __future__ import annotations

from typing import Any

from ..kb.model import KnowledgeBase, Note
from ..kb.names import alias_forms, fold
from ..kb.schema import KIND_LABELS, KIND_PLURALS, NOTE_REF_FIELDS
from .paging import Paging
from .siteplan import PageSpec

SEARCH_PAGE = "search.md"
UNDATED = "0000-00-00"
NAMES_FOLDER = "search/names"
#: Filter names, in the order the search page shows them, with their headings.
FILTERS = {kind: KIND_PLURALS[kind] for kind in ("topic", "speaker", "event", "project")} | {
    "kind": "Kind", "year": "Year"}


def _names(kb: KnowledgeBase, kind: str, slug: str) -> tuple[str, list[str]]:
    """An entity's display name and its other names (aliases expanded, duplicates dropped)."""
    entity = kb.entities[kind][slug]
    others = [form for alias in entity.aliases for form in alias_forms(alias)]
    return entity.name, [n for n in dict.fromkeys(others) if n.casefold() != entity.name.casefold()]


def note_search(kb: KnowledgeBase, note: Note) -> dict[str, Any]:
    """The view model of what Pagefind records for a note page (``hallway.search`` in templates)."""
    filters: list[dict[str, str]] = []
    phrases: list[str] = []
    for kind in ("speaker", "event", "topic", "project"):
        for slug in note.refs(kind):
            name, others = _names(kb, kind, slug)
            filters.append({"name": kind, "value": name})
            phrases.append(f"{name} ({', '.join(others)})" if others else name)
    filters.append({"name": "kind", "value": note.kind_label})
    if note.date:
        filters.append({"name": "year", "value": str(note.date.year)})
    # Pagefind leaves pages without a sort key out of sorted results: undated notes sort last.
    return {"filters": filters, "sort": {"date": note.date.isoformat() if note.date else UNDATED},
            "terms": "; ".join(phrases)}


def filter_names(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """For each filter, every way to name a value -> the value Pagefind knows (the display name).

    Keys are folded (:func:`~hallway.core.kb.names.fold`: case and accents ignored), so the search
    page accepts ``?topic=legacy-systems``, ``?topic=Legacy%20systems`` or an alias, as ``hallway
    search --topic`` does. The page folds what it reads the same way before looking it up."""
    names: dict[str, dict[str, str]] = {}
    for kind in NOTE_REF_FIELDS:
        keys: dict[str, str] = {}
        for slug, entity in sorted(kb.entities[kind].items()):
            for form in (entity.name, slug, *(f for alias in entity.aliases for f in alias_forms(alias))):
                keys.setdefault(fold(form), entity.name)
        names[kind] = keys
    names["kind"] = {fold(key): label for key, label in KIND_LABELS.items()} | {
        fold(label): label for label in KIND_LABELS.values()}
    return names


def names_inline(names: dict[str, dict[str, str]], limit: int = Paging.max_names) -> bool:
    """Whether the search page carries the filter names itself (up to ``limit`` ways to name a
    value: a small site) or fetches them from ``search/names/<filter>.json``
    (``publish/search_names.py``), only for the filters its address uses: at 13,000 speakers they
    were ~1 MB of every search page (issue 16)."""
    return sum(len(keys) for keys in names.values()) <= limit


#: Pagefind's file for one filter holds each value's list of notes: ~2.3 bytes a note (measured on
#: the pyvideo archive: 21,716 talks, ~49 KB for their years, as much for their kinds).
FILTER_BYTES_PER_NOTE = 2.3
#: A filter whose file would be larger loads when the reader asks for it (see :func:`lazy_filters`).
LAZY_FILTER_BYTES = 32 * 1024


def lazy_filters(kb: KnowledgeBase | None, limit: int = Paging.max_names) -> list[str]:
    """The filters whose counts the search page loads only when a reader asks for them (or filters
    by one): those with more than ``limit`` values, or whose Pagefind file would pass
    :data:`LAZY_FILTER_BYTES`. At the pyvideo archive the speaker filter alone (13,000 speakers,
    188 KB) and then the event, kind and year filters (~50 KB each) put the search page's first
    query over issue 16's 1 MB; a small site loads them all at once, as before."""
    if kb is None:
        return []
    notes = list(kb.notes.values())
    uses = {kind: sum(len(note.refs(kind)) for note in notes) for kind in NOTE_REF_FIELDS}
    uses |= {"kind": len(notes), "year": sum(1 for note in notes if note.date)}
    return [name for name in FILTERS
            if (name in NOTE_REF_FIELDS and len(kb.entities[name]) > limit)
            or uses.get(name, 0) * FILTER_BYTES_PER_NOTE > LAZY_FILTER_BYTES]


def search_page(kb: KnowledgeBase | None = None, paging: Paging | None = None) -> PageSpec:
    """The search page, with room for results and filters; its script does the searching."""
    names = filter_names(kb) if kb is not None else {}
    limit = (paging or Paging()).max_names
    inline = names_inline(names, limit)
    context = {"type": "search",
               "filters": [{"name": k, "heading": v} for k, v in FILTERS.items()],
               "lazy": " ".join(lazy_filters(kb, limit)),
               "names": names if inline else {}, "names_src": "" if inline else NAMES_FOLDER + "/"}
    return PageSpec(SEARCH_PAGE, "Search", "hallway/search.html", context=context)


def plan_search(kb: KnowledgeBase, pages: list[PageSpec],
                kept: set[str] | frozenset[str] = frozenset()) -> None:
    """Give each note page its search data (but the ``kept`` pages of the last plan, which have
    it). The search page itself is :func:`search_page`, which a serve rebuild may keep."""
    for spec in pages:
        if spec.src_uri in kept:
            continue
        note = kb.notes.get(spec.src_uri)
        if note is not None and spec.context.get("type") == "note":
            spec.context["search"] = note_search(kb, note)
