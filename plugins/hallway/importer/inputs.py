"""Reading the files given to ``hallway import``: which form each is in, and its documents.

The form comes from ``--format`` or the file name (``.txt``, ``.md``, ``.html``, ``.xml``), else
from the first bytes. Unreadable input is a :class:`HallwayError` naming the file and the line.
"""

from __future__ import annotations

from pathlib import Path

from ..core.kb.frontmatter import decode
from ..core.problems import HallwayError, Problem
from .blocks import SourceDoc
from .html_input import parse_html
from .markdown_input import parse_markdown
from .plaintext import parse_text
from .wxr import parse_wxr

FORMATS = ("auto", "text", "markdown", "html", "wxr")
MAX_INPUT_BYTES = 200 * 1024 * 1024
_EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
               ".mdown": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html",
               ".xml": "wxr", ".wxr": "wxr"}


def detect_format(path: Path, raw: bytes) -> str:
    """The form of an input, from its name or else its first bytes."""
    by_name = _EXTENSIONS.get(path.suffix.lower())
    if by_name:
        return by_name
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") and b"wordpress.org/export" in raw[:65536]:
        return "wxr"
    if head.startswith((b"<!doctype html", b"<html", b"<p>", b"<div", b"<h", b"<ul")):
        return "html"
    return "text"


def _read(path: Path, shown: str) -> bytes:
    try:
        if not path.is_file():
            problem = "is a folder, not a file" if path.is_dir() else "no such file"
            raise HallwayError([Problem(shown, None, None, problem, "name the exported notes file")])
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise HallwayError([Problem(shown, None, None, "is larger than 200 MB",
                                        "split the export into smaller files")])
        return path.read_bytes()
    except OSError as err:
        raise HallwayError([Problem(shown, None, None, f"cannot be read ({err.strerror})",
                                    "check the file's name and permissions")]) from err


def read_input(path: Path, shown: str, fmt: str = "auto", category: str | None = None
               ) -> list[SourceDoc]:
    """The documents in one input file (one, or one per post of a WordPress export)."""
    raw = _read(path, shown)
    form = detect_format(path, raw) if fmt == "auto" else fmt
    if form == "wxr":
        return parse_wxr(raw, shown, category)
    text, problems = decode(shown, raw)
    if text is None:
        raise HallwayError(problems)
    if not text.strip():
        raise HallwayError([Problem(shown, None, None, "the file is empty",
                                    "copy the blog post's text into it")])
    stem = path.stem
    if form == "markdown":
        return [parse_markdown(text, shown, stem)]
    if form == "html":
        return [parse_html(text, shown, stem)]
    return [parse_text(text, shown, stem)]


def read_inputs(paths: list[Path], shown: list[str], fmt: str = "auto", category: str | None = None
                ) -> list[SourceDoc]:
    """The documents of every input; every unreadable file is reported, not just the first."""
    docs: list[SourceDoc] = []
    problems: list[Problem] = []
    for path, name in zip(paths, shown, strict=True):
        try:
            docs.extend(read_input(path, name, fmt, category))
        except HallwayError as err:
            problems.extend(err.problems)
    if problems:
        raise HallwayError(problems)
    return docs
