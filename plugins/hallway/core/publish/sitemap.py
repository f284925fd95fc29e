"""A large sitemap moved behind a small sitemap index, so that no page view downloads it.

Material fetches ``sitemap.xml`` on every page that has a ``<link rel="alternate">`` (it looks for
other language versions there), and every Hallway page has one: the Atom feed. At 21,570 talks
the sitemap is ~5 MB, so the first page a reader opened cost 5 MB more (issue 16). When the
sitemap MkDocs wrote is larger than :data:`SPLIT_BYTES`, it moves to ``sitemap-pages.xml`` and
``sitemap.xml`` becomes a sitemap index pointing to it, which search engines read just the same.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from xml.sax.saxutils import escape

SPLIT_BYTES = 64 * 1024
PAGES_FILE = "sitemap-pages.xml"


def split_sitemap(site_dir: Path | str, site_url: str | None) -> bool:
    """Move a large ``sitemap.xml`` behind a sitemap index; True if it did. Needs ``site_url``
    (a sitemap index holds absolute addresses)."""
    sitemap = Path(site_dir) / "sitemap.xml"
    if not site_url or not sitemap.is_file() or sitemap.stat().st_size <= SPLIT_BYTES:
        return False
    with sitemap.open("rb") as head:
        if b"<urlset" not in head.read(4096):
            return False  # already an index
    os.replace(sitemap, sitemap.with_name(PAGES_FILE))
    address = escape(site_url.rstrip("/") + "/" + PAGES_FILE)
    index = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
             f"<sitemap><loc>{address}</loc></sitemap>\n</sitemapindex>\n").encode()
    sitemap.write_bytes(index)
    with gzip.GzipFile(sitemap.with_name("sitemap.xml.gz"), "wb", mtime=0) as packed:
        packed.write(index)
    return True
