"""A link checker for a built site, served over real HTTP under a project subpath.

GitHub Pages serves a project site under ``https://<user>.github.io/<repo>/``, so a link that works
at the root of ``mkdocs serve`` can break there. :func:`broken_links` serves a built site from a
local ``http.server`` at ``http://127.0.0.1:<port>/<repo>/``, opens every HTML page (every page
file of the site, not only the ones reachable from home), and follows every internal ``href`` and
``src`` and every ``#anchor``. Anything that is not a 200, does not resolve inside the subpath, or
points at an anchor the target page lacks is reported.

Written by hand (stdlib ``html.parser`` + ``urllib``) because it must run offline against a local
server, and it is small. Reusable: ``from tests.linkcheck import broken_links``.
"""

from __future__ import annotations

import contextlib
import functools
import re
import tempfile
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

#: Attributes that load or link to another resource.
LINK_ATTRS = {("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
              ("source", "src"), ("iframe", "src"), ("video", "src"), ("audio", "src")}
#: ``href="/x"`` or ``src="/x"`` (root-absolute; ``//host`` is protocol-relative and not matched).
ROOT_ABSOLUTE = re.compile(r"""\b(?:href|src|action)\s*=\s*["']?/(?!/)""", re.IGNORECASE)


@dataclass
class _Page:
    links: list[tuple[str, str]] = field(default_factory=list)
    """(tag.attr, value) of every link on the page."""
    anchors: set[str] = field(default_factory=set)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.anchors.add(value)
            if (tag, name) in LINK_ATTRS:
                self.page.links.append((f"{tag}.{name}", value))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_under(site_dir: Path | str, base_path: str = "/repo/") -> Iterator[str]:
    """Serve ``site_dir`` at ``http://127.0.0.1:<port><base_path>``; yield that base URL."""
    name = base_path.strip("/")
    with tempfile.TemporaryDirectory(prefix="hallway-serve-") as tmp:
        root = Path(tmp)
        target = root / name if name else root
        if name:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(Path(site_dir).resolve(), target_is_directory=True)
            served = root
        else:
            served = Path(site_dir).resolve()
        handler = functools.partial(_QuietHandler, directory=str(served))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{name + '/' if name else ''}"
        finally:
            server.shutdown()
            server.server_close()
            thread.join()


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as err:
        return err.code, "", b""


def crawl(base_url: str, start_paths: list[str] | None = None) -> list[str]:
    """Every broken internal link of the site at ``base_url`` (a running server).

    ``start_paths`` (relative to ``base_url``) are pages to open besides those reached by links.
    Returns one line per problem: ``page: tag.attr 'value' -> problem``.
    """
    base = urlsplit(base_url)
    problems: list[str] = []
    pages: dict[str, _Page | None] = {}
    statuses: dict[str, int] = {}
    queue = [base_url] + [urljoin(base_url, p) for p in start_paths or []]

    def load(url: str) -> _Page | None:
        if url not in statuses:
            status, ctype, body = _fetch(url)
            statuses[url] = status
            page = None
            if status == 200 and ctype == "text/html":
                parser = _Parser()
                parser.feed(body.decode("utf-8", "replace"))
                page = parser.page
                queue.append(url)
            pages[url] = page
        return pages[url]

    seen: set[str] = set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page = load(url)
        if page is None:
            continue
        shown = url[len(base_url):] or "(home)"
        for attr, value in page.links:
            target = urljoin(url, value)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != base.netloc:
                continue  # external, mailto:, data:, javascript: (the sanitiser's job)
            if not unquote(parts.path).startswith(unquote(base.path)):
                problems.append(f"{shown}: {attr} {value!r} -> {parts.path} is outside {base.path}")
                continue
            address, fragment = urldefrag(target)
            target_page = load(address)
            if statuses[address] != 200:
                problems.append(f"{shown}: {attr} {value!r} -> HTTP {statuses[address]}")
            elif fragment and (target_page is None or unquote(fragment) not in target_page.anchors):
                problems.append(f"{shown}: {attr} {value!r} -> no element with id {fragment!r}")
    return sorted(set(problems))


def html_pages(site_dir: Path | str) -> list[str]:
    """Site-relative URLs of every HTML file in a built site (``talks/x/`` for ``talks/x/index.html``)."""
    root = Path(site_dir)
    urls = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


def broken_links(site_dir: Path | str, base_path: str = "/repo/") -> list[str]:
    """Serve a built site under ``base_path`` and return every broken internal link and anchor."""
    with serve_under(site_dir, base_path) as base_url:
        return crawl(base_url, html_pages(site_dir))


def root_absolute_links(site_dir: Path | str) -> list[str]:
    """``file: snippet`` for each ``href="/…"``/``src="/…"`` in the site's HTML (breaks on a subpath)."""
    found = []
    root = Path(site_dir)
    for path in sorted(root.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in ROOT_ABSOLUTE.finditer(text):
            snippet = text[match.start(): match.end() + 40].split(">")[0]
            found.append(f"{path.relative_to(root).as_posix()}: {snippet}")
    return found
