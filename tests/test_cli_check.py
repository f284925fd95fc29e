"""``hallway check`` from the command line: every problem as file:line, exit codes, formats."""

from __future__ import annotations

import json
from pathlib import Path

from .kbfixtures import hallway, write_files


def test_bad_date_and_broken_yaml_fail_with_file_and_line(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "talks/eo/a.md": "---\ntitle: A\nevent: eo\ndate: 2025-99-01\n---\n",
        "talks/eo/b.md": "---\ntitle: B\nevent: [eo\n---\n",
        "talks/eo/ok.md": "---\ntitle: OK\nevent: eo\n---\n",
    })
    result = hallway("check", "--kb", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("talks/eo/a.md:4: date: invalid date '2025-99-01'")
    assert lines[1].startswith("talks/eo/b.md:4: invalid YAML")
    assert len(lines) == 2
    assert "Traceback" not in result.stderr


def test_clean_knowledge_base_passes(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo/ok.md": "---\ntitle: OK\nevent: eo\n---\n"})
    result = hallway("check", "--kb", str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "all good" in result.stderr


def test_runs_from_the_knowledge_base_root(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo/a.md": "---\ntitle: A\nevnt: eo\n---\n"})
    result = hallway("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "did you mean 'event'?" in result.stdout


def test_warnings_fail_only_when_strict(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "topics/vpn.md": "---\nname: VPN\n---\n",
        "talks/eo/a.md": "---\ntitle: A\nevent: eo\ntopics: [vpnn]\n---\n",
    })
    assert hallway("check", "--kb", str(tmp_path)).returncode == 0
    assert hallway("check", "--strict", "--kb", str(tmp_path)).returncode == 1


def test_github_format_is_chosen_under_actions(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo/a.md": "---\ntitle: A\nevent: eo\nspeker: [X]\n---\n"})
    result = hallway("check", "--kb", str(tmp_path), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=talks/eo/a.md,line=4,title=speker::unknown field 'speker' — "
        "did you mean 'speakers'?"]


def test_json_format(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo/a.md": "---\ntitle: A\nevent: eo\nkind: talkk\n---\n"})
    result = hallway("check", "--format", "json", "--kb", str(tmp_path))
    data = json.loads(result.stdout)
    assert data["errors"] == 1
    assert data["problems"][0] | {"message": ""} == {
        "path": "talks/eo/a.md", "line": 4, "field": "kind", "message": "",
        "fix": "did you mean 'talk'?", "severity": "error"}


def test_missing_kb_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = hallway("check", "--kb", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert "no such folder" in result.stderr and "Traceback" not in result.stderr
