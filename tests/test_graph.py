"""Graphs and link previews (issue 17): local graphs stay small, the whole graph is laid out once."""

from __future__ import annotations

import gzip
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hallway.core.build.graph_worker import BackgroundGraphs, make_graphs
from hallway.core.build.pipeline import build_site
from hallway.core.pages.graphs import MARGIN, TEXT_UP, GraphMemo, GraphPlanner, relative_url
from hallway.core.pages.site import Site
from hallway.core.pages.siteplan import SitePlanner
from hallway.core.publish.graph_data import graph_data
from hallway.core.publish.previews import bucket, plain_summary, preview_data, shard_of
from hallway.core.relate.graph import INNER_LIMIT, OUTER_LIMIT, PER_KIND

from .kbfixtures import make_kb, mkdocs_build, write_files


def _busy_kb(root: Path) -> Site:
    """One event with 40 talks, each by 3 of 20 speakers, on 4 of 30 topics: every page has more
    neighbours than a local graph shows."""
    files = {"events/big-2024.md": "---\nname: Big 2024\n---\n"}
    for i in range(40):
        speakers = ", ".join(f"Speaker {(i + k) % 20}" for k in range(3))
        topics = ", ".join(f"Topic {(i * 7 + k) % 30}" for k in range(4))
        title = f"Talk {i} <script>alert(1)</script>" if i == 0 else f"Talk {i}"
        files[f"talks/big-2024/t{i}.md"] = (f"---\ntitle: '{title}'\nevent: big-2024\n"
                                            f"date: 2024-01-{1 + i % 28:02d}\n"
                                            f"speakers: [{speakers}]\ntopics: [{topics}]\n---\nNotes.\n")
    write_files(root, files)
    site, problems = build_site(root)
    assert not [p for p in problems if p.severity == "error"], problems
    return site


def test_local_graphs_are_capped_link_to_real_pages_and_escape_titles(tmp_path: Path) -> None:
    site = _busy_kb(tmp_path)
    urls = {spec.url for spec in site.pages}
    local = make_graphs(site, directory_urls=True, with_layout=False).local
    graphs = {site.specs[src].url: svg for src, svg in local.items()}
    assert "talks/big-2024/t3/" in graphs and "events/big-2024/" in graphs and "topics/topic-3/" in graphs
    for url, svg in graphs.items():
        soup = BeautifulSoup(svg, "html.parser")
        links = soup.find_all("a")
        assert 0 < len(links) <= INNER_LIMIT + OUTER_LIMIT
        for link in links:
            target = posixpath.normpath(posixpath.join("/" + url, str(link["href"]))).lstrip("/") + "/"
            assert target in urls, (url, link["href"])
            # A screen reader's name holds what is shown, a shortened label's "…" included.
            assert link.get_text() in str(link["aria-label"]), link
        assert len(gzip.compress(svg.encode())) < 4_000  # well inside the 30 KB budget, no script
        assert "<script>" not in svg
    event = BeautifulSoup(graphs["events/big-2024/"], "html.parser")
    kinds = [a["class"][0] for a in event.find_all("a")]
    # 40 talks: the 10 newest, then the speakers and topics most often with it (PER_KIND of each).
    assert kinds.count("hw-graph__node--talk") == INNER_LIMIT
    assert kinds.count("hw-graph__node--speaker") == kinds.count("hw-graph__node--topic") == PER_KIND
    talk = BeautifulSoup(graphs["talks/big-2024/t0/"], "html.parser")
    assert str(talk.svg["aria-label"]).startswith("Talk 0 <script>alert(1)</script> and its")  # type: ignore[index]


def test_relative_urls() -> None:
    assert relative_url("talks/ev/a/", "speakers/ana/") == "../../../speakers/ana/"
    assert relative_url("talks/ev/a/", "talks/ev/b/") == "../b/"
    assert relative_url("talks/ev/a/", "talks/other/b/") == "../../other/b/"
    assert relative_url("events/ev/", "events/ev/") == "./"
    assert relative_url("", "topics/vpn/") == "topics/vpn/"
    assert relative_url("topics/vpn/", "") == "../../"


def test_whole_graph_data_is_compact_bounded_and_the_same_every_build(tmp_path: Path) -> None:
    site = _busy_kb(tmp_path)
    assert site.timeline is not None
    data = graph_data(site.kb, site.timeline)
    nodes, edges = data["nodes"], data["edges"]
    assert isinstance(nodes, list) and isinstance(edges, list)
    assert len(nodes) == 40 + 20 + 30 + 1
    assert len(edges) == 2 * 40 * (3 + 4 + 1)
    assert all(0 <= i < len(nodes) for i in edges)
    assert all(0 <= n[1] <= 1000 and 0 <= n[2] <= 1000 for n in nodes)
    talk = next(n for n in nodes if n[4] == "Talk 3")
    assert talk[5] == "talks/big-2024/t3/" and data["events"][talk[6]][0] == "big-2024"  # type: ignore[index]
    assert data == graph_data(site.kb, site.timeline)


def test_previews_are_plain_text_sharded_by_folder(tmp_path: Path) -> None:
    site = _busy_kb(tmp_path)
    shards = preview_data(site.kb, site.relations)
    talks = shard_of("talks/big-2024/t0/")
    assert talks == f"talks/{bucket('big-2024', 64)}"
    speakers = {shard_of(f"speakers/speaker-{i}/") for i in range(20)}
    topics = {shard_of(f"topics/topic-{i}/") for i in range(30)}
    assert set(shards) == {"events", talks} | speakers | topics and len(speakers) > 1
    assert shards[talks]["talks/big-2024/t0/"] == {
        "k": "Talk", "t": "Talk 0 <script>alert(1)</script>", "s": "Speaker 0, Speaker 1, Speaker 2",
        "e": "Big 2024", "d": "2024-01-01"}
    assert shards["events"]["events/big-2024/"]["d"] == "40 talks"
    assert bucket("ab", 1000) == (97 * 31 + 98) % 1000 and shard_of("events/x/") == "events"
    assert plain_summary("Uses **[WireGuard](https://x.example/)** and [[n2n|N2N]].\n\nMore.") == \
        "Uses WireGuard and N2N."


def test_the_second_process_makes_the_same_graphs_as_the_build_itself(tmp_path: Path) -> None:
    site = _busy_kb(tmp_path)
    here = make_graphs(site, directory_urls=True, with_layout=True)
    job = BackgroundGraphs(site, directory_urls=True)
    assert job.result().local == here.local  # the local graphs first, for the templates
    assert job.positions() == here.positions  # the layout later, for publishing
    assert site.timeline is not None
    assert graph_data(site.kb, site.timeline, positions=here.positions) == graph_data(site.kb, site.timeline)


def test_serve_draws_again_only_the_local_graphs_an_edit_changed(tmp_path: Path) -> None:
    site = _busy_kb(tmp_path)
    assert site.timeline is not None
    memo: GraphMemo = {}
    first = make_graphs(site, directory_urls=True, with_layout=False, memo=memo).local
    assert first == make_graphs(site, directory_urls=True, with_layout=False).local
    write_files(tmp_path, {"speakers/speaker-3.md": "---\nname: Speaker Three\n---\n"})
    edited, _ = build_site(tmp_path)
    planner = GraphPlanner(SitePlanner(edited.kb, edited.relations), site.timeline)
    again = planner.local_graphs(edited.pages, memo)
    assert again == make_graphs(edited, directory_urls=True, with_layout=False).local
    redrawn = {src for src, svg in again.items() if svg is not first.get(src)}
    shows_three = {src for src, svg in again.items() if "Speaker Three" in svg}
    assert shows_three and redrawn == shows_three  # renamed: only graphs showing it are drawn again


def test_a_local_graph_is_as_tall_as_what_it_draws(tmp_path: Path) -> None:
    site = _busy_kb(tmp_path)
    local = make_graphs(site, directory_urls=True, with_layout=False).local
    tops = []
    for svg in local.values():
        box = re.search(r'viewBox="0 (\d+) \d+ (\d+)"', svg)
        assert box is not None
        top, height = int(box[1]), int(box[2])
        circles = [(int(y), int(r)) for y, r in re.findall(r'<circle cx="\d+" cy="(\d+)" r="(\d+)"', svg)]
        texts = [int(y) for y in re.findall(r'<text x="\d+" y="(\d+)"', svg)]
        ys = [y - r for y, r in circles] + [y - TEXT_UP for y in texts]
        lows = [y + r for y, r in circles]
        # Everything drawn is inside the box, and the box starts just above the highest of it.
        assert top <= min(ys) <= top + MARGIN and max(lows) <= top + height
        tops.append(top)
    assert max(tops) > 0 and len(set(tops)) > 1  # boxes differ by what each page draws


def test_local_graphs_can_be_turned_off_the_whole_graph_stays(tmp_path: Path) -> None:
    site = _busy_kb(tmp_path)
    off = make_graphs(site, directory_urls=True, with_layout=True, local=False)
    assert off.local == {} and off.positions == make_graphs(site, True, with_layout=True).positions
    job = BackgroundGraphs(site, directory_urls=True, local=False)
    assert job.result().local == {} and job.positions() == off.positions


@pytest.mark.build
def test_the_local_graph_option_of_the_plugin(tmp_path: Path) -> None:
    files = {"events/eo-2024.md": "---\nname: EO 2024\n---\n",
             "talks/eo-2024/a.md": "---\ntitle: A\nevent: eo-2024\nspeakers: [Ana]\n---\nNotes.\n"}
    make_kb(tmp_path, files, options={"local_graph": "false"})
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.output
    assert result.page("talks/eo-2024/a/").find("section", class_="hw-graph") is None
    assert result.page("speakers/ana/").find("section", class_="hw-graph") is None
    assert result.exists("graph/") and (result.site / "graph.json").is_file()
