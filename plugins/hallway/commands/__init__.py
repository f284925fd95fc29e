"""Sub-commands of the ``hallway`` tool. Each module has ``register(subparsers)``; list it here."""

from __future__ import annotations

from types import ModuleType

from . import check, new_cmd, schema_cmd, serve

COMMANDS: list[ModuleType] = [check, new_cmd, schema_cmd, serve]
