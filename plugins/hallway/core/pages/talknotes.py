"""A talk page's Markdown when several people took notes: each one's notes under their name.

The talk file's own notes come first, then each note file of the talk's notes folder in file
order, each under a heading naming its author (a link to their page) and its date (issue 14).
A talk with neither note files nor ``by:`` keeps its body exactly as written, so its page does
not change by a byte.
"""

from __future__ import annotations

import html
import re

from ..kb.model import KnowledgeBase, Note, TalkNote
from ..link.mentions import relative_src

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def _text(value: str) -> str:
    """Untrusted text as literal Markdown inline text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def _author(kb: KnowledgeBase, talk: Note, slug: str) -> str:
    person = kb.entities["speaker"][slug]
    return f"[{_text(person.name)}]({relative_src(talk.path, person.page_path)})"


def _closed(body: str) -> str:
    """``body`` with a code fence it left open closed, so the next note is not swallowed by it."""
    fence: str | None = None
    for line in body.split("\n"):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)
        elif fence is not None and line.strip().startswith(fence) and not line.strip(fence[0]).strip():
            fence = None
    return body if fence is None else f"{body}\n{fence}"


def notes_label(count: int) -> str:
    """How a list of talks says how many people's notes a talk has."""
    return "no notes yet" if count == 0 else "1 note" if count == 1 else f"{count} notes"


def _section(kb: KnowledgeBase, talk: Note, note: TalkNote) -> str:
    heading = f"## Notes by {_author(kb, talk, note.by)}"
    if note.date:
        heading += f" · {note.date.isoformat()}"
    lines = [heading, ""]
    if note.summary:
        lines += [f"*{_text(note.summary)}*", ""]
    body = _closed(note.body.strip("\n"))
    lines.append(body if body.strip() else "*(no notes written yet)*")
    return "\n".join(lines)


def talk_markdown(kb: KnowledgeBase, talk: Note) -> str:
    """The Markdown of a talk's page: its own notes, then everyone else's."""
    if not talk.notes and not talk.by:
        return talk.body
    parts: list[str] = []
    own = talk.body.strip("\n")
    if own.strip():
        heading = f"## Notes by {_author(kb, talk, talk.by)}" if talk.by else "## Notes"
        parts.append(f"{heading}\n\n{_closed(own)}")
    parts += [_section(kb, talk, note) for note in talk.notes]
    return "\n\n".join(parts) + "\n"
