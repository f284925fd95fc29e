"""Measures Hallway search at scale: the terminal index and the site's Pagefind index.

    .venv/bin/python scripts/search_bench.py --talks 5000          # terminal search only
    .venv/bin/python scripts/search_bench.py --talks 5000 --site   # also build the site and measure,
                                                                   # in headless Chromium, the bytes a
                                                                   # reader's first search downloads

Figures: full index build time, query latency inside the process (median over several queries,
with and without the freshness check that runs before each query), index update time after
editing one note, and for the site: build time, Pagefind time and first-search download size.
The lead's benchmark can import :func:`generate_kb`, :func:`measure_cli` and :func:`measure_site`.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
WORDS = [
    "network", "packet", "supernode", "peer", "relay", "tunnel", "encryption", "key", "library",
    "catalogue", "patron", "metadata", "kernel", "scheduler", "driver", "container", "cluster", "deploy",
    "pipeline", "monitoring", "metrics", "alert", "dashboard", "database", "replication", "index",
    "query", "community", "volunteer", "licence", "governance", "funding", "sustainability", "education",
    "workshop", "skills", "documentation", "accessibility", "browser", "compiler", "rust", "python",
    "perl", "javascript", "storage", "filesystem", "backup", "archive", "hardware", "firmware", "radio",
    "satellite", "sensor", "energy", "solar", "battery", "climate", "mapping", "openstreetmap",
    "translation", "security", "privacy", "firewall", "routing", "wireless", "mesh", "embedded",
]
QUERIES = ["NAT piercing supernode", "monitoring metrics", '"database replication"', "rust compiler",
           "speaker:\"Speaker kernel backup\" firmware", "solar battery energy", "CLA", "mapping"]


def _vocabulary(rng: random.Random, size: int = 8000) -> tuple[list[str], list[float]]:
    """Words with Zipf-like weights (rank r weighs 1/r), as in real prose: a few words are common,
    most are rare. The technical words above are mixed in at moderate ranks."""
    syllables = ["ka", "to", "ri", "ne", "mo", "la", "pe", "su", "vi", "da", "go", "he", "ju", "bo", "xi"]
    words = list(dict.fromkeys("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
                               for _ in range(size)))
    for index, word in enumerate(WORDS):
        words.insert(20 + index * 7, word)
    return words, [1.0 / rank for rank in range(1, len(words) + 1)]


def generate_kb(root: Path, talks: int, seed: int = 1) -> Path:
    """Write a synthetic knowledge base of ``talks`` talk notes plus entity files under ``root``."""
    rng = random.Random(seed)
    vocabulary, weights = _vocabulary(rng)

    def words(count: int) -> str:
        return " ".join(rng.choices(vocabulary, weights, k=count))

    topics = [("vpn", "VPN", ["virtual private network"]), ("monitoring", "Monitoring", ["metrics"]),
              ("cla", "Contributor licence agreements", ["CLA(s)", "contributor licence agreement"])]
    topics += [(f"topic-{i}", f"Topic {word}", [f"t{i}"]) for i, word in enumerate(WORDS)]
    speakers = [f"Speaker {a} {b}" for a in WORDS[:40] for b in WORDS[40:]][: max(50, talks // 4)]
    events = [(f"conf-{year}-{i}", year) for year in range(2010, 2026) for i in range(4)]
    for folder in ("speakers", "events", "projects", "topics", "docs"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for slug, name, aliases in topics:
        (root / "topics" / f"{slug}.md").write_text(
            f"---\nname: {name}\naliases: [{', '.join(aliases)}]\n---\n\nAbout {name}.\n", encoding="utf-8")
    for i in range(60):
        (root / "projects" / f"project-{i}.md").write_text(
            f"---\nname: Project {i}\naliases: [P{i}]\n---\n\nA project.\n", encoding="utf-8")
    for slug, year in events:
        (root / "events" / f"{slug}.md").write_text(
            f"---\nname: Conference {year} part {slug.rsplit('-', 1)[1]}\ndates: '{year}'\n---\n",
            encoding="utf-8")
    for n in range(talks):
        slug, year = events[n % len(events)]
        talk_dir = root / "talks" / slug
        talk_dir.mkdir(parents=True, exist_ok=True)
        title = words(5).capitalize()
        body = "\n".join("- " + words(rng.randint(6, 16)) for _ in range(rng.randint(10, 40)))
        chosen = ", ".join(t[1] for t in rng.sample(topics, 2))
        (talk_dir / f"talk-{n}.md").write_text(
            f"---\ntitle: {title} {n}\nevent: {slug}\ndate: {year}-0{1 + n % 9}-1{n % 9}\n"
            f"speakers: [{speakers[n % len(speakers)]}]\nprojects: [Project {n % 60}]\n"
            f"topics: [{chosen}]\n---\n\n{body}\n", encoding="utf-8")
    return root


def _timed(func: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def measure_cli(root: Path) -> dict[str, Any]:
    """Times of the terminal search on the knowledge base at ``root``, in seconds."""
    from hallway.search.engine import search, update_index

    build, _ = _timed(update_index, root, True)
    print(f"full index build: {build:.2f} s", file=sys.stderr)
    check, _ = _timed(update_index, root)
    index, _ = update_index(root)
    query_only = []
    with_check = []
    for _ in range(3):
        for query in QUERIES:
            query_only.append(_timed(index.search, query, {}, 10)[0])
            with_check.append(_timed(search, root, query)[0])
    filtered = _timed(search, root, "network", {"topic": ["VPN"], "year": ["2024"]})[0]
    note = sorted((root / "talks").rglob("*.md"))[len(QUERIES)]
    note.write_text(note.read_text(encoding="utf-8") + "\n- a freshly added zeppelin\n", encoding="utf-8")
    edit, (_, update) = _timed(update_index, root)
    assert update.indexed == 1 and not update.rebuilt, update
    found = [h.path for h in search(root, "zeppelin").outcome.hits]
    assert found == [note.relative_to(root).as_posix()], found
    return {"notes": sum(1 for _ in (root / "talks").rglob("*.md")),
            "full_build_s": round(build, 3),
            "freshness_check_s": round(check, 4),
            "query_median_ms": round(statistics.median(query_only) * 1000, 1),
            "query_max_ms": round(max(query_only) * 1000, 1),
            "query_with_check_median_ms": round(statistics.median(with_check) * 1000, 1),
            "filtered_query_with_check_ms": round(filtered * 1000, 1),
            "update_after_one_edit_s": round(edit, 3)}


def _mkdocs_yml(root: Path) -> None:
    (root / "mkdocs.yml").write_text(
        f"site_name: Bench\ntheme:\n  name: material\n  custom_dir: {REPO / 'site_overrides'}\n"
        "  font: false\nplugins:\n  - hallway:\n      autolink: 'off'\n", encoding="utf-8")


def first_search_bytes(site: Path, query: str, path: str = "talks/") -> dict[str, int]:
    """Bytes of Pagefind files Chromium fetches for one query typed into the header search box, and
    for the search page with filters (which loads every filter's values), under a /repo/ subpath."""
    from playwright.sync_api import sync_playwright

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, url: str) -> str:
            return super().translate_path(url[len("/repo"):]) if url.startswith("/repo/") else "/none"

        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/repo/"
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"])
            runs = (("header_first_search_bytes", base + path, "header"),
                    ("search_page_with_filters_bytes", base + "search/?q=" + query, "page"))
            for label, url, action in runs:
                page = browser.new_page()
                fetched: dict[str, int] = {}

                def record(response: Any, fetched: dict[str, int] = fetched) -> None:
                    if "/pagefind/" in response.url and response.status == 200:
                        fetched[response.url] = len(response.body())

                page.on("response", record)
                page.goto(url)
                if action == "header":
                    page.keyboard.press("/")
                    page.keyboard.type(query)
                    page.wait_for_function("q => document.querySelector('[data-hw-search-list]')"
                                           ".dataset.query === q", arg=query, timeout=60000)
                else:
                    page.wait_for_selector(".hw-result", timeout=60000)
                page.wait_for_timeout(500)
                sizes[label] = sum(fetched.values())
                sizes[label.replace("_bytes", "_files")] = len(fetched)
                for part in ("pf_index", "pf_filter", "pf_fragment"):
                    sizes[label.replace("bytes", part + "_bytes")] = sum(
                        size for url, size in fetched.items() if url.endswith(part))
                page.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return sizes


def measure_site(root: Path, query: str = "monitoring metrics") -> dict[str, Any]:
    """Build the site of ``root`` (MkDocs + Pagefind) and measure the index and a first search."""
    from hallway.core.publish.pagefind import run_pagefind

    if not (root / "mkdocs.yml").exists():
        _mkdocs_yml(root)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    site = root / "site"
    build, proc = _timed(subprocess.run, [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                         cwd=root, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stdout + proc.stderr)
    pagefind, _ = _timed(run_pagefind, site)
    index_bytes = sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()
                      and (not f.name.startswith("pagefind-") or f.name == "pagefind-entry.json"))
    return {"site_build_s": round(build, 1), "pagefind_s": round(pagefind, 2),
            "pagefind_index_total_bytes": index_bytes, **first_search_bytes(site, query)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--talks", type=int, default=5000)
    parser.add_argument("--site", action="store_true", help="also build the site and measure it in Chromium")
    parser.add_argument("--kb", type=Path, help="measure this knowledge base instead of a generated one "
                        "(one of its notes gets a line appended)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hallway-search-bench-"))
    try:
        root = args.kb.resolve() if args.kb else generate_kb(tmp / "kb", args.talks)
        figures = measure_cli(root)
        if args.site:
            figures |= measure_site(root)
        print(json.dumps(figures, indent=2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
