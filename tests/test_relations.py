"""Co-occurrence on entity pages: which entities are discussed in the same notes, and how often."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hallway.core.pipeline import build_site
from hallway.core.relations import Relations

from .kbfixtures import REPO, write_files


def _counted(relations: Relations, key: tuple[str, str], kind: str) -> list[tuple[str, int]]:
    """Counting note by note, the obvious way."""
    counts: Counter[str] = Counter()
    for note in relations.related_notes(key):
        counts.update(slug for other, slug in relations.note_keys[note.path] if other == kind
                      and (other, slug) != key)
    return sorted(counts.items(), key=lambda sc: (-sc[1], sc[0]))[:10]


def test_counts_in_a_small_knowledge_base(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "talks/ev/a.md": "---\ntitle: A\nevent: ev\nspeakers: [ana, bo]\ntopics: [vpn]\n---\nAbout CLA.\n",
        "talks/ev/b.md": "---\ntitle: B\nevent: ev\nspeakers: [ana]\ntopics: [vpn, cla]\n---\n",
        "talks/ev/c.md": "---\ntitle: C\nevent: ev\nspeakers: [bo]\ntopics: [cla]\n---\n",
        "topics/cla.md": "---\nname: CLA\n---\n",
    })
    site, problems = build_site(tmp_path)
    assert not [p for p in problems if p.severity.value == "error"]
    relations = site.relations
    # a.md mentions CLA in prose: it counts as discussing it.
    assert relations.cooccurring(("topic", "vpn"), "topic") == [("cla", 2)]
    assert relations.cooccurring(("topic", "cla"), "speaker") == [("ana", 2), ("bo", 2)]
    assert relations.cooccurring(("speaker", "ana"), "event") == [("ev", 2)]
    assert relations.cooccurring(("topic", "nowhere"), "topic") == []


def test_the_matrix_agrees_with_counting_on_the_real_notes() -> None:
    site, _ = build_site(REPO)
    keys = [e.key for e in site.kb.all_entities()]
    assert len(keys) > 30
    for key in keys:
        for kind in ("speaker", "event", "project", "topic"):
            assert site.relations.cooccurring(key, kind) == _counted(site.relations, key, kind), (key, kind)
