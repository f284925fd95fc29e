"""A blog post's title names its event and session: ``Everything Open 2025 – Day 2 – Afternoon``.

Shared by the readers whose posts carry a title of their own: WordPress exports, Markdown
front-matter and saved HTML pages.
"""

from __future__ import annotations

import re

from .headings import clean

_YEAR = re.compile(r"^(?P<event>.*?\b(?:19|20)\d{2})\b\s*(?:[–—:|,-]\s*)?(?P<rest>.*)$")
_SEPARATOR = re.compile(r"\s+[–—|-]\s+|:\s+")


def split_post_title(title: str) -> tuple[str, str | None]:
    """``Everything Open 2025 – Day 2 – Afternoon`` -> (``Everything Open 2025``, ``Day 2 – Afternoon``)."""
    title = clean(title)
    year = _YEAR.match(title)
    if year and year.group("event").strip():
        rest = year.group("rest").strip(" –—-:|,")
        return year.group("event").strip(), rest or None
    parts = _SEPARATOR.split(title, maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0].strip(), parts[1].strip()
    return title, None


def event_of_post(title: str) -> tuple[str | None, str | None]:
    """The event and session a blog post's own title names, when it names a year
    (``LCA 2016 – Day 2``); ``(None, None)`` for ``My thoughts on normconf``, whose event the
    user must name (``--event``)."""
    if not _YEAR.match(clean(title)):
        return None, None
    event, session = split_post_title(title)
    return event or None, session
