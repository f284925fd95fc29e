"""Serve's background search re-index can be stopped at any moment by the next rebuild.

``hallway serve`` re-indexes in a thread after each rebuild; an edit saved while Pagefind runs stops
it from the build thread. Both threads then touch the same indexer: the stopped one must end quietly
(no traceback in the terminal) and leave nothing behind. Real Pagefind, no mocks.
"""

from __future__ import annotations

import resource
import threading
import time
from pathlib import Path

import pytest

from hallway.core.problems import HallwayError
from hallway.core.publish.pagefind import BackgroundIndexer


def _documents(folder: Path, count: int) -> None:
    for i in range(count):
        page = folder / "talks" / f"t{i}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<!doctype html><html lang="en"><body><main data-pagefind-body><h1>Talk {i}</h1>'
                        f"<p>Words about widgets number {i}.</p></main></body></html>", encoding="utf-8")


def test_stopping_a_running_reindex_from_another_thread_ends_it_quietly(tmp_path: Path) -> None:
    docs, site = tmp_path / "docs", tmp_path / "site"
    site.mkdir()
    _documents(docs, 200)
    indexer = BackgroundIndexer(site, 0, folder=docs, output=site / "pagefind.next1", background=True)
    indexer.start()
    outcome: list[BaseException | str] = []

    def reindex() -> None:
        try:
            outcome.append(indexer.finish())
        except BaseException as err:
            outcome.append(err)

    thread = threading.Thread(target=reindex)
    thread.start()
    deadline = time.monotonic() + 10
    while not indexer._finishing and time.monotonic() < deadline:
        time.sleep(0.001)
    indexer.abort()  # the build thread: returns without waiting for Pagefind to exit
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert indexer.stopped
    [result] = outcome
    if isinstance(result, str):
        pytest.skip("Pagefind finished before it could be stopped")
    assert isinstance(result, HallwayError), repr(result)
    assert "stopped" in str(result)
    assert indexer._log is None  # its log file is closed
    assert sorted(p.name for p in docs.iterdir()) == ["talks"]  # the kept documents stay


def test_a_reindex_stopped_before_it_finishes_raises_without_running(tmp_path: Path) -> None:
    docs, site = tmp_path / "docs", tmp_path / "site"
    site.mkdir()
    _documents(docs, 3)
    indexer = BackgroundIndexer(site, 0, folder=docs, output=site / "pagefind.next1", background=True)
    indexer.start()
    indexer.abort()
    with pytest.raises(HallwayError, match="stopped"):
        indexer.finish()
    assert not (site / "pagefind").exists()


def test_a_background_reindex_leaves_the_preview_process_memory_alone(tmp_path: Path) -> None:
    """Starting Pagefind beside `hallway serve` must not fork the serving process (2 GiB at 20,000
    talks): every page of its memory it then wrote to again took a page fault, ~0.25 s of each
    rebuild (issue 16's edit loop)."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    site.mkdir()
    _documents(docs, 3)
    memory = bytearray(64 * 2**20)
    pages = range(0, len(memory), resource.getpagesize())
    for offset in pages:  # the process's own pages from here on
        memory[offset] = 1
    indexer = BackgroundIndexer(site, 0, folder=docs, output=site / "pagefind.next1", background=True)
    indexer.start()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for offset in pages:
        memory[offset] = 2
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    indexer.finish()
    assert (site / "pagefind.next1" / "pagefind.js").exists()
    assert faults < len(pages) // 4, faults
