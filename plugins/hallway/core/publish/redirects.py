"""Writing the redirect pages that keep old addresses working (planned in ``pages/redirects.py``).

Each is a tiny HTML file at the old address with a meta refresh, a canonical link and a plain link
for readers without refresh, all relative, so the site works under any subpath (a GitHub Pages
project site) and from a local folder. They are written after the engine has written the pages,
as files of their own: they are no pages of the site (no navigation, search index or sitemap).
"""

from __future__ import annotations

import html
import os
import posixpath
import tempfile
from pathlib import Path

from ..pages.redirects import Redirect

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<p>This page has moved to <a href="{href}">{href}</a>.</p>
</body>
</html>
"""


def relative_url(from_url: str, to_url: str) -> str:
    """The link from the page at ``from_url`` to ``to_url``, both site-relative."""
    here = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath("/" + to_url, "/" + here) if to_url else posixpath.relpath("/", "/" + here)
    if to_url.endswith("/") or not to_url:
        target += "/"
    return target.replace("//", "/") if target != "./" else "./"


def redirect_page(redirect: Redirect) -> str:
    """The HTML of one redirect page."""
    return PAGE.format(href=html.escape(relative_url(redirect.from_url, redirect.to_url)))


def write_redirects(site_dir: str | Path, redirects: list[Redirect]) -> list[str]:
    """Write every redirect page under ``site_dir``; return their site-relative file paths."""
    written: list[str] = []
    for redirect in redirects:
        rel = redirect.from_url + "index.html" if redirect.from_url.endswith("/") else redirect.from_url
        path = Path(site_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".redirect-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(redirect_page(redirect))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(rel)
    return written
