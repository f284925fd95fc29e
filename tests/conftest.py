"""Shared fixtures: the real content built once per session, and a helper for fixture builds."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import launch, require_chromium
from .kbfixtures import REPO, BuildResult, mkdocs_build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own knowledge base, built with ``mkdocs build --strict``."""
    root = tmp_path_factory.mktemp("real")
    for name in ("mkdocs.yml", "docs", "site_overrides", "talks", "posts", "speakers", "events",
                 "projects", "topics"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        elif src.exists():
            shutil.copy(src, root / name)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    return tmp_path / "kb"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for a test module (skipped where Chromium is missing, outside CI)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()
