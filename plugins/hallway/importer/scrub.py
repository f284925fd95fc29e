"""Removing invisible control characters from imported text before it becomes notes.

Blog HTML can carry them as entities (``&#8238;`` is RIGHT-TO-LEFT OVERRIDE, ``&#x9b;`` a terminal
control), and ``hallway check`` refuses notes whose names or titles hold them (issue 18). Import
never refuses a file it can read, so it drops them and says how many it dropped.
"""

from __future__ import annotations

from ..core.kb.textchars import TERMINAL_UNSAFE
from .blocks import SourceDoc


def scrub(doc: SourceDoc) -> None:
    """Drop control characters (C0 but tab and newline, C1, bidi controls) from ``doc`` in place."""
    removed = 0

    def clean(text: str, counted: bool = True) -> str:
        nonlocal removed
        cleaned, count = TERMINAL_UNSAFE.subn("", text)
        removed += count if counted else 0
        return cleaned

    for block in doc.blocks:
        block.text, block.plain = clean(block.text), clean(block.plain, counted=False)
    doc.title = clean(doc.title) if doc.title is not None else None
    doc.event_name = clean(doc.event_name) if doc.event_name is not None else None
    doc.session = clean(doc.session) if doc.session is not None else None
    if removed:
        doc.notes.append(f"removed {removed} invisible control character(s) (direction overrides, "
                         "terminal controls)")
