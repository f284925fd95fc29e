"""Finishing a page's rendered HTML: reporting and removing unsafe markup, then linking mentions.

Every page's body HTML goes through :func:`finish_page` after the site engine renders its Markdown.
For a large build that work (~3 s at 5,000 talks) runs in a second process, beside the engine's
own rendering (issue 7): :class:`ParallelFinisher` hands pages over in batches while the engine goes
on rendering Markdown, and gives each page's finished HTML back when the engine needs it to fill in
the page's template. Both ways run the same function on the same inputs, so the pages are the same
(tests/test_pagework.py builds a site both ways and compares every file).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from ..markup.sanitize import clean_html
from ..pages.site import Site
from ..problems import Problem
from ..profile import Profile
from . import unsafe_markup as dangerous

#: A body's Markdown and the line it starts on, by source path (for locating unsafe markup).
Bodies = dict[str, tuple[str, int]]


@dataclass(frozen=True)
class Finished:
    """A page's finished body HTML, and the unsafe markup its note held (already removed)."""

    html: str
    unsafe: list[Problem] = field(default_factory=list)


def finish_page(site: Site, bodies: Bodies, src_uri: str, edit_path: str | None, html: str,
                profile: Profile) -> Finished:
    """Report what the sanitiser will remove, sanitise, then link mentions in one page's body."""
    with profile.stage("sanitising"):
        source = bodies.get(edit_path or "")
        unsafe = dangerous.find_in_html(edit_path or "", html, *source) if source is not None else []
        cleaned = clean_html(html)
    with profile.stage("linking"):
        return Finished(site.finish_html(src_uri, cleaned), unsafe)


def can_run_in_parallel() -> bool:
    """A second process is used on Linux with two or more cores; it starts by forking, so that it
    shares the loaded knowledge base instead of receiving a copy of it."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1


@dataclass
class _Worker:
    """What the worker process finishes pages with. It exists only in the worker: the executor's
    initializer receives the knowledge base as the fork's inherited memory, not pickled, and keeps it
    here for the worker's lifetime; the parent process holds none of it."""

    site: Site
    bodies: Bodies
    profile: Profile = field(default_factory=Profile)


_worker: _Worker | None = None


def _start_worker(site: Site, bodies: Bodies) -> None:
    global _worker
    _worker = _Worker(site, bodies)


def _finish_batch(batch: list[tuple[str, str | None, str]]) -> tuple[list[tuple[str, Finished]], float]:
    assert _worker is not None, "the worker process was not started by a ParallelFinisher"
    started = time.process_time()
    done = [(src_uri, finish_page(_worker.site, _worker.bodies, src_uri, edit_path, html, _worker.profile))
            for src_uri, edit_path, html in batch]
    return done, time.process_time() - started


def _ready() -> bool:
    return _worker is not None


class ParallelFinisher:
    """Runs :func:`finish_page` in one forked worker process, in batches.

    ``submit`` each page as it is rendered; ``drain`` hands the last batch over and gives every
    finished page back (waiting only for what the worker has not done yet). ``close`` stops it.
    """

    BATCH = 32
    """Pages per hand-over: one at a time cost more in messages than the work itself."""

    def __init__(self, site: Site, bodies: Bodies) -> None:
        # Memory (issue 7): the child shares the parent's memory until either writes to it, and a
        # garbage collection in the child writes to every object it visits. Frozen objects are not
        # visited, so the knowledge base stays shared (what the Python docs advise before a fork).
        gc.freeze()
        try:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_start_worker, initargs=(site, bodies))
            # Fork now, before the build starts threads of its own (forking copies only this one).
            if not self._pool.submit(_ready).result():
                raise RuntimeError("the worker process did not inherit the knowledge base")
        finally:
            gc.unfreeze()
        self._batch: list[tuple[str, str | None, str]] = []
        self._futures: list[Future[tuple[list[tuple[str, Finished]], float]]] = []
        self.worker_seconds = 0.0
        """CPU time the worker spent finishing pages (for HALLWAY_PROFILE)."""

    def submit(self, src_uri: str, edit_path: str | None, html: str) -> None:
        self._batch.append((src_uri, edit_path, html))
        if len(self._batch) >= self.BATCH:
            self._hand_over()

    def _hand_over(self) -> None:
        if self._batch:
            self._futures.append(self._pool.submit(_finish_batch, self._batch))
            self._batch = []

    def drain(self) -> dict[str, Finished]:
        """Every page submitted since the last drain, by source path (waits for the worker)."""
        self._hand_over()
        done: dict[str, Finished] = {}
        for future in self._futures:
            finished, seconds = future.result()
            self.worker_seconds += seconds
            done.update(finished)
        self._futures = []
        return done

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
