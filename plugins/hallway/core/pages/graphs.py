"""Graphs on pages: each note and entity page's local graph, and the site-wide graph page.

A local graph is drawn at build time as inline SVG, laid out in two rings around the page's own
node (its neighbours one hop away, then two hops away, each placed near what it links to). It
needs no script, its nodes are ordinary links a keyboard reaches, and it costs a page about 3 KB
compressed. Hand-written rather than a force layout: two rings of at most a few dozen nodes read
better than a force layout of them, and cost ~0.1 ms a page where networkx took ~5 ms.

The whole graph is laid out once per build (``publish/graph_data.py``) and drawn in the browser
by the ``graph/`` page with the vendored sigma and graphology.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from ..kb.model import Note
from ..kb.schema import KIND_TITLES
from ..relate.graph import Neighbourhood, entity_neighbourhood, note_neighbourhood
from ..relate.relations import Key
from ..relate.timeline import Timeline
from .siteplan import PageSpec, SitePlanner, url_of

#: A speaker, event, project or topic with fewer notes than this draws no local graph: most of the
#: pyvideo archive's 13,000 speakers have one talk, whose page shows the same neighbourhood.
LOCAL_GRAPH_MIN_NOTES = 2
#: Serve's memo of local graphs: page source path -> (what the graph was drawn from, its SVG).
GraphMemo = dict[str, tuple[object, str]]
GRAPH_PAGE = "graph/index.md"
GRAPH_DATA = "graph.json"
WIDTH, HEIGHT = 760, 460
INNER_RADIUS, OUTER_RADIUS = 95, 190
LABEL_CHARS = 22
CX, CY = WIDTH // 2, HEIGHT // 2
#: How far a label's text reaches above and below its baseline (15px on phones), and a margin.
TEXT_UP, TEXT_DOWN, MARGIN = 15, 5, 4


def _stroke(weight: float) -> str:
    if weight == 0:
        return 'stroke-width="0.6" class="hw-graph__edge--weak"'
    return f'stroke-width="{0.6 + weight / 2:.1f}"'


#: The stroke of an edge of each kind's weight (``KIND_WEIGHTS``), written once.
_STROKES = {w: _stroke(w) for w in (0.0, 0.5, 1.0, 2.0, 3.0)}


def _edges(lines: dict[str, list[str]]) -> str:
    """One ``<path>`` per stroke: ``M380 230L380 135`` is a quarter of the bytes of a ``<line>``
    (issue 16: local graphs were 15% of the archive's 614 MB)."""
    return "".join(f'<path d="{"".join(segments)}" {stroke}/>' for stroke, segments in lines.items())


def relative_url(page_url: str, target_url: str) -> str:
    """``target_url`` relative to ``page_url`` (both site-relative directory URLs, as
    :func:`url_of` gives them), as MkDocs writes it: ``talks/eo/a/`` -> ``talks/eo/b/`` is ``../b/``.

    Written out: posixpath.relpath for the ~110,000 nodes of a 5,000-talk site took a third of
    the local graphs' time.
    """
    here = page_url.split("/")[:-1]
    there = target_url.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


class GraphPlanner:
    """Local graphs on note and entity pages, and the whole-graph page."""

    def __init__(self, planner: SitePlanner, timeline: Timeline) -> None:
        self.planner = planner
        self.timeline = timeline
        self.kb = planner.kb
        self._nodes: dict[Key, tuple[str, str, str, str]] = {}

    def node(self, key: Key) -> tuple[str, str, str, str]:
        """``(kind, site-relative url, escaped short label, escaped "Kind: name")`` of a node."""
        found = self._nodes.get(key)
        if found is None:
            kind, ident = key
            if kind == "note":
                note: Note = self.kb.notes[ident]
                kind = "talk" if note.is_talk else "post"
                name, url = note.title, self.planner.url(note.path)
            else:
                entity = self.kb.entities[kind][ident]
                name, url = entity.name, self.planner.url(entity.page_path)
            title = f"{KIND_TITLES.get(kind, 'Talk' if kind == 'talk' else 'Write-up')}: {name}"
            found = self._nodes[key] = (kind, url, escape(_short(name)), escape(title))
        return found

    def local_graph(self, hood: Neighbourhood, page_url: str) -> str:
        """The SVG of a neighbourhood, for a template to print as is (everything escaped here)."""
        if not hood.inner and not hood.outer:
            return ""
        angles: dict[Key, float] = {}
        step = 2 * math.pi / max(len(hood.inner), 1)
        for i, key in enumerate(hood.inner):
            angles[key] = -math.pi / 2 + step * i
        links: dict[Key, list[Key]] = {}
        for a, b, _ in hood.edges:
            links.setdefault(a, []).append(b)
            links.setdefault(b, []).append(a)

        def preferred(key: Key) -> float:
            near = [angles[k] for k in links.get(key, ()) if k in angles]
            if not near:
                return math.pi  # linked to the centre only: the far side
            return math.atan2(sum(map(math.sin, near)), sum(map(math.cos, near)))

        wanted = {key: preferred(key) for key in hood.outer}
        outer = sorted(hood.outer, key=lambda k: (wanted[k] % (2 * math.pi), k))
        if outer:
            start, step = wanted[outer[0]], 2 * math.pi / len(outer)
            for i, key in enumerate(outer):
                angles[key] = start + step * i
        places: dict[Key, tuple[int, int]] = {hood.centre: (CX, CY)}
        # What is drawn reaches from ``top`` to ``bottom``: the SVG is that tall, so a page whose
        # neighbours sit low shows no blank band over them. The width stays fixed, so nodes and
        # labels are the same size on every page. Text reaches TEXT_UP over its baseline.
        top, bottom = CY - 10, CY + 22 + TEXT_DOWN
        nodes = []
        for ring, radius, size in ((hood.inner, INNER_RADIUS, 6), (outer, OUTER_RADIUS, 5)):
            for key in ring:
                cos, sin = math.cos(angles[key]), math.sin(angles[key])
                x, y = round(CX + radius * cos), round(CY + radius * sin)
                places[key] = (x, y)
                if cos > 0.3:
                    text, baseline = f'x="{x + 9}" y="{y + 4}" text-anchor="start"', y + 4
                elif cos < -0.3:
                    text, baseline = f'x="{x - 9}" y="{y + 4}" text-anchor="end"', y + 4
                else:  # centred: the stylesheet's default for a label without text-anchor
                    baseline = y + (16 if sin > 0 else -10)
                    text = f'x="{x}" y="{baseline}"'
                top = min(top, y - size, baseline - TEXT_UP)
                bottom = max(bottom, y + size, baseline + TEXT_DOWN)
                kind, url, label, title = self.node(key)
                # The name is the aria-label (and the link preview on hover): no <title>, fewer bytes.
                # It holds the visible label too, "…" included: a shortened label must be part of the
                # name (axe: label-content-name-mismatch).
                name = title if label in title else f"{label} ({title})"
                nodes.append(f'<a class="hw-graph__node--{kind}" '
                             f'href="{escape(relative_url(page_url, url))}" aria-label="{name}">'
                             f'<circle cx="{x}" cy="{y}" r="{size}"/><text {text}>{label}</text></a>')
        kind, _, label, _ = self.node(hood.centre)
        top, bottom = max(top - MARGIN, 0), min(bottom + MARGIN, HEIGHT)
        centre_name = escape(self.kb.notes[hood.centre[1]].title if hood.centre[0] == "note"
                             else self.kb.entities[hood.centre[0]][hood.centre[1]].name)
        parts = [f'<svg class="hw-graph__svg" viewBox="0 {top} {WIDTH} {bottom - top}" role="group" '
                 f'aria-label="{centre_name} and its neighbours: {hood.size - 1} links">']
        lines: dict[str, list[str]] = {}
        for a, b, weight in hood.edges:
            (x1, y1), (x2, y2) = places[a], places[b]
            lines.setdefault(_STROKES.get(weight) or _stroke(weight), []).append(f"M{x1} {y1}L{x2} {y2}")
        parts.append(f'<g class="hw-graph__edges" aria-hidden="true">{_edges(lines)}</g>'
                     f'<g class="hw-graph__node--{kind} hw-graph__node--self">'
                     f'<circle cx="{CX}" cy="{CY}" r="9"/><text x="{CX}" y="{CY + 22}">{label}</text></g>')
        parts += nodes
        parts.append("</svg>")
        return "".join(parts)

    def neighbourhood(self, spec: PageSpec) -> Neighbourhood | None:
        """The neighbourhood of a note or entity page (``None`` for other pages)."""
        context = spec.context
        if context.get("type") == "note":
            return note_neighbourhood(self.kb.notes[spec.src_uri], self.planner.relations)
        if context.get("type") == "entity":
            if self.planner.relations.count(context["kind"], context["slug"]) < LOCAL_GRAPH_MIN_NOTES:
                return None  # one talk's neighbours are its own page's graph (issue 16: ~2 KB a page)
            return entity_neighbourhood((context["kind"], context["slug"]), self.planner.relations)
        return None

    def local_graphs(self, specs: list[PageSpec], memo: GraphMemo | None = None,
                     complete: bool = True) -> dict[str, str]:
        """Every local graph of ``specs``, by source path. A build makes them in a second process
        beside the engine's Markdown rendering (``build/graph_worker.py``); serve keeps ``memo``
        between rebuilds, and draws again only a page whose neighbourhood (its nodes, their names
        and places, its edges) changed: an edit changes a handful of them. ``complete``:
        ``specs`` are all the site's pages (the memo then forgets pages that are gone); else only
        those planned again (``replan.py``)."""
        graphs: dict[str, str] = {}
        kept: GraphMemo = {}
        for spec in specs:
            hood = self.neighbourhood(spec)
            if hood is None:
                continue
            if memo is None:
                svg = self.local_graph(hood, spec.url)
            else:
                signature = (spec.url, tuple(hood.edges),
                             tuple(self.node(k) for k in (hood.centre, *hood.inner, *hood.outer)))
                found = memo.get(spec.src_uri)
                same = found is not None and found[0] == signature
                svg = found[1] if found is not None and same else self.local_graph(hood, spec.url)
                kept[spec.src_uri] = (signature, svg)
            if svg:
                graphs[spec.src_uri] = svg
        if memo is not None:
            if complete:
                memo.clear()
            memo.update(kept)
        return graphs

    def graph_page(self) -> PageSpec:
        """The site-wide graph: filters by kind and by event or series; data from ``graph.json``."""
        series = [{"slug": slug, "name": s.name} for slug, s in
                  sorted(self.timeline.series.items(), key=lambda i: i[1].name.casefold())]
        events = sorted(self.kb.entities["event"].values(), key=lambda e: e.name.casefold())
        context: dict[str, Any] = {
            "type": "graph", "data": GRAPH_DATA, "series": series,
            "events": [{"slug": e.slug, "name": e.name} for e in events],
            "kinds": [{"kind": k, "label": label} for k, label in GRAPH_KINDS],
        }
        spec = PageSpec(GRAPH_PAGE, "Graph", "hallway/graph.html", context=context)
        spec.link_mode = "off"
        spec.url = url_of(GRAPH_PAGE, self.planner.directory_urls)
        return spec

    def pages(self) -> list[PageSpec]:
        """The graph page. Local graphs are added later (:meth:`local_graphs`): they are needed
        only when templates are filled."""
        return [self.graph_page()]


#: Node kinds of the whole graph, in the order of its data file and its filter.
GRAPH_KINDS = (("talk", "Talks"), ("post", "Write-ups"), ("speaker", "Speakers"), ("event", "Events"),
               ("project", "Projects"), ("topic", "Topics"))
