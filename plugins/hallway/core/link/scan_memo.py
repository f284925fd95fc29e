"""Mention scans of note bodies kept between rebuilds of ``hallway serve``, the costliest part of linking."""

from __future__ import annotations

from dataclasses import dataclass, field

from .matcher import Matcher, lower_form
from .mentions import ScanResult


@dataclass
class ScanMemo:
    """Mention scans of note bodies kept between rebuilds (the costliest part of linking).

    A note's scan depends on its body and on the auto-linker's forms. After an edit, a body is
    scanned again only if it changed, holds a ``[[wikilink]]`` (which may name any title), or
    contains (case-insensitively, as a substring: a superset of whole-word matches) a form that was
    added, removed or re-targeted since the last build, e.g. the old and new title of a renamed talk.
    """

    forms: dict[str, tuple[tuple[str, str, str, str, str], ...]] = field(default_factory=dict)
    changed_forms: set[str] = field(default_factory=set)
    entries: dict[str, tuple[str, int, str, ScanResult]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def begin(self, matcher: Matcher) -> None:
        """Start a build: note which forms changed since the last one."""
        new = matcher.surface_forms()
        self.changed_forms = {k for k in new.keys() | self.forms.keys() if new.get(k) != self.forms.get(k)}
        self.forms = new

    def changed(self, matcher: Matcher, keys: set[str]) -> None:
        """Start a build whose matcher differs from the last one's in the forms ``keys`` only."""
        self.changed_forms = keys
        now = matcher.surface_forms(keys)
        for key in keys:
            if key in now:
                self.forms[key] = now[key]
            else:
                self.forms.pop(key, None)

    def kept(self, path: str, body: str, body_line: int) -> ScanResult | None:
        """The last scan of ``path``'s body when it still holds (else ``None``: scan and :meth:`store`)."""
        entry = self.entries.get(path)
        if (entry is not None and entry[0] == body and entry[1] == body_line and "[[" not in body
                and not any(form in entry[2] for form in self.changed_forms)):
            self.hits += 1
            return entry[3]
        return None

    def store(self, path: str, body: str, body_line: int, result: ScanResult) -> ScanResult:
        """Keep a fresh scan of ``path``'s body."""
        self.misses += 1
        self.entries[path] = (body, body_line, lower_form(body), result)
        return result
