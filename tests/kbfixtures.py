"""Building small knowledge bases in temporary folders and running real ``mkdocs build`` on them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
#: The shared data beside the checkout (../shared): real notes and the pyvideo archive.
SHARED = next((p for p in (REPO.parent / "shared", Path("/work/shared")) if p.is_dir()),
              REPO.parent / "shared")

MKDOCS_YML = """\
site_name: Fixture KB
site_url: https://example.org/kb/
repo_url: https://github.com/example/kb
edit_uri: edit/main/
docs_dir: docs
theme:
  name: material
  custom_dir: {overrides}
  font: false
  features: [content.action.edit]
plugins:
  - hallway:
      autolink: {autolink}{options}
markdown_extensions:
  - toc:
      permalink: true
  - pymdownx.superfences
"""


#: Python for a child that drives `mkdocs serve --dirty` rebuilds by hand: ``heard(plugin, path)``
#: waits until the serve watcher has heard of a save, as a real serve rebuilds only once it has.
HEARD = r"""
import os, time
def heard(plugin, path):
    saved, want, deadline = plugin._saved, os.path.realpath(path), time.monotonic() + 10
    while saved.active and time.monotonic() < deadline:
        seen = saved.peek()
        if seen is None or want in {os.path.realpath(p) for p in seen}:
            return
        time.sleep(0.005)
"""


def write_files(root: Path, files: dict[str, str]) -> None:
    """Write ``{relative path: text}`` under ``root`` (text is dedented)."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def make_kb(root: Path, files: dict[str, str], autolink: str = "first", extra_yml: str = "",
            options: dict[str, str] | None = None) -> Path:
    """A knowledge base with an mkdocs.yml using the repository's templates; ``options`` are more
    settings of the hallway plugin."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    more = "".join(f"\n      {key}: {value}" for key, value in (options or {}).items())
    config = MKDOCS_YML.format(overrides=REPO / "site_overrides", autolink=autolink, options=more) + extra_yml
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_files(root, files)
    return root


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> BeautifulSoup:
        """The parsed HTML of a page by its site URL (``talks/eo/x/``)."""
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def exists(self, url: str) -> bool:
        return (self.site / url / "index.html").is_file()


def mkdocs_build(root: Path, strict: bool = True) -> BuildResult:
    """Run a real ``mkdocs build`` of the knowledge base at ``root``."""
    site = root / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        cmd.append("--strict")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env, timeout=600)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


def hallway(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """Run the installed ``hallway`` command line."""
    full_env = dict(os.environ)
    full_env.pop("GITHUB_ACTIONS", None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "hallway.cli", *args], cwd=cwd, capture_output=True,
                          text=True, env=full_env, timeout=600)


def article(soup: BeautifulSoup) -> BeautifulSoup:
    """The page's main content (without header, navigation and footer)."""
    found = soup.select_one("article")
    assert found is not None, "page has no <article>"
    return found  # type: ignore[return-value]


def link_texts(soup: BeautifulSoup) -> dict[str, str]:
    """Visible text -> href of every link in the page's content."""
    return {a.get_text(strip=True): str(a.get("href")) for a in article(soup).find_all("a")}
