"""An archive-sized site stays light and readable (issue 16), checked on a generated knowledge base
with the paging limits lowered so that a 400-talk site pages like a 20,000-talk one.

Real ``mkdocs build --strict`` and Pagefind; ``scripts/site_weight.py`` measures the result, and
Chromium runs the first search the way a reader does.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from hallway.core.finish.page_weight import IconSprite, compact_whitespace

from .kbfixtures import REPO, BuildResult, article, make_kb, mkdocs_build

sys.path.insert(0, str(REPO / "scripts"))
import site_weight
import synthkb

TALKS = 400
MAX_CARDS = 15
MAX_NAMES = 6
BASE = "http://site.test/"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, synthkb.SynthKB]:
    root = tmp_path_factory.mktemp("archive")
    kb = synthkb.generate(root, TALKS)
    make_kb(root, {}, options={"max_cards_per_page": str(MAX_CARDS), "max_names_per_page": str(MAX_NAMES)})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    return result, kb


def page_url(rel_note: str) -> str:
    return rel_note.removesuffix(".md") + "/"


def content_links(site: Path, url: str) -> set[str]:
    """Site URLs (``talks/x/y/``) that a page's content links to."""
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    found = set()
    for link in article(soup).find_all("a", href=True):
        target = urlsplit(urljoin(BASE + url, str(link["href"])))
        if target.netloc == urlsplit(BASE).netloc:
            found.add(unquote(target.path).lstrip("/"))
    return found


def reachable(site: Path, start: str, clicks: int) -> set[str]:
    seen, frontier = {start}, {start}
    for _ in range(clicks):
        frontier = {t for url in frontier if (site / url / "index.html").is_file()
                    for t in content_links(site, url)} - seen
        seen |= frontier
    return seen


@pytest.mark.build
def test_every_talk_is_two_clicks_from_the_paged_talks_index(archive: tuple[BuildResult, Any]) -> None:
    result, kb = archive
    index = article(result.page("talks/"))
    assert not index.select(".hw-card"), "the talks index lists events, not every talk"
    years = [h.get_text(" ", strip=True) for h in index.select("h2")]
    assert years == ["2001 200", "2000 200"]
    assert [a["href"] for a in index.select("h2 a")] == ["../years/2001/", "../years/2000/"]
    reached = reachable(result.site, "talks/", 2)
    assert {page_url(t) for t in kb.talks} <= reached


@pytest.mark.build
def test_a_long_year_lists_its_events_with_counts(archive: tuple[BuildResult, Any]) -> None:
    result, _ = archive
    year = article(result.page("years/2000/"))
    assert not year.select(".hw-card")
    heads = [h.get_text(" ", strip=True) for h in year.select("h2[id^=event-]")]
    assert heads == ["Synthcon 2000 A 50", "Synthcon 2000 B 50", "Synthcon 2000 C 50", "Synthcon 2000 D 50"]


@pytest.mark.build
def test_long_indexes_are_split_by_initial_letter(archive: tuple[BuildResult, Any]) -> None:
    result, kb = archive
    speakers = {s for meta in kb.meta.values() for s in meta["speakers"]}
    index = article(result.page("speakers/"))
    count = index.select_one("h1 .hw-count")
    files = len(list((result.site.parent / "speakers").glob("*.md")))
    assert count is not None and count.get_text() == str(files)
    letter_links = [str(a["href"]) for a in index.select(".hw-letters a")]
    assert letter_links[0] == "letter/a/" and any(href.endswith("-2/") for href in letter_links)
    assert len(index.select("#most-notes + ul li")) == 30  # the speakers with the most talks
    listed: list[str] = []
    for href in letter_links:
        page = article(result.page("speakers/" + href))
        names = page.select(".hw-counted a")
        assert 0 < len(names) <= MAX_NAMES
        listed += [str(a["href"]).removeprefix("../../") for a in names]
    assert len(listed) == len(set(listed))
    assert {f"{slug}/" for slug in speakers} <= set(listed)


@pytest.mark.build
def test_a_topic_with_many_talks_shows_the_newest_and_links_to_all(archive: tuple[BuildResult, Any]) -> None:
    result, kb = archive
    counts: dict[str, int] = {}
    for meta in kb.meta.values():
        for topic in meta["topics"]:
            counts[topic] = counts.get(topic, 0) + 1
    slug = max(counts, key=lambda t: counts[t])
    assert counts[slug] > MAX_CARDS
    page = article(result.page(f"topics/{slug}/"))
    total = page.select_one("#talks .hw-count")
    assert total is not None and total.get_text() == str(counts[slug])
    assert len(page.select(".hw-year-heading + .hw-cards .hw-card")) == MAX_CARDS
    more = page.select_one(".hw-more a")
    assert more is not None and str(more["href"]).startswith("../../search/?topic=")
    assert more.get_text() == f"search within all {counts[slug]}"


@pytest.mark.build
def test_the_site_is_light_pages_bounded_and_search_in_few_files(archive: tuple[BuildResult, Any]) -> None:
    result, kb = archive
    weight = site_weight.measure(result.site, browser=False)
    assert weight["html"]["over_limit"] == []
    assert weight["html"]["largest"]["bytes"] < 120 * 1024  # an event lists all its 50 talks
    kinds = weight["kinds"]
    fragments = kinds["pagefind/fragment"]["files"]
    assert fragments < TALKS / 8
    assert all(p.suffix == ".pf_bundle" for p in (result.site / "pagefind/fragment").iterdir())
    assert not (result.site / "pagefind/pagefind-ui.js").exists()
    # Every page shares one icon file instead of carrying the icons itself.
    talk = (result.site / page_url(kb.talks[0]) / "index.html").read_text(encoding="utf-8")
    chrome = talk.split("<article")[0]
    assert '<use href="../../../assets/hallway/icons.svg#i' in talk and "<path" not in chrome
    assert (result.site / "assets/hallway/icons.svg").read_text(encoding="utf-8").count("<symbol") >= 5
    assert "\n " not in chrome, "template indentation is dropped"
    # A large sitemap sits behind a small index, so that no page view downloads it.
    index = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and "https://example.org/kb/sitemap-pages.xml" in index
    pages = (result.site / "sitemap-pages.xml").read_text(encoding="utf-8")
    assert f"https://example.org/kb/{page_url(kb.talks[-1])}" in pages
    # The search page names its filter values in files of their own, fetched on demand.
    assert (result.site / "search/names/speaker.json").is_file()
    assert "data-hw-filter-names-src" in (result.site / "search/index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_the_first_search_is_small_and_right(archive: tuple[BuildResult, Any], browser: Any) -> None:
    """Known answers: a speaker's talks, found by the speaker's slug in the address (names fetched
    from search/names/), and a talk's title words in the header box (texts from bundles)."""
    result, kb = archive
    slug = next(s for meta in kb.meta.values() for s in meta["speakers"])
    talks = sorted(meta["title"] for meta in kb.meta.values() if slug in meta["speakers"])
    with site_weight.serve(result.site) as base:
        page = browser.new_page()
        page.goto(f"{base}search/?speaker={slug}")
        page.wait_for_selector(".hw-result")
        assert sorted(t.inner_text() for t in page.query_selector_all(".hw-result__title")) == talks
        assert page.query_selector("[data-hw-facet=speaker] input:checked") is not None  # its counts load
        # Past max_names values a filter's counts load when asked: the first query stays small.
        page.goto(f"{base}search/?q=talk")
        page.wait_for_selector("[data-hw-facet=kind] input")
        speakers = "[data-hw-facet=speaker]"
        assert page.query_selector(f"{speakers} input") is None
        assert page.inner_text(f"{speakers} .hw-facet__more") == "Show speakers"
        page.click(f"{speakers} .hw-facet__more")
        page.wait_for_selector(f"{speakers} input")
        assert page.inner_text(f"{speakers} .hw-facet__more").startswith("Show all ")
        page.goto(base)
        title = str(kb.meta[kb.talks[123]]["title"])
        page.keyboard.press("/")
        page.keyboard.type(title.split(": ")[0])  # "Talk 00123"
        page.wait_for_function("q => document.querySelector('[data-hw-search-list]').dataset.query === q",
                               arg=title.split(": ")[0])
        assert page.inner_text("[data-hw-search-list] .md-search-result__item h1") == title
        page.close()
    first = site_weight.first_query(result.site, "cluster", browser)
    assert first is not None
    for where in ("search_page", "header_box", "filters_only"):
        assert first[where]["results"] > 0
        assert first[where]["bytes"] < 1024 * 1024
        assert "sitemap-pages.xml" not in first[where]["by_kind"]


def test_whitespace_is_compacted_outside_code_only() -> None:
    html = ("<p>\n    Made with\n      <a href='x'>Material</a>\n</p>\n"
            "<pre><code>def f():\n    return 1\n</code></pre>\n  <p>x</p>")
    assert compact_whitespace(html) == ("<p>\nMade with\n<a href='x'>Material</a>\n</p>\n"
                                        "<pre><code>def f():\n    return 1\n</code></pre>\n<p>x</p>")


def test_icons_become_references_to_one_shared_file() -> None:
    sprite = IconSprite()
    icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>'
    chart = '<svg class="hw-chart__svg" viewBox="0 0 10 10"><path d="M0 0h1"/></svg>'
    out = sprite.replace(f"<label>{icon}</label>{chart}", "talks/eo/x/index.html")
    assert out.startswith('<label><svg viewBox="0 0 24 24"><use href="../../../assets/hallway/icons.svg#i')
    assert out.endswith(chart)  # Hallway's own drawings stay in the page
    assert sprite.sprite().count('<symbol id="i') == 1 and 'd="M3 6h18v2H3z"' in sprite.sprite()


@pytest.mark.build
def test_a_long_program_gets_a_page_per_day(tmp_path: Path) -> None:
    """An event with more program lines than a page holds (FOSDEM: ~1,000) links one page per day."""
    files = {"events/fest-2025.md": "---\nname: Fest 2025\n---\n"}
    for i in range(8):
        files[f"talks/fest-2025/t{i}.md"] = (f"---\ntitle: Session {i}\nevent: Fest 2025\n"
                                             f"date: 2025-02-0{1 + i % 2}\nstart: '1{i}:00'\n"
                                             f"room: Room {'AB'[i % 2]}\nspeakers: [Ana Smith]\n---\n")
    root = make_kb(tmp_path, files, options={"max_cards_per_page": "2"})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    event = article(result.page("events/fest-2025/"))
    days = {a.get_text(): str(a["href"]) for a in event.select("#program + ul a")}
    assert days == {"2025-02-01": "2025-02-01/", "2025-02-02": "2025-02-02/"}
    assert not event.select(".hw-program__talks") and not event.select("#talks")
    day = article(result.page("events/fest-2025/2025-02-01/"))
    assert [a.get_text() for a in day.select(".hw-program__talks > li > a")] == [
        "Session 0", "Session 2", "Session 4", "Session 6"]
    assert day.select_one(".hw-eyebrow a")["href"] == "../"  # type: ignore[index]
