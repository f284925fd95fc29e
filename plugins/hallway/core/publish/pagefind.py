"""Running Pagefind: the site's search index, built from each note page's marked part.

Search on the site is Pagefind's: after the build it indexes the HTML into ``site/pagefind/``, a
static index split into small chunks, so a reader's first search fetches a few dozen kilobytes
rather than the whole index. What each page hands to it is planned in ``pages/searchpage.py``.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from ..problems import HallwayError, Problem
from ..scratch import fresh_folder, memory_backed
from .filter_search import skip_word_chunks_without_words
from .fragment_bundles import bundle_fragments


def _pagefind_command(site: Path | str, output: Path | str | None = None) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site),
               "--exclude-selectors", ".headerlink"]  # the ¶ of heading permalinks
    return command + (["--output-path", str(output)] if output is not None else [])


def _failed(detail: str) -> HallwayError:
    lines = detail.strip().splitlines()[-5:]
    return HallwayError([Problem("pagefind", None, None,
                                 "building the search index failed: " + " / ".join(lines),
                                 "reinstall Pagefind (pip install 'pagefind[bin]') or set "
                                 "search: false under the hallway plugin in mkdocs.yml")])


def _not_run(err: Exception) -> HallwayError:
    return HallwayError([Problem("pagefind", None, None, f"could not run Pagefind ({err})",
                                 "reinstall it: pip install 'pagefind[bin]'")])


def run_pagefind(site_dir: Path | str) -> str:
    """Index a built site with Pagefind (the binary from the ``pagefind[bin]`` package) into
    ``<site>/pagefind/``; return its report. Raises :class:`HallwayError` if it fails."""
    try:
        proc = subprocess.run(_pagefind_command(site_dir), capture_output=True, text=True,
                              timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise _not_run(err) from err
    if proc.returncode != 0:
        raise _failed(proc.stderr or proc.stdout)
    return proc.stdout + _bundled(Path(site_dir) / "pagefind")


def _bundled(index_dir: Path) -> str:
    """Pack the result fragments into bundles (``fragment_bundles.py``) and let searches by filters
    alone skip the word index (``filter_search.py``); lines for the report."""
    done = bundle_fragments(index_dir)
    why = skip_word_chunks_without_words(index_dir)
    report = (f"\nHallway: fragments left one per page: {done.skipped}\n" if done.skipped
              else f"\nHallway: {done.fragments} fragments packed into {done.bundles} bundles\n")
    return report + (f"Hallway: searches by filters alone load the whole word index: {why}\n" if why else "")


# --- Indexing beside the build (issue 7) ---------------------------------------------------------
# Pagefind over the finished site took 27% of a 5,000-talk build: it ran after the last page, on
# one core, and read 7,000 whole pages (navigation and all) to index the 5,000 that have
# data-pagefind-body. Instead, each note page hands over the part Pagefind reads (marked in
# hallway/note.html) as a small document, and Pagefind is given the same paths, so result URLs,
# text and filters are those of the real pages. Pagefind used to start with the last note page and
# run beside the entity pages; a one-off build of 8,000 notes or more now holds it until the build
# has published and given back its memory (``hold``: issue 16, ~1.5 GiB for Pagefind at 20,000
# talks), and serve re-indexes in the background after each rebuild.
DOCUMENT_BYTES = 16 * 1024
"""A generous size of one note's search document (the pyvideo archive's average is ~2 KB): room
needed in memory before the documents are written there (``scratch.memory_backed``)."""
SEARCH_PART_START = "<!--hw:search-->"
SEARCH_PART_END = "<!--/hw:search-->"
_LANG = re.compile(r"<html[^>]*?\blang=\"([A-Za-z0-9-]{1,35})\"")


def search_document(page_html: str) -> str | None:
    """The part of a rendered note page that Pagefind indexes, as a small HTML document; None for a
    page without that part. The markers are HTML comments, which no note can write (the sanitiser
    removes comments), so a note cannot move them."""
    start = page_html.find(SEARCH_PART_START)
    end = page_html.rfind(SEARCH_PART_END)
    if start < 0 or end < start:
        return None
    lang = _LANG.search(page_html, 0, start)
    return (f'<!doctype html><html lang="{lang.group(1) if lang else "en"}"><head><meta charset="utf-8">'
            f"</head><body>{page_html[start + len(SEARCH_PART_START):end]}</body></html>")


_SEARCH_ONLY = re.compile(r'<div class="hw-search-data" hidden data-pagefind-ignore>.*?</div>\n?'
                          r'|<p class="hw-search-terms" hidden data-pagefind-body>[^<]*</p>\n?', re.S)


def without_search_data(page_html: str) -> str:
    """The page as published: without the hidden parts only Pagefind reads (filters, metadata,
    sort keys, the names and aliases of what a note lists), once its document has them (issue 16:
    ~0.6 KB on each of 21,570 talk pages). Their values are escaped text: no tag inside."""
    if 'class="hw-search-' not in page_html:
        return page_html
    return _SEARCH_ONLY.sub("", page_html)


class BackgroundIndexer:
    """Collects note documents and runs Pagefind on them in the background.

    ``add`` each note's document (by its path in the built site); once ``expected`` documents are
    in, Pagefind starts in its own process. ``finish`` starts it if it has not started, waits, and
    raises :class:`HallwayError` if it failed; ``abort`` stops it (a build that failed). With no
    documents at all (a knowledge base without notes), ``finish`` indexes the whole built site, so
    the search box still has an index to load.
    """

    def __init__(self, site_dir: Path | str, expected: int, folder: Path | None = None,
                 output: Path | None = None, background: bool = False, hold: bool = False) -> None:
        """``folder``: where the documents go, kept afterwards (a serve session keeps every note's
        document between rebuilds and re-indexes them all); by default a temporary folder.
        ``output``: where Pagefind writes the index (default ``<site>/pagefind``). ``background``:
        run Pagefind at a lower priority, so that it never slows the next preview rebuild.
        ``hold``: start Pagefind only in :meth:`finish`, not with the last document (a one-off
        build first gives back the memory its pages held: see ``BuildSession.publish``)."""
        self.site_dir = Path(site_dir)
        self.expected = expected
        self.added = 0
        self._keep = folder is not None
        self._folder = (folder if folder is not None else
                        fresh_folder("hallway-search-", memory_backed(expected * DOCUMENT_BYTES)))
        self.output = output or self.site_dir / "pagefind"
        self._background = background
        self._hold = hold
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        # Serve stops a re-index from the build thread while the re-index thread waits in finish():
        # the lock keeps the two from closing the log under each other, and the stopped run's
        # finish() says so (HallwayError) rather than reading a closed log.
        self._lock = threading.Lock()
        self._finishing = False
        self._aborted = False
        self.started_at: float | None = None
        self.background_seconds = 0.0
        """Wall time Pagefind ran, most of it beside the build (for HALLWAY_PROFILE)."""
        # Writing 5,000 small files took ~1.5 s of the build's own thread; a writer thread does it
        # (file writes release the GIL), and the build only hands it each document.
        self._queue: queue.SimpleQueue[tuple[str, bytes] | None] = queue.SimpleQueue()
        self._made: set[str] = set()
        self._write_error: OSError | None = None
        self._writer = threading.Thread(target=self._write_all, name="hallway-search-docs", daemon=True)
        self._writer.start()

    @property
    def holds(self) -> bool:
        """Pagefind starts only in :meth:`finish`, once every page is written."""
        return self._hold

    @property
    def stopped(self) -> bool:
        """:meth:`abort` was called (a newer build stopped this one)."""
        return self._aborted

    def add(self, dest_path: str, document: str) -> None:
        """Hand over one note page's document (``talks/x/y/index.html``: its path in the site)."""
        self._queue.put((dest_path, document.encode("utf-8")))
        self.added += 1
        if self.added == self.expected and not self._hold:
            self.start()

    def _write_all(self) -> None:
        while (item := self._queue.get()) is not None:
            dest_path, data = item
            folder = os.path.join(self._folder, os.path.dirname(dest_path))
            try:
                if folder not in self._made:
                    os.makedirs(folder, exist_ok=True)
                    self._made.add(folder)
                with open(os.path.join(self._folder, dest_path), "wb") as out:
                    out.write(data)
            except OSError as err:
                self._write_error = self._write_error or err

    def _written(self) -> None:
        """Wait until every document handed over is on disk."""
        if self._writer.is_alive():
            self._queue.put(None)
            self._writer.join()
        if self._write_error is not None:
            raise _not_run(self._write_error)

    def start(self) -> None:
        if self._proc is not None:
            return
        try:
            self._written()
        except HallwayError:
            self.abort()
            raise
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in finish or abort)
        site = self._folder if self.added or self._keep else self.site_dir
        try:
            command = _pagefind_command(site, self.output)
            self._proc = subprocess.Popen(_at_lower_priority(command) if self._background else command,
                                          stdin=subprocess.DEVNULL, stdout=self._log,
                                          stderr=subprocess.STDOUT)
        except OSError as err:
            self.abort()
            raise _not_run(err) from err
        self.started_at = time.perf_counter()

    def finish(self, timeout: float = 900) -> str:
        with self._lock:
            if self._aborted:
                raise _stopped()
            self._finishing = True
        self.start()
        assert self._proc is not None
        try:
            code = self._proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired as err:
            self._proc.kill()
            self._proc.wait()
            with self._lock:
                self._cleanup()
            raise _not_run(err) from err
        if self.started_at is not None:
            self.background_seconds = time.perf_counter() - self.started_at
        with self._lock:
            if self._aborted or self._log is None:
                self._cleanup()
                raise _stopped()
            self._log.seek(0)
            report = self._log.read().decode("utf-8", "replace")
            self._cleanup()
        if code != 0:
            raise _failed(report)
        return report + _bundled(self.output)

    def abort(self) -> None:
        """Stop: Pagefind is killed. From another thread than the one in :meth:`finish`, this does
        not wait for Pagefind to exit: that :meth:`finish` reaps it, cleans up and raises."""
        with self._lock:
            self._aborted = True
            finishing = self._finishing
        if self._writer.is_alive():
            self._queue.put(None)
            self._writer.join()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            if finishing:
                return
            self._proc.wait()
        with self._lock:
            self._cleanup()

    def _cleanup(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None
        if not self._keep:
            shutil.rmtree(self._folder, ignore_errors=True)


def _stopped() -> HallwayError:
    return HallwayError([Problem("pagefind", None, None, "search indexing was stopped",
                                 "nothing to do: a newer build indexes again")])


def _at_lower_priority(command: list[str]) -> list[str]:
    """``command`` run by ``nice``, so that the preview's rebuilds go first. Not by ``preexec_fn``:
    Python then forks instead of using ``vfork``, and each page of the serving process (2 GiB at
    20,000 talks) is copied-on-write: the next rebuild took ~140,000 page faults (~0.25 s of issue
    16's edit loop) writing to its own memory. Without ``nice``, Pagefind runs at normal priority."""
    nice = shutil.which("nice")
    return [nice, "-n", "10", *command] if nice else command


def remove_document(folder: Path, dest_path: str) -> None:
    """Forget a page's document in a kept documents folder (its note was deleted or renamed)."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(folder / dest_path)


def swap_index(fresh: Path, live: Path) -> None:
    """Put a freshly written index in place of the live one, all at once for a reader: the old one
    is renamed away first, so a browser never loads a half-written index."""
    old = live.with_name(live.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        os.replace(live, old)
    os.replace(fresh, live)
    shutil.rmtree(old, ignore_errors=True)
