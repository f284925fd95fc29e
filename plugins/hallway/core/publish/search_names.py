"""The search page's filter names, as files when they are too many for the page (issue 16).

``search/names/<filter>.json`` maps every folded way to name a value (slug, name, alias) to the
name Pagefind filters by; the search page fetches only the files of the filters in its address
(``?speaker=…``). A small site keeps them in the page (``pages/searchpage.py``) and gets no files.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..kb.model import KnowledgeBase
from ..pages.searchpage import NAMES_FOLDER, filter_names, names_inline


def write_filter_names(site_dir: Path | str, kb: KnowledgeBase, limit: int) -> int:
    """Write ``search/names/*.json`` unless the search page holds the names (``limit``: the site's
    ``max_names_per_page``); return how many files."""
    names = filter_names(kb)
    if names_inline(names, limit):
        return 0
    folder = Path(site_dir) / NAMES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, keys in names.items():
        (folder / f"{name}.json").write_text(json.dumps(keys, ensure_ascii=False, separators=(",", ":")),
                                             encoding="utf-8")
    return len(names)
