"""Which program format a file or folder is, and reading it with the right reader.

A folder is a pyvideo data folder (one event, or the data set's root). A file is looked at, not
guessed from its name: XML whose root is ``<schedule>`` is a frab/Pentabarf/pretalx schedule,
JSON with a ``schedule`` object is a c3voc schedule.json, JSON with ``sessions`` and ``speakers``
lists is a Sessionize export. Anything else is not a program (the notes importer may read it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ...core.problems import HallwayError, Problem
from .c3voc_json import is_schedule_json, read_c3voc_json
from .frab_xml import read_frab_xml
from .jsonfile import load_json
from .model import Program
from .pyvideo import event_folders, read_pyvideo_event
from .sessionize import is_sessionize, read_sessionize

PROGRAM_FORMATS = ("frab-xml", "c3voc-json", "sessionize", "pyvideo")
_XML_ROOT = re.compile(rb"<(?![?!])([A-Za-z_][\w.-]*)")


def sniff(path: Path) -> str | None:
    """The program format of ``path``, or None when it is not a program."""
    if path.is_dir():
        return "pyvideo" if event_folders(path) else None
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if stripped.startswith(b"<"):
        match = _XML_ROOT.search(stripped)
        return "frab-xml" if match and match[1] == b"schedule" else None
    if stripped.startswith(b"{") or (stripped.startswith(b"[") and path.suffix.lower() == ".json"):
        return "json"
    return None


def read_programs(path: Path, shown: str, fmt: str = "auto") -> Iterator[Program]:
    """Every program in ``path`` (one, or one per event of a pyvideo root folder)."""
    found = sniff(path) if fmt == "auto" else fmt
    if found == "pyvideo":
        folders = event_folders(path) if path.is_dir() else []
        if not folders:
            raise HallwayError([Problem(shown, None, None, "not a pyvideo data folder",
                                        "pass a folder with category.json and videos/, or the "
                                        "data set's root")])
        for folder in folders:
            name = shown if folder == path else f"{shown.rstrip('/')}/{folder.name}"
            yield read_pyvideo_event(folder, name)
        return
    if found == "frab-xml":
        yield read_frab_xml(path, shown)
        return
    if found in ("json", "c3voc-json", "sessionize"):
        data = load_json(path, shown)
        if found == "c3voc-json" or (found == "json" and is_schedule_json(data)):
            yield read_c3voc_json(path, shown, data)
            return
        if found == "sessionize" or is_sessionize(data):
            yield read_sessionize(path, shown, data)
            return
    raise HallwayError([Problem(shown, None, None, "unknown program format",
                                "expected a frab/Pentabarf schedule.xml, a schedule.json, a Sessionize "
                                "'All' JSON or a pyvideo folder; or pass --format")])
