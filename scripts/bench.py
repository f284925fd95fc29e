#!/usr/bin/env python3
"""Benchmark Hallway against what a user would pick instead, on the same synthetic notes (issue 7).

For each size N it generates a deterministic knowledge base (scripts/synthkb.py), then builds it:

* with Hallway (``mkdocs build`` with the repository's own mkdocs.yml and templates), recording
  Hallway's own stages through ``HALLWAY_PROFILE``;
* with plain Material and the ``tags`` plugin, default navigation (only up to ``--max-default``
  talks: it grows with the square of the pages), and with ``navigation.prune``;
* with Hugo and taxonomies, when ``hugo`` is installed.

Each build runs as its own process: wall time, pages per second, peak RSS (``wait4`` rusage of that
child) and site size are recorded. For Hallway it also times the edit-preview loop (``hallway serve``:
edit one note, wait until every affected page on disk shows the edit), the search payload of a
first query and ``hallway search`` when they exist. It prints ratios against the baselines of the
same run (the machine is shared, so only same-run ratios are meaningful), checks the issue's
budgets, and writes a JSON report.

    .venv/bin/python scripts/bench.py --sizes 1000,5000
    .venv/bin/python scripts/bench.py --quick          # tiny, Hallway only: what CI runs
    .venv/bin/python scripts/bench.py --archive        # the real pyvideo archive (issue 16)
    .venv/bin/python scripts/bench.py --archive --archive-talks 300   # its quick mode, in CI
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

import bench_graph
import synthkb

REPO = Path(__file__).resolve().parent.parent
GIB = 1024**3
#: Hallway's own work on the build's critical path (the rest is MkDocs: Markdown rendering, templates,
#: writing files). Work Hallway moves beside the build (Pagefind, the page-finishing process) counts
#: by what the build waits for it; its CPU time is reported apart ("beside the build").
OWN_STAGES = ("loading", "relations", "page generation", "linking", "sanitising", "search indexing",
              "change tracking", "sanitising and linking: handing over", "sanitising and linking: waiting")
#: Informational stages: time spent in other processes while the build went on.
BESIDE_STAGES = ("search indexing: Pagefind beside the build", "sanitising and linking: second process (CPU)")
BUDGETS = {
    "linear_per_talk_ratio_max": 1.3,
    "hallway_over_pruned_max": 1.5,
    "default_over_hallway_min_at_2000": 5.0,
    "own_stages_share_max": 0.20,
    "edit_loop_share_max": 0.10,
    "peak_rss_bytes_max": GIB,
    "first_query_bytes_max": 1024 * 1024,
}


@dataclass
class Run:
    """One measured build."""

    tool: str
    talks: int
    ok: bool
    wall_seconds: float
    peak_rss_bytes: int
    html_pages: int
    site_bytes: int
    pages_per_second: float = 0.0
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# -- running and measuring a child process -----------------------------------------------------------
def _tree_pss(root: int) -> int:
    """Bytes of memory used by process ``root`` and its descendants, as the sum of their PSS
    (proportional set size: pages a forked child shares with its parent are not counted twice)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            continue
    return total


class TreeMemory(threading.Thread):
    """Samples :func:`_tree_pss` of a process every 0.2 s and keeps the peak.

    ru_maxrss (below) is the largest single process; Hallway runs Pagefind and, for large builds, a
    page-finishing process beside MkDocs, so what they use together is measured too.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.peak = max(self.peak, _tree_pss(self.pid))


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
                 timeout: float = 1800, tree: dict[str, int] | None = None) -> tuple[float, int, int, str]:
    """Run ``cmd``; return wall seconds, the child's peak RSS in bytes, exit code and output.
    ``tree``, if given, receives ``peak_tree_pss_bytes``: the peak of all its processes together."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        timer.start()
        sampler = TreeMemory(proc.pid) if tree is not None and os.path.isdir("/proc") else None
        if sampler is not None:
            sampler.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            if sampler is not None:
                sampler.done.set()
                sampler.join()
                assert tree is not None
                tree["peak_tree_pss_bytes"] = sampler.peak
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        # ru_maxrss is in KiB on Linux; it covers the child and the descendants it waited for.
        return wall, usage.ru_maxrss * 1024, proc.returncode, out.read()


def site_stats(site: Path) -> tuple[int, int]:
    """Number of HTML pages and total bytes of a built site."""
    pages = size = 0
    for dirpath, _dirs, names in os.walk(site):
        for name in names:
            size += os.path.getsize(os.path.join(dirpath, name))
            pages += name.endswith(".html")
    return pages, size


def measured_build(tool: str, talks: int, cmd: list[str], cwd: Path, site: Path,
                   env: dict[str, str] | None = None) -> Run:
    shutil.rmtree(site, ignore_errors=True)
    tree: dict[str, int] = {}
    wall, rss, code, output = run_measured(cmd, cwd, env, tree=tree)
    pages, size = site_stats(site) if site.is_dir() else (0, 0)
    run = Run(tool, talks, code == 0, round(wall, 3), rss, pages, size,
              round(pages / wall, 1) if wall else 0.0)
    run.extra.update(tree)
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    run.extra["warnings"] = len(warnings)
    if code != 0:
        run.note = "failed: " + output[-2000:]
    print(f"  {tool:<18} {talks:>6} talks  {wall:8.2f} s  {pages:>6} pages  "
          f"{rss / 2**20:7.0f} MiB  {'ok' if code == 0 else 'FAILED'}", flush=True)
    return run


# -- the knowledge bases -----------------------------------------------------------------------------
def hallway_config() -> str:
    """The repository's own mkdocs.yml, pointed at the repository's templates and docs."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    return re.sub(r"(?m)^(\s*custom_dir:\s*)site_overrides\s*$", rf"\g<1>{REPO / 'site_overrides'}", text)


MATERIAL_YML = """\
site_name: Conference notes
site_url: https://example.org/notes/
theme:
  name: material
  font: false
  features: [{features}]
plugins:
  - search
  - tags
markdown_extensions:
  - toc:
      permalink: true
  - admonition
  - attr_list
  - def_list
  - tables
  - pymdownx.superfences
  - pymdownx.highlight
  - pymdownx.tasklist
"""


def prepare(work: Path, talks: int, hugo: bool) -> synthkb.SynthKB:
    """Generate the notes and lay them out for every tool."""
    base = work / str(talks)
    shutil.rmtree(base, ignore_errors=True)
    kb = synthkb.generate(base / "hallway", talks)
    (base / "hallway" / "mkdocs.yml").write_text(hallway_config(), encoding="utf-8")
    if (REPO / "docs").is_dir():
        shutil.copytree(REPO / "docs", base / "hallway" / "docs")
    for name, features in (("material-default", ""), ("material-pruned", "navigation.prune")):
        synthkb.material_docs(kb, base / name / "docs")
        (base / name / "mkdocs.yml").write_text(MATERIAL_YML.format(features=features), encoding="utf-8")
    if hugo:
        synthkb.hugo_site(kb, base / "hugo")
    return kb


# -- Hallway-only measurements -----------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(predicate: Any, timeout: float, step: float = 0.02) -> float | None:
    """Seconds until ``predicate()`` is true, or None on timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(step)
    return None


def _contains(path: Path, token: str) -> bool:
    try:
        return token in path.read_text(encoding="utf-8")
    except OSError:
        return False


def _page_file(site: Path, src: str) -> Path:
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return site / stem.removesuffix("index") / "index.html"
    return site / stem / "index.html"


def synth_edit(kb: synthkb.SynthKB) -> tuple[str, list[str]]:
    """The note the edit loop edits in a generated knowledge base, and the pages that show its title."""
    note = kb.talks[len(kb.talks) // 2]
    meta = kb.meta[note]
    affected = [note, f"events/{meta['event']}.md"]
    for kind, folder in (("speakers", "speakers"), ("projects", "projects"), ("topics", "topics")):
        affected += [f"{folder}/{slug}.md" for slug in meta[kind]]  # type: ignore[attr-defined]
    return note, affected


def edit_loop(root: Path, note: str, affected: list[str], full_build: float,
              timeout: float) -> dict[str, Any]:
    """Run ``hallway serve`` on ``root``, edit ``note`` twice (its title, then its body), and time
    until every page of ``affected`` (source paths) shows the edit."""
    tmp = root.parent / "serve-tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    log_path = root.parent / "serve.log"
    env = dict(os.environ, TMPDIR=str(tmp), NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "hallway.cli", "serve", "--kb", str(root),
           "--dev-addr", f"127.0.0.1:{free_port()}"]
    result: dict[str, Any] = {"command": "hallway serve (mkdocs serve --dirty)"}
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        def log_text() -> str:
            return log_path.read_text(encoding="utf-8", errors="replace")

        first = _wait_for(lambda: "Serving on" in log_text() or proc.poll() is not None, timeout, 0.1)
        if first is None or proc.poll() is not None:
            return result | {"ok": False, "note": "serve did not start: " + log_text()[-1500:]}
        result["first_build_seconds"] = round(first, 3)
        site = next(tmp.glob("mkdocs_*"))
        # Long lists show only the newest talks (pages/paging.py): wait only for the pages that
        # list the note now, plus the note's own page.
        tail = _page_file(site, note).parent.relative_to(site).as_posix() + "/"
        affected = [note] + [p for p in affected if p != note and _contains(_page_file(site, p), tail)]
        token = f"Edited{int(time.time())}"
        path = root / note
        text = path.read_text(encoding="utf-8")
        builds_before = log_text().count("Documentation built")
        # 1. A new title: the talk and every page listing it (its cards) must change.
        start = time.perf_counter()
        edited = re.sub(r'(?m)^title: ("?)', rf"title: \g<1>{token} ", text, count=1)
        path.write_text(edited, encoding="utf-8")
        waited = _wait_for(lambda: all(_contains(_page_file(site, p), token) for p in affected), timeout)
        _wait_for(lambda: log_text().count("Documentation built") > builds_before, 30, 0.05)
        result["edit_title"] = {
            "seconds": None if waited is None else round(time.perf_counter() - start, 3),
            "affected_pages": len(affected),
            "rendered_pages": _rendered(log_text()),
        }
        # 2. A change to the notes themselves: only the talk's own page shows the body.
        time.sleep(0.5)
        builds_before = log_text().count("Documentation built")
        body_token = token + "body"
        start = time.perf_counter()
        path.write_text(path.read_text(encoding="utf-8") + f"\nAdded line {body_token}.\n", encoding="utf-8")
        waited2 = _wait_for(lambda: _contains(_page_file(site, note), body_token), timeout)
        _wait_for(lambda: log_text().count("Documentation built") > builds_before, 30, 0.05)
        result["edit_body"] = {
            "seconds": None if waited2 is None else round(time.perf_counter() - start, 3),
            "rendered_pages": _rendered(log_text()),
        }
        path.write_text(text, encoding="utf-8")
        worst = max(result["edit_title"]["seconds"] or float("inf"), result["edit_body"]["seconds"] or 0)
        result["ok"] = waited is not None and waited2 is not None
        result["worst_seconds"] = round(worst, 3)
        result["share_of_full_build"] = round(worst / full_build, 4) if full_build else None
        return result
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def _rendered(log: str) -> int | None:
    found = re.findall(r"Hallway: (\d+) page\(s\) to render", log)
    return int(found[-1]) if found else None


def search_payload(site: Path) -> dict[str, Any]:
    """Bytes a reader downloads before the first search result appears, from the built files."""
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        def size(pattern: str, pick: Any = sum) -> int:
            sizes = [p.stat().st_size for p in pagefind.glob(pattern)]
            return int(pick(sizes)) if sizes else 0

        parts = {
            "pagefind.js": size("pagefind.js"),
            "pagefind-entry.json": size("pagefind-entry.json"),
            "wasm (largest language)": size("wasm.*.pagefind", max),
            "meta": size("pagefind.*.pf_meta", max),
            "index chunk (largest)": size("index/*.pf_index", max),
            "filter chunks": size("filter/*.pf_filter"),
            "fragments (5 results, largest)": 5 * size("fragment/*.pf_fragment", max),
        }
        return {"available": True, "engine": "pagefind", "bytes": sum(parts.values()), "parts": parts,
                "method": "sum of the files a first query fetches (upper bound: largest chunk each)"}
    index = site / "search" / "search_index.json"
    if index.is_file():
        return {"available": True, "engine": "mkdocs-material search", "bytes": index.stat().st_size,
                "method": "the whole search_index.json"}
    return {"available": False, "note": "no search index in the Hallway site (Pagefind not on this branch)"}


def search_cli(kb: synthkb.SynthKB) -> dict[str, Any]:
    """``hallway search`` latency, and the index update after one edit, when the command exists."""
    probe = subprocess.run([sys.executable, "-m", "hallway.cli", "search", "--help"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return {"available": False, "note": "no `hallway search` command on this branch"}
    query = kb.meta[kb.talks[0]]["projects"][0]  # type: ignore[index]
    cmd = [sys.executable, "-m", "hallway.cli", "search", "--kb", str(kb.root), str(query)]
    times = []
    for _ in range(5):
        wall, _rss, code, output = run_measured(cmd, kb.root)
        if code != 0:
            return {"available": True, "ok": False, "note": output[-1500:]}
        times.append(wall)
    note = kb.root / kb.talks[1]
    note.write_text(note.read_text(encoding="utf-8") + "\nIndexupdatetoken.\n", encoding="utf-8")
    update, _rss, code, _out = run_measured([*cmd[:-1], "Indexupdatetoken"], kb.root)
    times.sort()
    return {"available": True, "ok": code == 0, "query": query,
            "latency_seconds_median": round(times[len(times) // 2], 3),
            "latency_seconds_min": round(times[0], 3),
            "after_edit_seconds": round(update, 3),
            "method": "wall time of the whole `hallway search` process (start-up included)"}


# -- one size ----------------------------------------------------------------------------------------
def bench_size(work: Path, talks: int, args: argparse.Namespace, hugo: str | None) -> dict[str, Any]:
    print(f"\n== {talks} talks", flush=True)
    kb = prepare(work, talks, hugo is not None)
    base = work / str(talks)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    runs: dict[str, Run] = {}
    profile = base / "hallway-profile.json"
    runs["hallway"] = measured_build(
        "hallway", talks, [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(base / "hallway/site")],
        base / "hallway", base / "hallway/site", env | {"HALLWAY_PROFILE": str(profile)})
    hallway = runs["hallway"]
    if profile.is_file():
        prof = json.loads(profile.read_text(encoding="utf-8"))
        own = {k: v["seconds"] for k, v in prof["stages"].items() if k in OWN_STAGES}
        hallway.extra["stages"] = {k: v["seconds"] for k, v in prof["stages"].items()}
        hallway.extra["own_stages_seconds"] = round(sum(own.values()), 3)
        hallway.extra["own_stages_share"] = round(sum(own.values()) / hallway.wall_seconds, 4)
        beside = {k: v["seconds"] for k, v in prof["stages"].items() if k in BESIDE_STAGES}
        hallway.extra["beside_build_seconds"] = round(sum(beside.values()), 3)
        hallway.extra["own_and_beside_share"] = round((sum(own.values()) + sum(beside.values()))
                                                      / hallway.wall_seconds, 4)
        hallway.extra["post_build_seconds"] = prof.get("post_build_seconds")
    if not args.quick:
        if talks <= args.max_default:
            runs["material-default"] = measured_build(
                "material-default", talks, [sys.executable, "-m", "mkdocs", "build"],
                base / "material-default", base / "material-default/site", env)
        runs["material-pruned"] = measured_build(
            "material-pruned", talks, [sys.executable, "-m", "mkdocs", "build"],
            base / "material-pruned", base / "material-pruned/site", env)
    if hugo is not None:
        runs["hugo"] = measured_build("hugo", talks, [hugo, "--quiet", "-d", "public"],
                                      base / "hugo", base / "hugo/public", env)
    result: dict[str, Any] = {"talks": talks, "runs": {k: asdict(v) for k, v in runs.items()}}
    result["search_payload"] = search_payload(base / "hallway/site")
    if not args.no_serve:
        print("  edit-preview loop (hallway serve)…", flush=True)
        timeout = max(120.0, 5 * hallway.wall_seconds)
        result["edit_loop"] = edit_loop(kb.root, *synth_edit(kb), hallway.wall_seconds, timeout)
        print(f"  edit loop: {json.dumps(result['edit_loop'])}", flush=True)
    result["search_cli"] = search_cli(kb)
    result["ratios"] = {f"{name}_over_hallway": round(run.wall_seconds / hallway.wall_seconds, 3)
                        for name, run in runs.items() if name != "hallway" and run.ok}
    if talks == args.graph_at and hallway.ok:  # issue 17's graph budgets, at the largest size
        result["graph"] = bench_graph.measure_graph(base / "hallway", base / "hallway/site", env)
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return result


def budgets(sizes: list[dict[str, Any]]) -> dict[str, Any]:
    """The issue's budgets, checked on what this run measured (None: not measured in this run)."""
    by = {s["talks"]: s for s in sizes}
    big = by[max(by)]
    hall = big["runs"]["hallway"]
    out: dict[str, Any] = {}
    if 1000 in by and max(by) > 1000:
        small = by[1000]["runs"]["hallway"]
        ratio = (hall["wall_seconds"] / hall["talks"]) / (small["wall_seconds"] / small["talks"])
        out["linear"] = {"per_talk_ratio": round(ratio, 3), "max": BUDGETS["linear_per_talk_ratio_max"],
                         "met": ratio <= BUDGETS["linear_per_talk_ratio_max"]}
    if "material-pruned_over_hallway" in big["ratios"]:
        ratio = 1 / big["ratios"]["material-pruned_over_hallway"]
        out["vs_pruned"] = {"talks": big["talks"], "hallway_over_pruned": round(ratio, 3),
                            "max": BUDGETS["hallway_over_pruned_max"],
                            "met": ratio <= BUDGETS["hallway_over_pruned_max"]}
    with_default = [s for s in sizes if "material-default_over_hallway" in s["ratios"]]
    if with_default:
        at = max(with_default, key=lambda s: s["talks"])
        ratio = at["ratios"]["material-default_over_hallway"]
        out["vs_default"] = {"talks": at["talks"], "default_over_hallway": ratio,
                             "min": BUDGETS["default_over_hallway_min_at_2000"],
                             "met": ratio >= BUDGETS["default_over_hallway_min_at_2000"],
                             "note": "" if at["talks"] == 2000 else "budget is stated at 2,000 talks"}
    if "own_stages_share" in hall["extra"]:
        share = hall["extra"]["own_stages_share"]
        out["own_stages"] = {"share": share, "max": BUDGETS["own_stages_share_max"],
                             "met": share < BUDGETS["own_stages_share_max"]}
    loop = big.get("edit_loop")
    if loop and loop.get("share_of_full_build") is not None:
        share = loop["share_of_full_build"]
        out["edit_loop"] = {"share": share, "max": BUDGETS["edit_loop_share_max"],
                            "met": bool(loop["ok"]) and share < BUDGETS["edit_loop_share_max"]}
    out.update(bench_graph.graph_budgets(big.get("graph")))
    rss = max(s["runs"]["hallway"]["peak_rss_bytes"] for s in sizes)
    tree = max(s["runs"]["hallway"]["extra"].get("peak_tree_pss_bytes", 0) for s in sizes)
    out["memory"] = {"peak_rss_bytes": rss, "peak_tree_pss_bytes": tree, "max": BUDGETS["peak_rss_bytes_max"],
                     "met": max(rss, tree) < BUDGETS["peak_rss_bytes_max"],
                     "note": "largest single process (ru_maxrss), and all of the build's processes "
                             "together (sum of PSS, sampled every 0.2 s)"}
    payload = big["search_payload"]
    out["search_first_query"] = ({"bytes": payload["bytes"], "max": BUDGETS["first_query_bytes_max"],
                                  "met": payload["bytes"] < BUDGETS["first_query_bytes_max"]}
                                 if payload.get("available") else {"met": None, "note": payload.get("note")})
    return out


def versions(hugo: str | None) -> dict[str, str]:
    found = {"python": platform.python_version()}
    for dist in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pyyaml", "nh3", "pagefind",
                 "whoosh3", "hallway"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[dist] = metadata.version(dist)
    if hugo:
        found["hugo"] = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
    pagefind = shutil.which("pagefind") or shutil.which("pagefind_extended")
    if pagefind:
        found["pagefind"] = subprocess.run([pagefind, "--version"], capture_output=True,
                                           text=True).stdout.strip()
    return found


def print_summary(report: dict[str, Any]) -> None:
    print("\n" + "=" * 78)
    print(f"{'talks':>6}  {'tool':<18}{'wall s':>9}{'pages':>8}{'pages/s':>9}{'RSS MiB':>9}{'all MiB':>9}"
          f"{'site MiB':>9}{'× hallway':>10}")
    for size in report["sizes"]:
        hall = size["runs"]["hallway"]["wall_seconds"]
        for name, run in size["runs"].items():
            print(f"{size['talks']:>6}  {name:<18}{run['wall_seconds']:>9.2f}{run['html_pages']:>8}"
                  f"{run['pages_per_second']:>9.1f}{run['peak_rss_bytes'] / 2**20:>9.0f}"
                  f"{run['extra'].get('peak_tree_pss_bytes', 0) / 2**20:>9.0f}"
                  f"{run['site_bytes'] / 2**20:>9.1f}{run['wall_seconds'] / hall:>10.2f}")
        stages = size["runs"]["hallway"]["extra"].get("stages", {})
        if stages:
            print("        Hallway stages: " + ", ".join(f"{k} {v:.2f}s" for k, v in stages.items()))
        payload, cli = size["search_payload"], size["search_cli"]
        if payload.get("available"):
            print(f"        search: first query {payload['bytes'] / 1024:.0f} KiB ({payload['engine']})")
        if cli.get("available") and cli.get("ok"):
            print(f"        hallway search: {cli['latency_seconds_median']:.2f} s per query (median, "
                  f"process start included), {cli['after_edit_seconds']:.2f} s after an edit")
    print("\nBudgets:")
    for name, check in report["budgets"].items():
        state = {True: "met", False: "NOT MET", None: "not measured"}[check.get("met")]
        detail = {k: v for k, v in check.items() if k != "met"}
        print(f"  {name:<20} {state:<13} {json.dumps(detail)}")


def cli_startup(runs: int = 7) -> dict[str, dict[str, float]]:
    """Median wall and CPU (user + system) time of ``hallway --help`` and ``hallway search vpn`` on
    the repository's own small knowledge base, each a fresh process (issue 19: at most 150 ms,
    importing only what the command needs). CPU time is the steadier figure on a shared machine.
    The first search, which builds the index, is not counted."""
    import resource
    import statistics

    hallway = str(Path(sys.executable).with_name("hallway"))
    commands = {"hallway --help": [hallway, "--help"],
                "hallway search vpn": [hallway, "search", "--kb", str(REPO), "vpn"]}
    subprocess.run(commands["hallway search vpn"], capture_output=True, check=True)
    medians: dict[str, dict[str, float]] = {}
    for label, cmd in commands.items():
        wall, cpu = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            wall.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        medians[label] = {"wall_ms": round(statistics.median(wall) * 1000, 1),
                          "cpu_ms": round(statistics.median(cpu) * 1000, 1)}
        print(f"{label}: median {medians[label]['wall_ms']} ms wall, {medians[label]['cpu_ms']} ms CPU"
              f" of {runs} runs (budget 150 ms)")
    return medians


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200,1000,5000", help="comma-separated talk counts")
    parser.add_argument("--quick", action="store_true",
                        help="CI mode: one tiny size, no Material baselines")
    parser.add_argument("--max-default", type=int, default=2000,
                        help="largest size to build with default Material (quadratic; default 2000)")
    parser.add_argument("--no-default-at-2000", action="store_true",
                        help="do not add a 2,000-talk run for the default-Material budget")
    parser.add_argument("--no-serve", action="store_true", help="skip the edit-preview loop")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even when installed")
    parser.add_argument("--workdir", type=Path, default=REPO / "bench-out" / "work")
    parser.add_argument("--out", type=Path, default=REPO / "bench-out" / "report.json")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--startup", action="store_true",
                        help="only time how fast `hallway --help` and `hallway search` start")
    parser.add_argument("--archive", nargs="?", const="default", metavar="TARBALL",
                        help="import and build the pyvideo archive (default: ../shared/datasets/"
                             "pyvideo-data.tar.xz), check issue 16's budgets (scripts/bench_archive.py)")
    parser.add_argument("--archive-talks", type=int, default=0, metavar="N",
                        help="with --archive: only a subset of about N talks (the quick mode CI runs)")
    args = parser.parse_args(argv)
    if args.startup:
        cli_startup()
        return 0
    if args.archive:
        import bench_archive
        return bench_archive.run(args)
    sizes = [30] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if (not args.quick and not args.no_default_at_2000 and max(sizes) > 2000
            and 2000 not in sizes and args.max_default >= 2000):
        sizes = sorted({*sizes, 2000})
    hugo = None if args.no_hugo else shutil.which("hugo")
    args.graph_at = max(sizes)
    args.workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    report: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "note": "shared machine: compare ratios within one run, not absolute times"},
        "versions": versions(hugo),
        "budgets_spec": BUDGETS,
        "quick": args.quick,
        "sizes": [bench_size(args.workdir, n, args, hugo) for n in sizes],
    }
    report["budgets"] = budgets(report["sizes"])
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_summary(report)
    print(f"\nReport: {args.out} ({report['total_seconds']} s)")
    failed = [s for s in report["sizes"] for r in s["runs"].values() if not r["ok"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
