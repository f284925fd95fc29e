"""Tools that write notes never lose anything: all or nothing, no overwrite, no temp files left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hallway.core.authoring.safe_writer import write_new_files
from hallway.core.problems import HallwayError

from .test_hardening_leaks import tree


def test_a_failure_part_way_leaves_the_tree_exactly_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "talks").mkdir()
    (tmp_path / "talks/mine.md").write_text("my note")
    (tmp_path / "speakers").write_text("a file where a folder should be")
    before = tree(tmp_path)
    with pytest.raises(HallwayError) as err:
        write_new_files(tmp_path, {"talks/eo/first.md": "A", "talks/eo/second.md": "B",
                                   "speakers/ann.md": "C"})
    assert [p.format() for p in err.value.problems] == [
        "speakers/ann.md: cannot create its folder speakers/ (a file has that name) — "
        "nothing was written; fix the cause and run again"]
    assert tree(tmp_path) == before
    assert not (tmp_path / "talks/eo").exists()
    assert not list(tmp_path.rglob(".hallway-*"))


def test_a_folder_in_the_way_of_a_file_is_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "talks/eo/x.md").mkdir(parents=True)
    with pytest.raises(HallwayError) as err:
        write_new_files(tmp_path, {"talks/eo/a.md": "A", "talks/eo/x.md": "X"})
    assert "talks/eo/x.md: already exists; not overwriting it" in str(err.value)
    assert (tmp_path / "talks/eo/x.md").is_dir() and not (tmp_path / "talks/eo/a.md").exists()


def test_a_dangling_link_in_the_way_is_not_followed_or_replaced(tmp_path: Path) -> None:
    (tmp_path / "talks/eo").mkdir(parents=True)
    os.symlink(tmp_path / "elsewhere.md", tmp_path / "talks/eo/a.md")
    with pytest.raises(HallwayError) as err:
        write_new_files(tmp_path, {"talks/eo/a.md": "A"})
    assert "talks/eo/a.md: already exists; not overwriting it" in str(err.value)
    assert not (tmp_path / "elsewhere.md").exists()
    assert not list(tmp_path.rglob(".hallway-*"))


@pytest.mark.parametrize("rel", ["/etc/hallway-test.md", "../outside.md", "talks/../../outside.md",
                                 "talks/linked/a.md"])
def test_paths_that_leave_the_knowledge_base_are_refused(tmp_path: Path, rel: str) -> None:
    root = tmp_path / "kb"
    (root / "talks").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "out", root / "talks/linked")
    before = tree(tmp_path)
    with pytest.raises(HallwayError) as err:
        write_new_files(root, {"talks/eo/fine.md": "F", rel: "X"})
    assert err.value.problems[0].message == "refusing to write outside the knowledge base"
    assert tree(tmp_path) == before
    assert not Path("/etc/hallway-test.md").exists()
