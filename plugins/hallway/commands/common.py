"""Helpers shared by sub-commands: finding the knowledge base root."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.problems import HallwayError, Problem


def add_kb_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kb", metavar="DIR", default=".",
                        help="knowledge base root (default: the current folder)")


def kb_root(args: argparse.Namespace) -> Path:
    """The knowledge base root named by ``--kb``, checked to exist."""
    root = Path(args.kb)
    if not root.is_dir():
        raise HallwayError([Problem(str(root), None, None, "no such folder",
                                    "pass --kb with the folder that holds talks/ and mkdocs.yml")])
    return root.resolve()
