"""Local graphs and the whole graph's layout, made in a second process beside the engine's rendering.

Every note and entity page's local graph (~1.2 s of CPU at 5,000 talks) and the whole graph's
layout (~0.6 s) are needed late: the local graphs when templates are filled, after every page's
Markdown is rendered, and the layout when the site is published. A large one-off build forks a
process for them as soon as the site is planned (it shares the loaded knowledge base, as the page
finisher's worker does), and takes the result when it needs it; serve, and small builds, make
them in the build's own process. Either way the output is the same (``tests/test_graph.py``).
"""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from ..pages.graphs import GraphMemo, GraphPlanner
from ..pages.site import Site
from ..pages.siteplan import SitePlanner
from ..publish.graph_data import layout
from ..relate.graph import whole_graph


@dataclass
class Graphs:
    """What the worker makes: each page's local graph SVG, and the whole graph's positions."""

    local: dict[str, str]
    positions: list[tuple[int, int]] | None
    """``None`` when not made yet (``publish/graph_data.py`` then lays the graph out itself)."""


def make_graphs(site: Site, directory_urls: bool, with_layout: bool,
                memo: GraphMemo | None = None, local: bool = True) -> Graphs:
    """Every local graph of ``site`` (none unless ``local``; not those of pages kept from the last
    plan, which have theirs: ``pages/replan.py``) and, ``with_layout``, the layout of its whole
    graph; ``memo`` is serve's (``BuildCache.local_graphs``)."""
    assert site.timeline is not None
    planner = GraphPlanner(SitePlanner(site.kb, site.relations, directory_urls), site.timeline)
    positions = None
    if with_layout:
        graph = whole_graph(site.kb)
        positions = layout(len(graph.nodes), graph.edges)
    if not local:
        return Graphs({}, positions)
    pages = [spec for spec in site.pages if spec.src_uri not in site.kept] if site.kept else site.pages
    return Graphs(planner.local_graphs(pages, memo, complete=not site.kept), positions)


def _work(site: Site, directory_urls: bool, local: bool, connection: Connection) -> None:
    # The local graphs first: the build needs them when templates are filled. The whole graph's
    # layout (~20 s of CPU at 20,000 talks: igraph's Fruchterman-Reingold over 37,000 nodes) is
    # only needed when the site is published, so the build need not wait for it before then.
    try:
        connection.send(make_graphs(site, directory_urls, with_layout=False, local=local))
        graph = whole_graph(site.kb)
        connection.send(layout(len(graph.nodes), graph.edges))
    finally:
        connection.close()


class BackgroundGraphs:
    """:func:`make_graphs` in a forked process; :meth:`result` waits for it (or makes them here if
    the process died)."""

    def __init__(self, site: Site, directory_urls: bool, local: bool = True) -> None:
        self._site, self._directory_urls, self._local = site, directory_urls, local
        context: Any = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_work, args=(site, directory_urls, local, send), daemon=True)
        self._process.start()
        send.close()
        self._result: Graphs | None = None
        self._positions: list[tuple[int, int]] | None = None
        self._layout_reader: threading.Thread | None = None

    def result(self) -> Graphs:
        """The local graphs (positions still ``None``: see :meth:`positions`)."""
        if self._result is None:
            try:
                self._result = self._receive.recv()
            except (EOFError, OSError):  # the worker died: do the work here rather than fail
                self._result = make_graphs(self._site, self._directory_urls, with_layout=False,
                                           local=self._local)
                self.close()
            else:
                # Take the layout as soon as it is sent: the worker (a fork of the whole build) then
                # exits instead of waiting, blocked on a full pipe, until the site is published.
                self._layout_reader = threading.Thread(target=self._read_layout, name="hallway-graph-layout",
                                                       daemon=True)
                self._layout_reader.start()
        assert self._result is not None
        return self._result

    def _read_layout(self) -> None:
        try:
            self._positions = self._receive.recv()
        except (EOFError, OSError):
            self._positions = None

    def positions(self) -> list[tuple[int, int]] | None:
        """The whole graph's layout, once the worker has it; ``None`` if it died (the publisher
        then lays the graph out itself)."""
        self.result()
        if self._layout_reader is not None:
            self._layout_reader.join()
            self._layout_reader = None
        self.close()
        return self._positions

    def close(self) -> None:
        self._receive.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def apply_local_graphs(site: Site, graphs: Graphs) -> None:
    """Put each page's local graph in its view model."""
    for src_uri, svg in graphs.local.items():
        spec = site.specs.get(src_uri)
        if spec is not None:
            spec.context["local_graph"] = svg
