"""Suggestions for tidying a note before a pull request (``hallway check --suggest``).

Three kinds: entities the prose mentions that the front-matter does not list, names written
slightly differently from the entity's own spelling (``Wireguard`` for ``WireGuard``, or a typo
such as ``Promethus``), mentions left unlinked because entities of different kinds share the
name (a speaker and a topic called ``Mariatta``, issue 16), with the explicit link that picks one,
and the series an event file without ``series:`` was put in from its name (so that a wrong guess
can be corrected). Suggestions never fail a check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process

from ..kb.model import ENTITY_KINDS, NOTE_REF_FIELDS, KnowledgeBase, Note
from ..kb.names import fold
from ..link.matcher import Matcher, entity_forms
from ..link.mentions import _mask, prose_lines
from ..link.timestamps import duration_of, link_timestamps
from ..link.wikilinks import either, explicit_links
from ..pages.site import Site
from ..relate.timeline import build_timeline

_TOKEN = re.compile(r"[^\W_][\w.+#-]*[\w+#]|[^\W_]{2,}")
NEAR_MISS_CUTOFF = 88.0


@dataclass(frozen=True, order=True)
class Suggestion:
    """One suggestion for one note, located by line."""

    path: str
    line: int
    message: str

    def format(self) -> str:
        return f"{self.path}:{self.line}: suggest: {self.message}"


def _spellings(kb: KnowledgeBase) -> dict[str, str]:
    """Folded single-word and two-word names -> their proper spelling."""
    names: dict[str, str] = {}
    for entity in kb.all_entities():
        if entity.path is None and entity.kind == "speaker":
            continue
        for form in entity_forms(entity.name, entity.aliases):
            if len(form.split()) <= 2 and len(form) >= 4:
                names.setdefault(fold(form), form)
    return names


def suggestions(site: Site) -> list[Suggestion]:
    """Every suggestion for every note of the site."""
    kb = site.kb
    spellings = _spellings(kb)
    choices = list(spellings)
    found: list[Suggestion] = []
    for note in sorted(kb.notes.values(), key=lambda n: n.path):
        declared = {(kind, slug) for kind in ENTITY_KINDS for slug in note.refs(kind)}
        reported: set[tuple[str, str]] = set()
        known_surfaces: set[str] = set()  # folded words of names the matcher already found
        for mention in site.mentions.get(note.path, []):
            target = mention.target
            known_surfaces.update(fold(mention.surface).split())
            if target.kind in ENTITY_KINDS and target.ident not in declared and target.ident not in reported:
                reported.add(target.ident)
                found.append(Suggestion(note.path, mention.line,
                                        f"'{target.name}' is mentioned but not listed — add it to "
                                        f"{NOTE_REF_FIELDS[target.kind]}:"))
            if mention.surface and not mention.explicit and target.kind in ENTITY_KINDS:
                entity = kb.entities[target.kind][target.key]
                forms = entity_forms(entity.name, entity.aliases)
                # Only names with their own capitals have a spelling to keep ('WireGuard');
                # 'containers' written 'Containers' at the start of a sentence is fine.
                if mention.surface not in forms and _has_spelling(entity.kind, entity.name,
                                                                  mention.surface):
                    found.append(Suggestion(note.path, mention.line,
                                            f"'{mention.surface}' is written '{entity.name}' "
                                            f"elsewhere — use that spelling"))
        found.extend(_near_misses(note.path, note.body, note.body_line, spellings, choices,
                                  known_surfaces))
        found.extend(_late_timestamps(note))
        found.extend(_ambiguous(note, site.matcher, declared))
    found.extend(series_suggestions(site))
    return sorted(set(found))


def _ambiguous(note: Note, matcher: Matcher, declared: set[tuple[str, str]]) -> list[Suggestion]:
    """Mentions left unlinked because their name is shared by entities of different kinds."""
    found: list[Suggestion] = []
    seen: set[str] = set()
    for index, line in prose_lines(note.body):
        for match in matcher.ambiguous(_mask(line)):
            surface = line[match.start:match.end]
            if fold(surface) in seen:
                continue
            seen.add(fold(surface))
            targets = [match.target, *match.others]
            listed = [t for t in targets if t.ident in declared]
            pick = listed if len(listed) == 1 else targets
            found.append(Suggestion(note.path, note.body_line + index,
                                    f"'{surface}' names both {either(targets)}, so it is not linked "
                                    f"— write {explicit_links(pick, surface)} to link it"))
    return found


def _late_timestamps(note: Note) -> list[Suggestion]:
    """Timestamps past the end of the talk's video, in its own notes and everyone else's (issue 14)."""
    duration = duration_of(note)
    if duration is None:
        return []
    video = note.links.get("video")
    found: list[Suggestion] = []
    for path, body, line in [(note.path, note.body, note.body_line),
                             *((t.path, t.body, t.body_line) for t in note.notes)]:
        for late in link_timestamps(body, video, line, duration).out_of_range:
            found.append(Suggestion(path, late.line,
                                    f"{late.text} is past the end of the video "
                                    f"({duration // 60}:{duration % 60:02d}) — check the time"))
    return found


def series_suggestions(site: Site) -> list[Suggestion]:
    """Each event file without ``series:`` that was put in a series by its name: which one."""
    timeline = build_timeline(site.kb, site.relations)
    found = []
    for event in site.kb.entities["event"].values():
        slug = timeline.series_of.get(event.slug)
        if event.path is None or event.series is not None or slug is None:
            continue
        series = timeline.series[slug]
        others = [e.event for e in series.editions if e.event != event.slug]
        together = f" with {', '.join(others[:3])}{', …' if len(others) > 3 else ''}" if others else ""
        found.append(Suggestion(event.path, 1,
                                f"series '{slug}' ({series.name}) was inferred from the name{together}"
                                f" — add 'series: {slug}' to keep it, or name another series"))
    return found


def _has_spelling(kind: str, name: str, surface: str) -> bool:
    """Whether writing ``surface`` for ``name`` loses a spelling worth keeping."""
    internal_capitals = any(ch.isupper() for ch in name[1:])
    proper_noun = kind != "topic" and name[:1].isupper() and surface[:1].islower()
    return internal_capitals or proper_noun


def _name_like(word: str) -> bool:
    return word[0].isupper() or any(ch.isdigit() or ch == "_" for ch in word)


def _near_misses(path: str, body: str, first_line: int, spellings: dict[str, str],
                 choices: list[str], known: set[str]) -> list[Suggestion]:
    singles = [c for c in choices if " " not in c]
    pairs = [c for c in choices if " " in c]
    out: list[Suggestion] = []
    seen: set[str] = set()
    for index, line in prose_lines(body):
        words = _TOKEN.findall(line)
        grams: list[tuple[str, ...]] = [(w,) for w in words] + list(pairwise(words))
        for gram_words in grams:
            if any(fold(w) in known or fold(w) in spellings or not _name_like(w) for w in gram_words):
                continue
            gram = " ".join(gram_words)
            folded = fold(gram)
            if len(folded) < 4 or folded in seen:
                continue
            pool = singles if len(gram_words) == 1 else pairs
            best = process.extractOne(folded, pool, scorer=fuzz.ratio, score_cutoff=NEAR_MISS_CUTOFF)
            if best is None:
                continue
            seen.add(folded)
            out.append(Suggestion(path, first_line + index,
                                  f"'{gram}' looks like '{spellings[best[0]]}' — did you mean it?"))
    return out
