"""The built site is byte-for-byte what the stored fingerprints say (``scripts/golden_site.py``).

It guards refactors: moving code must not move a single byte of output. A change meant to alter
pages regenerates the fingerprints (``python scripts/golden_site.py --write``) in the same commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .kbfixtures import REPO

sys.path.insert(0, str(REPO / "scripts"))
import golden_site

pytestmark = pytest.mark.build


def _differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    lines = [f"missing: {p}" for p in sorted(expected.keys() - actual.keys())]
    lines += [f"new: {p}" for p in sorted(actual.keys() - expected.keys())]
    lines += [f"changed: {p}" for p in sorted(expected.keys() & actual.keys()) if expected[p] != actual[p]]
    return lines


def test_site_bytes_match_the_stored_fingerprints(tmp_path: Path) -> None:
    built = golden_site.build_all(tmp_path)
    for name, actual in built.items():
        expected = json.loads((golden_site.GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
        diff = _differences(expected, actual)
        assert not diff, (f"the {name} site differs from tests/golden/{name}.json; if that is intended, "
                          "run `python scripts/golden_site.py --write`:\n" + "\n".join(diff[:40]))


def test_fingerprints_notice_a_changed_byte(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>one</p>", encoding="utf-8")
    before = golden_site.fingerprints(site)
    (site / "a" / "index.html").write_text("<p>One</p>", encoding="utf-8")
    assert _differences(before, golden_site.fingerprints(site)) == ["changed: a/index.html"]
    (site / "sitemap.xml").write_text("<lastmod>2026-01-01</lastmod>", encoding="utf-8")
    stamped = golden_site.fingerprints(site)
    (site / "sitemap.xml").write_text("<lastmod>2027-02-02</lastmod>", encoding="utf-8")
    assert golden_site.fingerprints(site) == stamped
