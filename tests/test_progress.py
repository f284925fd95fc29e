"""Long builds say how far they are (issue 16): plain lines in logs and CI, a bar on a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.core import progress
from hallway.core.progress import Progress

from .kbfixtures import make_kb, mkdocs_build

pytestmark = pytest.mark.build

FILES = {
    "talks/eo/tunnels.md": "---\ntitle: Tunnels for everyone\nevent: eo\ndate: 2025-01-20\n"
                           "speakers: [Ana Ruiz]\n---\n\nAna showed tunnels.\n",
    "talks/eo/other.md": "---\ntitle: Something else\nevent: eo\ndate: 2025-01-21\n"
                         "speakers: [Ben Okafor]\n---\n\nBen showed other things.\n",
}


def test_a_large_build_reports_each_stage_and_its_rate_in_plain_lines(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", FILES, options={"progress_min_pages": "1"})
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    lines = [line for line in result.output.splitlines() if "Hallway: " in line]
    text = "\n".join(lines)
    assert "Hallway: read 2 notes and" in text
    assert "Hallway: found" in text and "Hallway: related the talks and planned" in text
    rendered = next(line for line in lines if "Hallway: rendering pages:" in line)
    written = next(line for line in lines if "Hallway: writing pages:" in line)
    for line in (rendered, written):
        assert " pages in " in line and "/s)" in line
    assert "\r" not in result.output  # no bar redrawing in a log


def test_a_small_build_says_nothing_about_progress(tmp_path: Path) -> None:
    result = mkdocs_build(make_kb(tmp_path / "kb", FILES))
    assert result.returncode == 0, result.output
    assert "rendering pages" not in result.output and "Hallway: read" not in result.output


def test_plain_progress_lines_give_count_share_and_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "PLAIN_SECONDS", 0.0)
    said: list[str] = []
    counter = Progress("rendering pages", 4, said.append, "pages", fancy=False)
    for _ in range(4):
        counter.advance()
    counter.close()
    assert said[0].startswith("rendering pages: 1/4 pages (25%, ")
    assert said[-1].startswith("rendering pages: 4 pages in ") and said[-1].endswith("/s)")
    assert len(said) == 4  # three while going, none at 4/4 (the closing line says it)
