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

from .kbfixtures import REPO, article, make_kb, mkdocs_build, write_files

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
                           "talks/eo-2025/keynote/alice.md": ALICE,
                           "talks/eo-2025/keynote/bob.md": BOB,
                           "speakers/bob-writer.md": "---\nname: Bob Writer\n---\n"})
    kb, problems = load(tmp_path)
    assert [p for p in problems if p.severity == Severity.ERROR] == []
    talk = kb.notes["talks/eo-2025/keynote.md"]
    assert list(kb.notes) == ["talks/eo-2025/keynote.md"]  # the folder is no event, the notes no talks
    assert [(n.path, n.by) for n in talk.notes] == [("talks/eo-2025/keynote/alice.md", "alice-notes"),
                                                     ("talks/eo-2025/keynote/bob.md", "bob-writer")]
    assert kb.entities["speaker"]["alice-notes"].name == "Alice Notes"  # created like a speaker
    assert "wireguard" in talk.topics  # a note's topics add to its talk's
    assert talk.note_count == 3


@pytest.mark.parametrize(("files", "expected"), [
    ({"talks/eo-2025/gone/alice.md": ALICE},
     "talks/eo-2025/gone/alice.md:1: notes folder talks/eo-2025/gone/ has no talk file "
     "talks/eo-2025/gone.md — create talks/eo-2025/gone.md"),
    ({"talks/eo-2025/keynote.md": TALK, "talks/eo-2025/keynote/alice.md": "---\nby:\n---\nx\n"},
     "talks/eo-2025/keynote/alice.md:2: by: is empty"),
    ({"talks/eo-2025/keynote.md": TALK, "talks/eo-2025/keynote/alice.md": "---\ndate: 2025-01-01\n---\n"},
     "talks/eo-2025/keynote/alice.md:1: by: missing required field 'by'"),
    ({"talks/eo-2025/keynote.md": TALK + "x\n".replace("x", "Own"),
      "talks/eo-2025/keynote/alice.md": ALICE, "talks/eo-2025/keynote/alice2.md": ALICE},
     "talks/eo-2025/keynote/alice2.md:2: by: Alice Notes already has notes on this talk in "
     "talks/eo-2025/keynote/alice.md — add these notes to talks/eo-2025/keynote/alice.md"),
    ({"talks/eo-2025/keynote.md": TALK.replace("---\n", "---\nby: Alice Notes\n", 1),
      "talks/eo-2025/keynote/alice.md": ALICE},
     "already has notes on this talk in talks/eo-2025/keynote.md"),
    ({"talks/eo-2025/keynote.md": TALK.replace("---\n", "---\nby: ''\n", 1)},
     "talks/eo-2025/keynote.md:2: by: is blank"),
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
                 "talks/eo-2025/keynote/alice.md": ALICE,
                 "talks/eo-2025/keynote/bob.md": BOB,
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
