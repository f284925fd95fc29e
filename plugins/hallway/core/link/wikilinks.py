"""Explicit links: ``[[name]]``, ``[[slug]]``, ``[[kind:slug]]`` and talk titles, resolved to targets."""

from __future__ import annotations

from ..kb.model import KnowledgeBase
from ..kb.names import did_you_mean, fold
from .matcher import Matcher, Target, entity_forms, note_target


class WikiIndex:
    """Resolves ``[[name]]``, ``[[slug]]``, ``[[kind:slug]]`` and talk titles to link targets."""

    def __init__(self, matcher: Matcher, kb: KnowledgeBase, urls: dict[tuple[str, str], str]) -> None:
        self.by_name: dict[str, Target] = {}
        self.names: list[str] = []
        for entity in kb.all_entities():
            target = matcher.targets.get(entity.key)
            if target is None:
                continue
            slugs = [entity.slug, f"{entity.kind}:{entity.slug}"]
            for form in [*entity_forms(entity.name, entity.aliases), *slugs]:
                self.by_name.setdefault(fold(form), target)
            self.names.append(entity.name)
        for note in kb.notes.values():
            target = note_target(note, urls)
            for form in (note.title, note.path, note.path[: -len(".md")], note.slug):
                self.by_name.setdefault(fold(form), target)
            self.names.append(note.title)

    def resolve(self, name: str) -> Target | None:
        return self.by_name.get(fold(name))

    def suggest(self, name: str) -> str:
        best = did_you_mean(name, self.names, cutoff=60.0)
        return f"did you mean '[[{best}]]'?" if best else ""
