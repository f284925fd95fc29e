"""The graph budgets of issue 17, measured on a built knowledge base (called by ``scripts/bench.py``).

* **Local graph weight**: a page's local graph is inline SVG (no script, no data file), so what it
  costs a reader is its ``<section class="hw-graph">`` on the page. For every page that has one,
  this records that section gzipped on its own, and how much it adds to the gzipped page
  (the page with and without it): largest and median. Budget: 30 KB.
* **Build share**: the same knowledge base built twice more, back to back, without local graphs
  (the plugin's ``local_graph: false``) and with them. Wall time and CPU time (user + system of the
  build and every process it waited for) of each, and the CPU time of drawing every local graph
  alone, in this process, against the CPU time of the build without them. Budget: local graphs
  add at most 5%. On a shared machine a build's wall time moves by more than that between two
  runs, so the budget is judged on the smaller of the wall and CPU shares; all are in the report.
* **Whole graph interactive**: headless Chromium (Debian's, through Playwright) opens ``graph/``
  from a local server with an empty cache, three times; each run counts from the start of the
  navigation until the graph is drawn (``data-ready`` set by ``assets/hallway/graph.js``, then
  two animation frames, so that a frame was painted), then clicks a drawn node and checks that
  its page opens. Budget: 3 s (the median).

    .venv/bin/python scripts/bench_graph.py --talks 5000   # only these, on a generated KB

    from bench_graph import measure_graph, graph_budgets
    result = measure_graph(kb_root, site_dir, env)   # -> dict, JSON-ready
    checks = graph_budgets(result)                   # -> {"graph_local_weight": {..., "met": bool}, ...}
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from site_weight import serve

GRAPH_BUDGETS = {
    "local_graph_gzip_bytes_max": 30 * 1024,
    "local_graph_build_share_max": 0.05,
    "whole_graph_interactive_seconds_max": 3.0,
}
#: Debian's Chromium, as the tests use it (tests/browser.py); never a downloaded browser.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SECTION = re.compile(r'<section class="hw-graph".*?</section>', re.S)


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def _summary(values: list[int]) -> dict[str, int]:
    if not values:
        return {"pages": 0, "largest": 0, "median": 0}
    return {"pages": len(values), "largest": max(values), "median": int(statistics.median(values))}


def local_graph_weight(site_dir: Path) -> dict[str, Any]:
    """The compressed size of every page's local graph, alone and as part of its page."""
    alone: list[int] = []
    added: list[int] = []
    largest_page = ""
    for path in sorted(site_dir.rglob("index.html")):
        page = path.read_bytes()
        text = page.decode("utf-8")
        found = SECTION.search(text)
        if found is None:
            continue
        size = _gzip_size(found.group(0).encode("utf-8"))
        if not alone or size > max(alone):
            largest_page = str(path.parent.relative_to(site_dir)) + "/"
        alone.append(size)
        without = (text[: found.start()] + text[found.end():]).encode("utf-8")
        added.append(_gzip_size(page) - _gzip_size(without))
    return {"method": "inline SVG, no script or data file: the section gzipped alone, and what it "
                      "adds to its gzipped page",
            "script_bytes": 0, "alone_gzip": _summary(alone), "added_to_page_gzip": _summary(added),
            "largest_page": largest_page}


# -- the build with and without local graphs -------------------------------------------------------
def _config_without_local_graphs(root: Path) -> Path:
    """``mkdocs.yml`` of ``root`` with ``local_graph: false`` under ``- hallway:``, beside it."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    changed, count = re.subn(r"(?m)^(\s*)- hallway:[ \t]*$", r"\g<0>\n\1    local_graph: false", text,
                             count=1)
    if not count:
        raise ValueError(f"{root / 'mkdocs.yml'}: no `- hallway:` plugin entry with options")
    path = root / "mkdocs-no-local-graph.yml"
    path.write_text(changed, encoding="utf-8")
    return path


def _timed_build(root: Path, config: Path, site: Path, env: dict[str, str]) -> dict[str, Any]:
    """Wall and CPU seconds (the build and every process it waited for) of one ``mkdocs build``."""
    shutil.rmtree(site, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "--site-dir", str(site)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    result: dict[str, Any] = {"ok": proc.returncode == 0, "wall_seconds": round(wall, 3),
              "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3)}
    if proc.returncode != 0:
        result["note"] = output[-2000:]
    return result


def drawing_seconds(root: Path) -> float:
    """CPU seconds to draw every local graph of the knowledge base at ``root``, in this process
    (the build does it in a second process beside MkDocs' rendering): the steadiest figure."""
    from hallway.core.build.graph_worker import make_graphs
    from hallway.core.build.pipeline import build_site

    site, _ = build_site(root)
    start = time.process_time()
    make_graphs(site, directory_urls=True, with_layout=False)
    return round(time.process_time() - start, 3)


def build_share(root: Path, env: dict[str, str]) -> dict[str, Any]:
    """Build ``root`` without local graphs, then with them (the repository's ``mkdocs.yml`` there)."""
    off_config = _config_without_local_graphs(root)
    try:
        off = _timed_build(root, off_config, root / "site-no-local-graph", env)
        on = _timed_build(root, root / "mkdocs.yml", root / "site-local-graph", env)
    finally:
        off_config.unlink(missing_ok=True)
        for name in ("site-no-local-graph", "site-local-graph"):
            shutil.rmtree(root / name, ignore_errors=True)
    result: dict[str, Any] = {"without": off, "with": on, "ok": off["ok"] and on["ok"]}
    if result["ok"]:
        result["wall_share"] = round(on["wall_seconds"] / off["wall_seconds"] - 1, 4)
        result["cpu_share"] = round(on["cpu_seconds"] / off["cpu_seconds"] - 1, 4)
        result["drawing_cpu_seconds"] = drawing_seconds(root)
        result["drawing_share"] = round(result["drawing_cpu_seconds"] / off["cpu_seconds"], 4)
    return result


# -- the whole graph in Chromium -------------------------------------------------------------------
#: After graph.js set data-ready: two animation frames (a frame with the graph was painted), then
#: milliseconds since navigation start, and a drawn node's place in the canvas and its address.
_DRAWN = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
    const {renderer, graph} = document.getElementById('hw-graph').hallwayGraph;
    let best = null;
    graph.forEachNode((node, attrs) => { if (!best || attrs.size > best[1].size) best = [node, attrs]; });
    const point = renderer.graphToViewport(best[1]);
    done({ms: performance.now(), nodes: graph.order, edges: graph.size, x: point.x, y: point.y,
          url: best[1].url, label: best[1].label});
})))"""


def whole_graph_interactive(site_dir: Path, runs: int = 3, timeout_ms: int = 60_000) -> dict[str, Any]:
    """Open ``graph/`` ``runs`` times with an empty cache; time it until drawn; click a node."""
    if not os.path.exists(CHROMIUM):
        return {"available": False, "note": f"{CHROMIUM} is missing"}
    from playwright.sync_api import sync_playwright

    data = site_dir / "graph.json"
    result: dict[str, Any] = {"available": True, "graph_json_bytes": data.stat().st_size,
                              "graph_json_gzip_bytes": _gzip_size(data.read_bytes())}
    errors: list[str] = []
    times: list[float] = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.route("**/*", lambda route: route.continue_()
                              if route.request.url.startswith(base) else route.abort())
                page = context.new_page()
                page.on("pageerror", lambda err: errors.append(str(err)))
                # Requests to other hosts (the header's repository widget) are refused: not errors.
                page.on("console", lambda msg: errors.append(msg.text)
                        if msg.type == "error" and "net::ERR_FAILED" not in msg.text else None)
                page.goto(base + "graph/", wait_until="commit")
                page.wait_for_selector("#hw-graph[data-ready]", state="attached", timeout=timeout_ms)
                drawn = page.evaluate(_DRAWN)
                times.append(drawn["ms"] / 1000)
                box = page.locator(".hw-graph-canvas").bounding_box()
                assert box is not None
                page.mouse.click(box["x"] + drawn["x"], box["y"] + drawn["y"])
                page.wait_for_url(lambda url: not url.endswith("/graph/"), timeout=timeout_ms)
                opened = page.url.removeprefix(base)
                result |= {"nodes": drawn["nodes"], "edges": drawn["edges"],
                           "clicked": {"node": drawn["label"], "expected": drawn["url"], "opened": opened,
                                       "ok": opened == drawn["url"]}}
                context.close()
        finally:
            browser.close()
    result |= {"runs_seconds": [round(t, 3) for t in times],
               "seconds_median": round(statistics.median(times), 3), "console_errors": errors,
               "method": "headless Chromium, empty cache, local server, 1280x900: from navigation start "
                         "until graph.js has drawn and a frame was painted; then a click on the largest node"}
    return result


def measure_graph(root: Path, site_dir: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Every graph measurement of the knowledge base at ``root``, built into ``site_dir``."""
    env = dict(os.environ if env is None else env)
    result: dict[str, Any] = {"local_graph": local_graph_weight(site_dir)}
    print("  graph: local graphs' weight measured; building without and with local graphs…", flush=True)
    result["build_share"] = build_share(root, env)
    print("  graph: opening the whole graph in Chromium…", flush=True)
    result["whole_graph"] = whole_graph_interactive(site_dir)
    print(f"  graph: {_line(result)}", flush=True)
    return result


def _line(result: dict[str, Any]) -> str:
    local, share, whole = result["local_graph"], result["build_share"], result["whole_graph"]
    parts = [f"local graph largest {local['alone_gzip']['largest'] / 1024:.1f} KiB gzipped "
             f"(median {local['alone_gzip']['median'] / 1024:.1f} KiB)"]
    if share.get("ok"):
        parts.append(f"build {share['wall_share']:+.1%} wall, {share['cpu_share']:+.1%} CPU, drawing "
                     f"{share['drawing_cpu_seconds']:.2f} s CPU ({share['drawing_share']:.1%})")
    if whole.get("available"):
        parts.append(f"whole graph drawn in {whole['seconds_median']:.2f} s ({whole.get('nodes')} nodes)")
    return "; ".join(parts)


def graph_budgets(result: dict[str, Any] | None) -> dict[str, Any]:
    """The three budgets, checked on :func:`measure_graph`'s result (``met`` None: not measured)."""
    if not result:
        return {}
    local, share, whole = result["local_graph"], result["build_share"], result["whole_graph"]
    largest, most = local["alone_gzip"]["largest"], GRAPH_BUDGETS["local_graph_gzip_bytes_max"]
    out: dict[str, Any] = {"graph_local_weight": {
        "largest_gzip_bytes": largest, "max": most,
        "met": largest <= most if local["alone_gzip"]["pages"] else None}}
    if share.get("ok"):
        judged = min(share["wall_share"], share["cpu_share"])
        out["graph_local_build_share"] = {
            "wall_share": share["wall_share"], "cpu_share": share["cpu_share"],
            "drawing_share": share["drawing_share"],
            "max": GRAPH_BUDGETS["local_graph_build_share_max"],
            "met": judged <= GRAPH_BUDGETS["local_graph_build_share_max"]}
    else:
        out["graph_local_build_share"] = {"met": None, "note": "a build failed"}
    if whole.get("available"):
        seconds = whole["seconds_median"]
        out["graph_whole_interactive"] = {
            "seconds": seconds, "max": GRAPH_BUDGETS["whole_graph_interactive_seconds_max"],
            "met": (seconds <= GRAPH_BUDGETS["whole_graph_interactive_seconds_max"]
                    and whole["clicked"]["ok"] and not whole["console_errors"])}
    else:
        out["graph_whole_interactive"] = {"met": None, "note": whole.get("note")}
    return out


def main(argv: list[str] | None = None) -> int:
    """Only the graph budgets, on one generated knowledge base (``scripts/bench.py`` runs them too,
    at its largest size, beside everything else it measures)."""
    import argparse
    import json

    import bench
    import synthkb

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--talks", type=int, default=5000)
    parser.add_argument("--workdir", type=Path, default=bench.REPO / "bench-out" / "graph")
    parser.add_argument("--out", type=Path, default=bench.REPO / "bench-out" / "graph-report.json")
    args = parser.parse_args(argv)
    root = args.workdir / str(args.talks)
    shutil.rmtree(root, ignore_errors=True)
    synthkb.generate(root, args.talks)
    (root / "mkdocs.yml").write_text(bench.hallway_config(), encoding="utf-8")
    shutil.copytree(bench.REPO / "docs", root / "docs")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    print(f"{args.talks} talks generated; building…", flush=True)
    first = _timed_build(root, root / "mkdocs.yml", root / "site", env)
    if not first["ok"]:
        print(first["note"])
        return 1
    report = {"talks": args.talks, "build": first, "graph": measure_graph(root, root / "site", env)}
    report["budgets"] = graph_budgets(report["graph"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for name, check in report["budgets"].items():
        state = {True: "met", False: "NOT MET", None: "not measured"}[check.get("met")]
        print(f"  {name:<26} {state:<13} {json.dumps({k: v for k, v in check.items() if k != 'met'})}")
    print(f"Report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
