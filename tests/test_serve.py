"""`hallway serve` for real: a saved note shows on its page and on the pages that list it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .kbfixtures import make_kb

pytestmark = pytest.mark.build

FILES = {
    "speakers/ana.md": "---\nname: Ana Ruiz\n---\n",
    "talks/eo/tunnels.md": "---\ntitle: Tunnels for everyone\nevent: eo\nspeakers: [Ana Ruiz]\n---\n"
                           "Notes.\n",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@contextmanager
def serving(kb: Path, log: Path, port: int, env: dict[str, str] | None = None) -> Iterator[None]:
    """`hallway serve` of ``kb`` on ``port``, its output in ``log``, until the block ends."""
    env = dict(env or os.environ, NO_MKDOCS_2_WARNING="1")
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, "-m", "hallway.cli", "serve", "--kb", str(kb),
                                 "--dev-addr", f"127.0.0.1:{port}"], cwd=kb, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert _wait(lambda: "Serving on" in log.read_text(encoding="utf-8"), 120), log.read_text()
        yield
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def serving_fixture(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    """`hallway serve` of a knowledge base of ``FILES``: (its folder, the served site, the log)."""
    kb = make_kb(tmp_path / "kb", FILES)
    served = tmp_path / "tmp"
    served.mkdir()
    log = tmp_path / "serve.log"
    with serving(kb, log, _free_port(), dict(os.environ, TMPDIR=str(served))):
        yield kb, next(served.glob("mkdocs_*")), log


def test_a_saved_note_is_shown_without_restarting(tmp_path: Path) -> None:
    with serving_fixture(tmp_path) as (kb, site, log):
        pages = [site / "talks/eo/tunnels/index.html", site / "speakers/ana/index.html"]
        note = kb / "talks/eo/tunnels.md"
        note.write_text(FILES["talks/eo/tunnels.md"].replace("for everyone", "for all of us"),
                        encoding="utf-8")

        def shown() -> bool:
            return all("Tunnels for all of us" in page.read_text(encoding="utf-8") for page in pages)

        assert _wait(shown, 30), log.read_text(encoding="utf-8")
        assert _wait(lambda: log.read_text(encoding="utf-8").count("Documentation built") == 2, 30)
        rendered = re.findall(r"Hallway: (\d+) page\(s\) to render", log.read_text(encoding="utf-8"))
        assert 2 <= int(rendered[-1]) < int(rendered[0])  # the talk and the pages listing it, only
        # Reading files (as every build does, and editors and tools do) is not a change: with the
        # kernel's file events, reacting to it would rebuild for ever.
        note.read_text(encoding="utf-8")
        (kb / "mkdocs.yml").read_text(encoding="utf-8")
        assert not _wait(lambda: log.read_text(encoding="utf-8").count("Detected file changes") > 1, 3)


def test_saves_renames_new_and_removed_notes_all_show_in_the_preview(tmp_path: Path) -> None:
    """Rebuilds take the saved files from the watcher instead of walking the folders, and reuse
    the last load after an edit to a note's text (``kb/reload.py``): every kind of change still
    shows — an edit, a save by an editor that writes a new file and renames it over the note, a
    new talk, a removed one, a new folder of notes."""
    with serving_fixture(tmp_path) as (kb, site, log):
        note = kb / "talks/eo/tunnels.md"
        talk_page = site / "talks/eo/tunnels/index.html"

        def page_shows(page: Path, text: str) -> Callable[[], bool]:
            return lambda: page.is_file() and text in page.read_text(encoding="utf-8")

        for number in range(3):  # the first rebuild walks; the next ones take the watcher's paths
            note.write_text(FILES["talks/eo/tunnels.md"] + f"Edit number {number}.\n", encoding="utf-8")
            assert _wait(page_shows(talk_page, f"Edit number {number}."), 30), log.read_text(encoding="utf-8")
        swap = kb / "talks/eo/.tunnels.md.tmp"  # an editor's atomic save
        renamed = FILES["talks/eo/tunnels.md"].replace("for everyone", "renamed over")
        swap.write_text(renamed, encoding="utf-8")
        os.replace(swap, note)
        assert _wait(page_shows(talk_page, "Tunnels renamed over"), 30), log.read_text(encoding="utf-8")
        assert _wait(page_shows(site / "speakers/ana/index.html", "Tunnels renamed over"), 30)
        extra = kb / "talks/eo/extra.md"
        extra.write_text("---\ntitle: An extra talk\nevent: eo\nspeakers: [Ana Ruiz]\n---\nMore.\n",
                         encoding="utf-8")
        assert _wait(page_shows(site / "talks/eo/extra/index.html", "An extra talk"), 30)
        extra.unlink()
        speaker = site / "speakers/ana/index.html"
        assert _wait(lambda: "An extra talk" not in speaker.read_text(encoding="utf-8"), 30), \
            log.read_text(encoding="utf-8")
        folder = kb / "talks/kiwicon"
        folder.mkdir()
        (folder / "third.md").write_text("---\ntitle: A third talk\nevent: kiwicon\n---\nNotes.\n",
                                         encoding="utf-8")
        assert _wait(page_shows(site / "talks/kiwicon/third/index.html", "A third talk"), 30)
        assert "Traceback" not in log.read_text(encoding="utf-8")


def test_a_note_edit_leaves_the_404_page_and_a_settings_edit_renders_it_again(tmp_path: Path) -> None:
    """An edit preview renders only the pages the edit reaches: not the 404 page, which shows no
    note, unless mkdocs.yml (or the theme) changed, which every page shows."""
    with serving_fixture(tmp_path) as (kb, site, log):
        missing = site / "404.html"
        stamp = missing.stat().st_mtime_ns
        note = kb / "talks/eo/tunnels.md"
        note.write_text(FILES["talks/eo/tunnels.md"] + "One more line.\n", encoding="utf-8")
        assert _wait(lambda: "One more line." in (site / "talks/eo/tunnels/index.html").read_text(
            encoding="utf-8"), 30), log.read_text(encoding="utf-8")
        assert _wait(lambda: log.read_text(encoding="utf-8").count("Documentation built") == 2, 30)
        assert missing.stat().st_mtime_ns == stamp
        config = kb / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        name = re.search(r"(?m)^site_name: (.*)$", text)
        assert name is not None
        config.write_text(text.replace(name.group(0), "site_name: Renamed Hallway"), encoding="utf-8")
        assert _wait(lambda: "Renamed Hallway" in missing.read_text(encoding="utf-8"), 60), \
            log.read_text(encoding="utf-8")
