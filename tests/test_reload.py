"""Serve: after an edit to notes' text, loading reuses the last load (``core/kb/reload.py``), and the
knowledge base and problems are exactly what a fresh load gives, after every kind of edit."""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from hallway.core.kb.loader import CheckedFile, load
from hallway.core.kb.parsecache import ParseCache
from hallway.core.kb.reload import LoadMemo
from hallway.core.kb.sources import find_sources, refresh_sources
from hallway.mkdocs_plugin.livereload import SavedPaths, watch_from_start

from .kbfixtures import REPO, make_kb

sys.path.insert(0, str(REPO / "scripts"))
import synthkb

FILES = {
    "speakers/ana-ruiz.md": "---\nname: Ana Ruiz\n---\nAna builds [[WireGuard]] tunnels.\n",
    "events/eo-2025.md": "---\nname: Everything Open 2025\ndates: 2025-01-20 to 2025-01-22\n---\n",
    "projects/wireguard.md": "---\nname: WireGuard\n---\n",
    "talks/eo-2025/tunnels.md": "---\ntitle: Tunnels for everyone\nevent: eo-2025\nsession: Day 2\n"
                                "speakers: [Ana Ruiz]\nprojects: [WireGuard]\n---\n\nKeys and tunnels.\n",
    "talks/eo-2025/tunnels/ben-okafor.md": "---\nby: Ben Okafor\ntopics: [Keys]\n---\nBen's notes.\n",
    "posts/trip.md": "---\ntitle: My trip\ndate: 2025-01-23\nby: Ana Ruiz\n---\n\nA good trip.\n",
}


class Loader:
    """``load`` as ``hallway serve`` calls it, with the parse cache and the memo kept between calls."""

    def __init__(self, root: Path) -> None:
        self.root, self.cache, self.memo = root, ParseCache[CheckedFile](), LoadMemo()

    def check(self, reused: bool) -> None:
        before = self.memo.reused
        kb, problems = load(self.root, self.cache, memo=self.memo)
        fresh, fresh_problems = load(self.root)
        assert kb == fresh
        assert problems == fresh_problems
        assert self.memo.reused == before + reused


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_edits_to_a_notes_own_fields_reuse_the_last_load_and_load_as_a_fresh_load(tmp_path: Path) -> None:
    make_kb(tmp_path, FILES)
    loader = Loader(tmp_path)
    loader.check(reused=False)  # the first load
    talk = tmp_path / "talks/eo-2025/tunnels.md"
    _edit(talk, "Keys and tunnels.", "Keys and tunnels, and WireGuard.")
    loader.check(reused=True)
    _edit(talk, "title: Tunnels for everyone", "title: Tunnels for all of us")
    loader.check(reused=True)
    _edit(talk, "session: Day 2\n", "session: Day 2\nsummary: Short.\nlinks: {slides: 'https://x.org/s'}\n")
    loader.check(reused=False)  # new front-matter lines: the lines of every later field moved
    _edit(talk, "summary: Short.", "summary: Shorter.")
    loader.check(reused=True)
    # what loading resolves across files: everything is loaded again
    _edit(talk, "session: Day 2", "session: Day 3")  # the date taken from the event
    loader.check(reused=False)
    _edit(talk, "speakers: [Ana Ruiz]", "speakers: [Ana Ruiz, Cy Newperson]")  # a new speaker
    loader.check(reused=False)
    _edit(tmp_path / "talks/eo-2025/tunnels/ben-okafor.md", "Ben's notes.", "Ben's longer notes.")
    loader.check(reused=False)  # notes on a talk are merged into it
    _edit(tmp_path / "speakers/ana-ruiz.md", "builds", "designs")  # an entity file
    loader.check(reused=False)
    _edit(talk, "title: Tunnels for all of us", "title: [unclosed")  # a broken note: its problem is found
    loader.check(reused=False)
    _edit(talk, "title: [unclosed", "title: Tunnels again")
    loader.check(reused=False)
    (tmp_path / "posts/new.md").write_text("---\ntitle: New post\n---\nHi.\n", encoding="utf-8")
    loader.check(reused=False)  # a new file
    _edit(tmp_path / "posts/trip.md", "A good trip.", "A very good trip.")
    loader.check(reused=True)


def test_later_stages_changing_the_loaded_notes_do_not_change_the_next_load(tmp_path: Path) -> None:
    make_kb(tmp_path, FILES)
    loader = Loader(tmp_path)
    kb, _ = load(tmp_path, loader.cache, memo=loader.memo)
    for note in kb.notes.values():  # linking sets bodies and descriptions to their linked text
        note.body = "linked"
        for talk_note in note.notes:
            talk_note.body = "linked"
    for entity in kb.all_entities():
        entity.description = "linked"
    _edit(tmp_path / "posts/trip.md", "A good trip.", "A great trip.")
    loader.check(reused=True)


def test_random_edits_to_a_synthetic_archive_load_as_a_fresh_load(tmp_path: Path) -> None:
    """Forty random edits of talks' titles, notes, summaries, links, topics, speakers, dates and
    events: after each, the serve load (reused or not) equals a fresh load."""
    kb = synthkb.generate(tmp_path, 120)
    make_kb(tmp_path, {})
    for talk in kb.talks:  # written as the edits write them, so that an edit moves no line
        _, front, body = (tmp_path / talk).read_text(encoding="utf-8").split("---\n", 2)
        dumped = yaml.safe_dump(yaml.safe_load(front), sort_keys=False, allow_unicode=True)
        (tmp_path / talk).write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")
    loader = Loader(tmp_path)
    loader.check(reused=False)
    rng = random.Random(11)
    own = {"title", "body", "summary", "links"}
    reused = 0
    for number in range(40):
        path = tmp_path / rng.choice(kb.talks)
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        fields = yaml.safe_load(front)
        kind = rng.choice(["title", "body", "summary", "links", "topics", "speakers", "date", "event"])
        if kind == "title":
            fields["title"] = f"{fields['title']} {number}"
        elif kind == "body":
            body += f"\nAnother thought, number {number}.\n"
        elif kind == "summary":
            fields["summary"] = f"Summary {number}."
        elif kind == "links":
            fields["links"] = {"slides": f"https://example.org/{number}"}
        elif kind == "topics":
            fields["topics"] = [*fields.get("topics", [])[1:], f"Topic {number}"]
        elif kind == "speakers":
            fields["speakers"] = list(reversed(fields["speakers"]))
        elif kind == "date":
            fields["date"] = f"20{10 + number % 10}-05-0{1 + number % 9}"
        else:
            fields["event"] = "somewhere-else"
        dumped = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)
        path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")
        before = loader.memo.reused
        kb_now, problems = load(tmp_path, loader.cache, memo=loader.memo)
        assert (kb_now, problems) == load(tmp_path), kind
        reused += loader.memo.reused - before
        if kind not in own:
            assert loader.memo.reused == before, kind
    assert reused >= 8  # titles, notes and summaries whose front-matter kept its lines


def test_the_watchers_paths_find_the_files_a_walk_finds(tmp_path: Path) -> None:
    """With the paths a file watcher saw change, loading skips the walk of every folder; a change
    that adds, removes or replaces a file by something else walks again."""
    make_kb(tmp_path, FILES)
    sources, _ = find_sources(tmp_path)
    talk = tmp_path / "talks/eo-2025/tunnels.md"
    _edit(talk, "Keys and tunnels.", "Keys, tunnels and more.")
    ignored = [str(tmp_path / "talks/eo-2025/.tunnels.md.swp"), str(tmp_path / "talks/eo-2025/tunnels.md~"),
               str(tmp_path / "mkdocs.yml"), str(tmp_path / "talks/README.md")]
    assert refresh_sources(tmp_path, sources, [str(talk), *ignored]) == find_sources(tmp_path)[0]
    new = tmp_path / "posts/new.md"
    new.write_text("---\ntitle: New\n---\n", encoding="utf-8")
    assert refresh_sources(tmp_path, sources, [str(new)]) is None  # a new file: walk
    new.unlink()
    talk.rename(tmp_path / "talks/eo-2025/moved.md")
    assert refresh_sources(tmp_path, sources, [str(talk)]) is None  # gone: walk
    assert refresh_sources(tmp_path, sources, ["/elsewhere/file.md"]) is None  # not known: walk


def test_loading_with_the_watchers_paths_loads_as_a_fresh_load(tmp_path: Path) -> None:
    make_kb(tmp_path, FILES)
    loader = Loader(tmp_path)
    loader.check(reused=False)
    post = tmp_path / "posts/trip.md"
    _edit(post, "A good trip.", "A fine trip.")
    kb, problems = load(tmp_path, loader.cache, memo=loader.memo, changed={str(post)})
    assert (kb, problems) == load(tmp_path)
    assert kb.notes["posts/trip.md"].body.strip() == "A fine trip."
    (tmp_path / "posts/second.md").write_text("---\ntitle: Second post\n---\nHi.\n", encoding="utf-8")
    kb, problems = load(tmp_path, loader.cache, memo=loader.memo, changed={str(tmp_path / "posts/second.md")})
    assert (kb, problems) == load(tmp_path)
    assert "posts/second.md" in kb.notes


def test_saved_paths_hear_the_kernels_file_events(tmp_path: Path) -> None:
    """``SavedPaths`` as ``hallway serve`` uses it, under a real inotify watcher: unknown until the
    watcher runs and a first rebuild took it, then the saved files; unknown again after a folder
    is created (its files may have been written before it was watched)."""
    observer = Observer()
    saved = SavedPaths()
    observer.schedule(_Handler(saved), str(tmp_path), recursive=True)
    saved.active = True
    observer.start()
    try:
        assert saved.take() is None  # the first rebuild after the watcher started walks
        note = tmp_path / "note.md"
        note.write_text("one", encoding="utf-8")
        assert _eventually(lambda: str(note) in (saved.peek() or set()))
        assert saved.take() == {str(note)}
        assert saved.take() == set()
        (tmp_path / "folder").mkdir()
        assert _eventually(lambda: saved.peek() is None)
        assert saved.take() is None
        note.write_text("two", encoding="utf-8")
        assert _eventually(lambda: saved.peek() == {str(note)})
        saved.forget()  # a rebuild that failed
        assert saved.take() is None
    finally:
        observer.stop()
        observer.join()


def test_the_watcher_started_before_the_first_build_tells_the_first_rebuild_what_was_saved(
        tmp_path: Path) -> None:
    """`hallway serve` watches the notes' folders from before its first build reads them: the first
    build walks (it takes nothing known), the first rebuild then gets the files saved since, not a
    walk of every folder; reading a note (as the build does) is no save."""
    talks = tmp_path / "talks"
    talks.mkdir()
    note = talks / "a.md"
    note.write_text("one", encoding="utf-8")
    saved = SavedPaths()
    observer = watch_from_start([str(talks)], saved)
    assert observer is not None
    try:
        assert saved.take() is None  # the first build
        note.read_text(encoding="utf-8")
        note.write_text("two", encoding="utf-8")
        assert _eventually(lambda: saved.peek() == {str(note)})
        assert saved.take() == {str(note)}  # the first rebuild
    finally:
        observer.stop()
        observer.join()


def _eventually(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


class _Handler(FileSystemEventHandler):
    def __init__(self, saved: SavedPaths) -> None:
        self.saved = saved

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.saved.add(event)
