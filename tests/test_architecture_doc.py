"""docs/architecture.md's pipeline diagram renders in a real browser from the vendored Mermaid,
with no request to any other host, and only that page loads the library."""

from __future__ import annotations

from typing import Any

import pytest

from .browser import launch, require_chromium
from .kbfixtures import REPO, BuildResult
from .linkcheck import serve_under

pytestmark = [pytest.mark.build, pytest.mark.browser]


def test_the_vendored_mermaid_is_pinned_with_its_licence() -> None:
    vendor = REPO / "site_overrides" / "assets" / "vendor" / "mermaid"
    assert (vendor / "LICENSE").read_text(encoding="utf-8").startswith("The MIT License")
    version = (vendor / "VERSION").read_text(encoding="utf-8").strip()
    pinned = (REPO / "scripts" / "vendor" / "package.json").read_text(encoding="utf-8")
    assert f'"mermaid": "{version}"' in pinned


def test_the_architecture_diagram_renders_without_third_party_requests(real_site: BuildResult) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    assert "mermaid.min.js" in (real_site.site / "architecture" / "index.html").read_text(encoding="utf-8")
    assert "mermaid.min.js" not in (real_site.site / "about" / "index.html").read_text(encoding="utf-8")
    with serve_under(real_site.site, "/hallway/") as base, sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "architecture/")
        # Material draws the diagram into a closed shadow root of a div that replaces the <pre>.
        page.wait_for_selector("div.mermaid", timeout=20_000)
        height: Any = page.eval_on_selector("div.mermaid", "d => d.getBoundingClientRect().height")
        source_left = page.locator("pre.mermaid").count()
        browser.close()
    assert height > 300 and source_left == 0
    assert errors == []
    own = base.split("/hallway/")[0]
    widget = "https://api.github.com/repos/hallway-notes/hallway"  # Material's repository widget
    assert [url for url in requests if not url.startswith((own, widget))] == []
