"""Explicit links: ``[[name]]``, ``[[slug]]``, ``[[kind:slug]]`` and talk titles, resolved to targets."""

from __future__ import annotations

from ..kb.model import KnowledgeBase
from ..kb.names import did_you_mean, fold
from .matcher import Matcher, Target, entity_forms, note_target


class WikiIndex:
    """Resolves ``[[name]]``, ``[[slug]]``, ``[[kind:slug]]`` and talk titles to link targets.

    A name that entities of different kinds share (a speaker and a topic called ``Mariatta``,
    issue 16) resolves to neither: the link must say which, ``[[speaker:mariatta]]``.
    """

    def __init__(self, matcher: Matcher, kb: KnowledgeBase, urls: dict[tuple[str, str], str]) -> None:
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
        for note in kb.notes.values():
            target = note_target(note, urls)
            for form in (note.title, note.path, note.path[: -len(".md")], note.slug):
                if fold(form) not in self.shared:
                    self.by_name.setdefault(fold(form), target)
            self.names.append(note.title)

    def resolve(self, name: str) -> Target | None:
        return self.by_name.get(fold(name))

    def suggest(self, name: str) -> str:
        shared = self.shared.get(fold(name))
        if shared:
            return f"it names both {either(shared)}: write {explicit_links(shared, name)} to say which"
        best = did_you_mean(name, self.names, cutoff=60.0)
        return f"did you mean '[[{best}]]'?" if best else ""


def either(targets: list[Target]) -> str:
    """``the speaker 'Mariatta' and the topic 'mariatta'``."""
    return " and ".join(f"the {t.kind} '{t.name}'" for t in targets)


def explicit_links(targets: list[Target], shown: str = "") -> str:
    """``[[speaker:mariatta|Mariatta]] or [[topic:mariatta|Mariatta]]``: the links that say which one."""
    text = f"|{shown}" if shown else ""
    return " or ".join(f"[[{t.kind}:{t.key}{text}]]" for t in targets)
