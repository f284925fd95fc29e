"""Tracks named before every talk's title without the word ``track``: ``Kernel – Writing a driver by …``.

A post of list items such as ``• Open Hardware – Soldering for Beginners by Jon Oxer-Smith – note``
names the miniconf or track before each title, as ``• Sysadmin Miniconf – Title by Name`` does, but
without a word saying so. One such line is a title with a subtitle; when every talk of the post that
names its speakers opens so (at least two), the first part is the track: a short capitalised name
(one to three words, no person's name) before a longer title that starts with a capital. The track
becomes the talk's session, as a named track does (:mod:`.conventions`), also when the knowledge base
knows the talk (a second import of the same post gives it the same session).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .headings import clean, kind_of
from .names import is_person_name
from .reading import Context, Reading

#: ``Track – Title``: a dash with spaces after a short first part.
_TRACK_FIRST = re.compile(r"(?P<track>[^\W\d_][^–—:|]{0,30}?)\s+[–—-]\s+(?P<title>[A-Z0-9\"“‘'].*)")
#: Words a track's name has at most.
MAX_TRACK_WORDS = 3
#: Talks that must open so before the first parts are read as tracks.
MIN_TRACKED = 2


def _track_and_title(title: str) -> tuple[str, str] | None:
    found = _TRACK_FIRST.fullmatch(title)
    if found is None:
        return None
    track, rest = found.group("track").strip(), found.group("title").strip()
    words = track.split()
    if len(words) > MAX_TRACK_WORDS or len(words) >= len(rest.split()) or len(rest.split()) < 2 \
            or not all(w[:1].isupper() or not w[:1].isalpha() for w in words) or is_person_name(track, 2):
        return None
    return track, rest


def _split_of(reading: Reading, ctx: Context) -> tuple[str, str] | None:
    """The track and title of a talk's line; a talk the knowledge base knows keeps its known title,
    the track read from the line before it (``Kernel – Writing Your First Driver by …``)."""
    if reading.known is None:
        return _track_and_title(reading.heading.title)
    plain, title = clean(ctx.blocks[reading.index].plain), reading.heading.title
    at = plain.find(title)
    found = _track_and_title(plain[: at + len(title)]) if at > 0 else None
    return (found[0], title) if found is not None and found[1] == title else None


def shared_tracks(readings: dict[int, Reading], ctx: Context) -> list[int]:
    """Give a track as its session to each talk when every talk naming speakers opens with one
    (``Kernel – Writing Your First Driver``); the indexes of the talks retitled."""
    named = [r for r in readings.values() if r.heading.speakers and r.session is None]
    found = {r.index: _split_of(r, ctx) for r in named}
    if len(named) < MIN_TRACKED or any(split is None for split in found.values()):
        return []
    for reading in named:
        track, title = found[reading.index] or ("", reading.heading.title)
        reading.session = track
        reading.heading = replace(reading.heading, title=title, kind=kind_of(title))
    return sorted(found)
