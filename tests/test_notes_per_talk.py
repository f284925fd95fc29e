"""Issue 14: many people's notes on one talk, "Add your notes", video timestamps, redirects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from hallway.core.kb.loader import load
from hallway.core.link.timestamps import link_timestamps, video_at
from hallway.core.pages.addnotes import add_notes_url, repository
from hallway.core.problems import Severity

from .kbfixtures import article, make_kb, mkdocs_build, write_files

TALK = ("---\ntitle: The Keynote\nevent: eo-2025\ndate: 2025-01-21\nspeakers: [Ada Speaker]\n"
        "links:\n  video: https://www.youtube.com/watch?v=abc123\n---\n")
ALICE = "---\nby: Alice Notes\ndate: 2025-01-22\ntopics: [WireGuard]\n---\n- At [12:34] the demo.\n"
BOB = "---\nby: bob-writer\n---\nBob's view: `[1:00]` is code.\n"


def _problems(root: Path) -> list[str]:
    return [p.format() for p in load(root)[1] if p.severity == Severity.ERROR]


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hallway.cli", *args, "--kb", str(root)],
                          capture_output=True, text=True, cwd=root, timeout=300)


# --- the model ---------------------------------------------------------------------------------
def test_note_files_join_their_talk_with_authors_and_relations(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo-2025/keynote.md": TALK + "Own notes.\n",
                           "talks/eo-2025/keynote/alice-notes.md": ALICE,
                           "talks/eo-2025/keynote/bob-writer.md": BOB,
                           "speakers/bob-writer.md": "---\nname: Bob Writer\n---\n"})
    kb, problems = load(tmp_path)
    assert [p for p in problems if p.severity == Severity.ERROR] == []
    talk = kb.notes["talks/eo-2025/keynote.md"]
    assert list(kb.notes) == ["talks/eo-2025/keynote.md"]  # the folder is no event, the notes no talks
    assert [(n.path, n.by) for n in talk.notes] == [("talks/eo-2025/keynote/alice-notes.md", "alice-notes"),
                                                     ("talks/eo-2025/keynote/bob-writer.md", "bob-writer")]
    assert kb.entities["speaker"]["alice-notes"].name == "Alice Notes"  # created like a speaker
    assert "wireguard" in talk.topics  # a note's topics add to its talk's
    assert talk.note_count == 3


def test_a_note_file_named_for_someone_else_gets_a_warning_with_the_rename(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo-2025/keynote.md": TALK, "talks/eo-2025/keynote/your-name.md": ALICE})
    warnings = [p.format() for p in load(tmp_path)[1] if p.severity == Severity.WARNING]
    assert warnings == ["talks/eo-2025/keynote/your-name.md:2: by: warning: the file name 'your-name' does "
                        "not match by: 'Alice Notes' — rename the file to "
                        "talks/eo-2025/keynote/alice-notes.md"]


@pytest.mark.parametrize(("files", "expected"), [
    ({"talks/eo-2025/gone/alice.md": ALICE},
     "talks/eo-2025/gone/alice.md:1: notes folder talks/eo-2025/gone/ has no talk file "
     "talks/eo-2025/gone.md — create talks/eo-2025/gone.md"),
    ({"talks/eo-2025/keynote.md": TALK, "talks/eo-2025/keynote/alice-notes.md": "---\nby:\n---\nx\n"},
     "talks/eo-2025/keynote/alice-notes.md:2: by: is empty"),
    ({"talks/eo-2025/keynote.md": TALK,
      "talks/eo-2025/keynote/alice-notes.md": "---\ndate: 2025-01-01\n---\n"},
     "talks/eo-2025/keynote/alice-notes.md:1: by: missing required field 'by'"),
    ({"talks/eo-2025/keynote.md": TALK + "Own\n",
      "talks/eo-2025/keynote/alice-notes.md": ALICE, "talks/eo-2025/keynote/alice2.md": ALICE},
     "talks/eo-2025/keynote/alice2.md:2: by: Alice Notes already has notes on this talk in "
     "talks/eo-2025/keynote/alice-notes.md — add these notes to talks/eo-2025/keynote/alice-notes.md"),
    ({"talks/eo-2025/keynote.md": TALK.replace("---\n", "---\nby: Alice Notes\n", 1),
      "talks/eo-2025/keynote/alice-notes.md": ALICE},
     "already has notes on this talk in talks/eo-2025/keynote.md"),
    ({"talks/eo-2025/keynote.md": TALK.replace("---\n", "---\nby: ''\n", 1)},
     "talks/eo-2025/keynote.md:2: by: is blank"),
    ({"talks/eo-2025/keynote.md": TALK, "talks/eo-2025/alice-notes.md": ALICE},
     "talks/eo-2025/alice-notes.md:1: title: notes by one person (by:, no title) belong in a talk's notes "
     "folder — move it to talks/eo-2025/<talk>/alice-notes.md, in the notes folder of the talk it is about"),
    ({"talks/eo-2025/keynote.md": TALK, "talks/eo-2025/keynote/deeper/alice.md": ALICE},
     "talks/eo-2025/keynote/deeper/alice.md: talk notes live in talks/<event>/<talk>.md"),
])
def test_bad_note_files_get_a_path_line_error_with_the_fix(tmp_path: Path, files: dict[str, str],
                                                           expected: str) -> None:
    write_files(tmp_path, files)
    found = _problems(tmp_path)
    assert any(expected in line for line in found), found


# --- the site ----------------------------------------------------------------------------------
@pytest.mark.build
def test_a_talk_with_two_peoples_notes_builds_into_one_page_with_both_authors(kb: Path) -> None:
    make_kb(kb, {"talks/eo-2025/keynote.md": TALK.replace("---\n", "---\nby: Carol Owner\n", 1)
                 + "Carol's own notes.\n",
                 "talks/eo-2025/keynote/alice-notes.md": ALICE,
                 "talks/eo-2025/keynote/bob-writer.md": BOB,
                 "talks/eo-2025/quiet.md": "---\ntitle: Quiet talk\nevent: eo-2025\n---\n",
                 "speakers/bob-writer.md": "---\nname: Bob Writer\n---\n"})
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    page = article(result.page("talks/eo-2025/keynote/"))
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in page.select(".hw-body h2")]
    assert headings == ["Notes by Carol Owner", "Notes by Alice Notes · 2025-01-22", "Notes by Bob Writer"]
    body = page.select_one(".hw-body").get_text()  # type: ignore[union-attr]
    assert body.index("Carol's own notes.") < body.index("the demo") < body.index("Bob's view")
    authors = {a.get_text(): a["href"] for a in page.select(".hw-body h2 a[href]") if a.get_text()}
    assert authors["Alice Notes"] == "../../../speakers/alice-notes/"
    stamp = page.find("a", string="12:34")
    assert stamp is not None and stamp["href"] == "https://www.youtube.com/watch?v=abc123&t=754"
    assert page.find("a", string="1:00") is None and "[1:00]" in body  # in code: left alone
    assert result.exists("talks/eo-2025/keynote/alice") is False  # no page of its own
    for person in ("alice-notes", "bob-writer", "carol-owner"):
        written = article(result.page(f"speakers/{person}/")).select("#notes-written + ul .hw-card__title")
        assert [a.get_text() for a in written] == ["The Keynote"], person
    counts = {card.select_one(".hw-card__title").get_text():  # type: ignore[union-attr]
              card.select_one(".hw-notes-count").get_text()  # type: ignore[union-attr]
              for card in article(result.page("talks/")).select(".hw-card")}
    assert counts == {"The Keynote": "3 notes", "Quiet talk": "no notes yet"}
    event_counts = [c.get_text() for c in article(result.page("events/eo-2025/")).select(".hw-notes-count")]
    assert sorted(event_counts) == ["3 notes", "no notes yet"]
    feed = (result.site / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("Notes by Alice Notes") == 1 and feed.count("Notes by Bob Writer") == 1


# --- "Add your notes" -----------------------------------------------------------------------
def _decoded(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    query = parse_qs(parts.query, strict_parsing=True)
    return parts.path, query["filename"][0], query["value"][0]


@pytest.mark.parametrize(("edit_uri", "folder"), [("edit/main/", ""), ("edit/trunk/kb/notes/", "kb/notes/"),
                                                  (None, "")])
def test_add_your_notes_decodes_to_a_new_file_in_the_talks_notes_folder(
        tmp_path: Path, edit_uri: str | None, folder: str) -> None:
    repo = repository("https://github.com/example/kb.git", edit_uri)
    url = add_notes_url(repo, "talks/eo-2025/keynote.md")
    assert url.startswith("https://github.com/example/kb/new/")
    path, filename, value = _decoded(url)
    assert path == "/example/kb/new/" + ("trunk" if "trunk" in (edit_uri or "") else "main")
    assert filename == f"{folder}talks/eo-2025/keynote/your-name.md"
    # Written where it says, in a checkout whose knowledge base is at `folder`, it passes the check.
    kb = tmp_path / folder
    write_files(kb, {"talks/eo-2025/keynote.md": TALK})
    (tmp_path / filename).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / filename).write_text(value, encoding="utf-8")
    checked = _cli(kb, "check", "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert load(kb)[0].notes["talks/eo-2025/keynote.md"].notes[0].by == "your-name"


@pytest.mark.parametrize("repo_url", [None, "", "https://gitlab.com/example/kb", "http://github.com/a/b",
                                      "https://github.com/only-owner"])
def test_no_add_your_notes_link_without_a_github_repository(repo_url: str | None) -> None:
    assert add_notes_url(repository(repo_url, "edit/main/"), "talks/eo/a.md") == ""


@pytest.mark.build
def test_talk_pages_link_to_add_your_notes_and_not_without_repo_url(kb: Path) -> None:
    make_kb(kb, {"talks/eo-2025/keynote.md": TALK, "posts/essay.md": "---\ntitle: Essay\n---\nText\n"})
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    link = article(result.page("talks/eo-2025/keynote/")).select_one(".hw-add-notes a")
    assert link is not None and link.get_text() == "Add your notes"
    assert _decoded(str(link["href"]))[1] == "talks/eo-2025/keynote/your-name.md"
    assert article(result.page("posts/essay/")).select_one(".hw-add-notes") is None
    yml = (kb / "mkdocs.yml").read_text(encoding="utf-8")
    (kb / "mkdocs.yml").write_text(yml.replace("repo_url: https://github.com/example/kb\n", "")
                                   .replace("edit_uri: edit/main/\n", ""), encoding="utf-8")
    again = mkdocs_build(kb)
    assert again.returncode == 0, again.output
    assert article(again.page("talks/eo-2025/keynote/")).select_one(".hw-add-notes") is None


def test_hallway_new_note_writes_the_same_file_locally_and_never_overwrites(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo-2025/keynote.md": TALK,
                           "speakers/alice-notes.md": "---\nname: Alice Notes\naliases: [Ali]\n---\n"})
    made = _cli(tmp_path, "new", "note", "--talk", "eo-2025/keynote", "--by", "Ali")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == "talks/eo-2025/keynote/alice-notes.md"
    text = (tmp_path / "talks/eo-2025/keynote/alice-notes.md").read_text(encoding="utf-8")
    assert "by: Ali\n" in text
    assert _cli(tmp_path, "check", "--strict").returncode == 0
    (tmp_path / "talks/eo-2025/keynote/alice-notes.md").write_text(text + "My notes.\n", encoding="utf-8")
    again = _cli(tmp_path, "new", "note", "--talk", "eo-2025/keynote", "--by", "Alice Notes")
    assert again.returncode != 0 and "already exists" in again.stdout + again.stderr
    assert "My notes." in (tmp_path / "talks/eo-2025/keynote/alice-notes.md").read_text(encoding="utf-8")
    missing = _cli(tmp_path, "new", "note", "--talk", "eo-2025/nope", "--by", "X")
    assert missing.returncode != 0 and "no talk file talks/eo-2025/nope.md" in missing.stdout + missing.stderr
    assert "Traceback" not in missing.stderr


# --- video timestamps --------------------------------------------------------------------------
@pytest.mark.parametrize(("video", "expected"), [
    ("https://www.youtube.com/watch?v=abc&t=5", "https://www.youtube.com/watch?v=abc&t=754"),
    ("https://youtu.be/abc", "https://youtu.be/abc?t=754"),
    ("https://vimeo.com/12345", "https://vimeo.com/12345#t=754s"),
    ("https://media.example.org/talk.mp4#x", "https://media.example.org/talk.mp4#t=754"),
])
def test_a_timestamp_links_to_the_video_at_that_second(video: str, expected: str) -> None:
    assert video_at(video, 754) == expected
    assert link_timestamps("At [12:34] it broke.", video).markdown == f"At [12:34]({expected}) it broke."


def test_timestamps_outside_prose_or_without_video_stay_text() -> None:
    text = ("`[12:34]` and [12:34](https://x.example/) and [[12:34]] and [99:99]\n\n```\n[1:02:03]\n```\n"
            "    [0:01]\n\n[1:02:03] end")
    linked = link_timestamps(text, "https://youtu.be/v").markdown
    assert linked == text.replace("[1:02:03] end", "[1:02:03](https://youtu.be/v?t=3723) end")
    assert link_timestamps("At [12:34].", None).markdown == "At [12:34]."


def test_a_timestamp_past_the_end_of_the_video_stays_text_and_is_reported() -> None:
    result = link_timestamps("intro\n[0:30] ok [45:00] too late", "https://youtu.be/v", first_line=7,
                             duration=40 * 60)
    assert result.markdown == "intro\n[0:30](https://youtu.be/v?t=30) ok [45:00] too late"
    assert [(o.line, o.text, o.seconds) for o in result.out_of_range] == [(8, "[45:00]", 2700)]


# --- redirects ---------------------------------------------------------------------------------
MOVED = TALK.replace("---\n", "---\nredirect_from: [talks/eo-2025/old-slug.md, /talks/eo-2024/keynote/]\n", 1)


@pytest.mark.parametrize(("old", "expected"), [
    ("https://evil.example/", "is an address on a site, not an old path of this one"),
    ("//evil.example/x", "is an address on a site"),
    ("javascript:alert(1)", "is an address on a site"),
    ("../../etc/passwd", "is not an old path of a note"),
    ("assets/stylesheets/x.md", "is not an old path of a note"),
    ("talks/eo-2025/other.md", "old path 'talks/eo-2025/other.md' is the address of talks/eo-2025/other.md"),
    ("talks/eo-2025/keynote.md", "is the address of this file itself"),
])
def test_bad_redirect_from_is_an_error_naming_the_file(tmp_path: Path, old: str, expected: str) -> None:
    from hallway.core.build.pipeline import build_site

    moved = TALK.replace("---\n", f"---\nredirect_from: ['{old}']\n", 1)
    write_files(tmp_path, {"talks/eo-2025/keynote.md": moved,
                           "talks/eo-2025/other.md": "---\ntitle: Other\nevent: eo-2025\n---\n"})
    site, problems = build_site(tmp_path)
    found = [p.format() for p in problems if p.severity == Severity.ERROR]
    assert any(line.startswith("talks/eo-2025/keynote.md:2: redirect_from: ") and expected in line
               for line in found), found
    assert site.redirects == []


def test_two_files_claiming_one_old_path_is_an_error_naming_both(tmp_path: Path) -> None:
    from hallway.core.build.pipeline import build_site

    write_files(tmp_path, {"talks/eo-2025/keynote.md": MOVED,
                           "talks/eo-2025/other.md": "---\ntitle: Other\nevent: eo-2025\n"
                                                     "redirect_from: [talks/eo-2025/old-slug/]\n---\n"})
    problems = [p.format() for p in build_site(tmp_path)[1]]
    assert any("talks/eo-2025/other.md:4: redirect_from: old path 'talks/eo-2025/old-slug/' is also "
               "claimed by talks/eo-2025/keynote.md" in line for line in problems), problems


@pytest.mark.build
def test_a_moved_talk_answers_at_its_old_address_in_a_browser_under_a_subpath(kb: Path) -> None:
    from .browser import launch, require_chromium
    from .linkcheck import serve_under

    make_kb(kb, {"talks/eo-2025/keynote.md": MOVED})
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    page = (result.site / "talks/eo-2025/old-slug/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../keynote/">' in page
    assert '<link rel="canonical" href="../keynote/">' in page
    assert (result.site / "talks/eo-2024/keynote/index.html").is_file()
    require_chromium()
    from playwright.sync_api import sync_playwright

    with serve_under(result.site, "/kb/") as base, sync_playwright() as pw:
        browser = launch(pw)
        tab = browser.new_page()
        landed = []
        for old in ("talks/eo-2025/old-slug/", "talks/eo-2024/keynote/"):
            tab.goto(base + old)
            tab.wait_for_url(base + "talks/eo-2025/keynote/", timeout=20_000)
            landed.append((tab.url, tab.locator("h1.hw-title").inner_text()))
        browser.close()
    assert landed == [(base + "talks/eo-2025/keynote/", "The Keynote")] * 2


def test_check_warns_when_git_shows_a_talk_renamed_without_redirect_from(tmp_path: Path) -> None:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=T", "-c", "user.email=t@example.org",
                        *args], check=True, capture_output=True)

    write_files(tmp_path, {"talks/eo-2025/old-slug.md": TALK + "Notes that stay the same.\n" * 5})
    assert "renamed" not in _cli(tmp_path, "check").stdout  # outside git: quietly nothing
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "first")
    git("mv", "talks/eo-2025/old-slug.md", "talks/eo-2025/keynote.md")
    staged = _cli(tmp_path, "check", "--strict")
    assert staged.returncode == 1
    assert ("talks/eo-2025/keynote.md:1: redirect_from: warning: git shows this file renamed from "
            "talks/eo-2025/old-slug.md") in staged.stdout
    git("commit", "-qm", "rename")
    assert "renamed from talks/eo-2025/old-slug.md" in _cli(tmp_path, "check").stdout
    moved = (tmp_path / "talks/eo-2025/keynote.md").read_text(encoding="utf-8")
    (tmp_path / "talks/eo-2025/keynote.md").write_text(
        moved.replace("---\n", "---\nredirect_from: [talks/eo-2025/old-slug.md]\n", 1), encoding="utf-8")
    fixed = _cli(tmp_path, "check", "--strict")
    assert fixed.returncode == 0, fixed.stdout


# --- search ------------------------------------------------------------------------------------
def test_terminal_search_finds_the_talk_by_a_note_files_words_and_author(tmp_path: Path) -> None:
    from hallway.search.engine import search

    write_files(tmp_path, {"talks/eo-2025/keynote.md": TALK + "Own words.\n",
                           "talks/eo-2025/keynote/alice-notes.md": ALICE + "The quokka anecdote.\n"})
    hits = search(tmp_path, "quokka").outcome.hits
    assert [(h.path, h.title) for h in hits] == [("talks/eo-2025/keynote/alice-notes.md",
                                                  "The Keynote — notes by Alice Notes")]
    assert [h.path for h in search(tmp_path, "quokka", {"speaker": ["Alice Notes"]}).outcome.hits] == [
        "talks/eo-2025/keynote/alice-notes.md"]
    assert [h.path for h in search(tmp_path, "quokka", {"topic": ["wireguard"]}).outcome.hits] == [
        "talks/eo-2025/keynote/alice-notes.md"]


@pytest.mark.build
def test_site_search_indexes_every_note_on_the_talk_page(kb: Path) -> None:
    make_kb(kb, {"talks/eo-2025/keynote.md": TALK + "Own words.\n",
                 "talks/eo-2025/keynote/alice-notes.md": ALICE + "The quokka anecdote.\n"})
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    body = article(result.page("talks/eo-2025/keynote/")).select_one("[data-pagefind-body].hw-body")
    assert body is not None and "quokka" in body.get_text() and "Own words." in body.get_text()


def test_check_suggest_points_at_timestamps_past_the_end_of_a_known_video(tmp_path: Path) -> None:
    from hallway.core.authoring.suggest import suggestions
    from hallway.core.build.pipeline import _link_and_plan
    from hallway.core.profile import Profile

    write_files(tmp_path, {"talks/eo-2025/keynote.md": TALK + "At [0:10] hi.\n",
                           "talks/eo-2025/keynote/alice.md": "---\nby: Alice\n---\nThen [45:00] bye.\n"})

    def late(duration: int | None) -> tuple[list[str], str]:
        kb, problems = load(tmp_path)
        talk = kb.notes["talks/eo-2025/keynote.md"]
        talk.duration = duration  # a program's duration in minutes (issue 13)
        site, _ = _link_and_plan(kb, problems, True, "first", None, Profile())
        return [s.format() for s in suggestions(site) if "past the end" in s.message], talk.notes[0].body

    assert late(None) == ([], "Then [45:00](https://www.youtube.com/watch?v=abc123&t=2700) bye.\n")
    assert late(40) == (["talks/eo-2025/keynote/alice.md:4: suggest: [45:00] is past the end of the "
                              "video (40:00) — check the time"], "Then [45:00] bye.\n")


@pytest.mark.build
def test_a_note_files_script_is_reported_by_check_and_build_and_never_reaches_the_page(kb: Path) -> None:
    make_kb(kb, {"talks/eo-2025/keynote.md": TALK + "Own.\n",
                 "talks/eo-2025/keynote/alice-notes.md": ALICE + "\n<script>alert(1)</script>\n"})
    checked = _cli(kb, "check")
    assert checked.returncode == 1
    assert checked.stdout.startswith("talks/eo-2025/keynote/alice-notes.md:8: body: <script> is not allowed")
    assert checked.stdout.count("<script>") == 1 and "2 files" in checked.stderr
    built = mkdocs_build(kb, strict=False)
    assert built.returncode != 0 and "<script>" in built.output
    make_kb(kb, {}, options={"dangerous_html": "warn"})
    warned = mkdocs_build(kb, strict=False)
    assert warned.returncode == 0, warned.output
    assert "alert(1)" not in (warned.site / "talks/eo-2025/keynote/index.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_write_up_by_someone_shows_its_author_and_is_on_their_page(kb: Path) -> None:
    make_kb(kb, {"posts/essay.md": "---\ntitle: Essay\nby: Alice Notes\n---\nText\n"})
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    by = article(result.page("posts/essay/")).select_one(".hw-by a")
    assert by is not None and (by.get_text(), by["href"]) == ("Alice Notes", "../../speakers/alice-notes/")
    written = article(result.page("speakers/alice-notes/")).select("#notes-written + ul .hw-card__title")
    assert [a.get_text() for a in written] == ["Essay"]


@pytest.mark.parametrize(("old", "new", "href"), [
    ("talks/e/old/", "talks/e/new/", "../new/"),
    ("talks/old/", "talks/e/new/", "../e/new/"),
    ("talks/e/old.html", "talks/e/new.html", "new.html"),
    ("posts/x/", "talks/a/b/", "../../talks/a/b/"),
])
def test_redirect_pages_link_relatively_with_and_without_directory_urls(old: str, new: str,
                                                                       href: str) -> None:
    from hallway.core.pages.redirects import Redirect
    from hallway.core.publish.redirects import redirect_page

    page = redirect_page(Redirect("x.md", old, new, "talks/e/new.md", 2))
    assert f'<meta http-equiv="refresh" content="0; url={href}">' in page
    assert f'<link rel="canonical" href="{href}">' in page and f'<a href="{href}">' in page


def test_relations_backlinks_and_related_talks_count_every_note(tmp_path: Path) -> None:
    from hallway.core.build.pipeline import build_site

    write_files(tmp_path, {
        "talks/eo-2025/keynote.md": TALK,
        "talks/eo-2025/keynote/alice-notes.md": ALICE + "Compare [[Other talk]] and Grafana dashboards.\n",
        "talks/eo-2025/other.md": "---\ntitle: Other talk\nevent: eo-2025\ntopics: [WireGuard]\n---\n",
        "projects/grafana.md": "---\nname: Grafana\n---\n",
    })
    site, problems = build_site(tmp_path)
    assert [p for p in problems if p.severity == Severity.ERROR] == []
    relations = site.relations
    assert [n.path for n in relations.notes_for("topic", "wireguard")] == ["talks/eo-2025/keynote.md",
                                                                          "talks/eo-2025/other.md"]
    assert [m.note.path for m in relations.mentions_of("project", "grafana")] == ["talks/eo-2025/keynote.md"]
    assert [m.note.path for m in relations.mentions_of("talk", "talks/eo-2025/other.md")] == [
        "talks/eo-2025/keynote.md"]  # the note's [[link]] is a backlink from the talk
    assert "talks/eo-2025/keynote.md" in [r.note.path for r in relations.related["talks/eo-2025/other.md"]]
    assert [n.path for n in relations.written["alice-notes"]] == ["talks/eo-2025/keynote.md"]


@pytest.mark.build
def test_editing_a_note_file_in_serve_rerenders_its_talk_page(kb: Path) -> None:
    from .test_incremental import rebuilt_pages

    make_kb(kb, {"talks/eo-2025/keynote.md": TALK + "Own.\n", "talks/eo-2025/other.md":
                 "---\ntitle: Other\nevent: eo-2025\n---\nText.\n",
                 "talks/eo-2025/keynote/alice-notes.md": ALICE + "First words.\n"})
    rebuilt = rebuilt_pages(kb, [{"name": "note", "file": "talks/eo-2025/keynote/alice-notes.md",
                                  "old": "First words.", "new": "Second words."}])
    assert rebuilt["note"] == ["talks/eo-2025/keynote/index.html"]
    assert "Second words." in (kb / "site/talks/eo-2025/keynote/index.html").read_text(encoding="utf-8")
