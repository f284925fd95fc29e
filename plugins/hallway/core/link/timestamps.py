"""Video timestamps in notes: ``[12:34]`` or ``[1:02:03]`` becomes a link to the talk's video there.

Note-takers write down when something was said; a reader wants to jump there. The link goes to the
video's own site at that second (YouTube and youtu.be ``t=``, Vimeo ``#t=…s``, any other address a
``#t=`` media fragment): videos stay links, never embedded third-party frames (readers' privacy).
Without a video the text stays as written. A time past the end of a video of known length stays
text too, and ``hallway check --suggest`` points at it.

It runs on Markdown before rendering, on prose only: code blocks and spans, links and tags are
left alone, exactly as mentions are (``mentions.prose_lines`` and ``mentions._mask``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .mentions import _mask, prose_lines

#: ``[m:ss]``, ``[mm:ss]`` or ``[h:mm:ss]``, not part of a link (``[12:34](…)``, ``[12:34][ref]``,
#: ``[12:34]: url``) nor of a ``[[wikilink]]`` or an image.
TIMESTAMP = re.compile(r"(?<![\[!\\])\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\](?![\[(:\]])")


@dataclass(frozen=True)
class OutOfRange:
    """A timestamp past the end of the video: left as text."""

    line: int
    text: str
    seconds: int


@dataclass
class TimestampResult:
    markdown: str
    out_of_range: list[OutOfRange] = field(default_factory=list)


def seconds_of(hours: str | None, minutes: str, seconds: str) -> int | None:
    """Seconds from a timestamp's parts; None when minutes or seconds are 60 or more."""
    mins, secs = int(minutes), int(seconds)
    if secs >= 60 or (hours is not None and mins >= 60):
        return None
    return int(hours or 0) * 3600 + mins * 60 + secs


def video_at(video: str, seconds: int) -> str:
    """The address of ``video`` at ``seconds``, in the form its site understands."""
    parts = urlsplit(video)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host in ("youtube.com", "youtu.be", "youtube-nocookie.com", "music.youtube.com"):
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "t"]
        query.append(("t", str(seconds)))
        return urlunsplit(parts._replace(query=urlencode(query), fragment=""))
    if host == "vimeo.com" or host.endswith(".vimeo.com"):
        return urlunsplit(parts._replace(fragment=f"t={seconds}s"))
    return urlunsplit(parts._replace(fragment=f"t={seconds}"))


def _markdown_url(url: str) -> str:
    """A URL that is safe between the parentheses of a Markdown link."""
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def link_timestamps(markdown: str, video: str | None, first_line: int = 1,
                    duration: int | None = None) -> TimestampResult:
    """``markdown`` with each prose timestamp linked to ``video`` at that time."""
    result = TimestampResult(markdown)
    if "[" not in markdown or ":" not in markdown:
        return result
    lines = markdown.split("\n")
    for index, line in prose_lines(markdown):
        if "[" not in line:
            continue
        masked = _mask(line)
        pieces: list[str] = []
        last = 0
        for match in TIMESTAMP.finditer(masked):
            seconds = seconds_of(*match.groups())
            if seconds is None:
                continue
            text = line[match.start():match.end()]
            if duration is not None and seconds > duration:
                result.out_of_range.append(OutOfRange(first_line + index, text, seconds))
                continue
            if video is None:
                continue
            pieces += [line[last:match.start()], f"{text}({_markdown_url(video_at(video, seconds))})"]
            last = match.end()
        if pieces:
            lines[index] = "".join(pieces) + line[last:]
    result.markdown = "\n".join(lines)
    return result


def duration_of(note: Any) -> int | None:
    """The length of a talk in seconds, when the knowledge base knows it: a program's ``duration``
    (whole minutes, issue 13); None otherwise."""
    value = getattr(note, "duration", None)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value * 60
    return None
