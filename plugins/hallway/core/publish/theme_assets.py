"""Theme files that no Hallway page loads, removed from the published site (issue 16: file count).

Material copies its lunr search (the search worker and ~35 language files, ~1.2 MB) into every
site. Hallway's search is Pagefind's (``publish/pagefind.py``), and its header search box does not
start Material's search, so nothing ever loads them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

UNUSED_DIRS = ("assets/javascripts/lunr",)
UNUSED_GLOBS = ("assets/javascripts/workers/search.*.min.js",
                "assets/javascripts/workers/search.*.min.js.map")


def drop_unused_theme_files(site_dir: Path | str) -> int:
    """Remove Material's lunr search files from the built site; return how many files went."""
    site = Path(site_dir)
    removed = 0
    for rel in UNUSED_DIRS:
        folder = site / rel
        if folder.is_dir():
            removed += sum(1 for p in folder.rglob("*") if p.is_file())
            shutil.rmtree(folder)
    for pattern in UNUSED_GLOBS:
        for path in site.glob(pattern):
            path.unlink()
            removed += 1
    workers = site / "assets/javascripts/workers"
    if workers.is_dir() and not any(workers.iterdir()):
        workers.rmdir()
    return removed
