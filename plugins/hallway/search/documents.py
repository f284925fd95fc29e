"""What the terminal search indexes for each note, read straight from the files, Whoosh-free.

The search index is updated a few notes at a time, so this module can read *one* note and resolve
its references without loading the whole knowledge base: :class:`EntityNames` holds the entity
files' names and aliases (a few hundred small files), and :func:`read_doc` reads a note and
resolves its speakers, event, projects and topics the way :mod:`hallway.core.kb.loader` does (slug,
display name or alias; unknown names become slugs). Each reference carries every name it is known
by, so searching an alias (``CLA``) or a speaker's name finds notes that never spell it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

    from ..core.kb.frontmatter import ParsedNote

from ..core.kb.model import ENTITY_KINDS, NOTE_REF_FIELDS, Entity, date_span, day_of_event
from ..core.kb.names import Registry, alias_forms, slugify
from ..core.kb.schema import KIND_LABELS, TALK_NOTE, TALKS_FOLDER
from ..core.kb.sources import SourceFile

#: Characters that mark the start and end of a matched word in a snippet; stripped from note text.
MARK_START = "\ue000"
MARK_END = "\ue001"


@dataclass(frozen=True)
class Ref:
    """A note's reference to an entity: its slug, display name and every other name it goes by."""

    slug: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def search_text(self) -> str:
        """All its names as one text: display name, aliases (``CLA(s)`` → ``CLA CLAs``) and slug."""
        names = [self.name, *self.aliases, self.slug.replace("-", " ")]
        return " ; ".join(dict.fromkeys(names))


@dataclass
class SearchDoc:
    """One note as the search index sees it."""

    path: str
    title: str
    kind: str
    date: str = ""
    summary: str = ""
    text: str = ""
    """The note's body as plain text (Markdown rendered, tags dropped)."""
    event: Ref | None = None
    speakers: list[Ref] = field(default_factory=list)
    projects: list[Ref] = field(default_factory=list)
    topics: list[Ref] = field(default_factory=list)

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def refs(self, kind: str) -> list[Ref]:
        if kind == "event":
            return [self.event] if self.event else []
        return {"speaker": self.speakers, "project": self.projects, "topic": self.topics}[kind]


BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre", "blockquote", "dt", "dd"})


class _TextOnly(HTMLParser):
    """Collects the text of rendered Markdown, one space per block (stdlib: no extra dependency)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" · " if tag in BLOCKS else " ")


@cache
def _markdown() -> markdown.Markdown:
    """One Markdown converter, made on first use: a search with an up-to-date index needs none."""
    import markdown  # lazy: `hallway search` starts faster (issue 19)

    return markdown.Markdown(extensions=["tables", "fenced_code"])


def plain_text(body: str) -> str:
    """A Markdown body as plain text, for indexing and snippets."""
    parser = _TextOnly()
    parser.feed(_markdown().reset().convert(body))
    parser.close()
    text = " ".join("".join(parser.parts).split())
    while "· ·" in text:
        text = text.replace("· ·", "·")
    return text.strip(" ·").replace(MARK_START, "").replace(MARK_END, "")


class EntityNames:
    """The names and aliases of every entity file, for resolving references like the loader does."""

    def __init__(self) -> None:
        self.registries = {kind: Registry(kind) for kind in ENTITY_KINDS}
        self.refs: dict[str, dict[str, Ref]] = {kind: {} for kind in ENTITY_KINDS}
        #: First and last day of each event file with dates: undated talks take their event's date.
        self.event_days: dict[str, tuple[dt.date, dt.date]] = {}

    def add_file(self, source: SourceFile) -> None:
        """Register an entity file (unreadable or invalid ones are left to ``hallway check``)."""
        from ..core.kb.loader import read_source  # lazy, like everything that reads notes (issue 19)
        from ..core.kb.validate import validate_fields

        parsed, _ = read_source(source)
        if parsed is None:
            return
        values, _ = validate_fields(parsed, source.file_kind)
        slug = Path(source.rel).stem
        if slug in self.refs[source.file_kind]:
            return
        entity = Entity(kind=source.file_kind, slug=slug, name=str(values.get("name") or slug),
                        aliases=list(values.get("aliases", [])))
        self.registries[source.file_kind].add(entity)
        dates = values.get("dates") if source.file_kind == "event" else None
        span = date_span(str(dates)) if dates else None
        if span is not None:
            self.event_days[slug] = span
        self.refs[source.file_kind][slug] = Ref(
            slug, entity.name, tuple(form for alias in entity.aliases for form in alias_forms(alias)))

    def resolve(self, kind: str, reference: str) -> Ref | None:
        """The entity a front-matter reference names; unknown names become an entity of their own."""
        slug = self.registries[kind].lookup(reference)
        if slug is not None:
            return self.refs[kind][slug]
        slug = slugify(reference)
        if not slug:
            return None
        return self.refs[kind].get(slug) or Ref(slug, reference)

    def lookup(self, kind: str, text: str) -> str | None:
        """The slug of the entity file ``text`` names (slug, name or alias), if any."""
        return self.registries[kind].lookup(text)


def _refs(names: EntityNames, kind: str, values: list[str]) -> list[Ref]:
    refs: list[Ref] = []
    for value in values:
        ref = names.resolve(kind, value)
        if ref is not None and ref.slug not in {r.slug for r in refs}:
            refs.append(ref)
    return refs


def doc_from(source: SourceFile, parsed: ParsedNote, names: EntityNames) -> SearchDoc:
    """The search record of a parsed note (fields that fail validation are left out)."""
    from ..core.kb.renderbudget import refused_body  # lazy: it loads Markdown and Pygments
    from ..core.kb.validate import validate_fields  # lazy: see EntityNames.add_file

    values, _ = validate_fields(parsed, "note")
    in_talks = source.rel.startswith(TALKS_FOLDER + "/")
    folder_event = source.rel.split("/")[1] if in_talks else None
    event_ref = values.get("event") or folder_event
    date = values.get("date")
    event = names.resolve("event", event_ref) if event_ref else None
    span = names.event_days.get(event.slug) if event is not None and date is None else None
    if span is not None:
        date = day_of_event(span, values.get("session"))
    doc = SearchDoc(
        path=source.rel,
        title=str(values.get("title") or Path(source.rel).stem),
        kind=str(values.get("kind") or ("talk" if in_talks else "post")),
        date=date.isoformat() if date else "",
        summary=str(values.get("summary") or ""),
        # Issue 18: the body limits and render budget of the loader; a refused body is not rendered.
        text="" if refused_body(source.rel, parsed.body, parsed.body_line) else plain_text(parsed.body),
        event=event,
    )
    for kind in ("speaker", "project", "topic"):
        setattr(doc, NOTE_REF_FIELDS[kind], _refs(names, kind, list(values.get(NOTE_REF_FIELDS[kind], []))))
    return doc


def read_doc(source: SourceFile, names: EntityNames) -> SearchDoc | None:
    """Read one note file into a search record; ``None`` if it cannot be read or parsed."""
    from ..core.kb.loader import read_source  # lazy: see EntityNames.add_file

    parsed, _ = read_source(source)
    if parsed is None:
        return None
    if source.file_kind == TALK_NOTE:
        return _talk_note_doc(source, parsed, names)
    return doc_from(source, parsed, names)


def _talk_note_doc(source: SourceFile, parsed: ParsedNote, names: EntityNames) -> SearchDoc | None:
    """One person's notes on a talk (issue 14): found under the talk's title, event and speakers,
    with the note's own text, topics and projects, and its author among the names it is found by."""
    from ..core.kb.loader import read_source  # lazy: see EntityNames.add_file
    from ..core.kb.validate import validate_fields

    talk_rel = source.rel.rsplit("/", 1)[0] + ".md"
    talk_source = SourceFile(talk_rel, str(source.abs.parent.with_suffix(".md")), "note")
    talk_parsed, _ = read_source(talk_source)
    if talk_parsed is None:
        return None
    doc = doc_from(talk_source, talk_parsed, names)
    values, _ = validate_fields(parsed, TALK_NOTE)
    author = names.resolve("speaker", str(values.get("by") or ""))
    doc.path = source.rel
    doc.title = f"{doc.title} — notes by {author.name}" if author else doc.title
    doc.summary = str(values.get("summary") or "")
    doc.text = plain_text(parsed.body)
    if author is not None and author.slug not in {r.slug for r in doc.speakers}:
        doc.speakers.append(author)
    for kind in ("project", "topic"):
        field_name = NOTE_REF_FIELDS[kind]
        mine = _refs(names, kind, list(values.get(field_name, [])))
        known = getattr(doc, field_name)
        known.extend(r for r in mine if r.slug not in {k.slug for k in known})
    if values.get("date"):
        doc.date = values["date"].isoformat()
    return doc
