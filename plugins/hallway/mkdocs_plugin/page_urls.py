"""The ``hallway_url`` filter: MkDocs' ``url`` filter for templates imported once per build.

MkDocs' ``url`` filter reads the page being rendered from the template context, so Hallway's
macros (``site_overrides/hallway/macros.html``) had to be imported ``with context``, and Jinja
then runs the whole macro template again for every page: a new module, a dozen macro objects and
their cycles, ~130 objects of cyclic garbage a page for the garbage collector (issue 16: at 5,000
talks, ~2 s of making modules and ~1.5 s of collections). Imported without context, the module is
made once per build; its links are made relative to the page the adapter says is being rendered
(``on_page_context`` runs just before each page's template, in the second writer too).
"""

from __future__ import annotations

from typing import Any

from mkdocs.utils import normalize_url


class PageUrls:
    """The page whose template is being filled, and the filter that makes links relative to it."""

    def __init__(self) -> None:
        self.page: Any = None

    def url(self, value: object) -> str:
        """What MkDocs' ``url`` filter gives for ``value`` on the current page."""
        return normalize_url(str(value), page=self.page)
