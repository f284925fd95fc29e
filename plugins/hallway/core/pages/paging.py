"""Long lists split so that no page grows with the archive (issue 16).

At 21,570 talks one list of every talk was a 9 MB page and the speakers index (13,000 names) 1.1 MB.
A list longer than its limit is split, and every note stays a few clicks from its index:

- the talks index lists years, each with its events and their counts (an event page lists its
  talks): talks index → event → talk;
- a year page lists its events with counts instead of every talk;
- a speaker, event, project or topic index lists initial letters with counts, plus the entries with
  the most notes; a letter's page lists its entries (a letter with more than the limit is cut into
  several pages, named by the first and last entry);
- a speaker, project or topic page shows its newest talks and links to a search for all of them;
- an event whose program holds more than :data:`PROGRAM_FACTOR` times the card limit (FOSDEM's
  ~1,000 talks) links a page per day instead (``events/<slug>/<date>/``).

Below the limits (every small site) pages stay as they are. The limits are options of the
``hallway`` plugin in mkdocs.yml (``max_cards_per_page``, ``max_names_per_page``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..kb.names import fold

LETTERS_FOLDER = "letter"
"""Letter pages live in ``<kind folder>/letter/``: no entity page can be there (slugs have no ``/``)."""
OTHER = "other"
PROGRAM_FACTOR = 3
"""A program line (time, title, speakers) is about a third of a card."""
TOP_ENTRIES = 30
"""A split index shows this many entries with the most notes above its letters."""


@dataclass(frozen=True)
class Paging:
    """How long a list may grow on one page."""

    max_cards: int = 200
    """Talk cards (~600–900 bytes each in HTML): 200 keep a page under ~200 KB."""
    max_names: int = 1500
    """Names with a count in an index (~100 bytes each)."""


def initial(name: str) -> str:
    """The letter an entry is filed under: ``a``–``z`` (accents folded), else :data:`OTHER`."""
    first = fold(name)[:1]
    return first if "a" <= first <= "z" else OTHER


def letter_label(letter: str) -> str:
    return "Other" if letter == OTHER else letter.upper()


def chunks(items: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    """``items`` cut into runs of at most ``size``."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def range_label(items: list[dict[str, Any]]) -> str:
    """``Ja–Jo``: where a run of sorted names starts and ends (first two letters of each)."""
    first, last = items[0]["name"][:2], items[-1]["name"][:2]
    return first if fold(first) == fold(last) else f"{first}–{last}"
