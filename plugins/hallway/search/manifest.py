"""The search cache's record of what it indexed, to find the notes added, changed or removed since.

A note counts as changed when its modification time (in nanoseconds) or size differs from the one
recorded, which needs one ``stat`` per file and no reading. Entity files are summed up in one
signature: their names and aliases are folded into every note that refers to them (and can change
which entity a reference resolves to), so any change to them rebuilds the whole index.

The manifest also keeps every entity's names (display name, aliases, slug), so filters like
``--speaker "Hamish Coleman"`` resolve without reading the entity files again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.sources import SourceFile

MANIFEST_NAME = "manifest.json"
FORMAT = 1

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
    names: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Entity kind -> slug -> [display name, *aliases]."""

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        """The manifest in ``folder``; ``None`` if missing, unreadable or from another format."""
        try:
            data: Any = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            return cls(engine=str(data["engine"]), entities=str(data["entities"]),
                       notes={rel: (int(v[0]), int(v[1])) for rel, v in data["notes"].items()},
                       names={kind: {slug: [str(n) for n in names] for slug, names in by_slug.items()}
                              for kind, by_slug in data["names"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None

    def save(self, folder: Path) -> None:
        """Write the manifest atomically (a crash leaves the old one, which only means re-indexing)."""
        folder.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"format": FORMAT, "engine": self.engine, "entities": self.entities,
                              "notes": self.notes, "names": self.names}, ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".manifest-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(payload)
            os.replace(tmp, folder / MANIFEST_NAME)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def changes(self, current: dict[str, Stamp]) -> tuple[list[str], list[str]]:
        """Paths of notes added or changed since, and of notes removed since."""
        changed = [rel for rel, now in current.items() if self.notes.get(rel) != now]
        removed = [rel for rel in self.notes if rel not in current]
        return changed, removed
