"""``hallway schema``: (re)write the JSON Schema files editors use to check front-matter."""

from __future__ import annotations

import argparse
import sys

from ..core.authoring.schema_files import schema_files, write_schemas
from ..core.problems import HallwayError, Problem
from .common import add_kb_argument, kb_root


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "schema", help="write the front-matter JSON Schema files into schemas/",
        description="Generate schemas/*.schema.json from the checker's field specs (the files "
                    "editors use to complete and check front-matter).")
    add_kb_argument(parser)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a schema file is missing or out of date")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = kb_root(args)
    if args.check:
        stale = [rel for rel, text in schema_files().items()
                 if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != text]
        if stale:
            raise HallwayError([Problem(rel, None, None, "is missing or out of date",
                                        "run 'hallway schema' and commit the result") for rel in stale])
        print("hallway schema: all schema files are up to date", file=sys.stderr)
        return 0
    for rel in write_schemas(root):
        print(rel)
    return 0
