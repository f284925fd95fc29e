"""Which notes relate to which entities, computed once per load in time linear in the references."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .model import ENTITY_KINDS, KnowledgeBase, Note


@dataclass
class Relations:
    """Declared relations: for each entity, the notes that list it in their front-matter."""

    declared: dict[tuple[str, str], list[Note]] = field(default_factory=lambda: defaultdict(list))

    def notes_for(self, kind: str, slug: str) -> list[Note]:
        """Notes that declare the entity, newest first."""
        return self.declared.get((kind, slug), [])

    def count(self, kind: str, slug: str) -> int:
        return len(self.notes_for(kind, slug))

    def top(self, kb: KnowledgeBase, kind: str, limit: int) -> list[tuple[str, int]]:
        """The entities of ``kind`` with the most talks, as ``(slug, count)``."""
        counts = Counter({slug: sum(1 for n in self.notes_for(kind, slug) if n.is_talk)
                          for slug in kb.entities[kind]})
        ranked = sorted(((s, c) for s, c in counts.items() if c),
                        key=lambda sc: (-sc[1], kb.entities[kind][sc[0]].name.casefold()))
        return ranked[:limit]

    def topic_children(self, kb: KnowledgeBase, slug: str) -> list[str]:
        return sorted((t.slug for t in kb.entities["topic"].values() if t.parent == slug),
                      key=lambda s: kb.entities["topic"][s].name.casefold())


def build_relations(kb: KnowledgeBase) -> Relations:
    """Index every note under each entity it declares."""
    relations = Relations()
    for note in sorted(kb.notes.values(), key=lambda n: n.sort_key):
        for kind in ENTITY_KINDS:
            for slug in note.refs(kind):
                relations.declared[(kind, slug)].append(note)
    return relations
