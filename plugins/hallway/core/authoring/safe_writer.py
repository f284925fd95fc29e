"""Writing new note files safely: all or nothing, atomically, and never over an existing file.

Used by every tool that writes notes (``hallway import``, ``hallway new``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..kb.schema import fields_for
from ..problems import HallwayError, Problem
from ..scratch import fresh_folder


class _NoteDumper(yaml.SafeDumper):
    """Front-matter keys one per line (block style); short lists stay inline (``[A, B]``)."""

    def represent_mapping(self, tag: str, mapping: Any, flow_style: bool | None = None) -> yaml.MappingNode:
        return super().represent_mapping(tag, mapping, flow_style=False)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """Text of several lines (an abstract, a bio) as a readable ``|`` block, not one escaped line."""
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


_NoteDumper.add_representer(str, _represent_text)


def render_note(fields: dict[str, Any], body: str = "", file_kind: str = "note") -> str:
    """A note file: front-matter with fields in the schema's order, then the Markdown body."""
    order = [spec.name for spec in fields_for(file_kind)]
    ordered = {k: fields[k] for k in order if k in fields and fields[k] not in (None, [], {}, "")}
    ordered.update({k: v for k, v in fields.items() if k not in ordered and k not in order})
    front = yaml.dump(ordered, Dumper=_NoteDumper, sort_keys=False, allow_unicode=True, width=1000,
                      default_flow_style=None)
    text = f"---\n{front}---\n"
    if body.strip():
        text += "\n" + body.strip("\n") + "\n"
    return text


class _FolderBlocked(Exception):
    """A note's folder cannot be made because a file already has its name."""

    def __init__(self, rel: str, reason: str) -> None:
        super().__init__(reason)
        self.rel = rel
        self.reason = reason


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


#: Where files are written before they are linked into place: Hallway's own folder, never a content
#: folder, so a writer killed mid-way (kill -9, power cut) leaves nothing among the notes (issue 18).
#: Each run writes in a folder named after its process id; the next run removes folders whose process
#: is gone.
SCRATCH = Path(".cache/hallway/writing")
#: Test hook (documented in CONTRIBUTING.md): kill this process with SIGKILL after writing this many
#: files, as a crash would, so tests can check that a re-run recovers.
KILL_AFTER_ENV = "HALLWAY_TEST_KILL_AFTER"


def _scratch_folder(root: Path) -> Path | None:
    """A fresh scratch folder for this process (stale ones of dead processes are removed first)."""
    base = root / SCRATCH
    try:
        base.mkdir(parents=True, exist_ok=True)
        return fresh_folder("", base)
    except OSError:
        return None  # read-only or odd repository: write beside the note as before


def _write_one(dest: Path, text: str, scratch: Path | None) -> None:
    """Write ``text`` to a temporary file and hard-link it to ``dest`` (fails if ``dest`` exists)."""
    folder = scratch if scratch is not None else dest.parent
    fd, tmp = tempfile.mkstemp(prefix=".hallway-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        try:
            os.link(tmp, dest)
        except OSError as err:
            if err.errno != errno.EXDEV or scratch is None:
                raise
            _write_one(dest, text, None)  # scratch on another file system: beside the note
    finally:
        os.unlink(tmp)


def write_new_files(root: Path, files: dict[str, str]) -> list[str]:
    """Create every file in ``files`` (repo-relative path -> text) or none of them.

    Refuses paths outside ``root`` and files that already exist; each file appears atomically
    (written to a temporary file, then hard-linked into place, which fails if the name exists).
    If anything fails part-way, the files this call created are removed again.
    """
    problems = [Problem(rel, None, None, "refusing to write outside the knowledge base",
                        "use a plain relative path") for rel in files if not _inside(root, root / rel)]
    problems += [Problem(rel, None, None, "already exists; not overwriting it",
                         "move or rename the existing file first") for rel in files
                 if (root / rel).exists()]
    if problems:
        raise HallwayError(problems)
    created: list[Path] = []
    made_dirs: list[Path] = []
    current = ""
    scratch = _scratch_folder(root)
    kill_after = os.environ.get(KILL_AFTER_ENV, "")
    try:
        for rel, text in files.items():
            current = rel
            dest = root / rel
            missing = [p for p in reversed(dest.parents) if not p.exists()]
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
            except (FileExistsError, NotADirectoryError) as err:
                blocked = next((p for p in reversed(dest.parents) if p.exists() and not p.is_dir()),
                               dest.parent)
                shown = blocked.relative_to(root).as_posix()
                raise _FolderBlocked(rel, f"cannot create its folder {shown}/ (a file has that name)") \
                    from err
            made_dirs.extend(missing)
            _write_one(dest, text, scratch)
            created.append(dest)
            if kill_after.isdigit() and len(created) >= int(kill_after):
                os.kill(os.getpid(), signal.SIGKILL)
    except (OSError, _FolderBlocked) as err:
        for path in created:
            path.unlink(missing_ok=True)
        for folder in reversed(made_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(err, _FolderBlocked):
            rel, reason = err.rel, err.reason
        else:
            rel = current
            reason = "already exists; not overwriting it" if isinstance(err, FileExistsError) else \
                f"could not be written ({err.strerror})"
        raise HallwayError([Problem(rel, None, None, reason,
                                    "nothing was written; fix the cause and run again")]) from err
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return sorted(files)


def replace_and_create(root: Path, new_files: dict[str, str], replaced: dict[str, tuple[str, str]]) -> None:
    """Create ``new_files`` and rewrite each of ``replaced`` (path -> (old text, new text)), all or none.

    A file to rewrite must still hold exactly its old text (someone may have edited it since the
    plan was made); each rewrite is atomic (a temporary file renamed over it). If anything fails,
    created files are removed and rewritten ones get their old text back.
    """
    problems = []
    for rel, (old, _new) in replaced.items():
        path = root / rel
        if not _inside(root, path) or path.is_symlink():
            problems.append(Problem(rel, None, None, "refusing to rewrite this file",
                                    "it is outside the knowledge base or a symbolic link"))
            continue
        try:
            current = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != old:
            problems.append(Problem(rel, None, None, "changed since the import was planned",
                                    "nothing was written; run the import again"))
    if problems:
        raise HallwayError(problems)
    created = write_new_files(root, new_files) if new_files else []
    done: list[str] = []
    try:
        for rel, (_old, new) in replaced.items():
            _atomic_replace(root / rel, new)
            done.append(rel)
    except OSError as err:
        for rel in done:
            with contextlib.suppress(OSError):
                _atomic_replace(root / rel, replaced[rel][0])
        for rel in created:
            (root / rel).unlink(missing_ok=True)
        raise HallwayError([Problem(rel, None, None, f"could not be written ({err.strerror})",
                                    "nothing was changed; fix the cause and run again")]) from err


def _atomic_replace(dest: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".hallway-", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
