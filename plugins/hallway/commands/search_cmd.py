"""``hallway search``: ranked full-text search over every note, with filters and facet counts."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from ..core.kb.textchars import TERMINAL_UNSAFE, for_terminal
from ..core.problems import HallwayError, Problem
from ..search.engine import FACET_KINDS, Results, render_snippet, search
from .common import add_kb_argument, kb_root

FILTERS = ("speaker", "topic", "project", "event", "kind", "year")
FACETS_SHOWN = 5
HELP = """\
The query uses Whoosh's syntax: words (stemmed, so 'piercing' finds 'pierce'), "exact phrases",
AND / OR / NOT, and fields: title:, body:, speaker:, event:, topic:, project:, kind:, year:
(e.g. speaker:"Hamish Coleman" nat). Names and aliases of speakers, events, projects and topics
count as words of every note that lists them. The index is kept in .cache/hallway/search/ and
brought up to date before each search.
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("search", help="search every note by words, speaker, topic, project or event",
                            description="Search every note; filters take a slug, name or alias.",
                            epilog=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("query", nargs="*", help="words to search for (optional with a filter)")
    for name in FILTERS:
        parser.add_argument(f"--{name}", action="append", default=[], metavar=name[0].upper(),
                            help=f"only notes with this {name} (repeat to require several)")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="show at most N results")
    parser.add_argument("--json", action="store_true", help="print results and facets as JSON")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    add_kb_argument(parser)
    parser.set_defaults(run=run)


def as_json(results: Results) -> dict[str, Any]:
    return {
        "results": [{"title": h.title, "path": h.path, "event": h.event, "speakers": h.speakers,
                     "topics": h.topics, "score": h.score, "snippet": render_snippet(h.snippet, "**", "**")}
                    for h in results.outcome.hits],
        "total": results.outcome.total,
        "facets": results.facets,
    }


def _colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def print_text(results: Results) -> None:
    bold, mark, dim, reset = ("\033[1m", "\033[1;33m", "\033[2m", "\033[0m") if _colour() else ("",) * 4
    outcome = results.outcome
    if not outcome.hits:
        print("No notes match.", file=sys.stderr)
        return
    if not outcome.all_words:
        print("No note has all of those words; these have some of them.\n", file=sys.stderr)
    # Issue 18: note text never reaches the terminal with control characters (C0, C1, bidi) in it.
    for number, hit in enumerate(outcome.hits, 1):
        meta = for_terminal(" · ".join(part for part in (", ".join(hit.speakers), hit.event, hit.date)
                                       if part))
        score = f"  {dim}{hit.score:g}{reset}" if hit.score else ""
        print(f"{number}. {bold}{for_terminal(hit.title)}{reset}{score}")
        if meta:
            print(f"   {meta}")
        print(f"   {dim}{for_terminal(hit.path)}{reset}")
        snippet = render_snippet(for_terminal(hit.snippet), mark or "**", reset or "**")
        if snippet:
            print(f"   {snippet}")
    shown = len(outcome.hits)
    notes = "matching note" if outcome.total == 1 else "matching notes"
    print(f"\n{shown} of {outcome.total} {notes}." if shown < outcome.total
          else f"\n{outcome.total} {notes}.")
    for kind in ("topic", "speaker", "event"):
        values = results.facets.get(kind, [])
        if values:
            listed = for_terminal(", ".join(f"{v['name']} ({v['count']})" for v in values[:FACETS_SHOWN]))
            more = f", … {len(values) - FACETS_SHOWN} more" if len(values) > FACETS_SHOWN else ""
            print(f"{dim}{kind.capitalize()}s:{reset} {listed}{more}")


def run(args: argparse.Namespace) -> int:
    text = " ".join(args.query).strip()
    filters = {name: list(getattr(args, name)) for name in FACET_KINDS}
    if not text and not any(filters.values()):
        raise HallwayError([Problem("hallway search", None, None, "nothing to search for",
                                    "give some words, or a filter such as --topic vpn")])
    if args.limit < 1:
        raise HallwayError([Problem("--limit", None, None, f"must be at least 1, not {args.limit}",
                                    "pass --limit 10, for example")])
    results = search(kb_root(args), text, filters, args.limit, args.rebuild,
                     announce=lambda message: print(f"hallway search: {message}", file=sys.stderr))
    for rel in results.update.unreadable:
        print(f"{rel}: warning: not searchable, it cannot be read — run hallway check", file=sys.stderr)
    if args.json:
        text = json.dumps(as_json(results), ensure_ascii=False, indent=2)
        print(TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    else:
        print_text(results)
    return 0
