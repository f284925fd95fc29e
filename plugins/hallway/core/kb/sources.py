"""Finding the files of a knowledge base, refusing anything that could leak files from outside it."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, Severity
from .names import slugify
from .schema import ENTITY_FOLDERS, POSTS_FOLDER, TALK_NOTE, TALKS_FOLDER

MAX_FILE_BYTES = 20 * 1024 * 1024
#: Files a folder may hold for people rather than for the site.
IGNORED_NAMES = {"README.md", "readme.md"}
#: A file or folder name that is safe in a URL, an HTML attribute and on every file system:
#: letters (any script), digits, '_', '-' and '.', starting with a letter, digit or '_'.
#: A name becomes part of the page's address and of its "Edit this page" link, so quotes, '<',
#: spaces, '%', '#' or '?' in it could break out of an attribute or point somewhere else.
SAFE_NAME = re.compile(r"^\w[\w.-]*$")


@dataclass(frozen=True)
class SourceFile:
    """A Markdown file of the knowledge base: its repo-relative path and what it holds."""

    rel: str
    abs_path: str
    """Its absolute path: a string, made a ``Path`` only when the file is read (issue 16: a path
    object per file was ~0.15 s of each serve rebuild at 20,000 talks, most of them unchanged)."""
    file_kind: str
    """``note`` for talks and write-ups, otherwise the entity kind (``speaker``, …)."""
    stamp: tuple[int, int, int] | None = None
    """(mtime in ns, size, inode) when the file was found, for the parse cache; None: not known."""
    linked: bool = False
    """A symbolic link (to another note file): a change to its target changes it too."""

    @property
    def abs(self) -> Path:
        return Path(self.abs_path)


def _inside(root: Path, target: Path) -> bool:
    try:
        target.relative_to(root)
    except ValueError:
        return False
    return True


def content_folders() -> dict[str, str]:
    """Each folder of notes or entity files -> what its files hold (``note`` or an entity kind)."""
    folders = {TALKS_FOLDER: "note", POSTS_FOLDER: "note"}
    folders.update({folder: kind for kind, folder in ENTITY_FOLDERS.items()})
    return folders


def _unsafe_name(rel: str, name: str, is_file: bool) -> Problem | None:
    stem = name[: -len(".md")] if is_file else name
    if SAFE_NAME.match(stem) and stem not in (".", ".."):
        return None
    parent = rel.rsplit("/", 1)[0]
    better = slugify(stem) or "note"
    what = "file" if is_file else "folder"
    return Problem(rel, None, None,
                   f"the {what} name has characters that cannot be part of a web address "
                   "(only letters, digits, '-', '_' and '.' may be used)",
                   f"rename it to {parent}/{better}{'.md' if is_file else ''}")


def _link_problem(root: Path, path: Path, rel: str) -> Problem | None:
    """Why a symbolic link may not be read, or None when it points at a note file in the repository."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Problem(rel, None, None, "symbolic link that is broken or loops",
                       "replace the link with the file itself")
    if not _inside(root, target):
        return Problem(rel, None, None, "symbolic link pointing outside the repository",
                       "replace the link with the file itself")
    inner = target.relative_to(root).parts
    if not inner or inner[0] not in content_folders() or any(p.startswith(".") for p in inner):
        return Problem(rel, None, None,
                       f"symbolic link pointing outside the notes folders (to {'/'.join(inner)})",
                       "replace the link with the file itself")
    return None


def links_leaving(root: Path, paths: Iterable[str]) -> list[Problem]:
    """Files (e.g. of MkDocs' docs folder) that are symbolic links to something outside ``root``."""
    root = root.resolve()
    problems = []
    for path in paths:
        real = Path(os.path.realpath(path))
        if not _inside(root, real):
            shown = Path(path).relative_to(root).as_posix() if _inside(root, Path(path)) else path
            problems.append(Problem(shown, None, None, "symbolic link pointing outside the repository",
                                    "replace the link with the file itself"))
    return problems


def find_sources(root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Every note and entity file under ``root``, sorted by path, plus layout problems."""
    root = root.resolve()
    found: list[SourceFile] = []
    problems: list[Problem] = []
    for folder, file_kind in content_folders().items():
        base = root / folder
        if base.is_symlink():
            problems.append(Problem(folder, None, None, "the content folder is a symbolic link",
                                    "make it a real folder inside the repository"))
            continue
        if not base.is_dir():
            continue
        _walk(root, folder, file_kind, found, problems)
    return sorted(found, key=lambda s: s.rel), problems


def _walk(root: Path, folder: str, file_kind: str, found: list[SourceFile],
          problems: list[Problem]) -> None:
    """Add the files of content folder ``folder`` to ``found``.

    Performance (issue 16): ``hallway serve`` walks every file after each save. With ``os.walk``
    and ``pathlib`` each file cost four system calls (link? regular? size? and the parse cache's
    mtime) and several path objects: ~0.7 s of each rebuild at 20,000 talks. ``os.scandir``
    knows a name's type from the directory listing, and one ``lstat`` per file gives the rest.
    """
    todo = [folder]
    while todo:
        rel_dir = todo.pop()
        try:
            with os.scandir(root / rel_dir) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            problems.append(Problem(rel_dir, None, None, f"cannot be read ({err.strerror})",
                                    "fix the folder's permissions or remove it"))
            continue
        subdirs: list[str] = []
        for entry in entries:
            name = entry.name
            rel = f"{rel_dir}/{name}"
            if entry.is_dir(follow_symlinks=False) or (entry.is_symlink() and _links_to_folder(entry)):
                if name.startswith("."):
                    continue
                if entry.is_symlink():
                    problems.append(Problem(rel, None, None, "symbolic links to folders are not followed",
                                            "move the notes into the repository instead of linking"))
                elif name.endswith(".md"):
                    problems.append(Problem(rel, None, None, "is a folder, not a note file",
                                            "rename the folder so its name does not end in .md"))
                elif (unsafe := _unsafe_name(rel, name, is_file=False)) is not None:
                    problems.append(unsafe)
                else:
                    subdirs.append(rel)
                continue
            if not name.endswith(".md") or name.startswith(".") or name in IGNORED_NAMES:
                continue
            refused = (_link_problem(root, Path(entry.path), rel) if entry.is_symlink() else None) \
                or _unsafe_name(rel, name, is_file=True)
            info: os.stat_result | None = None
            if refused is None:
                try:
                    info = entry.stat()  # follows a link that _link_problem allowed
                except OSError as err:
                    refused = Problem(rel, None, None, f"cannot be read ({err.strerror})",
                                      "fix the file's permissions or remove it")
                else:
                    if not stat.S_ISREG(info.st_mode):
                        refused = Problem(rel, None, None, "is not a regular file (a pipe, socket or device)",
                                          "remove it; notes are plain text files")
            if refused is not None:
                problems.append(refused)
                continue
            assert info is not None
            depth = rel.count("/") + 1
            kind = file_kind
            if folder == TALKS_FOLDER and depth == 4:
                # talks/<event>/<talk>/<author>.md: one person's notes on a talk (issue 14).
                # The folder is the talk's notes folder, never an event folder.
                if (missing := _missing_talk(root, rel)) is not None:
                    problems.append(missing)
                    continue
                kind = TALK_NOTE
            elif folder == TALKS_FOLDER and depth != 3:
                problems.append(Problem(rel, None, None,
                                        "talk notes live in talks/<event>/<talk>.md, and more "
                                        "people's notes on it in talks/<event>/<talk>/<your-name>.md",
                                        "move the file into its event's folder or its talk's "
                                        "notes folder"))
                continue
            if file_kind != "note" and depth != 2:
                problems.append(Problem(rel, None, None,
                                        f"{file_kind} files live directly in {folder}/",
                                        f"move it to {folder}/{name}"))
                continue
            if info.st_size > MAX_FILE_BYTES:
                problems.append(Problem(rel, None, None, "file is larger than 20 MB",
                                        "split it into smaller notes"))
                continue
            found.append(SourceFile(rel, entry.path, kind, (info.st_mtime_ns, info.st_size, info.st_ino),
                                    entry.is_symlink()))
        todo.extend(reversed(subdirs))


def refresh_sources(root: Path, last: list[SourceFile], changed: Iterable[str]) -> list[SourceFile] | None:
    """``last`` (the files found by the last walk) with the files in ``changed`` (absolute paths
    the file watcher saw change since) stat'ed again; ``None`` when a walk is needed instead.

    Performance (issue 16): walking the archive's 35,000 files after each save was ~0.3 s of the
    edit loop. A walk is needed when a change could add, remove or refuse a file: a changed path
    that is no longer a regular file of ``last``, or that names a Markdown file ``last`` lacks.
    Paths the walk never reads (hidden, not ``.md``, outside the content folders) change nothing;
    a path outside ``root``, or a symbolic link among the files, needs a walk (their paths may not
    be the ones the watcher reports).
    """
    if any(source.linked for source in last):
        return None
    root_text = str(root.resolve()) + os.sep
    folders = content_folders()
    index = {source.abs_path: number for number, source in enumerate(last)}
    fresh = list(last)
    for path in changed:
        if not path.startswith(root_text):
            return None
        parts = path[len(root_text):].split(os.sep)
        if parts[0] not in folders or any(part.startswith(".") for part in parts):
            continue
        if not parts[-1].endswith(".md") or parts[-1] in IGNORED_NAMES:
            continue
        number = index.get(path)
        if number is None:
            return None  # a new note or entity file
        try:
            info = os.lstat(path)
        except OSError:
            return None  # gone, or unreadable
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        source = last[number]
        fresh[number] = SourceFile(source.rel, source.abs_path, source.file_kind,
                                   (info.st_mtime_ns, info.st_size, info.st_ino))
    return fresh


def _links_to_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a loop of links: reported as a file that cannot be read
        return False


def _missing_talk(root: Path, rel: str) -> Problem | None:
    """A notes folder ``talks/<event>/<talk>/`` needs its talk, ``talks/<event>/<talk>.md``."""
    folder = rel.rsplit("/", 1)[0]
    talk = folder + ".md"
    if (root / talk).is_file():
        return None
    return Problem(rel, 1, None,
                   f"notes folder {folder}/ has no talk file {talk}",
                   f"create {talk} (title, event, speakers), or move this note into the "
                   "folder of an existing talk")


def warn(path: str, line: int | None, field: str | None, message: str, fix: str) -> Problem:
    """A warning problem (fails only strict builds)."""
    return Problem(path, line, field, message, fix, Severity.WARNING)
