"""Old addresses that keep working: ``redirect_from:`` plans a redirect page at each (issue 14).

A talk or note that is renamed or moved lists its old paths (``talks/eo-2025/old-slug.md``) or old
addresses (``talks/eo-2025/old-slug/``); each becomes a small page at the old address that sends
the reader on (written by ``publish/redirects.py`` once the site is built). They are planned here,
beside the pages, because that is where a clash with a real page can be seen: an old address that
is also a page of the site is an error naming both files.

Targets are always pages of this site, and old addresses are always paths under ``talks/`` or
``posts/``: nothing a note writes can send readers to another site (no open redirects) or replace
the site's own files (assets, search index, feed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..kb.model import KnowledgeBase
from ..kb.schema import POSTS_FOLDER, TALKS_FOLDER
from ..problems import Problem
from .siteplan import PageSpec, url_of

_SEGMENT = re.compile(r"^\w[\w.-]*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
FIELD = "redirect_from"


@dataclass(frozen=True)
class Redirect:
    """A redirect page: at ``from_url`` (site-relative), leading to the page at ``to_url``."""

    from_src: str
    from_url: str
    to_url: str
    path: str
    """The file whose ``redirect_from`` asked for it."""
    line: int | None


def old_source(old: str) -> str | None:
    """The source path (``talks/e/old.md``) an old path or address stands for; None if it is not
    a path of a note under talks/ or posts/."""
    text = old.strip().lstrip("/")
    if text.endswith("/index.html"):
        text = text[: -len("index.html")]
    if text.endswith(".html"):
        text = text[: -len(".html")]
    text = text.rstrip("/")
    if text.endswith(".md"):
        text = text[: -len(".md")]
    segments = text.split("/")
    if len(segments) < 2 or segments[0] not in (TALKS_FOLDER, POSTS_FOLDER):
        return None
    if any(not _SEGMENT.match(s) or s == "index" for s in segments[1:]):
        return None
    return text + ".md"


def plan_redirects(kb: KnowledgeBase, pages: list[PageSpec], directory_urls: bool = True
                   ) -> tuple[list[Redirect], list[Problem]]:
    """Every redirect the notes ask for, and the problems of those that cannot be made."""
    owners = {spec.src_uri: spec.edit_path or "a page the site makes itself" for spec in pages}
    asked: list[tuple[str, list[str], dict[str, int], str]] = []
    for note in sorted(kb.notes.values(), key=lambda n: n.path):
        if note.redirect_from:
            asked.append((note.path, note.redirect_from, note.lines, note.path))
        asked += [(t.path, t.redirect_from, t.lines, note.path) for t in note.notes if t.redirect_from]
    redirects: list[Redirect] = []
    problems: list[Problem] = []
    taken: dict[str, str] = {}
    for path, olds, lines, target in asked:
        to_url = url_of(target, directory_urls)
        for index, old in enumerate(olds):
            line = lines.get(f"{FIELD}.{index}") or lines.get(FIELD)
            if _SCHEME.match(old.strip()) or old.strip().startswith("//") or "\\" in old:
                problems.append(Problem(path, line, FIELD,
                                        f"'{old}' is an address on a site, not an old path of this one "
                                        "(redirects never lead to other sites)",
                                        "write the old path, e.g. talks/<event>/<old-name>.md"))
                continue
            src = old_source(old)
            if src is None:
                problems.append(Problem(path, line, FIELD, f"'{old}' is not an old path of a note",
                                        "write it as talks/<event>/<old-name>.md or "
                                        "posts/<old-name>.md (letters, digits, '-', '_', '.')"))
                continue
            if src in owners:
                what = "this file itself" if owners[src] == path else owners[src]
                problems.append(Problem(path, line, FIELD,
                                        f"old path '{old}' is the address of {what}",
                                        f"remove it from {FIELD}, or rename {what}"
                                        if what != "this file itself" else f"remove it from {FIELD}"))
                continue
            if src in taken and taken[src] != path:
                problems.append(Problem(path, line, FIELD,
                                        f"old path '{old}' is also claimed by {taken[src]}",
                                        "keep it in the file the old address was meant for"))
                continue
            if src in taken:
                continue
            taken[src] = path
            redirects.append(Redirect(src, url_of(src, directory_urls), to_url, path, line))
    return redirects, problems
