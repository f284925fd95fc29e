"""Sessionize's API "All" JSON: ``sessions``, ``speakers``, ``categories``, ``rooms``.

Times are local to the event without an offset; sessions point at speakers by GUID, at rooms by
id and at category items (track, session format, language…) by id. Service sessions (breaks,
lunch) are not talks and are left out. The file does not name its event: ``--event`` does.
Files downloaded from the API may start with a UTF-8 byte-order mark.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ...core.kb.names import fold
from .common import add_link
from .errors import ProgramErrors, json_path
from .jsonfile import load_json, text_at
from .kinds import kind_of
from .model import EventInfo, Person, Program, Talk
from .text import clean_line, to_markdown


def is_sessionize(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("sessions"), list) \
        and isinstance(data.get("speakers"), list)


def _category_role(title: str) -> str | None:
    folded = fold(title)
    if "track" in folded or "topic" in folded or "theme" in folded:
        return "track"
    if "format" in folded or "type" in folded or "kind" in folded:
        return "kind"
    if "language" in folded:
        return "language"
    return None


def read_sessionize(path: Path, shown: str, data: Any = None) -> Program:
    """Read a Sessionize "All" export into a :class:`Program` (its event is named by ``--event``)."""
    data = load_json(path, shown) if data is None else data
    errors = ProgramErrors(shown)
    if not is_sessionize(data):
        errors.add("$", None, "no 'sessions' and 'speakers' lists",
                   "pass the JSON of Sessionize's API 'All' endpoint")
        errors.raise_if_any()
    rooms = {text_at(r, "id"): clean_line(text_at(r, "name")) for r in data.get("rooms") or []
             if isinstance(r, dict)}
    items: dict[str, tuple[str | None, str]] = {}
    for category in data.get("categories") or []:
        if not isinstance(category, dict):
            continue
        role = _category_role(text_at(category, "title"))
        for item in category.get("items") or []:
            items[text_at(item, "id")] = (role, clean_line(text_at(item, "name")))
    people: dict[str, Person] = {}
    for index, speaker in enumerate(data["speakers"]):
        name = clean_line(text_at(speaker, "fullName")
                          or f"{text_at(speaker, 'firstName')} {text_at(speaker, 'lastName')}")
        sid = text_at(speaker, "id").strip()
        if not name or not sid:
            errors.add(json_path("speakers", index), "fullName", "a speaker without a name or id; left out",
                       "every speaker needs an id and a name")
            continue
        links: dict[str, str] = {}
        for link in speaker.get("links") or [] if isinstance(speaker.get("links"), list) else []:
            add_link(links, clean_line(text_at(link, "linkType") or text_at(link, "title")) or "website",
                     text_at(link, "url"))
        bio = to_markdown(text_at(speaker, "bio"))
        tagline = clean_line(text_at(speaker, "tagLine"))
        people[sid] = Person(name=name, id=sid, bio="\n\n".join(x for x in (tagline, bio) if x), links=links)
    program = Program(source=shown, format="sessionize", event=EventInfo(name="", slug=""),
                      id_space="sessionize")
    seen: dict[str, str] = {}
    dates: list[dt.date] = []
    for index, session in enumerate(data["sessions"]):
        where = json_path("sessions", index)
        if not isinstance(session, dict):
            errors.add(where, None, "expected a session object; left out",
                       "sessions is a list of objects")
            continue
        if session.get("isServiceSession") is True:
            continue
        sid = text_at(session, "id").strip()
        title = clean_line(text_at(session, "title"))
        if not sid:
            errors.add(f"{where}.id", "id", "a session without an id; it was left out",
                       "every session needs an id")
            continue
        if not title:
            program.unread_ids.add(sid)
            errors.add(f"{where}.title", "title", f"session '{sid}' has no title; it was left out",
                       "give the session a title")
            continue
        if sid in seen:
            errors.add(f"{where}.id", "id",
                       f"session id '{sid}' is used twice (first at {seen[sid]}); this one was left out",
                       "each session needs its own id")
            continue
        seen[sid] = where
        talk = Talk(id=sid, title=title, where=f"{shown}: {where}")
        starts, ends = text_at(session, "startsAt").strip(), text_at(session, "endsAt").strip()
        start = _local(starts, f"{where}.startsAt", errors) if starts else None
        end = _local(ends, f"{where}.endsAt", errors) if ends else None
        if start is not None:
            talk.date, talk.start = start.date(), start.strftime("%H:%M")
            dates.append(start.date())
            if end is not None:
                if end < start:
                    errors.add(f"{where}.endsAt", "endsAt",
                               f"ends ({ends}) before it starts ({starts}); its length was left out",
                               "fix the session's times")
                else:
                    talk.duration = int((end - start).total_seconds() // 60)
        talk.room = rooms.get(text_at(session, "roomId")) or clean_line(text_at(session, "room")) or None
        for item_id in session.get("categoryItems") or []:
            role, name = items.get(str(item_id), (None, ""))
            if role == "track" and talk.track is None:
                talk.track = name or None
            elif role == "kind":
                talk.kind = kind_of(name)
            elif role == "language" and talk.language is None:
                talk.language = name or None
            elif name:
                talk.tags.append(name)
        talk.abstract = to_markdown(text_at(session, "description")) or None
        for ref in session.get("speakers") or []:
            key = text_at(ref, "id") if isinstance(ref, dict) else str(ref)
            person = people.get(key)
            if person is None and isinstance(ref, dict) and text_at(ref, "name"):
                person = Person(name=clean_line(text_at(ref, "name")), id=key or None)
            if person is None:
                errors.add(f"{where}.speakers", "speakers", f"unknown speaker id '{key}'; left out",
                           "every session speaker must be listed under speakers")
                continue
            talk.speakers.append(person)
        add_link(talk.links, "video", text_at(session, "recordingUrl"), key="video")
        program.talks.append(talk)
    if dates:
        program.event.start, program.event.end = min(dates), max(dates)
    errors.keep_what_was_read(program)
    return program


def _local(text: str, where: str, errors: ProgramErrors) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        errors.add(where, where.rsplit(".", 1)[-1], f"impossible time '{text}'; left out",
                   "write it as 2026-05-14T09:30:00")
        return None
