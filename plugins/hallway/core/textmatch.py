"""Name normalisation and "did you mean" suggestions, shared by validation, references and linking."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process
from slugify import slugify as _slugify


def slugify(text: str) -> str:
    """A stable ASCII slug: ``Tūī Ngata`` -> ``tui-ngata`` (python-slugify does the transliteration)."""
    return str(_slugify(text, lowercase=True, max_length=80, word_boundary=True))


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for matching references to entities.

    Cached: a knowledge base names the same few thousand entities tens of thousands of times.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("’", "'").split())


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 75.0) -> str | None:
    """The closest choice to ``word`` (by rapidfuzz's similarity ratio), if any is close enough."""
    options = list(dict.fromkeys(choices))
    if not options:
        return None
    best = process.extractOne(word, options, scorer=fuzz.ratio, processor=fold, score_cutoff=cutoff)
    return str(best[0]) if best else None


def suggestion(word: str, choices: Iterable[str], cutoff: float = 75.0) -> str:
    """`` — did you mean 'x'?`` text, or an empty string."""
    best = did_you_mean(word, choices, cutoff)
    return f"did you mean '{best}'?" if best else ""
