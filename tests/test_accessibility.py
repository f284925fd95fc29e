"""Accessibility of the built site, checked by axe-core in Chromium (issue 19).

The repository's own knowledge base is built (real ``mkdocs build --strict``, real Pagefind) and
served under its ``site_url`` path. axe-core, pinned in scripts/axe/package-lock.json and installed
by ``make test`` (``npm ci``), is injected into each kind of page, at desktop and phone widths, in
the light and the dark scheme: no serious or critical violation may remain. Keyboard checks (a skip
link, search results reachable with Tab) and the phone layout of the search page are here too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from .kbfixtures import REPO, BuildResult
from .linkcheck import serve_under

AXE = REPO / "scripts" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SUBPATH = "/hallway/"  # the path of site_url in mkdocs.yml: 404.html's links are absolute
PAGES = {
    "home": "",
    "talks": "talks/",
    "talk": "talks/everything-open-2025/presenting-n3n-a-simple-peer-to-peer-vpn/",
    "person": "speakers/hamish-coleman/",
    "event": "events/everything-open-2025/",
    "project": "projects/n3n/",
    "topic": "topics/legacy-systems/",
    "search": "search/?q=koha",
    "404": "404.html",
    "quick search": "talks/#koha",  # the header's search box, open with results (see open_page)
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")
SERIOUS = ("serious", "critical")


def require_axe() -> None:
    """Skip without axe-core on a developer's machine (it needs npm); fail in CI, where it must be."""
    if not AXE.is_file():
        message = "axe-core is not installed: run 'make axe' (needs node and npm)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def base_url(real_site: BuildResult) -> Iterator[str]:
    with serve_under(real_site.site, SUBPATH) as url:
        yield url


def open_page(browser: Any, url: str, viewport: str = "desktop", scheme: str = "light") -> Any:
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    # Only our own server: Material's repository widget would otherwise ask GitHub.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
    page = context.new_page()
    page.goto(url)
    if "search/?q=" in url:
        page.wait_for_selector(".hw-result")
    elif "#" in url:  # type the fragment into the header's search box
        query = url.rsplit("#", 1)[1]
        page.keyboard.press("/")
        page.keyboard.type(query)
        page.wait_for_function("q => document.querySelector('[data-hw-search-list]').dataset.query === q",
                               arg=query)
    return page


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page, one readable line per element."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {' '.join(node['target'][0] for node in v['nodes'][:1])} — "
            f"{v['nodes'][0]['failureSummary'].splitlines()[-1].strip()} [{len(v['nodes'])} element(s)]"
            for v in result["violations"] if v["impact"] in SERIOUS]


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_accessibility_violation(browser: Any, base_url: str, scheme: str, viewport: str) -> None:
    require_axe()
    found: dict[str, list[str]] = {}
    for name, path in PAGES.items():
        page = open_page(browser, base_url + path, viewport, scheme)
        violations = serious_violations(page)
        page.context.close()
        if violations:
            found[name] = violations
    assert found == {}


@pytest.mark.browser
def test_the_first_tab_offers_a_skip_link_to_the_content(browser: Any, base_url: str) -> None:
    page = open_page(browser, base_url + PAGES["talk"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#hw-content"
    page.context.close()


@pytest.mark.browser
def test_header_search_results_are_reachable_with_tab(browser: Any, base_url: str) -> None:
    page = open_page(browser, base_url)
    page.keyboard.press("/")
    page.keyboard.type("vpn")
    page.wait_for_function("document.querySelector('[data-hw-search-list]').dataset.query === 'vpn'")
    links = page.eval_on_selector_all("[data-hw-search-list] a", "links => links.map(a => a.href)")
    assert links
    reached: list[str] = []
    for _ in range(len(links) + 5):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.href || ''")
        if href in links and href not in reached:
            reached.append(href)
    assert reached == links
    page.context.close()


@pytest.mark.browser
def test_on_a_phone_the_first_search_result_shows_without_scrolling(browser: Any, base_url: str) -> None:
    page = open_page(browser, base_url + "search/?q=talk", "phone")
    first = page.eval_on_selector(".hw-result", "node => node.getBoundingClientRect().top")
    assert first < VIEWPORTS["phone"]["height"] - 40
    toggle = page.locator(".hw-facets__toggle")
    assert toggle.is_visible() and not page.is_visible("[data-hw-facet=topic] legend")
    toggle.click()
    assert page.is_visible("[data-hw-facet=topic] legend")
    page.context.close()
    desktop = open_page(browser, base_url + "search/?q=talk")
    assert not desktop.locator(".hw-facets__toggle").is_visible()
    assert desktop.is_visible("[data-hw-facet=topic] legend")
    desktop.context.close()


@pytest.mark.browser
def test_the_write_up_badge_stays_on_one_line_on_a_phone(browser: Any, base_url: str) -> None:
    page = open_page(browser, base_url, "phone")
    heights = page.eval_on_selector_all(".hw-kind", "badges => badges.map(b => b.getClientRects().length)")
    assert heights and all(rects == 1 for rects in heights)
    page.context.close()


@pytest.mark.browser
def test_the_phone_menu_keeps_every_section(browser: Any, base_url: str) -> None:
    """The desktop sidebar is hidden when it would hold one self-link; on a phone the same element
    is the menu drawer and must still open with every section."""
    page = open_page(browser, base_url + PAGES["talk"], "phone")
    page.click(".md-header label.md-header__button[for=__drawer]")
    for section in ("Talks", "Speakers", "Topics"):
        assert page.locator(".md-sidebar--primary .md-nav__link", has_text=section).first.is_visible()
    page.context.close()
