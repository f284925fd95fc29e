"""Markdown saved from a blog or written by hand: ``#`` headings or bold lines as talk titles.

Read line by line, because the Markdown itself is kept as written in the notes (only relative
links, which would be dead on this site, are dropped): ATX and Setext headings, lines that are
bold all through (``**Title by Speaker**``), list items nested by indentation (with their
continuation lines), fenced code, quotes and tables (kept verbatim), and paragraphs. A
front-matter block at the top (YAML between ``---`` from Jekyll, Hugo or a WordPress-to-Markdown
export, or Hugo's TOML between ``+++``) gives the post's title (and from it the event and session
when it names a year, as for a WordPress post) and date; its other fields (categories, tags…, a
time after the date) are kept as the first line of the introduction. The plain text of a heading
(what the heading rules read) comes from rendering it with Python-Markdown. Wiki links (``[[Jane
Doe]]``, from Obsidian and other note vaults) are read as the text they show.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import markdown
import yaml
from bs4 import BeautifulSoup

from .blocks import BOLD_LEVEL, Block, BlockKind, SourceDoc
from .headings import clean
from .mdtext import drop_dead_links, escape_text, is_web_url, unwrap_wikilinks
from .plaintext import _Depths
from .posttitle import event_of_post

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BOLD_LINE = re.compile(r"^ {0,3}(\*\*|__)(?P<inner>\S(?:.*\S)?)\1[ \t]*:?[ \t]*$")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<text>.*)|$)")
_HR = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE = re.compile(r"^ {0,3}>")
_TABLE = re.compile(r"^\s*\|")


class _Plain:
    """The visible text (and first web link) of a line of inline Markdown."""

    def __init__(self) -> None:
        self.md = markdown.Markdown()

    def __call__(self, text: str) -> tuple[str, str | None]:
        self.md.reset()
        soup = BeautifulSoup(self.md.convert(text), "html.parser")
        link = next((str(a.get("href")) for a in soup.find_all("a") if is_web_url(str(a.get("href", "")))),
                    None)
        return clean(soup.get_text(" ")), link


_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[^)]*)?\)")
_EMPHASIS = re.compile(r"(\*\*|__|`)(?=\S)(.+?)(?<=\S)\1")


def _bullet_plain(content: str) -> tuple[str, str | None]:
    """The text a reader sees in a list item, and its first web link (cheap: list items are many)."""
    link = next((m.group(2) for m in _LINK.finditer(content) if is_web_url(m.group(2))), None)
    plain = _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", content))
    return clean(plain), link


def lines_of_notes(lines: list[str]) -> bool:
    """A paragraph whose lines are separate notes, not wrapped prose: lines ended by hard breaks
    (two spaces or a backslash), or short lines that (nearly) all start with a capital, as notes
    copied from a blog into a Markdown file do (``Samba in 2026 by Jane Doe`` / ``Started in 1992``)."""
    if len(lines) < 2:
        return False
    if all(line.endswith(("  ", "\\")) for line in lines[:-1]):
        return True
    after = [line.strip() for line in lines[1:]]
    capitals = sum(1 for line in after if line[:1].isupper() or line[:1].isdigit())
    return all(len(line.strip()) <= 120 for line in lines) and capitals >= 0.75 * len(after)


def _front_matter_end(lines: list[str]) -> int:
    """The line after a front-matter block (YAML between ``---``, Hugo's TOML between ``+++``), or 0."""
    if not lines or lines[0].strip() not in ("---", "+++"):
        return 0
    ends = ("---", "...") if lines[0].strip() == "---" else ("+++",)
    for index in range(1, min(len(lines), 500)):
        if lines[index].strip() in ends:
            return index + 1
    return 0


def _load_front_matter(lines: list[str], end: int) -> object:
    """The front-matter's fields (TOML when it opens with ``+++``), or None when they do not parse."""
    body = "\n".join(lines[1:end - 1])
    if lines[0].strip() == "+++":
        try:
            return tomllib.loads(body)
        except tomllib.TOMLDecodeError:
            return None
    try:
        return yaml.safe_load(body)
    except yaml.YAMLError:
        return None


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_as_text(item) for item in value if item is not None)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_as_text(item)}" for key, item in value.items())
    return clean(str(value)) if value is not None else ""


def _front_matter(lines: list[str], end: int, doc: SourceDoc) -> Block | None:
    """The post's title and date from its front-matter; a line keeping what else it says."""
    data = _load_front_matter(lines, end)
    if not isinstance(data, dict):
        kept = clean(" ".join(lines[1:end - 1]))  # not YAML after all: kept as written
        return Block(BlockKind.RAW, escape_text(kept), "", 2) if kept else None
    rest: list[str] = []
    for key, value in data.items():
        name = str(key).casefold()
        if name == "title" and isinstance(value, str) and clean(value):
            doc.title = clean(value)
            doc.event_name, doc.session = event_of_post(doc.title)
        elif name == "date" and isinstance(value, dt.date | str):
            try:
                doc.date = value if isinstance(value, dt.date) else dt.date.fromisoformat(value[:10])
            except ValueError:
                rest.append(f"{key}: {_as_text(value)}")
            # the time is kept as written (Jekyll's "2026-01-20 21:30:00 +1100" is no YAML timestamp)
            if isinstance(doc.date, dt.datetime) or (isinstance(value, str) and doc.date is not None
                                                     and len(value.strip()) > 10):
                doc.date = doc.date.date() if isinstance(doc.date, dt.datetime) else doc.date
                fields = (re.split(r"[:=]", line, maxsplit=1) for line in lines[1:end - 1])
                raw = next((f[1].strip().strip('"') for f in fields
                            if len(f) == 2 and f[0].strip() == str(key)), "")
                rest.append(f"{str(key).capitalize()}: {raw}")
        elif _as_text(value):
            rest.append(f"{str(key).capitalize()}: {_as_text(value)}")
    kept = clean(" · ".join(rest))
    return Block(BlockKind.RAW, escape_text(kept), "", 2) if kept else None


def parse_markdown(text: str, source: str, stem: str = "") -> SourceDoc:
    """Read Markdown into blocks."""
    plain_of = _Plain()
    lines = unwrap_wikilinks(text.split("\n"))
    blocks: list[Block] = []
    depths = _Depths()
    index = _front_matter_end(lines)
    doc = SourceDoc(source=source, blocks=blocks, flat=False, stem=stem)
    if index:
        found = _front_matter(lines, index, doc)
        if found is not None:
            blocks.append(found)
    paragraph: list[tuple[int, str]] = []

    def flush_paragraph() -> None:
        if not paragraph:
            return
        if lines_of_notes([line for _, line in paragraph]):
            for number, line in paragraph:  # one block a line, as in plain text
                body = drop_dead_links(line.strip().removesuffix("\\").rstrip())
                plain, link = plain_of(body)
                blocks.append(Block(BlockKind.LINE, body, plain, number, link=link))
            paragraph.clear()
            return
        body = drop_dead_links("\n".join(line.strip() for _, line in paragraph))
        plain, link = plain_of(body) if len(paragraph) == 1 else ("", None)
        blocks.append(Block(BlockKind.LINE, body, plain, paragraph[0][0], link=link))
        paragraph.clear()

    def heading(number: int, level: int, inline: str) -> None:
        inline = drop_dead_links(inline.strip())
        plain, link = plain_of(inline)
        if plain:
            blocks.append(Block(BlockKind.HEADING, inline, plain, number, level=level, link=link))

    while index < len(lines):
        raw = lines[index]
        number = index + 1
        index += 1
        if not raw.strip():
            flush_paragraph()
            continue
        fence = _FENCE.match(raw)
        if fence:
            flush_paragraph()
            depths.reset()
            body = [raw]
            while index < len(lines):
                body.append(lines[index])
                index += 1
                if lines[index - 1].strip().startswith(fence.group(1)):
                    break
            blocks.append(Block(BlockKind.RAW, "\n".join(body), "", number))
            continue
        atx = _ATX.match(raw)
        if atx:
            flush_paragraph()
            depths.reset()
            heading(number, len(atx.group(1)), atx.group(2) or "")
            continue
        if paragraph and len(paragraph) == 1 and _SETEXT.match(raw) and not _ITEM.match(paragraph[0][1]):
            first_number, first = paragraph.pop()
            heading(first_number, 1 if raw.strip().startswith("=") else 2, first)
            continue
        if _HR.match(raw):
            flush_paragraph()
            depths.reset()
            continue
        item = _ITEM.match(raw)
        indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip(" "))
        if item and item.group("text") is not None:
            flush_paragraph()
            width = len(item.group("indent").expandtabs(4))
            marker = item.group("marker")
            marker = "-" if marker in "-*+" else marker[:-1] + "."
            content = drop_dead_links(item.group("text").strip())
            plain, link = _bullet_plain(content)
            blocks.append(Block(BlockKind.BULLET, content, plain, number, depths.depth(width),
                                marker, link=link))
            continue
        if blocks and blocks[-1].kind == BlockKind.BULLET and not paragraph and indent >= 2:
            more = drop_dead_links(raw.strip())  # a list item's continuation line
            blocks[-1].text += " " + more
            blocks[-1].more = f"{blocks[-1].more} {more}".strip()
            continue
        if _QUOTE.match(raw) or _TABLE.match(raw):
            flush_paragraph()
            depths.reset()
            pattern = _QUOTE if _QUOTE.match(raw) else _TABLE
            body = [raw.rstrip()]
            while index < len(lines) and lines[index].strip() and pattern.match(lines[index]):
                body.append(lines[index].rstrip())
                index += 1
            blocks.append(Block(BlockKind.RAW, drop_dead_links("\n".join(body)), "", number))
            continue
        bold = _BOLD_LINE.match(raw)
        if bold and not paragraph:
            depths.reset()
            heading(number, BOLD_LEVEL, raw.strip())
            continue
        depths.reset()
        paragraph.append((number, raw))
    flush_paragraph()
    return doc
