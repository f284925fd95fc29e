"""Issue 18, hardening round two: each finding reproduced, with the exact message it now gets.

Page takeovers, third-party requests (Mermaid, images), notes that stall rendering, search of
refused notes, deeply nested HTML imports, imports killed mid-way, bidi spoofing and look-alike
names, and C1 control characters. Large inputs are generated here, not kept as files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hallway.core.build.pipeline import build_site
from hallway.core.finish.unsafe_markup import find_in_kb, scan_html
from hallway.core.kb.addresses import GENERATED_PAGES
from hallway.core.kb.renderbudget import refused_body
from hallway.core.kb.textchars import for_terminal
from hallway.core.markup.sanitize import clean_html
from hallway.core.problems import Severity

from .browser import launch, require_chromium
from .kbfixtures import REPO, hallway, make_kb, mkdocs_build, write_files
from .linkcheck import serve_under

NOTE = "---\ntitle: T\nevent: eo\n---\n"
SLOW = "takes longer than {} s to render (the site renders a note in milliseconds), so it is refused — " \
       "split the note; in code blocks, shorten very long lines and runs of spaces, or drop the " \
       "language name after ``` (the code is then shown without colours)"
MARKUP = "too much markup packed into paragraphs for Markdown to render in reasonable time " \
         "(the paragraph here has {} of the characters [ < * _ ` & ! \\ and line breaks) — split " \
         "long paragraphs with blank lines, or put the text in a ``` code block"


def check_lines(root: Path) -> list[str]:
    site, problems = build_site(root)
    problems = problems + find_in_kb(site.kb)
    return [p.format() for p in sorted(problems, key=lambda p: (p.path, p.line or 0,
                                                                 p.severity != Severity.ERROR))]


# -- 1. no file takes over another page ------------------------------------------------------------

TAKEOVERS: dict[str, tuple[dict[str, str], list[str]]] = {
    "posts-index": ({"posts/index.md": "---\ntitle: Impostor\n---\n"}, [
        "posts/index.md: its page would have the address /posts/, which belongs to the site's list of "
        "write-ups (posts/index.md) — rename the file: index.md is the name the site gives its own pages"]),
    "events-index": ({"events/index.md": "---\nname: Impostor\n---\n"}, [
        "events/index.md: its page would have the address /events/, which belongs to the site's list "
        "of events (events/index.md) — rename the file: index.md is the name the site gives its own "
        "pages"]),
    "speaker-named-index": ({"talks/eo/t.md": NOTE.replace("event: eo", "event: eo\nspeakers: [Index]")}, [
        "talks/eo/t.md:4: speakers: the speaker 'Index' would get the page speakers/index.md, the "
        "address of the site's list of speakers (speakers/index.md) — give the speaker another name"]),
    "topic-named-index-bang": ({"talks/eo/t.md": NOTE.replace("event: eo",
                                                              'event: eo\ntopics: ["Index!"]')}, [
        "talks/eo/t.md:4: topics: the topic 'Index!' would get the page topics/index.md, the address "
        "of the site's list of topics (topics/index.md) — give the topic another name"]),
    "event-folder-index": ({"talks/index/t.md": "---\ntitle: T\nevent: index\n---\n"}, [
        "talks/index/t.md:3: event: the event 'index' would get the page events/index.md, the address "
        "of the site's list of events (events/index.md) — give the event another name"]),
    "post-folder-index": ({"posts/a.md": "---\ntitle: A\n---\n",
                           "posts/a/index.md": "---\ntitle: B\n---\n"}, [
        "posts/a/index.md: its page would have the address /posts/a/, which belongs to posts/a.md — "
        "rename the file: index.md is the name the site gives its own pages"]),
}


@pytest.mark.parametrize("case", TAKEOVERS, ids=str)
def test_no_file_or_name_takes_over_another_page(tmp_path: Path, case: str) -> None:
    files, expected = TAKEOVERS[case]
    write_files(tmp_path, files)
    assert check_lines(tmp_path) == expected


def test_generated_pages_are_all_known(tmp_path: Path) -> None:
    """The table of generated pages the takeover check protects is every page the site makes."""
    write_files(tmp_path, {"talks/eo/t.md": NOTE})
    site, _ = build_site(tmp_path)
    made = {spec.src_uri for spec in site.pages if spec.context.get("type") not in ("note", "entity")}
    assert made == set(GENERATED_PAGES)


def test_hallway_new_and_import_refuse_a_generated_page_address(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", {})
    result = hallway("new", "topic", "Index", "--kb", str(kb))
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "topics/index.md: the topic 'Index' would get the page topics/index.md, the address of the "
        "site's list of topics (topics/index.md) — give the topic another name (nothing was written)")
    result = hallway("new", "talk", "--event", "Index", "--title", "X", "--kb", str(kb))
    assert result.returncode == 1 and "the event 'Index' would get the page events/index.md" in result.stderr
    notes = tmp_path / "notes.md"
    notes.write_text("## Rust in the kernel by Jane Roe\n\n- point\n\n## Packaging by Index\n\n- more\n")
    result = hallway("import", str(notes), "--event", "Index", "--kb", str(kb))
    assert result.returncode == 1
    assert f"{notes}: --event: the event 'Index' would get the page events/index.md" in result.stderr
    result = hallway("import", str(notes), "--event", "eo", "--kb", str(kb))
    assert result.returncode == 1
    assert "speakers: the speaker 'Index' would get the page speakers/index.md" in result.stderr
    assert sorted(p.name for p in kb.rglob("*.md")) == []


# -- 2. no request to another host -----------------------------------------------------------------

def test_notes_cannot_trigger_mermaid_or_load_images_from_other_hosts() -> None:
    html = ('<pre class="mermaid x"><code>graph TD; A--&gt;B</code></pre><pre class="Mermaid">y</pre>'
            '<p id="mermaid">z</p><img src="https://tracker.example/p.png" alt="p">'
            '<img src="//cdn.example/q.png">'
            '<img src="pic.png" alt="local">')
    assert clean_html(html) == ('<pre class="x"><code>graph TD; A--&gt;B</code></pre><pre>y</pre>'
                                '<p id="hwmermaid">z</p><img alt="p"><img><img src="pic.png" alt="local">')


def test_check_reports_an_image_from_another_host(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo/t.md": NOTE + "\nSee ![chart](https://tracker.example/c.png)\n"})
    assert check_lines(tmp_path) == [
        "talks/eo/t.md:6: body: an image from another site (tracker.example) is not allowed in notes; "
        "the site removes it — link to it instead: [description](https://…) (an image from another "
        "site would let that site see who reads the page)"]


#: One note of each kind of content a page can have, and each page type (home, lists, search…).
BROWSER_KB = {
    "talks/eo/mermaid.md": NOTE + '\n<pre class="mermaid">graph TD; A-->B</pre>\n\n'
                           '<div id="mermaid">x</div>\n\n```mermaid\ngraph TD; A-->B\n```\n',
    "talks/eo/code.md": "---\ntitle: Code\nevent: eo\nspeakers: [Ann Lee]\ntopics: [Rust]\n"
                        "projects: [Koha]\ndate: 2025-01-21\n---\n\n```python\nprint('hi')\n```\n\n"
                        "- [x] done\n\n!!! note\n    An admonition\n",
    "posts/write-up.md": "---\ntitle: Write-up\n---\nA post about [[Code]].\n",
    "speakers/ann-lee.md": "---\nname: Ann Lee\n---\nAbout Ann.\n",
    "events/eo.md": "---\nname: EO\nurl: https://example.org/\n---\n",
}


@pytest.fixture(scope="module")
def browser_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = make_kb(tmp_path_factory.mktemp("third-party"), BROWSER_KB)  # with a repo_url
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    with serve_under(result.site, "/kb/") as url:
        yield result.site, url


#: Only the site itself. Material's repository widget would ask GitHub's API for the stars and latest
#: release of ``repo_url`` on every page: site_overrides/partials/source.html keeps the link only.
ALLOWED_HOSTS = {"127.0.0.1"}


@pytest.mark.browser
@pytest.mark.build
def test_no_page_requests_anything_from_another_host(browser_site: tuple[Path, str]) -> None:
    require_chromium()
    from playwright.sync_api import sync_playwright

    site, url = browser_site
    pages = sorted(p.relative_to(site).as_posix().removesuffix("index.html")
                   for p in site.rglob("*.html") if p.name in ("index.html", "404.html"))
    for wanted in ("", "talks/", "posts/", "speakers/", "events/", "projects/", "topics/", "search/",
                   "talks/eo/mermaid/", "talks/eo/code/", "posts/write-up/", "speakers/ann-lee/",
                   "events/eo/", "topics/rust/", "projects/koha/", "404.html"):
        assert wanted in pages
    requested: list[str] = []
    with sync_playwright() as play:
        browser = launch(play)
        try:
            tab = browser.new_page()
            tab.on("request", lambda request: requested.append(request.url))
            # Anything leaving the machine is refused at once (no network here anyway) but still seen.
            tab.route("**/*", lambda route: route.continue_()
                      if urlsplit(route.request.url).hostname == "127.0.0.1" else route.abort())
            for page in pages:
                tab.goto(url + page, wait_until="load")
                tab.wait_for_timeout(300)  # let Material's scripts start (Mermaid would load now)
            tab.goto(url + "talks/eo/mermaid/", wait_until="load")
            mermaid_class = tab.evaluate("() => document.querySelectorAll('pre.mermaid, .mermaid').length")
        finally:
            browser.close()
    foreign = sorted({u for u in requested if urlsplit(u).hostname not in ALLOWED_HOSTS
                      and not u.startswith(("data:", "blob:", "about:"))})
    assert foreign == []
    assert mermaid_class == 0
    assert any("/kb/talks/eo/mermaid/" in u for u in requested)


# -- 3, 4. notes that would stall rendering ------------------------------------------------------

def _many(line: int, what: str, limit: str) -> str:
    return (f"talks/eo/slow.md:{line}: body: {what}, too many for Markdown to render in reasonable "
            f"time (at most {limit}) — split the note")


def _deep(line: int) -> str:
    return (f"talks/eo/slow.md:{line}: body: nested 33 levels deep (quotes '>' and indented lists), too "
            "deep for Markdown to render in reasonable time (at most 32) — flatten the nesting: fewer "
            "'>' and less indentation")


def _slow(line: int, budget: str) -> str:
    return f"talks/eo/slow.md:{line}: body: {SLOW.format(budget)}"


SLOW_BODIES: dict[str, tuple[str, str]] = {
    "backslash-escapes": ("\\*" * 120_000, f"talks/eo/slow.md:8: body: {MARKUP.format(120000)}"),
    "hard-line-breaks": ("a  \n" * 80_000, f"talks/eo/slow.md:8: body: {MARKUP.format(80000)}"),
    "systemd-spaces": ("```systemd\nx" + " " * 2_500 + "\n```", _slow(8, "1")),
    "systemd-lines": ("```systemd\n" + ("y" + " " * 31 + "\n") * 300 + "```", _slow(8, "1.1")),
    "autoit-spaces": ("```autoit\n" + (" " * 31 + "\n") * 300 + "```", _slow(8, "1.1")),
    "fan-long-word": ("```fan\n" + "a" * 6_000 + "\n```", _slow(8, "1.1")),
    "braced-lexer-in-a-list": ("- item\n\n    ``` { .systemd }\n    x" + " " * 2_500 + "\n    ```",
                               _slow(10, "1")),
    "definition-list": ("term\n" + ": def\n" * 4_000,
                        "talks/eo/slow.md:9: body: 4000 definition-list lines (': …'), too many for "
                        "Markdown to render in reasonable time (at most 500) — write them as a list or "
                        "a table, or split the note"),
    "many-headings": ("".join(f"## h{i}\n" for i in range(10_000)), _many(8, "10000 headings", "500")),
    "setext-headings": ("x\n=\n" * 20_000, _many(9, "20000 headings", "500")),
    "code-fences": ("```\n" * 20_000, _many(8, "20000 code fences (```)", "1,000")),
    "nested-quotes": ("".join(">" * i + " x\n" for i in range(1, 800)), _deep(40)),
    "nested-lists": ("".join("  " * i + "- x\n" for i in range(600)), _deep(74)),
    "dangerous-attributes": ("".join(f'<p onclick="x">line {i}</p>\n\n' for i in range(20_000)),
                             "talks/eo/slow.md:8: body: 20000 raw HTML tags, too many for Markdown to "
                             "render in reasonable time (a note may hold 5,000) — write the content as "
                             "Markdown (lists, tables), or split the note"),
}


@pytest.mark.parametrize("case", SLOW_BODIES, ids=str)
def test_notes_that_would_stall_rendering_are_refused(tmp_path: Path, case: str) -> None:
    body, expected = SLOW_BODIES[case]
    write_files(tmp_path, {"talks/eo/slow.md": NOTE})
    (tmp_path / "talks/eo/slow.md").write_text(NOTE + "\nIntro.\n\n" + body + "\n", encoding="utf-8")
    assert check_lines(tmp_path) == [expected]


def test_ordinary_highlighted_code_is_not_refused() -> None:
    body = "```python\n" + "".join(f"def f{i}(x):\n    return x * {i}  # comment\n" for i in range(300)) \
        + "```\n\n```yaml\nservices:\n  web:\n    image: x\n```\n"
    assert refused_body("t.md", body, 1) == []


def _slow_kb(root: Path) -> Path:
    make_kb(root, {"talks/eo/fine.md": NOTE + "\nFine note.\n"})
    for name, (body, _) in SLOW_BODIES.items():
        (root / f"talks/eo/{name}.md").write_text(NOTE + "\nIntro.\n\n" + body + "\n", encoding="utf-8")
    return root


def test_check_build_and_search_refuse_the_same_slow_notes(tmp_path: Path) -> None:
    root = _slow_kb(tmp_path / "kb")
    checked = hallway("check", "--kb", str(root))
    assert checked.returncode == 1
    expected = sorted(line.replace("talks/eo/slow.md", f"talks/eo/{name}.md")
                      for name, (_, line) in SLOW_BODIES.items())
    assert sorted(checked.stdout.splitlines()) == expected
    built = mkdocs_build(root, strict=False)
    assert built.returncode != 0
    assert [line for line in expected if line not in built.output] == []
    found = hallway("search", "--json", "Intro", "--kb", str(root))
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] == 0  # refused bodies are not indexed (nor rendered)
    found = hallway("search", "--json", "Fine", "--kb", str(root))
    assert json.loads(found.stdout)["total"] == 1


def test_many_findings_are_located_line_by_line() -> None:
    body = "".join('<img src="x.png" onerror="a">\n' for _ in range(3_000))
    rendered = "".join('<p><img src="x.png" onerror="a"></p>' for _ in range(3_000))
    problems = scan_html("t.md", rendered, body, 10)
    assert [p.line for p in problems] == list(range(10, 3_010))


# -- 5. deeply nested HTML imports ---------------------------------------------------------------

def test_import_of_deeply_nested_html_keeps_the_text_and_warns(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", {})
    page = tmp_path / "deep.html"
    page.write_text("<h2>Rust in the kernel by Jane Roe</h2><p>intro</p>" + "<b>" * 400 + "deep bold text"
                    + "</b>" * 400 + "<div>" * 500 + "<p>deep div text</p>" + "</div>" * 500
                    + "<h2>Packaging pains by John Doe</h2><ul><li>end</li></ul>")
    result = hallway("import", str(page), "--event", "eo", "--kb", str(kb))
    assert result.returncode == 0, result.stderr
    assert (f"warning: {page}: HTML nested more than 60 levels deep: 781 inner element(s) were flattened "
            "(their text is kept, some formatting is not)") in result.stdout
    text = (kb / "talks/eo/rust-in-the-kernel.md").read_text()
    assert "**deep bold text**" in text and "deep div text" in text
    assert hallway("check", "--kb", str(kb)).returncode == 0


# -- 6. an import killed mid-way -------------------------------------------------------------------

def _export(posts: int) -> bytes:
    items = "".join(
        f"<item><title>Conf {2000 + n % 20} – Day {n} – Morning</title><content:encoded><![CDATA["
        f"<h3>Talk number {n} about things by Speaker Person{chr(65 + n % 26)}{chr(97 + n // 26 % 26)}"
        f"</h3><ul><li>Point {n}</li></ul><p><strong>Second talk {n} by Robin Hood</strong></p>"
        "<ul><li>More</li></ul>]]></content:encoded>"
        f"<wp:post_date>2024-01-{1 + n % 28:02d} 10:00:00</wp:post_date>"
        '<category domain="category" nicename="conf">Conf</category></item>' for n in range(posts))
    return ("<?xml version='1.0' encoding='UTF-8'?><rss "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/' "
            "xmlns:wp='http://wordpress.org/export/1.2/'><channel><title>b</title>" + items
            + "</channel></rss>").encode()


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def test_an_import_killed_mid_way_recovers_on_the_next_run(tmp_path: Path) -> None:
    export = tmp_path / "export.xml"
    export.write_bytes(_export(1_500))  # 3,000 talks, 3,000+ speakers, events
    once, killed = make_kb(tmp_path / "once", {}), make_kb(tmp_path / "killed", {})
    assert hallway("import", str(export), "--category", "conf", "--kb", str(once)).returncode == 0
    # Test hook (safe_writer.KILL_AFTER_ENV): the writer sends itself SIGKILL after 1,500 files.
    crashed = hallway("import", str(export), "--category", "conf", "--kb", str(killed),
                      env={"HALLWAY_TEST_KILL_AFTER": "1500"})
    assert crashed.returncode == -9
    written = [p for p in killed.rglob("*.md") if p.parent.name != "docs"]
    assert len(written) == 1_500
    rerun = hallway("import", str(export), "--category", "conf", "--kb", str(killed))
    assert rerun.returncode == 0, rerun.stderr
    assert _tree(killed) == _tree(once)
    leftovers = [p for p in killed.rglob(".hallway-*")] + list((killed / ".cache/hallway/writing").iterdir())
    assert leftovers == []


# -- 7, 8. bidi spoofing, look-alike names, C1 controls ----------------------------------------------

def test_bidi_controls_and_look_alike_names(tmp_path: Path) -> None:
    write_files(tmp_path, {"speakers/hamish-coleman.md": "---\nname: Hamish Coleman\n---\n"})
    (tmp_path / "talks/eo").mkdir(parents=True)
    (tmp_path / "talks/eo/t.md").write_text(
        '---\ntitle: "Fine \\u202eenil"\nevent: eo\nspeakers: [Hamish CoIeman, "\\u202enamelоC hsimaH"]\n'
        "---\nText \u2067hidden\u2069 here\n", encoding="utf-8")
    assert check_lines(tmp_path) == [
        "talks/eo/t.md:2: title: contains the invisible bidirectional control character U+202E, which "
        "makes text display in a different order — delete it (retype the value); names and titles "
        "cannot hold direction controls",
        "talks/eo/t.md:4: speakers: contains the invisible bidirectional control character U+202E, "
        "which makes text display in a different order — delete it (retype the value); names and "
        "titles cannot hold direction controls",
        "talks/eo/t.md:4: speakers: warning: unknown speaker 'Hamish CoIeman' — did you mean "
        "'Hamish Coleman'? (otherwise a new speaker page is made)",
        "talks/eo/t.md:4: speakers: warning: the speaker name 'Hamish CoIeman' looks like 'Hamish "
        "Coleman' (speakers/hamish-coleman.md) but is a different speaker: some of its letters only "
        "look the same — write 'Hamish Coleman' if it is the same speaker; otherwise use a name that "
        "reads differently",
        "talks/eo/t.md:6: body: warning: the invisible bidirectional control character U+2067 changes "
        "the order in which this line is displayed, which can hide what it says — delete it unless "
        "right-to-left text needs it"]
    kb = make_kb(tmp_path / "kb", {"speakers/hamish-coleman.md": "---\nname: Hamish Coleman\n---\n"})
    result = hallway("new", "speaker", "Hаmish Coleman", "--kb", str(kb))  # Cyrillic а
    assert result.returncode == 1 and "looks like the existing speaker 'Hamish Coleman'" in result.stderr


def test_c1_controls_are_refused_and_never_reach_the_terminal(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", {"talks/eo/fine.md": NOTE + "\nCSI fine text\n"})
    (kb / "talks/eo/raw.md").write_text(NOTE + "\nCSI \x9b31m red\n", encoding="utf-8")
    (kb / "talks/eo/escaped.md").write_text('---\ntitle: "CSI \\x9b31m"\nevent: eo\n---\n', encoding="utf-8")
    assert check_lines(kb) == [
        "talks/eo/escaped.md:2: invalid YAML: a value contains an invisible control character (U+009B) "
        "— remove the escape (\\0, \\e, \\x.., \\u..) from the quoted value",
        "talks/eo/raw.md:6: the file contains an invisible control character (U+009B) — delete that "
        "character (editors may show it as ^@, ^[ or a box)"]
    for args in (["CSI"], ["--json", "CSI"]):
        found = hallway("search", *args, "--kb", str(kb))
        assert found.returncode == 0, found.stderr
        assert not any("\x80" <= ch <= "\x9f" or ch == "\x1b" for ch in found.stdout + found.stderr)
    assert for_terminal("a\x9b31mb\x1b[0m\u202ec") == "a\ufffd31mb\ufffd[0m\ufffdc"


def test_the_budget_renders_with_the_site_extensions() -> None:
    import yaml

    from hallway.core.kb.renderbudget import SITE_EXTENSIONS

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert sorted(SITE_EXTENSIONS) == sorted(names)


def test_import_drops_direction_overrides_from_blog_html(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", {})
    page = tmp_path / "bidi.html"
    page.write_text("<h2>Rust in the kernel by &#8238;eoR enaJ&#8236;</h2><ul><li>x</li></ul>"
                    "<h2>Packaging pains by John Doe</h2><ul><li>end</li></ul>")
    result = hallway("import", str(page), "--event", "eo", "--kb", str(kb))
    assert result.returncode == 0, result.stderr
    assert (f"warning: {page}: removed 2 invisible control character(s) (direction overrides, "
            "terminal controls)") in result.stdout
    assert not any("\u202a" <= ch <= "\u202e" for p in kb.rglob("*.md") for ch in p.read_text())
    assert hallway("check", "--kb", str(kb)).returncode == 0


def test_the_render_budget_gives_an_outer_timer_back() -> None:
    """A caller's own SIGALRM timer (pytest-timeout, say) keeps running across a trial."""
    import signal

    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        assert refused_body("t.md", "```systemd\nx" + " " * 2_500 + "\n```", 1) != []
        assert 30 < signal.getitimer(signal.ITIMER_REAL)[0] <= 60
        assert signal.getsignal(signal.SIGALRM) is not None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
