"""``hallway search``: ranking, filters, aliases, facets and the incremental index, on real Whoosh.

Warnings are errors here (the Whoosh distribution must run clean); the command-line runs get
``PYTHONWARNINGS=error`` for the same reason.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from hallway.search.engine import cache_folder, search, update_index

from .kbfixtures import REPO, hallway, write_files

pytestmark = pytest.mark.filterwarnings("error")

N3N = "talks/everything-open-2025/presenting-n3n-a-simple-peer-to-peer-vpn.md"
KOHA = "talks/everything-open-2025/koha-not-your-average-library-system.md"

FIXTURE = {
    "topics/cla.md": "---\nname: Contributor licence agreements\n"
                     "aliases: [CLA(s), contributor licence agreement]\n---\n",
    "topics/vpn.md": "---\nname: VPN\naliases: [virtual private network]\n---\n",
    "speakers/tui-ngata.md": "---\nname: Tūī Ngata\naliases: [Tui the Tinkerer]\n---\n",
    "talks/kiwicon-2024/tunnels.md": "---\ntitle: Tunnels everywhere\nevent: Kiwicon 2024\n"
                                     "date: 2024-03-01\nspeakers: [Tūī Ngata]\ntopics: [VPN]\n---\n"
                                     "- Peers pierce firewalls with a rendezvous host\n",
    "talks/kiwicon-2024/paperwork.md": "---\ntitle: Paperwork before patches\nevent: Kiwicon 2024\n"
                                       "date: 2024-03-02\nspeakers: [Ana Smith]\ntopics: [CLA]\n---\n"
                                       "Signing forms before the first merge request was merged.\n",
    "talks/pycon-2023/mesh.md": "---\ntitle: Mesh networking at home\nevent: PyCon 2023\n"
                                "date: 2023-08-01\nspeakers: [Ana Smith]\ntopics: [vpn]\nkind: keynote\n"
                                "---\nA mesh of small routers and one exit node.\n",
    "posts/garden.md": "---\ntitle: My garden sensors\n---\nSoil moisture, pierced by probes.\n",
}


def run_json(*args: str) -> dict[str, Any]:
    proc = hallway("search", *args, "--json", env={"PYTHONWARNINGS": "error"})
    assert proc.returncode == 0, proc.stderr
    assert "Warning" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def paths(result: dict[str, Any]) -> list[str]:
    return [r["path"] for r in result["results"]]


@pytest.fixture
def real_kb(tmp_path: Path) -> Path:
    for name in ("talks", "posts", "speakers", "events", "projects", "topics"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def fixture_kb(tmp_path: Path) -> Path:
    write_files(tmp_path, FIXTURE)
    return tmp_path


def test_nat_piercing_supernode_ranks_the_n3n_talk_first(real_kb: Path) -> None:
    result = run_json("NAT piercing supernode", "--kb", str(real_kb))
    assert paths(result)[0] == N3N
    first = result["results"][0]
    assert first["speakers"] == ["Hamish Coleman"]
    assert first["event"] == "Everything Open 2025"
    assert "VPN" in first["topics"]
    assert "**NAT**" in first["snippet"] and first["score"] > 0


def test_speaker_filter_by_name_returns_only_her_talks(real_kb: Path) -> None:
    result = run_json("--speaker", "Aleisha Amohia", "--kb", str(real_kb))
    assert paths(result) == [KOHA]
    everything = run_json("open", "--speaker", "aleisha-amohia", "--kb", str(real_kb))
    assert all(r["speakers"] == ["Aleisha Amohia"] for r in everything["results"])


def test_topic_filter_takes_slug_name_or_alias(fixture_kb: Path) -> None:
    for value in ("vpn", "VPN", "virtual private network"):
        got = search(fixture_kb, "", {"topic": [value]}).outcome.hits
        assert sorted(h.path for h in got) == ["talks/kiwicon-2024/tunnels.md", "talks/pycon-2023/mesh.md"]
    combined = search(fixture_kb, "routers", {"topic": ["vpn"]}).outcome.hits
    assert [h.path for h in combined] == ["talks/pycon-2023/mesh.md"]
    keynotes = search(fixture_kb, "", {"topic": ["vpn"], "kind": ["Keynote"]}).outcome.hits
    assert [h.path for h in keynotes] == ["talks/pycon-2023/mesh.md"]


def test_topic_aliases_and_speaker_names_find_notes_that_never_say_them(fixture_kb: Path) -> None:
    for query in ("CLA", "CLAs", "contributor licence agreement"):
        assert search(fixture_kb, query).outcome.hits[0].path == "talks/kiwicon-2024/paperwork.md", query
    for query in ("Tui Ngata", "Tūī", "tinkerer"):
        assert [h.path for h in search(fixture_kb, query).outcome.hits] == ["talks/kiwicon-2024/tunnels.md"]


def test_fielded_queries_phrases_and_stemming(fixture_kb: Path) -> None:
    def found(query: str) -> list[str]:
        return sorted(h.path for h in search(fixture_kb, query).outcome.hits)

    assert found('speaker:"Ana Smith" merge') == ["talks/kiwicon-2024/paperwork.md"]
    assert found("pierced") == ["posts/garden.md", "talks/kiwicon-2024/tunnels.md"]  # stems to pierc
    assert found('"first merge request"') == ["talks/kiwicon-2024/paperwork.md"]
    assert found('"request merge first"') == []
    assert found("kind:keynote") == ["talks/pycon-2023/mesh.md"]
    assert found("year:2024 NOT cla") == ["talks/kiwicon-2024/tunnels.md"]


def test_facets_count_all_matches_by_name(fixture_kb: Path) -> None:
    result = run_json("--topic", "vpn", "--limit", "1", "--kb", str(fixture_kb))
    assert len(result["results"]) == 1 and result["total"] == 2
    speakers = {f["name"]: f["count"] for f in result["facets"]["speaker"]}
    assert speakers == {"Tūī Ngata": 1, "Ana Smith": 1}
    assert {f["name"]: f["count"] for f in result["facets"]["event"]} == {"Kiwicon 2024": 1, "PyCon 2023": 1}
    assert result["facets"]["topic"] == [{"value": "vpn", "name": "VPN", "count": 2}]
    assert set(result["results"][0]) == {"title", "path", "event", "speakers", "topics", "score", "snippet"}


def test_edits_are_found_without_a_rebuild_and_only_changed_notes_are_reindexed(fixture_kb: Path) -> None:
    _, first = update_index(fixture_kb)
    assert first.rebuilt and first.indexed == len(FIXTURE) - 3
    note = fixture_kb / "talks/pycon-2023/mesh.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nA zeppelin relays packets.\n", encoding="utf-8")
    assert [h.path for h in search(fixture_kb, "zeppelin").outcome.hits] == ["talks/pycon-2023/mesh.md"]
    write_files(fixture_kb, {"talks/pycon-2023/new.md": "---\ntitle: New\nevent: PyCon 2023\n---\nzeppelin"})
    (fixture_kb / "posts/garden.md").unlink()
    results = search(fixture_kb, "zeppelin OR probes")
    assert not results.update.rebuilt and results.update.indexed == 1 and results.update.removed == 1
    assert sorted(h.path for h in results.outcome.hits) == ["talks/pycon-2023/mesh.md",
                                                             "talks/pycon-2023/new.md"]
    assert update_index(fixture_kb)[1].indexed == 0


def test_a_new_alias_in_an_entity_file_is_searchable_at_once(fixture_kb: Path) -> None:
    assert search(fixture_kb, "encapsulation").outcome.hits == []
    write_files(fixture_kb, {"topics/vpn.md": "---\nname: VPN\naliases: [encapsulation]\n---\n"})
    assert sorted(h.path for h in search(fixture_kb, "encapsulation").outcome.hits) == [
        "talks/kiwicon-2024/tunnels.md", "talks/pycon-2023/mesh.md"]


def test_a_broken_cache_is_rebuilt_and_rebuild_forces_it(fixture_kb: Path) -> None:
    update_index(fixture_kb)
    for path in (cache_folder(fixture_kb) / "index").iterdir():
        path.write_bytes(b"garbage")
    assert search(fixture_kb, "routers").outcome.hits[0].path == "talks/pycon-2023/mesh.md"
    assert search(fixture_kb, "routers", rebuild=True).update.rebuilt


def test_a_note_that_cannot_be_parsed_is_reported_and_skipped(fixture_kb: Path) -> None:
    write_files(fixture_kb, {"talks/pycon-2023/bad.md": "---\ntitle: [unclosed\n---\nrouters\n"})
    proc = hallway("search", "routers", "--kb", str(fixture_kb))
    assert proc.returncode == 0, proc.stderr
    assert "Mesh networking at home" in proc.stdout
    assert "talks/pycon-2023/bad.md: warning: not searchable" in proc.stderr


def test_user_mistakes_are_messages_not_tracebacks(fixture_kb: Path) -> None:
    proc = hallway("search", "x", "--speaker", "Ana Smyth", "--kb", str(fixture_kb))
    assert proc.returncode == 1
    assert "--speaker: no speaker named 'Ana Smyth' — did you mean 'Ana Smith'?" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert hallway("search", "--kb", str(fixture_kb)).returncode == 1
    assert "nothing to search for" in hallway("search", "--kb", str(fixture_kb)).stderr


def test_text_output_shows_title_speakers_event_and_marked_snippet(fixture_kb: Path) -> None:
    proc = hallway("search", "routers", "--kb", str(fixture_kb), env={"NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("1. Mesh networking at home")
    assert lines[1].strip() == "Ana Smith · PyCon 2023 · 2023-08-01"
    assert "**routers**" in proc.stdout
    assert os.path.join(".cache", "hallway", "search") not in proc.stdout


def test_the_whoosh_distribution_compiles_without_warnings() -> None:
    """Whoosh 2.7.4 fails this (invalid escape sequences, SyntaxWarning on Python 3.12+)."""
    import warnings

    import whoosh

    sources = sorted(Path(whoosh.__file__).parent.rglob("*.py"))
    assert len(sources) > 50
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for source in sources:
            compile(source.read_text(encoding="utf-8"), str(source), "exec")


def test_filters_alone_list_notes_by_date_with_no_score_and_plain_english(fixture_kb: Path) -> None:
    result = run_json("--topic", "vpn", "--kb", str(fixture_kb))
    assert paths(result) == ["talks/kiwicon-2024/tunnels.md", "talks/pycon-2023/mesh.md"]  # newest first
    assert [r["score"] for r in result["results"]] == [0.0, 0.0]
    text = hallway("search", "--speaker", "tui-ngata", "--kb", str(fixture_kb))
    assert text.returncode == 0, text.stderr
    assert "1. Tunnels everywhere\n" in text.stdout and "\n1 matching note.\n" in text.stdout
