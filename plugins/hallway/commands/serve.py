"""``hallway serve``: preview the site while editing notes, re-rendering only what an edit affects.

It runs ``mkdocs serve --dirty``: MkDocs then skips every page that reports itself unmodified, and
Hallway's plugin reports a page modified only when something it shows changed (see
``core/incremental.py``), so after saving one note only that note's page and the pages that list it
are rendered again. ``--full`` renders every page on every change, like plain ``mkdocs serve``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from ..core.problems import HallwayError, Problem
from .common import add_kb_argument, kb_root


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("serve", help="preview the site; re-render only the pages an edit affects",
                            description="Serve the site with live reload. After an edit, only the "
                                        "pages that show something of the edited note are rendered.")
    add_kb_argument(parser)
    parser.add_argument("-a", "--dev-addr", metavar="HOST:PORT", default="127.0.0.1:8000",
                        help="address to serve on (default: 127.0.0.1:8000)")
    parser.add_argument("--full", action="store_true",
                        help="render every page after every change (plain `mkdocs serve`)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = kb_root(args)
    config = root / "mkdocs.yml"
    if not config.is_file():
        raise HallwayError([Problem(str(config), None, None, "no mkdocs.yml here",
                                    "pass --kb with the folder that holds mkdocs.yml")])
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config),
           "--dev-addr", args.dev_addr]
    if not args.full:
        cmd.append("--dirty")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    try:
        return subprocess.call(cmd, cwd=root, env=env)
    except KeyboardInterrupt:
        return 0
