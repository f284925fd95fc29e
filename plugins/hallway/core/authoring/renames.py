"""``hallway check``: warn when git shows a note renamed without ``redirect_from`` (issue 14).

A talk or write-up that is renamed or moved changes its address, and every link to the old one
breaks unless the file lists its old path in ``redirect_from:``. Git knows the renames: those in
the history (``git log --find-renames``) and those staged for the next commit (``git diff
--cached --find-renames``). Outside a git checkout, or without git, there is nothing to say.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..kb.model import KnowledgeBase
from ..kb.schema import POSTS_FOLDER, TALKS_FOLDER
from ..kb.sources import warn
from ..pages.redirects import old_source
from ..problems import Problem

_GIT_TIMEOUT = 120


def _git(root: Path, *args: str) -> str | None:
    try:
        return subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(root), *args],
                              capture_output=True, text=True, timeout=_GIT_TIMEOUT, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def git_renames(root: Path) -> list[tuple[str, str]]:
    """``(old, new)`` paths (relative to ``root``) of notes git saw renamed, oldest first."""
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        return []
    folders = ("--", TALKS_FOLDER, POSTS_FOLDER)
    history = _git(root, "log", "--reverse", "--format=", "--name-status", "--find-renames",
                   "--diff-filter=R", "--relative", *folders) or ""
    staged = _git(root, "diff", "--cached", "--name-status", "--find-renames", "--diff-filter=R",
                  "--relative", *folders) or ""
    renames: list[tuple[str, str]] = []
    for line in (history + "\n" + staged).splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0].startswith("R"):
            renames.append((parts[1], parts[2]))
    return renames


def missing_redirects(kb: KnowledgeBase, renames: list[tuple[str, str]]) -> list[Problem]:
    """A warning for each renamed talk or write-up whose old path is not in its ``redirect_from``."""
    moved: dict[str, str] = {}
    for old, new in renames:
        moved[old] = new
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for old in moved:
        current, hops = moved[old], 0
        while current in moved and current not in kb.notes and hops < len(moved):
            current, hops = moved[current], hops + 1
        note = kb.notes.get(current)
        if note is None or old in kb.notes or old_source(old) is None or (old, current) in seen:
            continue  # no longer a page, the old path is a page again, or not a page's path
        seen.add((old, current))
        if old_source(old) in {old_source(r) for r in note.redirect_from}:
            continue
        problems.append(warn(note.path, note.lines.get("redirect_from") or 1, "redirect_from",
                             f"git shows this file renamed from {old}, and links to its old address "
                             "will break",
                             f"add 'redirect_from: [{old}]' to the front-matter"))
    return problems


def rename_warnings(kb: KnowledgeBase) -> list[Problem]:
    """Warnings for the renames git shows in the knowledge base at ``kb.root``."""
    return missing_redirects(kb, git_renames(Path(kb.root)))
