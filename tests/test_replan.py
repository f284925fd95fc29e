"""A serve rebuild plans again only the pages an edit can reach, and the rest are exactly as a full
plan would make them (``core/pages/replan.py``).

Real `mkdocs serve --dirty` rebuilds in one child process, with ``HALLWAY_CHECK_REPLAN=1``: every
rebuild that keeps pages from the last plan also plans every page and fails on any difference. The
edits reach each input a page is planned from: titles a prose mention names, mentions, declared
topics and speakers (counts on every card), dates across years, an event's year taken from its
earliest talk, talk notes by other people, program times, a talk moved between events.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hallway.core.build.cache import BuildCache
from hallway.core.build.pipeline import build_site

from .kbfixtures import HEARD, REPO, make_kb

sys.path.insert(0, str(REPO / "scripts"))
import synthkb

pytestmark = pytest.mark.build

FILES = {
    "speakers/ana-ruiz.md": "---\nname: Ana Ruiz\n---\nAna builds tunnels.\n",
    "speakers/ben-okafor.md": "---\nname: Ben Okafor\n---\n",
    "events/eo-2025.md": "---\nname: Everything Open 2025\ndates: 2025-01-20 to 2025-01-22\n---\n",
    "events/eo-2026.md": "---\nname: Everything Open 2026\ndates: 2026-01-19 to 2026-01-21\n---\n",
    "events/kiwicon.md": "---\nname: Kiwicon\n---\n",
    "projects/wireguard.md": "---\nname: WireGuard\n---\n",
    "topics/networking.md": "---\nname: Networking\n---\n",
    "topics/vpn.md": "---\nname: VPN\nparent: networking\n---\n",
    "talks/eo-2025/tunnels.md": "---\ntitle: Tunnels for everyone today\nevent: eo-2025\ndate: 2025-01-20\n"
                                "start: '10:00'\nroom: Room 1\nspeakers: [Ana Ruiz]\nprojects: [WireGuard]\n"
                                "topics: [VPN]\n---\n\nAna showed WireGuard keys and tunnels on stage.\n",
    "talks/eo-2025/other.md": "---\ntitle: Something else entirely\nevent: eo-2025\ndate: 2025-01-21\n"
                              "speakers: [Ben Okafor]\ntopics: [VPN]\n---\n\n"
                              "As in Tunnels for everyone today, tunnels and keys work.\n",
    "talks/eo-2025/keys.md": "---\ntitle: Keys and tunnels in practice\nevent: eo-2025\ndate: 2025-01-22\n"
                             "speakers: [Ana Ruiz, Ben Okafor]\nprojects: [WireGuard]\n"
                             "topics: [VPN, Networking]\n---\n\n"
                             "Rotating keys for tunnels, WireGuard style.\n",
    "talks/eo-2026/mesh.md": "---\ntitle: Mesh networks at home\nevent: eo-2026\ndate: 2026-01-19\n"
                             "speakers: [Cara Ito]\ntopics: [Networking]\n---\n\nMesh tunnels and keys.\n",
    "talks/eo-2026/mesh/ben-okafor.md": "---\nby: Ben Okafor\ndate: 2026-01-20\n---\n"
                                        "Ben's notes on meshes.\n",
    "talks/kiwicon/third.md": "---\ntitle: A third unrelated talk\nevent: kiwicon\nspeakers: [Cara Ito]\n"
                              "---\n\nNothing to see.\n",
    "talks/kiwicon/fourth.md": "---\ntitle: The fourth talk\nevent: kiwicon\ndate: 2024-11-01\n"
                               "speakers: [Dee Nguyen]\ntopics: [Networking]\n---\n\nRouting.\n",
    "posts/trip.md": "---\ntitle: My trip to Everything Open\ndate: 2025-01-23\nby: Ana Ruiz\n---\n\n"
                     "I liked Tunnels for everyone today and the Networking talks.\n",
}

DRIVER = HEARD + r"""
import json, os, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

root = Path(sys.argv[1]); site = root / "site"; os.chdir(root)
profile = root / "profile.json"
os.environ["HALLWAY_PROFILE"] = str(profile)
def config():
    return load_config(str(root / "mkdocs.yml"), site_dir=str(site))
first = config()
first.plugins.on_startup(command="serve", dirty=True)
build(first, dirty=True)
out = {}
for step in json.loads(sys.argv[2]):
    time.sleep(0.02)
    path = root / step["file"]
    if "write" in step:
        path.write_text(step["write"])
    elif "delete" in step:
        path.unlink()
    else:
        text = path.read_text()
        assert step["old"] in text, step
        path.write_text(text.replace(step["old"], step["new"]))
    heard(first.plugins["hallway"], path)
    build(config(), dirty=True)
    data = json.loads(profile.read_text())
    out[step["name"]] = {"kept": data["kept_from_last_plan"], "changed": data["changes"]["changed"],
                         "pages": data["pages"]}
first.plugins.on_shutdown()
print(json.dumps(out))
"""

#: (name, file, old, new): each a note edit that keeps most pages.
NOTE_EDITS = [
    ("title", "talks/eo-2025/tunnels.md", "title: Tunnels for everyone today", "title: Tunnels for all"),
    ("body", "talks/eo-2025/tunnels.md", "on stage.", "on stage, twice."),
    ("mention", "talks/eo-2025/other.md", "keys work.", "keys work. Networking matters."),
    ("topic added", "talks/kiwicon/third.md", "speakers: [Cara Ito]", "speakers: [Cara Ito]\ntopics: [VPN]"),
    ("speaker removed", "talks/eo-2025/keys.md", "speakers: [Ana Ruiz, Ben Okafor]", "speakers: [Ana Ruiz]"),
    ("new last year", "talks/eo-2026/mesh.md", "date: 2026-01-19", "date: 2027-01-19"),
    ("date within", "talks/eo-2025/tunnels.md", "date: 2025-01-20", "date: 2025-01-21"),
    ("notes by", "talks/eo-2025/other.md", "speakers: [Ben Okafor]", "speakers: [Ben Okafor]\nby: Ana Ruiz"),
    ("talk note", "talks/eo-2026/mesh/ben-okafor.md", "on meshes.", "on meshes and keys."),
    ("program", "talks/eo-2025/tunnels.md", "start: '10:00'", "start: '11:30'"),
    ("event moved", "talks/eo-2025/keys.md", "event: eo-2025", "event: eo-2026"),
    ("related text", "talks/kiwicon/third.md", "Nothing to see.", "Keys, tunnels and WireGuard meshes."),
    ("event year", "talks/kiwicon/fourth.md", "date: 2024-11-01", "date: 2023-11-01"),
    ("title back", "talks/eo-2025/tunnels.md", "title: Tunnels for all", "title: Tunnels for everyone today"),
]


def test_serve_rebuilds_keep_unreached_pages_exactly_as_a_full_plan_makes_them(tmp_path: Path) -> None:
    make_kb(tmp_path, FILES)
    steps: list[dict[str, str]] = [{"name": n, "file": f, "old": o, "new": w} for n, f, o, w in NOTE_EDITS]
    steps += [
        {"name": "entity file", "file": "topics/vpn.md", "old": "name: VPN",
         "new": "name: VPN\naliases: [VPNs]"},
        {"name": "note added", "file": "posts/new.md", "write": "---\ntitle: A new post\n---\n\nHello.\n"},
        {"name": "note deleted", "file": "posts/new.md", "delete": "yes"},
        {"name": "after a full plan", "file": "talks/eo-2025/other.md", "old": "Networking matters.",
         "new": "Networking matters a lot."},
    ]
    env = dict(os.environ, HALLWAY_CHECK_REPLAN="1")
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(tmp_path), json.dumps(steps)],
                          capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    for name, *_ in NOTE_EDITS:
        # planned against the last plan, and checked against a full plan by the child (it exits
        # non-zero on a difference); an event whose year moved with a talk's date plans everything
        assert (result[name]["kept"] is None) == (name == "event year"), (name, result[name])
    for name in ("entity file", "note added", "note deleted"):
        assert result[name]["kept"] is None, (name, result[name])
    for name in ("title", "body", "date within", "notes by", "talk note", "program", "after a full plan"):
        assert result[name]["kept"] > 0, (name, result[name])
    # A body edit reaches only the talk (and its related talks' reasons): most pages are kept.
    assert result["body"]["kept"] >= 10, result["body"]
    assert result["body"]["changed"] == 1  # only the talk's own page shows its notes


def _talk(title: str, body: str, topics: str = "[Tunnels]") -> str:
    return (f"---\ntitle: {title}\nevent: conf-2025\ndate: 2025-03-01\nspeakers: [{title} Speaker]\n"
            f"topics: {topics}\n---\n\n{body}\n")


def test_a_talk_whose_related_talks_reorder_is_planned_again(tmp_path: Path) -> None:
    """Another talk's words move the order of X's related talks (X, A and B are not edited, and
    C, whose words change, is none of X's related talks): only the related-talks rule sees it."""
    files = {"talks/conf-2025/x.md": _talk("Xylophone", "alpha beta"),
             "talks/conf-2025/a.md": _talk("Aardvark", "alpha"),
             "talks/conf-2025/b.md": _talk("Badger", "beta"),
             "talks/conf-2025/c.md": _talk("Capybara", "gamma", "[]")}
    make_kb(tmp_path, files)
    steps = [{"name": "words", "file": "talks/conf-2025/c.md", "old": "gamma", "new": "alpha gamma"}]
    env = dict(os.environ, HALLWAY_CHECK_REPLAN="1")
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(tmp_path), json.dumps(steps)],
                          capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1])["words"]["kept"] is not None
    page = (tmp_path / "site/talks/conf-2025/x/index.html").read_text(encoding="utf-8")
    assert page.index("Badger") < page.index("Aardvark")  # B now first: it shares the rarer word


def test_a_body_edit_links_with_the_last_matcher_and_the_same_result(tmp_path: Path) -> None:
    make_kb(tmp_path, FILES)
    cache = BuildCache()
    first, _ = build_site(tmp_path, cache=cache)
    other = tmp_path / "talks/eo-2025/other.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nWireGuard again, and [[Ana Ruiz]].\n",
                     encoding="utf-8")
    body, _ = build_site(tmp_path, cache=cache)
    assert body.matcher is first.matcher  # no name, alias or title changed: not built again
    fresh, _ = build_site(tmp_path)
    assert body.mentions == fresh.mentions
    assert {p: n.body for p, n in body.kb.notes.items()} == {p: n.body for p, n in fresh.kb.notes.items()}
    other.write_text(other.read_text(encoding="utf-8").replace("Something else entirely", "Something new"),
                     encoding="utf-8")
    title, _ = build_site(tmp_path, cache=cache)
    assert title.matcher is not first.matcher  # a title is a form the matcher links


def _edited(text: str, rng: random.Random, kb: synthkb.SynthKB,
            names: dict[str, list[str]]) -> tuple[str, str]:
    """One random edit a note-taker makes to a talk's front-matter or notes: (kind, new text)."""
    _, front, body = text.split("---\n", 2)
    fields = yaml.safe_load(front)
    kind = rng.choice(["title", "body", "mention", "topic+", "topic-", "speaker", "date", "year",
                       "event", "summary", "new speaker", "title of another"])
    if kind == "title":
        fields["title"] = fields["title"] + " revisited"
    elif kind == "body":
        body += f"\nAnother thought, number {rng.randint(1, 10**6)}, about caching and queues.\n"
    elif kind == "mention":
        body += f"\nThis reminded me of {rng.choice(names['topic'] + names['project'])}.\n"
    elif kind == "topic+":
        fields["topics"] = list(dict.fromkeys([*fields.get("topics", []), rng.choice(names["topic"])]))
    elif kind == "topic-" and len(fields.get("topics", [])) > 1:
        fields["topics"] = fields["topics"][1:]
    elif kind == "speaker":
        fields["speakers"] = [rng.choice(names["speaker"])]
    elif kind == "date":
        fields["date"] = str(fields["date"])[:8] + f"{rng.randint(1, 28):02d}"
    elif kind == "year":
        fields["date"] = f"{rng.randint(2000, 2003)}" + str(fields["date"])[4:]
    elif kind == "event":
        fields["event"] = rng.choice(names["event"])
    elif kind == "summary":
        fields["summary"] = f"Rewritten summary {rng.randint(1, 10**6)}."
    elif kind == "new speaker":
        fields["speakers"] = [*fields["speakers"], f"Newcomer {rng.randint(1, 10**6)} Person"]
    elif kind == "title of another":  # name another talk in prose: a mention of a talk
        other = yaml.safe_load((kb.root / rng.choice(kb.talks)).read_text(encoding="utf-8").split("---\n")[1])
        body += f"\nAs {other['title']} showed.\n"
    dumped = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, default_flow_style=None)
    return kind, f"---\n{dumped}---\n{body}"


def test_random_edits_to_a_synthetic_archive_plan_as_a_full_plan_would(tmp_path: Path) -> None:
    """Thirty random edits (titles, notes, mentions of entities and talks, topics, speakers, dates,
    years, events, new speakers) to 200 generated talks, each rebuild checked against a full plan."""
    kb = synthkb.generate(tmp_path, 200)
    make_kb(tmp_path, {})
    names: dict[str, list[str]] = {}
    for kind, folder in (("topic", "topics"), ("project", "projects"), ("speaker", "speakers"),
                         ("event", "events")):
        names[kind] = [yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])["name"]
                       for p in sorted((tmp_path / folder).glob("*.md"))]
    rng = random.Random(7)
    current = {path: (tmp_path / path).read_text(encoding="utf-8") for path in kb.talks}
    steps = []
    for number in range(30):
        path = rng.choice(kb.talks)
        kind, current[path] = _edited(current[path], rng, kb, names)
        steps.append({"name": f"{number} {kind}", "file": path, "write": current[path]})
    env = dict(os.environ, HALLWAY_CHECK_REPLAN="1")
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(tmp_path), json.dumps(steps)],
                          capture_output=True, text=True, timeout=900, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    kept = [r["kept"] for r in result.values()]
    # most edits were planned against the last plan (new speakers, new years plan everything)
    assert sum(k is not None and k > 0 for k in kept) >= 15, result
