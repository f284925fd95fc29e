"""A large one-off build reads its files in two processes: the knowledge base and every problem
(with its file and line) are the same as when one process reads them, and nothing is lost when the
second process dies."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from hallway.core.kb import parallel_read
from hallway.core.kb.loader import load
from hallway.core.kb.sources import SourceFile

from .kbfixtures import write_files

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks (Linux only)")


def _kb(root: Path) -> None:
    files = {f"talks/ev/talk-{i:03d}.md": f"---\ntitle: Talk {i}\nevent: ev\nspeakers: [Person {i % 7}]\n"
                                          f"topics: [Topic {i % 5}]\n---\nNotes on talk {i}.\n"
             for i in range(60)}
    files.update({
        "speakers/person-1.md": "---\nname: Person 1\naliases: [P One]\n---\nBio.\n",
        "talks/ev/broken-yaml.md": "---\ntitle: [unclosed\nevent: ev\n---\n",
        "talks/ev/no-event.md": "---\ntitle: Lost\n---\nBody.\n",
        "talks/ev/unknown-field.md": "---\ntitle: Odd\nevent: ev\ncolour: blue\n---\n",
        "topics/topic-2.md": "---\nname: Topic 2\nparent: Topic 3\n---\n",
    })
    write_files(root, files)


def test_two_processes_load_what_one_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _kb(tmp_path)
    monkeypatch.setattr(parallel_read, "PARALLEL_READ_MIN", 2)
    one, one_problems = load(tmp_path, parallel=False)
    two, two_problems = load(tmp_path, parallel=True)
    assert list(two.notes) == list(one.notes)
    assert two.notes == one.notes
    assert two.entities == one.entities
    assert [p.format() for p in two_problems] == [p.format() for p in one_problems]
    assert any("broken-yaml.md:3: invalid YAML" in p.format() for p in one_problems)  # with its line
    assert len(one.notes) == 62  # the broken file is reported, not loaded


def test_what_a_dead_child_did_not_send_is_read_by_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel_read, "PARALLEL_READ_MIN", 2)
    monkeypatch.setattr(parallel_read, "_BATCH", 3)
    parent = os.getpid()
    sources = [SourceFile(f"talks/ev/{i}.md", f"/nowhere/{i}.md", "note") for i in range(40)]

    def read(source: SourceFile) -> str:
        if os.getpid() != parent and source.rel == "talks/ev/21.md":
            os._exit(3)  # the child dies half-way, after sending some batches
        return source.rel.upper()

    assert parallel_read.read_all(sources, read, parallel=True) == [s.rel.upper() for s in sources]


def test_small_or_serial_reads_stay_in_one_process() -> None:
    parent = os.getpid()
    sources = [SourceFile(f"talks/ev/{i}.md", f"/nowhere/{i}.md", "note") for i in range(10)]
    pids = parallel_read.read_all(sources, lambda s: os.getpid(), parallel=True)  # under the minimum
    assert set(pids) == {parent}
