"""Loading a knowledge base: references by slug, name or alias, implied entities, clashes."""

from __future__ import annotations

from pathlib import Path

from hallway.core.kb.loader import load
from hallway.core.kb.names import slugify
from hallway.core.relate.relations import build_relations

from .kbfixtures import write_files


def test_slugs_are_ascii_and_stable() -> None:
    assert slugify("Tūī Ngata") == "tui-ngata"
    assert slugify("Seán Ó Brien") == "sean-o-brien"
    assert slugify("Koha – not your average library system") == "koha-not-your-average-library-system"


def test_slug_name_and_alias_resolve_to_one_speaker(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "speakers/hamish-coleman.md": "---\nname: Hamish Coleman\naliases: [hamishc]\n---\nBio.\n",
        "talks/eo/a.md": "---\ntitle: A\nevent: eo\nspeakers: [Hamish Coleman]\n---\n",
        "talks/eo/b.md": "---\ntitle: B\nevent: eo\nspeakers: [hamish-coleman]\n---\n",
        "talks/eo/c.md": "---\ntitle: C\nevent: eo\nspeakers: [HAMISHC]\n---\n",
    })
    kb, problems = load(tmp_path)
    assert problems == []
    assert [n.speakers for n in kb.notes.values()] == [["hamish-coleman"]] * 3
    assert list(kb.entities["speaker"]) == ["hamish-coleman"]


def test_referenced_entities_without_files_exist_with_exact_names(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "talks/kiwi/a.md": "---\ntitle: A\nevent: kiwi\nspeakers: [Tūī Ngata]\ntopics: [Te reo Māori]\n---\n",
        "talks/kiwi/b.md": "---\ntitle: B\nevent: kiwi\nspeakers: [tui-ngata]\n---\n",
    })
    kb, problems = load(tmp_path)
    assert problems == []
    speaker = kb.entities["speaker"]["tui-ngata"]
    assert speaker.name == "Tūī Ngata" and speaker.path is None
    assert kb.entities["topic"]["te-reo-maori"].name == "Te reo Māori"
    assert kb.entities["event"]["kiwi"].name == "kiwi"


def test_accents_and_case_do_not_matter_for_references(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "speakers/sean-o-brien.md": "---\nname: Seán Ó Brien\n---\n",
        "talks/eo/a.md": "---\ntitle: A\nevent: eo\nspeakers: [sean o brien]\n---\n",
    })
    kb, _ = load(tmp_path)
    assert kb.notes["talks/eo/a.md"].speakers == ["sean-o-brien"]


def test_two_files_claiming_one_name_is_an_error(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "speakers/jo-bloggs.md": "---\nname: Jo Bloggs\n---\n",
        "speakers/joanna-bloggs.md": "---\nname: Joanna Bloggs\naliases: [Jo Bloggs]\n---\n",
    })
    _, problems = load(tmp_path)
    assert [p.format() for p in problems] == [
        "speakers/joanna-bloggs.md:1: name/aliases: the speaker name 'Jo Bloggs' is also claimed by "
        "speakers/jo-bloggs.md — keep the name on one file only (merge them if they are the same speaker)"]


def test_near_miss_reference_warns_with_did_you_mean(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "topics/vpn.md": "---\nname: VPN\n---\n",
        "talks/eo/n3n.md": "---\ntitle: n3n\nevent: eo\ntopics:\n  - vpnn\n---\n",
    })
    _, problems = load(tmp_path)
    assert [p.format() for p in problems] == [
        "talks/eo/n3n.md:5: topics: warning: unknown topic 'vpnn' — did you mean 'vpn'? "
        "(otherwise a new topic page is made)"]


def test_talks_need_an_event_and_live_in_its_folder(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "talks/eo/a.md": "---\ntitle: A\n---\n",
        "talks/eo/b.md": "---\ntitle: B\nevent: lca\n---\n",
        "talks/loose.md": "---\ntitle: C\nevent: eo\n---\n",
    })
    _, problems = load(tmp_path)
    text = [p.format() for p in problems]
    assert ("talks/eo/a.md:1: event: missing required field 'event' — "
            "add 'event: eo' to the front-matter") in text
    assert any(t.startswith("talks/eo/b.md:3: event: warning: event 'lca' does not match") for t in text)
    assert any(t.startswith("talks/loose.md: talk notes live in talks/<event>/") for t in text)


def test_topic_parent_loops_are_reported(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "topics/a.md": "---\nname: A\nparent: b\n---\n",
        "topics/b.md": "---\nname: B\nparent: a\n---\n",
    })
    _, problems = load(tmp_path)
    assert any("loop" in p.message for p in problems)


def test_relations_list_newest_first(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "talks/eo/old.md": "---\ntitle: Old\nevent: eo\ndate: 2020-01-01\ntopics: [vpn]\n---\n",
        "talks/eo/new.md": "---\ntitle: New\nevent: eo\ndate: 2025-01-01\ntopics: [vpn]\n---\n",
        "talks/eo/undated.md": "---\ntitle: Undated\nevent: eo\ntopics: [vpn]\n---\n",
    })
    kb, _ = load(tmp_path)
    relations = build_relations(kb)
    assert [n.title for n in relations.notes_for("topic", "vpn")] == ["New", "Old", "Undated"]


def test_posts_are_notes_that_are_not_talks(tmp_path: Path) -> None:
    write_files(tmp_path, {"posts/crash.md": "---\ntitle: Crash\nprojects: [Prometheus]\n---\nText\n"})
    kb, problems = load(tmp_path)
    assert problems == []
    note = kb.notes["posts/crash.md"]
    assert note.kind == "post" and not note.is_talk and note.event is None
