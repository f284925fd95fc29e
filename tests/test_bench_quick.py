"""CI runs the benchmark's quick mode so scripts/bench.py cannot rot (no timing assertions here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .kbfixtures import REPO, SHARED

pytestmark = pytest.mark.build


def test_quick_benchmark_writes_a_sane_report(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench.py"), "--quick", "--no-hugo",
         "--workdir", str(tmp_path / "work"), "--out", str(out)],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["quick"] is True
    assert {"machine", "versions", "sizes", "budgets", "budgets_spec"} <= set(report)
    [size] = report["sizes"]
    hallway = size["runs"]["hallway"]
    assert hallway["ok"] and hallway["talks"] == size["talks"] > 0
    # Every talk and entity page, plus indexes and home, was written.
    assert hallway["html_pages"] > size["talks"]
    assert hallway["peak_rss_bytes"] > 10 * 2**20 and hallway["site_bytes"] > 0
    assert {"loading", "relations", "page generation", "sanitising"} <= set(hallway["extra"]["stages"])
    assert 0 < hallway["extra"]["own_stages_share"] < 1
    # The edit-preview loop saw the edit on every affected page, rendering only those.
    loop = size["edit_loop"]
    assert loop["ok"], loop
    assert loop["edit_body"]["rendered_pages"] == 1
    assert loop["edit_title"]["rendered_pages"] >= loop["edit_title"]["affected_pages"]
    assert loop["edit_title"]["rendered_pages"] < hallway["html_pages"] / 4
    assert {"memory", "own_stages", "edit_loop"} <= set(report["budgets"])
    assert "Budgets:" in proc.stdout
    # Issue 17's graph budgets are measured at the largest size, and checked.
    graph = size["graph"]
    local = graph["local_graph"]
    assert local["alone_gzip"]["pages"] > size["talks"] and local["alone_gzip"]["median"] > 0
    assert 0 < local["added_to_page_gzip"]["largest"] <= local["alone_gzip"]["largest"]
    share = graph["build_share"]
    assert share["ok"] and share["with"]["cpu_seconds"] > 0 and share["without"]["cpu_seconds"] > 0
    assert 0 < share["drawing_cpu_seconds"] < share["with"]["cpu_seconds"]
    whole = graph["whole_graph"]
    if whole["available"]:  # Chromium is installed (always in CI)
        assert whole["clicked"]["ok"], whole["clicked"]
        assert whole["console_errors"] == [] and whole["nodes"] > size["talks"]
        assert len(whole["runs_seconds"]) == 3
    graph_budgets = {"graph_local_weight", "graph_local_build_share", "graph_whole_interactive"}
    assert graph_budgets <= set(report["budgets"])
    assert report["budgets"]["graph_local_weight"]["met"] is True


@pytest.mark.skipif(not (SHARED / "datasets" / "pyvideo-data.tar.xz").is_file(),
                    reason="the pyvideo archive (../shared/datasets) is not on this machine")
def test_archive_quick_mode_imports_builds_and_checks_every_budget(tmp_path: Path) -> None:
    """Issue 16: `bench.py --archive` unpacks and imports the real pyvideo data itself; CI runs it on
    a few events so the archive mode cannot rot (no timing assertions: budgets are only reported)."""
    out = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench.py"), "--archive", "--archive-talks", "120",
         "--workdir", str(tmp_path / "work"), "--out", str(out)],
        capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    [result] = report["results"]
    assert result["import"]["ok"] and result["talks"] >= 120
    assert result["build"]["ok"] and result["build"]["peak_tree_bytes"] > 10 * 2**20
    assert result["site"]["files"] > result["talks"] and result["site"]["html"]["largest"]["bytes"] > 0
    assert result["edit_loop"]["ok"], result["edit_loop"]
    assert {"build_time", "build_memory", "site_bytes", "site_files", "largest_page",
            "first_query_header_box", "first_query_search_page",
            "first_query_filters_only", "edit_loop"} <= set(report["budgets"])
    assert "Budgets (issue 16):" in proc.stdout
