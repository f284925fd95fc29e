"""Reading a note's Markdown for mentions of entities and for ``[[wikilinks]]``.

Mentions found here become relations ("Also mentioned in", co-occurrence, related talks) before any
page is rendered, so every entity page can list them. Only prose counts: fenced and indented code,
inline code, headings, existing links, HTML tags and their attributes, and URLs are masked out.
The same :class:`~hallway.core.link.matcher.Matcher` later links the rendered HTML, so both agree.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..problems import Problem
from .matcher import Matcher, Target

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_MASKS = re.compile(
    r"(`+)[^`]*?\1"                      # inline code
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"        # inline links and images
    r"|!?\[[^\]\n]*\]\[[^\]\n]*\]"       # reference links
    r"|<[^>\n]*>"                        # HTML tags and autolinks, with their attributes
    r"|\b(?:https?://|www\.)\S+"         # bare URLs
    r"|\{[:#.][^}\n]*\}"                 # attribute lists
)
_INLINE_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_TAG_TEXT = re.compile(r"<[^>\n]*>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
CONTEXT_CHARS = 240


@dataclass(frozen=True)
class Mention:
    """One mention of a target in a note: where, and the bullet or sentence around it."""

    target: Target
    line: int
    context: str
    explicit: bool = False
    surface: str = ""
    """The text as written in the note (for spelling suggestions)."""


@dataclass
class ScanResult:
    mentions: list[Mention] = field(default_factory=list)
    markdown: str = ""
    problems: list[Problem] = field(default_factory=list)


#: A line without any of these has nothing for :data:`_MASKS` to blank out.
_MASK_HINTS = ("`", "[", "<", "{", "http", "www.")


def _mask(text: str) -> str:
    # Performance (issue 7): most prose lines hold no code, link, tag or URL, and running the
    # masking expression over each line was ~40% of scanning. A substring test rules them out.
    if not any(hint in text for hint in _MASK_HINTS):
        return text
    return _MASKS.sub(lambda m: " " * len(m.group(0)), text)


def _readable(line: str) -> str:
    """The line as a reader would say it: no list marker, links reduced to their text."""
    text = _LIST_ITEM.sub("", line, count=1).strip()
    if "[[" in text:
        text = WIKILINK.sub(lambda m: m.group(2) or m.group(1), text)
    if "](" in text:
        text = _INLINE_LINK.sub(r"\1", text)
    if "<" in text:
        text = _TAG_TEXT.sub("", text)
    return " ".join(text.replace("`", "").split())


def _sentences(readable: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, sentence)`` of each sentence, as positions counted by :meth:`_LineContext.at`."""
    found = []
    start = 0
    for sentence in _SENTENCE_END.split(readable):
        end = start + len(sentence)
        found.append((start, end, sentence))
        start = end + 1
    return tuple(found)


class _LineContext:
    """The context a mention on one line is shown with: the line, or the sentence holding it.

    Performance (issue 7): a paragraph is one line holding many mentions, and each mention asked for
    the same line's readable text and sentences again (~70% of linking at 5,000 talks); each line
    works them out once, for all its mentions.
    """

    def __init__(self, line: str) -> None:
        self.line = line
        self._readable: str | None = None
        self._sentences: tuple[tuple[int, int, str], ...] | None = None

    def at(self, column: int) -> str:
        if self._readable is None:
            self._readable = _readable(self.line)
        readable = self._readable
        if len(readable) <= CONTEXT_CHARS:
            return readable
        # A long paragraph: keep the sentence holding the mention.
        if self._sentences is None:
            self._sentences = _sentences(readable)
        offset = max(0, column - (len(self.line) - len(self.line.lstrip())))
        for start, end, sentence in self._sentences:
            if start <= offset <= end + 1:
                return sentence if len(sentence) <= CONTEXT_CHARS else sentence[: CONTEXT_CHARS - 1] + "…"
        return readable[: CONTEXT_CHARS - 1] + "…"


def prose_lines(markdown: str) -> list[tuple[int, str]]:
    """``(index, line)`` of every line of prose: not code, not a heading, not a link definition."""
    lines = markdown.split("\n")
    result: list[tuple[int, str]] = []
    fence: str | None = None
    in_indented_code = False
    previous_blank = True
    in_list = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)[0] * len(opened.group(1))
            continue
        indented = line.startswith(("    ", "\t"))
        if in_indented_code and (indented or not stripped):
            continue
        in_indented_code = indented and previous_blank and not in_list and bool(stripped)
        if in_indented_code:
            continue
        if not stripped:
            previous_blank = True
            continue
        in_list = bool(_LIST_ITEM.match(line)) or (in_list and (indented or not previous_blank))
        previous_blank = False
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if _HEADING.match(line) or _REFDEF.match(line) or (_SETEXT.match(next_line) and not in_list):
            continue
        result.append((index, line))
    return result


def scan(markdown: str, path: str, first_line: int, matcher: Matcher,
         resolve: Callable[[str], Target | None], link_for: Callable[[Target], str],
         suggest: Callable[[str], str]) -> ScanResult:
    """Find mentions and wikilinks in a note body; return the body with wikilinks made into links."""
    result = ScanResult()
    lines = markdown.split("\n")
    for index, line in prose_lines(markdown):
        line_no = first_line + index
        context = _LineContext(line)
        if "[[" in line:
            def replace(m: re.Match[str], line_no: int = line_no,
                        context: _LineContext = context) -> str:
                name, shown = m.group(1).strip(), (m.group(2) or m.group(1)).strip()
                target = resolve(name)
                if target is None:
                    hint = suggest(name)
                    result.problems.append(Problem(
                        path, line_no, "link", f"unknown link target '[[{name}]]'",
                        hint or "link to an existing speaker, event, project, topic or talk"))
                    return m.group(0)
                result.mentions.append(Mention(target, line_no, context.at(m.start()), True))
                return f"[{shown}]({link_for(target)})"

            line = WIKILINK.sub(replace, line)
            lines[index] = line
            context = _LineContext(line)
        masked = _mask(line)
        for match in matcher.find(masked):
            result.mentions.append(Mention(match.target, line_no, context.at(match.start),
                                           surface=line[match.start:match.end]))
    result.markdown = "\n".join(lines)
    return result


def relative_src(from_src: str, to_src: str) -> str:
    """A Markdown link from one source file to another (MkDocs turns it into the page URL)."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
