"""Finding the files of a knowledge base, refusing anything that could leak files from outside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, Severity
from .schema import ENTITY_FOLDERS, POSTS_FOLDER, TALKS_FOLDER

MAX_FILE_BYTES = 20 * 1024 * 1024
#: Files a folder may hold for people rather than for the site.
IGNORED_NAMES = {"README.md", "readme.md"}


@dataclass(frozen=True)
class SourceFile:
    """A Markdown file of the knowledge base: its repo-relative path and what it holds."""

    rel: str
    abs: Path
    file_kind: str
    """``note`` for talks and write-ups, otherwise the entity kind (``speaker``, …)."""


def _inside(root: Path, target: Path) -> bool:
    try:
        target.relative_to(root)
    except ValueError:
        return False
    return True


def find_sources(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Every note and entity file under ``root``, sorted by path, plus layout problems."""
    root = root.resolve()
    found: list[SourceFile] = []
    problems: list[Problem] = []
    folders = {TALKS_FOLDER: "note", POSTS_FOLDER: "note"}
    folders.update({folder: kind for kind, folder in ENTITY_FOLDERS.items()})
    for folder, file_kind in folders.items():
        base = root / folder
        if base.is_symlink():
            problems.append(Problem(folder, None, None, "the content folder is a symbolic link",
                                    "make it a real folder inside the repository"))
            continue
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            here = Path(dirpath)
            for name in sorted(dirnames):
                sub = here / name
                if sub.is_symlink():
                    dirnames.remove(name)
                    rel = sub.relative_to(root).as_posix()
                    problems.append(Problem(rel, None, None,
                                            "symbolic links to folders are not followed",
                                            "move the notes into the repository instead of linking"))
                elif name.startswith("."):
                    dirnames.remove(name)
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(".md") or name.startswith(".") or name in IGNORED_NAMES:
                    continue
                path = here / name
                rel = path.relative_to(root).as_posix()
                if path.is_symlink() and not _inside(root, path.resolve()):
                    problems.append(Problem(rel, None, None,
                                            "symbolic link pointing outside the repository",
                                            "replace the link with the file itself"))
                    continue
                depth = len(Path(rel).parts)
                if folder == TALKS_FOLDER and depth != 3:
                    problems.append(Problem(rel, None, None, "talk notes live in talks/<event>/<talk>.md",
                                            "move the file into its event's folder"))
                    continue
                if file_kind != "note" and depth != 2:
                    problems.append(Problem(rel, None, None,
                                            f"{file_kind} files live directly in {folder}/",
                                            f"move it to {folder}/{name}"))
                    continue
                try:
                    size = path.stat().st_size
                except OSError as err:
                    problems.append(Problem(rel, None, None, f"cannot be read ({err.strerror})",
                                            "fix the file's permissions or remove it"))
                    continue
                if size > MAX_FILE_BYTES:
                    problems.append(Problem(rel, None, None, "file is larger than 20 MB",
                                            "split it into smaller notes"))
                    continue
                found.append(SourceFile(rel, path, file_kind))
    return sorted(found, key=lambda s: s.rel), problems


def warn(path: str, line: int | None, field: str | None, message: str, fix: str) -> Problem:
    """A warning problem (fails only strict builds)."""
    return Problem(path, line, field, message, fix, Severity.WARNING)
