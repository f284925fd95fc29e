"""Sub-commands of the ``hallway`` tool. Each module has ``register(subparsers)``; list it here.

Only the module of the command being run is imported (``hallway search`` need not load MkDocs,
SciPy or the importer), so each command's one-line help for ``hallway --help`` is kept here too;
tests/test_cli_startup.py checks it matches the module's own.
"""

from __future__ import annotations

#: Command name -> (module in this package, one-line help), in the order ``hallway --help`` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "validate every note and entity file"),
    "import": ("import_cmd", "import a conference's program, or blog-style notes, as talk notes"),
    "new": ("new_cmd", "scaffold a new talk note, speaker, event, project or topic"),
    "schema": ("schema_cmd", "write the front-matter JSON Schema files into schemas/"),
    "search": ("search_cmd", "search every note by words, speaker, topic, project or event"),
    "serve": ("serve", "preview the site; re-render only the pages an edit affects"),
}
