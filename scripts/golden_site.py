"""Byte-for-byte fingerprints of built sites, so a refactor can prove it changed no output.

``python scripts/golden_site.py --write`` builds the repository's own knowledge base and a
generated 300-talk one, and stores a SHA-256 per output file in ``tests/golden/``; the test
``tests/test_golden_site.py`` builds both again and compares. A change that is meant to alter
pages rewrites the fingerprints in the same commit, so the diff of the JSON names every page that
moved. Only what is time-dependent is normalised (sitemap dates, the feed's ``updated``), and the
hand-written pages of docs/ are left out (their prose is not Hallway's output).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
SYNTH_TALKS = 300
CONTENT = ("mkdocs.yml", "docs", "site_overrides", "talks", "posts", "speakers", "events", "projects",
           "topics")

_TIMESTAMPS = (
    re.compile(rb"<lastmod>[^<]*</lastmod>"),
    re.compile(rb"<updated>[^<]*</updated>"),
    re.compile(rb'"generated":\s*"[^"]*"'),
)


def normalised(data: bytes) -> bytes:
    for pattern in _TIMESTAMPS:
        data = pattern.sub(b"", data)
    return data


def docs_pages() -> set[str]:
    """The pages written by hand in docs/ (About, architecture…): editing prose there is not a
    change of what Hallway generates, so they are left out."""
    return {f"{page.stem}/index.html" for page in (REPO / "docs").glob("*.md") if page.stem != "index"}


def fingerprints(site: Path, skip: frozenset[str] | set[str] = frozenset()) -> dict[str, str]:
    """SHA-256 of every built file except Pagefind's index (its fragment names are content hashes
    of what it indexed, checked through the search tests instead), compressed duplicates and
    ``skip``."""
    out: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith("pagefind/") or rel.endswith(".gz") or rel in skip:
            continue
        out[rel] = hashlib.sha256(normalised(path.read_bytes())).hexdigest()
    return out


def copy_repo_content(root: Path) -> None:
    for name in CONTENT:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        elif src.exists():
            shutil.copy(src, root / name)


def synth_content(root: Path) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    import synthkb

    synthkb.generate(root, SYNTH_TALKS)
    copy = root / "mkdocs.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    copy.write_text(text.replace("custom_dir: site_overrides", f"custom_dir: {REPO / 'site_overrides'}"),
                    encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    for page in (REPO / "docs").glob("*.md"):
        shutil.copy(page, root / "docs" / page.name)


def build(root: Path) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
                          cwd=root, capture_output=True, text=True, env=env, timeout=900)
    if proc.returncode != 0:
        raise SystemExit(f"build of {root} failed:\n{proc.stdout}{proc.stderr}")
    return fingerprints(root / "site", docs_pages())


def build_all(work: Path) -> dict[str, dict[str, str]]:
    real, synth = work / "real", work / "synth"
    real.mkdir()
    synth.mkdir()
    copy_repo_content(real)
    synth_content(synth)
    return {"real": build(real), "synth": build(synth)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="store the fingerprints in tests/golden/")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hallway-golden-") as tmp:
        result = build_all(Path(tmp))
    if args.write:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, prints in result.items():
            (GOLDEN / f"{name}.json").write_text(json.dumps(prints, indent=1, sort_keys=True) + "\n",
                                                 encoding="utf-8")
    print(json.dumps({name: len(prints) for name, prints in result.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
