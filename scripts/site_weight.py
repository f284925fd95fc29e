"""What a built site weighs: bytes, files, files per kind, the largest page, and a first search.

``measure(site_dir)`` returns a dict (``scripts/bench.py --archive`` prints it; so does
``python scripts/site_weight.py SITE_DIR``):

- ``bytes`` and ``files``: the whole published folder, as a host counts it (GitHub Pages refuses
  sites over 1 GB; some hosts cap files at 20,000);
- ``kinds``: files and bytes per top-level folder (``talks``, ``speakers``…), with Pagefind's
  output per sub-folder (``pagefind/fragment``…), since search is most of the file count;
- ``html``: how many pages, their average size, the largest page and every page over
  :data:`PAGE_LIMIT`;
- ``first_query``: the bytes a reader's browser downloads to open the search page and get the
  first results of one query, the same for the header's search box on the home page, and for a
  search by a filter alone (``search/?kind=Talk``, as a topic page's "search within all" opens): real
  Chromium (``/usr/bin/chromium`` through Playwright), the site served by a local ``http.server``,
  every response body counted. ``None`` when Chromium or Playwright is missing.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import sys
import threading
from collections import defaultdict
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PAGE_LIMIT = 300 * 1024
"""No HTML page should be larger (issue 16)."""
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
DEFAULT_QUERY = "python"
FILTER_ADDRESS = "search/?kind=Talk"
"""A search by a filter alone, as a topic page's "search within all" opens one."""


def kind_of(rel: str) -> str:
    """The kind a file counts under: its top-level folder (Pagefind's: one level deeper)."""
    parts = rel.split("/")
    if len(parts) == 1:
        return "(top)"
    if parts[0] == "pagefind" and len(parts) > 2:
        return f"pagefind/{parts[1]}"
    return parts[0]


def files_and_pages(site: Path) -> dict[str, Any]:
    """Everything :func:`measure` says without a browser."""
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: {"files": 0, "bytes": 0})
    total = count = pages = html_bytes = 0
    largest = ("", 0)
    over: list[tuple[str, int]] = []
    for dirpath, _, names in os.walk(site):
        for name in names:
            path = os.path.join(dirpath, name)
            size = os.path.getsize(path)
            rel = os.path.relpath(path, site).replace(os.sep, "/")
            kind = kinds[kind_of(rel)]
            kind["files"] += 1
            kind["bytes"] += size
            total += size
            count += 1
            if name.endswith(".html"):
                pages += 1
                html_bytes += size
                if size > largest[1]:
                    largest = (rel, size)
                if size > PAGE_LIMIT:
                    over.append((rel, size))
    return {
        "bytes": total, "files": count,
        "kinds": dict(sorted(kinds.items(), key=lambda kv: -kv[1]["files"])),
        "html": {"pages": pages, "bytes": html_bytes, "average": html_bytes // pages if pages else 0,
                 "largest": {"path": largest[0], "bytes": largest[1]},
                 "over_limit": [{"path": p, "bytes": b} for p, b in sorted(over, key=lambda pb: -pb[1])],
                 "limit": PAGE_LIMIT},
    }


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a page mid-download hangs up: not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free local port; yield its base URL."""
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _downloaded(browser: Any, base: str, steps: Any) -> dict[str, Any]:
    """Bytes of every response while ``steps(page)`` runs in a fresh browser context (no cache)."""
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                  else route.abort())
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    try:
        shown = steps(page)
        by_kind: dict[str, int] = defaultdict(int)
        total = 0
        for response in responses:
            try:
                size = len(response.body())
            except Exception:  # a redirect or an aborted request has no body
                continue
            total += size
            path = response.url[len(base):].split("?")[0]
            by_kind[kind_of(path) if "/" in path else path or "(top)"] += size
        return {"bytes": total, "requests": len(responses), "results": shown,
                "by_kind": dict(sorted(by_kind.items(), key=lambda kv: -kv[1]))}
    finally:
        context.close()


def first_query(site: Path, query: str = DEFAULT_QUERY, browser: Any | None = None) -> dict[str, Any] | None:
    """Bytes downloaded to search ``query`` on the search page and in the header box (see module doc);
    in ``browser`` (a Playwright Chromium) if given, else in one started here."""

    def search_page(page: Any, address: str = f"search/?q={query}") -> int:
        page.goto(base + address)
        page.wait_for_function("() => { const s = document.querySelector('[data-hw-app-status]');"
                               " return s && /match/.test(s.textContent); }", timeout=60_000)
        # The count shows first; the results follow once the facets are drawn and their
        # fragments fetched (at 21,570 talks networkidle came before them and 0 were counted).
        page.wait_for_function("() => document.querySelector('.hw-result') || /No notes/.test("
                               "document.querySelector('[data-hw-app-status]').textContent)", timeout=60_000)
        page.wait_for_load_state("networkidle")
        return len(page.query_selector_all(".hw-result"))

    def header_box(page: Any) -> int:
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.keyboard.press("/")
        page.keyboard.type(query)
        page.wait_for_function("q => { const l = document.querySelector('[data-hw-search-list]');"
                               " return l && l.dataset.query === q; }", arg=query, timeout=60_000)
        page.wait_for_load_state("networkidle")
        return len(page.query_selector_all("[data-hw-search-list] .md-search-result__item"))

    def both(chromium: Any) -> dict[str, Any]:
        return {"query": query, "search_page": _downloaded(chromium, base, search_page),
                "header_box": _downloaded(chromium, base, header_box),
                "filters_only": _downloaded(chromium, base,
                                            lambda page: search_page(page, FILTER_ADDRESS))}

    with serve(site) as base:
        if browser is not None:
            return both(browser)
        if not os.path.exists(CHROMIUM):
            return None
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            return None
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return both(chromium)
            finally:
                chromium.close()


def measure(site_dir: Path, query: str = DEFAULT_QUERY, browser: bool = True) -> dict[str, Any]:
    """The weight of the built site in ``site_dir`` (see the module doc)."""
    site = Path(site_dir)
    result = files_and_pages(site)
    result["first_query"] = first_query(site, query) if browser else None
    return result


def summary(result: dict[str, Any]) -> str:
    """A few lines for people."""
    html = result["html"]
    lines = [f"site: {result['bytes'] / 2**20:.1f} MiB in {result['files']:,} files; "
             f"{html['pages']:,} pages, {html['average'] / 1024:.1f} KiB on average; largest "
             f"{html['largest']['path']} ({html['largest']['bytes'] / 1024:.0f} KiB); "
             f"{len(html['over_limit'])} over {html['limit'] // 1024} KiB"]
    lines += [f"  {kind:<20} {v['files']:>7,} files {v['bytes'] / 2**20:9.1f} MiB"
              for kind, v in result["kinds"].items()]
    found = result.get("first_query")
    if found:
        for where in ("search_page", "header_box", "filters_only"):
            part = found.get(where)
            if part is None:
                continue
            what = FILTER_ADDRESS if where == "filters_only" else repr(found["query"])
            lines.append(f"first query {what} ({where}): {part['bytes'] / 1024:.0f} KiB in "
                         f"{part['requests']} requests, {part['results']} results shown")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--query", default=DEFAULT_QUERY, help="the first search (default: %(default)s)")
    parser.add_argument("--no-browser", action="store_true", help="skip the first-query measurement")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: no index.html here: give the folder of a built site", file=sys.stderr)
        return 2
    result = measure(args.site_dir, args.query, browser=not args.no_browser)
    print(json.dumps(result, indent=1) if args.json else summary(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
