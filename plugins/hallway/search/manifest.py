"""The search cache's record of what it indexed, to find the notes added, changed or removed since.

Before every query, :func:`quick_signature` stats every Markdown file of the content folders
(``os.scandir``: one ``stat`` per file, no reading) and sums their paths, modification times and
sizes into one number; if it matches the ``seen`` file written after the last update, the index is
current. Otherwise the :class:`Manifest` says which notes changed: a note counts as changed when its
modification time (in nanoseconds) or size differs from the one recorded. Entity files are summed up
in one signature: their names and aliases are folded into every note that refers to them (and can
change which entity a reference resolves to), so any change to them rebuilds the whole index.

``names.json`` keeps every entity's names (display name, aliases), so filters such as
``--speaker "Hamish Coleman"`` resolve and facets get their labels without reading entity files.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.kb.schema import ENTITY_FOLDERS, POSTS_FOLDER, TALKS_FOLDER
from ..core.kb.sources import SourceFile

MANIFEST_NAME = "manifest.json"
NAMES_NAME = "names.json"
SEEN_NAME = "seen"
FORMAT = 2
Names = dict[str, dict[str, list[str]]]
"""Entity kind -> slug -> [display name, *aliases]."""

Stamp = tuple[int, int]
"""A file version: (modification time in nanoseconds, size in bytes)."""


def stamp(source: SourceFile) -> Stamp | None:
    """The file's current version, or ``None`` if it vanished."""
    try:
        info = source.abs.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def signature(stamps: dict[str, Stamp]) -> str:
    """One hash for a set of file versions."""
    digest = hashlib.sha256()
    for rel in sorted(stamps):
        digest.update(f"{rel}\0{stamps[rel][0]}\0{stamps[rel][1]}\n".encode())
    return digest.hexdigest()


@dataclass
class Manifest:
    """What the index holds: the engine that wrote it, the entity files' signature, each note's stamp."""

    engine: str = ""
    entities: str = ""
    notes: dict[str, Stamp] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        """The manifest in ``folder``; ``None`` if missing, unreadable or from another format."""
        try:
            data: Any = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            return cls(engine=str(data["engine"]), entities=str(data["entities"]),
                       notes={rel: (int(v[0]), int(v[1])) for rel, v in data["notes"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None

    def save(self, folder: Path) -> None:
        """Write the manifest (atomically: a crash leaves the old one, which only means re-indexing)."""
        write_atomic(folder / MANIFEST_NAME, json.dumps(
            {"format": FORMAT, "engine": self.engine, "entities": self.entities, "notes": self.notes}))

    def changes(self, current: dict[str, Stamp]) -> tuple[list[str], list[str]]:
        """Paths of notes added or changed since, and of notes removed since."""
        changed = [rel for rel, now in current.items() if self.notes.get(rel) != now]
        removed = [rel for rel in self.notes if rel not in current]
        return changed, removed


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` all at once (cache files only: never used on notes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_names(folder: Path) -> Names:
    try:
        data: Any = json.loads((folder / NAMES_NAME).read_text(encoding="utf-8"))
        return {str(kind): {str(slug): [str(n) for n in names] for slug, names in by_slug.items()}
                for kind, by_slug in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def save_names(folder: Path, names: Names) -> None:
    write_atomic(folder / NAMES_NAME, json.dumps(names, ensure_ascii=False))


def _md_files(folder: str, depth: int) -> list[os.DirEntry[str]]:
    found: list[os.DirEntry[str]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if depth > 1 and entry.is_dir():
                    found.extend(_md_files(entry.path, depth - 1))
                elif depth == 1 and entry.name.endswith(".md"):
                    found.append(entry)
    except OSError:
        pass
    return found


def quick_signature(root: Path) -> str:
    """A cheap fingerprint of every Markdown file of the content folders: any file added, removed,
    edited or touched changes it. Order-independent (a sum of CRCs), so no sorting is needed."""
    total = count = 0
    folders = [(TALKS_FOLDER, 2), (POSTS_FOLDER, 1)] + [(f, 1) for f in ENTITY_FOLDERS.values()]
    for folder, depth in folders:
        base = str(root / folder)
        for entry in _md_files(base, depth):
            try:
                info = entry.stat()
            except OSError:
                continue
            rel = folder + entry.path[len(base):]
            key = f"{rel}\0{info.st_mtime_ns}\0{info.st_size}".encode(errors="replace")
            total += zlib.crc32(key) * 2654435761 + zlib.adler32(key)
            count += 1
    return f"{count}:{total % (1 << 64):x}"


def read_seen(folder: Path) -> str:
    try:
        return (folder / SEEN_NAME).read_text(encoding="utf-8")
    except OSError:
        return ""


def write_seen(folder: Path, text: str) -> None:
    write_atomic(folder / SEEN_NAME, text)
