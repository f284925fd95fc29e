"""Searches by filters alone, without downloading the whole word index.

Pagefind 1.x's ``search()`` asks for the word-index chunks of its term even when there is no term:
a search by filters only (``search/?topic=VPN`` from a topic page's "search within all", ticking a
facet before typing, the search page's counts). For the empty term that is every chunk: 257 files
and 7.6 MiB at the pyvideo archive's 21,570 talks, on the first search. Its results come from the
filter chunks and the page list alone (measured: the same 2,609 results for ``year: 2019`` with 6
requests instead of 263), so the search is changed to ask for no word chunk then.

The change matches Pagefind's own minified code in ``pagefind.js`` and ``pagefind-worker.js``; if
a Pagefind version writes it differently nothing is changed (searches stay right, only larger) and
:func:`skip_word_chunks_without_words` says why, so a test fails rather than the site's search.
"""

from __future__ import annotations

import re
from pathlib import Path

from .fragment_bundles import LOADERS

_REQUEST = re.compile(r"let (\w+)=this\.backend\.request_indexes\((\w+),(\w+)\);")


def skip_word_chunks_without_words(index_dir: Path) -> str:
    """Patch the loaders in ``index_dir``; return why not, or ``""`` when both were patched."""
    for name in LOADERS:
        path = index_dir / name
        if not path.is_file():
            return f"{name} is missing"
        code = path.read_text(encoding="utf-8")
        request = _REQUEST.search(code)
        # ``let filter_only=term===null;`` comes first in the same function.
        flag = request and re.search(rf"\blet (\w+)={re.escape(request.group(3))}===null;",
                                     code[:request.start()])
        if request is None or flag is None:
            return f"{name}: this Pagefind version's search code was not recognised"
        variable, pointer, term = request.groups()
        patched = (f"let {variable}={flag.group(1)}?\"[]\":"
                   f"this.backend.request_indexes({pointer},{term});")
        path.write_text(code[:request.start()] + patched + code[request.end():], encoding="utf-8")
    return ""
