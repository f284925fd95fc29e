"""No note can run script in a reader's browser: payloads built for real, loaded in real Chromium.

One fixture knowledge base holds every payload of ``tests/payloads.py``: each body payload in its
own talk, and front-matter payloads in every value a page shows (titles, speaker, event, project
and topic names from references and from entity files, aliases, summaries, sessions, link labels,
entity descriptions). It is built with the repository's own Markdown extensions and theme
features, with ``dangerous_html: warn`` so that the pages exist (by default the build refuses
them, which is tested too). Then every built page, and the 404 page, is loaded in headless Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from .browser import launch, require_chromium
from .kbfixtures import REPO, BuildResult, article, hallway, make_kb, mkdocs_build
from .linkcheck import serve_under
from .payloads import BODY, BODY_LINE, FRONT_MATTER, PWN

FORBIDDEN_IN_ARTICLE = ["iframe", "object", "embed", "form", "style", "meta", "base", "link", "svg", "math",
                        "template", "noscript", "button", "textarea", "select"]
EVENT = "xss"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' own tags (!ENV, !!python/name…)."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def repo_config() -> dict[str, Any]:
    """The repository's mkdocs.yml."""
    return dict(yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader))


def fixture_yml(dangerous_html: str) -> str:
    """mkdocs.yml of the fixture: the repo's Markdown extensions and theme features."""
    config = repo_config()
    fixture = {
        "site_name": "Fixture KB", "site_url": "https://example.org/kb/",
        "repo_url": "https://github.com/example/kb", "edit_uri": "edit/main/", "docs_dir": "docs",
        "theme": {"name": "material", "custom_dir": str(REPO / "site_overrides"), "font": False,
                  "features": config["theme"].get("features", [])},
        "plugins": [{"hallway": {"dangerous_html": dangerous_html}}],
        "markdown_extensions": config["markdown_extensions"],
    }
    return yaml.safe_dump(fixture, sort_keys=False)


def make_fixture(root: Path, files: dict[str, str], dangerous_html: str) -> Path:
    make_kb(root, {})
    (root / "mkdocs.yml").write_text(fixture_yml(dangerous_html), encoding="utf-8")
    _write(root, files)
    return root


def payload_files() -> dict[str, str]:
    fm = FRONT_MATTER
    files = {f"talks/{EVENT}/{p.id}.md": f"---\ntitle: Payload {p.id}\nevent: {EVENT}\n---\n\n{p.markdown}\n"
             for p in BODY}
    assert all(text.split("\n").index(p.markdown.split("\n")[0]) + 1 == BODY_LINE
               for p, text in zip(BODY, files.values(), strict=True))
    files[f"talks/{EVENT}/front-matter.md"] = yaml.safe_dump({
        "title": fm["title"], "event": EVENT, "date": "2025-01-21", "session": fm["session"],
        "summary": fm["summary"], "speakers": [fm["speaker"], "evil-speaker"],
        "projects": [fm["project"]], "topics": [fm["topic"], "evil-topic"],
        "links": {fm["link_label"]: "https://example.org/video"},
    }, allow_unicode=True).join(["---\n", "---\n\nPlain notes.\n"])
    files[f"events/{EVENT}.md"] = yaml.safe_dump({
        "name": fm["entity_name"], "aliases": [fm["alias"]], "location": fm["location"],
        "dates": fm["summary"], "url": "https://example.org/",
    }, allow_unicode=True).join(["---\n", f"---\n\n<script>{PWN}</script> Described.\n"])
    files["speakers/evil-speaker.md"] = yaml.safe_dump({
        "name": "Evil Speaker", "aliases": [fm["alias"] + " 2"],
        "links": {fm["link_label"]: "https://example.org/me"},
    }, allow_unicode=True).join(["---\n", f"---\n\n<img src=x onerror=\"{PWN}\"> Bio.\n"])
    files["topics/evil-topic.md"] = yaml.safe_dump({
        "name": "Evil topic", "url": "https://example.org/topic",
    }).join(["---\n", f"---\n\n[bad](javascript:{PWN})\n"])
    files[f"talks/{EVENT}/control.md"] = f"---\ntitle: Control\nevent: {EVENT}\n---\n\nNothing to see.\n"
    return files


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = make_fixture(tmp_path_factory.mktemp("xss") / "kb", payload_files(), "warn")
    result = mkdocs_build(root, strict=False)
    assert result.returncode == 0, result.output
    return result


# -- the check and the build report what the site removes ---------------------------------------

def expected_reports() -> list[str]:
    lines = []
    for payload in BODY:
        lines += [f"talks/{EVENT}/{payload.id}.md:{line}: body: {message}"
                  for line, message in payload.reports]
    files = payload_files()

    def line_of(rel: str, needle: str) -> int:
        return next(i for i, text in enumerate(files[rel].split("\n"), 1) if needle in text)

    lines += [
        f"events/{EVENT}.md:{line_of(f'events/{EVENT}.md', 'Described')}: body: "
        "<script> is not allowed in notes; the site removes it",
        f"speakers/evil-speaker.md:{line_of('speakers/evil-speaker.md', 'Bio')}: body: "
        "the event-handler attribute 'onerror' is not allowed in notes; the site removes it",
        f"topics/evil-topic.md:{line_of('topics/evil-topic.md', '[bad]')}: body: "
        "a javascript: address is not allowed in notes; the site removes it"]
    return sorted(lines)


def test_the_payload_table_is_large_enough() -> None:
    assert len(BODY) >= 20 and len(FRONT_MATTER) >= 8


def test_hallway_check_reports_each_payload_by_file_and_line(tmp_path: Path) -> None:
    _write(tmp_path, payload_files())
    result = hallway("check", "--kb", str(tmp_path))
    assert result.returncode == 1
    errors = sorted(line.split(" — ")[0] for line in result.stdout.splitlines() if ": warning: " not in line)
    assert errors == expected_reports()


@pytest.mark.build
def test_by_default_the_build_refuses_dangerous_markup(tmp_path: Path) -> None:
    note = f"---\ntitle: S\nevent: {EVENT}\n---\n\n<script>{PWN}</script>\n"
    root = make_fixture(tmp_path / "kb", {f"talks/{EVENT}/script.md": note}, "error")
    result = mkdocs_build(root, strict=False)
    assert result.returncode != 0
    assert (f"talks/{EVENT}/script.md:6: body: <script> is not allowed in notes; the site removes it — "
            "show code in a ``` fenced block instead") in result.output
    assert "Traceback" not in result.output


@pytest.mark.build
def test_warn_mode_logs_each_payload_and_fails_a_strict_build(payload_site: BuildResult) -> None:
    for line in expected_reports():
        assert line in payload_site.output
    root = payload_site.site.parent
    strict = mkdocs_build(root, strict=True)
    assert strict.returncode != 0


# -- the built pages, as HTML ------------------------------------------------------------------

@pytest.mark.build
def test_front_matter_values_show_as_literal_text(payload_site: BuildResult) -> None:
    fm = FRONT_MATTER
    page = payload_site.page(f"talks/{EVENT}/front-matter/")
    body = article(page)
    assert body.select_one("h1.hw-title").get_text() == fm["title"]  # type: ignore[union-attr]
    assert page.title.get_text() == fm["title"] + " - Fixture KB"  # type: ignore[union-attr]
    text = body.get_text()
    for key in ("summary", "session", "speaker", "project", "topic", "link_label", "entity_name"):
        assert fm[key] in text, key
    assert "49" not in text.replace("2025", "")  # {{ 7*7 }} is not evaluated
    event = article(payload_site.page(f"events/{EVENT}/"))
    assert event.select_one("h1").get_text() == fm["entity_name"]  # type: ignore[union-attr]
    assert fm["alias"] in event.get_text() and fm["location"] in event.get_text()


@pytest.mark.build
def test_no_dangerous_markup_reaches_any_page(payload_site: BuildResult) -> None:
    control = payload_site.page(f"talks/{EVENT}/control/")
    def scripts(soup: Any) -> int:
        """Scripts a note could have added: not the search page's JSON list of filter names, nor
        the graph page's own scripts from the site's assets."""
        own = ("../assets/vendor/", "../assets/hallway/graph")
        return len([s for s in soup.find_all("script") if not s.has_attr("data-hw-filter-names")
                    and not str(s.get("src", "")).startswith(own)])

    control_scripts = scripts(control)
    for html_file in sorted(payload_site.site.rglob("*.html")):
        soup = payload_site.page(str(html_file.relative_to(payload_site.site)))
        where = html_file.relative_to(payload_site.site).as_posix()
        assert scripts(soup) == control_scripts, where
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (where, str(tag)[:200])
                if name in ("href", "src", "srcset", "action", "data", "xlink:href"):
                    cleaned = "".join(str(value).split()).lower()
                    assert not cleaned.startswith(("javascript:", "vbscript:", "data:")), (where, str(tag))
        main = soup.select_one("article")
        # The search page's and the 404 page's search forms, and the graph's filters, are Hallway's own.
        if main is None or where in ("search/index.html", "404.html", "graph/index.html"):
            continue
        assert not main.find_all([t for t in FORBIDDEN_IN_ARTICLE if t != "svg"]), where
        main = soup.select_one(".hw-body")  # the note's own content (the theme's icons are SVG)
        if main is None:
            continue
        assert not main.find_all(FORBIDDEN_IN_ARTICLE), where
        assert not main.select("[style]"), where
        assert all(i.get("type") == "checkbox" for i in main.find_all("input")), where
        classes = [str(c) for el in main.select("[class]") for c in el.get_attribute_list("class")]
        assert not [c for c in classes if c.startswith("md-") and c != "md-button"], where
        assert not [el for el in main.select("[id]") if str(el.get("id")).startswith("__")], where


# -- the built pages, in a real browser ------------------------------------------------------------

@pytest.fixture(scope="module")
def served(payload_site: BuildResult) -> Iterator[str]:
    """The site served over HTTP under /kb/, the path of its site_url (the 404 page uses it)."""
    with serve_under(payload_site.site, "/kb/") as url:
        yield url


_PROBE = """() => {
  // Scripts, except the search page's own list of filter names (JSON data, never run).
  const OWN_SCRIPT_FREE = 'script:not([type="application/json"][data-hw-filter-names])'
      + ':not([src*="/assets/vendor/"]):not([src*="/assets/hallway/graph"])';
  const article = document.querySelector('article');
  const onAttrs = [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
      .filter(a => a.name.toLowerCase().startsWith('on')).map(a => el.tagName + ' ' + a.name));
  return {
    pwned: window.__pwned === 1,
    scriptsInArticle: article ? article.querySelectorAll(OWN_SCRIPT_FREE).length : 0,
    scripts: document.querySelectorAll(OWN_SCRIPT_FREE).length,
    onAttrs,
    config: document.querySelector('#__config') ? document.querySelector('#__config').tagName : null,
    material: typeof window.component$ !== 'undefined' && typeof window.document$ !== 'undefined',
    bodyVisible: getComputedStyle(document.body).display !== 'none',
    title: document.title,
  };
}"""

_POKE = """() => {
  for (const el of document.querySelectorAll('article *, .md-sidebar *, .md-header *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'pointerover', 'animationstart']) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
}"""


@pytest.mark.browser
@pytest.mark.build
def test_no_payload_runs_in_chromium_and_material_still_works(payload_site: BuildResult, served: str) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(payload_site.site).as_posix()
                   for p in payload_site.site.rglob("*.html") if p.name in ("index.html", "404.html"))
    pages = [p.removesuffix("index.html") for p in pages]
    assert f"talks/{EVENT}/front-matter/" in pages and "404.html" in pages
    dialogs: list[str] = []
    errors: list[str] = []
    failures: list[str] = []
    with sync_playwright() as play:
        browser = launch(play)
        try:
            tab = browser.new_page()
            def on_dialog(dialog: Any) -> None:
                dialogs.append(dialog.message)
                dialog.dismiss()

            tab.on("dialog", on_dialog)
            tab.on("pageerror", lambda error: errors.append(str(error)))
            control: dict[str, Any] = {}
            for url in [f"talks/{EVENT}/control/", *pages]:
                tab.goto(served + url, wait_until="load")
                tab.evaluate(_POKE)
                tab.wait_for_timeout(50)
                state = tab.evaluate(_PROBE)
                if not control:
                    control = state
                problems = [
                    what for what, bad in (
                        ("payload ran", state["pwned"]),
                        ("script inside the article", state["scriptsInArticle"]),
                        ("extra script elements", state["scripts"] != control["scripts"]),
                        (f"event-handler attributes {state['onAttrs']}", state["onAttrs"]),
                        ("#__config is not Material's", state["config"] != "SCRIPT"),
                        ("Material's script did not start", not state["material"]),
                        ("page hidden by a style", not state["bodyVisible"]),
                    ) if bad]
                if problems:
                    failures.append(f"{url}: {', '.join(problems)}")
            tab.goto(served + f"talks/{EVENT}/front-matter/")
            assert tab.title() == FRONT_MATTER["title"] + " - Fixture KB"
            assert tab.locator("h1.hw-title").inner_text() == FRONT_MATTER["title"]
        finally:
            browser.close()
    assert failures == []
    assert dialogs == []
    assert errors == []


def test_fixture_uses_the_repository_markdown_extensions() -> None:
    extensions = yaml.safe_load(fixture_yml("warn"))["markdown_extensions"]
    assert extensions == repo_config()["markdown_extensions"]
    names = [next(iter(e)) if isinstance(e, dict) else e for e in extensions]
    assert "attr_list" in names  # the extension that lets {onclick=…} onto elements
