r"""Refusing note bodies that would make Markdown take minutes (or hours) to render.

Python-Markdown's inline processing is quadratic in the markup of one paragraph (each match
rebuilds the paragraph's text; upstream issue Python-Markdown/markdown#798, open), and an
unfinished HTML tag (``<div`` with no ``>``) makes it rescan the rest of the document. So a
contributed note of ``[[[[…`` or ``<div <div <div …`` would stall every build. Each inline match
counts: markup characters, backslash escapes (``\*``) and hard line breaks (a line ending in two
spaces) alike (issue 18). Raw HTML tags are counted too: each is stashed, parsed and then scanned
for unsafe markup. What no count can bound (a Pygments lexer that backtracks on a long run of
spaces) is caught by :mod:`.renderbudget`, which renders risky notes under a time limit. Ordinary notes,
even 5 MB ones, are far below these limits; the limits only stop such files, with a message
that names the line. Written by hand because no library measures this: it is a property of the
renderer we use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..problems import Problem

#: Budget of quadratic work: the sum over paragraphs of (markup characters in it)². A paragraph
#: with 4,000 '[' costs about 2 s to render; ordinary paragraphs have a few dozen.
MAX_MARKUP_COST = 20_000_000
#: '<' + letter with no '>' after it on its line, over the whole note (each rescans the rest).
MAX_UNFINISHED_TAGS = 2_000
#: Raw HTML tags outside code in one note (a long HTML table has a few hundred).
MAX_HTML_TAGS = 5_000
#: Blockquote ('>') and list-indentation levels (4 columns each) a line may be nested: Python-Markdown
#: recurses once per level (600 nested list levels overflow the stack) and rescans each level's
#: lines (800 lines of ever deeper '>' take 15 s). Ordinary notes nest a handful of levels.
MAX_NESTING = 32
#: Definition-list lines (``: text``) in a note: def_list re-reads the whole list for each one
#: (cubic: 2,000 take 4.5 s, 4,000 take 36 s). A long glossary has a few dozen.
MAX_DEFINITIONS = 500
_DEFINITION = re.compile(r"^ {0,3}:[ \t]", re.MULTILINE)
#: Headings in a note: the toc extension's work grows with the square of their number (10,000
#: headings take 30 s, 2,000 setext headings 2.4 s). A long note has a few dozen.
MAX_HEADINGS = 500
_HEADING = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
#: Lines opening or closing fenced code (superfences is superlinear in them: 20,000 take minutes).
MAX_FENCE_LINES = 1_000
_FENCE_LINE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})", re.MULTILINE)
_DEEP_PREFIX = re.compile(rf"^[ \t>]{{{MAX_NESTING},}}", re.MULTILINE)
#: What one inline match starts with: markup characters and backslash escapes.
MARKUP_CHARS = "[<*_`&!\\"
_MARKUP = re.compile(r"(?<!\\)[\[<*_`&!\\]")
_HARD_BREAK = "  \n"
_UNIT_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||#|>)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_TAG_START = re.compile(r"<[A-Za-z!?/]")


def _outside_fences(body: str) -> Iterator[tuple[int, str]]:
    """``(line index, line)`` of every line outside fenced code; fence lines are left out too."""
    fence: str | None = None
    for index, line in enumerate(body.split("\n")):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened is not None and opened.group(1).startswith(fence):
                fence = None
            continue
        if opened is not None:
            fence = opened.group(1)[:3]
            continue
        yield index, line


def _units(body: str) -> list[tuple[int, int]]:
    """``(line index, markup count)`` for each paragraph, list item, table row or heading."""
    units: list[tuple[int, int]] = []
    for index, line in _outside_fences(body):
        if not line.strip():
            units.append((index, 0))
            continue
        count = len(_MARKUP.findall(line)) + line.endswith("  ")
        if units and units[-1][1] and not _UNIT_START.match(line):
            start, total = units[-1]
            units[-1] = (start, total + count)
        else:
            units.append((index, count))
    return units


def body_problems(path: str, body: str, body_line: int, markup: int | None = None) -> list[Problem]:
    """Problems for a body too costly to render (empty for every ordinary note); ``markup`` is
    :func:`markup_count` of it, if known."""
    # Performance (issue 7): measuring every line was ~0.4 s at 5,000 talks. Neither limit can be
    # reached by a body with few markup characters in all: the sum of each paragraph's count squared
    # is at most the square of the whole body's count, and unfinished tags are at most its '<'.
    markup = markup_count(body) if markup is None else markup
    nesting = _nesting(path, body, body_line) if _DEEP_PREFIX.search(body) else []
    if body.count(":") > MAX_DEFINITIONS:
        nesting += _definitions(path, body, body_line)
    if body.count("\n#") + body.count("=\n") + body.count("-\n") + 1 > MAX_HEADINGS:
        nesting += _too_many(path, body, body_line, _HEADING, MAX_HEADINGS, "headings")
    if body.count("```") + body.count("~~~") > MAX_FENCE_LINES:
        nesting += _too_many(path, body, body_line, _FENCE_LINE, MAX_FENCE_LINES, "code fences (```)")
    if markup * markup <= MAX_MARKUP_COST and body.count("<") <= min(MAX_UNFINISHED_TAGS, MAX_HTML_TAGS):
        return nesting
    problems: list[Problem] = nesting
    units = _units(body)
    cost = sum(count * count for _, count in units)
    if cost > MAX_MARKUP_COST:
        worst_line, worst = max(units, key=lambda unit: unit[1])
        problems.append(Problem(
            path, body_line + worst_line, "body",
            "too much markup packed into paragraphs for Markdown to render in reasonable time "
            f"(the paragraph here has {worst} of the characters [ < * _ ` & ! \\ and line breaks)",
            "split long paragraphs with blank lines, or put the text in a ``` code block"))
    problems += _html_tags(path, body, body_line)
    first, total = 0, 0
    for index, line in enumerate(body.split("\n")):
        if "<" in line:
            count = len(_TAG_START.findall(line.rsplit(">", 1)[-1]))
            if count and not total:
                first = index
            total += count
    if total > MAX_UNFINISHED_TAGS:
        problems.append(Problem(
            path, body_line + first, "body",
            f"{total} unfinished HTML tags ('<' with no '>' after it on its line), too many for "
            "Markdown to render in reasonable time",
            "finish the tags with '>' or write '<' as &lt;"))
    return problems


def markup_count(body: str) -> int:
    """An upper bound of the inline matches in a whole body (for the quick way out)."""
    return sum(body.count(ch) for ch in MARKUP_CHARS) + body.count(_HARD_BREAK) + body.endswith("  ")


_TAG = re.compile(r"<[A-Za-z]")


def html_tags(body: str) -> tuple[int, int]:
    """``(line index of the first, count)`` of raw HTML start tags outside fenced code."""
    if len(_TAG.findall(body)) == 0:
        return 0, 0
    first, total = None, 0
    for index, line in _outside_fences(body):
        count = len(_TAG.findall(line))
        if count and first is None:
            first = index
        total += count
    return first or 0, total


def _html_tags(path: str, body: str, body_line: int) -> list[Problem]:
    if len(_TAG.findall(body)) <= MAX_HTML_TAGS:
        return []
    first, total = html_tags(body)
    if total <= MAX_HTML_TAGS:
        return []
    return [Problem(path, body_line + first, "body",
                    f"{total} raw HTML tags, too many for Markdown to render in reasonable time "
                    f"(a note may hold {MAX_HTML_TAGS:,})",
                    "write the content as Markdown (lists, tables), or split the note")]


def markup_cost(body: str) -> int:
    """The quadratic work estimate :data:`MAX_MARKUP_COST` bounds: sum of (inline matches per paragraph)²."""
    return sum(count * count for _, count in _units(body))


def _nesting(path: str, body: str, body_line: int) -> list[Problem]:
    """A problem for the first line (outside fenced code) nested more than :data:`MAX_NESTING` deep."""
    for index, line in _outside_fences(body):
        prefix = _DEEP_PREFIX.match(line)
        if prefix is None:
            continue
        text = prefix.group()
        depth = text.count(">") + len(text.replace(">", "").expandtabs(4)) // 4
        if depth > MAX_NESTING:
            return [Problem(path, body_line + index, "body",
                            f"nested {depth} levels deep (quotes '>' and indented lists), too deep for "
                            f"Markdown to render in reasonable time (at most {MAX_NESTING})",
                            "flatten the nesting: fewer '>' and less indentation")]
    return []


def _definitions(path: str, body: str, body_line: int) -> list[Problem]:
    found = list(_DEFINITION.finditer(body))
    if len(found) <= MAX_DEFINITIONS:
        return []
    return [Problem(path, body_line + body.count("\n", 0, found[0].start()), "body",
                    f"{len(found)} definition-list lines (': …'), too many for Markdown to render in "
                    f"reasonable time (at most {MAX_DEFINITIONS:,})",
                    "write them as a list or a table, or split the note")]


def _too_many(path: str, body: str, body_line: int, pattern: re.Pattern[str], limit: int,
              what: str) -> list[Problem]:
    found = list(pattern.finditer(body))
    if len(found) <= limit:
        return []
    return [Problem(path, body_line + body.count("\n", 0, found[0].start()), "body",
                    f"{len(found)} {what}, too many for Markdown to render in reasonable time "
                    f"(at most {limit:,})", "split the note")]
