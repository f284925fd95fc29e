"""Markdown text helpers: escaping plain text so it shows as written, and dropping dead links.

Escaping is hand-written because it is a few characters: a plain-text note line such as
``Use *nix <tools> [1]`` must render literally, not as emphasis, raw HTML or a link. Links in
imported Markdown or HTML that point nowhere on this site (relative paths of the old blog) are
replaced by their text, because ``mkdocs build --strict`` would fail on them.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

_ALWAYS = re.compile(r"([\\`*\[\]{}])")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=|-]|\d+(?=[.)]\s))")
_INLINE_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s+.*)?$")


def escape_inline(text: str) -> str:
    """Escape the characters of plain text that Markdown would otherwise interpret."""
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;")


def escape_line_start(text: str) -> str:
    """Escape a leading ``#``, ``>``, ``-``, ``1.`` so a line is not read as a heading, quote or list."""
    match = _LINE_START.match(text)
    if not match:
        return text
    head = match.group(2)
    if head.isdigit():
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return text[: match.start(2)] + "\\" + text[match.start(2):]


def escape_text(text: str) -> str:
    """A line of plain text as Markdown that displays exactly that text."""
    return escape_line_start(escape_inline(text))


def is_web_url(url: str) -> bool:
    """True for absolute http(s) and mailto addresses: the only links an import keeps."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    return (scheme in ("http", "https") and bool(parts.netloc)) or (scheme == "mailto" and bool(parts.path))


def absolute_url(url: str | None, base: str | None) -> str | None:
    """``url`` made absolute against ``base`` when possible; None when it would not work here."""
    if not url:
        return None
    url = url.strip()
    if is_web_url(url):
        return url
    if base and is_web_url(base) and not url.startswith("#"):
        try:
            joined = urljoin(base, url)
        except ValueError:
            return None
        return joined if is_web_url(joined) else None
    return None


def drop_dead_links(markdown: str) -> str:
    """Replace links and images whose target is not an absolute web address by their text."""

    def inline(match: re.Match[str]) -> str:
        bang, label, url = match.groups()
        if is_web_url(url):
            return match.group(0) if not bang else f"[{label or 'image'}]({url})"
        return label

    lines = []
    for line in markdown.split("\n"):
        ref = _REFERENCE_DEF.match(line)
        if ref and not is_web_url(ref.group(1)):
            continue
        lines.append(_INLINE_LINK.sub(inline, line))
    return "\n".join(lines)


#: An Obsidian or wiki link, ``[[Jane Doe]]`` or ``[[notes/jane-doe|Jane Doe]]`` (not an embed, ``![[…]]``).
_WIKILINK = re.compile(r"(?<!!)\[\[(?:[^\[\]|\n]*\|)?([^\[\]|\n]+)\]\]")
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def unwrap_wikilinks(lines: list[str]) -> list[str]:
    """Lines with each wiki link (Obsidian, Foam, Logseq) replaced by the text it shows: a note
    vault's ``speaker: [[Jane Doe]]`` is ``speaker: Jane Doe`` (the page it links to is not on this
    site). Fenced code is left as written."""
    out: list[str] = []
    fence = ""
    for line in lines:
        opening = _FENCE_OPEN.match(line)
        if fence:
            fence = "" if line.strip().startswith(fence) else fence
        elif opening:
            fence = opening.group(1)
        else:
            line = _WIKILINK.sub(lambda m: m.group(1).strip(), line)
        out.append(line)
    return out
