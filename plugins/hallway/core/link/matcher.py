"""Finding mentions of entity names and aliases in text, in time linear in the text.

One Aho-Corasick automaton (pyahocorasick) holds every name and alias of every entity and every
unambiguous talk title, built once per build. Matching rules:

* whole words only, Unicode-aware: a match must not be preceded or followed by a letter, digit or
  ``_``. A hyphen joined to a letter or digit also continues a word, so ``n3n`` does not match
  inside ``n3n-edge`` and ``VPN`` not inside ``pre-VPN`` (a hyphenated compound names a different
  thing more often than not); ``node_exporter``, ``C++`` and ``Tūī`` match as written.
* forms written in capitals (``CLA``, ``VPN``, ``DCO``) match case-sensitively; all other forms
  case-insensitively. ``CLA(s)`` in an alias also matches the plural ``CLAs``.
* the longest match wins (``Prometheus node_exporter`` before ``Prometheus``), then the leftmost.
* a name claimed by entities of different kinds (a speaker and a topic both called ``Mariatta``)
  is ambiguous (issue 16): front-matter references are typed, but prose is not, so such a mention
  is left unlinked (it still takes its span, so a shorter name inside it is not linked instead) and
  :meth:`Matcher.ambiguous` reports it for ``hallway check --suggest``. Two entities of the same
  kind claiming one name stay an error.
* an entity's name that is one lowercase word and a common English word (``forms``, ``extension``:
  pyvideo's tags) is not auto-linked, unless its file says ``autolink: always`` (issue 16): in
  prose it nearly always means the word, not the topic. Capitalised and multi-word names, and
  aliases (which an author writes to be matched), link as before; ``[[links]]`` always work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import ahocorasick

from ..kb.model import Entity, KnowledgeBase, Note
from ..kb.names import alias_forms, fold
from ..problems import Problem

MIN_TITLE_WORDS = 3
#: A lowercase one-word name at or above this Zipf frequency (wordfreq's English list: log10 of
#: occurrences per billion words, so 3.5 is about once in 300,000 words) is a common word. Measured
#: on the 1,723 lowercase one-word tags of the pyvideo archive: at 3.5 and above they are everyday
#: English or generic (forms 4.73, extension 4.46, tutorial, deployment, keynote, javascript);
#: between 3.0 and 3.5 names of tools mix in (pandas, flask, celery, git, django), which must
#: keep linking. ``debugging`` (2.89) is below: a file with ``autolink: never`` stops it.
COMMON_WORD_ZIPF = 3.5


@lru_cache(maxsize=1 << 14)
def is_common_word(name: str) -> bool:
    """Whether ``name`` is a lowercase one-word name that is a common English word (a pure memo)."""
    if name != name.lower() or len(name.split()) != 1 or "-" in name or not any(c.isalpha() for c in name):
        return False
    from wordfreq import zipf_frequency  # lazy: loading its word list costs ~0.3 s at startup

    return bool(zipf_frequency(name, "en") >= COMMON_WORD_ZIPF)


def links_name(entity: Entity) -> bool:
    """Whether prose mentions of ``entity``'s name become links (its aliases always do)."""
    if entity.autolink != "auto":
        return entity.autolink == "always"
    return not is_common_word(entity.name.strip())


@dataclass(frozen=True)
class Target:
    """Something a mention can link to: an entity (``topic``, ``vpn``) or a note (``talk``, path)."""

    kind: str
    key: str
    name: str
    url: str
    src: str
    """Source path of its page (``topics/vpn.md``), for Markdown links between pages."""
    origin: str
    """The file that declares it (or the note that first referred to it), for error messages."""

    @property
    def ident(self) -> tuple[str, str]:
        return (self.kind, self.key)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    target: Target
    others: tuple[Target, ...] = ()
    """For an ambiguous mention: the other entities (of other kinds) its text names."""


def lower_form(text: str) -> str:
    """Lower-case without changing length, so match offsets stay valid in the original text."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _case_sensitive(form: str) -> bool:
    # In ASCII every cased character is a letter, so str.isupper() False means a lowercase letter
    # or none: most names end here (the letter-by-letter test below was ~0.15 s of a serve rebuild
    # after a title edit). Elsewhere cased non-letters (ⅰ, ⓐ) make the shortcut wrong.
    if form.isascii() and not form.isupper():
        return False
    letters = [ch for ch in form if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


class Matcher:
    """An Aho-Corasick automaton over every surface form, with the rules above."""

    def __init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        self._forms: dict[str, list[tuple[str, Target, bool]]] = {}
        self.targets: dict[tuple[str, str], Target] = {}
        self.problems: list[Problem] = []
        self._ready = False
        self._overlay: ahocorasick.Automaton | None = None
        """Serve, after a title edit (``retitled``): the forms of ``_replaced`` as they are now."""
        self._replaced: frozenset[str] = frozenset()
        """Forms whose entries in ``_automaton`` are out of date: ``_overlay`` has them, if any."""
        self._taken: set[str] = set()
        """Every entity form, folded (a talk title taking one is not matched)."""
        self._titles: dict[str, list[str]] = {}
        """Each folded talk title -> the notes with it (only a title of one note is matched)."""

    def add(self, form: str, target: Target) -> None:
        form = form.strip()
        if len(form) < 2 or not any(_is_word(ch) for ch in form):
            return
        key = lower_form(form)
        entries = self._forms.setdefault(key, [])
        self.targets.setdefault(target.ident, target)
        for other_form, other, _ in entries:
            if other.ident != target.ident and other.kind == target.kind:
                self.problems.append(Problem(
                    target.origin.split(":")[0], _line_of(target.origin), "aliases",
                    f"the name '{form}' is claimed by {_describe(target)} and by {_describe(other)}",
                    f"keep '{form}' on one of them only (remove it from the other's name or aliases)"))
                return
            if other_form == form and other.ident == target.ident:
                return
        entries.append((form, target, _case_sensitive(form)))

    def register(self, target: Target) -> None:
        """Know ``target`` (for ``[[links]]``) even when none of its names is matched in prose."""
        self.targets.setdefault(target.ident, target)

    def build(self) -> Matcher:
        for key, entries in self._forms.items():
            self._automaton.add_word(key, _payload(key, entries))
        if self._forms:
            self._automaton.make_automaton()
        self._ready = True
        return self

    def surface_forms(self, keys: Iterable[str] | None = None
                      ) -> dict[str, tuple[tuple[str, str, str, str, str], ...]]:
        """Every lower-cased form this matcher knows (or those of ``keys`` it knows), with what it
        links to (for change tracking)."""
        chosen = self._forms.items() if keys is None else (
            (key, self._forms[key]) for key in keys if key in self._forms)
        return {key: tuple((form, t.kind, t.key, t.name, t.url) for form, t, _ in entries)
                for key, entries in chosen}

    def find(self, text: str) -> list[Match]:
        """Every non-overlapping whole-word mention in ``text``, longest first, left to right.

        Ambiguous mentions (one name of entities of different kinds) are left out.
        """
        return [match for match in self._candidates(text) if not match.others]

    def ambiguous(self, text: str) -> list[Match]:
        """The mentions :meth:`find` leaves out because their text names entities of several kinds."""
        return [match for match in self._candidates(text) if match.others]

    def _hits(self, lowered: str) -> Iterator[tuple[int, tuple[int, Entries, bool]]]:
        """Every occurrence of a form in ``lowered``: the automaton's, less the forms retitled since,
        and the overlay's (``retitled``)."""
        if not self._replaced:
            yield from self._automaton.iter(lowered)
            return
        replaced = self._replaced
        for end_index, payload in self._automaton.iter(lowered):
            if lowered[end_index - payload[0] + 1:end_index + 1] not in replaced:
                yield end_index, payload
        if self._overlay is not None:
            yield from self._overlay.iter(lowered)

    def _candidates(self, text: str) -> list[Match]:
        if not self._forms:
            return []
        lowered = lower_form(text)
        found: list[Match] = []
        for end_index, (length, entries, several) in self._hits(lowered):
            start, end = end_index - length + 1, end_index + 1
            if not self._boundary(text, start, end):
                continue
            surface = text[start:end]
            if several:
                named = list({target.ident: target for form, target, sensitive in entries
                              if not sensitive or surface == form}.values())
                if named:
                    found.append(Match(start, end, named[0], tuple(named[1:])))
                continue
            for form, target, sensitive in entries:
                if not sensitive or surface == form:
                    found.append(Match(start, end, target))
                    break
        if len(found) < 2:
            return found
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        # Performance (issue 7): mentions seldom overlap; when none does, every one is kept.
        if all(a.end <= b.start for a, b in pairwise(found)):
            return found
        chosen: list[Match] = []
        # Longest match wins among overlapping candidates: scan by start, keep a match unless a
        # longer one overlapping it was kept or comes later within its span.
        for match in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
            if all(match.end <= c.start or match.start >= c.end for c in chosen):
                chosen.append(match)
        return sorted(chosen, key=lambda m: m.start)

    @staticmethod
    def _boundary(text: str, start: int, end: int) -> bool:
        if start > 0 and _is_word(text[start]):
            before = text[start - 1]
            if _is_word(before) or (before == "-" and start > 1 and _is_word(text[start - 2])):
                return False
        if end < len(text) and _is_word(text[end - 1]):
            after = text[end]
            if _is_word(after) or (after == "-" and end + 1 < len(text) and _is_word(text[end + 1])):
                return False
        return True


Entries = tuple[tuple[str, Target, bool], ...]
"""A form's entries: (the form as written, what it links to, whether it matches case-sensitively)."""


def _payload(key: str, entries: list[tuple[str, Target, bool]]) -> tuple[int, Entries, bool]:
    """What the automaton holds for a form: its length, its entries, whether they name several."""
    return (len(key), tuple(entries), len({target.ident for _, target, _ in entries}) > 1)


def _line_of(origin: str) -> int | None:
    parts = origin.rsplit(":", 1)
    return int(parts[1]) if len(parts) == 2 and parts[1].isdigit() else None


def _describe(target: Target) -> str:
    if target.origin.endswith(".md"):
        return target.origin
    return f"{target.kind} '{target.name}' (referenced in {target.origin})"


def entity_forms(name: str, aliases: Iterable[str]) -> list[str]:
    forms = [name]
    for alias in aliases:
        forms.extend(alias_forms(alias))
    return forms


NOTE_TARGET_KINDS = frozenset({"talk", "post"})
"""The kinds of :func:`note_target`'s targets (entities' are their kinds)."""


def note_target(note: Note, url_of: dict[tuple[str, str], str]) -> Target:
    """The link target of a talk or write-up."""
    return Target("talk" if note.is_talk else "post", note.path, note.title, url_of[("note", note.path)],
                  note.path, note.path)


def build_matcher(kb: KnowledgeBase, url_of: dict[tuple[str, str], str]) -> Matcher:
    """The matcher for a knowledge base: every entity's name and aliases, and unambiguous titles."""
    matcher = Matcher()
    taken: set[str] = set()
    for entity in kb.all_entities():
        target = Target(entity.kind, entity.slug, entity.name, url_of[(entity.kind, entity.slug)],
                        entity.page_path, entity.path or entity.first_ref or entity.slug)
        matcher.register(target)
        forms = entity_forms(entity.name, entity.aliases)
        for index, form in enumerate(forms):
            taken.add(fold(form))
            if index == 0 and not links_name(entity):
                continue
            matcher.add(form, target)
    titles: dict[str, list[str]] = {}
    for note in kb.notes.values():
        titles.setdefault(fold(note.title), []).append(note.path)
    for note in kb.notes.values():
        if _title_linked(note.title, titles, taken):
            matcher.add(note.title, note_target(note, url_of))
    matcher._taken, matcher._titles = taken, titles
    return matcher.build()


def _title_linked(title: str, titles: dict[str, list[str]], taken: set[str]) -> bool:
    """Whether prose mentions of a note's title link to it: a title of at least three words that
    no other note has and no entity takes."""
    folded = fold(title)
    return len(titles[folded]) == 1 and folded not in taken and len(title.split()) >= MIN_TITLE_WORDS


#: Past this many forms retitled since the matcher was built, building it again is as quick.
MAX_RETITLED_FORMS = 2000


def retitled(last: Matcher, kb: KnowledgeBase, url_of: dict[tuple[str, str], str],
             old_titles: dict[str, str]) -> tuple[Matcher, set[str]] | None:
    """Serve: the matcher :func:`build_matcher` would make for ``kb``, whose notes differ from those
    ``last`` was built from only by the titles of ``old_titles`` (path -> title before), and the
    forms whose entries changed; ``None`` when building it again is the way (issue 16: building
    the archive's matcher was ~0.6 s of a rebuild after a title edit).

    Only the forms of the old and new titles, and of the titles sharing their folded form, can
    change: those are worked out again as a full build adds them, kept beside the last automaton
    (``_overlay``) and looked up instead of it (``_replaced``).
    """
    folds = {fold(title) for title in old_titles.values()} | {fold(kb.notes[p].title) for p in old_titles}
    titles = dict(last._titles)  # the lists of the folds that move are copied before they change
    titles.update({folded: list(last._titles[folded]) for folded in folds if folded in last._titles})
    for path, old in old_titles.items():
        titles[fold(old)].remove(path)
        if not titles[fold(old)]:
            del titles[fold(old)]
        titles.setdefault(fold(kb.notes[path].title), []).append(path)
    notes = sorted({path for folded in folds for path in titles.get(folded, [])}, key=_order(kb))
    keys = {lower_form(title.strip()) for title in old_titles.values()}
    keys |= {lower_form(kb.notes[path].title.strip()) for path in notes}
    if len(last._replaced | keys) > MAX_RETITLED_FORMS:
        return None
    scratch = Matcher()
    for key in keys:  # the entities' entries first, as a full build adds them
        scratch._forms[key] = [entry for entry in last._forms.get(key, [])
                               if entry[1].kind not in NOTE_TARGET_KINDS]
    scratch.targets = dict(last.targets)
    for path in notes:
        note = kb.notes[path]
        target = note_target(note, url_of)
        scratch.targets.pop(target.ident, None)
        if _title_linked(note.title, titles, last._taken):
            scratch.add(note.title, target)
    if scratch.problems:
        return None
    matcher = Matcher()
    matcher._automaton, matcher._ready = last._automaton, True
    matcher._forms = dict(last._forms)
    for key in keys:
        if scratch._forms[key]:
            matcher._forms[key] = scratch._forms[key]
        else:
            matcher._forms.pop(key, None)
    matcher.targets, matcher.problems = scratch.targets, list(last.problems)
    matcher._taken, matcher._titles = last._taken, titles
    matcher._replaced = last._replaced | keys
    overlay = ahocorasick.Automaton()
    for key in matcher._replaced:
        if key in matcher._forms:
            overlay.add_word(key, _payload(key, matcher._forms[key]))
    if len(overlay):
        overlay.make_automaton()
        matcher._overlay = overlay
    before, after = last.surface_forms(keys), matcher.surface_forms(keys)
    return matcher, {key for key in keys if before.get(key) != after.get(key)}


def _order(kb: KnowledgeBase) -> Callable[[str], int]:
    order = {path: index for index, path in enumerate(kb.notes)}
    return order.__getitem__
