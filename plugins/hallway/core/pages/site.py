"""What the build hands a static-site engine: the knowledge base, its relations and every page to render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..kb.model import KnowledgeBase
from ..link.autolink import link_html
from ..link.matcher import Matcher
from ..link.mentions import Mention
from ..relate.relations import Relations
from ..relate.timeline import Timeline
from .redirects import Redirect
from .siteplan import PageSpec

if TYPE_CHECKING:
    from .replan import LastPlan


@dataclass
class Site:
    """Everything a static-site engine needs to render the knowledge base."""

    kb: KnowledgeBase
    relations: Relations
    pages: list[PageSpec]
    matcher: Matcher
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    """Mentions found in each note's prose, by note path."""
    autolink: str = "first"
    specs: dict[str, PageSpec] = field(default_factory=dict)
    redirects: list[Redirect] = field(default_factory=list)
    """Old addresses of moved notes and where they lead (``redirect_from:``, issue 14)."""
    timeline: Timeline | None = None
    """Series and years (``relate/timeline.py``), for the whole graph the build publishes."""
    kept: set[str] = field(default_factory=set)
    """Serve: pages taken as they were from the last plan (``replan.py``): their local graphs,
    search data and fingerprints are as they were too."""
    replanned: bool = False
    """Serve: planned against the last plan (``kept`` may still be empty: an edit that reached
    every note and entity page); False when everything was planned."""
    plan: LastPlan | None = None
    """Serve: what the next rebuild's planning compares with (``replan.py``), once this site is
    accepted (a plan whose notes have errors is never compared with)."""

    def __post_init__(self) -> None:
        self.specs = {spec.src_uri: spec for spec in self.pages}

    def finish_html(self, src_uri: str, html: str) -> str:
        """Post-process a page's rendered (already sanitised) body HTML: link mentions."""
        spec = self.specs.get(src_uri)
        if spec is None or spec.link_mode == "off":
            return html
        mode = spec.link_mode or self.autolink
        return link_html(html, self.matcher, spec.url, spec.own_targets, mode)
