"""frab / pretalx ``schedule.json`` in the c3voc shape: ``schedule.conference.days[].rooms``.

Each room maps to a list of events; persons carry a frab ``id`` or a pretalx ``code`` (and maybe
a ``guid``); ``public_name`` is the older spelling of ``name``. Times come both as ``date`` (with
its offset) and ``start``/``duration`` (``HH:MM``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ...core.kb.names import slugify
from .common import add_link, clean_url, join_texts, parse_clock, parse_date, parse_datetime, parse_duration
from .errors import ProgramErrors, json_path
from .jsonfile import load_json, text_at
from .kinds import kind_of
from .model import EventInfo, Person, Program, Talk
from .text import clean_line, to_markdown


def is_schedule_json(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("schedule"), dict)


def read_c3voc_json(path: Path, shown: str, data: Any = None) -> Program:
    """Read a schedule.json file into a :class:`Program`."""
    data = load_json(path, shown) if data is None else data
    errors = ProgramErrors(shown)
    if not is_schedule_json(data):
        errors.add(json_path("schedule"), None, "no 'schedule' object",
                   "pass a frab/pretalx schedule.json, or --format for another format")
        errors.raise_if_any()
    schedule = data["schedule"]
    conference = schedule.get("conference")
    if not isinstance(conference, dict):
        errors.add(json_path("schedule", "conference"), None, "no 'conference' object",
                   "a schedule.json has schedule.conference.days")
        errors.raise_if_any()
    base = clean_url(text_at(schedule, "base_url")) or clean_url(text_at(conference, "url"))
    title = clean_line(text_at(conference, "title"))
    acronym = clean_line(text_at(conference, "acronym"))
    event = EventInfo(name=title or acronym, slug=slugify(title or acronym),
                      start=parse_date(text_at(conference, "start")),
                      end=parse_date(text_at(conference, "end")),
                      url=clean_url(text_at(conference, "url")) or base,
                      timezone=clean_line(text_at(conference, "time_zone_name")) or None)
    host = urlsplit(base).hostname if base else None
    program = Program(source=shown, format="c3voc-json", event=event, id_space=host or event.slug)
    if isinstance(schedule.get("events"), list):
        _read_flat_events(schedule, conference, base, program, errors)
        errors.keep_what_was_read(program)
        return program
    days = conference.get("days")
    if not isinstance(days, list):
        errors.add(json_path("schedule", "conference", "days"), "days", "no list of days",
                   "a schedule.json lists its days under schedule.conference.days")
        errors.raise_if_any()
    seen: dict[str, str] = {}
    for day_index, day in enumerate(days):
        day_path = ("schedule", "conference", "days", day_index)
        if not isinstance(day, dict) or not isinstance(day.get("rooms"), dict):
            errors.add(json_path(*day_path, "rooms"), "rooms", "this day has no 'rooms' object",
                       "each day maps room names to lists of events")
            continue
        day_date = parse_date(text_at(day, "date"))
        for room_name, items in day["rooms"].items():
            if not isinstance(items, list):
                errors.add(json_path(*day_path, "rooms", room_name), "rooms", "expected a list of events",
                           "each room maps to a list of events")
                continue
            for index, item in enumerate(items):
                where = json_path(*day_path, "rooms", room_name, index)
                talk = _talk(item, where, day_date, clean_line(room_name), base, errors,
                             program.unread_ids)
                if talk is None:
                    continue
                if talk.id in seen:
                    errors.add(where, "id", f"talk id '{talk.id}' is used twice (first at {seen[talk.id]}); "
                               "this one was left out", "each event needs its own id")
                    continue
                seen[talk.id] = where
                program.talks.append(talk)
    errors.keep_what_was_read(program)
    return program


def _read_flat_events(schedule: dict[str, Any], conference: dict[str, Any], base: str | None,
                      program: Program, errors: ProgramErrors) -> None:
    """The newer c3voc "schedule 2" shape (the CCC hub): ``schedule.events`` is one flat list with
    ``start``/``end`` date-times, ``room`` and ``track`` objects, and ``participants`` pointing at
    ``schedule.persons`` by guid."""
    tracks = {text_at(t, "slug"): clean_line(text_at(t, "name")) for t in conference.get("tracks") or []
              if isinstance(t, dict)}
    persons = {text_at(p, "guid"): p for p in schedule.get("persons") or [] if isinstance(p, dict)}
    seen: dict[str, str] = {}
    for index, item in enumerate(schedule["events"]):
        where = json_path("schedule", "events", index)
        if not isinstance(item, dict):
            errors.add(where, None, "expected an event object; left out",
                       "schedule.events lists event objects")
            continue
        ident = (text_at(item, "code") or text_at(item, "id") or text_at(item, "guid")).strip()
        title = clean_line(text_at(item, "title"))
        if not ident or not title:
            if ident:
                program.unread_ids.add(ident)
            errors.add(f"{where}.{'title' if ident else 'guid'}", "title" if ident else "guid",
                       f"this event has no {'title' if ident else 'id, code or guid'}; it was left out",
                       "give every event a guid and a title")
            continue
        if ident in seen:
            errors.add(where, "id", f"talk id '{ident}' is used twice (first at {seen[ident]}); "
                       "this one was left out", "each event needs its own id")
            continue
        seen[ident] = where
        talk = Talk(id=ident, title=title, where=f"{errors.source}: {where}")
        talk.subtitle = clean_line(text_at(item, "subtitle")) or None
        start, end = text_at(item, "start").strip(), text_at(item, "end").strip()
        begins = parse_datetime(start) if start else None
        ends = parse_datetime(end) if end else None
        if (start and begins is None) or (end and ends is None) or (begins and ends and ends < begins):
            errors.add(f"{where}.start", "start", f"impossible times '{start}' to '{end}'; left out",
                       "write them as 2026-12-27T10:30:00+01:00, the end after the start")
        if begins is not None:
            talk.date, talk.start = begins.date(), begins.strftime("%H:%M")
            if ends is not None and ends >= begins:
                talk.duration = int((ends - begins).total_seconds() // 60)
        room = item.get("room")
        room_name = text_at(room, "name") if isinstance(room, dict) else text_at(item, "room")
        talk.room = clean_line(room_name) or None
        track = item.get("track")
        if isinstance(track, dict):
            talk.track = clean_line(text_at(track, "name")) or tracks.get(text_at(track, "slug")) or None
        else:
            talk.track = clean_line(text_at(item, "track")) or None
        _describe(talk, item)
        for participant in item.get("participants") or item.get("persons") or []:
            if not isinstance(participant, dict) or text_at(participant, "role") not in ("", "SPEAKER"):
                continue
            pid = text_at(participant, "guid") or text_at(participant, "code") or text_at(participant, "id")
            full = persons.get(pid, participant)
            name = clean_line(text_at(full, "name") or text_at(participant, "name")
                              or text_at(full, "public_name"))
            if not name:
                continue
            links: dict[str, str] = {}
            for link in full.get("links") or [] if isinstance(full.get("links"), list) else []:
                label = (text_at(link, "service") or text_at(link, "title") or text_at(link, "type")
                         or "website")
                add_link(links, clean_line(label).lower(), text_at(link, "url"))
            talk.speakers.append(Person(name=name, id=pid or None,
                                        bio=to_markdown(text_at(full, "biography")), links=links))
        add_link(talk.links, "program", text_at(item, "url"), base, key="program")
        for group in ("links", "attachments"):
            for link in item.get(group) or [] if isinstance(item.get(group), list) else []:
                kind = text_at(link, "type").upper()
                if kind == "FEEDBACK":
                    continue
                label = clean_line(text_at(link, "title")) or ("slides" if kind == "SLIDES" else kind.lower())
                add_link(talk.links, label or group, text_at(link, "url"), base,
                         key="program_origin" if kind == "ORIGIN" else None)
        program.talks.append(talk)


def _talk(item: Any, where: str, day_date: dt.date | None, room_name: str, base: str | None,
          errors: ProgramErrors, unread: set[str]) -> Talk | None:
    if not isinstance(item, dict):
        errors.add(where, None, "expected an event object; left out", "each room lists event objects")
        return None
    ident = text_at(item, "code") or text_at(item, "id") or text_at(item, "guid")
    title = clean_line(text_at(item, "title"))
    if not ident:
        errors.add(where, "id", "this event has no id, code or guid; it was left out",
                   "give every event an id")
        return None
    if not title:
        unread.add(ident.strip())
        errors.add(f"{where}.title", "title", f"talk '{ident}' has no title; it was left out",
                   "give the event a title")
        return None
    talk = Talk(id=ident.strip(), title=title, where=f"{errors.source}: {where}")
    talk.subtitle = clean_line(text_at(item, "subtitle")) or None
    date_text = text_at(item, "date").strip()
    when = parse_datetime(date_text) if date_text else None
    if date_text and when is None:
        errors.add(f"{where}.date", "date", f"impossible date '{date_text}'; left out",
                   "write it as 2026-02-01T10:30:00+01:00")
    start_text = text_at(item, "start").strip()
    if start_text:
        talk.start = parse_clock(start_text)
        if talk.start is None:
            errors.add(f"{where}.start", "start", f"impossible start time '{start_text}'; left out",
                       "write it as HH:MM, e.g. 09:30")
    elif when is not None:
        talk.start = when.strftime("%H:%M")
    talk.date = when.date() if when is not None else day_date
    duration_text = text_at(item, "duration").strip()
    if duration_text:
        talk.duration = parse_duration(duration_text)
        if talk.duration is None:
            errors.add(f"{where}.duration", "duration", f"impossible duration '{duration_text}'; left out",
                       "write it as HH:MM, e.g. 00:45")
    talk.room = clean_line(text_at(item, "room")) or room_name or None
    talk.track = clean_line(text_at(item, "track")) or None
    _describe(talk, item)
    persons = item.get("persons")
    for index, person in enumerate(persons if isinstance(persons, list) else []):
        name = clean_line(text_at(person, "public_name") or text_at(person, "name"))
        if not name:
            errors.add(f"{where}.persons[{index}]", "persons", "a person without a name; left out",
                       "give each person a name or public_name")
            continue
        pid = text_at(person, "code") or text_at(person, "id") or text_at(person, "guid")
        bio = to_markdown(text_at(person, "biography"))
        links: dict[str, str] = {}
        for link in person.get("links") or [] if isinstance(person.get("links"), list) else []:
            add_link(links, clean_line(text_at(link, "title")) or "website", text_at(link, "url"))
        talk.speakers.append(Person(name=name, id=pid.strip() or None, bio=bio, links=links))
    add_link(talk.links, "program", text_at(item, "url"), base, key="program")
    for group in ("links", "attachments"):
        for link in item.get(group) or [] if isinstance(item.get(group), list) else []:
            label = clean_line(text_at(link, "title")) or clean_line(text_at(link, "type")) or group
            add_link(talk.links, label, text_at(link, "url") or text_at(link, "href"), base)
    return talk


def _describe(talk: Talk, item: dict[str, Any]) -> None:
    """The fields both schedule layouts write alike: kind, language, abstract and slug."""
    talk.kind = kind_of(clean_line(text_at(item, "type")))
    talk.language = clean_line(text_at(item, "language")) or None
    talk.abstract = join_texts(to_markdown(text_at(item, "abstract")),
                               to_markdown(text_at(item, "description")))
    talk.slug_hint = clean_line(text_at(item, "slug")) or None
