"""Threads copied from Mastodon, Bluesky or Twitter: posts numbered ``1/``, ``2/``, ``3/10``.

A thread pasted into a text file keeps each post's counter at the start of its first line. The
counters are the thread's markup, not the words: ``2/ Jane Doe – Sandboxing with seccomp`` is the
line ``Jane Doe – Sandboxing with seccomp``. They are taken off only when the text reads as a
thread: at least three paragraphs open with a counter, numbered 1, 2, 3… in order (so a lone
``24/7 on call`` or ``1/2 cup of flour`` is left as written).
"""

from __future__ import annotations

import re

#: A post's counter: ``2/``, ``2/10``, ``2/n``, ``(2/10)``, followed by the post's words.
_COUNTER = re.compile(r"^(?P<open>\()?(?P<n>\d{1,3})/(?:\d{1,3}|n)?(?(open)\))[ \t\u00a0]+(?=\S)")
#: Counters a text needs before they are read as a thread's.
MIN_POSTS = 3


def _openings(lines: list[str]) -> list[int]:
    """Indexes of the lines that open a paragraph (the first line, or one after a blank line)."""
    return [i for i, line in enumerate(lines) if line.strip() and (i == 0 or not lines[i - 1].strip())]


def strip_counters(lines: list[str]) -> list[str]:
    """``lines`` without a thread's post counters, or as they are when they are no thread."""
    found = [(i, int(m.group("n"))) for i in _openings(lines) if (m := _COUNTER.match(lines[i]))]
    if len(found) < MIN_POSTS or [n for _i, n in found] != list(range(1, len(found) + 1)):
        return lines
    counted = {i for i, _n in found}
    return [_COUNTER.sub("", line, count=1) if i in counted else line for i, line in enumerate(lines)]
