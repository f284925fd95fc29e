"""Explicit links: ``[[name]]``, ``[[slug]]``, ``[[kind:slug]]`` and talk titles, resolved to targets."""

from __future__ import annotations

from ..kb.model import KnowledgeBase, Note
from ..kb.names import did_you_mean, fold
from .matcher import NOTE_TARGET_KINDS, Matcher, Target, entity_forms, note_target


class WikiIndex:
    """Resolves ``[[name]]``, ``[[slug]]``, ``[[kind:slug]]`` and talk titles to link targets.

    A name that entities of different kinds share (a speaker and a topic called ``Mariatta``,
    issue 16) resolves to neither: the link must say which, ``[[speaker:mariatta]]``.
    """

    def __init__(self, matcher: Matcher, kb: KnowledgeBase, urls: dict[tuple[str, str], str],
                 claims: bool = False) -> None:
        """``claims`` (serve): also index which notes claim each name, for :meth:`retitled`."""
        self.by_name: dict[str, Target] = {}
        self.names: list[str] = []
        self.shared: dict[str, list[Target]] = {}
        """Folded names claimed by entities of several kinds -> each of them."""
        named: dict[str, dict[tuple[str, str], Target]] = {}
        for entity in kb.all_entities():
            target = matcher.targets.get(entity.key)
            if target is None:
                continue
            slugs = [entity.slug, f"{entity.kind}:{entity.slug}"]
            forms = entity_forms(entity.name, entity.aliases)
            for form in forms:
                named.setdefault(fold(form), {})[target.ident] = target
            for form in [*forms, *slugs]:
                self.by_name.setdefault(fold(form), target)
            self.names.append(entity.name)
        self.shared = {key: list(targets.values()) for key, targets in named.items() if len(targets) > 1}
        for key in self.shared:
            del self.by_name[key]
        self.entity_count = len(self.names)
        self._claims = _Claims() if claims else None
        """Which notes claim each name (serve), kept up to date by :meth:`retitled`."""
        for note in kb.notes.values():
            target = note_target(note, urls)
            for form in _note_forms(note):
                if fold(form) not in self.shared:
                    self.by_name.setdefault(fold(form), target)
            self.names.append(note.title)
            if self._claims is not None:
                self._claims.add(note)

    def retitled(self, kb: KnowledgeBase, urls: dict[tuple[str, str], str], old_titles: dict[str, str]
                 ) -> WikiIndex:
        """Serve: this index for ``kb``, whose notes differ from those it was made from only by the
        titles of ``old_titles`` (path -> title before), as a new index would be (issue 16: making
        the archive's again was ~0.2 s of a rebuild after a title edit). The names those notes'
        old and new titles and their paths fold to go to whatever claims them first now."""
        index = object.__new__(WikiIndex)
        index.by_name, index.shared = dict(self.by_name), self.shared
        index.entity_count = self.entity_count
        index.names = self.names[:self.entity_count] + [note.title for note in kb.notes.values()]
        assert self._claims is not None, "an index made with claims=True"
        index._claims = self._claims.retitled(kb, old_titles)
        names = {fold(title) for title in old_titles.values()}
        for path in old_titles:
            names.update(fold(form) for form in _note_forms(kb.notes[path]))
        names -= self.shared.keys()
        names = {name for name in names if self.by_name.get(name) is None
                 or self.by_name[name].kind in NOTE_TARGET_KINDS}  # an entity's name stays its own
        for name in names:
            index.by_name.pop(name, None)
            first = index._claims.first(name)
            if first is not None:
                index.by_name[name] = note_target(kb.notes[first], urls)
        return index

    def resolve(self, name: str) -> Target | None:
        return self.by_name.get(fold(name))

    def suggest(self, name: str) -> str:
        shared = self.shared.get(fold(name))
        if shared:
            return f"it names both {either(shared)}: write {explicit_links(shared, name)} to say which"
        best = did_you_mean(name, self.names, cutoff=60.0)
        return f"did you mean '[[{best}]]'?" if best else ""


class _Claims:
    """The notes each folded title, path or slug names, in the knowledge base's order, so that a
    title edit finds a name's first claimant without going through every note (issue 16: ~45 ms
    of an archive rebuild when the old title was nobody's any more). Paths and slugs do not change
    while titles alone do, so their lists are shared between rebuilds; titles' are copied when
    changed."""

    def __init__(self) -> None:
        self.position: dict[str, int] = {}
        self.paths: dict[str, list[str]] = {}
        self.titles: dict[str, list[str]] = {}

    def add(self, note: Note) -> None:
        """The next note in the knowledge base's order."""
        self.position[note.path] = len(self.position)
        self.titles.setdefault(fold(note.title), []).append(note.path)
        for form in _note_forms(note)[1:]:
            claimants = self.paths.setdefault(fold(form), [])
            if not claimants or claimants[-1] != note.path:
                claimants.append(note.path)

    def retitled(self, kb: KnowledgeBase, old_titles: dict[str, str]) -> _Claims:
        claims = object.__new__(_Claims)
        claims.position, claims.paths, claims.titles = self.position, self.paths, dict(self.titles)
        for path, old in old_titles.items():
            before = claims.titles.get(fold(old), [])
            claims.titles[fold(old)] = [p for p in before if p != path]
            now = fold(kb.notes[path].title)
            claims.titles[now] = sorted({*claims.titles.get(now, []), path}, key=self.position.__getitem__)
        return claims

    def first(self, name: str) -> str | None:
        """The note that claims ``name`` first, if any."""
        found = [*self.titles.get(name, ()), *self.paths.get(name, ())]
        return min(found, key=self.position.__getitem__) if found else None


def _note_forms(note: Note) -> tuple[str, str, str, str]:
    """The names a ``[[link]]`` to a note may use: its title, path with or without ``.md``, slug."""
    return (note.title, note.path, note.path[: -len(".md")], note.slug)


def either(targets: list[Target]) -> str:
    """``the speaker 'Mariatta' and the topic 'mariatta'``."""
    return " and ".join(f"the {t.kind} '{t.name}'" for t in targets)


def explicit_links(targets: list[Target], shown: str = "") -> str:
    """``[[speaker:mariatta|Mariatta]] or [[topic:mariatta|Mariatta]]``: the links that say which one."""
    text = f"|{shown}" if shown else ""
    return " or ".join(f"[[{t.kind}:{t.key}{text}]]" for t in targets)
