"""Measure ``hallway import`` on a generated WordPress export of a few hundred posts.

Usage: ``.venv/bin/python scripts/bench_import.py [--posts 400]``. Prints the wall-clock time of
the whole command (a fresh process, as a user runs it) and how many files it created.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ITEM = """<item><title>Conference {year} – Day {day} – {half}</title>
<link>https://blog.example.org/{n}/</link>
<content:encoded><![CDATA[<p>Intro for post {n}: I skipped a couple of talks.</p>
{talks}]]></content:encoded>
<wp:post_date>{year}-01-{date:02d} 10:00:00</wp:post_date><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type><category domain="category" nicename="conf">Conf</category></item>"""
_TALK = """<p><strong>Talk {n}.{t} on open source things by Speaker{a} Person{b}</strong></p>
<ul><li>First point of the talk, with a <a href="/relative/">link</a></li>
<li>Second point<ul><li>Nested point</li><li>Another nested point</li></ul></li>
<li>Created by volunteers</li></ul>"""


def _letters(number: int) -> str:
    return "".join(chr(97 + (number // 26**i) % 26) for i in range(3)).capitalize()


def export(posts: int, talks_per_post: int) -> str:
    items = []
    for n in range(posts):
        talks = "\n".join(_TALK.format(n=n, t=t, a=_letters(n * 7 + t), b=_letters(t + n % 40))
                          for t in range(talks_per_post))
        half = ("Morning", "Afternoon")[n % 2]
        items.append(_ITEM.format(n=n, year=2000 + n % 25, day=n // 50 + 1, half=half, date=1 + n % 28,
                                  talks=talks))
    return ("<?xml version='1.0' encoding='UTF-8'?><rss "
            "xmlns:content='http://purl.org/rss/1.0/modules/content/' "
            "xmlns:wp='http://wordpress.org/export/1.2/'><channel><title>Blog</title>"
            + "\n".join(items) + "</channel></rss>")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=400)
    parser.add_argument("--talks", type=int, default=5, help="talks per post")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "export.xml"
        source.write_text(export(args.posts, args.talks), encoding="utf-8")
        kb = root / "kb"
        kb.mkdir()
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "hallway.cli", "import", str(source),
                                 "--category", "conf", "--kb", str(kb)],
                                capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        files = sum(1 for _ in kb.rglob("*.md"))
        print(f"hallway import: {args.posts} posts, {args.posts * args.talks} talks -> {files} files "
              f"in {elapsed:.2f} s ({source.stat().st_size / 1e6:.1f} MB export)")
        start = time.perf_counter()
        again = subprocess.run([sys.executable, "-m", "hallway.cli", "import", str(source),
                                "--category", "conf", "--kb", str(kb)],
                               capture_output=True, text=True, check=False)
        print(f"re-import (nothing to do): {time.perf_counter() - start:.2f} s; "
              f"{again.stdout.strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
