"""Sub-commands of the ``hallway`` tool. Each module has ``register(subparsers)``; list it here."""

from __future__ import annotations

from types import ModuleType

from . import check, search_cmd

COMMANDS: list[ModuleType] = [check, search_cmd]
