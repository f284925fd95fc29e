"""Hallway: turn a folder of conference talk notes into a cross-linked, searchable site.

The ``hallway.core`` package knows nothing of MkDocs; ``hallway.mkdocs_plugin`` is the thin
adapter that feeds the core's pages to MkDocs, and ``hallway.cli`` is the command-line tool.
"""

__version__ = "0.1.0"
