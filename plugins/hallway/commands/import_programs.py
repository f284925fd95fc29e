"""``hallway import`` of a conference's published program (frab XML, schedule.json, Sessionize, pyvideo).

Reads every program first (so a bad file stops the import before anything is written), plans it
against the knowledge base (:mod:`hallway.importer.programs.plan`), prints what changes, and
writes all new and updated files in one all-or-nothing step unless ``--dry-run``. A long import
shows a tqdm progress bar on a terminal and plain lines otherwise (pipes, CI).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm

from ..core.authoring.safe_writer import replace_and_create
from ..core.problems import HallwayError, Problem
from ..importer.programs.detect import read_programs, sniff
from ..importer.programs.model import Program
from ..importer.programs.plan import ProgramOptions, ProgramPlan, plan_programs

T = TypeVar("T")
#: With fewer programs than this, no progress is shown at all.
PROGRESS_FROM = 5
PLAIN_EVERY = 50


def is_program(path: Path, fmt: str) -> bool:
    """True when ``path`` should be read as a program (not as notes)."""
    if fmt in ("frab-xml", "c3voc-json", "sessionize", "pyvideo"):
        return True
    return fmt == "auto" and sniff(path) is not None


def _fancy() -> bool:
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")


def progress(items: list[T], label: str) -> Iterator[T]:
    """``items`` with progress on stderr: a bar on a terminal, a line every few items otherwise."""
    if len(items) < PROGRESS_FROM:
        yield from items
        return
    if _fancy():
        yield from tqdm(items, desc=f"hallway import: {label}", unit="", file=sys.stderr, leave=False)
        return
    for number, item in enumerate(items, start=1):
        yield item
        if number % PLAIN_EVERY == 0 or number == len(items):
            print(f"hallway import: {label} {number}/{len(items)}", file=sys.stderr)


def _sources(paths: Iterable[tuple[Path, str]], fmt: str) -> list[tuple[Path, str, str]]:
    """(path, shown, format) per program source: a pyvideo root becomes one per event folder."""
    from ..importer.programs.pyvideo import event_folders

    out: list[tuple[Path, str, str]] = []
    for path, shown in paths:
        if not path.exists():
            raise HallwayError([Problem(shown, None, None, "no such file or folder", "check the path")])
        found = sniff(path) if fmt == "auto" else fmt
        if found == "pyvideo" and path.is_dir():
            for folder in event_folders(path):
                out.append((folder, shown if folder == path else f"{shown.rstrip('/')}/{folder.name}",
                            "pyvideo"))
            continue
        out.append((path, shown, fmt))
    return out


def read_all(paths: list[tuple[Path, str]], fmt: str) -> list[Program]:
    """Every program of every input; every bad input is reported, not just the first."""
    programs: list[Program] = []
    problems: list[Problem] = []
    for path, shown, form in progress(_sources(paths, fmt), "reading"):
        try:
            programs.extend(read_programs(path, shown, form))
        except HallwayError as err:
            problems.extend(err.problems)
    if problems:
        raise HallwayError(problems)
    return programs


def print_plan(plan: ProgramPlan, dry_run: bool) -> None:
    verbs = {"created": "would create" if dry_run else "created",
             "updated": "would update" if dry_run else "updated",
             "withdrawn": "withdrawn", "kept": "kept"}
    width = max(len(v) for v in verbs.values())
    for line in plan.programs:
        print(f"program: {line}")
    for change in plan.changes:
        if change.action == "unchanged":
            continue
        text = f"{verbs[change.action]:<{width}}  {change.path}  {change.title}"
        if change.fields:
            text += f" ({', '.join(change.fields)})"
        if change.reason:
            text += f" — {change.reason}"
        print(text)
    for warning in plan.warnings:
        print(f"warning: {warning}")
    counts = {a: len(plan.of(a)) for a in ("created", "updated", "unchanged", "withdrawn", "kept")}
    summary = (f"{counts['created']} {'to create' if dry_run else 'created'}, "
               f"{counts['updated']} {'to update' if dry_run else 'updated'}, {counts['unchanged']} "
               f"unchanged, {counts['withdrawn']} gone from the program, {counts['kept']} kept")
    if not counts["created"] and not counts["updated"]:
        summary += " — nothing to do: this program is already imported"
    if dry_run:
        summary += " (dry run: nothing written)"
    print(f"hallway import: {summary}")


def run_programs(root: Path, args: argparse.Namespace) -> int:
    paths = [(Path(name), name) for name in args.files]
    programs = read_all(paths, args.format)
    if args.event and len({p.event.name for p in programs}) > 1:
        raise HallwayError([Problem(args.files[0], None, "--event",
                                    "--event names one event, but these programs are of several",
                                    "import each event's program on its own, or leave out --event")])
    options = ProgramOptions(event=args.event, event_name=args.event_name,
                             mark_withdrawn=args.mark_withdrawn)
    plan = plan_programs(root, programs, options, progress)
    if not args.dry_run and (plan.new_files or plan.replaced):
        total = len(plan.new_files) + len(plan.replaced)
        if total >= 100:
            print(f"hallway import: writing {total} files", file=sys.stderr)
        replace_and_create(root, plan.new_files, plan.replaced)
    if args.json:
        print(json.dumps(plan.to_json(args.dry_run), ensure_ascii=False, indent=2))
    else:
        print_plan(plan, args.dry_run)
    return 0
