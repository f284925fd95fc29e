"""Every use of Whoosh in Hallway: the search index's schema, writing, queries, snippets and facets.

Nothing else imports ``whoosh``, so changing the distribution (or the engine) touches this module
only. Which distribution, and why: we depend on **whoosh3** (pinned ``>=3.54.0,<3.55``):

- ``whoosh`` 2.7.4, the original, is frozen since 2016: its source has invalid escape sequences
  (8 compile warnings on Python 3.11, ``SyntaxWarning`` on 3.12+), so running with warnings as
  errors fails;
- ``whoosh-reloaded`` 2.7.5 fixed most of that (1 warning left) but now says it is no longer
  maintained, and it pulls in ``cached-property``;
- ``whoosh3`` is the continuation that is still released: no warnings, Python 3.10-3.14, no
  dependencies, ``py.typed``, releases published with provenance attestations. Its risks are
  youth and a very fast release pace by an automated maintainer, hence the narrow pin (update it
  deliberately, after reading the diff) and this one-module boundary. The API we use is the classic
  Whoosh 2.7 one; the same code ran unchanged on all three distributions when we compared them.

The search tests run with warnings as errors (see ``tests/test_search_cli.py``).
"""

from __future__ import annotations

import gc
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import whoosh
from whoosh import highlight, sorting
from whoosh.analysis.analyzers import StemmingAnalyzer
from whoosh.analysis.filters import CharsetFilter
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import LockError, create_in, open_dir
from whoosh.qparser.default import MultifieldParser
from whoosh.qparser.syntax import AndGroup, OrGroup
from whoosh.query.compound import And, Or
from whoosh.query.qcore import Every, Query
from whoosh.query.terms import Prefix, Term
from whoosh.support.charset import accent_map

from .documents import MARK_END, MARK_START, SearchDoc

#: Bump when the schema or what :mod:`.documents` extracts changes: old indexes are then rebuilt.
SCHEMA_VERSION = 3  # 2: undated talks take their event's date; 3: notes in talks/<event>/<talk>/ (issue 14)
#: Changes whenever an index written by another Whoosh or schema version must be rebuilt.
ENGINE_ID = f"whoosh {whoosh.versionstring()} / hallway schema {SCHEMA_VERSION}"

#: Facet name -> the keyword field holding slugs (or values) to filter by. Counting uses the
#: ``facets`` column instead (see :func:`_count_facets`).
FACET_FIELDS = {"topic": "topic_ids", "speaker": "speaker_ids", "event": "event_id",
                "project": "project_ids", "kind": "kind_id", "year": "year"}
#: Fields a query searches when it does not name one, and how much a match in each counts.
FIELD_BOOSTS = {"title": 3.0, "summary": 1.5, "body": 1.0, "speaker": 2.0, "event": 1.2,
                "project": 1.5, "topic": 2.0, "kind": 1.0}
SNIPPET_CHARS = 220
#: A query word this long or longer also matches words it begins (``wiregu`` finds WireGuard), as
#: site search (Pagefind) does; a full-word match still ranks higher.
PREFIX_MIN = 3
PREFIX_BOOST = 0.5
SEPARATOR = "\x1f"


class IndexBusy(Exception):
    """Another process holds the index's write lock."""


class IndexDamaged(Exception):
    """The index cannot be opened or read: rebuild it."""


def _schema() -> Schema:
    words = StemmingAnalyzer() | CharsetFilter(accent_map)
    ids = {"stored": False, "scorable": False, "lowercase": False}
    return Schema(
        path=ID(stored=True, unique=True),
        title=TEXT(analyzer=words, stored=True),
        summary=TEXT(analyzer=words, stored=True),
        body=TEXT(analyzer=words, stored=True),
        speaker=TEXT(analyzer=words),
        event=TEXT(analyzer=words),
        project=TEXT(analyzer=words),
        topic=TEXT(analyzer=words),
        kind=TEXT(analyzer=words),
        year=KEYWORD(stored=True, scorable=False),
        date=ID(stored=True, sortable=True),
        speaker_ids=KEYWORD(**ids),
        event_id=KEYWORD(**ids),
        project_ids=KEYWORD(**ids),
        topic_ids=KEYWORD(**ids),
        kind_id=KEYWORD(**ids),
        info=STORED(),
        facets=COLUMN(VarBytesColumn()),
    )


def _fields(doc: SearchDoc) -> dict[str, Any]:
    def names(kind: str) -> str:
        return " ; ".join(ref.search_text for ref in doc.refs(kind))

    def slugs(kind: str) -> str:
        return " ".join(ref.slug for ref in doc.refs(kind))

    return {
        "path": doc.path, "title": doc.title, "summary": doc.summary, "body": doc.text,
        "speaker": names("speaker"), "event": names("event"), "project": names("project"),
        "topic": names("topic"), "kind": f"{doc.kind} {doc.kind_label}",
        "year": doc.year, "date": doc.date,
        "speaker_ids": slugs("speaker"), "event_id": slugs("event"), "project_ids": slugs("project"),
        "topic_ids": slugs("topic"), "kind_id": doc.kind,
        "facets": _facet_bytes(doc),
        "info": {"event": doc.event.name if doc.event else "",
                 "speakers": [r.name for r in doc.speakers], "topics": [r.name for r in doc.topics],
                 "kind": doc.kind},
    }


def _facet_bytes(doc: SearchDoc) -> bytes:
    """Every facet value of a note in one column value, ``name=value`` joined by a separator."""
    values = [f"{name}={ref.slug}" for name in ("topic", "speaker", "event", "project")
              for ref in doc.refs(name)]
    values.append(f"kind={doc.kind}")
    if doc.year:
        values.append(f"year={doc.year}")
    return SEPARATOR.join(values).encode()


def _count_facets(searcher: Any, docnums: Iterable[int]) -> dict[str, dict[str, int]]:
    """Facet counts over the matching notes, read from the ``facets`` column: one array lookup per
    note (Whoosh's own grouping reads every value of every note, or term vectors, on each query)."""
    column = searcher.reader().column_reader("facets")
    counts = Counter(value for docnum in docnums for value in column[docnum].decode().split(SEPARATOR))
    facets: dict[str, dict[str, int]] = {name: {} for name in FACET_FIELDS}
    for item, count in counts.items():
        name, _, value = item.partition("=")
        if name in facets and value:
            facets[name][value] = count
    return facets


class _Marks(highlight.Formatter):
    """Wraps each matched word in :data:`MARK_START`/:data:`MARK_END`; the caller renders them."""

    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return MARK_START + str(highlight.get_text(text, token, replace)) + MARK_END


@dataclass
class Hit:
    """One result: what the command prints, with matched words marked in the snippet."""

    path: str
    title: str
    event: str
    speakers: list[str]
    topics: list[str]
    kind: str
    date: str
    score: float
    snippet: str


@dataclass
class Outcome:
    """The results of one query: the best hits, how many matched, and facet counts over all matches."""

    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    all_words: bool = True
    """False when no note had every word, so these are notes with some of them."""


class SearchIndex:
    """A Whoosh index of notes in one folder (a cache: it can always be rebuilt from the notes)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def exists(self) -> bool:
        """True if the folder holds an index Whoosh can open and read."""
        try:
            with self._open().searcher() as searcher:
                searcher.doc_count_all()
        except IndexDamaged:
            return False
        return True

    def _open(self) -> Any:
        # Whoosh leaves a damaged index's table-of-contents file open when reading it fails: let
        # it be collected here, quietly, rather than warn later somewhere unrelated.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                return open_dir(str(self.folder))
            except Exception:  # missing, half-written or damaged
                pass
            gc.collect()
        raise IndexDamaged(str(self.folder))

    def rebuild(self, docs: Iterable[SearchDoc]) -> None:
        """Replace the whole index with ``docs``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        index = create_in(str(self.folder), _schema())
        writer = index.writer(limitmb=128)
        for doc in docs:
            writer.add_document(**_fields(doc))
        writer.commit(optimize=True)

    def update(self, docs: Iterable[SearchDoc], removed: Iterable[str]) -> None:
        """Add or replace ``docs`` and delete the notes at the ``removed`` paths, in one commit."""
        try:
            writer = self._open().writer(timeout=10.0)
        except LockError as err:
            raise IndexBusy(str(self.folder)) from err
        for path in removed:
            writer.delete_by_term("path", path)
        for doc in docs:
            writer.update_document(**_fields(doc))
        writer.commit()

    def search(self, text: str, filters: dict[str, list[str]], limit: int) -> Outcome:
        """Ranked hits for a query in Whoosh's syntax (words, ``"phrases"``, ``field:value``),
        restricted to notes whose facets hold every value in ``filters`` (facet name -> values).

        Notes with every word come first; only when none has them all do notes with any count."""
        index = self._open()
        if not text.strip():
            return self._run(index, Every(), filters, limit)
        outcome = self._run(index, self._parse(index, text, AndGroup), filters, limit)
        if outcome.total:
            return outcome
        loose = self._run(index, self._parse(index, text, OrGroup.factory(0.9)), filters, limit)
        loose.all_words = False
        return loose

    @staticmethod
    def _parse(index: Any, text: str, group: Any) -> Query:
        parser = MultifieldParser(list(FIELD_BOOSTS), index.schema, fieldboosts=FIELD_BOOSTS, group=group)
        query: Query = _with_prefixes(parser.parse(text))
        return query

    def _run(self, index: Any, query: Query, filters: dict[str, list[str]], limit: int) -> Outcome:
        terms = [Term(FACET_FIELDS[name], value) for name, values in filters.items() for value in values]
        with index.searcher() as searcher:
            options: dict[str, Any] = {"limit": max(limit, 1), "terms": True}
            matched = set(searcher.docs_for_query(query))
            if terms:
                options["filter"] = And(terms) if len(terms) > 1 else terms[0]
                matched &= set(searcher.docs_for_query(options["filter"]))
            if not matched:
                return Outcome([], 0, {})
            ranked = not isinstance(query, Every)
            if not ranked:
                options["sortedby"] = sorting.FieldFacet("date", reverse=True)
            results = searcher.search(query, **options)
            results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
            results.formatter = _Marks()
            # With filters only, the order is by date and Whoosh's score means nothing: none is shown.
            hits = [self._hit(hit, ranked) for hit in results[:limit]]
            return Outcome(hits, len(matched), _count_facets(searcher, matched))

    @staticmethod
    def _hit(hit: Any, ranked: bool = True) -> Hit:
        info = hit.get("info") or {}
        snippet = (hit.highlights("body", top=2) or hit.highlights("summary")
                   or hit.get("summary") or _lead(hit.get("body") or ""))
        return Hit(path=hit["path"], title=hit.get("title") or hit["path"], event=info.get("event", ""),
                   speakers=list(info.get("speakers", [])), topics=list(info.get("topics", [])),
                   kind=info.get("kind", ""), date=hit.get("date") or "",
                   score=round(float(hit.score or 0.0), 3) if ranked else 0.0, snippet=str(snippet))


def _with_prefixes(query: Query) -> Query:
    """``query`` with each word in a text field also matching as the start of a longer word."""
    if isinstance(query, Term) and query.fieldname in FIELD_BOOSTS and isinstance(query.text, str) \
            and len(query.text) >= PREFIX_MIN:
        prefix = Prefix(query.fieldname, query.text, boost=query.boost * PREFIX_BOOST)
        return Or([query, prefix])
    expanded: Query = query.apply(_with_prefixes)
    return expanded


def _lead(text: str) -> str:
    """The start of a note's text, cut at a word boundary, for hits that matched only its names."""
    if len(text) <= SNIPPET_CHARS:
        return text
    return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
