"""Sub-commands of the ``hallway`` tool. Each module has ``register(subparsers)``; list it here."""

from __future__ import annotations

from types import ModuleType

from . import check, import_cmd, new_cmd, schema_cmd, search_cmd, serve

COMMANDS: list[ModuleType] = [check, import_cmd, new_cmd, schema_cmd, search_cmd, serve]
