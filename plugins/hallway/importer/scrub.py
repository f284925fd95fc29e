"""Removing invisible control characters from imported text before it becomes notes.

Blog HTML can carry them as entities (``&#8238;`` is RIGHT-TO-LEFT OVERRIDE, ``&#x9b;`` a terminal
control), and ``hallway check`` refuses notes whose names or titles hold them (issue 18). Import
never refuses a file it can read, so it drops them and says how many it dropped.
"""

from __future__ import annotations

from ..core.kb.textchars import TERMINAL_UNSAFE
from .blocks import SourceDoc
from .programs.model import Program


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


def scrub_program(program: Program) -> int:
    """Drop the same control characters from every text of a conference program, in place.

    Real programs carry them (the pyvideo archive has LEFT-TO-RIGHT MARKs in abstracts and U+009D
    in titles); ``hallway check`` would then refuse the imported notes. Returns how many it dropped.
    """
    removed = 0

    def clean(text: str | None) -> str | None:
        nonlocal removed
        if text is None:
            return None
        cleaned, count = TERMINAL_UNSAFE.subn("", text)
        removed += count
        return cleaned

    def clean_all(values: dict[str, str]) -> dict[str, str]:
        return {key: clean(value) or "" for key, value in values.items()}

    event = program.event
    event.name = clean(event.name) or event.name
    event.location = clean(event.location)
    for talk in program.talks:
        talk.title = clean(talk.title) or talk.title
        talk.subtitle, talk.abstract = clean(talk.subtitle), clean(talk.abstract)
        talk.room, talk.track, talk.language = clean(talk.room), clean(talk.track), clean(talk.language)
        talk.tags = [clean(tag) or "" for tag in talk.tags]
        talk.tags = [tag for tag in talk.tags if tag.strip()]
        talk.links = clean_all(talk.links)
        for person in talk.speakers:
            person.name = clean(person.name) or person.name
            person.bio = clean(person.bio) or ""
            person.links = clean_all(person.links)
    return removed
