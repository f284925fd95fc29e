"""Loading a whole knowledge base: parse and validate every file, then resolve references."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Collection
from functools import partial
from pathlib import Path
from typing import Any

from ..problems import Problem, Severity
from .addresses import address_clashes
from .frontmatter import ParsedNote, decode, parse_note
from .model import (
    ENTITY_KINDS,
    NOTE_REF_FIELDS,
    Entity,
    KnowledgeBase,
    Note,
    TalkNote,
    date_span,
    day_of_event,
)
from .names import Registry, fold, skeleton, slugify
from .parallel_read import read_all
from .parsecache import ParseCache
from .reload import LoadMemo, reuse, stamp, working_copy
from .renderbudget import refused_body
from .schema import ENTITY_FOLDERS, TALK_NOTE, TALKS_FOLDER
from .sources import SourceFile, find_sources, warn
from .textchars import bidi_in_body


def read_source(source: SourceFile) -> tuple[ParsedNote | None, list[Problem]]:
    """Read, decode and split one file."""
    try:
        raw = source.abs.read_bytes()
    except OSError as err:
        return None, [Problem(source.rel, None, None, f"cannot be read ({err.strerror})",
                              "fix the file's permissions or remove it")]
    text, problems = decode(source.rel, raw)
    if text is None:
        return None, problems
    return parse_note(source.rel, text)


def _stem(rel: str) -> str:
    # String operations, not Path(rel).stem: called for every file of every (re)build.
    name = rel[rel.rfind("/") + 1:]
    return name[:-3] if name.endswith(".md") else posixpath.splitext(name)[0]


def _entity_from(source: SourceFile, parsed: ParsedNote, values: dict[str, Any]) -> Entity:
    return Entity(
        kind=source.file_kind,
        slug=_stem(source.rel),
        name=values.get("name") or _stem(source.rel),
        aliases=list(values.get("aliases", [])),
        url=values.get("url"),
        links=dict(values.get("links", {})),
        description=parsed.body,
        path=source.rel,
        body_line=parsed.body_line,
        dates=values.get("dates"),
        location=values.get("location"),
        parent=values.get("parent"),
        timezone=values.get("timezone"),
        program_ids=list(values.get("program_ids", [])),
        series=values.get("series"),
        autolink=values.get("autolink") or "auto",
    )


def _note_from(source: SourceFile, parsed: ParsedNote, values: dict[str, Any]) -> Note:
    """The note a file holds. Performance (issue 16): a serve rebuild makes all 21,715 notes of the
    archive again (linking and resolving change them); reading some thirty front-matter fields
    for each was ~0.1 s of it, so the fields are kept on the parsed file, which the parse cache
    keeps while the file is unchanged, and only what a build changes in place is made anew."""
    fields = parsed.note_fields
    if fields is None:
        fields = parsed.note_fields = _note_fields(source, parsed, values)
    note = object.__new__(Note)
    note.__dict__.update(fields)
    note.links = dict(note.links)
    note.lines = dict(note.lines)
    note.redirect_from = list(note.redirect_from)
    note.notes = []
    return note


def _note_fields(source: SourceFile, parsed: ParsedNote, values: dict[str, Any]) -> dict[str, Any]:
    in_talks = source.rel.startswith(TALKS_FOLDER + "/")
    date: dt.date | None = values.get("date")
    return Note(
        path=source.rel,
        slug=_stem(source.rel),
        title=values.get("title") or _stem(source.rel),
        kind=values.get("kind") or ("talk" if in_talks else "post"),
        event=values.get("event"),
        speakers=list(values.get("speakers", [])),
        projects=list(values.get("projects", [])),
        topics=list(values.get("topics", [])),
        date=date,
        session=values.get("session"),
        summary=values.get("summary"),
        links=dict(values.get("links", {})),
        body=parsed.body,
        body_line=parsed.body_line,
        autolink=values.get("autolink"),
        lines=dict(parsed.lines),
        subtitle=values.get("subtitle"),
        start=values.get("start"),
        duration=values.get("duration"),
        room=values.get("room"),
        track=values.get("track"),
        language=values.get("language"),
        abstract=values.get("abstract"),
        program=values.get("program"),
        withdrawn=bool(values.get("withdrawn", False)),
        by=values.get("by"),
        redirect_from=list(values.get("redirect_from", [])),
    ).__dict__


def _talk_note_from(source: SourceFile, parsed: ParsedNote, values: dict[str, Any]) -> TalkNote:
    return TalkNote(
        path=source.rel,
        talk=source.rel.rsplit("/", 1)[0] + ".md",
        by=values.get("by") or "",
        date=values.get("date"),
        projects=list(values.get("projects", [])),
        topics=list(values.get("topics", [])),
        summary=values.get("summary"),
        links=dict(values.get("links", {})),
        redirect_from=list(values.get("redirect_from", [])),
        body=parsed.body,
        body_line=parsed.body_line,
        lines=dict(parsed.lines),
    )


class _Resolver:
    """Turns front-matter references into slugs, creating entities that have no file yet."""

    def __init__(self, kb: KnowledgeBase, problems: list[Problem]) -> None:
        self.kb = kb
        self.problems = problems
        self.registries = {kind: Registry(kind) for kind in ENTITY_KINDS}
        self.file_names: dict[str, list[str]] = {kind: [] for kind in ENTITY_KINDS}
        self.looks: dict[str, dict[str, tuple[str, str, str]]] = {kind: {} for kind in ENTITY_KINDS}
        """Issue 18: skeleton of each entity name -> (name, slug, where it was written)."""

    def lookalike(self, kind: str, name: str, slug: str, where: str, path: str, line: int | None,
                  field: str) -> None:
        """Warn when ``name`` looks like another entity's name (Unicode confusables) but is not it."""
        key = skeleton(name)
        other = self.looks[kind].setdefault(key, (name, slug, where))
        if other[1] != slug and fold(other[0]) != fold(name):  # same name: the registry says so
            self.problems.append(warn(
                path, line, field,
                f"the {kind} name '{name}' looks like '{other[0]}' ({other[2]}) but is a different "
                f"{kind}: some of its letters only look the same",
                f"write '{other[0]}' if it is the same {kind}; otherwise use a name that reads "
                "differently"))

    def add_file_entity(self, entity: Entity) -> None:
        existing = self.kb.entities[entity.kind].get(entity.slug)
        if existing is not None:
            self.problems.append(Problem(entity.path or "", 1, "name",
                                         f"slug '{entity.slug}' is also claimed by {existing.path}",
                                         "merge the two files into one"))
            return
        for name, owner in self.registries[entity.kind].add(entity):
            self.problems.append(Problem(
                entity.path or "", 1, "name/aliases",
                f"the {entity.kind} name '{name}' is also claimed by {owner}",
                "keep the name on one file only (merge them if they are the same "
                f"{entity.kind})"))
        self.kb.entities[entity.kind][entity.slug] = entity
        self.file_names[entity.kind].extend(self.registries[entity.kind].names_of(entity))
        for name in [entity.name, *entity.aliases]:
            self.lookalike(entity.kind, name, entity.slug, entity.path or entity.slug,
                           entity.path or "", 1, "name")

    def resolve(self, kind: str, reference: str, path: str, line: int | None) -> str | None:
        registry = self.registries[kind]
        slug = registry.lookup(reference)
        if slug is not None:
            return slug
        slug = slugify(reference)
        if not slug:
            self.problems.append(Problem(path, line, NOTE_REF_FIELDS.get(kind, kind),
                                         f"cannot make a page name from {kind} '{reference}'",
                                         "use letters or digits in the name"))
            return None
        existing = self.kb.entities[kind].get(slug)
        if existing is not None:
            # Two spellings of an entity without a file ("hamish-coleman", "Hamish Coleman"):
            # keep the one that reads like a name for its page.
            if existing.path is None and existing.name == existing.slug and reference != slug:
                existing.name = reference
            registry.add(Entity(kind=kind, slug=slug, name=reference))
            return slug
        near = registry.near_miss(reference, self.file_names[kind])
        if near is not None:
            self.problems.append(warn(path, line, NOTE_REF_FIELDS.get(kind, kind),
                                      f"unknown {kind} '{reference}'",
                                      f"did you mean '{near}'? (otherwise a new {kind} page is made)"))
        entity = Entity(kind=kind, slug=slug, name=reference,
                        first_ref=f"{path}:{line}" if line else path)
        self.kb.entities[kind][slug] = entity
        registry.add(entity)
        self.lookalike(kind, reference, slug, entity.first_ref or path, path, line,
                       NOTE_REF_FIELDS.get(kind, kind))
        return slug

    def resolve_list(self, kind: str, refs: list[str], path: str, field: str,
                     lines: dict[str, int]) -> list[str]:
        slugs: list[str] = []
        for index, ref in enumerate(refs):
            slug = self.resolve(kind, ref, path, lines.get(f"{field}.{index}") or lines.get(field))
            if slug is not None and slug not in slugs:
                slugs.append(slug)
        return slugs


def _check_topic_parents(kb: KnowledgeBase, resolver: _Resolver, problems: list[Problem]) -> None:
    for topic in list(kb.entities["topic"].values()):
        if topic.parent is None or topic.path is None:
            continue
        parent = resolver.resolve("topic", topic.parent, topic.path, None)
        if parent == topic.slug:
            problems.append(Problem(topic.path, None, "parent", "a topic cannot be its own parent",
                                    "remove the parent field or name a broader topic"))
            parent = None
        topic.parent = parent
    for topic in kb.entities["topic"].values():
        seen = {topic.slug}
        current = topic.parent
        while current is not None:
            if current in seen:
                problems.append(Problem(topic.path or topic.slug, None, "parent",
                                        f"topic parents form a loop through '{current}'",
                                        "make one of the topics in the loop a top-level topic"))
                topic.parent = None
                break
            seen.add(current)
            parent_topic = kb.entities["topic"].get(current)
            current = parent_topic.parent if parent_topic else None


#: A file read and validated: what :class:`~hallway.core.kb.parsecache.ParseCache` keeps between builds.
CheckedFile = tuple[ParsedNote | None, dict[str, Any], list[Problem]]


def read_checked(source: SourceFile) -> CheckedFile:
    """Read, parse and validate one file, before any reference is resolved."""
    from .validate import validate_fields

    parsed, problems = read_source(source)
    if parsed is None:
        return None, {}, problems
    values, field_problems = validate_fields(parsed, source.file_kind)
    body = refused_body(source.rel, parsed.body, parsed.body_line)  # issues 8, 18: bounded rendering
    if body:
        parsed.body = ""  # refused: no later stage (linking, check, pages) spends time on it
    body += bidi_in_body(source.rel, parsed.body, parsed.body_line)  # issue 18: Trojan Source
    return parsed, values, problems + field_problems + body


def load(root: Path | str, cache: ParseCache[CheckedFile] | None = None, parallel: bool = False,
         memo: LoadMemo | None = None, changed: Collection[str] | None = None
         ) -> tuple[KnowledgeBase, list[Problem]]:
    """Load every note and entity under ``root``; return the knowledge base and all problems found.

    With a ``cache`` (kept by ``mkdocs serve`` between rebuilds), unchanged files are not re-read,
    and with a ``memo`` too, an edit to notes' text reuses the last load (``reload.py``); then
    ``changed`` (the absolute paths a file watcher saw change since the last load; ``None``: not
    known) spares walking the folders (``sources.refresh_sources``). Without a cache, ``parallel``
    lets a large knowledge base be read by two processes (``parallel_read.py``; the caller knows
    whether forking is allowed).
    """
    root_path = Path(root).resolve()
    kb = KnowledgeBase(root=str(root_path))
    memo = memo if cache is not None else None
    found = memo.files_after(root_path, changed) if memo is not None else None
    sources, problems = found if found is not None else find_sources(root_path)
    layout = list(problems)
    resolver = _Resolver(kb, problems)
    notes: list[Note] = []
    talk_notes: list[TalkNote] = []
    if cache is None:
        checked = read_all(sources, read_checked, parallel)
    else:
        cache.forget_missing({s.rel for s in sources})
        checked = [cache.get(s.rel, s.abs_path, partial(read_checked, s), s.stamp) for s in sources]
        if memo is not None:
            again = reuse(memo, sources, layout, checked, _unresolved_note)
            if again is not None:
                return working_copy(again[0]), again[1]
    for source, (parsed, values, file_problems) in zip(sources, checked, strict=True):
        if source.file_kind == "note" and "by" in values and parsed and "title" not in parsed.data:
            file_problems = _misplaced_note(source.rel, file_problems)
        problems.extend(file_problems)
        if parsed is None:
            continue
        if source.file_kind == "note":
            notes.append(_note_from(source, parsed, values))
            continue
        if source.file_kind == TALK_NOTE:
            talk_notes.append(_talk_note_from(source, parsed, values))
            continue
        stem = _stem(source.rel)
        if slugify(stem) != stem:
            problems.append(warn(source.rel, None, None, f"file name '{stem}' is not a slug",
                                 f"rename it to {ENTITY_FOLDERS[source.file_kind]}/{slugify(stem)}.md"))
        entity = _entity_from(source, parsed, values)
        if entity.series is not None and slugify(entity.series) != entity.series:
            fixed = slugify(entity.series) or None
            problems.append(warn(source.rel, parsed.line_of("series"), "series",
                                 f"series '{entity.series}' is not a slug",
                                 f"write series: {fixed}" if fixed else "use letters or digits"))
            entity.series = fixed
        resolver.add_file_entity(entity)
    for note in notes:
        _resolve_note(note, resolver, problems)
        kb.notes[note.path] = note
    for talk_note in talk_notes:
        _attach_talk_note(kb, talk_note, resolver, problems)
    _check_topic_parents(kb, resolver, problems)
    _date_from_events(kb)
    problems += address_clashes(kb)  # issue 18: no file may take over another page
    problems.sort(key=lambda p: (p.path, p.line or 0, p.severity != Severity.ERROR))
    if memo is not None:
        stamp(kb.notes.values())
        memo.remember(sources, layout, checked, kb, problems)
        return working_copy(kb), problems
    return kb, problems


def _unresolved_note(source: SourceFile, checked: CheckedFile) -> Note:
    """The note a readable file holds, before its references are resolved (``reload.py``)."""
    parsed, values, _ = checked
    assert parsed is not None
    return _note_from(source, parsed, values)


def _date_from_events(kb: KnowledgeBase) -> None:
    """A talk without a date takes its event's: the day its session names ("Day 2"), else the first."""
    spans = {slug: date_span(event.dates) for slug, event in kb.entities["event"].items()}
    for note in kb.notes.values():
        span = spans.get(note.event) if note.event and note.date is None else None
        if span is not None:
            note.date = day_of_event(span, note.session)
            note.date_from_event = True


def _resolve_note(note: Note, resolver: _Resolver, problems: list[Problem]) -> None:
    folder_event = note.path.split("/")[1] if note.path.startswith(TALKS_FOLDER + "/") else None
    if note.event:
        event = resolver.resolve("event", note.event, note.path, note.lines.get("event"))
        if event and folder_event and event != folder_event:
            problems.append(warn(note.path, note.lines.get("event"), "event",
                                 f"event '{note.event}' does not match the folder talks/{folder_event}/",
                                 f"move the note to talks/{event}/ or set event: {folder_event}"))
        note.event = event
    elif folder_event is not None:
        problems.append(Problem(note.path, 1, "event", "missing required field 'event'",
                                f"add 'event: {folder_event}' to the front-matter"))
        note.event = resolver.resolve("event", folder_event, note.path, None)
    for kind in ("speaker", "project", "topic"):
        field = NOTE_REF_FIELDS[kind]
        slugs = resolver.resolve_list(kind, note.refs(kind), note.path, field, note.lines)
        setattr(note, field, slugs)
    if note.by:
        # Note-takers are people in the speakers' registry: unknown ones get a page (issue 14).
        note.by = resolver.resolve("speaker", note.by, note.path, note.lines.get("by"))


def _misplaced_note(rel: str, problems: list[Problem]) -> list[Problem]:
    """One person's notes (``by:``, no ``title``) outside a talk's notes folder: say where they go."""
    folder = rel.rsplit("/", 1)[0]
    name = _stem(rel)
    where = (f"{folder}/<talk>/{name}.md, in the notes folder of the talk it is about"
             if rel.startswith(TALKS_FOLDER + "/") else
             f"{TALKS_FOLDER}/<event>/<talk>/{name}.md, in the notes folder of the talk it is about")
    return [Problem(p.path, p.line, p.field,
                    "notes by one person (by:, no title) belong in a talk's notes folder",
                    f"move it to {where}, or give it a title if it is a talk or write-up of its own")
            if p.field == "title" and p.message.startswith("missing required field") else p
            for p in problems]


def _attach_talk_note(kb: KnowledgeBase, talk_note: TalkNote, resolver: _Resolver,
                      problems: list[Problem]) -> None:
    """Resolve one person's notes and add them to their talk, refusing a second note by the same person."""
    talk = kb.notes.get(talk_note.talk)
    if talk is None:
        return  # the talk file could not be read: its own problem says why
    if not talk.is_talk:
        problems.append(Problem(talk_note.path, 1, None,
                                f"{talk.path} is a write-up, not a talk",
                                "notes folders belong to talks (kind talk, keynote, …)"))
        return
    by = resolver.resolve("speaker", talk_note.by, talk_note.path, talk_note.lines.get("by"))
    if by is None:
        return
    talk_note.by = by
    stem = _stem(talk_note.path)
    if stem != by:
        folder = talk_note.path.rsplit("/", 1)[0]
        problems.append(warn(talk_note.path, talk_note.lines.get("by"), "by",
                             f"the file name '{stem}' does not match by: '{kb.entities['speaker'][by].name}'",
                             f"rename the file to {folder}/{by}.md"))
    for kind in ("project", "topic"):
        field = NOTE_REF_FIELDS[kind]
        slugs = resolver.resolve_list(kind, getattr(talk_note, field), talk_note.path, field,
                                      talk_note.lines)
        setattr(talk_note, field, slugs)
        # A note's topics and projects add to its talk's relations.
        merged = getattr(talk, field)
        merged.extend(slug for slug in slugs if slug not in merged)
    earlier = talk.path if talk.by == by else next(
        (other.path for other in talk.notes if other.by == by), None)
    if earlier is not None:
        name = kb.entities["speaker"][by].name
        problems.append(Problem(talk_note.path, talk_note.lines.get("by") or 1, "by",
                                f"{name} already has notes on this talk in {earlier}",
                                f"add these notes to {earlier} and delete this file"))
        return
    talk.notes.append(talk_note)
