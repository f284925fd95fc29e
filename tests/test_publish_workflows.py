"""The GitHub workflows: actionlint-clean, and safe in the ways a reviewer would check by eye."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from .kbfixtures import REPO

WORKFLOWS = REPO / ".github" / "workflows"
LINT = REPO / "scripts" / "actionlint" / "lint.cjs"
INSTALLED = REPO / "scripts" / "actionlint" / "node_modules" / "@tktco" / "node-actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("node") is None or not INSTALLED.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("actionlint is not installed: run 'make actionlint' (needs node and npm)")
        pytest.skip("actionlint is not installed: run 'make actionlint' (needs node and npm)")
    return subprocess.run(["node", str(LINT), *map(str, files)], capture_output=True, text=True,
                          timeout=120, cwd=REPO)


def workflow(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in job["steps"] if str(s.get("uses", "")).startswith(action + "@")]


def test_every_workflow_is_actionlint_clean() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["pages.yml", "pull-request.yml"]
    result = actionlint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_fails_on_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("pages: write", "pages: writ").replace("needs: build", "needs: biuld"),
                      encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    assert '"writ" is invalid for permission of scope "pages"' in result.stdout
    assert 'needs job "biuld" which does not exist' in result.stdout


def test_pages_workflow_deploys_with_least_privilege() -> None:
    wf = workflow("pages.yml")
    assert wf[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}  # `on:` reads as True
    assert wf["permissions"] == {"contents": "read"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    runs = " ; ".join(str(s.get("run", "")) for s in build["steps"])
    for command in ("make install-locked", "hallway check", "make test", "mkdocs build --strict"):
        assert command in runs
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert steps_using(build, "actions/upload-pages-artifact")[0]["with"] == {"path": "site"}
    assert steps_using(deploy, "actions/configure-pages")
    assert steps_using(deploy, "actions/deploy-pages")[0]["id"] == "deployment"


def test_pull_request_workflow_is_read_only_and_uploads_a_preview() -> None:
    wf = workflow("pull-request.yml")
    assert wf[True] == {"pull_request": None}
    code = [line.split("#")[0] for line in (WORKFLOWS / "pull-request.yml").read_text().splitlines()]
    assert not any("pull_request_target" in line for line in code)
    assert wf["permissions"] == {"contents": "read"}
    job = wf["jobs"]["check"]
    assert "permissions" not in job
    runs = " ; ".join(str(s.get("run", "")) for s in job["steps"])
    for command in ("hallway check", "make test", "mkdocs build --strict"):
        assert command in runs
    upload = steps_using(job, "actions/upload-artifact")[0]
    assert upload["with"]["path"] == "site/"


def test_every_action_is_pinned_to_a_commit_with_its_version_noted() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.search(r"uses:\s*(\S+)(.*)$", line)
            if match:
                assert PINNED.match(match.group(1)), f"{path.name}: {line.strip()}"
                assert re.search(r"# v\d+\.\d+\.\d+$", match.group(2)), f"{path.name}: {line.strip()}"
        for job in workflow(path.name)["jobs"].values():
            for step in steps_using(job, "actions/checkout"):
                assert step["with"]["persist-credentials"] is False, path.name


def test_ci_runs_in_a_pinned_image_with_hash_checked_dependencies() -> None:
    """Issue 18: a moved tag or a new release on PyPI cannot change what CI builds the site with."""
    for name, job in (("pages.yml", "build"), ("pull-request.yml", "check")):
        image = workflow(name)["jobs"][job]["container"]
        assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", image), name
        runs = " ; ".join(str(s.get("run", "")) for s in workflow(name)["jobs"][job]["steps"])
        assert "make install-locked" in runs and "make install ;" not in runs + " ;", name
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes -r requirements/ci.txt" in makefile
    lock = (REPO / "requirements" / "ci.txt").read_text(encoding="utf-8")
    pinned = re.findall(r"^([a-z0-9._-]+)==\S+ \\$", lock, re.MULTILINE)
    assert {"mkdocs", "mkdocs-material", "nh3", "pygments", "confusable-homoglyphs", "setuptools",
            "pytest", "playwright"} <= set(pinned)
    assert "--index-url" not in lock and "--find-links" not in lock
    # Every dependency pyproject.toml declares is in the lock: `make install-locked` installs the
    # project with --no-deps, so a dependency added without re-locking breaks the Pages build.
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"].values()
    declared = [*project["dependencies"], *(d for ds in extras for d in ds)]
    names = {re.split(r"[\s<>=!~\[;]", d, maxsplit=1)[0].lower().replace("_", "-") for d in declared}
    missing = names - {p.lower().replace("_", "-") for p in pinned}
    assert not missing, f"re-lock requirements/ci.txt (CONTRIBUTING.md): {sorted(missing)} are not in it"
