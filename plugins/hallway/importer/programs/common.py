"""Small checks every program reader shares: times, durations, dates, URLs and link names."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote, urljoin

from ...core.kb.names import slugify
from ...core.kb.validate import safe_http_url

_HHMM = re.compile(r"^\s*([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\s*$")
#: Characters a program's URLs sometimes carry raw that Hallway's links refuse (quotes, spaces,
#: angle brackets…): percent-encoded, which names the same address.
_ENCODE = re.compile(r"[\s\"<>\\^`{|}]")


def parse_clock(text: str) -> str | None:
    """``HH:MM`` from ``9:30``, ``09:30`` or ``09:30:00``; None for an impossible time."""
    match = _HHMM.match(text)
    if not match:
        return None
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59 or (match[3] is not None and int(match[3]) > 59):
        return None
    return f"{hours:02d}:{minutes:02d}"


def parse_duration(text: str) -> int | None:
    """Minutes from ``H:MM``, ``HH:MM:SS`` or a number of minutes; None when impossible."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    match = _HHMM.match(text)
    if not match or int(match[2]) > 59 or (match[3] is not None and int(match[3]) > 59):
        return None
    minutes = int(match[1]) * 60 + int(match[2])
    if match[3] is not None and int(match[3]) >= 30:
        minutes += 1
    return minutes


def parse_datetime(text: str) -> dt.datetime | None:
    """A date-time as written (its own offset kept: the local time of the event)."""
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def clean_url(value: object, base: str | None = None) -> str | None:
    """An http(s) URL Hallway accepts, or None: relative URLs are joined to ``base``, stray quotes
    and spaces percent-encoded."""
    if not isinstance(value, str) or not value.strip():
        return None
    url = value.strip()
    if base and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        url = urljoin(base, url)
    url = _ENCODE.sub(lambda m: quote(m[0], safe=""), url)
    return url if safe_http_url(url) else None


def link_key(label: str, href: str, taken: dict[str, str]) -> str:
    """The name a program link gets under ``links:`` (``video``, ``slides``, or its label)."""
    text = f"{label} {href}".lower()
    if (("video" in text or "recording" in text or "media.ccc.de" in text or "youtube" in text
         or "vimeo" in text) or href.lower().rsplit(".", 1)[-1] in ("webm", "mp4", "mkv", "ogv")) \
            and "slide" not in label.lower():
        key = "video"
    elif "slide" in text or href.lower().endswith((".pdf", ".odp", ".pptx", ".ppt", ".key")):
        key = "slides"
    else:
        key = slugify(label).replace("-", "_")[:40] or "link"
    if key in taken:
        if taken[key] == href:
            return ""
        number = 2
        while f"{key}_{number}" in taken:
            number += 1
        key = f"{key}_{number}"
    return key


def add_link(links: dict[str, str], label: str, href: object, base: str | None = None,
             key: str | None = None) -> None:
    """Add a link named by ``key`` (when free) or after its label; duplicates and unsafe URLs are
    left out."""
    url = clean_url(href, base)
    if url is None or url in links.values():
        return
    if key is None or key in links:
        key = link_key(label, url, links)
    if key:
        links[key] = url


def join_texts(*parts: str | None) -> str | None:
    """Paragraphs of the non-empty, distinct parts (abstract, then description)."""
    kept: list[str] = []
    for part in parts:
        if part and part.strip() and part.strip() not in kept:
            kept.append(part.strip())
    return "\n\n".join(kept) or None
