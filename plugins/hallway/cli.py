"""The ``hallway`` command line: one sub-command per module in :mod:`hallway.commands`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from . import __version__
from .commands import COMMANDS
from .core.problems import HallwayError


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only ``command``'s module is imported and registered in full (``None``: all).

    The other commands get a placeholder with their one-line help, enough for ``hallway --help``
    and for argparse's "invalid choice" message, so starting costs only what the command needs."""
    parser = argparse.ArgumentParser(
        prog="hallway",
        description="Hallway: a cross-linked, searchable knowledge base of conference talk notes.",
    )
    parser.add_argument("--version", action="version", version=f"hallway {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, help_text) in COMMANDS.items():
        if command is None or name == command:
            importlib.import_module(f".commands.{module}", __package__).register(sub)
        else:
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def _command_in(argv: Sequence[str]) -> str:
    """The sub-command named in ``argv`` (its first word that is not an option), or ""."""
    first = next((arg for arg in argv if not arg.startswith("-")), "")
    return first if first in COMMANDS else ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run a sub-command; user mistakes are reported as messages, never as tracebacks."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_in(argv))
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except HallwayError as err:
        for problem in err.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # a bug in Hallway, not the user's mistake
        if os.environ.get("HALLWAY_DEBUG"):
            traceback.print_exc()
        print(f"hallway: internal error: {type(err).__name__}: {err}\n"
              "This is a bug in Hallway; run again with HALLWAY_DEBUG=1 for details and report it.",
              file=sys.stderr)
        return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
