"""``hallway import``: turn blog-style conference notes, or a conference's published program, into
talk notes, speakers and events.

A program (frab/Pentabarf XML, schedule.json, Sessionize, a pyvideo folder) goes to
:mod:`hallway.commands.import_programs`; everything else is read as notes, as below.

Reads plain text, Markdown, HTML or a WordPress export (see :mod:`hallway.importer`), plans what
to create against the knowledge base, prints the plan (``--json`` for machines) and writes the new
files all at once through :func:`hallway.core.authoring.safe_writer.write_new_files` unless ``--dry-run``.
Existing files are never changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from ..core.authoring.safe_writer import write_new_files
from ..core.problems import HallwayError, Problem
from ..importer.conventions import ALL as HEADING_CONVENTIONS
from ..importer.conventions import parse_convention
from ..importer.inputs import FORMATS, read_inputs
from ..importer.plan import Entry, Options, Plan, make_plan
from ..importer.programs.detect import PROGRAM_FORMATS
from .common import add_kb_argument, kb_root
from .import_programs import is_program, run_programs


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {text!r}: write it as YYYY-MM-DD") from None


def _headings(text: str) -> str:
    found = parse_convention(text)
    if found is None:
        raise argparse.ArgumentTypeError(
            f"unknown heading convention {text!r}: use one of " + ", ".join(map(repr, HEADING_CONVENTIONS)))
    return found


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "import", help="import a conference's program, or blog-style notes, as talk notes",
        description="Turn a conference's published program (frab/Pentabarf schedule.xml, "
                    "schedule.json, Sessionize 'All' JSON, a pyvideo data folder) or notes copied "
                    "from blog posts (plain text, Markdown, HTML or a WordPress export) into "
                    "talks/<event>/<talk>.md notes, speakers and events. Importing the same input "
                    "again changes nothing; a newer program updates its own fields only.")
    parser.add_argument("files", nargs="+", metavar="FILE|FOLDER", help="program or notes to import")
    parser.add_argument("--event", help="event slug or name (a WordPress post's title gives it otherwise)")
    parser.add_argument("--event-name", help="display name for a new event, e.g. 'Everything Open 2025'")
    parser.add_argument("--date", type=_date, help="date of the talks, YYYY-MM-DD")
    parser.add_argument("--session", help="session, e.g. 'Day 2 – Afternoon'")
    parser.add_argument("--category", help="WordPress export: import the posts of this category")
    parser.add_argument("--format", choices=FORMATS + PROGRAM_FORMATS, default="auto",
                        help="input form (default: from the file's content, else its name)")
    parser.add_argument("--mark-withdrawn", action="store_true",
                        help="program: mark talks no longer in the program 'withdrawn: true'")
    parser.add_argument("--headings", type=_headings, metavar="CONVENTION",
                        help="how talk headings are written, instead of detecting it per file: "
                             + ", ".join(f"'{c}'" for c in HEADING_CONVENTIONS))
    parser.add_argument("--dry-run", action="store_true", help="write nothing; show the plan")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    add_kb_argument(parser)
    parser.set_defaults(run=run)


def _describe(entry: Entry) -> str:
    if entry.type in ("talk", "post"):
        text = entry.title
        if entry.speakers:
            text += " — " + ", ".join(entry.speakers)
        if entry.kind not in (None, "talk", "post"):
            text += f" [{entry.kind}]"
    else:
        text = entry.title
        if entry.as_written is not None and not entry.exact:
            text += f" (written '{entry.as_written}')"
    return text


def print_plan(plan: Plan, dry_run: bool) -> None:
    """The plan for people: one line per file or entity, then a summary."""
    verbs = {"created": "would create" if dry_run else "created", "reused": "reused",
             "skipped": "unchanged", "conflict": "CONFLICT"}
    width = max(len(v) for v in verbs.values())
    for action in ("created", "reused", "skipped", "conflict"):
        for entry in plan.of(action):
            line = f"{verbs[action]:<{width}}  {entry.path or '-'}  {_describe(entry)}"
            if action == "conflict":
                line += f" — {entry.reason}"
            print(line)
    for line in plan.report_lines():
        print(line)
    for warning in plan.warnings:
        print(f"warning: {warning}")
    counts = {action: len(plan.of(action)) for action in ("created", "reused", "skipped", "conflict")}
    summary = (f"{counts['created']} {'to create' if dry_run else 'created'}, {counts['reused']} reused, "
               f"{counts['skipped']} unchanged, {counts['conflict']} conflict(s)")
    if not counts["created"] and not counts["conflict"]:
        summary += " — nothing to do: these notes are already imported"
    elif counts["conflict"]:
        summary += " — conflicting files were left alone; rename or remove them and run again"
    if dry_run:
        summary += " (dry run: nothing written)"
    print(f"hallway import: {summary}")


def run(args: argparse.Namespace) -> int:
    root = kb_root(args)
    paths = [Path(name) for name in args.files]
    programs = [is_program(path, args.format) for path in paths]
    if any(programs):
        if not all(programs):
            shown = args.files[programs.index(False)]
            raise HallwayError([Problem(shown, None, None, "is not a program, but other inputs are",
                                        "import programs and notes in separate runs")])
        return run_programs(root, args)
    docs = read_inputs(paths, list(args.files), args.format, args.category)
    options = Options(event=args.event, event_name=args.event_name, date=args.date,
                      session=args.session, headings=args.headings)
    plan = make_plan(root, docs, options)
    if not args.dry_run and plan.files:
        if len(plan.files) >= 100:
            print(f"hallway import: writing {len(plan.files)} files", file=sys.stderr)
        write_new_files(root, plan.files)
    if args.json:
        print(json.dumps(plan.to_json(args.dry_run), ensure_ascii=False, indent=2, default=str))
    else:
        print_plan(plan, args.dry_run)
    return 0
