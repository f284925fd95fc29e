"""What the build hands a static-site engine: the knowledge base, its relations and every page to render."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..kb.model import KnowledgeBase
from ..link.autolink import link_html
from ..link.matcher import Matcher
from ..link.mentions import Mention
from ..relate.relations import Relations
from ..relate.timeline import Timeline
from .redirects import Redirect
from .siteplan import PageSpec


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

    def __post_init__(self) -> None:
        self.specs = {spec.src_uri: spec for spec in self.pages}

    def finish_html(self, src_uri: str, html: str) -> str:
        """Post-process a page's rendered (already sanitised) body HTML: link mentions."""
        spec = self.specs.get(src_uri)
        if spec is None or spec.link_mode == "off":
            return html
        mode = spec.link_mode or self.autolink
        return link_html(html, self.matcher, spec.url, spec.own_targets, mode)
