"""frab / Pentabarf / pretalx ``schedule.xml``: the c3voc schedule XML, old and new.

Current files (frab, pretalx) have ``<version>``, event ``guid``, ``<date>`` with an offset,
``<url>`` and ``<track slug=…>``; old Pentabarf files (FOSDEM before 2013…) have none of these,
put the venue and city in ``<conference>``, and escape HTML inside ``<abstract>`` and
``<description>``. Parsed with defusedxml (no entity expansion, no external entities); every
element's line is kept so problems name it.

A file that parses is never refused for what is wrong inside one ``<event>``: a talk without an id
or title (or with an id already used) is left out, an impossible date, start or duration is left
out of its talk, and each is reported in :attr:`Program.warnings` with its line, field and fix.
Only a file with no readable talk at all is refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ...core.kb.names import slugify
from .common import add_link, clean_url, join_texts, parse_clock, parse_date, parse_datetime, parse_duration
from .errors import ProgramErrors
from .kinds import kind_of
from .model import EventInfo, Person, Program, Talk
from .text import clean_line, to_markdown

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class _LineBuilder(TreeBuilder):
    """A tree builder that remembers the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Element, int] = {}
        self.parser: Any = None

    def start(self, tag: Any, attrs: Any) -> Element:
        element = super().start(tag, attrs)
        self.lines[element] = self.parser.parser.CurrentLineNumber if self.parser is not None else 0
        return element


def parse_xml(path: Path, shown: str) -> tuple[Element, dict[Element, int]]:
    """The root element and each element's line; a clear error for malformed or hostile XML."""
    errors = ProgramErrors(shown)
    builder = _LineBuilder()
    parser = ElementTree.XMLParser(target=builder)
    builder.parser = parser
    try:
        parser.feed(path.read_bytes())
        root = parser.close()
    except ParseError as err:
        line, column = getattr(err, "position", (None, None))
        errors.add(line, None, f"malformed XML ({str(err).split(':')[0]}, column {column})",
                   "fix the XML (a missing closing tag or an unescaped & or <)")
    except DefusedXmlException as err:
        errors.add(None, None, f"refused: the XML uses {type(err).__name__}",
                   "remove the DTD or entity declarations from the file")
    except OSError as err:
        errors.add(None, None, f"cannot be read ({err.strerror})", "check the path")
    errors.raise_if_any()
    return root, builder.lines


def _text(element: Element | None, tag: str) -> str:
    if element is None:
        return ""
    child = element.find(tag)
    return (child.text or "") if child is not None else ""


def read_frab_xml(path: Path, shown: str) -> Program:
    """Read a schedule.xml file into a :class:`Program`."""
    root, lines = parse_xml(path, shown)
    errors = ProgramErrors(shown)
    if root.tag != "schedule":
        errors.add(lines.get(root), root.tag, f"the root element is <{root.tag}>, not <schedule>",
                   "pass a frab/Pentabarf/pretalx schedule.xml, or --format for another format")
        errors.raise_if_any()
    conference = root.find("conference")
    title = clean_line(_text(conference, "title"))
    acronym = clean_line(_text(conference, "acronym"))
    base = clean_url(_text(conference, "base_url")) or clean_url(_text(root, "url"))
    venue = ", ".join(x for x in (clean_line(_text(conference, "venue")),
                                  clean_line(_text(conference, "city"))) if x)
    event = EventInfo(name=title or acronym, slug=slugify(title or acronym),
                      start=parse_date(_text(conference, "start")),
                      end=parse_date(_text(conference, "end")),
                      location=venue or None,
                      url=clean_url(_text(conference, "url")) or base,
                      timezone=clean_line(_text(conference, "time_zone_name")) or None)
    # Old Pentabarf files (FOSDEM 2013-2022) have no base_url but give each event its page's URL:
    # its host says whose person ids these are just as well, so one person's id is one id across
    # years (per-edition id spaces could never tell two people of one name apart).
    first_url = next((url for e in root.iter("event") if (url := clean_url(_text(e, "url")))), None)
    program = Program(source=shown, format="frab-xml", event=event,
                      id_space=_id_space(base or first_url, event.slug))
    seen: dict[str, int] = {}
    unresolved: list[int] = []
    for day in root.iter("day"):
        day_date = parse_date(day.get("date", ""))
        for room in day.findall("room"):
            for element in room.findall("event"):
                talk = _talk(element, lines, day_date, clean_line(room.get("name")), base, errors,
                             program.unread_ids, unresolved)
                if talk is None:
                    continue
                line = lines.get(element, 0)
                if talk.id in seen:
                    errors.add(line, "id",
                               f"talk id '{talk.id}' is used twice (first on line {seen[talk.id]}); "
                               "this one was left out",
                               "each <event> needs its own id")
                    continue
                seen[talk.id] = line
                program.talks.append(talk)
    if unresolved:
        errors.add(unresolved[0], "href",
                   f"{len(unresolved)} link(s) or attachment(s) are site paths (such as "
                   "'/2012/schedule/…') and the file gives no address to read them from (first on this "
                   "line); they were left out",
                   "add <base_url>https://…/</base_url> to <conference>, or a <url> to each <event>, "
                   "then import again")
    errors.keep_what_was_read(program)
    return program


def _id_space(base: str | None, fallback: str) -> str:
    from urllib.parse import urlsplit

    host = urlsplit(base).hostname if base else None
    return host or fallback


def _line(lines: dict[Element, int], element: Element, tag: str, default: int) -> int:
    """The line of ``element``'s child ``tag`` (or ``default``)."""
    child = element.find(tag)
    return lines.get(child, default) if child is not None else default


def _talk(element: Element, lines: dict[Element, int], day_date: Any, room_name: str,
          base: str | None, errors: ProgramErrors, unread: set[str], unresolved: list[int]) -> Talk | None:
    line = lines.get(element, 0)
    shown_at = f"{errors.source}:{line}"
    ident = (element.get("code") or element.get("id") or element.get("guid") or "").strip()
    title = clean_line(_text(element, "title"))
    if not ident:
        errors.add(line, "id", "this <event> has no id, code or guid; it was left out",
                   "give every <event> an id attribute")
        return None
    if not title:
        unread.add(ident)
        errors.add(_line(lines, element, "title", line) if element.find("title") is not None else line,
                   "title", f"talk '{ident}' has no title; it was left out", "give the <event> a <title>")
        return None
    talk = Talk(id=ident, title=title, where=shown_at)
    # Old FOSDEM exports have no base_url but give attachments as site paths: the talk's own page
    # is the base then.
    base = base or clean_url(_text(element, "url"))
    talk.subtitle = clean_line(_text(element, "subtitle")) or None
    when = parse_datetime(_text(element, "date")) if _text(element, "date").strip() else None
    if _text(element, "date").strip() and when is None:
        errors.add(_line(lines, element, "date", line), "date",
                   f"impossible date '{_text(element, 'date').strip()}'; left out",
                   "write it as 2026-02-01T10:30:00+01:00")
    start_text = _text(element, "start").strip()
    if start_text:
        talk.start = parse_clock(start_text)
        if talk.start is None:
            errors.add(_line(lines, element, "start", line), "start",
                       f"impossible start time '{start_text}'; left out",
                       "write it as HH:MM, e.g. 09:30")
    elif when is not None:
        talk.start = when.strftime("%H:%M")
    talk.date = when.date() if when is not None else day_date
    duration_text = _text(element, "duration").strip()
    if duration_text:
        talk.duration = parse_duration(duration_text)
        if talk.duration is None:
            errors.add(_line(lines, element, "duration", line), "duration",
                       f"impossible duration '{duration_text}'; left out", "write it as HH:MM, e.g. 00:45")
    talk.room = clean_line(_text(element, "room")) or room_name or None
    talk.track = clean_line(_text(element, "track")) or None
    program_type = clean_line(_text(element, "type"))
    talk.kind = kind_of(program_type)
    talk.language = clean_line(_text(element, "language")) or None
    abstract = to_markdown(_text(element, "abstract"))
    description = to_markdown(_text(element, "description"))
    talk.abstract = join_texts(abstract, description)
    talk.slug_hint = clean_line(_text(element, "slug")) or None
    persons = element.find("persons")
    for person in persons.findall("person") if persons is not None else []:
        name = clean_line(person.text)
        if name:
            pid = person.get("code") or person.get("id") or person.get("guid")
            talk.speakers.append(Person(name=name, id=pid.strip() if pid else None))
    add_link(talk.links, "program", _text(element, "url"), base, key="program")
    recording = element.find("recording")
    if recording is not None:
        add_link(talk.links, "video", _text(recording, "url") or _text(recording, "link"), base, key="video")
    add_link(talk.links, "video", _text(element, "video_download_url"), base)
    for group, tag in (("links", "link"), ("attachments", "attachment")):
        holder = element.find(group)
        for link in holder.findall(tag) if holder is not None else []:
            label = clean_line(link.text) or clean_line(link.get("type")) or tag
            href = (link.get("href") or "").strip()
            if href and base is None and not _SCHEME.match(href):
                unresolved.append(lines.get(link, line))
                continue
            add_link(talk.links, label, href, base)
    return talk
