"""A one-off build of a large program converts the talks' abstracts in a second process
(``core/pages/abstracts_beside.py``): every talk page shows the same abstract as without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.core.build.pipeline import build_site
from hallway.core.finish.page_finisher import can_run_in_parallel
from hallway.core.kb.loader import load
from hallway.core.pages.abstracts_beside import MIN_ABSTRACTS, abstracts_beside
from hallway.core.pages.siteplan import abstract_html

from .kbfixtures import make_kb

pytestmark = pytest.mark.skipif(not can_run_in_parallel(), reason="needs Linux and two cores")

ABSTRACTS = ["Plain words about *queues* and `caches`.", "- one\n- two\n\n1. first\n2. second",
             "Raw <b>bold</b> and <script>alert(1)</script> and [a link](https://example.org/x).",
             ".", "Ünïcödé — 日本語の要旨 and **strong** words.\n\nA second paragraph."]


def _program(root: Path, talks: int) -> Path:
    files = {"events/conf.md": "---\nname: Conf 2024\ndates: 2024-05-01 to 2024-05-03\n---\n"}
    for number in range(talks):
        abstract = f"{ABSTRACTS[number % len(ABSTRACTS)]}\n\nTalk {number // 2} of the program."
        files[f"talks/conf/talk-{number:04d}.md"] = (
            f"---\ntitle: Talk number {number}\nevent: conf\nstart: '10:00'\nroom: Room {number % 3}\n"
            f"abstract: {abstract!r}\n---\nNotes.\n")
    return make_kb(root, files)


def test_abstracts_made_beside_are_the_ones_the_planner_makes(tmp_path: Path) -> None:
    root = _program(tmp_path, MIN_ABSTRACTS + 40)
    kb, _ = load(root)
    beside = abstracts_beside(kb)
    assert beside is not None
    beside._receiver.join(60)  # let the child finish: every abstract arrives
    texts = {note.abstract for note in kb.notes.values() if note.abstract and note.abstract != "."}
    assert beside.html == {text: abstract_html(text) for text in texts if any(c.isalnum() for c in text)}
    beside.close()
    one, _ = build_site(root, parallel_read=True)
    two, _ = build_site(root)
    schedules = [(spec.src_uri, spec.context.get("schedule")) for spec in one.pages]
    assert schedules == [(spec.src_uri, spec.context.get("schedule")) for spec in two.pages]
    shown = [s for _, s in schedules if s and s["abstract_html"]]
    assert len(shown) > MIN_ABSTRACTS - 100 and not any("<script" in s["abstract_html"] for s in shown)
