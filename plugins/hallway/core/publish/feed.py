"""An Atom feed (``feed.xml`` at the site root) of the newest notes, so readers can follow the site.

Written with the standard library's ElementTree, which escapes text and attributes; characters
XML 1.0 cannot carry at all (most control characters, which an untrusted note may contain) are
dropped first, so the feed is always well-formed. Links are absolute, made from ``site_url``.

"Newest" is by the note's ``date``; a note without one is placed by the time its file was last
committed to git (or, outside git, last saved), which is when it appeared on the site.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import markdown
import nh3

from ... import __version__
from ..kb.model import KnowledgeBase, Note
from ..kb.schema import POSTS_FOLDER, TALKS_FOLDER
from .json_export import page_address

FEED_FILE = "feed.xml"
FEED_SIZE = 20
SUMMARY_CHARS = 300
ATOM = "http://www.w3.org/2005/Atom"
#: Characters XML 1.0 forbids (C0 controls other than tab/newline/return, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def git_commit_times(root: Path) -> dict[str, dt.datetime]:
    """When each note under ``root`` was last committed (``{path relative to root: time}``).

    One ``git log`` for the whole history; empty when ``root`` is not a git checkout or git is
    missing. Paths are relative to ``root`` even when the repository starts above it.
    """
    git = ["git", "-c", "core.quotePath=false", "-C", str(root)]
    try:
        log = subprocess.run([*git, "log", "--no-renames", "--format=%x00%cI", "--name-only",
                              "--relative", "--", TALKS_FOLDER, POSTS_FOLDER],
                             capture_output=True, text=True, timeout=300, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    times: dict[str, dt.datetime] = {}
    current: dt.datetime | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = dt.datetime.fromisoformat(line[1:])
        elif line and current is not None:
            times.setdefault(line, current)
    return times


def note_times(kb: KnowledgeBase) -> dict[str, dt.datetime]:
    """The time each note is placed at in the feed (UTC)."""
    root = Path(kb.root)
    committed = git_commit_times(root)
    times: dict[str, dt.datetime] = {}
    for item in _items(kb):
        if item.date is not None:
            times[item.path] = dt.datetime.combine(item.date, dt.time(), dt.UTC)
        elif item.path in committed:
            times[item.path] = committed[item.path].astimezone(dt.UTC)
        else:
            try:
                mtime = (root / item.path).stat().st_mtime
            except OSError:
                mtime = 0.0
            times[item.path] = dt.datetime.fromtimestamp(int(mtime), dt.UTC)
    return times


@dataclass(frozen=True)
class _Item:
    """One entry of the feed: a note, or one person's notes on a talk (issue 14: every note counts)."""

    path: str
    title: str
    page: str
    """Source path of the page it appears on."""
    date: dt.date | None
    authors: tuple[str, ...]
    topics: tuple[str, ...]
    summary: Callable[[], str]


def _items(kb: KnowledgeBase) -> list[_Item]:
    items: list[_Item] = []
    for note in kb.notes.values():
        items.append(_Item(note.path, note.title, note.path, note.date, tuple(note.speakers),
                           tuple(note.topics), partial(plain_summary, note)))
        for talk_note in note.notes:
            name = kb.entities["speaker"][talk_note.by].name
            items.append(_Item(talk_note.path, f"Notes by {name}: {note.title}", note.path,
                               talk_note.date, (talk_note.by,), tuple(talk_note.topics),
                               partial(_text_summary, talk_note.summary, talk_note.body)))
    return items


def plain_summary(note: Note, limit: int = SUMMARY_CHARS) -> str:
    """The note's one-line summary, or the start of its body as plain text."""
    return _text_summary(note.summary, note.body, limit)


def _text_summary(summary: str | None, body: str, limit: int = SUMMARY_CHARS) -> str:
    if summary:
        return summary
    rendered = markdown.markdown(body)
    text = " ".join(html.unescape(nh3.clean(rendered, tags=set())).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_feed(kb: KnowledgeBase, site_url: str | None, site_name: str,
               directory_urls: bool = True, limit: int = FEED_SIZE,
               times: dict[str, dt.datetime] | None = None) -> bytes:
    """The Atom document for the ``limit`` newest notes."""
    times = note_times(kb) if times is None else times
    epoch = dt.datetime.fromtimestamp(0, dt.UTC)
    notes = sorted(_items(kb),
                   key=lambda n: (-times.get(n.path, epoch).timestamp(), n.title.casefold(), n.path))
    notes = notes[:limit]
    base = site_url.rstrip("/") + "/" if site_url else ""

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _xml_text(v) for k, v in attrs.items()})
        if text is not None:
            element.text = _xml_text(text)
        return element

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    sub(feed, "title", site_name)
    sub(feed, "id", base or "urn:hallway:feed")
    sub(feed, "link", rel="alternate", type="text/html", href=base or "./")
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_FILE)
    newest = max((times.get(n.path, epoch) for n in notes), default=epoch)
    sub(feed, "updated", _stamp(newest))
    sub(sub(feed, "author"), "name", site_name)
    sub(feed, "generator", "Hallway", version=__version__)
    for note in notes:
        entry = sub(feed, "entry")
        address = page_address(site_url, note.page, directory_urls)
        sub(entry, "title", note.title)
        sub(entry, "link", rel="alternate", type="text/html", href=address)
        own_id = address if note.page == note.path else f"{address}#{note.path.rsplit('/', 1)[-1]}"
        sub(entry, "id", own_id if site_url else f"urn:hallway:{note.path}")
        sub(entry, "updated", _stamp(times.get(note.path, epoch)))
        for slug in note.authors:
            sub(sub(entry, "author"), "name", kb.entities["speaker"][slug].name)
        for slug in note.topics:
            sub(entry, "category", term=slug, label=kb.entities["topic"][slug].name)
        summary = note.summary()
        if summary:
            sub(entry, "summary", summary, type="text")
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def write_feed(site_dir: Path | str, kb: KnowledgeBase, site_url: str | None, site_name: str,
               directory_urls: bool = True) -> Path:
    """Write ``feed.xml`` into the built site; return its path."""
    path = Path(site_dir) / FEED_FILE
    path.write_bytes(build_feed(kb, site_url, site_name, directory_urls))
    return path
