"""Names: folding, slugs, "did you mean", and looking entities up by slug, display name or alias.

Every stage that reads a name (validation, references, linking, search, import, ``hallway new``)
goes through this module, so a name means the same thing everywhere.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from slugify import slugify as _slugify

from .model import Entity


@lru_cache(maxsize=1 << 18)
def slugify(text: str) -> str:
    """A stable ASCII slug: ``Tūī Ngata`` -> ``tui-ngata`` (python-slugify does the transliteration).

    Cached: every serve rebuild slugs each entity file's name again (17,000 at the archive)."""
    return str(_slugify(text, lowercase=True, max_length=80, word_boundary=True))


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for matching references to entities.

    Cached: a knowledge base names the same few thousand entities tens of thousands of times. The
    cache holds every name, title and path of a 20,000-talk archive (~150,000): when it held fewer,
    each serve rebuild folded them all again (a least-recently-used cache read in a cycle larger
    than itself always misses: 2 s of a profiled rebuild). A one-off build empties it
    (``build/memory.py``).
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("’", "'").split())


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Each character Unicode lists as confusable -> one representative of its look-alike class.

    From confusable_homoglyphs' copy of Unicode's confusables.txt (UTS #39). Its table is not
    symmetric (``l`` lists ``I``, ``I`` lists only ``l``), so the classes are joined (union-find)
    and each is represented by its lowest code point.
    """
    from confusable_homoglyphs import confusables  # lazy: only new names need it; CLI starts faster

    parent: dict[str, str] = {}

    def find(char: str) -> str:
        root = char
        while parent.get(root, root) != root:
            root = parent[root]
        while char != root:
            parent[char], char = root, parent.get(char, char)
        return root

    for char, glyphs in confusables.confusables_data.items():
        for glyph in glyphs:
            other = glyph["c"].strip("\u200e")
            if len(char) == 1 and len(other) == 1:
                first, second = sorted((find(char), find(other)))
                parent[second] = first
    return {char: find(char) for char in parent}


@lru_cache(maxsize=1 << 18)
def skeleton(text: str) -> str:
    """What ``text`` looks like: look-alike characters (Cyrillic а, Latin a; I, l) made the same.

    Case is kept (``I`` and ``l`` are look-alikes only because case is), accents are dropped.
    """
    table = _prototypes()
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()))
    return "".join(table.get(ch, ch) for ch in decomposed if not unicodedata.combining(ch))


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 75.0) -> str | None:
    """The closest choice to ``word`` (by rapidfuzz's similarity ratio), if any is close enough."""
    options = list(dict.fromkeys(choices))
    if not options:
        return None
    from rapidfuzz import fuzz, process  # lazy: only a mistake needs it; `hallway search` starts faster

    best = process.extractOne(word, options, scorer=fuzz.ratio, processor=fold, score_cutoff=cutoff)
    return str(best[0]) if best else None


def suggestion(word: str, choices: Iterable[str], cutoff: float = 75.0) -> str:
    """`` — did you mean 'x'?`` text, or an empty string."""
    best = did_you_mean(word, choices, cutoff)
    return f"did you mean '{best}'?" if best else ""


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
