"""Zero broken internal links or anchors in the whole built site: the real notes and a large one."""

from __future__ import annotations

from pathlib import Path

import pytest

from .kbfixtures import BuildResult, make_kb, mkdocs_build
from .sitelinks import broken_links

pytestmark = pytest.mark.build

EVENTS = 12
TALKS = 300


def large_kb(root: Path) -> Path:
    """300 talks over 12 events, with speakers, projects, topics, headings and cross-links."""
    files: dict[str, str] = {}
    for e in range(EVENTS):
        files[f"events/conf-{e}.md"] = (f"---\nname: Conf {e}\naliases: [C{e}]\n"
                                        f"url: https://conf{e}.example/\n---\nThe {e}th conference.\n")
    for s in range(60):
        files[f"speakers/speaker-{s}.md"] = f"---\nname: Speaker {s}\n---\nBio of speaker {s}.\n"
    for t in range(TALKS):
        event = t % EVENTS
        other = (t + 7) % TALKS
        topics = ", ".join(f"Topic {(t + k) % 25}" for k in range(3))
        files[f"talks/conf-{event}/talk-{t}.md"] = (
            f"---\ntitle: Talk {t} about things\nevent: conf-{event}\n"
            f"date: 20{10 + t % 15}-0{1 + t % 9}-1{t % 10}\n"
            f"speakers: [Speaker {t % 60}, speaker-{(t * 7) % 60}]\nprojects: [Project {t % 40}]\n"
            f"topics: [{topics}]\nsummary: Summary of talk {t}.\n---\n\n"
            f"## Overview of {t}\n\nSee [talk {other}](../conf-{other % EVENTS}/talk-{other}.md) and "
            f"[its overview](../conf-{other % EVENTS}/talk-{other}.md#overview-of-{other}).\n\n"
            f"## Details\n\n- point [back up](#overview-of-{t})\n- Speaker {t % 60} said things\n")
    for p in range(10):
        files[f"posts/post-{p}.md"] = (f"---\ntitle: Post {p}\ntopics: [Topic {p}]\n---\n\n"
                                       f"# Heading {p}\n\nText.\n")
    return make_kb(root, files)


def test_the_real_site_has_no_broken_links(real_site: BuildResult) -> None:
    assert broken_links(real_site.site, "https://hallway-notes.github.io/hallway/") == []


def test_a_large_generated_site_has_no_broken_links(tmp_path: Path) -> None:
    root = large_kb(tmp_path / "kb")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    pages = list(result.site.rglob("index.html"))
    assert len(pages) > TALKS + EVENTS + 60
    assert broken_links(result.site, "https://example.org/kb/") == []


def test_the_checker_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">ok</a><a href="a/#there">ok</a><a href="b/">bad</a>'
                                     '<a href="a/#nowhere">bad anchor</a><a href="https://x.org/">ext</a>'
                                     '<a href="#top">bad self</a><a href="../../etc/">out</a>')
    (site / "a/index.html").write_text('<h2 id="there">x</h2><a href="../">up</a>')
    assert broken_links(site) == ["index.html: b/", "index.html: a/#nowhere (no #nowhere)",
                                  "index.html: #top (no #top)", "index.html: ../../etc/ (leaves the site)"]
