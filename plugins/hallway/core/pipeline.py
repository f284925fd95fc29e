"""One build of a knowledge base, engine-neutral: load, relate, plan pages, post-process HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .loader import CheckedFile, load
from .model import KnowledgeBase
from .parsecache import ParseCache
from .problems import Problem
from .relations import Relations, build_relations
from .siteplan import PageSpec, SitePlanner
from .timing import stage


@dataclass
class Site:
    """Everything a static-site engine needs to render the knowledge base."""

    kb: KnowledgeBase
    relations: Relations
    pages: list[PageSpec]
    autolink: str = "first"
    specs: dict[str, PageSpec] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.specs = {spec.src_uri: spec for spec in self.pages}

    def finish_html(self, src_uri: str, html: str) -> str:
        """Post-process a page's rendered (already sanitised) body HTML."""
        return html


def build_site(root: Path | str, directory_urls: bool = True,
               autolink: str = "first",
               cache: ParseCache[CheckedFile] | None = None) -> tuple[Site, list[Problem]]:
    """Load the knowledge base at ``root`` and plan its site (reusing ``cache``d parses if given)."""
    with stage("loading"):
        kb, problems = load(root, cache)
    with stage("relations"):
        relations = build_relations(kb)
    with stage("page generation"):
        pages = SitePlanner(kb, relations, directory_urls).pages()
    return Site(kb, relations, pages, autolink), problems
