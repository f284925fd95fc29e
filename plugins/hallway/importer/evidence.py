"""What the knowledge base already knows that helps read headings: its speakers and talks.

A heading's speaker side is more believable when it names a speaker the knowledge base already
has (by name or alias, ignoring case and accents). When the event already has talk files (from an
imported program, or earlier notes), a heading is matched to them fuzzily with rapidfuzz, and the
import takes that talk's exact title and speakers. Built from the loaded knowledge base, so it
works for any talk files, whatever wrote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from ..core.kb.model import KnowledgeBase
from ..core.kb.names import fold

#: How alike (0-100) a heading and a known talk title must be to be the same talk.
TITLE_CUTOFF = 88.0
#: A heading that holds the title and more (a speaker, a track) still matches at this partial score.
PARTIAL_CUTOFF = 95.0
#: Titles this alike are the same title (for lines not read as headings).
EXACT = 97.0
#: Known talks of one title looked at when a heading's title matches several.
MAX_TIED_TITLES = 10


@dataclass(frozen=True)
class KnownTalk:
    """A talk of the event already in the knowledge base."""

    title: str
    speakers: tuple[str, ...]
    path: str
    kind: str
    has_notes: bool
    """Its file has a body (notes someone wrote), not only front-matter (a program's record)."""


@dataclass
class Evidence:
    """Speakers and (per event) talks of the knowledge base, folded for matching."""

    speakers: set[str] = field(default_factory=set)
    talks: dict[str, list[KnownTalk]] = field(default_factory=dict)
    event: str | None = None
    """The event slug the talks of :meth:`match_talk` are taken from."""

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> Evidence:
        evidence = cls()
        speakers = kb.entities.get("speaker", {})
        for entity in speakers.values():
            evidence.speakers.add(fold(entity.name))
            evidence.speakers.update(fold(alias) for alias in entity.aliases)
        for note in kb.notes.values():
            if not note.is_talk or not note.event:
                continue
            names = tuple(speakers[s].name if s in speakers else s for s in note.speakers)
            evidence.talks.setdefault(note.event, []).append(
                KnownTalk(note.title, names, note.path, note.kind, bool(note.body.strip())))
        return evidence

    def for_event(self, event: str | None) -> Evidence:
        """The same evidence, matching talks of ``event`` only."""
        return Evidence(self.speakers, self.talks, event)

    def known_speaker(self, name: str) -> bool:
        return fold(name) in self.speakers

    def add_speaker(self, name: str) -> None:
        self.speakers.add(fold(name))

    def event_talks(self) -> list[KnownTalk]:
        return self.talks.get(self.event or "", [])

    def match_talk(self, text: str, speakers: tuple[str, ...] = (), exact_only: bool = False,
                   generic: bool = False) -> KnownTalk | None:
        """The known talk of this event that ``text`` (a heading, or its title part) names.

        When both name speakers, they must share one. ``exact_only``: only a (nearly) identical,
        unambiguous title, for lines not read as headings at all. ``generic``: a title such as
        ``Keynote`` or ``Lightning talks`` matches only by its speakers.
        """
        talks = self.event_talks()
        if not talks or not text.strip():
            return None
        titles = [t.title for t in talks]
        wanted = {fold(s) for s in speakers}
        if generic:  # "Jane Doe's keynote": the one (keynote) talk of the event by these speakers
            by_them = [t for t in talks if wanted and wanted & {fold(s) for s in t.speakers}]
            if len(by_them) > 1:
                by_them = [t for t in by_them if t.kind != "talk"]
            return by_them[0] if len(by_them) == 1 else None
        near = process.extract(text, titles, scorer=fuzz.ratio, processor=default_process,
                               score_cutoff=EXACT if exact_only else TITLE_CUTOFF, limit=MAX_TIED_TITLES)
        if len(near) > 1 and near[0][1] == near[1][1]:
            if wanted:  # one title, several talks: the one by these speakers
                near = [n for n in near if wanted & {fold(s) for s in talks[n[2]].speakers}]
            else:  # a heading naming no one: the one talk without speakers (imported from it before)
                near = [n for n in near if n[1] == near[0][1] and not talks[n[2]].speakers]
                if len(near) != 1:
                    return None  # (which of them it is, the title cannot say)
        if exact_only:
            return talks[near[0][2]] if len(near) == 1 else None
        best = near[0] if near else None
        if best is None and len(default_process(text)) >= 12:
            # the heading holds a known title and more ("Title – Speaker" read as one title)
            best = process.extractOne(text, titles, scorer=fuzz.partial_ratio,
                                      processor=default_process, score_cutoff=PARTIAL_CUTOFF)
            if best is not None and not 12 <= len(default_process(titles[best[2]])) <= len(
                    default_process(text)):
                best = None
        whole = bool(near) and best is not None and best == near[0]
        if best is not None and not _numbers_agree(text, titles[best[2]], whole):
            best = None  # "Second talk 1000" is not "Second talk 100": numbers are never fuzzy
        if best is not None:
            found = talks[best[2]]
            others = {fold(s) for s in found.speakers}
            if not wanted or not others or wanted & others:
                return found  # the same title by other speakers is another talk
        return None


_NUMBER = re.compile(r"\d+")


def _numbers_agree(text: str, title: str, whole: bool) -> bool:
    """Whether the numbers of a heading and a known title agree: the same ones in the same order for
    a whole-title match, the title's among the heading's when the heading holds the title and more."""
    mine, theirs = _NUMBER.findall(text), _NUMBER.findall(title)
    return mine == theirs if whole else all(number in mine for number in theirs)
