"""Link previews: a few facts about every note and entity page, as plain text in small JSON files.

``assets/hallway/previews.js`` shows them when a reader hovers or focuses a link to one of these
pages, fetching only the file of the folder the link points into, spread over a few files by a hash
(``previews/speakers/<n>.json``, ``previews/talks/<n>.json``: :data:`SHARDS`), so a page with a few
links loads a few kilobytes. Every
value is plain text (front-matter values, and a Markdown-stripped first paragraph for entities);
the script puts it in the page with ``textContent`` only.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict
from pathlib import Path

from ..kb.model import Entity, KnowledgeBase, Note
from ..kb.schema import KIND_TITLES
from ..pages.siteplan import url_of
from ..relate.relations import Relations

PREVIEWS_FOLDER = "previews"
SUMMARY_CHARS = 220
_MARKUP = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[\[([^\]|]+)\|([^\]]+)\]\]"), r"\2"),  # [[target|text]]
    (re.compile(r"\[\[([^\]]+)\]\]"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"<[^>]*>"), ""),  # raw HTML tags: their text stays, the markup goes
    (re.compile(r"[*_`#>]+"), ""),
    (re.compile(r"\s+"), " "),
)


def plain_summary(markdown: str) -> str:
    """The first paragraph of a Markdown text as plain text, cut at about SUMMARY_CHARS."""
    paragraph = next((p for p in markdown.strip().split("\n\n") if p.strip()), "")
    for pattern, replacement in _MARKUP:
        paragraph = pattern.sub(replacement, paragraph)
    text = paragraph.strip()
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"


#: How many files a folder's previews are spread over (by a hash of the page's first path part
#: below it: a talk's event folder, a speaker's slug). One file per event made 540 files at the
#: pyvideo archive's size, and one speakers file 1.5 MB (issue 16); a small site uses few of them.
SHARDS = {"talks": 64, "speakers": 32, "topics": 8, "projects": 8}


def bucket(name: str, buckets: int) -> int:
    """A stable bucket of ``name``: ``h = h * 31 + code unit`` over its UTF-16 code units, in 32
    bits, as ``assets/hallway/previews.js`` computes it."""
    value = 0
    for unit in memoryview(name.encode("utf-16-le")).cast("H"):
        value = (value * 31 + unit) & 0xFFFFFFFF
    return value % buckets


def shard_of(url: str) -> str:
    """Which file holds the preview of a page: its folder, and a bucket within it (:data:`SHARDS`)."""
    parts = url.strip("/").split("/")
    buckets = SHARDS.get(parts[0], 1)
    if buckets == 1 or len(parts) < 2:
        return parts[0]
    return f"{parts[0]}/{bucket(parts[1], buckets)}"


def _note(kb: KnowledgeBase, note: Note) -> dict[str, str]:
    names = [kb.entities["speaker"][s].name for s in note.speakers if s in kb.entities["speaker"]]
    event = kb.entities["event"].get(note.event) if note.event else None
    item = {"k": note.kind_label, "t": note.title, "s": ", ".join(names),
            "e": event.name if event else "", "d": note.date.isoformat() if note.date else "",
            "u": note.summary or ""}
    return {k: v for k, v in item.items() if v}


def _entity(entity: Entity, relations: Relations) -> dict[str, str]:
    notes = relations.notes_for(entity.kind, entity.slug)
    talks = sum(1 for n in notes if n.is_talk)
    counts = f"{talks} talk{'s' if talks != 1 else ''}"
    if len(notes) > talks:
        counts += f", {len(notes) - talks} write-up{'s' if len(notes) - talks != 1 else ''}"
    where = " · ".join(x for x in (entity.dates, entity.location) if x)
    item = {"k": KIND_TITLES[entity.kind], "t": entity.name, "e": where, "d": counts,
            "u": plain_summary(entity.description)}
    return {k: v for k, v in item.items() if v}


def preview_data(kb: KnowledgeBase, relations: Relations,
                 directory_urls: bool = True) -> dict[str, dict[str, dict[str, str]]]:
    """Shard name -> {site-relative page url -> preview}."""
    shards: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for note in sorted(kb.notes.values(), key=lambda n: n.path):
        url = url_of(note.path, directory_urls)
        shards[shard_of(url)][url] = _note(kb, note)
    for entity in sorted(kb.all_entities(), key=lambda e: e.page_path):
        url = url_of(entity.page_path, directory_urls)
        shards[shard_of(url)][url] = _entity(entity, relations)
    return dict(shards)


def write_previews(site_dir: Path | str, kb: KnowledgeBase, relations: Relations,
                   directory_urls: bool = True) -> int:
    """Write ``previews/**.json`` into the built site; return how many files."""
    shards = preview_data(kb, relations, directory_urls)
    for shard, items in shards.items():
        path = Path(site_dir) / PREVIEWS_FOLDER / f"{shard}.json"
        if posixpath.normpath(shard) != shard or shard.startswith("."):
            continue  # url_of gives clean paths; never write outside previews/
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(items, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(shards)
