"""How notes and entities relate: declared in front-matter, mentioned in prose, co-occurring.

Built once per build, in time linear in the number of references and mentions. Related talks
use sparse matrices (scipy) so that ranking every talk against the talks it shares something
with stays fast at thousands of talks, where a Python loop over pairs would not. A serve session
keeps what an edit cannot change (each note's candidates, each pair's similarity) in a
:class:`TextMemo`, exactly: a rebuild relates as a fresh build would.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

from ..kb.model import ENTITY_KINDS, KnowledgeBase, Note, same_note
from ..link.mentions import Mention

Key = tuple[str, str]
#: How much sharing one entity of each kind says about two talks being related.
KIND_WEIGHTS = {"speaker": 3.0, "project": 2.0, "topic": 2.0, "event": 0.5}
TEXT_WEIGHT = 4.0
#: Kinds that add to a pair's score but are never on their own a reason to call two talks related.
WEAK_KINDS = frozenset({"event"})
RELATED_LIMIT = 5
CANDIDATES = 12
#: Candidates kept when many share as much with a note as its twelfth does.
TIED_CANDIDATES = 48
#: An entity shared by more notes than this says little and would make the pair matrix dense.
MAX_DOCUMENT_FREQUENCY = 1500
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset((
    "the", "and", "for", "that", "with", "this", "from", "are", "was", "were", "have", "has",
    "had", "not", "but", "you", "your", "they", "their", "them", "its", "it's", "can", "could",
    "would", "should", "will", "what", "when", "where", "which", "who", "how", "why", "all",
    "any", "also", "into", "out", "about", "than", "then", "there", "these", "those", "been",
    "being", "over", "more", "most", "some", "such", "only", "just", "very", "use", "used",
    "using", "one", "two", "new", "like", "get", "got", "our", "ours", "his", "her", "she",
    "him",
))
TERMS_PER_NOTE = 40


@dataclass(frozen=True)
class NoteMention:
    """A note that mentions an entity in its prose, and the bullet or sentence it came from."""

    note: Note
    context: str
    line: int


@dataclass(frozen=True)
class Related:
    """A related talk and why: the names of what the two share."""

    note: Note
    score: float
    reasons: tuple[str, ...]


@dataclass
class Relations:
    """Declared and mentioned relations, and the related talks of every note."""

    declared: dict[Key, list[Note]] = field(default_factory=lambda: defaultdict(list))
    mentioned: dict[Key, list[NoteMention]] = field(default_factory=lambda: defaultdict(list))
    note_keys: dict[str, set[Key]] = field(default_factory=dict)
    related: dict[str, list[Related]] = field(default_factory=dict)
    written: dict[str, list[Note]] = field(default_factory=lambda: defaultdict(list))
    """Person slug -> the talks and write-ups they wrote notes on, newest first (issue 14)."""
    _cooccurrence: tuple[sparse.csr_matrix, list[Key], dict[Key, int]] | None = field(
        default=None, repr=False, compare=False)

    def notes_for(self, kind: str, slug: str) -> list[Note]:
        """Notes that declare the entity in their front-matter, newest first."""
        return self.declared.get((kind, slug), [])

    def mentions_of(self, kind: str, key: str) -> list[NoteMention]:
        """Notes that mention it in prose without declaring it, newest first, one per note."""
        return self.mentioned.get((kind, key), [])

    def count(self, kind: str, slug: str) -> int:
        return len(self.notes_for(kind, slug)) + len(self.mentions_of(kind, slug))

    def top(self, kb: KnowledgeBase, kind: str, limit: int) -> list[tuple[str, int]]:
        """The entities of ``kind`` with the most talks, as ``(slug, count)``."""
        counts = {slug: sum(1 for n in self.notes_for(kind, slug) if n.is_talk)
                  for slug in kb.entities[kind]}
        ranked = sorted(((s, c) for s, c in counts.items() if c),
                        key=lambda sc: (-sc[1], kb.entities[kind][sc[0]].name.casefold()))
        return ranked[:limit]

    def topic_children(self, kb: KnowledgeBase, slug: str) -> list[str]:
        return sorted((t.slug for t in kb.entities["topic"].values() if t.parent == slug),
                      key=lambda s: kb.entities["topic"][s].name.casefold())

    def related_notes(self, key: Key) -> list[Note]:
        """Every note that declares or mentions the entity."""
        seen = {n.path: n for n in self.notes_for(*key)}
        for mention in self.mentions_of(*key):
            seen.setdefault(mention.note.path, mention.note)
        return list(seen.values())

    def cooccurring(self, key: Key, kind: str, limit: int = 10) -> list[tuple[str, int]]:
        """Entities of ``kind`` discussed in the same notes as ``key``, most often first.

        The notes that declare or mention an entity are exactly those whose ``note_keys`` hold it,
        so the counts are one row of Aᵀ·A, A being the notes × entities incidence matrix. It is
        computed once for all entities (issue 7): counting note by note for each entity page took
        ~0.4 s at 5,000 talks, in every build and every serve rebuild.
        """
        if self._cooccurrence is None:
            self._cooccurrence = _cooccurrence(self.note_keys)
        matrix, columns, index = self._cooccurrence
        row = index.get(key)
        if row is None:
            return []
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        counts = [(columns[col][1], int(count))
                  for col, count in zip(matrix.indices[start:end].tolist(), matrix.data[start:end].tolist(),
                                        strict=True)
                  if columns[col][0] == kind and col != row]
        return sorted(counts, key=lambda sc: (-sc[1], sc[0]))[:limit]


def _cooccurrence(note_keys: dict[str, set[Key]]) -> tuple[sparse.csr_matrix, list[Key], dict[Key, int]]:
    """How many notes each pair of entities shares (Aᵀ·A), its columns, and each key's row."""
    index: dict[Key, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, keys in enumerate(note_keys.values()):
        for key in keys:
            rows.append(row)
            cols.append(index.setdefault(key, len(index)))
    incidence = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)),
                                  shape=(len(note_keys), max(1, len(index))))
    return (incidence.T @ incidence).tocsr(), list(index), index


def build_relations(kb: KnowledgeBase, mentions: dict[str, list[Mention]] | None = None,
                    memo: TextMemo | None = None) -> Relations:
    """Index notes under what they declare and mention, then rank related talks.

    ``memo`` (kept by a serve session between rebuilds) spares recounting unchanged texts and
    indexing again the notes that are still the very same ones (:func:`_indexed_again`)."""
    memo = memo or TextMemo()
    ordered = sorted(kb.notes.values(), key=lambda n: n.sort_key)
    again = _indexed_again(kb, ordered, mentions or {}, memo.indexed) if memo.indexed is not None else None
    if again is None:
        relations, found = Relations(), {}
        for note in ordered:
            found[note.path] = _index(relations, note, (mentions or {}).get(note.path, []))
    else:
        relations, found = again
    memo.indexed = _Indexed({n.path: n for n in ordered}, relations, found, mentions or {})
    relations.related = _related_talks(kb, ordered, relations, memo)
    memo.relations = relations
    return relations


def _index(relations: Relations, note: Note, mentions: list[Mention]) -> tuple[Key, ...]:
    """Add ``note`` to ``relations``' indexes; the keys of its mentions that it does not declare."""
    keys: set[Key] = set()
    for kind in ENTITY_KINDS:
        for slug in note.refs(kind):
            relations.declared[(kind, slug)].append(note)
            keys.add((kind, slug))
    seen_here: dict[Key, None] = {}
    for mention in mentions:
        key = mention.target.ident
        if key in keys or key in seen_here or key[1] == note.path:
            continue
        seen_here[key] = None
        relations.mentioned[key].append(NoteMention(note, mention.context, mention.line))
    relations.note_keys[note.path] = keys | {k for k in seen_here if k[0] in ENTITY_KINDS}
    for author in dict.fromkeys([note.by, *(t.by for t in note.notes)]):
        if author:
            relations.written[author].append(note)
    return tuple(seen_here)


@dataclass
class _Indexed:
    """What :func:`build_relations` indexed last (serve): the notes, their relations, and each
    note's mentioned keys."""

    notes: dict[str, Note]
    relations: Relations
    mentioned: dict[str, tuple[Key, ...]]
    mentions: dict[str, list[Mention]]
    """Each note's mentions as the linker gave them (a note scanned as before has the same list)."""


#: Past this many changed notes, indexing every note is as quick.
_MAX_REINDEXED = 50


def _indexed_again(kb: KnowledgeBase, ordered: list[Note], mentions: dict[str, list[Mention]],
                   last: _Indexed) -> tuple[Relations, dict[str, tuple[Key, ...]]] | None:
    """The last build's indexes with only the notes that are no longer the very same ones
    (``same_note``, with the same mentions) taken out and put in again, in
    the talks' order; ``None`` when more changed. Performance (issue 16): indexing every note was
    ~0.12 s of each archive rebuild. The last build's lists are copied before they change (the last
    plan compares with them), and may hold that build's copies of unchanged notes, which are equal."""
    if last.notes.keys() != kb.notes.keys():
        return None
    changed = [n for n in ordered if not (same_note(n, last.notes[n.path]) and _same_mentions(
        mentions.get(n.path), last.mentions.get(n.path)))]
    if len(changed) > _MAX_REINDEXED:
        return None
    old = last.relations
    relations = Relations(declared=defaultdict(list, old.declared),
                          mentioned=defaultdict(list, old.mentioned),
                          note_keys=dict(old.note_keys), written=defaultdict(list, old.written))
    copied: set[tuple[str, object]] = set()

    def own(index: dict[Any, list[Any]], name: str, key: Any) -> list[Any]:
        if (name, key) not in copied:
            index[key] = list(index.get(key, ()))
            copied.add((name, key))
        return index[key]

    mentioned = dict(last.mentioned)
    for note in changed:
        was = last.notes[note.path]
        for kind in ENTITY_KINDS:
            for slug in was.refs(kind):
                own(relations.declared, "d", (kind, slug))[:] = [
                    n for n in relations.declared[(kind, slug)] if n.path != note.path]
        for key in last.mentioned.get(note.path, ()):
            own(relations.mentioned, "m", key)[:] = [
                m for m in relations.mentioned[key] if m.note.path != note.path]
        for author in dict.fromkeys([was.by, *(t.by for t in was.notes)]):
            if author:
                own(relations.written, "w", author)[:] = [
                    n for n in relations.written[author] if n.path != note.path]
    for note in changed:
        scratch = Relations()
        mentioned[note.path] = _index(scratch, note, mentions.get(note.path, []))
        relations.note_keys[note.path] = scratch.note_keys[note.path]
        pairs: list[tuple[str, dict[Any, list[Any]], dict[Any, list[Any]]]] = [
            ("d", relations.declared, scratch.declared), ("m", relations.mentioned, scratch.mentioned),
            ("w", relations.written, scratch.written)]
        for name, index, found in pairs:
            for entry, items in found.items():
                listed = own(index, name, entry)
                for item in items:
                    bisect.insort(listed, item, key=_order)
    indexes: dict[str, dict[Any, list[Any]]] = {
        "d": relations.declared, "m": relations.mentioned, "w": relations.written}
    for name, entry in copied:
        if not indexes[name].get(entry):
            indexes[name].pop(entry, None)  # as a fresh build, which has no empty lists
    return relations, mentioned


def _same_mentions(now: list[Mention] | None, then: list[Mention] | None) -> bool:
    """A note's title mentions of other notes change with their titles, not its text (they are not
    linked in it): the very same list, or an equal one."""
    return now is then or now == then


def _order(item: Note | NoteMention) -> tuple[int, str, str]:
    return item.note.sort_key if isinstance(item, NoteMention) else item.sort_key


#: Every ASCII character that is not a letter, made a space (``_count_terms``).
_ASCII_NON_LETTERS = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalpha()})


def _count_terms(text: str) -> Counter[str]:
    if text.isascii():
        # Performance (issue 16): in ASCII text ``_WORD`` finds the runs of letters, which
        # translating every other character to a space and splitting finds ~1.8x faster (~0.2 s of
        # a one-off build at 5,000 talks); shorter words are dropped once each, not per occurrence.
        counts = Counter(text.lower().translate(_ASCII_NON_LETTERS).split())
        for word in [w for w in counts if len(w) < 3]:
            del counts[word]
    else:
        counts = Counter(_WORD.findall(text.lower()))  # counting a list is ~2x faster than a generator
    for word in _STOP.intersection(counts):
        del counts[word]
    return counts


@dataclass
class _TopTerms:
    """Each note's weighted top terms from the last build of this process, for the next one.

    Performance (issue 7): weighting every term of every note was ~0.3 s of each `mkdocs serve`
    rebuild at 5,000 talks, although an edit changes the document frequency of only a few terms.
    A note's top terms depend only on its term counts, the number of notes and the document
    frequency of its own terms, so they are reused when all three are as in the last build. Only
    entries made or checked in the last build are kept, so a reused entry is always exact.
    """

    total: int = -1
    df: Counter[str] = field(default_factory=Counter)
    tops: dict[str, tuple[Counter[str], list[tuple[str, float]]]] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    """The notes weighed (a note that is still the very same one has the same text: ``same_note``)."""


#: Past this many terms with a new document frequency, checking each note costs more than weighting.
_MAX_CHANGED_TERMS = 64
#: Term counts kept between builds: more than the largest archive's notes.
TERM_CACHE_SIZE = 1 << 15


class TextMemo:
    """What text similarity keeps from one build to the next of a ``hallway serve`` session.

    Performance (issue 7): counting a note's terms is most of the text similarity's cost, and
    between rebuilds nearly every note's text is unchanged, so counts are cached by text (callers
    only read them); and each note's top terms are reused when nothing they depend on moved
    (:class:`_TopTerms`). A one-off build uses a fresh memo and drops it.
    """

    def __init__(self) -> None:
        self.terms = lru_cache(maxsize=TERM_CACHE_SIZE)(_count_terms)
        self.last = _TopTerms()
        self.candidates: _Candidates | None = None
        self.ranked: _Ranked | None = None
        self.indexed: _Indexed | None = None
        self.relations: Relations | None = None
        """The last build's relations: their co-occurrence counts serve while no note's keys moved."""


def _top_terms(counts: Counter[str], idf: dict[str, float]) -> list[tuple[str, float]]:
    """A note's ``TERMS_PER_NOTE`` heaviest terms by TF-IDF, weights normalised to length 1."""
    weighted = [(t, (1 + math.log(c)) * idf[t]) for t, c in counts.items()]
    weighted.sort(key=lambda tw: -tw[1])
    top = weighted[:TERMS_PER_NOTE]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return [(term, weight / norm) for term, weight in top]


def _text_matrix(notes: list[Note], memo: TextMemo) -> sparse.csr_matrix:
    """TF-IDF vectors of each note's title and body (top terms only), rows normalised."""
    tops = _weigh_terms(notes, memo)
    return _vectors([tops[n.path] for n in notes])


def _weigh_terms(notes: list[Note], memo: TextMemo) -> dict[str, list[tuple[str, float]]]:
    """Each note's top terms by TF-IDF (see ``_TopTerms``), by path."""
    last = memo.last
    counted: list[Counter[str]] = []
    for note in notes:
        kept = last.tops.get(note.path)
        old = last.notes.get(note.path)
        # Performance (issue 16): a note that is still the very same one has the same text, and
        # so the same counts: joining and hashing 21,715 texts was ~0.03 s of an archive rebuild.
        counted.append(kept[0] if kept is not None and old is not None and same_note(note, old)
                       else memo.terms(" ".join([note.title, note.body, *(t.body for t in note.notes)])))
    total = len(notes)
    changed: set[str] | None = None
    df: Counter[str]
    if last.total == total and last.tops.keys() == {n.path for n in notes}:
        # Performance (issue 16): the document frequencies move only by the notes whose counts
        # changed; counting every note's terms again was ~0.1 s of an archive rebuild.
        delta: Counter[str] = Counter()
        for note, counts in zip(notes, counted, strict=True):
            before = last.tops[note.path][0]
            if counts is not before:
                delta.subtract(before.keys())
                delta.update(counts.keys())
        changed = {t for t, d in delta.items() if d}
        df = last.df
        for term in changed:
            df[term] += delta[term]
            if not df[term]:
                del df[term]
        if len(changed) > _MAX_CHANGED_TERMS:
            changed = None
    else:
        df = Counter()
        for counts in counted:
            df.update(counts.keys())
    # Each term's IDF once, not once per note that uses it (~600,000 logarithms at 5,000 talks);
    # after an edit, only the terms of the few notes weighed again.
    idf = {t: math.log((1 + total) / (1 + d)) for t, d in df.items()} if changed is None else {}
    tops: dict[str, tuple[Counter[str], list[tuple[str, float]]]] = {}
    for note, counts in zip(notes, counted, strict=True):
        kept = last.tops.get(note.path)
        if changed is not None and kept is not None and kept[0] is counts \
                and counts.keys().isdisjoint(changed):
            top = kept[1]
        else:
            if changed is not None:
                for term in counts.keys() - idf.keys():
                    idf[term] = math.log((1 + total) / (1 + df[term]))
            top = _top_terms(counts, idf)
        tops[note.path] = (counts, top)
    memo.last = _TopTerms(total, df, tops, {n.path: n for n in notes})
    return {path: top for path, (_, top) in tops.items()}


def _vectors(tops: list[list[tuple[str, float]]]) -> sparse.csr_matrix:
    """A row per list of weighted terms.

    Columns in the terms' alphabetical order and each row's entries sorted: a dot product of two
    rows then adds the same products in the same order whatever other rows the matrix holds, so a
    similarity kept from the last build, or computed among a few rows, is bit for bit the one a
    fresh build gives."""
    rows = [row for row, top in enumerate(tops) for _ in top]
    terms = [term for top in tops for term, _ in top]
    vals = [weight for top in tops for _, weight in top]
    vocabulary = {term: i for i, term in enumerate(sorted(set(terms)))}
    cols = [vocabulary[term] for term in terms]
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(tops), max(1, len(vocabulary))))
    matrix.sort_indices()
    return matrix


@dataclass
class _Candidates:
    """Each note's candidate related talks and what they share, from the notes' entity keys alone.

    Performance (issue 16): ranking candidates pair by pair in Python was ~1 s of every serve
    rebuild of the 21,715-talk archive, although a body or title edit changes no note's entities.
    Candidates, their entity scores and their reasons depend only on ``note_keys`` (and the
    entities' names), so they are computed in path order (not in the talks' sort order, which a
    title edit can move) and kept while both are as in the last build; the text similarity and the
    ranking are redone in every build, vectorised.
    """

    note_keys: dict[str, set[Key]]
    names: dict[Key, str]
    paths: list[str]
    """The notes in path order: ``source`` and ``target`` index this list."""
    source: np.ndarray
    target: np.ndarray
    base: np.ndarray
    """What the pair's shared entities score."""
    strong: dict[str, set[Key]]
    """Each note's keys that are a reason to call two talks related (not the event alone)."""
    listed: np.ndarray
    """Whether the pair shares a strong key: one that shares only the event is never listed."""
    reasons: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """The names of what a listed pair shares, strongest kind first, once it was listed."""
    similarity: np.ndarray | None = None
    """Each pair's text similarity in the last build, and each note's top terms it came from:
    a pair whose two notes kept their top terms keeps its similarity (issue 16: selecting 800,000
    pairs of rows was ~0.2 s of an archive rebuild)."""
    tops: list[list[tuple[str, float]]] = field(default_factory=list)

    def reasons_of(self, pair: int) -> tuple[str, ...]:
        found = self.reasons.get(pair)
        if found is None:
            mine, theirs = self.paths[self.source[pair]], self.paths[self.target[pair]]
            common = sorted(self.strong[mine] & self.strong[theirs],
                            key=lambda k: (-KIND_WEIGHTS.get(k[0], 1.0), k[1]))
            found = self.reasons[pair] = tuple(self.names[k] for k in common[:4])
        return found


@dataclass
class _Ranked:
    """The last build's ranking: its candidates, each pair's score (rounded as ranked), the notes
    ranked (to tell which are the same note now) and each note's related talks."""

    found: _Candidates
    score: np.ndarray
    notes: dict[str, Note]
    lists: dict[str, list[Related]]


def _entity_names(kb: KnowledgeBase) -> dict[Key, str]:
    return {(kind, slug): e.name for kind in ENTITY_KINDS for slug, e in kb.entities[kind].items()}


def _candidates(note_keys: dict[str, set[Key]], names: dict[Key, str]) -> _Candidates:
    """Up to ``CANDIDATES`` notes per note that share the most weighted entities with it."""
    paths = sorted(note_keys)
    # Keys in sorted order too: the column order decides how floating-point sums round, so ties
    # between related talks would otherwise flip between builds (or between serve and build).
    columns = {key: i for i, key in enumerate(sorted(set().union(*note_keys.values())))}
    rows: list[int] = []
    cols: list[int] = []
    for row, path in enumerate(paths):
        for key in note_keys[path]:
            rows.append(row)
            cols.append(columns[key])
    shape = (len(paths), max(1, len(columns)))
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    incidence.sort_indices()
    df = np.asarray(incidence.sum(axis=0)).ravel()
    keys = list(columns)
    # One weight per column: with no keys at all (only write-ups, no entities) the matrix still has
    # one empty column (found by the issue-18 tests: two posts crashed `hallway check`).
    kind_weights = np.array([KIND_WEIGHTS.get(k[0], 1.0) for k in keys] + [0.0] * (shape[1] - len(keys)))
    weights = kind_weights * np.log1p(len(paths) / np.maximum(df, 1))
    weights[df > MAX_DOCUMENT_FREQUENCY] = 0.0
    weights[df < 2] = 0.0
    shared = (incidence @ sparse.diags(weights) @ incidence.T).tocsr()
    shared.setdiag(0)
    shared.eliminate_zeros()
    shared.sort_indices()
    source: list[np.ndarray] = []
    target: list[np.ndarray] = []
    base: list[np.ndarray] = []
    for row in range(len(paths)):
        start, end = shared.indptr[row], shared.indptr[row + 1]
        if start == end:
            continue
        idx, data = shared.indices[start:end], shared.data[start:end]
        if len(idx) > CANDIDATES:
            # The heaviest, and all those tied with the last (up to TIED_CANDIDATES, the first paths:
            # the same choice in every build): text similarity, not the order, picks among them
            # (a speaker's 40 talks share as much with each other; the same talk given at another
            # conference is the one to list first).
            threshold = np.partition(data, len(data) - CANDIDATES)[len(data) - CANDIDATES]
            above = data > threshold
            tied = np.flatnonzero(data == threshold)[:TIED_CANDIDATES - int(above.sum())]
            above[tied] = True
            idx, data = idx[above], data[above]
        source.append(np.full(len(idx), row))
        target.append(idx)
        base.append(data)
    pair_source = np.concatenate(source) if source else np.zeros(0, dtype=np.int64)
    pair_target = np.concatenate(target) if target else np.zeros(0, dtype=np.int64)
    strong = {path: {k for k in keys_ if k[0] not in WEAK_KINDS} for path, keys_ in note_keys.items()}
    listed = np.array([not strong[paths[a]].isdisjoint(strong[paths[b]])
                       for a, b in zip(pair_source.tolist(), pair_target.tolist(), strict=True)], dtype=bool)
    return _Candidates(note_keys, names, paths, pair_source, pair_target,
                       np.concatenate(base) if base else np.zeros(0), strong, listed)


def _similarity(tops: list[list[tuple[str, float]]], source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The dot product of the text vectors of each pair, from the vectors of only the notes in
    them (issue 16: after an edit, a few hundred of the archive's 21,715)."""
    if not len(source):
        return np.zeros(0)
    needed, index = np.unique(np.concatenate([source, target]), return_inverse=True)
    text = _vectors([tops[i] for i in needed.tolist()])
    first, second = index[:len(source)], index[len(source):]
    return np.asarray(text[first].multiply(text[second]).sum(axis=1)).ravel()


def _related_talks(kb: KnowledgeBase, notes: list[Note], relations: Relations,
                   memo: TextMemo) -> dict[str, list[Related]]:
    result: dict[str, list[Related]] = {n.path: [] for n in notes}
    if len(notes) < 2:
        return result
    names = _entity_names(kb)
    kept = memo.candidates
    if kept is not None and kept.note_keys == relations.note_keys and kept.names == names:
        found = kept
        if memo.relations is not None:
            # the same keys: the same co-occurrence counts, whenever the last build made them
            # (issue 16: ~35 ms of an archive rebuild that plans an entity page again)
            relations._cooccurrence = memo.relations._cooccurrence
    else:
        found = _candidates(relations.note_keys, names)
    memo.candidates = found
    weighed = _weigh_terms(notes, memo)
    if not len(found.source):
        memo.ranked = None
        return result
    tops = [weighed[path] for path in found.paths]
    if found.similarity is not None:
        moved = np.array([now is not then for now, then in zip(tops, found.tops, strict=True)])
        again = np.flatnonzero(moved[found.source] | moved[found.target])
        similarity = found.similarity.copy()
        similarity[again] = _similarity(tops, found.source[again], found.target[again])
    else:
        similarity = _similarity(tops, found.source, found.target)
    found.similarity, found.tops = similarity, tops
    score = found.base + TEXT_WEIGHT * similarity
    rounded = np.round(score, 9)
    last = memo.ranked
    rows: np.ndarray | None = None
    if last is not None and last.found is found:
        # Performance (issue 16): ranking every pair (~800,000 at the archive) and listing every
        # note's related talks again was ~0.3 s of each rebuild; only the notes one of whose pairs
        # scores differently, or names a note that is no longer the very same (a new title moves
        # ties, a new summary changes its card), are ranked again. The others keep their lists,
        # which are then the same objects (``pages/replan.py`` relies on that).
        stale = np.array([not same_note(kb.notes[path], last.notes[path]) for path in found.paths])
        rerank = (rounded != last.score) | stale[found.source] | stale[found.target]
        rows = np.unique(found.source[rerank])
    memo.ranked = _Ranked(found, rounded, {n.path: n for n in notes}, result)
    place = {note.path: i for i, note in enumerate(notes)}
    position = np.array([place[path] for path in found.paths])
    pairs = np.flatnonzero(np.isin(found.source, rows)) if rows is not None else np.arange(len(found.source))
    for path, related in _ranked(found, pairs, position[found.source[pairs]], position[found.target[pairs]],
                                 rounded[pairs], score[pairs], notes).items():
        result[path] = related
    if rows is not None and last is not None:
        again_paths = {found.paths[row] for row in rows.tolist()}
        for path in result:
            if path not in again_paths and path in last.lists:
                result[path] = last.lists[path]
    return result


def _ranked(found: _Candidates, pairs: np.ndarray, source: np.ndarray, target: np.ndarray,
            rounded: np.ndarray, score: np.ndarray, notes: list[Note]) -> dict[str, list[Related]]:
    """The related talks of the notes that ``pairs`` (indexes of ``found``'s pairs, all of each
    note's) start from: ``source`` and ``target`` are their notes' places in ``notes`` (ties
    between equal scores go to the note that sorts first), ``score`` their scores and ``rounded``
    those rounded as they are ranked."""
    order = np.lexsort((target, -rounded, source))
    order = order[found.listed[pairs[order]]]
    ranked_sources = source[order]
    # Each note's first RELATED_LIMIT listed pairs: a pair's rank is its offset from its note's first.
    first = np.flatnonzero(np.r_[True, ranked_sources[1:] != ranked_sources[:-1]])
    rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    chosen = order[rank < RELATED_LIMIT]
    result: dict[str, list[Related]] = {notes[row].path: [] for row in np.unique(source).tolist()}
    for pair, row, col, value in zip(pairs[chosen].tolist(), source[chosen].tolist(),
                                     target[chosen].tolist(), score[chosen].tolist(), strict=True):
        result[notes[row].path].append(Related(notes[col], round(value, 3), found.reasons_of(pair)))
    return result
