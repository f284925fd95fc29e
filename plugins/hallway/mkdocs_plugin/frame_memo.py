"""The parts of the theme's page frame that many pages share, rendered once per build, not per page.

Material renders its header (logo, palette, search box, repository link) and navigation tabs for
every page through a few dozen macro calls; at 5,000 talks that was a third of the time spent in
templates (issue 16: the build must stay at most half of Material's own). Those parts differ
between pages only by the page's relative links, and by which tab is active. The templates wrap
them in ``{% call hallway_memo("name") %}…{% endcall %}``; the first page with a given set of
relative links renders the part, and every page with the same links reuses that HTML.

The key is exact, not a guess at what the part reads: the page's ``base_url``, the relative link
from the page to every navigation entry (``../../talks/`` from one page can be ``../`` from another
at the same depth) and to any ``targets`` the part names, and which top-level entries are active.
A large hand-written navigation (over ``MAX_NAV_ENTRIES``) is rendered per page as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.utils import normalize_url

MAX_NAV_ENTRIES = 200
"""Beyond this many navigation entries, working out the key would cost more than it saves."""


def _entries(items: Any) -> Iterator[Any]:
    for item in items or ():
        yield item
        yield from _entries(getattr(item, "children", None))


class FrameMemo:
    """One build's memo of shared page-frame parts (a serve rebuild starts a new one)."""

    def __init__(self) -> None:
        self._parts: dict[tuple[object, ...], Markup] = {}
        self._last: tuple[object, tuple[object, ...] | None] | None = None  # (page, its links)
        self.rendered = 0
        self.reused = 0

    def _key(self, context: Context, name: str, targets: tuple[str, ...]) -> tuple[object, ...] | None:
        page = context.get("page")
        base = str(context.get("base_url", ""))
        if self._last is None or self._last[0] is not page or page is None:
            self._last = (page, self._page_links(context, page, base))
        links = self._last[1]
        if links is None:
            return None
        return (name, base, links, tuple(normalize_url(url, page, base) for url in targets))

    @staticmethod
    def _page_links(context: Context, page: Any, base: str) -> tuple[object, ...] | None:
        """The page's relative links to every navigation entry and which entries are active
        (worked out once per page: a page's frame asks for several parts)."""
        entries = list(_entries(getattr(context.get("nav"), "items", None)))
        if len(entries) > MAX_NAV_ENTRIES:
            return None
        return tuple((normalize_url(entry.url, page, base) if getattr(entry, "url", None) is not None
                      else None, bool(getattr(entry, "active", False))) for entry in entries)

    def jinja_global(self) -> Callable[..., Markup]:
        """The ``hallway_memo`` function the templates call."""

        @pass_context
        def hallway_memo(context: Context, name: str, *targets: str, caller: Callable[[], str]) -> Markup:
            key = self._key(context, name, targets)
            if key is None:
                return Markup(caller())
            part = self._parts.get(key)
            if part is None:
                part = self._parts[key] = Markup(caller())
                self.rendered += 1
            else:
                self.reused += 1
            return part

        return hallway_memo
