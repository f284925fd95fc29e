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

GRAPH_PAGE = "graph/index.md"
GRAPH_DATA = "graph.json"
WIDTH, HEIGHT = 760, 460
INNER_RADIUS, OUTER_RADIUS = 95, 190
LABEL_CHARS = 22


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
        cx, cy = WIDTH / 2, HEIGHT / 2
        places: dict[Key, tuple[float, float, float]] = {hood.centre: (cx, cy, 0.0)}
        angles: dict[Key, float] = {}
        for i, key in enumerate(hood.inner):
            angles[key] = -math.pi / 2 + 2 * math.pi * i / len(hood.inner)
        links: dict[Key, list[Key]] = {}
        for a, b, _ in hood.edges:
            links.setdefault(a, []).append(b)
            links.setdefault(b, []).append(a)

        def preferred(key: Key) -> float:
            near = [angles[k] for k in links.get(key, []) if k in angles]
            if not near:
                return math.pi  # linked to the centre only: the far side
            return math.atan2(sum(map(math.sin, near)), sum(map(math.cos, near)))

        outer = sorted(hood.outer, key=lambda k: (preferred(k) % (2 * math.pi), k))
        if outer:
            start = preferred(outer[0])
            for i, key in enumerate(outer):
                angles[key] = start + 2 * math.pi * i / len(outer)
        for key in hood.inner:
            places[key] = (cx + INNER_RADIUS * math.cos(angles[key]),
                           cy + INNER_RADIUS * math.sin(angles[key]), angles[key])
        for key in outer:
            places[key] = (cx + OUTER_RADIUS * math.cos(angles[key]),
                           cy + OUTER_RADIUS * math.sin(angles[key]), angles[key])
        centre_label = escape(self.kb.notes[hood.centre[1]].title if hood.centre[0] == "note"
                              else self.kb.entities[hood.centre[0]][hood.centre[1]].name)
        parts = [f'<svg class="hw-graph__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
                 f'aria-label="{centre_label} and its neighbours: {hood.size - 1} links" '
                 'xmlns="http://www.w3.org/2000/svg"><g class="hw-graph__edges" aria-hidden="true">']
        for a, b, weight in hood.edges:
            (x1, y1, _), (x2, y2, _) = places[a], places[b]
            style = ' class="hw-graph__edge--weak"' if weight == 0 else ""
            parts.append(f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
                         f'stroke-width="{0.6 + weight / 2:.1f}"{style}/>')
        parts.append("</g>")
        for key in [hood.centre, *hood.inner, *outer]:
            kind, url, label, title = self.node(key)
            x, y, angle = places[key]
            if key == hood.centre:
                parts.append(f'<g class="hw-graph__node hw-graph__node--{kind} hw-graph__node--self">'
                             f'<circle cx="{x:.0f}" cy="{y:.0f}" r="9"/>'
                             f'<text x="{x:.0f}" y="{y + 22:.0f}" text-anchor="middle">{label}</text></g>')
                continue
            cos = math.cos(angle)
            anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
            dx = 9 if anchor == "start" else -9 if anchor == "end" else 0
            dy = 4 if anchor != "middle" else (16 if math.sin(angle) > 0 else -10)
            # The name is the aria-label (and the link preview on hover): no <title>, fewer bytes.
            parts.append(f'<a class="hw-graph__node hw-graph__node--{kind}" '
                         f'href="{escape(relative_url(page_url, url))}" aria-label="{title}">'
                         f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{6 if key in hood.inner else 5}"/>'
                         f'<text x="{x + dx:.0f}" y="{y + dy:.0f}" text-anchor="{anchor}">{label}</text></a>')
        parts.append("</svg>")
        return "".join(parts)

    def add_local_graph(self, spec: PageSpec) -> None:
        context = spec.context
        if context.get("type") == "note":
            hood = note_neighbourhood(self.kb.notes[spec.src_uri], self.planner.relations)
        elif context.get("type") == "entity":
            hood = entity_neighbourhood((context["kind"], context["slug"]), self.planner.relations)
        else:
            return
        context["local_graph"] = self.local_graph(hood, spec.url)

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

    def pages(self, specs: list[PageSpec]) -> list[PageSpec]:
        """The graph page; adds a local graph to every note and entity page of ``specs``."""
        for spec in specs:
            self.add_local_graph(spec)
        return [self.graph_page()]


#: Node kinds of the whole graph, in the order of its data file and its filter.
GRAPH_KINDS = (("talk", "Talks"), ("post", "Write-ups"), ("speaker", "Speakers"), ("event", "Events"),
               ("project", "Projects"), ("topic", "Topics"))
