"""A minimal checker of a built site's internal links and anchors (stdlib HTML parser, fast).

For every page: each ``href``/``src`` that points inside the site must name an existing file (a
folder URL means its ``index.html``), and each ``#fragment`` must be an ``id`` (or ``name``) on the
target page. External addresses, ``mailto:`` and the like are not fetched. Absolute URLs under the
site's own address (``site_url``) count as internal.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        for key in ("href", "src"):
            if values.get(key) is not None and not (tag == "link" and values.get("rel") == "preconnect"):
                self.links.append(str(values[key]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def broken_links(site: Path, site_url: str = "") -> list[str]:
    """``page: link`` for every internal link or anchor of ``site`` that leads nowhere."""
    site = site.resolve()
    base_path = urlsplit(site_url).path if site_url else "/"
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in site.rglob("*.html")}
    broken: list[str] = []
    for rel, page in sorted(pages.items()):
        here = posixpath.dirname(rel)
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                if not site_url or not link.startswith(site_url):
                    continue
                target = parts.path[len(base_path):]
            elif parts.path.startswith("/"):
                if not parts.path.startswith(base_path):
                    broken.append(f"{rel}: {link}")
                    continue
                target = parts.path[len(base_path):]
            else:
                target = posixpath.normpath(posixpath.join(here, unquote(parts.path))) if parts.path else rel
            target = unquote(target)
            if target == ".." or target.startswith("../"):
                broken.append(f"{rel}: {link} (leaves the site)")
                continue
            if target in (".", "") or target.endswith("/") or (site / target).is_dir():
                target = posixpath.normpath(posixpath.join(target, "index.html"))
            file = site / target
            if not file.is_file():
                broken.append(f"{rel}: {link}")
                continue
            if parts.fragment and target.endswith(".html"):
                fragment = unquote(parts.fragment)
                if fragment not in pages[target].ids:
                    broken.append(f"{rel}: {link} (no #{fragment})")
    return broken
