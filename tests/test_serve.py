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


def test_a_saved_note_is_shown_without_restarting(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", FILES)
    served = tmp_path / "tmp"
    served.mkdir()
    log = tmp_path / "serve.log"
    with serving(kb, log, _free_port(), dict(os.environ, TMPDIR=str(served))):
        site = next(served.glob("mkdocs_*"))
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
