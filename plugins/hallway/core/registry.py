"""Looking up entities by slug, display name or alias, case- and accent-insensitively."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Entity
from .textmatch import did_you_mean, fold


def alias_forms(alias: str) -> list[str]:
    """The forms an alias stands for: ``CLA(s)`` means ``CLA`` and ``CLAs``."""
    if alias.endswith("(s)") and len(alias) > 3:
        stem = alias[:-3]
        return [stem, stem + "s"]
    return [alias]


@dataclass
class Registry:
    """The names of one kind of entity, folded, mapped to the slug that owns each."""

    kind: str
    keys: dict[str, str] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)
    """Folded key -> the file (or slug) that claimed it, to name both sides of a clash."""

    def names_of(self, entity: Entity) -> list[str]:
        names = [entity.slug, entity.name]
        for alias in entity.aliases:
            names.extend(alias_forms(alias))
        return names

    def add(self, entity: Entity) -> list[tuple[str, str]]:
        """Register an entity's names; return ``(name, other owner)`` for each name already taken."""
        clashes: list[tuple[str, str]] = []
        owner = entity.path or entity.slug
        for name in self.names_of(entity):
            key = fold(name)
            taken = self.keys.get(key)
            if taken is not None and taken != entity.slug:
                clashes.append((name, self.owners[key]))
                continue
            self.keys[key] = entity.slug
            self.owners.setdefault(key, owner)
        return clashes

    def lookup(self, reference: str) -> str | None:
        """The slug a front-matter reference resolves to, if any entity claims it."""
        return self.keys.get(fold(reference))

    def near_miss(self, reference: str, names: list[str]) -> str | None:
        """A known name the reference is probably a misspelling of."""
        return did_you_mean(reference, names, cutoff=85.0)
