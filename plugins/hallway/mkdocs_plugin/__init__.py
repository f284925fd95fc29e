"""The MkDocs adapter: the ``hallway`` plugin (``plugin.py``) translating MkDocs' hooks into calls on
the core's build session, the pages it marks changed for serve rebuilds (``files.py``), and the
inotify watcher for `mkdocs serve` (``livereload.py``). Nothing else in Hallway imports MkDocs.
"""

from .plugin import HallwayPlugin

__all__ = ["HallwayPlugin"]
