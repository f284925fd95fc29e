"""Finishing pages in a second process (core/finish/page_finisher.py), and rendering every other page's
template in another (mkdocs_plugin/second_writer.py), give the very same site as doing it all in the
build's own process, and still report unsafe markup with its file and line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hallway.core.finish.page_finisher import can_run_in_parallel

from .kbfixtures import REPO, make_kb, mkdocs_build

pytestmark = [pytest.mark.build,
              pytest.mark.skipif(not can_run_in_parallel(), reason="needs Linux and two cores")]

EXTRA = {
    "talks/kiwicon-2024/tunnels.md": "---\ntitle: Tunnels everywhere with n3n\nevent: Kiwicon 2024\n"
                                     "speakers: [Tūī Ngata]\ntopics: [VPN]\n---\n"
                                     "## Rendezvous\n\nPeers use WireGuard and n3n, and a CLA.\n\n"
                                     "| left | right |\n|:--|--:|\n| a | b |\n\n- [x] done\n",
}
ALWAYS, NEVER = {"parallel_min_pages": "0"}, {"parallel_min_pages": "1000000"}


def _kb(root: Path, options: dict[str, str], extra: dict[str, str]) -> Path:
    """The repository's own notes (real content) plus ``extra``, in a fresh folder."""
    files = {str(path.relative_to(REPO)): path.read_text(encoding="utf-8")
             for folder in ("talks", "posts", "speakers", "events", "projects", "topics")
             for path in sorted((REPO / folder).rglob("*.md"))}
    return make_kb(root, files | extra, options=options)


def _pages(site: Path) -> dict[str, bytes]:
    """Every built file but the search index (Pagefind names its chunks at random) and the feed
    (notes outside git are dated by the clock)."""
    return {os.path.relpath(path, site): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and "pagefind" not in path.relative_to(site).parts
            and path.name != "feed.xml"}


def test_both_ways_build_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = tmp_path / "profile.json"
    monkeypatch.setenv("HALLWAY_PROFILE", str(profile))
    parallel = mkdocs_build(_kb(tmp_path / "parallel", ALWAYS, EXTRA))
    stages = json.loads(profile.read_text())["stages"]
    assert "sanitising and linking: second process (CPU)" in stages
    assert "page templates: waiting for the second process" in stages
    inline = mkdocs_build(_kb(tmp_path / "inline", NEVER, EXTRA))
    stages = json.loads(profile.read_text())["stages"]
    assert "sanitising and linking: second process (CPU)" not in stages
    assert "page templates: waiting for the second process" not in stages
    assert parallel.returncode == 0 and inline.returncode == 0, parallel.output + inline.output
    built, expected = _pages(parallel.site), _pages(inline.site)
    assert len(built) > 50
    different = [name for name in expected if built.get(name) != expected[name]]
    assert sorted(built) == sorted(expected) and different == []
    talk = (parallel.site / "talks/kiwicon-2024/tunnels/index.html").read_text(encoding="utf-8")
    assert 'class="hw-autolink"' in talk and "Rendezvous" in talk


def test_unsafe_markup_is_still_reported(tmp_path: Path) -> None:
    bad = {"talks/kiwicon-2024/bad.md": "---\ntitle: Bad\nevent: Kiwicon 2024\n---\nFine.\n\n"
                                        "<script>alert(1)</script>\n"}
    result = mkdocs_build(_kb(tmp_path, ALWAYS, bad))
    assert result.returncode != 0
    assert "talks/kiwicon-2024/bad.md:7" in result.output and "<script> is not allowed" in result.output
