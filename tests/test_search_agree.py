"""Site search (Pagefind, in Chromium) and ``hallway search`` (Whoosh) agree on the same queries.

One shared list of queries, with the notes each must find, runs against both engines over the
repository's own knowledge base: words, partial words (a word's start finds it, as Pagefind
does), aliases, names of speakers and topics, and filters written as a slug, a name or an alias in
any case (``?topic=legacy-systems`` on the site, ``--topic legacy-systems`` in the terminal).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

import pytest

from hallway.search.engine import search

from .browser import launch, require_chromium
from .kbfixtures import REPO, BuildResult
from .linkcheck import serve_under

pytestmark = pytest.mark.filterwarnings("error")

EO = "talks/everything-open-2025/"
N3N = EO + "presenting-n3n-a-simple-peer-to-peer-vpn.md"
KOHA = EO + "koha-not-your-average-library-system.md"
AXE = EO + "from-the-stone-age-to-silicon-the-dwarf-axe-guide-to-the-evolution-of-technology.md"
LAGOON = EO + "developing-in-the-open-building-a-product-with-our-users.md"
GITBOOK = EO + "the-circle-of-life-the-digital-skills-gitbook-project.md"
EXPORTER = "posts/node-exporter-crashing-an-old-server.md"

#: (words, filters, the notes both engines must find). Filters are what the address or the
#: command line says, exactly as a user would type them.
QUERIES: list[tuple[str, dict[str, list[str]], set[str]]] = [
    ("wireguard", {}, {N3N}),
    ("wiregu", {}, {N3N}),                                  # the start of a word
    ("kubernet", {}, {LAGOON}),
    ("CLA", {}, {N3N}),                                     # a topic's alias
    ("Aleisha Amohia", {}, {KOHA}),                         # a speaker's name, not in the text
    ("", {"topic": ["legacy-systems"]}, {AXE, KOHA, EXPORTER}),  # a slug
    ("", {"topic": ["LEGACY SYSTEMS"]}, {AXE, KOHA, EXPORTER}),  # a name, any case
    ("", {"event": ["eo2025"]}, {N3N, KOHA, AXE, LAGOON, GITBOOK}),  # an alias
    ("", {"speaker": ["sara-king"]}, {GITBOOK}),
    ("", {"kind": ["write-up"]}, {EXPORTER}),
]


def _id(query: tuple[str, dict[str, list[str]], set[str]]) -> str:
    words, filters, _ = query
    return " ".join([words, *(f"{k}={v}" for k, values in filters.items() for v in values)]).strip()


@pytest.fixture(scope="module")
def kb_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("agree")
    for name in ("talks", "posts", "speakers", "events", "projects", "topics"):
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.fixture(scope="module")
def site_page(real_site: BuildResult) -> Iterator[tuple[Any, str]]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with serve_under(real_site.site, "/hallway/") as base, sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith("http://127.0.0.1") else route.abort())
        yield context.new_page(), base
        browser.close()


def site_results(page: Any, base: str, words: str, filters: dict[str, list[str]]) -> set[str]:
    params = ([("q", words)] if words else []) + [(k, v) for k, values in filters.items() for v in values]
    page.goto(f"{base}search/?{urlencode(params)}")
    page.wait_for_function("() => document.querySelector('.hw-result') || /No notes match/.test("
                           "document.querySelector('[data-hw-app-status]').textContent)")
    hrefs = page.eval_on_selector_all(".hw-result__title", "links => links.map(a => a.href)")
    prefix = urlsplit(base).path
    return {unquote(urlsplit(h).path)[len(prefix):].rstrip("/") + ".md" for h in hrefs}


def terminal_results(root: Path, words: str, filters: dict[str, list[str]]) -> set[str]:
    return {hit.path for hit in search(root, words, filters, limit=50).outcome.hits}


@pytest.mark.parametrize("query", QUERIES, ids=_id)
def test_the_terminal_finds_the_shared_queries(kb_copy: Path,
                                                 query: tuple[str, dict[str, list[str]], set[str]]) -> None:
    words, filters, expected = query
    assert terminal_results(kb_copy, words, filters) == expected


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=_id)
def test_site_search_finds_the_same(site_page: tuple[Any, str],
                                    query: tuple[str, dict[str, list[str]], set[str]]) -> None:
    words, filters, expected = query
    page, base = site_page
    assert site_results(page, base, words, filters) == expected


@pytest.mark.browser
def test_a_slug_in_the_address_checks_the_named_filter_without_a_phantom(site_page: tuple[Any, str]) -> None:
    page, base = site_page
    site_results(page, base, "", {"topic": ["legacy-systems"]})
    values = page.eval_on_selector_all("[data-hw-facet=topic] input:checked",
                                       "boxes => boxes.map(b => b.value)")
    assert values == ["Legacy systems"]
    assert page.query_selector("[data-hw-facet=topic] input[value='legacy-systems']") is None
    assert "topic=Legacy+systems" in page.url or "topic=Legacy%20systems" in page.url
