"""A pyvideo.org data folder: ``<event>/category.json`` and ``<event>/videos/<slug>.json``.

The folder may be one event's or the data set's root (every event folder in it). Descriptions
are reStructuredText (converted with docutils); ``recorded`` is a date, sometimes with a time;
``duration`` is in seconds; ``tags`` become topics; a video has no id but its file name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from ...core.kb.names import slugify
from ...core.problems import HallwayError
from .common import add_link, clean_url, join_texts, parse_date, parse_datetime
from .errors import ProgramErrors, json_path
from .jsonfile import load_json, text_at
from .model import EventInfo, Person, Program, Talk
from .text import clean_line, rst_to_markdown

CATEGORY = "category.json"
#: The longest recording taken as a talk's length (a day); longer ``duration`` values are data errors.
MAX_SECONDS = 24 * 60 * 60


def is_pyvideo_event(folder: Path) -> bool:
    return (folder / CATEGORY).is_file()


def event_folders(folder: Path) -> list[Path]:
    """The event folders of a pyvideo folder: itself, or every child with a category.json (hidden
    folders such as the data set's ``.schemas/``, which holds a category.json schema, are not events)."""
    if is_pyvideo_event(folder):
        return [folder]
    return sorted(child for child in folder.iterdir()
                  if child.is_dir() and not child.name.startswith(".") and is_pyvideo_event(child))


def read_pyvideo_event(folder: Path, shown: str) -> Program:
    """Read one pyvideo event folder into a :class:`Program`."""
    errors = ProgramErrors(shown)
    category = load_json(folder / CATEGORY, f"{shown}/{CATEGORY}")
    title = clean_line(text_at(category, "title"))
    if not title:
        errors.add(json_path("title"), "title", "the event has no title", "give category.json a title",
                   path=f"{shown}/{CATEGORY}")
        errors.raise_if_any()  # every talk names its event: nothing can be imported without it
    event = EventInfo(name=title, slug=slugify(folder.name) or slugify(title),
                      start=parse_date(text_at(category, "start_date")),
                      end=parse_date(text_at(category, "end_date")))
    event.url = clean_url(text_at(category, "url"))
    program = Program(source=shown, format="pyvideo", event=event, id_space="pyvideo")
    videos = folder / "videos"
    files = sorted(videos.glob("*.json")) if videos.is_dir() else []
    dates: list[dt.date] = []
    for file in files:
        file_shown = f"{shown}/videos/{file.name}"
        try:
            data = load_json(file, file_shown)
        except HallwayError as err:
            program.unread_ids.add(file.stem)
            errors.problems.extend(replace(p, message=p.message + "; the video was left out")
                                   for p in err.problems)
            continue
        talk = _talk(file, data, file_shown, errors, program.unread_ids)
        if talk is not None:
            program.talks.append(talk)
            if talk.date:
                dates.append(talk.date)
    if dates and event.start is None:
        event.start, event.end = min(dates), max(dates)
    errors.keep_what_was_read(program)
    return program


def _talk(file: Path, data: object, shown: str, errors: ProgramErrors, unread: set[str]) -> Talk | None:
    if not isinstance(data, dict) or not clean_line(text_at(data, "title")):
        unread.add(file.stem)
        if not isinstance(data, dict):
            errors.add("$", None, "expected a JSON object; the video was left out",
                       "a video file is one object", path=shown)
        else:
            errors.add(json_path("title"), "title", "the video has no title; it was left out",
                       "give it a title", path=shown)
        return None
    title = clean_line(text_at(data, "title"))
    talk = Talk(id=file.stem, title=title, where=f"{shown}: $")
    recorded = text_at(data, "recorded").strip()
    if recorded:
        when = parse_datetime(recorded) if "T" in recorded else None
        talk.date = when.date() if when is not None else parse_date(recorded)
        if talk.date is None:
            errors.add(json_path("recorded"), "recorded", f"impossible date '{recorded}'; left out",
                       "write it as YYYY-MM-DD", path=shown)
        if when is not None and (when.hour or when.minute):
            talk.start = when.strftime("%H:%M")
    duration = data.get("duration")
    # Seconds of video; a handful of entries hold impossible lengths (weeks): those are left out.
    if isinstance(duration, int) and not isinstance(duration, bool) and 0 < duration <= MAX_SECONDS:
        talk.duration = max(1, round(duration / 60))
    talk.language = clean_line(text_at(data, "language")) or None
    talk.abstract = join_texts(rst_to_markdown(text_at(data, "summary")),
                               rst_to_markdown(text_at(data, "description")))
    seen_names: set[str] = set()
    for name in data.get("speakers") or [] if isinstance(data.get("speakers"), list) else []:
        cleaned = clean_line(name) if isinstance(name, str) else ""
        if cleaned and cleaned not in seen_names:
            seen_names.add(cleaned)
            talk.speakers.append(Person(name=cleaned))
    raw_tags = data.get("tags")
    tags: list[object] = raw_tags if isinstance(raw_tags, list) else []
    talk.tags = list(dict.fromkeys(t for t in (clean_line(x) for x in tags if isinstance(x, str)) if t))
    for video in data.get("videos") or [] if isinstance(data.get("videos"), list) else []:
        add_link(talk.links, "video" if not talk.links.get("video") else f"video {text_at(video, 'type')}",
                 text_at(video, "url"), key="video")
    for related in data.get("related_urls") or [] if isinstance(data.get("related_urls"), list) else []:
        if isinstance(related, str):
            add_link(talk.links, "link", related)
        else:
            add_link(talk.links, clean_line(text_at(related, "label")) or "link", text_at(related, "url"))
    return talk

