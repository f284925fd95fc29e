"""Co-occurrence on entity pages: which entities are discussed in the same notes, and how often."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from hallway.core.build.cache import BuildCache
from hallway.core.build.pipeline import build_site
from hallway.core.kb.model import Note
from hallway.core.pages.site import Site
from hallway.core.relate import relations
from hallway.core.relate.relations import Relations

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


def _related(site: Site) -> dict[str, list[tuple[str, float, tuple[str, ...], str, str | None]]]:
    """Each note's related talks as its page shows them: which, why, and their cards' title and summary."""
    return {path: [(r.note.path, r.score, r.reasons, r.note.title, r.note.summary) for r in related]
            for path, related in site.relations.related.items()}


def test_related_talks_after_an_edit_are_those_of_a_fresh_build(tmp_path: Path) -> None:
    """Serve rebuilds reuse each unchanged note's term weights; the result must not differ."""
    words = ["mesh", "tunnel", "licence", "kernel", "garden", "sensor", "router", "firewall"]
    write_files(tmp_path, {
        f"talks/ev/t{i}.md": f"---\ntitle: Talk {i} on {words[i % 8]}\nevent: ev\n"
                             f"topics: [{words[i % 3]}, {words[(i + 1) % 5]}]\n---\n"
                             + " ".join(words[(i * j) % 8] for j in range(40)) + "\n"
        for i in range(12)})
    cache = BuildCache()
    build_site(tmp_path, cache=cache)
    before = dict(cache.text.last.tops)
    note = tmp_path / "talks/ev/t3.md"
    note.write_text(note.read_text(encoding="utf-8").replace("Talk 3", "Talk 3 about gardens"),
                    encoding="utf-8")
    warm, _ = build_site(tmp_path, cache=cache)
    reused = [path for path, (_, top) in cache.text.last.tops.items() if top is before[path][1]]
    assert len(reused) >= 8 and "talks/ev/t3.md" not in reused
    fresh, _ = build_site(tmp_path)
    assert _related(warm) == _related(fresh) and any(_related(fresh).values())


def test_term_weights_are_recomputed_where_document_frequencies_moved(tmp_path: Path) -> None:
    words = ["mesh", "tunnel", "licence", "kernel", "garden", "sensor", "router", "firewall"]
    write_files(tmp_path, {f"talks/ev/t{i}.md": f"---\ntitle: T{i}\nevent: ev\n---\n"
                           + " ".join(words[(i * j) % 8] for j in range(40)) + "\n" for i in range(12)})
    site, _ = build_site(tmp_path)
    notes = sorted(site.kb.notes.values(), key=lambda n: n.path)
    memo = relations.TextMemo()
    relations._text_matrix(notes, memo)
    notes[0].title += " firewall kernel"  # t0 held only "mesh": two shared terms gain a note
    warm = relations._text_matrix(notes, memo)
    fresh = relations._text_matrix(notes, relations.TextMemo())
    assert warm.shape == fresh.shape and (warm != fresh).nnz == 0


def test_term_weights_after_random_edits_are_those_of_a_fresh_build(tmp_path: Path) -> None:
    """Serve keeps document frequencies and moves them by the edited notes' terms only: after each
    of many random edits (words added, removed, a note emptied, a new word), every note's weights
    are a fresh build's, bit for bit."""
    words = ["mesh", "tunnel", "licence", "kernel", "garden", "sensor", "router", "firewall", "queue"]
    write_files(tmp_path, {f"talks/ev/t{i}.md": f"---\ntitle: T{i}\nevent: ev\n---\n"
                           + " ".join(words[(i * j) % 9] for j in range(20)) + "\n" for i in range(15)})
    site, _ = build_site(tmp_path)
    notes = sorted(site.kb.notes.values(), key=lambda n: n.path)
    memo = relations.TextMemo()
    relations._text_matrix(notes, memo)
    rng = random.Random(3)
    for step in range(60):
        note = rng.choice(notes)
        note.body = " ".join(rng.choice([*words, f"novel{step}"]) for _ in range(rng.randrange(0, 12)))
        warm = relations._text_matrix(notes, memo)
        fresh = relations._text_matrix(notes, relations.TextMemo())
        assert warm.shape == fresh.shape and (warm != fresh).nnz == 0, step
        assert memo.last.df == _df(notes)


def _df(notes: list[Note]) -> Counter[str]:
    df: Counter[str] = Counter()
    for note in notes:
        df.update(relations._count_terms(" ".join([note.title, note.body])).keys())
    return df


def _prolific_speaker(root: Path) -> None:
    """One speaker's 24 talks at 24 events: each shares only her with every other."""
    words = ["mesh", "tunnel", "licence", "kernel", "garden", "sensor", "router", "firewall", "queue",
             "cache", "parser", "shader"]
    files = {f"talks/ev{i:02}/t{i:02}.md":
             f"---\ntitle: Talk {i:02} on {words[i % 12]}\nevent: ev{i:02}\ndate: 2020-01-{i + 1:02}\n"
             f"speakers: [ana-lee]\n---\n" + " ".join(words[(i * j + 3) % 12] for j in range(30)) + "\n"
             for i in range(24)}
    twin = "Guardrails for safe Python: typing, linting, reviews and fuzzing in practice.\n"
    files["talks/ev23/guardrails.md"] = ("---\ntitle: Guardrails for Python\nevent: ev23\ndate: 2021-05-01\n"
                                         "speakers: [ana-lee]\n---\n" + twin)
    files["talks/ev05/guardrails.md"] = ("---\ntitle: Guardrails for Python\nevent: ev05\ndate: 2022-01-01\n"
                                         "speakers: [ana-lee]\n---\n" + twin)
    write_files(root, files)


def test_among_a_speakers_many_talks_the_same_talk_elsewhere_is_related_first(tmp_path: Path) -> None:
    """Every one of her 25 other talks shares as much with it; its text decides, not their order."""
    _prolific_speaker(tmp_path)
    site, _ = build_site(tmp_path)
    related = site.relations.related["talks/ev23/guardrails.md"]
    assert related[0].note.path == "talks/ev05/guardrails.md"
    assert related[0].reasons == (site.kb.entities["speaker"]["ana-lee"].name,)
    assert len(related) == relations.RELATED_LIMIT


def test_a_rebuild_keeps_the_candidates_and_relates_as_a_fresh_build(tmp_path: Path) -> None:
    """Serve: a title edit that moves a talk in the talks' order, and a body edit, change no note's
    entities: the candidates are kept and the related talks are those of a fresh build."""
    _prolific_speaker(tmp_path)
    cache = BuildCache()
    build_site(tmp_path, cache=cache)
    candidates = cache.text.candidates
    note = tmp_path / "talks/ev07/t07.md"
    for old, new in (("Talk 07 on", "Zebra talk 07 on"), ("\n---\n", "\n---\nGuardrails for typing.\n")):
        note.write_text(note.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        warm, _ = build_site(tmp_path, cache=cache)
        assert cache.text.candidates is candidates
        fresh, _ = build_site(tmp_path)
        assert _related(warm) == _related(fresh) and any(_related(fresh).values())
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("[ana-lee]", "[ana-lee, bo-li]"), encoding="utf-8")
    warm, _ = build_site(tmp_path, cache=cache)
    assert cache.text.candidates is not candidates
    assert _related(warm) == _related(build_site(tmp_path)[0])


def test_a_rebuild_ranks_again_only_the_talks_an_edit_reaches(tmp_path: Path) -> None:
    """Serve: after a body edit, a title edit that moves ties, and a summary edit, the related talks
    are a fresh build's (cards included), and the talks the edit cannot reach keep their very lists."""
    _prolific_speaker(tmp_path)
    for i in range(6):  # talks that share nothing with the speaker's: never ranked again
        (tmp_path / f"talks/ev{i:02}/other{i}.md").write_text(
            f"---\ntitle: Other {i}\nevent: ev{i:02}\n"
            f"topics: [gardens, {'soil' if i % 2 else 'seeds'}]\n---\nRaised beds and compost.\n",
            encoding="utf-8")
    note = tmp_path / "talks/ev07/t07.md"
    note.write_text(note.read_text(encoding="utf-8").replace("speakers:", "summary: Old\nspeakers:"),
                    encoding="utf-8")
    cache = BuildCache()
    first, _ = build_site(tmp_path, cache=cache)
    edits = [("\n---\n", "\n---\nGuardrails for typing and fuzzing.\n"),  # its text
             ("Talk 07 on", "Aardvark talk 07 on"),  # its place among the speaker's talks
             ("summary: Old", "summary: Now with a summary")]  # its card
    before = first.relations.related
    for old, new in edits:
        note.write_text(note.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        warm, _ = build_site(tmp_path, cache=cache)
        assert _related(warm) == _related(build_site(tmp_path)[0])
        kept = [path for path, related in warm.relations.related.items() if related is before[path]]
        assert "talks/ev00/other0.md" in kept and "talks/ev07/t07.md" not in kept
        before = warm.relations.related
    assert any(r.note.summary == "Now with a summary" for related in before.values() for r in related)


@given(st.text(alphabet=st.sampled_from("abeZqT _9'-.,\n\t"), max_size=80))
@settings(max_examples=300, deadline=None)
def test_counting_ascii_terms_agrees_with_the_word_pattern(text: str) -> None:
    """The ASCII fast path counts exactly the words the regular expression finds."""
    expected = Counter(relations._WORD.findall(text.lower()))
    for word in relations._STOP.intersection(expected):
        del expected[word]
    assert relations._count_terms(text) == expected


def _indexes(rel: Relations) -> tuple[object, ...]:
    return ({k: [n.path for n in v] for k, v in rel.declared.items()},
            {k: [(m.note.path, m.context) for m in v] for k, v in rel.mentioned.items()},
            {k: [n.path for n in v] for k, v in rel.written.items()}, rel.note_keys)


def test_a_rebuild_indexes_again_only_what_changed_and_indexes_as_a_fresh_build(tmp_path: Path) -> None:
    """Serve: after each edit (a title that other notes mention, which changes their mentions but
    not their text; a body naming a topic; a date that reorders; notes by someone; a speaker) the
    declared, mentioned and written indexes are a fresh build's, in the same order."""
    write_files(tmp_path, {
        "topics/vpn.md": "---\nname: VPN\n---\n",
        "talks/ev/a.md": "---\ntitle: Tunnels for everyone\nevent: ev\ndate: 2025-01-20\n"
                         "speakers: [Ana Ruiz]\ntopics: [vpn]\n---\nOn stage.\n",
        "talks/ev/b.md": "---\ntitle: Keys\nevent: ev\ndate: 2025-01-21\nspeakers: [Ben Okafor]\n---\n"
                         "As in Tunnels for everyone, keys work.\n",
        "posts/trip.md": "---\ntitle: My trip\ndate: 2025-01-23\n---\nI liked Tunnels for everyone.\n",
    })
    edits = [("talks/ev/a.md", "title: Tunnels for everyone", "title: Tunnels for all"),
             ("talks/ev/b.md", "keys work.", "keys work over a VPN."),
             ("talks/ev/b.md", "date: 2025-01-21", "date: 2025-01-19"),
             ("posts/trip.md", "date: 2025-01-23", "date: 2025-01-23\nby: Ana Ruiz"),
             ("talks/ev/a.md", "title: Tunnels for all", "title: Tunnels for everyone"),
             ("talks/ev/b.md", "speakers: [Ben Okafor]", "speakers: [Ben Okafor, Ana Ruiz]")]
    cache = BuildCache()
    build_site(tmp_path, cache=cache)
    for path, old, new in edits:
        file = tmp_path / path
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        warm, _ = build_site(tmp_path, cache=cache)
        assert _indexes(warm.relations) == _indexes(relations.build_relations(warm.kb, warm.mentions)), new
