"""``hallway new``: scaffolds valid files, prints their paths, never overwrites, builds strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.core.kb.loader import load

from .kbfixtures import article, hallway, link_texts, make_kb, mkdocs_build, write_files

EO = {"events/everything-open-2025.md": "---\nname: Everything Open 2025\naliases: [EO 2025]\n---\n",
      "speakers/hamish-coleman.md": "---\nname: Hamish Coleman\n---\n"}


def test_new_talk_with_a_new_speaker_builds_strictly_with_a_speaker_page(kb: Path) -> None:
    make_kb(kb, EO)
    result = hallway("new", "talk", "--event", "EO 2025", "--title", "Kōrero: whakapapa & <tags>",
                     "--speaker", "Tūī Ngata", "--speaker", "hamish-coleman", "--date", "2025-01-22",
                     "--topic", "VPN", "--kb", str(kb))
    assert result.returncode == 0, result.stderr
    note = "talks/everything-open-2025/korero-whakapapa-tags.md"
    assert result.stdout.splitlines() == [note, "speakers/tui-ngata.md"]
    text = (kb / note).read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../../schemas/talk.schema.json\n")
    assert "speakers: [Tūī Ngata, Hamish Coleman]\nevent: Everything Open 2025\n" in text
    assert (kb / "speakers/tui-ngata.md").read_text(encoding="utf-8").endswith("name: Tūī Ngata\n---\n")
    assert not (kb / "events/eo-2025.md").exists()
    assert hallway("check", "--strict", "--kb", str(kb)).returncode == 0

    built = mkdocs_build(kb)
    assert built.returncode == 0, built.output
    page = built.page("talks/everything-open-2025/korero-whakapapa-tags/")
    assert article(page).h1.get_text() == "Kōrero: whakapapa & <tags>"  # type: ignore[union-attr]
    assert link_texts(page)["Tūī Ngata"] == "../../../speakers/tui-ngata/"
    assert "Delete this comment" not in str(page), "the scaffold's hint must not show on the site"
    speaker = built.page("speakers/tui-ngata/")
    assert article(speaker).h1.get_text() == "Tūī Ngata"  # type: ignore[union-attr]
    assert "Kōrero: whakapapa & <tags>" in link_texts(speaker)


def test_new_talk_at_a_new_event_creates_the_event_file(tmp_path: Path) -> None:
    result = hallway("new", "talk", "--event", "Kiwicon 2024", "--title", "Hacking", "--speaker", "A B",
                     "--kb", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["talks/kiwicon-2024/hacking.md", "events/kiwicon-2024.md",
                                     "speakers/a-b.md"]
    kb, problems = load(tmp_path)
    assert problems == []
    assert kb.entities["event"]["kiwicon-2024"].path == "events/kiwicon-2024.md"
    assert kb.notes["talks/kiwicon-2024/hacking.md"].speakers == ["a-b"]


def test_never_overwrites_and_writes_nothing_on_refusal(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo/hacking.md": "---\ntitle: Mine\nevent: eo\n---\nMy notes\n"})
    result = hallway("new", "talk", "--event", "eo", "--title", "Hacking", "--speaker", "New Person",
                     "--kb", str(tmp_path))
    assert result.returncode == 1
    assert "talks/eo/hacking.md: already exists; not overwriting it" in result.stderr
    assert (tmp_path / "talks/eo/hacking.md").read_text() == "---\ntitle: Mine\nevent: eo\n---\nMy notes\n"
    assert not (tmp_path / "speakers").exists(), "the speaker file must not be written either"
    assert not (tmp_path / "events").exists()


def test_bad_input_is_reported_by_the_checker_and_nothing_is_written(tmp_path: Path) -> None:
    result = hallway("new", "talk", "--event", "eo", "--title", "T", "--date", "2025-13-01",
                     "--kb", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith("talks/eo/t.md: date: invalid date '2025-13-01'")
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
    bad_slug = hallway("new", "talk", "--event", "eo", "--title", "T", "--slug", "../../x",
                       "--kb", str(tmp_path))
    assert bad_slug.returncode == 1 and "'../../x' is not a file name slug" in bad_slug.stderr
    empty = hallway("new", "speaker", "!!!", "--kb", str(tmp_path))
    assert empty.returncode == 1 and "cannot make a file name from '!!!'" in empty.stderr


def test_a_near_miss_of_an_existing_speaker_is_refused_unless_allowed(tmp_path: Path) -> None:
    write_files(tmp_path, EO)
    result = hallway("new", "speaker", "Hamish Colman", "--kb", str(tmp_path))
    assert result.returncode == 1
    assert "looks like the existing speaker 'Hamish Coleman'" in result.stderr
    assert not (tmp_path / "speakers/hamish-colman.md").exists()
    allowed = hallway("new", "speaker", "Hamish Colman", "--allow-similar", "--kb", str(tmp_path))
    assert allowed.returncode == 0 and allowed.stdout == "speakers/hamish-colman.md\n"


@pytest.mark.parametrize(("argv", "path", "expected"), [
    (["speaker", "Sara King", "--alias", "SK"], "speakers/sara-king.md", "name: Sara King\naliases: [SK]\n"),
    (["event", "KohaCon 2024", "--url", "https://kohacon.example/", "--dates", "2024-06-01",
      "--location", "Wellington"], "events/kohacon-2024.md",
     "name: KohaCon 2024\nurl: https://kohacon.example/\ndates: '2024-06-01'\nlocation: Wellington\n"),
    (["project", "n3n"], "projects/n3n.md", "name: n3n\n"),
    (["topic", "WireGuard VPNs", "--parent", "vpn"], "topics/wireguard-vpns.md",
     "name: WireGuard VPNs\nparent: vpn\n"),
])
def test_new_entities(tmp_path: Path, argv: list[str], path: str, expected: str) -> None:
    result = hallway("new", *argv, "--kb", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == path + "\n"
    text = (tmp_path / path).read_text(encoding="utf-8")
    assert expected in text
    assert hallway("check", "--strict", "--kb", str(tmp_path)).returncode == 0
    again = hallway("new", *argv, "--kb", str(tmp_path))
    assert again.returncode == 1 and "already has this file" in again.stderr
    assert (tmp_path / path).read_text(encoding="utf-8") == text


def test_misspelt_field_in_a_scaffolded_note_is_annotated_on_its_line(tmp_path: Path) -> None:
    assert hallway("new", "talk", "--event", "eo", "--title", "T", "--kb", str(tmp_path)).returncode == 0
    path = tmp_path / "talks/eo/t.md"
    path.write_text(path.read_text(encoding="utf-8").replace("event: eo", "event: eo\nspeker: [X]"),
                    encoding="utf-8")
    result = hallway("check", "--kb", str(tmp_path), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=talks/eo/t.md,line=5,title=speker::unknown field 'speker' — did you mean 'speakers'?"]
