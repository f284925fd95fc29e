"""Across the years (issue 17): event series, year pages and charts of talks per year."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hallway.core.authoring.suggest import suggestions
from hallway.core.build.pipeline import build_site
from hallway.core.pages.charts import year_chart
from hallway.core.relate.timeline import build_timeline, series_name

from .kbfixtures import article, make_kb, mkdocs_build, write_files


@pytest.mark.parametrize(("name", "series"), [
    ("linux.conf.au 2013", "linux.conf.au"),
    ("FOSDEM 2007", "FOSDEM"),
    ("Everything Open 2025", "Everything Open"),
    ("PyCon AU (2024)", "PyCon AU"),
    ("LCA-2019", "LCA"),
    ("2024 Open Source Summit", "Open Source Summit"),
    ("FOSDEM '25", None),  # no four-digit year: not guessed
    ("Kiwicon", None),
    ("Room 20250", None),
])
def test_series_is_the_name_without_its_year(name: str, series: str | None) -> None:
    assert series_name(name) == series


KB = {
    "events/lca-2013.md": "---\nname: linux.conf.au 2013\nlocation: Canberra\n---\n",
    "events/lca-2019.md": "---\nname: linux.conf.au 2019\nlocation: Christchurch\n---\n",
    "events/eo-2024.md": "---\nname: Everything Open 2024\nseries: everything-open\n---\n",
    "events/eo-2025.md": "---\nname: EO 25\nseries: everything-open\ndates: 2025-01-20 to 2025-01-22\n---\n",
    "topics/vpn.md": "---\nname: VPN\n---\n",
    "topics/wireguard.md": "---\nname: WireGuard\n---\n",
    "talks/lca-2013/a.md": "---\ntitle: Tunnels\nevent: lca-2013\ntopics: [vpn]\n---\n",
    "talks/lca-2019/b.md": "---\ntitle: More tunnels\nevent: lca-2019\ntopics: [vpn]\n---\n",
    "talks/lca-2019/c.md": "---\ntitle: Keys\nevent: lca-2019\ntopics: [vpn, wireguard]\n---\n",
    "talks/eo-2025/d.md": "---\ntitle: WG at home\nevent: eo-2025\ndate: 2025-01-21\n"
                          "topics: [wireguard]\n---\n",
    "posts/e.md": "---\ntitle: My year\ndate: 2019-06-01\n---\nNotes.\n",
}


def test_series_editions_years_and_counts(tmp_path: Path) -> None:
    write_files(tmp_path, KB)
    site, problems = build_site(tmp_path)
    assert not [p for p in problems if p.severity == "error"]
    timeline = build_timeline(site.kb, site.relations)
    assert sorted(timeline.series) == ["everything-open", "linux-conf-au"]
    lca = timeline.series["linux-conf-au"]
    assert (lca.name, lca.years, lca.declared) == ("linux.conf.au", "2013–2019", False)
    assert [(e.event, e.year, e.talks) for e in lca.editions] == [("lca-2013", 2013, 1),
                                                                  ("lca-2019", 2019, 2)]
    eo = timeline.series["everything-open"]
    assert eo.declared and [e.year for e in eo.editions] == [2024, 2025]  # "EO 25": year from dates:
    before, after = timeline.neighbours("lca-2019")
    assert before is not None and before.event == "lca-2013" and after is None
    # Undated talks count in their event's year; the chart runs from the first year to the last.
    assert timeline.per_year(("topic", "vpn"), timeline.last_year)[:2] == [(2013, 1), (2014, 0)]
    assert timeline.per_year(("topic", "vpn"))[-1] == (2019, 2)
    assert timeline.first_year[("topic", "wireguard")] == 2019
    messages = [s.format() for s in suggestions(site)]
    assert any(m.startswith("events/lca-2013.md:1: suggest: series 'linux-conf-au'") for m in messages)
    assert not any(m.startswith("events/eo-2024.md") for m in messages)  # declared: nothing to say


def test_a_series_that_is_not_a_slug_is_reported_with_the_fix(tmp_path: Path) -> None:
    write_files(tmp_path, {"events/x-2020.md": "---\nname: X 2020\nseries: Linux Conf AU\n---\n"})
    site, problems = build_site(tmp_path)
    message = "events/x-2020.md:3: series: warning: series 'Linux Conf AU' is not a slug"
    assert any(p.format().startswith(message)
               and "series: linux-conf-au" in p.format() for p in problems)
    assert site.kb.entities["event"]["x-2020"].series == "linux-conf-au"


def test_chart_has_a_text_alternative_and_escapes_its_id() -> None:
    svg = year_chart([(2019, 2), (2020, 0), (2021, 5)], 'chart-"x"')
    soup = BeautifulSoup(svg, "html.parser")
    graphic = soup.find("svg")
    assert graphic is not None and graphic["role"] == "img"
    assert graphic["aria-labelledby"] == 'chart-"x"-t chart-"x"-d'
    assert soup.find("desc").get_text() == "7 talks from 2019 to 2021; most in 2021 (5)."  # type: ignore[union-attr]
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in soup.select("table tr")[1:]]
    assert rows == [["2019", "2"], ["2020", "0"], ["2021", "5"]]
    heights = [float(r["height"]) for r in soup.find_all("rect")]  # type: ignore[arg-type]
    assert heights[2] > heights[0] > heights[1] > 0  # a zero year still shows a sliver
    assert all(r.get("fill") is None for r in soup.find_all("rect"))  # colour from CSS: dark mode works
    assert year_chart([], "x") == "" and year_chart([(2020, 0)], "x") == ""


def test_series_year_and_timeline_pages(kb: Path) -> None:
    make_kb(kb, KB)
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    series = article(result.page("series/linux-conf-au/"))
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in series.select("table tbody tr")]
    assert rows == [["2019", "linux.conf.au 2019", "Christchurch", "2", "0"],
                    ["2013", "linux.conf.au 2013", "Canberra", "1", "0"]]
    event = article(result.page("events/lca-2013/"))
    nav = event.select_one(".hw-edition-nav")
    assert nav is not None
    assert [a.get_text() for a in nav.find_all("a")] == ["linux.conf.au", "2013", "linux.conf.au 2019 →"]
    assert nav.select_one("a[rel=next]")["href"] == "../lca-2019/"  # type: ignore[index]
    year = article(result.page("years/2019/"))
    assert [h.get_text(" ", strip=True) for h in year.find_all("h2")] == [
        "New topics in 2019", "linux.conf.au 2019 2", "Not at an event 1"]
    assert [a.get_text() for a in year.select(".hw-new-topics a")] == ["WireGuard"]
    topic = article(result.page("topics/vpn/"))
    assert topic.select_one("svg[role=img] desc").get_text() == (  # type: ignore[union-attr]
        "3 talks from 2013 to 2025; most in 2019 (2).")
    assert [h.get_text(" ", strip=True) for h in topic.select("h3.hw-year-heading")] == ["2019 2", "2013 1"]
    home = article(result.page(""))
    assert [a.get_text() for a in home.select("#newest-topics + ul a")] == ["WireGuard", "VPN"]
    assert [a.get_text() for a in home.select(".hw-years a")] == ["2025", "2019", "2013"]


def test_a_serve_rebuild_keeps_the_timeline_and_orders_a_retitled_talk_afresh(tmp_path: Path) -> None:
    """Serve: a title edit moves a talk among its year's notes; a body edit moves nothing. The
    timeline is kept from the last build (series and counts the same objects) and each year's
    notes are the new notes, in a fresh build's order."""
    from hallway.core.build.cache import BuildCache

    write_files(tmp_path, KB)
    cache = BuildCache()
    site, _ = build_site(tmp_path, cache=cache)
    cache.plan = site.plan
    talk = tmp_path / "talks/lca-2019/c.md"
    for edit in ("title", "body"):
        text = talk.read_text(encoding="utf-8")
        talk.write_text(text.replace("title: Keys", "title: Zebra keys") if edit == "title"
                        else text + "Notes on keys.\n", encoding="utf-8")
        warm, _ = build_site(tmp_path, cache=cache)
        assert warm.timeline is not None and site.timeline is not None
        assert warm.timeline.series is site.timeline.series  # kept, not built again
        fresh = build_timeline(warm.kb, warm.relations)
        assert {year: [n.path for n in notes] for year, notes in warm.timeline.notes_by_year.items()} == {
            year: [n.path for n in notes] for year, notes in fresh.notes_by_year.items()}
        by_year = warm.timeline.notes_by_year
        assert all(n is warm.kb.notes[n.path] for notes in by_year.values() for n in notes)
        # the dated post first, then the undated talks by title: the retitled one moved down
        assert [n.title for n in warm.timeline.notes_by_year[2019]] == ["My year", "More tunnels",
                                                                        "Zebra keys"]
        cache.plan, site = warm.plan, warm
