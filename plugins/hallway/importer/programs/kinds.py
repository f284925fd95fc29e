"""Mapping a program's type of session (``lecture``, ``Workshop 90 min``…) to a Hallway kind."""

from __future__ import annotations

from ...core.kb.names import fold

#: Words in a program's session type, checked in this order; anything else is a talk.
_WORDS = (
    ("keynote", "keynote"),
    ("lightning", "lightning"),
    ("panel", "panel"),
    ("discussion", "panel"),
    ("workshop", "workshop"),
    ("hands-on", "workshop"),
    ("hands on", "workshop"),
    ("tutorial", "workshop"),
    ("werkstatt", "workshop"),
)


def kind_of(program_type: str | None) -> str:
    """``talk`` for lectures, talks and unknown types; a Hallway kind when the type says so."""
    if not program_type:
        return "talk"
    folded = fold(program_type)
    for word, kind in _WORDS:
        if word in folded:
            return kind
    return "talk"
