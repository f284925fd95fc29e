"""The whole knowledge base as a laid-out graph (``graph.json``), for the site-wide graph page.

The layout is computed here, once per build, so that the browser only draws: a force simulation
over thousands of nodes in the browser takes seconds. igraph's Fruchterman-Reingold (C, with a
grid for repulsion) lays out 7,000 nodes and 37,000 edges in about a second (150 iterations); networkx's
spring_layout took over 30 s on the same graph. Its start is a seeded random layout, so the same
knowledge base always gives the same file.

Compact shape (version 1)::

    {"version": 1, "kinds": ["talk", ...], "series": [[slug, name], ...],
     "events": [[slug, name, series index or -1], ...],
     "nodes": [[kind index, x, y, size, label, site-relative url, event index or -1], ...],
     "edges": [source, target, source, target, ...]}

x and y are integers in 0..1000. A note's event index is its event's; an event's is its own.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import igraph

from ..kb.model import KnowledgeBase
from ..pages.graphs import GRAPH_DATA, GRAPH_KINDS
from ..pages.siteplan import url_of
from ..relate.graph import whole_graph
from ..relate.timeline import Timeline

GRAPH_FORMAT_VERSION = 1
LAYOUT_ITERATIONS = 150
LAYOUT_LARGE = 10_000
LAYOUT_MIN_ITERATIONS = 40
SEED = 17
SPAN = 1000


def iterations(count: int) -> int:
    """Fewer iterations past 10,000 nodes: at the pyvideo archive (37,000 nodes) 150 took ~20 s of
    CPU beside the build, and the worker holding it (a fork of the whole build, ~0.7 GiB) was still
    alive when Pagefind needed the most memory. A graph that large is a cloud to zoom into; 40
    iterations from the same seeded start give the same clusters."""
    if count <= LAYOUT_LARGE:
        return LAYOUT_ITERATIONS
    return max(LAYOUT_MIN_ITERATIONS, LAYOUT_ITERATIONS * LAYOUT_LARGE // count)


def layout(count: int, edges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Positions of ``count`` nodes in 0..SPAN, the same for the same graph."""
    if count == 0:
        return []
    rng = random.Random(SEED)
    side = math.sqrt(count) * 10
    start = [[rng.uniform(-side, side), rng.uniform(-side, side)] for _ in range(count)]
    graph = igraph.Graph(n=count, edges=edges)
    # igraph's layouts draw from its random number generator too (jitter): seed it for this call.
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        coords = graph.layout_fruchterman_reingold(niter=iterations(count), seed=start,
                                                   grid=count > 1000).coords
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    x0, y0 = min(xs), min(ys)
    scale = SPAN / max(max(xs) - x0, max(ys) - y0, 1e-9)
    return [(round((x - x0) * scale), round((y - y0) * scale)) for x, y in zip(xs, ys, strict=True)]


def graph_data(kb: KnowledgeBase, timeline: Timeline, directory_urls: bool = True,
               positions: list[tuple[int, int]] | None = None) -> dict[str, object]:
    """The laid-out whole graph as JSON-ready data (see the module docstring); ``positions`` when
    :func:`layout` was already run for it (``build/graph_worker.py``)."""
    graph = whole_graph(kb)
    if positions is None or len(positions) != len(graph.nodes):
        positions = layout(len(graph.nodes), graph.edges)
    kinds = [k for k, _ in GRAPH_KINDS]
    series = sorted(timeline.series)
    series_index = {slug: i for i, slug in enumerate(series)}
    events = sorted(kb.entities["event"])
    event_index = {slug: i for i, slug in enumerate(events)}
    degree = [0] * len(graph.nodes)
    for a, b in graph.edges:
        degree[a] += 1
        degree[b] += 1
    nodes = []
    for (kind, ident), (x, y), deg in zip(graph.nodes, positions, degree, strict=True):
        if kind == "note":
            note = kb.notes[ident]
            node_kind = "talk" if note.is_talk else "post"
            label, src, event = note.title, note.path, note.event
        else:
            entity = kb.entities[kind][ident]
            node_kind, label, src = kind, entity.name, entity.page_path
            event = ident if kind == "event" else None
        nodes.append([kinds.index(node_kind), x, y, round(1 + math.sqrt(deg), 1), label,
                      url_of(src, directory_urls), event_index.get(event or "", -1)])
    return {
        "version": GRAPH_FORMAT_VERSION,
        "kinds": kinds,
        "series": [[s, timeline.series[s].name] for s in series],
        "events": [[e, kb.entities["event"][e].name, series_index.get(timeline.series_of.get(e, ""), -1)]
                   for e in events],
        "nodes": nodes,
        "edges": [i for edge in graph.edges for i in edge],
    }


def write_graph_data(site_dir: Path | str, kb: KnowledgeBase, timeline: Timeline,
                     directory_urls: bool = True, positions: list[tuple[int, int]] | None = None) -> Path:
    """Write ``graph.json`` into the built site; return its path."""
    path = Path(site_dir) / GRAPH_DATA
    data = graph_data(kb, timeline, directory_urls, positions)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path
