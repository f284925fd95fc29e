"""The knowledge base as a graph: notes and entities are nodes, front-matter references are edges.

Two uses: a page's neighbourhood (its local graph: one and two hops, the strongest links first,
capped so that a page stays light), and the whole graph for the site-wide graph page. Both come
from the declared relations only; prose mentions are too many and too weak to draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..kb.model import ENTITY_KINDS, KnowledgeBase, Note
from .relations import KIND_WEIGHTS, Key, Relations
from .timeline import note_keys

#: At most this many nodes around a page's own node, in each ring.
INNER_LIMIT = 10
OUTER_LIMIT = 14
#: Co-occurring entities of each kind considered for an entity's outer ring.
PER_KIND = 4


def note_key(note: Note) -> Key:
    return ("note", note.path)


@dataclass
class Neighbourhood:
    """A page's node, the nodes one hop away (inner) and two hops away (outer), and the edges."""

    centre: Key
    inner: list[Key] = field(default_factory=list)
    outer: list[Key] = field(default_factory=list)
    edges: list[tuple[Key, Key, float]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return 1 + len(self.inner) + len(self.outer)


def _declared_edges(notes: list[Note], shown: set[Key]) -> list[tuple[Key, Key, float]]:
    """Edges from each of ``notes`` to the entities it declares that are ``shown``."""
    edges = []
    for note in notes:
        for key in note_keys(note):
            if key in shown:
                edges.append((note_key(note), key, KIND_WEIGHTS[key[0]]))
    return edges


def note_neighbourhood(note: Note, relations: Relations) -> Neighbourhood:
    """A note, the entities it declares, and its related notes linked to what they share."""
    hood = Neighbourhood(note_key(note))
    keys = note_keys(note)
    keys.sort(key=lambda k: -KIND_WEIGHTS[k[0]])  # strongest kinds first; stable within a kind
    hood.inner = keys[:INNER_LIMIT]
    hood.edges = [(hood.centre, key, KIND_WEIGHTS[key[0]]) for key in hood.inner]
    related = [r.note for r in relations.related.get(note.path, [])][:OUTER_LIMIT]
    hood.outer = [note_key(r) for r in related]
    linked = _declared_edges(related, set(hood.inner))
    hood.edges += linked
    # Related by their text alone: a direct, weaker line.
    reached = {a for a, _, _ in linked}
    hood.edges += [(hood.centre, k, 0.0) for k in hood.outer if k not in reached]
    return hood


def entity_neighbourhood(key: Key, relations: Relations) -> Neighbourhood:
    """An entity, its newest notes, and the entities most often declared with it in those notes."""
    hood = Neighbourhood(key)
    notes = relations.notes_for(*key)[:INNER_LIMIT]
    pairs = [(kind, slug, count) for kind in ENTITY_KINDS
             for slug, count in relations.cooccurring(key, kind, PER_KIND)]
    pairs.sort(key=lambda p: (-p[2] * KIND_WEIGHTS[p[0]], p[0], p[1]))
    hood.inner = [note_key(n) for n in notes]
    hood.outer = [(kind, slug) for kind, slug, _ in pairs[:OUTER_LIMIT]]
    weight = KIND_WEIGHTS.get(key[0], 1.0)
    hood.edges = [(hood.centre, n, weight) for n in hood.inner]
    linked = _declared_edges(notes, set(hood.outer))
    hood.edges += linked
    # An entity discussed with this one only in notes not shown: a direct, weaker line.
    reached = {b for _, b, _ in linked}
    hood.edges += [(hood.centre, k, 0.0) for k in hood.outer if k not in reached]
    return hood


@dataclass
class WholeGraph:
    """Every note and entity with at least one reference, and every declared reference."""

    nodes: list[Key] = field(default_factory=list)
    edges: list[tuple[int, int]] = field(default_factory=list)


def whole_graph(kb: KnowledgeBase) -> WholeGraph:
    """Nodes in a stable order (notes by path, then entities by kind and slug) and their edges."""
    graph = WholeGraph()
    index: dict[Key, int] = {}
    notes = sorted(kb.notes.values(), key=lambda n: n.path)
    for note in notes:
        index[note_key(note)] = len(graph.nodes)
        graph.nodes.append(note_key(note))
    for kind in ENTITY_KINDS:
        for slug in sorted(kb.entities[kind]):
            index[(kind, slug)] = len(graph.nodes)
            graph.nodes.append((kind, slug))
    for note in notes:
        source = index[note_key(note)]
        graph.edges += [(source, index[key]) for key in note_keys(note) if key in index]
    return graph
