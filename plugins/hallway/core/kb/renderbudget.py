"""The backstop behind the body limits: a risky note is rendered under a time limit first.

The limits in :mod:`.bodylimits` count what Python-Markdown does, but no count bounds Pygments: a
lexer whose regular expressions backtrack (``systemd`` is cubic in a run of spaces, ``autoit`` and
``fan`` quadratic in a line) turns a 2.6 KB code block into a minute of highlighting, and there are
hundreds of lexers (issue 18). So every note that could be slow is *tried*: its highlighted code
blocks are lexed, or, when its Markdown estimate is high, the whole body is rendered with the site's
extensions, and a note that takes longer than :data:`BUDGET_SECONDS` is refused with a message
naming the line. Notes without a language-tagged code block and with a low estimate (nearly all)
are not tried at all.

The loader runs this, so ``hallway check``, the build, ``hallway serve`` and ``hallway search``
refuse the same notes with the same message. The limit is a timer signal in the main thread (no
process to start; Python's regular expression engine checks for signals, so even a backtracking
match stops on time); elsewhere the trial runs in a forked child that is killed when time is up.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from types import FrameType

import markdown
from pygments import lex
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from ..problems import Problem
from .bodylimits import (
    MAX_HTML_TAGS,
    MAX_MARKUP_COST,
    MAX_UNFINISHED_TAGS,
    body_problems,
    html_tags,
    markup_cost,
    markup_count,
)

#: Longest a note may take to render (an ordinary note takes a few milliseconds; a refused one,
#: minutes), plus :data:`SECONDS_PER_BYTE` for each byte tried: rendering is linear in size for
#: honest notes (a 5 MB note is fine), so the bound is linear in size too.
BUDGET_SECONDS = 1.0
SECONDS_PER_BYTE = 1 / 100_000
#: The site's Markdown extensions (mkdocs.yml; tests/test_hardening_budget.py keeps them in step).
SITE_EXTENSIONS = ["toc", "admonition", "attr_list", "def_list", "tables", "pymdownx.superfences",
                   "pymdownx.highlight", "pymdownx.tasklist"]
#: A fraction of a limit above which the whole note is tried (far above any ordinary note).
TRY_FRACTION = 16
#: Quadratic work per byte of body above which the whole note is tried (a 5 MB note of ordinary
#: paragraphs has ~1; 1,000 markup characters in one paragraph of 5 KB, 200).
TRY_COST_PER_BYTE = 100
#: A note with less highlighted code than this (all its blocks together) is not tried: the slowest
#: lexers measured are cubic at worst, and ``systemd``, the slowest, takes ~1 s for 417 characters,
#: so ~30 ms for 128. Trying costs what highlighting costs (Pygments lexes the code once more):
#: ~2-10 ms for a 600-character block, and nothing for notes without such code.
MIN_TRIED_CODE = 128
#: Language names Pygments does not lex (shown as plain text).
_PLAIN = {"", "text", "txt", "plain", "plaintext", "none", "nohighlight"}
_OPEN = re.compile(r"^(?P<prefix>[ \t]*(?:>[ \t]*)*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
_BRACED_LANG = re.compile(r"\.([\w+#.-]+)")


class _OverBudget(Exception):
    """The timer went off."""


def _language(info: str) -> str:
    info = info.strip()
    if info.startswith("{"):
        found = _BRACED_LANG.search(info)
        return found.group(1).lower() if found else ""
    return info.split(None, 1)[0].lower() if info else ""


def code_blocks(body: str) -> list[tuple[int, str, str]]:
    """``(line index, language, code)`` of each fenced code block that names a language."""
    blocks: list[tuple[int, str, str]] = []
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        opened = _OPEN.match(lines[index])
        if opened is None:
            index += 1
            continue
        fence, prefix = opened.group("fence"), len(opened.group("prefix"))
        start, index = index, index + 1
        inner: list[str] = []
        while index < len(lines):
            line = lines[index]
            stripped = line.strip(" \t>")
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                break
            inner.append(line[prefix:] if line[:prefix].strip(" \t>") == "" else line)
            index += 1
        index += 1
        language = _language(opened.group("info"))
        if language not in _PLAIN:
            blocks.append((start, language, "\n".join(inner)))
    return blocks


def _markdown_is_risky(body: str, markup: int) -> bool:
    """A high estimate: many raw HTML tags outside code, or much quadratic work for its size."""
    tag_limit = min(MAX_HTML_TAGS, MAX_UNFINISHED_TAGS)
    if markup * TRY_FRACTION > tag_limit and body.count("<") * TRY_FRACTION > tag_limit \
            and html_tags(body)[1] * TRY_FRACTION > tag_limit:
        return True
    floor = max(MAX_MARKUP_COST // TRY_FRACTION, TRY_COST_PER_BYTE * len(body))
    return markup * markup > floor and markup_cost(body) > floor


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, on_alarm)
    started = time.monotonic()
    outer, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's timer (pytest-timeout, a caller): give it back what is left
            left = max(outer - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, interval)


def _in_time(work: Callable[[], None], seconds: float) -> bool:
    """Run ``work``; False when it did not finish within ``seconds``."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        try:
            with _alarm(seconds):
                work()
        except _OverBudget:
            return False
        return True
    if not hasattr(os, "fork"):
        work()  # no timer and no fork (Windows, off the main thread): the counted limits still hold
        return True
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            work()
        finally:
            os._exit(0)
    deadline = time.monotonic() + seconds
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return False
        time.sleep(0.005)
    return True


@lru_cache(maxsize=512)
def _lexer_class(language: str) -> type[Lexer] | None:
    """Pygments' lexer for a language name (its lookup scans plugins: ~10 ms, so once per name)."""
    try:
        return type(get_lexer_by_name(language))
    except ClassNotFound:
        return None  # highlighted as plain text


def _lex(language: str, code: str) -> Callable[[], None]:
    def work() -> None:
        lexer = _lexer_class(language)
        if lexer is not None:
            for _token in lex(code, lexer()):
                pass
    return work


def _render(body: str) -> Callable[[], None]:
    def work() -> None:
        markdown.markdown(body, extensions=SITE_EXTENSIONS)
    return work


def budget_problems(path: str, body: str, body_line: int, markup: int | None = None) -> list[Problem]:
    """A problem when a risky body does not render within its budget (else nothing);
    ``markup`` is :func:`~.bodylimits.markup_count` of it, if known."""
    markup = markup_count(body) if markup is None else markup
    if _markdown_is_risky(body, markup):
        trials, size = [(0, _render(body))], len(body)
    else:
        blocks = code_blocks(body) if "```" in body or "~~~" in body else []
        size = sum(len(code) for _, _, code in blocks)
        if size < MIN_TRIED_CODE:
            blocks, size = [], 0
        trials = [(line, _lex(language, code)) for line, language, code in blocks]
    budget = round(BUDGET_SECONDS + size * SECONDS_PER_BYTE, 1)
    started = time.monotonic()
    for line, work in trials:
        left = budget - (time.monotonic() - started)
        if left <= 0 or not _in_time(work, left):
            return [Problem(
                path, body_line + line, "body",
                f"takes longer than {budget:g} s to render (the site renders a note in "
                "milliseconds), so it is refused",
                "split the note; in code blocks, shorten very long lines and runs of spaces, or drop "
                "the language name after ``` (the code is then shown without colours)")]
    return []


def refused_body(path: str, body: str, body_line: int) -> list[Problem]:
    """Every reason a body may not be rendered: the counted limits, then the time budget (issue 18).

    The one function the loader and ``hallway search`` ask, so both refuse the same notes.
    """
    markup = markup_count(body)
    return body_problems(path, body, body_line, markup) or budget_problems(path, body, body_line, markup)
