"""Planning an import against the knowledge base: what to create, reuse, skip, or leave alone.

Nothing is written here. For each document the planner finds its event (an existing event by
slug, name or alias, else a new ``events/<slug>.md``), its talks, and their speakers (an existing
speaker by name, alias or slug, case- and accent-insensitively, reported when the spelling differs;
else a new ``speakers/<slug>.md``, one per person even if several talks name them). Each note's
text is rendered and compared with what is on disk: a missing file is *created*, an identical one
is *skipped* (so a second import changes nothing), a different one is a *conflict* and left alone.

Lines before a document's first talk (its introduction) go into a day note,
``posts/<event>-<session>.md`` (kind ``post``, with the event, session and date), so nothing
the author wrote is lost. Talk files are ``talks/<event>/<slugify(title)>.md``; a second talk with
the same title in one import gets the session (or a number) added to its slug.

A document without talk headings is never refused: it becomes one write-up in ``posts/`` (with
the event, session and date when they are known) and the plan warns, naming the file. A heading
that matches a talk the knowledge base already has (e.g. from the event's imported program)
takes its title and speakers; when that talk's file holds something else, the notes go to a
write-up ``posts/<event>-<talk>-notes.md`` beside it rather than being lost. The plan records
the heading convention chosen for each document and every line the importer was unsure of.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.authoring.safe_writer import render_note
from ..core.kb.addresses import generated_owner
from ..core.kb.loader import load
from ..core.kb.model import Entity
from ..core.kb.names import Registry, fold, slugify
from ..core.kb.schema import ENTITY_FOLDERS, POSTS_FOLDER, TALKS_FOLDER
from ..core.problems import HallwayError, Problem
from .blocks import Block, SourceDoc
from .evidence import Evidence
from .mdtext import escape_inline
from .render import render_blocks
from .scrub import scrub
from .split import DraftTalk, SplitDoc, split_doc

PROGRESS_EVERY = 50


@dataclass
class Options:
    """What the command line says about every document (each overrides what a post says)."""

    event: str | None = None
    event_name: str | None = None
    date: dt.date | None = None
    session: str | None = None
    headings: str | None = None
    """A heading convention to use for every document (see :mod:`.conventions`), not detected."""


@dataclass
class Entry:
    """One line of the plan: a file created, an entity reused, a note skipped or in conflict."""

    action: str
    """``created``, ``reused``, ``skipped`` or ``conflict``."""
    type: str
    """``talk``, ``post``, ``speaker`` or ``event``."""
    path: str | None
    title: str
    """The note's title, or the speaker's or event's name."""
    speakers: list[str] = field(default_factory=list)
    kind: str | None = None
    source: str | None = None
    reason: str = ""
    as_written: str | None = None
    exact: bool = True
    """For a reused entity: ``as_written`` is exactly its slug, name or one of its aliases."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type, "path": self.path}
        if self.type in ("talk", "post"):
            data.update(title=self.title, speakers=self.speakers, kind=self.kind)
        else:
            data["name"] = self.title
        if self.as_written is not None:
            data.update(as_written=self.as_written, exact=self.exact)
        if self.source:
            data["source"] = self.source
        if self.reason:
            data["reason"] = self.reason
        return data


ACTIONS = ("created", "reused", "skipped", "conflict")


@dataclass
class Plan:
    """Everything an import would do; ``files`` are the new files to write (path -> text)."""

    entries: list[Entry] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    conventions: list[dict[str, Any]] = field(default_factory=list)
    """Per document: the heading convention chosen (or forced) and every convention's score."""
    unsure: list[dict[str, Any]] = field(default_factory=list)
    """Lines the importer was unsure of: source, line, text and what it decided."""

    def report_lines(self) -> list[str]:
        """The conventions chosen and the unsure lines, for people."""
        lines = []
        for found in self.conventions:
            how = "forced" if found["forced"] else "detected"
            lines.append(f"headings  {found['source']}: {found['convention']} ({how}, "
                         f"{found['talks']} talk(s))")
        for item in self.unsure:
            where = f"{item['source']}:{item['line']}" if item["line"] else item["source"]
            lines.append(f"unsure    {where}: {item['text']!r} — {item['decision']}")
        return lines

    def of(self, action: str) -> list[Entry]:
        return [e for e in self.entries if e.action == action]

    @property
    def talks(self) -> list[Entry]:
        """Talk entries in the order they appear in the inputs, whatever their action."""
        return [e for e in self.entries if e.type == "talk"]

    def to_json(self, dry_run: bool) -> dict[str, Any]:
        keys = {"created": "created", "reused": "reused", "skipped": "skipped", "conflict": "conflicts"}
        data: dict[str, Any] = {"dry_run": dry_run}
        for action, key in keys.items():
            data[key] = [e.to_json() for e in self.of(action)]
        data["warnings"] = self.warnings
        data["conventions"] = self.conventions
        data["unsure"] = self.unsure
        data["summary"] = {key: len(self.of(action)) for action, key in keys.items()}
        return data


def _deslug(slug: str) -> str:
    return " ".join(word.capitalize() if word.isalpha() else word for word in slug.split("-"))


class _Planner:
    def __init__(self, root: Path, options: Options) -> None:
        self.root = root
        self.options = options
        self.plan = Plan()
        kb, _problems = load(root)
        self.evidence = Evidence.from_kb(kb)
        self.registries = {kind: Registry(kind) for kind in ("speaker", "event")}
        self.entities: dict[str, dict[str, Entity]] = {"speaker": {}, "event": {}}
        for kind, registry in self.registries.items():
            for entity in kb.entities[kind].values():
                registry.add(entity)
                self.entities[kind][entity.slug] = entity
        self.new: dict[str, dict[str, str]] = {"speaker": {}, "event": {}}
        """Entities this import creates a file for (or would): slug -> name."""
        self.needed: dict[str, dict[str, str | None]] = {"speaker": {}, "event": {}}
        """slug -> source of the first created note that refers to it (files are made only then)."""
        self.reported: set[tuple[str, str, str]] = set()
        self.used_paths: set[str] = set()
        self.problems: list[Problem] = []

    # entities -------------------------------------------------------------------------------
    def _reuse(self, kind: str, slug: str, written: str, source: str | None) -> str:
        """The display name of an existing (or already planned) entity; report the match once."""
        entity = self.entities[kind].get(slug)
        if entity is not None:
            name = entity.name
            exact = written in self.registries[kind].names_of(entity)
            path = entity.path
        else:
            name = self.new[kind][slug]
            exact = written == name
            path = None
        key = (kind, slug, written)
        if key not in self.reported and (entity is not None or (kind == "speaker" and not exact)):
            self.reported.add(key)
            if entity is None:
                reason = "same as a new speaker earlier in this import"
            elif path is None:
                reason = "named in other notes (no file)"
            else:
                reason = ("exact match" if written == name else "matched by slug or alias" if exact
                          else "matched ignoring case and accents")
            self.plan.entries.append(Entry("reused", kind, path or f"{ENTITY_FOLDERS[kind]}/{slug}.md",
                                           name, source=source, reason=reason, as_written=written,
                                           exact=exact))
        return name

    def _resolve(self, kind: str, names: list[str], source: str | None) -> tuple[str, str]:
        """(slug, display name) for the first of ``names`` that matches, or a new entity."""
        registry = self.registries[kind]
        for written in names:
            slug = registry.lookup(written)
            if slug is None and slugify(written) in self.entities[kind]:
                slug = slugify(written)
            if slug is not None:
                return slug, self._reuse(kind, slug, written, source)
        written = names[0]
        slug = slugify(written)
        self._refuse_generated(kind, slug, written, source)
        if slug in self.new[kind]:
            return slug, self._reuse(kind, slug, written, source)
        self.new[kind][slug] = written
        registry.add(Entity(kind=kind, slug=slug, name=written))
        return slug, written

    def _refuse_generated(self, kind: str, slug: str, written: str, source: str | None) -> None:
        """Issue 18: an entity named "Index" would write over the site's list of its kind."""
        rel = f"{ENTITY_FOLDERS[kind]}/{slug}.md"
        owner = generated_owner(rel)
        if owner is not None:
            problem = Problem(source or rel, None, "--event" if kind == "event" else "speakers",
                              f"the {kind} '{written}' would get the page {rel}, the address of {owner}",
                              f"give the {kind} another name (nothing was written)")
            if problem not in self.problems:
                self.problems.append(problem)

    def event_for(self, doc: SourceDoc) -> tuple[str, str]:
        opts = self.options
        ref = opts.event or opts.event_name or doc.event_name
        if not ref or not slugify(ref):
            raise HallwayError([Problem(doc.source, None, "--event", "which event are these notes from?",
                                        "pass --event SLUG (and --event-name \"Full Name\" for a new "
                                        "event)")])
        names = [ref] + ([opts.event_name] if opts.event_name and opts.event_name != ref else [])
        slug = next((s for n in names if (s := self.registries["event"].lookup(n))), None)
        if slug is None and slugify(ref) in self.entities["event"]:
            slug = slugify(ref)
        if slug is not None:
            name = self._reuse("event", slug, ref, doc.source)
            if opts.event_name and fold(opts.event_name) != fold(name):
                warning = f"event '{ref}' already exists as '{name}'; --event-name is not used"
                if warning not in self.plan.warnings:
                    self.plan.warnings.append(warning)
            return slug, name
        slug = slugify(ref)
        self._refuse_generated("event", slug, ref, doc.source)
        if self.problems:
            raise HallwayError(self.problems)
        if ref == (opts.event or opts.event_name):
            name = opts.event_name or (ref if ref != slug else _deslug(slug))
        else:
            name = ref
        if slug not in self.new["event"]:
            self.new["event"][slug] = name
            self.registries["event"].add(Entity(kind="event", slug=slug, name=name,
                                                aliases=[ref] if ref != name else []))
        return slug, self.new["event"][slug]

    # notes ----------------------------------------------------------------------------------
    def _unique(self, folder: str, slug: str, extra: str) -> str:
        slug = slug or "talk"
        candidates = [slug]
        if extra and slugify(f"{slug} {extra}") != slug:
            candidates.append(slugify(f"{slug} {extra}"))
        for candidate in candidates:
            if f"{folder}/{candidate}.md" not in self.used_paths:
                rel = f"{folder}/{candidate}.md"
                break
        else:
            number = 2
            while f"{folder}/{candidates[-1]}-{number}.md" in self.used_paths:
                number += 1
            rel = f"{folder}/{candidates[-1]}-{number}.md"
        self.used_paths.add(rel)
        return rel

    def _place(self, entry: Entry, text: str) -> bool:
        """Created, skipped or conflict for a note at ``entry.path``; True when it will be written."""
        assert entry.path is not None
        target = self.root / entry.path
        if target.exists() or target.is_symlink():
            try:
                current = target.read_text(encoding="utf-8").replace("\r\n", "\n")
            except (OSError, UnicodeDecodeError):
                current = None
            if current == text:
                entry.action, entry.reason = "skipped", "unchanged (already imported)"
            else:
                entry.action = "conflict"
                entry.reason = "exists with different content; left alone"
            self.plan.entries.append(entry)
            return False
        entry.action = "created"
        self.plan.files[entry.path] = text
        self.plan.entries.append(entry)
        return True

    def _needs(self, kind: str, slug: str, source: str | None) -> None:
        self.needed[kind].setdefault(slug, source)

    def _event_slug(self, doc: SourceDoc) -> str | None:
        """The slug of the document's event if it can be told (nothing is planned for it yet)."""
        ref = self.options.event or self.options.event_name or doc.event_name
        if not ref or not slugify(ref):
            return None
        return self.registries["event"].lookup(ref) or slugify(ref)

    def add(self, doc: SourceDoc) -> None:
        self.plan.warnings.extend(f"{doc.source}: {note}" for note in doc.notes)
        split = split_doc(doc, self.evidence.for_event(self._event_slug(doc)), self.options.headings)
        self.plan.conventions.append({
            "source": doc.source, "convention": split.convention or "none",
            "forced": split.forced, "talks": len(split.talks), "scores": split.scores})
        self.plan.unsure.extend({"source": doc.source, "line": u.line, "text": u.text,
                                 "decision": u.decision} for u in split.unsure)
        if not split.talks:
            self._write_up(doc, split)
            return
        event_slug, event_name = self.event_for(doc)
        session = self.options.session or doc.session
        date = self.options.date or doc.date
        common: dict[str, Any] = {"event": event_name, "date": date, "session": session}
        # the post's own title (a page's heading, a front-matter title) is kept even without an introduction
        if any(block.text.strip() for block in split.intro) or (doc.title and doc.title != event_name):
            self._day_note(doc, split, event_slug, event_name, common)
        for talk in split.talks:
            self._talk(doc, split, talk, event_slug, common)

    def _talk(self, doc: SourceDoc, split: SplitDoc, talk: DraftTalk, event_slug: str,
              common: dict[str, Any]) -> None:
        source = f"{doc.source}:{talk.line}" if talk.line else doc.source
        session = common["session"]
        if talk.session:  # a track or miniconf named before the title
            session = f"{session} – {talk.session}" if session else talk.session
        date: dt.date | None = common["date"]
        label = session or (date.isoformat() if date else doc.stem)
        speakers: list[tuple[str, str]] = []
        for written in talk.heading.speakers:
            resolved = self._resolve("speaker", [written], source)
            if resolved not in speakers:
                speakers.append(resolved)
            self.evidence.add_speaker(resolved[1])
        title = talk.heading.title
        if talk.known is not None and talk.known.path not in self.used_paths:
            rel = talk.known.path
            self.used_paths.add(rel)
        else:
            rel = self._unique(f"{TALKS_FOLDER}/{event_slug}", slugify(title), label)
        fields = {"title": title, "speakers": [name for _, name in speakers], **common,
                  "session": session, "kind": talk.kind}
        if talk.link:
            fields["links"] = {"talk": talk.link}
        body = render_blocks(talk.blocks, doc.flat, split.talk_level)
        if talk.heading.byline:  # keep what the heading said about the speakers (affiliations)
            # "Panellists: …", "Presented by …", "Jane Doe presents" say what they are themselves
            labelled = re.match(r"[^\W\d_][\w ]{0,30}:\s|[\w ]{1,30} by\s|.*\spresents?$",
                                talk.heading.byline)
            byline = talk.heading.byline
            byline = byline if talk.heading.byline_markdown else escape_inline(byline)
            body = f"{'' if labelled else 'Speakers: '}{byline}\n\n{body}"
        text = render_note(fields, body)
        entry = Entry("", "talk", rel, title, [name for _, name in speakers], talk.kind, source)
        if talk.known is not None and rel == talk.known.path and not talk.known.has_notes \
                and (self.root / rel).exists() and body.strip() \
                and self._known_talk_notes(entry, text, fields, body, event_slug):
            return
        # Issue 18: a note already written by an interrupted import still needs its entities.
        if self._place(entry, text) or entry.action == "skipped":
            self._needs("event", event_slug, source)
            for slug, _name in speakers:
                self._needs("speaker", slug, source)

    def _known_talk_notes(self, entry: Entry, text: str, fields: dict[str, Any], body: str,
                          event_slug: str) -> bool:
        """Notes on a talk the knowledge base already has: a write-up beside it, never an overwrite."""
        assert entry.path is not None
        try:
            current = (self.root / entry.path).read_text(encoding="utf-8").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            current = None
        if current == text:
            return False
        entry.action, entry.reason = "reused", "the knowledge base already has this talk"
        self.plan.entries.append(entry)
        slug = Path(entry.path).stem
        rel = self._unique(POSTS_FOLDER, slugify(f"{event_slug} {slug} notes"), "")
        post = {"title": f"Notes: {fields['title']}", "event": fields["event"], "date": fields["date"],
                "session": fields["session"], "kind": "post"}
        note = Entry("", "post", rel, str(post["title"]), [], "post", entry.source,
                     reason=f"notes on {entry.path}")
        if self._place(note, render_note(post, body)):
            self._needs("event", event_slug, entry.source)
        return True

    def _write_up(self, doc: SourceDoc, split: SplitDoc) -> None:
        """A document without talk headings: one note, never a refusal."""
        event = None
        told = self.options.event or self.options.event_name or (
            doc.event_name if doc.event_name != doc.title else None)  # not "Packing list" as an event
        if told and self._event_slug(doc) is not None:
            event = self.event_for(doc)
        session = self.options.session or doc.session
        date = self.options.date or doc.date
        first = split.intro[0].plain if split.intro else ""
        title = doc.title or (first if 0 < len(first) <= 90 and not first.endswith(".")
                              else _deslug(slugify(doc.stem) or "notes"))
        fields: dict[str, Any] = {"title": title, "event": event[1] if event else None,
                                  "date": date, "session": session, "kind": "post"}
        blocks = split.intro[1:] if title == first and len(split.intro) > 1 else split.intro
        rel = self._unique(POSTS_FOLDER, slugify(title) or "notes", "")
        entry = Entry("", "post", rel, title, [], "post", doc.source)
        if self._place(entry, render_note(fields, render_blocks(blocks, False))) and event:
            self._needs("event", event[0], doc.source)
        self.plan.warnings.append(f"{doc.source}: no talk headings found; imported as one note, {rel} "
                                  "(use --headings to name the file's convention if it has talks)")

    def _day_note(self, doc: SourceDoc, split: SplitDoc, event_slug: str, event_name: str,
                  common: dict[str, Any]) -> str:
        date: dt.date | None = common["date"]
        label = common["session"] or (date.isoformat() if date else None) or doc.stem or "notes"
        rel = self._unique(POSTS_FOLDER, slugify(f"{event_slug} {label}"), "")
        title = doc.title or f"{event_name} – {label}"
        intro: list[Block] = split.intro
        text = render_note({"title": title, **common, "kind": "post"},
                           render_blocks(intro, doc.flat, split.talk_level))
        entry = Entry("", "post", rel, title, [], "post", doc.source)
        if self._place(entry, text) or entry.action == "skipped":
            self._needs("event", event_slug, doc.source)
        return rel

    def finish(self) -> Plan:
        if self.problems:
            raise HallwayError(self.problems)
        created_entities = []
        for kind in ("event", "speaker"):
            for slug, source in self.needed[kind].items():
                existing = self.entities[kind].get(slug)
                if existing is not None and existing.path is not None:
                    continue
                name = existing.name if existing is not None else self.new[kind][slug]
                rel = f"{ENTITY_FOLDERS[kind]}/{slug}.md"
                entry = Entry("", kind, rel, name, source=source)
                text = render_note({"name": name}, file_kind=kind)
                before = len(self.plan.entries)
                self._place(entry, text)
                created_entities.extend(self.plan.entries[before:])
                del self.plan.entries[before:]
        self.plan.entries[:0] = created_entities
        return self.plan


def make_plan(root: Path, docs: list[SourceDoc], options: Options,
              progress: Callable[[str], None] | None = None) -> Plan:
    """The plan for importing ``docs`` into the knowledge base at ``root``."""
    planner = _Planner(root, options)
    for doc in docs:
        scrub(doc)  # issue 18: no bidi or terminal controls in imported names, titles and text
    report = progress if progress is not None else (lambda text: print(text, file=sys.stderr))
    for number, doc in enumerate(docs, start=1):
        planner.add(doc)
        if len(docs) >= PROGRESS_EVERY and number % PROGRESS_EVERY == 0:
            report(f"hallway import: read {number}/{len(docs)} documents")
    return planner.finish()
