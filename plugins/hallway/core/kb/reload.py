"""Serve: a rebuild after an edit to notes' text reuses the last load instead of making it again.

``hallway serve`` loads the whole knowledge base after every save. The parse cache spares reading
unchanged files, but making 21,715 notes and 13,000 entities again, resolving every reference and
checking every address was still ~0.5 s of each rebuild of the pyvideo archive (issue 16: an edit
must show in 2 s), although the commonest edits (a note's text, its title, its links) change one
note and nothing any other file's loading depends on.

:class:`LoadMemo` keeps the last load: the files found, what each read as, and the resulting
knowledge base as loaded (never handed to later stages, which change bodies in place: they get a
:func:`working_copy`). :func:`reuse` takes the memo's knowledge base with only the edited notes
made again when each edit is one a full load would treat alike: the same files, every changed
file a note (talk or write-up), readable with no problem before and after, with the same
front-matter lines and the same values in every field that loading resolves or checks across
files (event, speakers, projects, topics, by, date, session, kind, redirects). Anything else loads
everything, as before. ``tests/test_reload.py`` compares both ways after each kind of edit.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Problem
from .model import Entity, KnowledgeBase, Note
from .sources import SourceFile, refresh_sources

#: Front-matter fields of a note that loading copies into the note and nothing else reads.
SAFE_FIELDS = frozenset({"title", "summary", "links", "autolink", "subtitle", "start", "duration", "room",
                         "track", "language", "abstract", "program", "withdrawn"})
#: Fields a note takes from the rest of the knowledge base while loading: kept from its last load.
RESOLVED_FIELDS = ("event", "speakers", "projects", "topics", "by", "date", "date_from_event", "notes")
#: Past this many changed files, loading everything is as quick (a checkout, a search and replace).
MAX_CHANGED = 50

Checked = tuple[Any, dict[str, Any], list[Problem]]
"""What a file read as: (parsed file or None, validated values, problems) — ``loader.CheckedFile``."""


@dataclass
class LoadMemo:
    """The last load of a serve session (see the module's doc)."""

    sources: list[SourceFile] = field(default_factory=list)
    layout: list[Problem] = field(default_factory=list)
    """Problems found while finding the files (names, links, permissions)."""
    checked: list[Checked] = field(default_factory=list)
    kb: KnowledgeBase | None = None
    problems: list[Problem] = field(default_factory=list)
    reused: int = 0
    """How many loads took the memo's knowledge base (for the benchmark and tests)."""

    def files_after(self, root: Path, changed: Collection[str] | None
                    ) -> tuple[list[SourceFile], list[Problem]] | None:
        """The files of the last load and its layout problems, with ``changed`` (the absolute
        paths a file watcher saw change since; ``None``: not known) stat'ed again; ``None`` when
        the folders must be walked (``sources.refresh_sources``)."""
        if self.kb is None or changed is None:
            return None
        sources = refresh_sources(root, self.sources, changed)
        return None if sources is None else (sources, list(self.layout))

    def remember(self, sources: list[SourceFile], layout: list[Problem], checked: list[Checked],
                 kb: KnowledgeBase, problems: list[Problem]) -> None:
        self.sources, self.layout, self.checked = sources, layout, checked
        self.kb, self.problems = kb, list(problems)


#: Numbers for loads (``Note.loaded``): unique in the process, never 0.
_LOADS = itertools.count(1)


def stamp(notes: Iterable[Note]) -> None:
    """Mark ``notes`` as made by a new load (``Note.loaded``)."""
    number = next(_LOADS)
    for note in notes:
        note.loaded = number


def _same_files(memo: LoadMemo, sources: list[SourceFile], layout: list[Problem]) -> bool:
    return (len(sources) == len(memo.sources) and layout == memo.layout
            and all(new.rel == old.rel and new.file_kind == old.file_kind
                    for new, old in zip(sources, memo.sources, strict=True)))


def _alike(old: Checked, new: Checked) -> bool:
    """Whether a full load would treat the file's new reading as it did the old one, apart from
    the note's own fields."""
    old_parsed, old_values, old_problems = old
    new_parsed, new_values, new_problems = new
    if old_parsed is None or new_parsed is None or old_problems or new_problems:
        return False
    if old_parsed.lines != new_parsed.lines:
        return False
    keys = old_values.keys() | new_values.keys()
    return all(key in SAFE_FIELDS or old_values.get(key) == new_values.get(key) for key in keys)


def reuse(memo: LoadMemo, sources: list[SourceFile], layout: list[Problem], checked: list[Checked],
          make_note: Any) -> tuple[KnowledgeBase, list[Problem]] | None:
    """The knowledge base a full load would give, made from the memo's when every edit allows it
    (see the module's doc); ``None`` when everything must be loaded. ``make_note(source, checked)``
    makes a note from a file's reading, before its references are resolved."""
    if memo.kb is None or not _same_files(memo, sources, layout):
        return None
    changed = [index for index, (new, old) in enumerate(zip(checked, memo.checked, strict=True))
               if new is not old]
    if len(changed) > MAX_CHANGED:
        return None
    for index in changed:
        if sources[index].file_kind != "note" or not _alike(memo.checked[index], checked[index]):
            return None
    kb = KnowledgeBase(root=memo.kb.root, notes=dict(memo.kb.notes), entities=memo.kb.entities)
    for index in changed:
        source = sources[index]
        old = memo.kb.notes[source.rel]
        note: Note = make_note(source, checked[index])
        for name in RESOLVED_FIELDS:
            setattr(note, name, getattr(old, name))
        kb.notes[source.rel] = note
        stamp([note])
    memo.remember(sources, layout, checked, kb, memo.problems)
    memo.reused += 1
    return kb, list(memo.problems)


def _copy(item: Any) -> Any:
    twin = object.__new__(type(item))
    twin.__dict__.update(item.__dict__)
    return twin


def working_copy(kb: KnowledgeBase) -> KnowledgeBase:
    """A knowledge base later stages may change (they set notes' bodies and entities' descriptions
    to their linked text) without changing ``kb``: its notes, notes on talks and entities are
    shallow copies (nothing after loading changes their lists or dicts)."""
    notes: dict[str, Note] = {}
    for path, note in kb.notes.items():
        # cached on the loaded note, so that every working copy has them (sorting the copies of an
        # archive's 21,715 notes computed their keys afresh on each serve rebuild: ~40 ms)
        _ = note.sort_key, note.is_talk
        twin: Note = _copy(note)
        if note.notes:
            twin.notes = [_copy(talk_note) for talk_note in note.notes]
        notes[path] = twin
    entities: dict[str, dict[str, Entity]] = {
        kind: {slug: _copy(entity) for slug, entity in found.items()} for kind, found in kb.entities.items()}
    return KnowledgeBase(root=kb.root, notes=notes, entities=entities)

