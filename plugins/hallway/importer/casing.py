"""Posts written all in lowercase: their speakers' names are lowercase too.

Some note-takers never reach for the shift key (``btrfs in anger - kate mcintyre``). In such a
post a lowercase name can't be told from a word by its capital letter, so, while the post is
read, :func:`.names.is_name_word` judges each lowercase word as if it were capitalised (``kate`` as
``Kate``); the common words that are never names (``the``, ``dinner``, ``in``) still are none, and
the name is kept as written. A post is written so when it has a good number of words and all but a
few of them (acronyms aside: ``ISO``, ``LCA``) start with a lowercase letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_LOWERCASE_POST: ContextVar[bool] = ContextVar("lowercase_post", default=False)
#: A word of letters that have case (Latin, Greek, Cyrillic…).
_CASED_WORD = re.compile(r"[^\W\d_]+")
#: How many words a post needs before its writer's habit shows, and how many in a hundred may
#: still be capitalised (a product's name, a quotation) in a post written in lowercase.
MIN_WORDS = 30
MAX_CAPITALISED_PER_100 = 3


def writes_in_lowercase(texts: Iterable[str]) -> bool:
    """The lines ``texts`` are written in lowercase: capitals only in acronyms, or hardly ever."""
    words = [w for text in texts for w in _CASED_WORD.findall(text) if w[0].isupper() or w[0].islower()]
    capitalised = sum(1 for w in words if w[0].isupper() and not w.isupper())
    return len(words) >= MIN_WORDS and 100 * capitalised <= MAX_CAPITALISED_PER_100 * len(words)


def lowercase_post() -> bool:
    """The post being read is written in lowercase (:func:`reading_lowercase`)."""
    return _LOWERCASE_POST.get()


@contextmanager
def reading_lowercase(lowercase: bool) -> Iterator[None]:
    """Read a post, its lowercase words judged as names as capitalised ones are when ``lowercase``."""
    token = _LOWERCASE_POST.set(lowercase)
    try:
        yield
    finally:
        _LOWERCASE_POST.reset(token)
