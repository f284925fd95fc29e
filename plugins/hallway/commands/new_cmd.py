"""``hallway new``: scaffold a valid talk note or entity file, never overwriting anything.

``hallway new talk --event E --title T --speaker S`` writes ``talks/<event>/<title>.md`` and, for a
speaker or event that has no file yet, ``speakers/<slug>.md`` / ``events/<slug>.md`` too. The new
files are checked with the same checker as ``hallway check`` before anything is written, and are
written all-or-nothing by :func:`hallway.core.authoring.safe_writer.write_new_files`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.authoring.safe_writer import render_note, write_new_files
from ..core.authoring.schema_files import modeline
from ..core.kb.addresses import generated_owner
from ..core.kb.frontmatter import parse_note
from ..core.kb.loader import load
from ..core.kb.model import ENTITY_KINDS, KnowledgeBase
from ..core.kb.names import Registry, did_you_mean, skeleton, slugify
from ..core.kb.schema import ENTITY_FOLDERS, TALK_KINDS, TALK_NOTE, TALKS_FOLDER
from ..core.kb.validate import ISO_DATE, validate_fields
from ..core.pages.addnotes import note_template, notes_folder
from ..core.problems import HallwayError, Problem
from .common import add_kb_argument, kb_root

NOTE_BODY = """\
<!-- Your notes go here, as Markdown lists or prose: what was said, what you thought, links.
     Delete this comment. See CONTRIBUTING.md for what makes a good note. -->
"""
ENTITY_BODY = "<!-- A few lines about this {kind} (optional). Delete this comment. -->\n"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("new", help="scaffold a new talk note, speaker, event, project or topic",
                            description="Create a new, valid file from the command line. "
                                        "Never overwrites an existing file; prints the path(s).")
    kinds = parser.add_subparsers(dest="new_kind", metavar="KIND", required=True)

    talk = kinds.add_parser("talk", help="a talk note: talks/<event>/<title>.md",
                            description="Create a talk note, plus speaker and event files "
                                        "for any that do not have one yet.")
    add_kb_argument(talk)
    talk.add_argument("--event", required=True, help="the event: its slug, name or alias")
    talk.add_argument("--title", required=True, help="the talk's title")
    talk.add_argument("--speaker", action="append", default=[], metavar="NAME",
                      help="a speaker's name, slug or alias (repeat for several speakers)")
    talk.add_argument("--date", help="date of the talk, YYYY-MM-DD")
    talk.add_argument("--kind", choices=[k for k in TALK_KINDS if k != "post"], help="default: talk")
    talk.add_argument("--project", action="append", default=[], metavar="NAME",
                      help="a project discussed (repeatable)")
    talk.add_argument("--topic", action="append", default=[], metavar="NAME",
                      help="a topic discussed (repeatable)")
    talk.add_argument("--slug", help="file name without .md (default: made from the title)")
    talk.add_argument("--allow-similar", action="store_true",
                      help="create a new speaker or event even if its name is close to an existing one")
    talk.set_defaults(run=run_talk)

    note = kinds.add_parser("note", help="your notes on a talk: talks/<event>/<talk>/<your-name>.md",
                            description="Create your notes on an existing talk, in the talk's notes "
                                        "folder: the same file as the talk page's 'Add your notes'.")
    add_kb_argument(note)
    note.add_argument("--talk", required=True, metavar="EVENT/TALK",
                      help="the talk: its event and file name, e.g. eo-2025/keynote")
    note.add_argument("--by", required=True, metavar="NAME", help="your name, slug or alias")
    note.add_argument("--date", help="when you wrote the notes, YYYY-MM-DD")
    note.set_defaults(run=run_note)

    for kind in ENTITY_KINDS:
        entity = kinds.add_parser(kind, help=f"a {kind}: {ENTITY_FOLDERS[kind]}/<slug>.md",
                                  description=f"Create {ENTITY_FOLDERS[kind]}/<slug>.md.")
        add_kb_argument(entity)
        entity.add_argument("name", help="display name, exactly as it should appear")
        entity.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
        if kind != "speaker":
            entity.add_argument("--url", help="home page, http(s)://…")
        if kind == "event":
            entity.add_argument("--dates", help="when it ran, e.g. '2025-01-20 to 2025-01-22'")
            entity.add_argument("--location", help="where it ran")
            entity.add_argument("--series", help="the series it is an edition of, as a slug "
                                                 "(default: its name without its year)")
        if kind == "topic":
            entity.add_argument("--parent", help="the broader topic (its slug)")
        entity.add_argument("--allow-similar", action="store_true",
                            help=f"create it even if its name is close to an existing {kind}")
        entity.set_defaults(run=run_entity, entity_kind=kind)


class _Names:
    """Resolves names to the entities that have a file, as the loader would."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.registries = {kind: Registry(kind) for kind in ENTITY_KINDS}
        self.names: dict[str, list[str]] = {kind: [] for kind in ENTITY_KINDS}
        for entity in kb.all_entities():
            if entity.path is not None:
                self.registries[entity.kind].add(entity)
                self.names[entity.kind].extend(self.registries[entity.kind].names_of(entity))

    def existing(self, kind: str, name: str) -> str | None:
        """Slug of the entity of ``kind`` with a file that ``name`` refers to."""
        return self.registries[kind].lookup(name)

    def near(self, kind: str, name: str) -> str | None:
        looks = skeleton(name)  # issue 18: look-alike letters (Cyrillic а, I for l) first
        same = next((known for known in self.names[kind] if skeleton(known) == looks), None)
        return same or did_you_mean(name, self.names[kind], cutoff=85.0)


def _slug_or_fail(kind: str, name: str) -> str:
    slug = slugify(name)
    if not slug:
        raise HallwayError([Problem("hallway new", None, kind, f"cannot make a file name from '{name}'",
                                    "use letters or digits in the name")])
    return slug


def _checked(rel: str, file_kind: str, fields: dict[str, Any], body: str, text: str = "") -> str:
    """Render a file (or take ``text``), with the schema modeline, and check it exactly as
    ``hallway check`` would."""
    text = text or render_note(fields, body, file_kind)
    text = text.replace("---\n", "---\n" + modeline(rel) + "\n", 1)
    parsed, problems = parse_note(rel, text)
    if parsed is not None:
        problems = validate_fields(parsed, file_kind)[1]
    if problems:
        raise HallwayError([Problem(p.path, None, p.field, p.message + " (nothing was written)", p.fix)
                            for p in problems])
    return text


def _entity_file(names: _Names, kind: str, name: str, fields: dict[str, Any], body: str,
                 *, allow_similar: bool = False) -> tuple[str, str]:
    slug = _slug_or_fail(kind, name)
    rel = f"{ENTITY_FOLDERS[kind]}/{slug}.md"
    owner = generated_owner(rel)
    if owner is not None:  # issue 18: `hallway new topic Index` would replace the list of topics
        raise HallwayError([Problem(rel, None, None,
                                    f"the {kind} '{name}' would get the page {rel}, the address of {owner}",
                                    f"give the {kind} another name (nothing was written)")])
    near = None if allow_similar else names.near(kind, name)
    if near is not None:
        raise HallwayError([Problem(rel, None, None,
                                    f"'{name}' looks like the existing {kind} '{near}'",
                                    f"use '{near}' if it is the same {kind}; if not, run again with "
                                    "--allow-similar")])
    return rel, _checked(rel, kind, {"name": name, **fields}, body)


def _load(root: Path) -> _Names:
    kb, _problems = load(root)  # a broken note elsewhere must not stop a new one being added
    return _Names(kb)


def run_talk(args: argparse.Namespace) -> int:
    root = kb_root(args)
    names = _load(root)
    files: dict[str, str] = {}

    def reference(kind: str, name: str) -> str:
        """The name to write in the note, adding a new entity file when there is none yet."""
        slug = names.existing(kind, name)
        if slug is not None:
            return names.kb.entities[kind][slug].name
        rel, text = _entity_file(names, kind, name, {}, "", allow_similar=args.allow_similar)
        files.setdefault(rel, text)
        return name

    event = reference("event", args.event)
    event_slug = names.existing("event", args.event) or _slug_or_fail("event", args.event)
    speakers = [reference("speaker", name) for name in args.speaker]
    slug = args.slug or _slug_or_fail("title", args.title)
    if slugify(slug) != slug:
        raise HallwayError([Problem("hallway new", None, "slug", f"'{slug}' is not a file name slug",
                                    f"use lower-case letters, digits and dashes, e.g. '{slugify(slug)}'")])
    rel = f"{TALKS_FOLDER}/{event_slug}/{slug}.md"
    fields: dict[str, Any] = {"title": args.title, "speakers": speakers, "event": event,
                              "date": args.date, "kind": args.kind, "projects": args.project,
                              "topics": args.topic}
    files[rel] = _checked(rel, "note", fields, NOTE_BODY)
    write_new_files(root, files)
    print(rel)
    for path in sorted(files.keys() - {rel}):
        print(path)
    print(f"hallway new: edit {rel}, then run 'hallway check'", file=sys.stderr)
    return 0


def run_note(args: argparse.Namespace) -> int:
    """Write ``talks/<event>/<talk>/<author-slug>.md`` for an existing talk, never over a file."""
    root = kb_root(args)
    talk_ref = args.talk.strip().strip("/").removeprefix(TALKS_FOLDER + "/").removesuffix(".md")
    talk_path = f"{TALKS_FOLDER}/{talk_ref}.md"
    if talk_ref.count("/") != 1 or not (root / talk_path).is_file():
        raise HallwayError([Problem("hallway new", None, "talk", f"no talk file {talk_path}",
                                    "name an existing talk as <event>/<talk>, e.g. eo-2025/keynote "
                                    "(its file is talks/<event>/<talk>.md)")])
    if args.date is not None and not ISO_DATE.match(args.date):
        raise HallwayError([Problem("hallway new", None, "date", f"invalid date {args.date!r}",
                                    "write the date as YYYY-MM-DD, e.g. 2025-01-21")])
    names = _load(root)
    slug = names.existing("speaker", args.by) or _slug_or_fail("by", args.by)
    rel = f"{notes_folder(talk_path)}{slug}.md"
    text = _checked(rel, TALK_NOTE, {}, "", note_template(args.by.strip(), args.date))
    for path in write_new_files(root, {rel: text}):
        print(path)
    print(f"hallway new: write your notes in {rel}, then run 'hallway check'", file=sys.stderr)
    return 0


def run_entity(args: argparse.Namespace) -> int:
    root = kb_root(args)
    kind: str = args.entity_kind
    names = _load(root)
    slug = names.existing(kind, args.name)
    if slug is not None:
        raise HallwayError([Problem(f"{ENTITY_FOLDERS[kind]}/{slug}.md", None, None,
                                    f"the {kind} '{args.name}' already has this file",
                                    "edit that file instead")])
    fields = {"aliases": args.alias} | {name: getattr(args, name) for name in
                                         ("url", "dates", "location", "series", "parent")
                                         if getattr(args, name, None) is not None}
    rel, text = _entity_file(names, kind, args.name, fields, ENTITY_BODY.format(kind=kind),
                             allow_similar=args.allow_similar)
    for path in write_new_files(root, {rel: text}):
        print(path)
    return 0
