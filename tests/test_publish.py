"""Publishing: the site under a GitHub Pages project subpath, the Atom feed, the sitemap, the export."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hallway.core.kb.loader import load
from hallway.core.kb.model import Note
from hallway.core.publish.feed import build_feed, git_commit_times

from .kbfixtures import REPO, BuildResult, make_kb, mkdocs_build, write_files
from .linkcheck import broken_links, crawl, html_pages, root_absolute_links, serve_under

pytestmark = pytest.mark.build

SUBPATH_URL = "https://example.github.io/repo/"
A = "{http://www.w3.org/2005/Atom}"
CONTENT = ("docs", "talks", "posts", "speakers", "events", "projects", "topics")


def _with_site_url(root: Path, site_url: str) -> None:
    config = root / "mkdocs.yml"
    lines = [f"site_url: {site_url}" if line.startswith("site_url:") else line
             for line in config.read_text(encoding="utf-8").splitlines()]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def real_repo_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own notes, built for https://example.github.io/repo/."""
    root = tmp_path_factory.mktemp("real-repo")
    for name in (*CONTENT, "site_overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    _with_site_url(root, SUBPATH_URL)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    return result


FIXTURE = {
    "events/kiwicon-2024.md": "---\nname: Kiwicon 2024\nurl: 'https://kiwicon.example/'\n---\n"
                              "A conference.\n",
    "speakers/tui-ngata.md": "---\nname: Tūī Ngata\nlinks: {website: 'https://tui.example/'}\n---\nKaiako.\n",
    "topics/networking.md": "---\nname: Networking\n---\n",
    "topics/vpn.md": "---\nname: VPN\nparent: networking\n---\n",
    "talks/kiwicon-2024/vpns.md": """\
        ---
        title: VPNs & <friends>
        event: Kiwicon 2024
        speakers: [Tūī Ngata, Someone Else]
        date: 2024-03-04
        topics: [VPN]
        projects: [WireGuard]
        links: {video: 'https://video.example/1'}
        summary: Why "peer to peer" matters.
        ---

        ## Plans

        See [the other talk](hacking.md) and [its history](hacking.md#history).
        """,
    "talks/kiwicon-2024/hacking.md": """\
        ---
        title: Hacking
        event: kiwicon-2024
        speakers: [Tūī Ngata]
        date: 2024-03-05
        ---

        ## History

        Back to [VPNs](vpns.md#plans).
        """,
    "posts/a-write-up.md": "---\ntitle: A write-up\nprojects: [WireGuard]\n---\nText.\n",
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = make_kb(tmp_path_factory.mktemp("fixture") / "kb", FIXTURE)
    _with_site_url(root, SUBPATH_URL)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    return result


# -- the site under a subpath -------------------------------------------------------------------

def test_real_site_under_repo_subpath_has_no_broken_internal_link(real_repo_site: BuildResult) -> None:
    assert len(html_pages(real_repo_site.site)) > 40
    assert broken_links(real_repo_site.site, "/repo/") == []


def test_fixture_site_under_repo_subpath_has_no_broken_internal_link(fixture_site: BuildResult) -> None:
    assert broken_links(fixture_site.site, "/repo/") == []


def test_pages_work_under_any_subpath_because_links_are_relative(real_site: BuildResult) -> None:
    # real_site is built for /hallway/; every page but 404.html (MkDocs makes its links absolute
    # from site_url, since it is served at any missing address) must also work elsewhere.
    pages = [p for p in html_pages(real_site.site) if p != "404.html"]
    with serve_under(real_site.site, "/some/other-name/") as base:
        assert crawl(base, pages) == []


def test_no_root_absolute_links_in_our_pages(real_repo_site: BuildResult, fixture_site: BuildResult) -> None:
    for site in (real_repo_site.site, fixture_site.site):
        found = root_absolute_links(site)
        assert [f for f in found if not f.startswith("404.html:")] == []
        assert all('="/repo/' in f for f in found), found  # 404.html: from site_url, by MkDocs


def test_link_checker_reports_broken_links_and_anchors(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "index.html": '<h1 id="top">Home</h1><a href="a/">ok</a> <a href="missing/">gone</a> '
                      '<a href="a/#here">anchor ok</a> <a href="a/#nowhere">bad anchor</a> '
                      '<a href="/elsewhere/">root</a> <a href="https://example.org/">external</a> '
                      '<a href="#top">self</a><img src="img.png">',
        "a/index.html": '<p id="here">A</p><a href="../">home</a>',
        "orphan.html": '<a href="nope.html">x</a>',
    })
    assert broken_links(tmp_path, "/repo/") == [
        "(home): a.href '/elsewhere/' -> /elsewhere/ is outside /repo/",
        "(home): a.href 'a/#nowhere' -> no element with id 'nowhere'",
        "(home): a.href 'missing/' -> HTTP 404",
        "(home): img.src 'img.png' -> HTTP 404",
        "orphan.html: a.href 'nope.html' -> HTTP 404",
    ]
    assert root_absolute_links(tmp_path) == ['index.html: href="/elsewhere/"']


# -- feed ---------------------------------------------------------------------------------------

def _feed(site: Path) -> ET.Element:
    return ET.fromstring((site / "feed.xml").read_bytes())


def test_feed_lists_newest_notes_with_absolute_links(fixture_site: BuildResult) -> None:
    feed = _feed(fixture_site.site)
    assert feed.findtext(f"{A}title") == "Fixture KB"
    assert feed.find(f"{A}link[@rel='self']").get("href") == SUBPATH_URL + "feed.xml"  # type: ignore[union-attr]
    entries = feed.findall(f"{A}entry")
    titles = [e.findtext(f"{A}title") for e in entries]
    # Dated notes by date, newest first; the undated write-up by when its file was saved (now).
    assert titles == ["A write-up", "Hacking", "VPNs & <friends>"]
    vpns = entries[2]
    href = vpns.find(f"{A}link").get("href")  # type: ignore[union-attr]
    assert href == SUBPATH_URL + "talks/kiwicon-2024/vpns/"
    assert vpns.findtext(f"{A}id") == href
    assert vpns.findtext(f"{A}updated") == "2024-03-04T00:00:00Z"
    assert vpns.findtext(f"{A}summary") == 'Why "peer to peer" matters.'
    assert [a.findtext(f"{A}name") for a in vpns.findall(f"{A}author")] == ["Tūī Ngata", "Someone Else"]
    assert [c.get("label") for c in vpns.findall(f"{A}category")] == ["VPN"]
    for entry in entries:
        link = entry.find(f"{A}link").get("href")  # type: ignore[union-attr]
        assert fixture_site.exists(link.removeprefix(SUBPATH_URL)), link  # type: ignore[union-attr]


def test_every_page_links_to_the_feed_relatively(fixture_site: BuildResult) -> None:
    page = fixture_site.page("talks/kiwicon-2024/vpns/")
    link = page.select_one('head link[rel=alternate][type="application/atom+xml"]')
    assert link is not None and link["href"] == "../../../feed.xml"
    home = fixture_site.page("").select_one('link[type="application/atom+xml"]')
    assert home is not None and home["href"] == "feed.xml"


def test_feed_escapes_hostile_notes_and_drops_characters_xml_cannot_carry(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "talks/eo/x.md": '---\ntitle: "<script>alert(1)</script> & \\x01\\x1b ]]>"\nevent: eo\n'
                         "date: 2025-01-01\n---\n<script>alert(2)</script>Body with **bold** & more\n",
    })
    kb, problems = load(tmp_path)
    # The loader refuses control characters (issue 8); the feed still drops them if one got through.
    assert [p.message for p in problems if p.severity == "error"] == [
        "invalid YAML: a value contains an invisible control character (U+0001)"]
    kb, problems = load(tmp_path.parent / "none")
    kb.notes["talks/eo/x.md"] = Note(path="talks/eo/x.md", slug="x", event=None,
                                     title="<script>alert(1)</script> & \x01\x1b ]]>",
                                     date=dt.date(2025, 1, 1),
                                     body="<script>alert(2)</script>Body with **bold** & more\n")
    xml = build_feed(kb, "https://x.example/kb/", 'Site "&" <name>')
    assert b"<script>" not in xml
    feed = ET.fromstring(xml)
    entry = feed.find(f"{A}entry")
    assert entry is not None
    assert entry.findtext(f"{A}title") == "<script>alert(1)</script> &  ]]>"
    assert entry.findtext(f"{A}summary") == "Body with bold & more"
    assert feed.findtext(f"{A}title") == 'Site "&" <name>'


def test_feed_keeps_the_newest_twenty(tmp_path: Path) -> None:
    write_files(tmp_path, {f"talks/eo/t{i:02}.md": f"---\ntitle: T{i:02}\nevent: eo\n"
                           f"date: 2025-01-{i:02}\n---\n" for i in range(1, 26)})
    kb, _ = load(tmp_path)
    entries = ET.fromstring(build_feed(kb, None, "KB")).findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == [f"T{i:02}" for i in range(25, 5, -1)]
    assert entries[0].find(f"{A}link").get("href") == "talks/eo/t25/"  # type: ignore[union-attr]


def test_undated_notes_are_placed_by_their_last_commit(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    write_files(tmp_path, {"talks/eo/old.md": "---\ntitle: Old\nevent: eo\n---\n"})

    def git(*args: str, when: str = "2020-01-01T00:00:00+00:00") -> None:
        env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
               "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
               "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "old")
    write_files(tmp_path, {"talks/eo/new.md": "---\ntitle: Néw\nevent: eo\n---\n"})
    git("add", "-A")
    git("commit", "-qm", "new", when="2024-05-06T07:08:09+02:00")
    times = git_commit_times(tmp_path)
    assert times["talks/eo/new.md"] == dt.datetime(2024, 5, 6, 5, 8, 9, tzinfo=dt.UTC)
    kb, _ = load(tmp_path)
    entries = ET.fromstring(build_feed(kb, None, "KB")).findall(f"{A}entry")
    assert [(e.findtext(f"{A}title"), e.findtext(f"{A}updated")) for e in entries] == [
        ("Néw", "2024-05-06T05:08:09Z"), ("Old", "2020-01-01T00:00:00Z")]


# -- sitemap and export -------------------------------------------------------------------------

def test_sitemap_lists_every_talk_page_under_site_url(real_repo_site: BuildResult) -> None:
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = {loc.text for loc in ET.parse(real_repo_site.site / "sitemap.xml").iter(f"{ns}loc")}
    talks = sorted((real_repo_site.site / "talks").glob("*/*/index.html"))
    assert len(talks) == 5
    for page in talks:
        rel = page.parent.relative_to(real_repo_site.site).as_posix()
        assert f"{SUBPATH_URL}{rel}/" in urls
    assert all(u and u.startswith(SUBPATH_URL) for u in urls)


def test_export_holds_the_whole_knowledge_base_and_its_relations(fixture_site: BuildResult) -> None:
    data = json.loads((fixture_site.site / "hallway.json").read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["site_url"]) == ("hallway-kb", 1, SUBPATH_URL)
    assert [t["id"] for t in data["talks"]] == ["talks/kiwicon-2024/hacking", "talks/kiwicon-2024/vpns"]
    assert [p["id"] for p in data["posts"]] == ["posts/a-write-up"]
    vpns = data["talks"][1]
    assert vpns | {"body": ""} == {
        "id": "talks/kiwicon-2024/vpns", "title": "VPNs & <friends>", "kind": "talk",
        "page": SUBPATH_URL + "talks/kiwicon-2024/vpns/", "source": "talks/kiwicon-2024/vpns.md",
        "date": "2024-03-04", "session": None, "summary": 'Why "peer to peer" matters.',
        "event": "kiwicon-2024", "speakers": ["tui-ngata", "someone-else"], "projects": ["wireguard"],
        "topics": ["vpn"], "links": {"video": "https://video.example/1"}, "body": ""}
    assert "## Plans" in vpns["body"]
    speakers = {s["slug"]: s for s in data["speakers"]}
    assert speakers["tui-ngata"]["name"] == "Tūī Ngata"
    assert speakers["tui-ngata"]["notes"] == ["talks/kiwicon-2024/hacking", "talks/kiwicon-2024/vpns"]
    assert speakers["tui-ngata"]["links"] == {"website": "https://tui.example/"}
    assert speakers["someone-else"]["source"] is None
    events = {e["slug"]: e for e in data["events"]}
    assert events["kiwicon-2024"]["homepage"] == "https://kiwicon.example/"
    assert events["kiwicon-2024"]["description"] == "A conference."
    projects = {p["slug"]: p for p in data["projects"]}
    assert projects["wireguard"]["notes"] == ["talks/kiwicon-2024/vpns", "posts/a-write-up"]
    topics = {t["slug"]: t for t in data["topics"]}
    assert topics["vpn"]["parent"] == "networking" and topics["networking"]["children"] == ["vpn"]
    for item in [*data["talks"], *data["posts"], *data["speakers"], *data["events"],
                 *data["projects"], *data["topics"]]:
        assert fixture_site.exists(item["page"].removeprefix(SUBPATH_URL)), item["page"]


def test_search_documents_go_to_memory_only_when_it_has_room(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    """A build writes its notes' search documents to /dev/shm when there is room for them (files
    on a virtual machine's disk were slow to create), and to the temporary folder otherwise: a
    container's 64 MiB /dev/shm must not fill up and fail the build."""
    from hallway.core import scratch

    monkeypatch.setattr(scratch, "MEMORY_FOLDER", tmp_path)
    free = os.statvfs(tmp_path).f_bavail * os.statvfs(tmp_path).f_frsize
    assert scratch.memory_backed(1024) == tmp_path
    assert scratch.memory_backed(free) is None  # twice what is needed must be free
    tmp_path.chmod(0o500)
    try:
        assert scratch.memory_backed(1024) is None or os.geteuid() == 0  # root writes anywhere
    finally:
        tmp_path.chmod(0o700)
    monkeypatch.setattr(scratch, "MEMORY_FOLDER", tmp_path / "missing")
    assert scratch.memory_backed(1024) is None


def test_search_documents_left_by_a_killed_build_are_removed_by_the_next(tmp_path: Path) -> None:
    """A killed serve or build never cleans up its search documents (~45 MB at 21,000 talks); the
    next one removes those of processes that are gone, and leaves those of running ones."""
    from hallway.core.scratch import fresh_folder

    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = tmp_path / f"hallway-search-{gone.pid}-abc"
    (stale / "talks").mkdir(parents=True)
    running = tmp_path / "hallway-search-1-xyz"  # init: always running
    running.mkdir()
    mine = fresh_folder("hallway-search-", tmp_path)
    assert mine.name.startswith(f"hallway-search-{os.getpid()}-") and mine.is_dir()
    assert not stale.exists() and running.is_dir()
