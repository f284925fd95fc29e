"""The pre-commit configuration: valid, and its hallway hook stops a commit with a broken note."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .kbfixtures import REPO, write_files

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_config_is_valid() -> None:
    result = run(str(PRE_COMMIT), "validate-config", ".pre-commit-config.yaml", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hallway_hook_blocks_a_commit_with_a_misspelt_field(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copy(REPO / ".pre-commit-config.yaml", tmp_path)
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parent.parent, target_is_directory=True)
    write_files(tmp_path, {"talks/eo/a.md": "---\ntitle: A\nevent: eo\nspeker: [X]\n---\n"})
    assert run("git", "init", "-q", cwd=tmp_path).returncode == 0
    assert run("git", "add", "talks", ".pre-commit-config.yaml", cwd=tmp_path).returncode == 0
    result = run(str(PRE_COMMIT), "run", "hallway-check", cwd=tmp_path)
    assert result.returncode == 1
    assert "talks/eo/a.md:4: speker: unknown field 'speker' — did you mean 'speakers'?" in result.stdout
    write_files(tmp_path, {"talks/eo/a.md": "---\ntitle: A\nevent: eo\nspeakers: [X]\n---\n"})
    run("git", "add", "talks", cwd=tmp_path)
    fixed = run(str(PRE_COMMIT), "run", "hallway-check", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout
