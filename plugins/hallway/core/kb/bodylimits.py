"""Refusing note bodies that would make Markdown take minutes (or hours) to render.

Python-Markdown's inline processing is quadratic in the markup of one paragraph (each match
rebuilds the paragraph's text; upstream issue Python-Markdown/markdown#798, open), and an
unfinished HTML tag (``<div`` with no ``>``) makes it rescan the rest of the document. So a
contributed note of ``[[[[…`` or ``<div <div <div …`` would stall every build. Ordinary notes,
even 5 MB ones, are far below these limits; the limits only stop such files, with a message
that names the line. Written by hand because no library measures this: it is a property of the
renderer we use.
"""

from __future__ import annotations

import re

from ..problems import Problem

#: Budget of quadratic work: the sum over paragraphs of (markup characters in it)². A paragraph
#: with 4,000 '[' costs about 2 s to render; ordinary paragraphs have a few dozen.
MAX_MARKUP_COST = 20_000_000
#: '<' + letter with no '>' after it on its line, over the whole note (each rescans the rest).
MAX_UNFINISHED_TAGS = 2_000
_MARKUP = re.compile(r"(?<!\\)[\[<*_`&!]")
_UNIT_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||#|>)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_TAG_START = re.compile(r"<[A-Za-z!?/]")


def _units(body: str) -> list[tuple[int, int]]:
    """``(line index, markup count)`` for each paragraph, list item, table row or heading."""
    units: list[tuple[int, int]] = []
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
        if not line.strip():
            units.append((index, 0))
            continue
        count = len(_MARKUP.findall(line))
        if units and units[-1][1] and not _UNIT_START.match(line):
            start, total = units[-1]
            units[-1] = (start, total + count)
        else:
            units.append((index, count))
    return units


def body_problems(path: str, body: str, body_line: int) -> list[Problem]:
    """Problems for a body too costly to render (empty for every ordinary note)."""
    # Performance (issue 7): measuring every line was ~0.4 s at 5,000 talks. Neither limit can be
    # reached by a body with few markup characters in all: the sum of each paragraph's count squared
    # is at most the square of the whole body's count, and unfinished tags are at most its '<'.
    markup = sum(body.count(ch) for ch in "[<*_`&!")
    if markup * markup <= MAX_MARKUP_COST and body.count("<") <= MAX_UNFINISHED_TAGS:
        return []
    problems: list[Problem] = []
    units = _units(body)
    cost = sum(count * count for _, count in units)
    if cost > MAX_MARKUP_COST:
        worst_line, worst = max(units, key=lambda unit: unit[1])
        problems.append(Problem(
            path, body_line + worst_line, "body",
            "too much markup packed into paragraphs for Markdown to render in reasonable time "
            f"(the paragraph here has {worst} of the characters [ < * _ ` & !)",
            "split long paragraphs with blank lines, escape the characters (\\[), "
            "or put the text in a ``` code block"))
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
