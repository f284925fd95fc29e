"""``hallway search``: full-text search over every note from the terminal, with an incremental index.

- :mod:`.documents` turns note files into plain :class:`~.documents.SearchDoc` records (names and
  aliases of the speakers, event, projects and topics folded in), without touching Whoosh;
- :mod:`.whoosh_index` is the only module that imports Whoosh (schema, queries, snippets, facets);
- :mod:`.manifest` records which file versions the index holds, so each query first re-indexes only
  the notes added, changed or removed since;
- :mod:`.engine` ties them together: :func:`~.engine.search` is what the command calls.
"""
