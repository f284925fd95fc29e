"""``hallway check``: validate every note and entity file and report all problems in one run."""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..core.authoring.renames import rename_warnings
from ..core.authoring.suggest import Suggestion, suggestions
from ..core.build.pipeline import build_site
from ..core.finish.unsafe_markup import find_in_kb
from ..core.problems import Problem, Severity
from .common import add_kb_argument, kb_root


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("check", help="validate every note and entity file",
                            description="Validate every note and entity file; exit 1 on errors.")
    add_kb_argument(parser)
    parser.add_argument("--format", choices=("text", "github", "json"), default=None,
                        help="output format (default: github under GitHub Actions, else text)")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    parser.add_argument("--suggest", action="store_true",
                        help="also list, per note, entities mentioned but not listed in the "
                             "front-matter and near-misses of entity names")
    parser.set_defaults(run=run)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that shows the problem on the pull request's diff."""
    level = "error" if problem.severity == Severity.ERROR else "warning"
    props = [f"file={_escape_property(problem.path)}"]
    if problem.line:
        props.append(f"line={problem.line}")
    props.append(f"title={_escape_property(problem.field or 'hallway check')}")
    message = problem.message + (f" — {problem.fix}" if problem.fix else "")
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def report(problems: list[Problem], fmt: str, files: int,
           suggested: list[Suggestion] | None = None) -> None:
    errors = sum(1 for p in problems if p.severity == Severity.ERROR)
    warnings = len(problems) - errors
    if fmt == "json":
        print(json.dumps({
            "problems": [{"path": p.path, "line": p.line, "field": p.field, "message": p.message,
                          "fix": p.fix, "severity": p.severity.value} for p in problems],
            "suggestions": [{"path": s.path, "line": s.line, "message": s.message}
                            for s in suggested or []],
            "errors": errors, "warnings": warnings, "files": files,
        }, ensure_ascii=False, indent=2))
        return
    for problem in problems:
        print(github_annotation(problem) if fmt == "github" else problem.format())
    for item in suggested or []:
        print(f"::notice file={_escape_property(item.path)},line={item.line},title=suggestion::"
              f"{_escape_data(item.message)}" if fmt == "github" else item.format())
    summary = f"{_n(errors, 'error')}, {_n(warnings, 'warning')} in {_n(files, 'file')}"
    print(("hallway check: " + summary) if problems else f"hallway check: {_n(files, 'file')}, all good",
          file=sys.stderr)


def _n(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    site, problems = build_site(kb_root(args))
    problems += rename_warnings(site.kb)  # renamed without redirect_from (issue 14)
    problems = sorted(problems + find_in_kb(site.kb),  # markup the site would remove (issue 8)
                      key=lambda p: (p.path, p.line or 0, p.severity != Severity.ERROR))
    files = (len(site.kb.notes) + sum(len(n.notes) for n in site.kb.notes.values())
             + sum(1 for e in site.kb.all_entities() if e.path))
    report(problems, fmt, files, suggestions(site) if args.suggest else None)
    failing = [p for p in problems if args.strict or p.severity == Severity.ERROR]
    return 1 if failing else 0
