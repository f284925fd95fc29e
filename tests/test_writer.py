"""Writing notes: all or nothing, never over an existing file, never outside the knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.core.authoring.safe_writer import render_note, write_new_files
from hallway.core.kb.frontmatter import parse_note
from hallway.core.problems import HallwayError


def test_rendered_note_round_trips_with_unicode() -> None:
    text = render_note({"topics": ["VPN"], "title": "Kōrero: a talk", "speakers": ["Tūī Ngata"],
                        "event": "eo"}, "- a note\n")
    assert text.startswith("---\ntitle: 'Kōrero: a talk'\nspeakers: [Tūī Ngata]\n")
    parsed, problems = parse_note("x.md", text)
    assert problems == [] and parsed is not None
    assert parsed.data["title"] == "Kōrero: a talk"
    assert parsed.body.strip() == "- a note"


def test_writes_all_files(tmp_path: Path) -> None:
    written = write_new_files(tmp_path, {"talks/eo/a.md": "A", "speakers/b.md": "B"})
    assert written == ["speakers/b.md", "talks/eo/a.md"]
    assert (tmp_path / "talks/eo/a.md").read_text() == "A"
    assert not list(tmp_path.rglob(".hallway-*"))


def test_never_overwrites_and_writes_nothing_then(tmp_path: Path) -> None:
    (tmp_path / "speakers").mkdir()
    (tmp_path / "speakers/b.md").write_text("mine")
    with pytest.raises(HallwayError) as err:
        write_new_files(tmp_path, {"talks/eo/a.md": "A", "speakers/b.md": "B"})
    assert "already exists" in str(err.value)
    assert (tmp_path / "speakers/b.md").read_text() == "mine"
    assert not (tmp_path / "talks").exists()


def test_refuses_paths_outside_the_knowledge_base(tmp_path: Path) -> None:
    with pytest.raises(HallwayError):
        write_new_files(tmp_path / "kb", {"../evil.md": "x"})
    assert not (tmp_path / "evil.md").exists()
