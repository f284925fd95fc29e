"""Finding markup in a note that the site removes because it could run script or restyle the page.

The sanitiser (:mod:`.sanitize`) is what keeps readers safe: it removes this markup from every
page whatever happens here. This module exists so that reviewers *see* it: ``hallway check`` and the
build report each ``<script>``, ``on…=`` attribute, ``javascript:`` address, ``<iframe>``, ``<style>``
and the like as an error with the file and line, instead of the site dropping it silently (which
would hide an attack in a pull request, and surprise an honest author whose embed vanished).

Detection works on the *rendered* HTML, so it sees exactly what Markdown produces (raw HTML,
``{onclick=…}`` attributes from attr_list, ``[x](javascript:…)`` links, entity-obfuscated
addresses) and ignores code blocks, which Markdown escapes. Rendered HTML has no line numbers, so
each finding is located by searching the note's source for what produced it.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib.util import find_spec
from typing import Any
from urllib.parse import urlsplit

import markdown

from ..kb.bodylimits import body_problems
from ..kb.model import KnowledgeBase
from ..markup.sanitize import loads_from_another_host
from ..problems import Problem

#: Elements that run script, load other documents, submit data or restyle the page.
DANGEROUS_TAGS = {
    "script": "show code in a ``` fenced block instead",
    "noscript": "delete it",
    "template": "delete it",
    "style": "use Markdown formatting; a note cannot change the site's look",
    "link": "delete it",
    "meta": "delete it",
    "base": "delete it",
    "iframe": "put the address in links: (e.g. video: https://…) instead of embedding it",
    "frame": "put the address in links: instead of embedding it",
    "frameset": "put the address in links: instead of embedding it",
    "object": "put the address in links: instead of embedding it",
    "embed": "put the address in links: instead of embedding it",
    "applet": "delete it",
    "portal": "delete it",
    "form": "delete it; notes cannot hold forms",
    "button": "delete it; notes cannot hold forms",
    "textarea": "delete it; notes cannot hold forms",
    "select": "delete it; notes cannot hold forms",
    "svg": "link to an image file instead: [description](https://…/picture.svg)",
    "math": "write the formula as text or an image",
}
#: Attributes holding an address; only these schemes (and relative addresses) are kept.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite",
                  "longdesc", "xlink:href", "srcset", "ping", "lowsrc", "dynsrc", "codebase"}
SAFE_SCHEMES = {"http", "https", "mailto"}
#: Extensions used to render a body for ``hallway check`` (the site's own list is used in the build).
CHECK_EXTENSIONS = ["attr_list", "def_list", "tables", "admonition", "footnotes", "toc"]
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
#: How a character can hide in a URL written in HTML: itself, or a numeric character reference.
_NOISE_SOURCE = r"(?:[\t\n\r ]|&#0*(?:9|10|13);?|&#x0*(?:9|a|d);?|&(?:tab|newline);)*"


#: The style Python-Markdown's tables extension gives an aligned column (``|:--|``): the note's
#: author wrote no style, so it is not reported (the sanitiser still removes it).
_TABLE_ALIGN = {f"text-align: {side};" for side in ("left", "right", "center")}
#: A URL attribute as Python-Markdown writes it (always double quotes, text escaped).
_MARKDOWN_URL = re.compile(r'\s(?:href|src)="([^"]*)"')
_MARKDOWN_SRC = re.compile(r'\ssrc="([^"]*)"')


@dataclass(frozen=True)
class _Finding:
    message: str
    fix: str
    needle: re.Pattern[str]


def _obfuscated(word: str) -> re.Pattern[str]:
    """A pattern for ``word`` as it may be written in a note: letters as entities, tabs between."""
    parts = [f"(?:{re.escape(ch)}|&#0*{ord(ch)};?|&#x0*{ord(ch):x};?)" for ch in word]
    return re.compile(_NOISE_SOURCE.join(parts), re.IGNORECASE)


def unsafe_scheme(value: str) -> str | None:
    """The scheme of an address (entities already decoded) other than http(s)/mailto, else None."""
    cleaned = _URL_NOISE.sub("", value)
    match = _SCHEME.match(cleaned)
    if match is None or match.group(1).lower() in SAFE_SCHEMES:
        return None
    return match.group(1).lower()


class _Scanner(HTMLParser):
    """Collects dangerous elements, attributes and addresses from rendered HTML, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[_Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DANGEROUS_TAGS:
            self.found.append(_Finding(f"<{tag}> is not allowed in notes; the site removes it",
                                       DANGEROUS_TAGS[tag], re.compile(rf"<\s*{tag}\b", re.I)))
        elif tag == "input" and (dict(attrs).get("type") or "").lower() != "checkbox":
            self.found.append(_Finding("<input> is not allowed in notes; the site removes it",
                                       "delete it; notes cannot hold forms",
                                       re.compile(r"<\s*input\b", re.I)))
        src = dict(attrs).get("src") if tag == "img" else None
        if src and unsafe_scheme(src) is None and loads_from_another_host(src):
            host = urlsplit(src.strip()).netloc or src.strip()
            self.found.append(_Finding(
                f"an image from another site ({host}) is not allowed in notes; the site removes it",
                "link to it instead: [description](https://…) (an image from another site would "
                "let that site see who reads the page)", re.compile(re.escape(host), re.I)))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(_Finding(
                    f"the event-handler attribute '{name}' is not allowed in notes; the site removes it",
                    "delete the attribute", re.compile(rf"\b{re.escape(name)}\s*=", re.I)))
            elif name == "style" and not (tag in ("th", "td") and value in _TABLE_ALIGN):
                self.found.append(_Finding(
                    "a style attribute is not allowed in notes; the site removes it",
                    "delete it; use Markdown formatting", re.compile(r"\bstyle\s*=", re.I)))
            elif name in URL_ATTRIBUTES and value:
                scheme = unsafe_scheme(value)
                if scheme is not None:
                    self.found.append(_Finding(
                        f"a {scheme}: address is not allowed in notes; the site removes it",
                        "link only to http(s) or mailto addresses, or to other notes",
                        _obfuscated(scheme + ":")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


def _mask_code(body: str) -> str:
    """``body`` with fenced code blocks and code spans blanked out (line breaks kept), so that a
    finding is not located in code, which Markdown shows as text."""
    out: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened is not None:
            fence = opened.group(1)
            out.append("")
        elif fence is not None:
            stripped = line.strip(" \t>")
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            out.append("")
        else:
            out.append(_CODE_SPAN.sub(lambda m: " " * len(m.group()), line))
    return "\n".join(out)


def _only_markdown_markup(rendered: str, body: str) -> bool:
    """True when ``rendered`` cannot hold anything to report: the body has no raw HTML (``<``) and
    no attribute lists (``{``), so every tag and attribute is one Markdown writes itself, and every
    link and image address is safe.

    Performance (issue 7): parsing every page's HTML in Python was ~1 s at 5,000 talks, and almost
    no note has raw HTML. A note that has some still gets the full parse below.
    """
    if "<" in body or "{" in body:
        return False
    return all(unsafe_scheme(html.unescape(url)) is None for url in _MARKDOWN_URL.findall(rendered)) \
        and all(not loads_from_another_host(html.unescape(url)) for url in _MARKDOWN_SRC.findall(rendered))


def find_in_html(path: str, rendered: str, body: str, body_line: int) -> list[Problem]:
    """Problems for the dangerous markup in ``rendered`` (a body's HTML), located in ``body``."""
    if _only_markdown_markup(rendered, body):
        return []
    return scan_html(path, rendered, body, body_line)


def scan_html(path: str, rendered: str, body: str, body_line: int) -> list[Problem]:
    """:func:`find_in_html` without the shortcut: always parses ``rendered``."""
    scanner = _Scanner()
    scanner.feed(rendered)
    scanner.close()
    if scanner.found:
        body = _mask_code(body)
    # Linear in the findings (issue 18: 20,000 lines of on…= took 39 s): each needle is searched
    # onward from where it last matched, never again from the start; lines come from a bisection.
    breaks = [index for index, char in enumerate(body) if char == "\n"] if scanner.found else []
    problems: dict[Problem, None] = {}
    cursors: dict[str, int] = {}
    first_line: dict[str, int] = {}
    for finding in scanner.found:
        key = finding.needle.pattern
        start = cursors.get(key, 0)
        match = finding.needle.search(body, start) if start <= len(body) else None
        if match is None:  # exhausted: this and later findings go to its first occurrence
            cursors[key] = len(body) + 1
            if key not in first_line:
                first = finding.needle.search(body)
                first_line[key] = body_line + bisect_left(breaks, first.start()) if first else body_line
            line = first_line[key]
        else:
            cursors[key] = max(match.end(), match.start() + 1)
            line = body_line + bisect_left(breaks, match.start())
        problems.setdefault(Problem(path, line, "body", finding.message, finding.fix))
    return sorted(problems, key=lambda p: p.line or 0)


def render_for_check(body: str) -> str:
    """A body rendered to HTML the way the site does, closely enough to find dangerous markup."""
    extensions: list[Any] = list(CHECK_EXTENSIONS)
    # pymdown-extensions comes with Material; its fences also work inside lists.
    extensions.append("pymdownx.superfences" if find_spec("pymdownx") else "fenced_code")
    return markdown.markdown(body, extensions=extensions)


def find_in_body(path: str, body: str, body_line: int) -> list[Problem]:
    """Problems for the dangerous markup in one note or entity body (Markdown source)."""
    if "<" not in body and "{" not in body and ":" not in body:
        return []
    if body_problems(path, body, body_line):
        return []  # too costly to render; the loader reports it
    return find_in_html(path, render_for_check(body), body, body_line)


def bodies(kb: KnowledgeBase) -> dict[str, tuple[str, int]]:
    """What each page is rendered from, by its file: its Markdown body and the line the body starts on."""
    found = file_bodies(kb)
    for note in kb.notes.values():
        if note.notes:
            # A talk's page shows everyone's notes (issue 14): its markup is looked for in all of
            # them (a find in a note file is reported at the talk; `hallway check` names the file).
            found[note.path] = ("\n\n".join([note.body, *(t.body for t in note.notes)]), note.body_line)
    return found


def file_bodies(kb: KnowledgeBase) -> dict[str, tuple[str, int]]:
    """Each file of the knowledge base (notes on talks too) -> its Markdown body and first line."""
    found = {note.path: (note.body, note.body_line) for note in kb.notes.values()}
    found.update({t.path: (t.body, t.body_line) for note in kb.notes.values() for t in note.notes})
    found.update({entity.path: (entity.description, entity.body_line)
                  for entity in kb.all_entities() if entity.path is not None})
    return found


def find_in_kb(kb: KnowledgeBase) -> list[Problem]:
    """Dangerous markup in every note and entity file of a loaded knowledge base."""
    problems: list[Problem] = []
    for path, (body, line) in sorted(file_bodies(kb).items()):
        problems += find_in_body(path, body, line)
    return problems
