"""`hallway serve` as a note-taker uses it, in a real browser: a note added while the server runs is
found by site search, and a note with a mistake shows its ``path:line`` in the page until fixed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import launch, require_chromium
from .kbfixtures import make_kb
from .test_serve import FILES, _free_port, _wait, serving

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    """A knowledge base being served by `hallway serve`: its folder, its address, the log."""
    kb = make_kb(tmp_path / "kb", FILES)
    log = tmp_path / "serve.log"
    port = _free_port()
    with serving(kb, log, port):
        yield kb, f"http://127.0.0.1:{port}/kb/", log


def _titles(page: Any, base: str, query: str) -> list[str]:
    page.goto(f"{base}search/?q={query}")
    # The status line says "Loading the search index…" until the query has been answered.
    page.wait_for_function("!document.querySelector('[data-hw-app-status]').textContent.includes('Loading')",
                           timeout=15_000)
    return sorted(t.inner_text() for t in page.query_selector_all(".hw-result__title"))


def test_a_note_added_while_serving_is_found_by_site_search(served: tuple[Path, str, Path]) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    kb, base, log = served
    assert "A 'dirty' build is being performed" not in log.read_text(encoding="utf-8")
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page()
        assert _titles(page, base, "quokkas") == []
        (kb / "talks/eo/quokkas.md").write_text(
            "---\ntitle: Counting quokkas with LoRa\nevent: eo\n---\nQuokkas wear tiny radios.\n",
            encoding="utf-8")
        assert _wait(lambda: "search index updated" in log.read_text(encoding="utf-8"), 60), \
            log.read_text(encoding="utf-8")
        assert _titles(page, base, "quokkas") == ["Counting quokkas with LoRa"]
        assert _titles(page, base, "tunnels") == ["Tunnels for everyone"]  # the rest is still there
        browser.close()


def test_a_build_error_shows_in_the_browser_until_it_is_fixed(served: tuple[Path, str, Path]) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    kb, base, _log = served
    note = kb / "talks/eo/tunnels.md"
    good = note.read_text(encoding="utf-8")
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page()
        page.goto(base + "talks/eo/tunnels/")
        assert page.query_selector("#hallway-build-error") is None
        note.write_text(good.replace("event: eo\n", "event: eo\nkind: talky\n"), encoding="utf-8")
        page.wait_for_selector("#hallway-build-error", timeout=60_000)  # the page reloads by itself
        shown = page.inner_text("#hallway-build-error")
        assert "talks/eo/tunnels.md:4: kind:" in shown and "Fix the note and save" in shown
        assert page.inner_text("h1") == "Tunnels for everyone"  # the last good page is still there
        note.write_text(good.replace("Notes.", "Notes, fixed."), encoding="utf-8")
        page.wait_for_function("!document.querySelector('#hallway-build-error')", timeout=60_000)
        page.wait_for_selector("text=Notes, fixed.", timeout=30_000)
        browser.close()
