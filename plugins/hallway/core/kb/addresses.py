"""Every page's address, so that no file can take over another page (issue 18).

A note or entity file becomes the page at its own path (``posts/a.md`` -> ``posts/a/``), and the
site makes a few pages itself (the home page, the lists of talks, write-ups, speakers…, search).
``posts/index.md`` or a speaker named "Index" would replace a list page, and ``posts/a/index.md``
would share ``posts/a/`` with ``posts/a.md`` (both cards then link to whichever is written last).
Two sources must never map to one address: :func:`address_clashes` refuses the later one and
names both files. The loader runs it, so ``hallway check`` and the build refuse the same files;
``hallway new`` and ``hallway import`` ask :func:`generated_owner` before writing.
"""

from __future__ import annotations

import posixpath

from ..problems import Problem
from .model import KIND_PLURALS, NOTE_REF_FIELDS, KnowledgeBase
from .schema import ENTITY_FOLDERS, POSTS_FOLDER, TALKS_FOLDER

#: Pages the site generates, by source path, with what each shows. ``tests/test_hardening_round2.py``
#: checks that this is every page the site planner makes that is not a note or an entity.
GENERATED_PAGES: dict[str, str] = {
    "index.md": "home page",
    f"{TALKS_FOLDER}/index.md": "list of talks",
    f"{POSTS_FOLDER}/index.md": "list of write-ups",
    **{f"{folder}/index.md": f"list of {KIND_PLURALS[kind].lower()}"
       for kind, folder in ENTITY_FOLDERS.items()},
    "search.md": "search page",
    "series/index.md": "list of event series",
    "years/index.md": "list of years",
    "graph/index.md": "graph of the knowledge base",
}


def address(src: str) -> str:
    """The site address of a source path with directory URLs (``a/b.md`` and ``a/b/index.md`` -> ``a/b/``)."""
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return "/" + stem.lstrip("/")


_GENERATED_BY_ADDRESS = {address(src): f"the site's {what} ({src})" for src, what in GENERATED_PAGES.items()}


def generated_owner(src: str) -> str | None:
    """``the site's list of speakers (speakers/index.md)`` when ``src`` takes a generated page's address."""
    return _GENERATED_BY_ADDRESS.get(address(src))


def _fix(src: str) -> str:
    if posixpath.basename(src) == "index.md":
        return "rename the file: index.md is the name the site gives its own pages"
    return "rename or move the file so that its page has an address of its own"


def address_clashes(kb: KnowledgeBase) -> list[Problem]:
    """A problem for each note or entity whose page would have the address of another page."""
    owners = dict(_GENERATED_BY_ADDRESS)
    problems: list[Problem] = []
    sources = sorted([note.path for note in kb.notes.values()]
                     + [e.path for e in kb.all_entities() if e.path is not None],
                     key=lambda src: (src.count("/"), posixpath.basename(src) == "index.md", src))
    for src in sources:
        where = address(src)
        owner = owners.get(where)
        if owner is None:
            owners[where] = src
            continue
        problems.append(Problem(src, None, None,
                                f"its page would have the address {where}, which belongs to {owner}",
                                _fix(src)))
    for entity in kb.all_entities():
        if entity.path is not None:
            continue
        where = address(entity.page_path)
        owner = owners.get(where)
        if owner is None:
            owners[where] = entity.page_path
            continue
        path, _, line = (entity.first_ref or "").rpartition(":")
        if not path:
            path, line = entity.first_ref or entity.page_path, ""
        field = NOTE_REF_FIELDS[entity.kind]
        problems.append(Problem(
            path, int(line) if line.isdigit() else None, field,
            f"the {entity.kind} '{entity.name}' would get the page {entity.page_path}, the address of "
            f"{owner}", f"give the {entity.kind} another name"))
    return problems
