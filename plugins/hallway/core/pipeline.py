"""One build of a knowledge base, engine-neutral: load, relate, plan pages, post-process HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .loader import load
from .model import KnowledgeBase
from .problems import Problem
from .relations import Relations, build_relations
from .siteplan import PageSpec, SitePlanner
from .sitesearch import plan_search


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
               autolink: str = "first") -> tuple[Site, list[Problem]]:
    """Load the knowledge base at ``root`` and plan its site."""
    kb, problems = load(root)
    relations = build_relations(kb)
    pages = SitePlanner(kb, relations, directory_urls).pages()
    pages += plan_search(kb, pages)  # search data on note pages, and the search page
    return Site(kb, relations, pages, autolink), problems
