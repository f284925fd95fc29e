"""Loading a whole knowledge base: parse and validate every file, then resolve references."""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import partial
from pathlib import Path
from typing import Any

from ..problems import Problem, Severity
from .bodylimits import body_problems
from .frontmatter import ParsedNote, decode, parse_note
from .model import ENTITY_KINDS, NOTE_REF_FIELDS, Entity, KnowledgeBase, Note
from .names import Registry, slugify
from .parsecache import ParseCache
from .schema import ENTITY_FOLDERS, TALKS_FOLDER
from .sources import SourceFile, find_sources, warn


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
    return posixpath.splitext(posixpath.basename(rel))[0]


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
        series=values.get("series"),
    )


def _note_from(source: SourceFile, parsed: ParsedNote, values: dict[str, Any]) -> Note:
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
    )


class _Resolver:
    """Turns front-matter references into slugs, creating entities that have no file yet."""

    def __init__(self, kb: KnowledgeBase, problems: list[Problem]) -> None:
        self.kb = kb
        self.problems = problems
        self.registries = {kind: Registry(kind) for kind in ENTITY_KINDS}
        self.file_names: dict[str, list[str]] = {kind: [] for kind in ENTITY_KINDS}

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
    body = body_problems(source.rel, parsed.body, parsed.body_line)  # issue 8: bounded bodies
    return parsed, values, problems + field_problems + body


def load(root: Path | str, cache: ParseCache[CheckedFile] | None = None
         ) -> tuple[KnowledgeBase, list[Problem]]:
    """Load every note and entity under ``root``; return the knowledge base and all problems found.

    With a ``cache`` (kept by ``mkdocs serve`` between rebuilds), unchanged files are not re-read.
    """
    root_path = Path(root).resolve()
    kb = KnowledgeBase(root=str(root_path))
    sources, problems = find_sources(root_path)
    resolver = _Resolver(kb, problems)
    notes: list[Note] = []
    if cache is not None:
        cache.forget_missing({s.rel for s in sources})
    for source in sources:
        if cache is None:
            parsed, values, file_problems = read_checked(source)
        else:
            parsed, values, file_problems = cache.get(source.rel, source.abs, partial(read_checked, source))
        problems.extend(file_problems)
        if parsed is None:
            continue
        if source.file_kind == "note":
            notes.append(_note_from(source, parsed, values))
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
    _check_topic_parents(kb, resolver, problems)
    problems.sort(key=lambda p: (p.path, p.line or 0, p.severity != Severity.ERROR))
    return kb, problems


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
