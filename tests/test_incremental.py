"""The edit-preview loop renders exactly the pages an edit affects (real MkDocs `--dirty` rebuilds).

The rebuilds run in one child process the way `mkdocs serve --dirty` runs them (one plugin object
kept across builds), so the plugin's state is real and isolated from the test process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hallway.core.build.changes import PageTracker, affected_by_note
from hallway.core.build.pipeline import build_site

from .kbfixtures import HEARD, hallway, make_kb

pytestmark = pytest.mark.build

FILES = {
    "speakers/ana.md": "---\nname: Ana Ruiz\n---\n",
    "speakers/ben.md": "---\nname: Ben Okafor\n---\n",
    "projects/wireguard.md": "---\nname: WireGuard\n---\n",
    "topics/vpn.md": "---\nname: VPN\n---\n",
    "talks/eo/tunnels.md": "---\ntitle: Tunnels for everyone today\nevent: eo\ndate: 2025-01-20\n"
                           "speakers: [Ana Ruiz]\nprojects: [WireGuard]\ntopics: [VPN]\n---\n\n"
                           "Ana showed WireGuard.\n",
    "talks/eo/other.md": "---\ntitle: Something else entirely\nevent: eo\ndate: 2025-01-21\n"
                         "speakers: [Ben Okafor]\n---\n\nAs in Tunnels for everyone today, it works.\n",
    "talks/kiwicon/third.md": "---\ntitle: A third unrelated talk\nevent: kiwicon\ndate: 2025-01-22\n"
                              "speakers: [Cara Ito]\n---\n\nNothing to see.\n",
}

DRIVER = HEARD + r"""
import json, os, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

root = Path(sys.argv[1]); site = root / "site"; os.chdir(root)
def config():
    return load_config(str(root / "mkdocs.yml"), site_dir=str(site))
first = config()
first.plugins.on_startup(command="serve", dirty=True)
build(first, dirty=True)
def stamps():
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("index.html")}
out = {}
for step in json.loads(sys.argv[2]):
    before = stamps()
    time.sleep(0.02)
    path = root / step["file"]
    path.write_text(path.read_text().replace(step["old"], step["new"]))
    heard(first.plugins["hallway"], path)
    build(config(), dirty=True)
    after = stamps()
    out[step["name"]] = sorted(k for k in after if before.get(k) != after[k])
print(json.dumps(out))
"""


def rebuilt_pages(kb: Path, steps: list[dict[str, str]]) -> dict[str, list[str]]:
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(kb), json.dumps(steps)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, list[str]] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_an_edit_rerenders_the_note_and_the_pages_that_list_it_and_nothing_else(kb: Path) -> None:
    make_kb(kb, FILES)
    rebuilt = rebuilt_pages(kb, [
        {"name": "body", "file": "talks/eo/tunnels.md", "old": "Ana showed", "new": "Ana demoed"},
        {"name": "title", "file": "talks/eo/tunnels.md", "old": "title: Tunnels for everyone today",
         "new": "title: Tunnels for all of us"},
    ])
    # Only the talk's own page shows its notes.
    assert rebuilt["body"] == ["talks/eo/tunnels/index.html"]
    title = set(rebuilt["title"])
    # The talk, its speaker, event, project and topic pages, the talk list and the home page list it…
    assert {"talks/eo/tunnels/index.html", "speakers/ana/index.html", "events/eo/index.html",
            "projects/wireguard/index.html", "topics/vpn/index.html", "talks/index.html",
            "index.html"} <= title
    # …the talk whose prose named the old title is linked again…
    assert "talks/eo/other/index.html" in title
    # …and a talk that shows nothing of it is left alone.
    assert "talks/kiwicon/third/index.html" not in title
    assert "speakers/ben/index.html" not in title  # lists "other", but not its prose
    page = (kb / "site/speakers/ana/index.html").read_text(encoding="utf-8")
    assert "Tunnels for all of us" in page and "Tunnels for everyone today" not in page


def test_fingerprints_change_for_exactly_the_pages_showing_the_note(kb: Path) -> None:
    make_kb(kb, FILES)
    tracker = PageTracker()
    site, _ = build_site(kb)
    assert tracker.update(site).first
    (kb / "talks/kiwicon/third.md").write_text(
        FILES["talks/kiwicon/third.md"].replace("A third unrelated talk", "A third renamed talk"),
        encoding="utf-8")
    site, _ = build_site(kb)
    changes = tracker.update(site)
    assert not changes.first and not changes.removed
    expected = affected_by_note(site, "talks/kiwicon/third.md")
    assert expected <= changes.changed
    assert "talks/eo/tunnels.md" not in changes.changed
    assert "speakers/ana.md" not in changes.changed


def test_hallway_serve_without_mkdocs_yml_says_what_to_do(tmp_path: Path) -> None:
    proc = hallway("serve", "--kb", str(tmp_path))
    assert proc.returncode == 1
    assert "no mkdocs.yml here" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
