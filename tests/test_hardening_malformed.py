"""Every malformed file gets a clear ``path:line: problem — fix`` and a non-zero exit, never a traceback.

The corpus in ``tests/malformed/`` is table-driven: each file, alone in a knowledge base, must
produce exactly the problems listed for it in ``expected.json``. Then all of them together go
through the real ``hallway check`` and the real ``mkdocs build``. Cases that are not plain files
(folders, pipes, huge files, links) are built by the tests below.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from hallway.core.build.pipeline import build_site
from hallway.core.finish.unsafe_markup import find_in_kb
from hallway.core.problems import Severity

from .kbfixtures import hallway, make_kb, mkdocs_build, write_files

CORPUS = Path(__file__).parent / "malformed"
EXPECTED: dict[str, list[str]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
CASES = sorted(p for p in CORPUS.glob("*.md") if p.name != "README.md")
FOLDERS = {"speaker-file-": "speakers", "event-file-": "events", "topic-file-": "topics"}


def target_of(case: Path) -> str:
    """Where a corpus file is placed in the knowledge base."""
    for prefix, folder in FOLDERS.items():
        if case.name.startswith(prefix):
            return f"{folder}/{case.name}"
    return f"talks/eo/{case.name}"


def problems_for(case: Path, root: Path) -> list[str]:
    """What ``hallway check`` reports for one corpus file alone in a knowledge base."""
    dest = root / target_of(case)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case, dest)
    return check_lines(root)


def check_lines(root: Path) -> list[str]:
    site, problems = build_site(root)
    problems = problems + find_in_kb(site.kb)
    return [p.format() for p in sorted(problems, key=lambda p: (p.path, p.line or 0,
                                                                 p.severity != Severity.ERROR))]


def test_the_corpus_is_large_and_every_case_has_an_expectation() -> None:
    assert len(CASES) >= 30
    assert sorted(EXPECTED) == [case.name for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.stem)
def test_each_malformed_file_gets_exactly_its_message(case: Path, tmp_path: Path) -> None:
    found = problems_for(case, tmp_path)
    assert found == EXPECTED[case.name]
    assert any(": warning: " not in line for line in found), "each case must be refused with an error"
    for line in found:
        assert line.startswith(target_of(case)), line
        assert " — " in line, f"no fix given: {line}"


def _all_cases_kb(root: Path) -> Path:
    make_kb(root, {})
    for case in CASES:
        dest = root / target_of(case)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case, dest)
    return root


def _errors_and_warnings() -> tuple[set[str], set[str]]:
    lines = {line for found in EXPECTED.values() for line in found}
    warnings = {line for line in lines if ": warning: " in line}
    return lines - warnings, warnings


def test_hallway_check_reports_every_case_and_fails(tmp_path: Path) -> None:
    root = _all_cases_kb(tmp_path / "kb")
    result = hallway("check", "--kb", str(root))
    assert result.returncode == 1
    errors, warnings = _errors_and_warnings()
    assert set(result.stdout.splitlines()) == errors | warnings
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.build
def test_mkdocs_build_reports_every_error_and_fails(tmp_path: Path) -> None:
    root = _all_cases_kb(tmp_path / "kb")
    result = mkdocs_build(root, strict=False)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    errors, _ = _errors_and_warnings()
    missing = [line for line in errors if line not in result.output]
    assert missing == []
    assert not (root / "site" / "talks").exists()


# -- cases that are not a plain file in the corpus ---------------------------------------------------

NOTE = "---\ntitle: T\nevent: eo\n---\n"


def test_front_matter_over_256_kb_is_refused(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo/big.md": "---\ntitle: T\nevent: eo\nsummary: " + "x" * 300_000
                           + "\n---\n"})
    assert check_lines(tmp_path) == [
        "talks/eo/big.md:2: front-matter is larger than 256 KB — "
        "keep front-matter to a few fields; put text in the body"]


def test_nesting_just_over_the_limit_is_refused(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo/deep.md": "---\ntitle: T\nevent: eo\nsummary:\n"
                           + "".join("  " * i + "- \n" for i in range(1, 25)) + "---\n"})
    found = check_lines(tmp_path)
    assert len(found) == 1
    assert found[0].startswith("talks/eo/deep.md:")
    assert "front-matter is nested more than 20 levels deep" in found[0]


def test_a_folder_named_like_a_note_is_reported(tmp_path: Path) -> None:
    (tmp_path / "talks/eo/folder.md").mkdir(parents=True)
    (tmp_path / "speakers/ann.md").mkdir(parents=True)
    assert check_lines(tmp_path) == [
        "speakers/ann.md: is a folder, not a note file — rename the folder so its name does not end in .md",
        "talks/eo/folder.md: is a folder, not a note file — "
        "rename the folder so its name does not end in .md"]


def test_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    (tmp_path / "talks/eo").mkdir(parents=True)
    os.mkfifo(tmp_path / "talks/eo/pipe.md")
    result: list[list[str]] = []
    worker = threading.Thread(target=lambda: result.append(check_lines(tmp_path)), daemon=True)
    worker.start()
    worker.join(60)
    if worker.is_alive():  # unblock the reader so the test run can end, then fail
        with open(tmp_path / "talks/eo/pipe.md", "w"):
            pass
        pytest.fail("reading the knowledge base hung on a named pipe")
    assert result == [["talks/eo/pipe.md: is not a regular file (a pipe, socket or device) — "
                       "remove it; notes are plain text files"]]


def test_a_file_over_20_mb_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "talks/eo").mkdir(parents=True)
    with open(tmp_path / "talks/eo/huge.md", "wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no 21 MB written to disk
    assert check_lines(tmp_path) == [
        "talks/eo/huge.md: file is larger than 20 MB — split it into smaller notes"]


def test_symlink_loops_and_broken_links_are_reported(tmp_path: Path) -> None:
    (tmp_path / "talks/eo").mkdir(parents=True)
    os.symlink("b.md", tmp_path / "talks/eo/a.md")
    os.symlink("a.md", tmp_path / "talks/eo/b.md")
    os.symlink("missing.md", tmp_path / "talks/eo/c.md")
    assert check_lines(tmp_path) == [
        f"talks/eo/{name}.md: symbolic link that is broken or loops — replace the link with the file itself"
        for name in "abc"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo/locked.md": NOTE})
    (tmp_path / "talks/eo/locked.md").chmod(0)
    try:
        assert check_lines(tmp_path) == [
            "talks/eo/locked.md: cannot be read (Permission denied) — "
            "fix the file's permissions or remove it"]
    finally:
        (tmp_path / "talks/eo/locked.md").chmod(0o644)


# -- valid oddities pass ---------------------------------------------------------------------------

def test_values_yaml_would_mistype_stay_the_text_that_was_written(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "talks/eo/a.md": "---\ntitle: 1984\nevent: eo\nsummary: 0x1F\nsession: yes\n---\n",
        "talks/eo/b.md": "---\ntitle: 2025-01-21\nevent: eo\nsummary: 1e99999\nsession: .inf\n---\n",
        "talks/eo/c.md": "---\ntitle: No\nevent: eo\nspeakers: [On, 007]\nautolink: no\n"
                         "summary: " + "9" * 5000 + "\n---\n",
    })
    site, problems = build_site(tmp_path)
    assert problems == []
    notes = site.kb.notes
    assert (notes["talks/eo/a.md"].title, notes["talks/eo/a.md"].summary, notes["talks/eo/a.md"].session) \
        == ("1984", "0x1F", "yes")
    assert (notes["talks/eo/b.md"].title, notes["talks/eo/b.md"].summary) == ("2025-01-21", "1e99999")
    assert notes["talks/eo/c.md"].title == "No"
    assert notes["talks/eo/c.md"].autolink == "off"
    assert sorted(site.kb.entities["speaker"]) == ["007", "on"]


@pytest.mark.build
def test_bom_crlf_cr_and_a_5_mb_note_build(tmp_path: Path) -> None:
    root = make_kb(tmp_path / "kb", {})
    talks = root / "talks/eo"
    talks.mkdir(parents=True)
    (talks / "bom.md").write_bytes("\ufeff---\ntitle: With a BOM\nevent: eo\n---\nBody\n".encode())
    (talks / "crlf.md").write_bytes(b"---\r\ntitle: Windows\r\nevent: eo\r\n---\r\n\r\n- one\r\n- two\r\n")
    (talks / "cr.md").write_bytes(b"---\rtitle: Old Mac\revent: eo\r---\rBody\r")
    paragraph = "A line of notes about the talk, with *emphasis* and a [link](https://example.org/).\n\n"
    big = "---\ntitle: Five megabytes\nevent: eo\n---\n" + paragraph * (5 * 1024 * 1024 // len(paragraph) + 1)
    (talks / "big.md").write_text(big, encoding="utf-8")
    assert len(big.encode()) >= 5 * 1024 * 1024
    assert hallway("check", "--kb", str(root)).returncode == 0
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    assert result.page("talks/eo/bom/").select_one("h1.hw-title").get_text() == "With a BOM"  # type: ignore[union-attr]
    crlf = result.page("talks/eo/crlf/")
    assert [li.get_text() for li in crlf.select(".hw-body li")] == ["one", "two"]
    assert result.page("talks/eo/cr/").select_one("h1.hw-title").get_text() == "Old Mac"  # type: ignore[union-attr]
    assert (result.site / "talks/eo/big/index.html").stat().st_size > 5 * 1024 * 1024


# -- bodies that would stall Markdown ----------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "[" * 100_000,
    "<div " * 20_000,
    ("<div " * 20 + "\n\n") * 500,
    ("[[[[[[[[[[" * 10 + "\n\n") * 5_000,
    "_a_ " * 100_000,
], ids=["brackets", "unfinished-tags", "unfinished-tags-in-paragraphs", "bracket-paragraphs", "emphasis"])
def test_bodies_that_would_take_markdown_minutes_are_refused_at_once(tmp_path: Path, body: str) -> None:
    write_files(tmp_path, {"talks/eo/slow.md": NOTE})
    (tmp_path / "talks/eo/slow.md").write_text(NOTE + "\nIntro.\n\n" + body + "\n", encoding="utf-8")
    found = check_lines(tmp_path)
    assert found and all(line.startswith("talks/eo/slow.md:8: body: ") for line in found), found
    assert "in reasonable time" in found[0]


def test_ordinary_long_lists_tables_and_code_are_not_limited(tmp_path: Path) -> None:
    body = ("".join(f"- [item {i}](https://example.org/{i}) *note* `code`\n" for i in range(5_000))
            + "\n| a | b |\n|---|---|\n"
            + "".join(f"| [x](https://x.org/{i}) | `c` |\n" for i in range(5_000))
            + "\n```\n" + "[<" * 50_000 + "\n```\n")
    write_files(tmp_path, {"talks/eo/long.md": NOTE})
    (tmp_path / "talks/eo/long.md").write_text(NOTE + body, encoding="utf-8")
    assert check_lines(tmp_path) == []
