"""Planning a program's import against the knowledge base: what to create, update or report.

Nothing is written here. A talk is found again by its ``program: {source, id}`` (the event's slug
and the program's own id), so a re-import of the same file plans nothing, and a newer version of
the program updates only the fields the program owns (:data:`PROGRAM_FIELDS`), keeping the note's
body byte for byte and every other field as the person wrote it. Talks never disappear: one gone
from the program is reported, and marked ``withdrawn: true`` only when asked.

Speakers are matched by the program's person id (``program_ids`` in a speaker file), then by
name, slug or alias (case- and accent-insensitively); a new speaker gets one file whatever the
number of talks, with the program's bio and links. Events are matched by slug, name or alias.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...core.authoring.safe_writer import render_note
from ...core.kb.frontmatter import CLOSE_FENCE, parse_note
from ...core.kb.loader import load
from ...core.kb.model import Entity, Note
from ...core.kb.names import Registry, fold, slugify
from ...core.kb.schema import ENTITY_FOLDERS, TALKS_FOLDER
from ...core.problems import HallwayError, Problem
from ..scrub import scrub_program
from .model import Person, Program, Talk

#: Front-matter fields a program owns: a newer program rewrites them, nothing else.
PROGRAM_FIELDS = ("title", "subtitle", "speakers", "date", "start", "duration", "room", "track",
                  "kind", "language", "abstract", "links")


@dataclass
class Change:
    """One file the import writes or would write, or one talk it reports."""

    action: str
    """``created``, ``updated``, ``unchanged``, ``withdrawn`` (gone from the program) or ``kept``
    (a note that is not from the program holds the talk's path)."""
    type: str
    path: str
    title: str
    fields: list[str] = field(default_factory=list)
    """For ``updated``: the fields that changed."""
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"action": self.action, "type": self.type, "path": self.path,
                                "title": self.title}
        if self.fields:
            data["fields"] = self.fields
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass
class ProgramPlan:
    """Everything an import of programs would do."""

    changes: list[Change] = field(default_factory=list)
    new_files: dict[str, str] = field(default_factory=dict)
    replaced: dict[str, tuple[str, str]] = field(default_factory=dict)
    """path -> (text now on disk, new text): written only if the file still has the old text."""
    warnings: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)

    def of(self, action: str) -> list[Change]:
        return [c for c in self.changes if c.action == action]

    def to_json(self, dry_run: bool) -> dict[str, Any]:
        actions = ("created", "updated", "unchanged", "withdrawn", "kept")
        return {"dry_run": dry_run, "programs": self.programs,
                **{a: [c.to_json() for c in self.of(a)] for a in actions if a != "unchanged"},
                "warnings": self.warnings,
                "summary": {a: len(self.of(a)) for a in actions}}


@dataclass
class ProgramOptions:
    event: str | None = None
    event_name: str | None = None
    mark_withdrawn: bool = False


def _plain(value: Any) -> Any:
    """A value as the strict front-matter loader reads it back (all text), for comparison."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _split(text: str) -> tuple[str, str]:
    """(front-matter text with fences, everything after the closing fence, verbatim)."""
    lines = text.split("\n")
    close = next(i for i in range(1, len(lines)) if CLOSE_FENCE.match(lines[i]))
    return "\n".join(lines[: close + 1]) + "\n", "\n".join(lines[close + 1:])


class ProgramPlanner:
    """Plans one or more programs against the knowledge base at ``root``."""

    def __init__(self, root: Path, options: ProgramOptions) -> None:
        self.root = root
        self.options = options
        self.plan = ProgramPlan()
        self.problems: list[Problem] = []
        kb, _problems = load(root)
        self.notes = kb.notes
        self.registries = {kind: Registry(kind) for kind in ("speaker", "event", "topic")}
        self.entities: dict[str, dict[str, Entity]] = {k: dict(kb.entities[k]) for k in self.registries}
        for kind, registry in self.registries.items():
            for entity in kb.entities[kind].values():
                registry.add(entity)
        self.person_ids: dict[str, str] = {}
        self.ids_of: dict[str, set[str]] = {}
        """speaker slug -> the person ids known to be that speaker (files and this import)."""
        for speaker in kb.entities["speaker"].values():
            self.ids_of[speaker.slug] = set(speaker.program_ids)
            for pid in speaker.program_ids:
                self.person_ids.setdefault(pid, speaker.slug)
        self.homonyms: set[str] = set()
        self.by_program: dict[tuple[str, str], Note] = {}
        for note in kb.notes.values():
            if note.program:
                self.by_program.setdefault((note.program["source"], note.program["id"]), note)
        self.used_paths: set[str] = set(kb.notes)
        self.planned: dict[tuple[str, str], str] = {}
        """(source, id) -> path of each talk this import creates."""
        self.new_speakers: dict[str, dict[str, Any]] = {}
        self.new_speaker_bios: dict[str, str] = {}

    # -- entities ------------------------------------------------------------------------------
    def _event(self, program: Program) -> tuple[str, str]:
        info = program.event
        ref = self.options.event or info.name
        if not ref:
            ref = _event_from_file_name(program.source) or ""
            if ref:
                self.plan.warnings.append(f"{program.source}: the file does not name its event; "
                                          f"using '{ref}' from its name (pass --event to choose)")
        if not ref or not slugify(ref):
            raise HallwayError([Problem(program.source, None, "--event",
                                        "the program does not name its event",
                                        "pass --event SLUG (and --event-name \"Full Name\" for a "
                                        "new event)")])
        registry = self.registries["event"]
        candidates = [ref, slugify(ref)] if self.options.event or not info.name else [info.slug, info.name]
        for written in candidates:
            slug = registry.lookup(written) or (written if written in self.entities["event"] else None)
            if slug is not None:
                return slug, self.entities["event"][slug].name
        from_program = not self.options.event and bool(info.name)
        slug = (info.slug or slugify(info.name)) if from_program else slugify(ref)
        if self.options.event_name:
            name = self.options.event_name
        elif info.name:
            name = info.name
        elif ref == slug:  # a slug says less than a name: "oslo-ops-2026" -> "Oslo Ops 2026"
            name = " ".join(w.capitalize() if w.isalpha() else w for w in slug.split("-"))
        else:
            name = ref
        fields: dict[str, Any] = {"name": name, "url": info.url, "dates": info.dates,
                                  "location": info.location, "timezone": info.timezone}
        entity = Entity(kind="event", slug=slug, name=name, path=f"events/{slug}.md")
        registry.add(entity)
        self.entities["event"][slug] = entity
        self._create(f"{ENTITY_FOLDERS['event']}/{slug}.md", render_note(fields, file_kind="event"),
                     "event", name)
        return slug, name

    def _speaker(self, person: Person, id_space: str | None, where: str = "") -> str | None:
        """The display name to write for ``person``: an existing or planned speaker, or a new one."""
        pid = f"{id_space}:{person.id}" if person.id and id_space else None
        slug = self.person_ids.get(pid) if pid else None
        if slug is None:
            slug = self.registries["speaker"].lookup(person.name)
            if slug is None and slugify(person.name) in self.entities["speaker"]:
                slug = slugify(person.name)
            if slug is not None and pid is not None and not self._same_person(slug, pid, person, where):
                pid = None  # another person of this name: their id is not recorded on this speaker
        if slug is not None:
            planned = self.new_speakers.get(slug)
            if planned is not None:  # a new speaker seen again: gather ids, keep the first bio
                if pid and pid not in planned["program_ids"]:
                    planned["program_ids"].append(pid)
                for key, url in person.links.items():
                    planned["links"].setdefault(key, url)
                if person.bio and not self.new_speaker_bios.get(slug):
                    self.new_speaker_bios[slug] = person.bio
            if pid:
                self.person_ids.setdefault(pid, slug)
                self.ids_of.setdefault(slug, set()).add(pid)
            return self.entities["speaker"][slug].name
        slug = slugify(person.name)
        if not slug:
            self.plan.warnings.append(f"speaker '{person.name}' has no letters or digits; left out")
            return None
        entity = Entity(kind="speaker", slug=slug, name=person.name, path=f"speakers/{slug}.md")
        self.registries["speaker"].add(entity)
        self.entities["speaker"][slug] = entity
        self.new_speakers[slug] = {"name": person.name, "links": dict(person.links),
                                   "program_ids": [pid] if pid else []}
        self.new_speaker_bios[slug] = person.bio
        if pid:
            self.person_ids[pid] = slug
            self.ids_of[slug] = {pid}
        return person.name

    def _same_person(self, slug: str, pid: str, person: Person, where: str) -> bool:
        """Whether the person with id ``pid`` may be the speaker ``slug``, found by name: not when
        that speaker already has another id of the same program system (two people of one name,
        as FOSDEM has). Names cannot tell them apart, so the talk still names that speaker, and the
        import says how to give the other person a file of their own."""
        space = pid.rpartition(":")[0]
        others = sorted(i for i in self.ids_of.get(slug, ()) if i.rpartition(":")[0] == space and i != pid)
        if not others:
            return True
        if pid not in self.homonyms:
            self.homonyms.add(pid)
            entity = self.entities["speaker"][slug]
            path = entity.path or f"{ENTITY_FOLDERS['speaker']}/{slug}.md"
            self.plan.warnings.append(
                f"{where + ': ' if where else ''}persons: person {person.id} '{person.name}' has the name of "
                f"{path}, which is person {others[0].rpartition(':')[2]} of {space}; the talk names that "
                f"speaker — if they are two people, write a speaker file for person {person.id} with "
                f"another name and program_ids: ['{pid}'], then import again")
        return False

    # -- files ---------------------------------------------------------------------------------
    def _create(self, rel: str, text: str, kind: str, title: str) -> None:
        target = self.root / rel
        if target.exists() or target.is_symlink() or rel in self.plan.new_files:
            return
        self.plan.new_files[rel] = text
        self.plan.changes.append(Change("created", kind, rel, title))

    def _fields(self, talk: Talk, program: Program, event_name: str, source: str) -> dict[str, Any]:
        speakers = [name for person in talk.speakers
                    if (name := self._speaker(person, program.id_space, talk.where)) is not None]
        topics = [tag for tag in talk.tags if slugify(tag)]
        return {"title": talk.title, "subtitle": talk.subtitle, "speakers": list(dict.fromkeys(speakers)),
                "event": event_name, "date": talk.date, "start": talk.start, "duration": talk.duration,
                "room": talk.room, "track": talk.track, "kind": talk.kind, "language": talk.language,
                "topics": topics, "links": dict(talk.links), "abstract": talk.abstract,
                "program": {"source": source, "id": talk.id}}

    def _path_for(self, talk: Talk, event_slug: str) -> str | None:
        folder = f"{TALKS_FOLDER}/{event_slug}"
        base = slugify(talk.title) or slugify(talk.slug_hint or "") or "talk"
        rel = f"{folder}/{base}.md"
        existing = self.notes.get(rel)
        if existing is not None and existing.program is None and fold(existing.title) == fold(talk.title):
            self.plan.changes.append(Change(
                "kept", "talk", rel, talk.title,
                reason=f"a note on this talk is not linked to the program; add 'program: {{source: "
                       f"{event_slug}, id: \"{talk.id}\"}}' to it and import again"))
            return None
        if rel in self.used_paths or (self.root / rel).exists():
            rel = f"{folder}/{base[:70]}-{slugify(talk.id) or 'talk'}.md"
            number = 2
            while rel in self.used_paths or (self.root / rel).exists():
                rel = f"{folder}/{base[:70]}-{slugify(talk.id)}-{number}.md"
                number += 1
        self.used_paths.add(rel)
        return rel

    def add(self, program: Program) -> None:
        removed = scrub_program(program)
        if removed:
            self.plan.warnings.append(f"{program.source}: removed {removed} invisible control character(s) "
                                      "(direction marks, terminal controls) from the program's text")
        event_slug, event_name = self._event(program)
        self.plan.programs.append(f"{program.source} ({program.format}, {len(program.talks)} talks) "
                                  f"-> {event_slug}")
        self.plan.warnings.extend(problem.format() for problem in program.warnings)
        source = event_slug
        present: set[str] = set(program.unread_ids)  # left out for a fault, not gone
        for talk in program.talks:
            present.add(talk.id)
            fields = self._fields(talk, program, event_name, source)
            note = self.by_program.get((source, talk.id))
            if note is None and (source, talk.id) in self.planned:
                self.plan.warnings.append(f"{talk.where}: talk '{talk.id}' of {source} is already in this "
                                          f"import ({self.planned[(source, talk.id)]}); imported once")
                continue
            if note is None:
                rel = self._path_for(talk, event_slug)
                if rel is None:
                    continue
                self._create(rel, render_note(fields), "talk", talk.title)
                self.planned[(source, talk.id)] = rel
                continue
            self._update(note, fields, withdrawn=False)
        for (src, ident), note in sorted(self.by_program.items()):
            if src == source and ident not in present and not note.withdrawn:
                self._gone(note)

    def _update(self, note: Note, fields: dict[str, Any], withdrawn: bool | None) -> None:
        try:
            current = (self.root / note.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            self.problems.append(Problem(note.path, None, None, f"cannot be read ({err})",
                                         "fix the file, then import again"))
            return
        parsed, problems = parse_note(note.path, current.replace("\r\n", "\n"))
        if parsed is None:
            self.problems.extend(problems)
            return
        data: dict[str, Any] = {str(k): v for k, v in parsed.data.items()}
        new = dict(data)
        changed: list[str] = []
        for key in PROGRAM_FIELDS if fields else ():
            value = fields.get(key)
            if key == "links":
                merged = dict(data.get("links") or {}) if isinstance(data.get("links"), dict) else {}
                merged.update(value or {})
                value = merged
            empty = value in (None, "", [], {})
            if empty and key in data:
                if key != "links":
                    del new[key]
                    changed.append(key)
            elif not empty and _plain(value) != _plain(data.get(key)):
                new[key] = value
                changed.append(key)
        if withdrawn is True and _plain(data.get("withdrawn")) != "true":
            new["withdrawn"] = True
            changed.append("withdrawn")
        elif withdrawn is False and "withdrawn" in data:
            del new["withdrawn"]
            changed.append("withdrawn")
        if not changed:
            self.plan.changes.append(Change("unchanged", "talk", note.path, note.title))
            return
        _front, rest = _split(current.replace("\r\n", "\n"))
        text = render_note(new).rstrip("\n") + "\n" + rest if rest else render_note(new)
        self.plan.replaced[note.path] = (current, text)
        action = "withdrawn" if changed == ["withdrawn"] and withdrawn else "updated"
        self.plan.changes.append(Change(action, "talk", note.path, str(new.get("title", note.title)),
                                        fields=changed))

    def _gone(self, note: Note) -> None:
        if self.options.mark_withdrawn:
            self._update(note, {}, withdrawn=True)
            if self.plan.changes and self.plan.changes[-1].path == note.path:
                self.plan.changes[-1].action = "withdrawn"
                self.plan.changes[-1].reason = "no longer in the program; marked withdrawn: true"
            return
        self.plan.changes.append(Change("withdrawn", "talk", note.path, note.title,
                                        reason="no longer in the program (kept; pass --mark-withdrawn "
                                               "to mark it)"))

    def finish(self) -> ProgramPlan:
        if self.problems:
            raise HallwayError(self.problems)
        for slug, fields in self.new_speakers.items():
            rel = f"{ENTITY_FOLDERS['speaker']}/{slug}.md"
            bio = self.new_speaker_bios.get(slug, "").replace("[[", "\\[\\[")  # not a wiki link
            self._create(rel, render_note(fields, bio, file_kind="speaker"),
                         "speaker", str(fields["name"]))
        order = {"event": 0, "speaker": 1, "talk": 2}
        self.plan.changes.sort(key=lambda c: order.get(c.type, 3))
        return self.plan


def plan_programs(root: Path, programs: list[Program], options: ProgramOptions,
                  progress: Callable[[list[Program], str], Iterable[Program]] | None = None) -> ProgramPlan:
    """The plan for importing ``programs`` into the knowledge base at ``root``; ``progress`` wraps
    the list of programs to show how far planning is."""
    planner = ProgramPlanner(root, options)
    for program in progress(programs, "planning") if progress is not None else programs:
        planner.add(program)
    return planner.finish()


#: File names that say nothing about the event they hold.
_GENERIC_NAMES = {"all", "sessions", "sessionize", "export", "schedule", "data", "index", "program",
                  "programme", "speakers"}


def _event_from_file_name(source: str) -> str | None:
    """``devopsdays-oslo-2026`` from ``…/devopsdays-oslo-2026.json``; None for ``all.json``."""
    stem = Path(source).stem
    return None if slugify(stem) in _GENERIC_NAMES or not slugify(stem) else stem
