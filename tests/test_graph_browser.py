"""The graphs and link previews of issue 17 in Chromium: they draw, link right and need no other host."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .kbfixtures import BuildResult, make_kb, mkdocs_build
from .linkcheck import serve_under

pytestmark = [pytest.mark.build, pytest.mark.browser]

KB = {
    "events/lca-2019.md": "---\nname: linux.conf.au 2019\n---\n",
    "events/lca-2020.md": "---\nname: linux.conf.au 2020\n---\n",
    "events/kiwicon-2024.md": "---\nname: Kiwicon 2024\n---\n",
    "speakers/ana.md": "---\nname: Ana Ngata\n---\nWrites about <b>tunnels</b> and [keys](https://keys.example/).\n",
    "topics/vpn.md": "---\nname: VPN\n---\n",
    "talks/lca-2019/tunnels.md": "---\ntitle: Tunnels\nevent: lca-2019\nspeakers: [ana]\ntopics: [vpn]\n"
                                 "summary: 'Why <img src=x onerror=alert(1)> tunnels'\n---\nSee [[Keys]].\n",
    "talks/lca-2020/keys.md": "---\ntitle: Keys\nevent: lca-2020\nspeakers: [ana]\ntopics: [vpn]\n"
                              "date: 2020-01-15\nsummary: Key rotation.\n---\nAfter [[Tunnels]].\n",
    "talks/kiwicon-2024/mesh.md": "---\ntitle: Mesh\nevent: kiwicon-2024\nspeakers: [Bo Chen]\n"
                                  "topics: [vpn, mesh]\n---\nNotes.\n",
}


def _local_only(route: Any) -> None:
    if route.request.url.startswith("http://127.0.0.1"):
        route.continue_()
    else:
        route.abort()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("graphkb")
    make_kb(root, KB)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def base_url(site: BuildResult) -> Iterator[str]:
    with serve_under(site.site, "/repo/") as url:
        yield url


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    other: list[str] = []
    own = base_url.split("/repo/")[0]
    widget = "https://api.github.com/"  # Material's repository widget (mkdocs.yml repo_url)

    def route(request: Any) -> None:
        if not request.request.url.startswith(own):
            if not request.request.url.startswith(widget):
                other.append(request.request.url)
            request.abort()
        else:
            request.continue_()

    context.route("**/*", route)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error"
           and "api.github.com" not in msg.text and "ERR_FAILED" not in msg.text else None)
    yield tab
    context.close()
    assert errors == []
    assert other == []


def test_a_talk_page_local_graph_links_its_neighbours(page: Any, base_url: str) -> None:
    page.goto(base_url + "talks/lca-2019/tunnels/")
    labels = page.eval_on_selector_all("section.hw-graph svg a",
                                       "as => as.map(a => a.getAttribute('aria-label'))")
    assert {"Speaker: Ana Ngata", "Event: linux.conf.au 2019", "Topic: VPN", "Talk: Keys"} <= set(labels)
    page.focus("section.hw-graph svg a[aria-label='Speaker: Ana Ngata']")  # a keyboard reaches nodes
    page.keyboard.press("Enter")
    page.wait_for_url("**/repo/speakers/ana/")
    assert page.inner_text("h1") == "Ana Ngata"
    assert page.locator("section.hw-graph svg a[aria-label='Talk: Tunnels']").count() == 1


def test_the_whole_graph_draws_filters_and_its_nodes_open_their_pages(page: Any, base_url: str) -> None:
    page.goto(base_url + "graph/")
    page.wait_for_selector("#hw-graph[data-ready]", state="attached", timeout=20_000)
    status = page.inner_text(".hw-graph-status")
    assert status == "10 of 10 nodes shown."  # 3 talks, 2 speakers, 3 events, 2 topics
    page.select_option("select[name=where]", label="linux.conf.au")  # the series: 2019 and 2020
    shown = page.eval_on_selector_all(".hw-graph-list a", "as => as.map(a => a.textContent).sort()")
    assert shown == ["Ana Ngata", "Keys", "Tunnels", "VPN", "linux.conf.au 2019", "linux.conf.au 2020"]
    page.uncheck("input[value=speaker]")
    assert "Ana Ngata" not in page.inner_text(".hw-graph-list")
    # A click on a drawn node opens its page.
    point = page.evaluate("""() => {
        const {renderer, graph} = document.getElementById('hw-graph').hallwayGraph;
        const node = graph.findNode((n, a) => a.label === 'Keys');
        return renderer.graphToViewport(graph.getNodeAttributes(node));
    }""")
    box = page.locator(".hw-graph-canvas").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_url("**/repo/talks/lca-2020/keys/")


def test_the_graph_fits_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.route("**/*", _local_only)
    tab = context.new_page()
    tab.goto(base_url + "graph/")
    tab.wait_for_selector("#hw-graph[data-ready]", state="attached", timeout=20_000)
    width = tab.evaluate("document.documentElement.scrollWidth")
    tab.goto(base_url + "talks/lca-2019/tunnels/")
    # The local graph keeps a readable size and scrolls sideways in its own box, not the page.
    page_width = tab.evaluate("document.documentElement.scrollWidth")
    box_width = tab.eval_on_selector("section.hw-graph .hw-graph__scroll",
                                     "s => s.getBoundingClientRect().width")
    context.close()
    assert width <= 390 and page_width <= 390 and box_width <= 390


def test_link_previews_with_mouse_keyboard_and_escape(page: Any, base_url: str) -> None:
    page.goto(base_url + "talks/lca-2020/keys/")
    link = page.locator("article .hw-body a", has_text="Tunnels")
    link.hover()
    preview = page.locator("#hw-preview")
    preview.wait_for(state="visible")
    assert preview.locator(".hw-preview__title").inner_text() == "Tunnels"
    assert preview.locator(".hw-preview__meta").inner_text() == "Ana Ngata · linux.conf.au 2019"
    # Note text is shown as text: the <img> in the summary is not an element.
    assert preview.locator(".hw-preview__summary").inner_text() == "Why <img src=x onerror=alert(1)> tunnels"
    assert preview.locator("img").count() == 0
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    page.mouse.move(0, 0)
    page.locator("article .hw-speakers a").focus()  # keyboard: focus shows it, described by it
    preview.wait_for(state="visible")
    assert preview.locator(".hw-preview__title").inner_text() == "Ana Ngata"
    assert preview.locator(".hw-preview__summary").inner_text() == "Writes about tunnels and keys."
    assert page.locator("article .hw-speakers a").get_attribute("aria-describedby") == "hw-preview"
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")


def test_a_tap_follows_the_link_without_a_preview(browser: Any, base_url: str) -> None:
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    context.route("**/*", _local_only)
    tab = context.new_page()
    tab.goto(base_url + "talks/lca-2020/keys/")
    tab.locator("article .hw-body a", has_text="Tunnels").tap()
    tab.wait_for_url("**/repo/talks/lca-2019/tunnels/")
    shown = tab.evaluate("(b => !!b && !b.hidden)(document.getElementById('hw-preview'))")
    context.close()
    assert not shown


#: Drawn parts of the local graph (circles and labels), highest first, against its heading.
_GAP = """() => {
    const heading = document.getElementById('local-graph').getBoundingClientRect();
    const drawn = [...document.querySelectorAll('section.hw-graph svg circle, section.hw-graph svg text')];
    return Math.min(...drawn.map(e => e.getBoundingClientRect().top)) - heading.bottom;
}"""


@pytest.mark.parametrize("url", ["talks/lca-2019/tunnels/", "speakers/ana/", "topics/vpn/"])
def test_the_local_graph_starts_right_under_its_heading(page: Any, base_url: str, url: str) -> None:
    # The SVG is as tall as what it draws: no blank band between "Graph" and the highest node.
    # (Before, every graph had the whole 460-unit box: 40 to 186 px of blank here.)
    page.goto(base_url + url)
    gap = page.evaluate(_GAP)
    assert 0 <= gap <= 40, gap


#: The navigation entries of issue 17, by label, and the heading of the page each opens.
NEW_NAV = {"Years": "Years", "Event series": "Event series", "Graph": "Graph"}


def test_a_phone_menu_leads_to_years_series_and_the_graph_from_every_page(browser: Any,
                                                                          base_url: str) -> None:
    # The fixture sets no nav: the plugin's default navigation, which a phone shows in its drawer.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.route("**/*", _local_only)
    tab = context.new_page()
    drawer = "nav.md-nav--primary > ul > li > a.md-nav__link"
    for url in ["", "talks/lca-2019/tunnels/", "speakers/ana/", "years/2019/", "series/", "graph/"]:
        for label, heading in NEW_NAV.items():
            tab.goto(base_url + url)
            tab.click("label.md-header__button[for=__drawer]")
            tab.locator(drawer, has_text=label).first.click()
            assert tab.inner_text("article h1").startswith(heading), (url, label)
    context.close()


def test_the_real_sites_tabs_lead_to_years_series_and_the_graph(browser: Any, real_site: BuildResult) -> None:
    with serve_under(real_site.site, "/repo/") as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.route("**/*", _local_only)
        tab = context.new_page()
        talk = next(p for p in real_site.site.glob("talks/*/*/index.html"))
        talk_url = str(talk.parent.relative_to(real_site.site)) + "/"
        for page_url in ["", talk_url, "topics/", "years/", "series/", "graph/"]:
            tab.goto(url + page_url)
            tabs = tab.eval_on_selector_all(".md-tabs__link", "as => as.map(a => "
                                            "[a.textContent.trim(), a.getBoundingClientRect().right])")
            assert set(NEW_NAV) <= {label for label, _ in tabs}, page_url
            assert max(right for _, right in tabs) <= 1280  # every tab fits, none scrolled away
        for label, heading in NEW_NAV.items():
            tab.goto(url + talk_url)
            tab.locator(".md-tabs__link", has_text=label).click()
            assert tab.inner_text("article h1").startswith(heading)
        tab.wait_for_selector("#hw-graph[data-ready]", state="attached", timeout=20_000)
        context.close()


def test_the_whole_graphs_nodes_are_reachable_by_keyboard(page: Any, base_url: str) -> None:
    page.goto(base_url + "graph/")
    page.wait_for_selector("#hw-graph[data-ready]", state="attached", timeout=20_000)
    page.focus("select[name=where]")
    page.keyboard.press("Tab")  # the list of the shown nodes, after the drawn graph
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.href]")
    assert focused[0] == "Mesh"  # the node with the most links first
    page.keyboard.press("Enter")
    page.wait_for_url(focused[1])
    assert page.url.endswith("/repo/talks/kiwicon-2024/mesh/")


def test_on_a_phone_a_tap_on_a_node_opens_its_page_without_errors(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.route("**/*", _local_only)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error"
           and "ERR_FAILED" not in msg.text else None)
    tab.goto(base_url + "graph/")
    tab.wait_for_selector("#hw-graph[data-ready]", state="attached", timeout=20_000)
    assert tab.inner_text(".hw-graph-status") == "10 of 10 nodes shown."
    tab.locator(".hw-graph-canvas").scroll_into_view_if_needed()
    point = tab.evaluate("""() => {
        const {renderer, graph} = document.getElementById('hw-graph').hallwayGraph;
        const mesh = graph.findNode((n, a) => a.label === 'Mesh');
        return renderer.graphToViewport(graph.getNodeAttributes(mesh));
    }""")
    box = tab.locator(".hw-graph-canvas").bounding_box()
    tab.touchscreen.tap(box["x"] + point["x"], box["y"] + point["y"])
    tab.wait_for_url("**/repo/talks/kiwicon-2024/mesh/")
    tab.locator("section.hw-graph svg a[aria-label='Topic: VPN']").tap()  # the local graph, by touch
    tab.wait_for_url("**/repo/topics/vpn/")
    context.close()
    assert errors == []
