"""HTML saved from a blog post (and the HTML of WordPress posts): BeautifulSoup does the parsing.

Talk titles are headings (``<h2>``…) or lines that are bold all through
(``<p><strong>…</strong></p>``, or a ``<strong>`` line ended by ``<br>``); notes are lists (nested
``<ul>``/``<ol>`` become nested Markdown lists) and paragraphs. A definition list's terms
(``<dt>Title — Jane Doe</dt>``) are lines, as paragraphs are, and its descriptions (``<dd>``) list
items under them (one a paragraph, when a description has several). Bare text with newlines between
blocks (how WordPress's classic editor stores posts) is read line by line. A line that starts with a
typed list marker (``<p>• note</p>``, ``- ``, ``◦ ``, ``2. ``: plain text pasted into the editor) is a
list item, as it is in plain text (not a dash: ``— Jane Doe`` under a title credits her). A
paragraph whose source lines are short and nearly all start with a capital (Markdown's soft line
breaks, kept when a static-site generator renders it) is read line by line, as the Markdown reader
reads it. Inline markup becomes
Markdown with markdownify; links that would be dead on this site (relative ones that cannot be made
absolute) keep only their text, images become links. Scripts, styles, forms and page furniture
(:data:`FURNITURE`: sidebars, the blog's header and footer) are dropped; the post's content is taken
from ``.entry-content``, ``article`` or ``main`` when the page has one.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import CData, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag
from markdownify import MarkdownConverter

from .blocks import BOLD_LEVEL, Block, BlockKind, SourceDoc
from .headings import clean
from .markdown_input import lines_of_notes
from .mdtext import absolute_url, escape_inline, escape_line_start
from .plaintext import BULLET as TYPED_BULLET
from .plaintext import GLYPH_DEPTH
from .posttitle import event_of_post

_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "form",
         "button", "input", "select", "textarea", "nav", "canvas", "head")
#: Where a saved page keeps the post: WordPress and Blogger (``.entry-content``), LiveJournal's layouts
#: (``.entry_text``), Movable Type and TypePad (``.asset-body``), then HTML5's elements.
_CONTENT = (".entry-content", ".post-content", ".entry_text", ".entry-text", ".asset-body", "article", "main",
            "body")
#: A saved page's furniture around the post, by the names WordPress, Blogger and their themes give it:
#: sidebars and their widgets, header and footer, the date above a post, "posted in …" lines, links to
#: the next and previous posts, LiveJournal's "Current Mood:" and "Current Music:" lines (``.currents``).
#: Dropped where no ``.entry-content`` leaves them out already (Kubrick).
FURNITURE = ("#sidebar, .sidebar, #sidebar-wrapper, #secondary, .widget-area, .widget, #header,"
             " #header-wrapper, #masthead, .site-header, #footer, #footer-wrapper, .date-header,"
             " .postmetadata, .navigation, .currents")
_POST = ".post, .hentry, article, .entry, .entry-content, .post-body, main"
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em",
                     "font", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
                     "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "label"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BOLD = frozenset({"strong", "b"})
_SKIPPED_STRINGS = (Comment, Doctype, CData, Declaration, ProcessingInstruction)


class _Converter(MarkdownConverter):
    """markdownify with Hallway's escaping, and links checked to work on the built site."""

    def __init__(self, base_url: str | None) -> None:
        super().__init__(heading_style="atx", bullets="-", escape_asterisks=False,
                         escape_underscores=False, autolinks=False)
        self.base_url = base_url

    def escape(self, text: str, parent_tags: Any) -> str:
        return escape_inline(text) if text else ""

    def convert_a(self, el: Tag, text: str, parent_tags: Any) -> str:
        href = absolute_url(str(el.get("href") or ""), self.base_url)
        if href is None or "_noformat" in parent_tags or not text.strip():
            return text
        return f"[{text.strip()}]({href.replace(')', '%29').replace(' ', '%20')})"

    def convert_img(self, el: Tag, text: str, parent_tags: Any) -> str:
        alt = escape_inline(clean(str(el.get("alt") or "")))
        src = absolute_url(str(el.get("src") or ""), self.base_url)
        if src is None:
            return alt
        return f"[{alt or 'image'}]({src.replace(')', '%29').replace(' ', '%20')})"


class _Reader:
    def __init__(self, base_url: str | None) -> None:
        self.conv = _Converter(base_url)
        self.blocks: list[Block] = []
        self.line: list[Any] = []

    # inline content -------------------------------------------------------------------------
    def _inline_markdown(self, nodes: list[Any]) -> str:
        parts: list[str] = []
        for node in nodes:
            if isinstance(node, NavigableString):
                parts.append(escape_inline(str(node)))
            else:
                parts.append(self.conv.convert_soup(node))
        return escape_line_start(clean("".join(parts)))

    def _flush_line(self, inside_heading: int | None = None) -> None:
        nodes, self.line = self.line, []
        visible = [n for n in nodes if not (isinstance(n, NavigableString) and not str(n).strip())]
        if not visible:
            return
        plain = clean("".join(n.get_text(" ") if isinstance(n, Tag) else str(n) for n in nodes))
        text = self._inline_markdown(nodes)
        if not text:
            return
        plain = plain or text
        link = self._first_link(visible)
        line = _line_of(visible[0])
        bold = all(isinstance(n, Tag) and (n.name in _BOLD or (n.name == "a" and n.find(_BOLD)))
                   for n in visible)
        typed = _typed_bullet(visible) if inside_heading is None and not bold else None
        if typed is not None:
            # "<p>• Title by Jane Doe – note</p>": a list typed as text (plain text pasted into the
            # editor) is a list, as it is in plain text
            marker, depth, rest = typed
            nodes = [rest if n is visible[0] else n for n in nodes]
            text = self._inline_markdown(nodes)
            plain = clean("".join(n.get_text(" ") if isinstance(n, Tag) else str(n) for n in nodes))
            if text:
                self.blocks.append(Block(BlockKind.BULLET, text, plain or text, line, depth, marker))
        elif inside_heading is not None:
            self.blocks.append(Block(BlockKind.HEADING, text, plain, line, level=inside_heading,
                                     link=link))
        elif bold:
            self.blocks.append(Block(BlockKind.HEADING, text, plain, line, level=BOLD_LEVEL, link=link))
        else:
            self.blocks.append(Block(BlockKind.LINE, text, plain, line))

    def _first_link(self, nodes: list[Any]) -> str | None:
        for node in nodes:
            if isinstance(node, Tag):
                anchors = [node] if node.name == "a" else node.find_all("a")
                for anchor in anchors:
                    href = absolute_url(str(anchor.get("href") or ""), self.conv.base_url)
                    if href and href.startswith("http"):
                        return href
        return None

    # blocks ---------------------------------------------------------------------------------
    def walk(self, node: Tag, bare: bool) -> None:
        """Read the children of a block container; ``bare`` text splits into lines at newlines."""
        for child in list(node.children):
            if isinstance(child, _SKIPPED_STRINGS):
                continue
            if isinstance(child, NavigableString):
                text = str(child)
                if bare and "\n" in text:
                    pieces = text.split("\n")
                    for piece in pieces[:-1]:
                        self.line.append(NavigableString(piece))
                        self._flush_line()
                    self.line.append(NavigableString(pieces[-1]))
                else:
                    self.line.append(child)
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name == "br":
                self._flush_line()
            elif name in _INLINE:
                self.line.append(child)
            else:
                self._flush_line()
                self.block(child, name)
        self._flush_line()

    def block(self, tag: Tag, name: str) -> None:
        if name in _HEADINGS:
            # "<h3>Title<br>Jane Doe</h3>": the title is the heading, the lines after it follow it
            parts: list[list[Any]] = [[]]
            for child in tag.children:
                if isinstance(child, Tag) and child.name.lower() == "br":
                    parts.append([])
                else:
                    parts[-1].append(child)
            self.line = parts[0]
            self._flush_line(inside_heading=_HEADINGS[name])
            for part in parts[1:]:
                self.line = part
                self._flush_line()
        elif name == "p":
            # "<p><strong>Title</strong>\nJane Doe</p>", "<p>Ann – topic\nBob – topic</p>": Markdown's
            # soft line breaks, kept in the page's source; read line by line as the Markdown reader
            # reads that paragraph (short lines that nearly all start with a capital are notes)
            source_lines = [line for line in tag.get_text().split("\n") if line.strip()]
            self.walk(tag, bare=lines_of_notes(source_lines))
        elif name in ("ul", "ol"):
            self.list_items(tag, 0)
        elif name == "li":
            self.list_item(tag, 0, "-")
        elif name == "pre":
            code = tag.get_text().strip("\n")
            if code.strip():
                fence = "````" if "```" in code else "```"
                self.blocks.append(Block(BlockKind.RAW, f"{fence}\n{code}\n{fence}", ""))
        elif name == "dt":
            # a definition list of talks: "<dt>Title — Jane Doe</dt>" is a line, as a paragraph
            # is (no heading unless it is bold all through), and each "<dd>" a list item under it
            self.walk(tag, bare=False)
        elif name == "dd":
            self.description(tag)
        elif name in ("blockquote", "table"):
            text = self.conv.convert_soup(tag).strip("\n")
            if text.strip():
                self.blocks.append(Block(BlockKind.RAW, text, ""))
        elif name == "hr":
            return
        else:
            self.walk(tag, bare=True)

    def description(self, tag: Tag) -> None:
        """A ``<dd>``: a list item under its term; with several paragraphs (``<dd><p>…</p><p>…</p></dd>``),
        an item each (a lightning block's description may hold one presenter a paragraph)."""
        paragraphs = [c for c in tag.children if isinstance(c, Tag) and c.name.lower() in ("p", "div")]
        loose = [c for c in tag.children if isinstance(c, NavigableString)
                 and not isinstance(c, _SKIPPED_STRINGS) and str(c).strip()]
        if len(paragraphs) < 2 or loose:
            self.list_item(tag, 0, "-")
            return
        for child in tag.children:
            if isinstance(child, Tag) and child.name.lower() in ("p", "div"):
                self.list_item(child, 0, "-")
            elif isinstance(child, Tag) and child.name.lower() in ("ul", "ol"):
                self.list_items(child, 1)
            elif isinstance(child, Tag):
                self.list_item(child, 0, "-")

    def list_items(self, tag: Tag, depth: int) -> None:
        number = _start(tag)
        for child in tag.children:
            if isinstance(child, Tag) and child.name.lower() == "li":
                marker = f"{number}." if tag.name.lower() == "ol" else "-"
                self.list_item(child, depth, marker)
                number += 1
            elif isinstance(child, Tag) and child.name.lower() in ("ul", "ol"):
                self.list_items(child, depth + 1)

    def list_item(self, item: Tag, depth: int, marker: str) -> None:
        own: list[Any] = []
        nested: list[Tag] = []
        for child in item.children:
            if isinstance(child, Tag) and child.name.lower() in ("ul", "ol"):
                nested.append(child)
            elif not isinstance(child, _SKIPPED_STRINGS):
                own.append(child)
        parts = [escape_inline(str(n)) if isinstance(n, NavigableString)
                 else self.conv.convert_soup(n) for n in own]
        text = escape_line_start(clean(" ".join(parts)))
        plain = clean(" ".join(n.get_text(" ") if isinstance(n, Tag) else str(n) for n in own)) or text
        if text:
            self.blocks.append(Block(BlockKind.BULLET, text, plain, item.sourceline, depth, marker))
            depth += 1
        for sub in nested:
            self.list_items(sub, depth)


_DASHES = frozenset({"–", "—"})


def _typed_bullet(visible: list[Any]) -> tuple[str, int, NavigableString] | None:
    """A line's typed list marker (``• ``, ``- ``, ``◦ ``, ``2. ``), its depth, and the text after it,
    when the line's first text starts with one (as plain text's list items do)."""
    first = visible[0]
    if not isinstance(first, NavigableString):
        return None
    text = str(first).lstrip(" \t\n\r\u00a0")
    found = TYPED_BULLET.match(text)
    if (found is None or (not clean(text[found.end():]) and len(visible) == 1)
            or found.group("glyph") in _DASHES):
        return None  # (a dash before a name on the line under a title is a credit: "— Jane Doe")
    marker = found.group("num") + "." if found.group("num") else "-"
    depth = GLYPH_DEPTH.get(found.group("glyph") or "", 0)
    return marker, depth, NavigableString(text[found.end():])


def _line_of(node: Any) -> int | None:
    """The source line of a node (html.parser records it for tags)."""
    while node is not None:
        line = getattr(node, "sourceline", None)
        if isinstance(line, int):
            return line
        node = node.parent
    return None


def _start(tag: Tag) -> int:
    try:
        return max(0, min(int(str(tag.get("start") or 1)), 10**6))
    except ValueError:
        return 1


def content_root(soup: BeautifulSoup) -> Tag:
    """The part of a saved page that holds the post (not its navigation, header or comments)."""
    for selector in _CONTENT:
        found = soup.select_one(selector)
        if isinstance(found, Tag):
            return found
    return soup


#: Elements nested deeper than this are unwrapped (their text kept): the readers here and
#: markdownify recurse once per level, and ~400 nested <b> exhausted Python's stack (issue 18).
MAX_NESTING = 60


def flatten_deep(soup: BeautifulSoup, limit: int = MAX_NESTING) -> int:
    """Flatten what is nested more than ``limit`` levels deep; return how many elements went.

    Walks the tree with an explicit stack, so any depth is fine. An element at the limit keeps its
    text in document order (a line break after each block element and ``<br>``), so nothing the
    author wrote is lost, only the formatting inside it. (bs4's ``unwrap`` is linear in the depth
    per call, so unwrapping thousands of levels one by one would be quadratic.)
    """
    boundary: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        children = [child for child in node.contents if isinstance(child, Tag)]
        if depth == limit and children:
            boundary.append(node)
            continue
        stack.extend((child, depth + 1) for child in children)
    dropped = 0
    for tag in boundary:
        leaves: list[str] = []
        walk: list[Any] = list(reversed(tag.contents))
        while walk:
            item = walk.pop()
            if isinstance(item, str) and not isinstance(item, Tag):
                if not isinstance(item, _SKIPPED_STRINGS):
                    leaves.append(str(item))
            elif isinstance(item, Tag):
                dropped += 1
                if item.name.lower() == "br":
                    leaves.append("\n")
                    continue
                if item.name.lower() not in _INLINE:
                    walk.append("\n")
                walk.extend(reversed(item.contents))
        tag.clear()
        tag.append(NavigableString("".join(leaves)))
    _unwrap_repeated_formatting(soup)
    return dropped


_SAME_FORMAT = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic"}


def _unwrap_repeated_formatting(soup: BeautifulSoup) -> None:
    """``<b><b>x</b></b>`` is just bold: inner repeats would become ``****x****`` in Markdown."""
    repeated: list[Tag] = []
    stack: list[tuple[Tag, frozenset[str]]] = [(soup, frozenset())]
    while stack:
        node, active = stack.pop()
        for child in node.contents:
            if isinstance(child, Tag):
                name = child.name.lower()
                kind = _SAME_FORMAT.get(name, name if name in _INLINE else "")
                if kind and kind in active:
                    repeated.append(child)
                stack.append((child, active | {kind} if kind else active))
    for tag in reversed(repeated):
        tag.unwrap()


def html_blocks(html: str, base_url: str | None = None, notes: list[str] | None = None) -> list[Block]:
    """The blocks of an HTML document or fragment; what the reader changed goes to ``notes``."""
    soup = BeautifulSoup(html, "html.parser")
    flattened = flatten_deep(soup)
    if flattened and notes is not None:
        notes.append(f"HTML nested more than {MAX_NESTING} levels deep: {flattened} inner element(s) "
                     "were flattened (their text is kept, some formatting is not)")
    for tag in soup.find_all(_DROP):
        tag.decompose()
    _name_journal_users(soup)
    for tag in soup.select(FURNITURE):
        if not tag.decomposed and tag.select_one(_POST) is None:
            tag.decompose()  # (never what holds the post: a theme may wrap everything in "#header")
    reader = _Reader(base_url)
    reader.walk(content_root(soup), bare=True)
    return reader.blocks


def _name_journal_users(soup: BeautifulSoup) -> None:
    """LiveJournal's ``<lj user="kerryoz">`` (``<lj comm="…">``) and Dreamwidth's ``<user name="…">``,
    which the journal shows as the user's name, are that name in the line (``Lunch with kerryoz and
    Dave``). The tags have no end tag, so the parser nests the rest of the post in them: unwrapped."""
    for tag in soup.find_all(["lj", "user"]):
        name = tag.get("user") or tag.get("comm") if tag.name.lower() == "lj" else tag.get("name")
        if isinstance(name, str) and name.strip():
            tag.insert_before(NavigableString(name.strip()))
            tag.unwrap()


#: Where a saved blog page names the post, outside its content (WordPress, Blogger, Jekyll themes).
_POST_TITLE = (".entry-title", ".post-title", "article h1")
#: `` | Blog name`` after a page's <title>.
_SITE_SUFFIX = re.compile(r"\s+(?:[|«»·]|::)\s+[^|«»·]*$")


def post_title(head: str) -> str | None:
    """The post's title on a saved page: its ``.entry-title`` heading, else its ``<title>``
    without the blog's name (``Day 2 | A Blog``); None for a fragment without either."""
    soup = BeautifulSoup(head, "html.parser")
    for selector in _POST_TITLE:
        found = soup.select_one(selector)
        if isinstance(found, Tag) and clean(found.get_text(" ")):
            return clean(found.get_text(" "))
    title = soup.find("title")
    text = clean(title.get_text(" ")) if isinstance(title, Tag) else ""
    return _SITE_SUFFIX.sub("", text) or None


def parse_html(text: str, source: str, stem: str = "") -> SourceDoc:
    """Read an HTML page or fragment into blocks; a saved page's post title with a year names the
    event and session as a WordPress post's does (unless the command line names them)."""
    soup_base = BeautifulSoup(text[:20000], "html.parser").find("base")
    base = str(soup_base.get("href")) if isinstance(soup_base, Tag) and soup_base.get("href") else None
    notes: list[str] = []
    doc = SourceDoc(source=source, blocks=html_blocks(text, base, notes), flat=False, stem=stem,
                    notes=notes)
    title = post_title(text)
    if title and not any(b.plain == title for b in doc.blocks[:2]):  # not a heading of the content
        doc.title = title
        doc.event_name, doc.session = event_of_post(title)
    return doc
