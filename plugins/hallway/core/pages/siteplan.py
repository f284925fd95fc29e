"""The pages of the site and what each shows, as plain data any static-site engine can render.

Each :class:`PageSpec` names its source path (which is also its URL), the template that lays it
out, the Markdown body to render, the repository file behind "Edit this page", and a view model of
plain strings, lists and dicts. Templates must escape what they print (ours use ``autoescape``).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..kb.model import ENTITY_KINDS, KIND_PLURALS, Entity, KnowledgeBase, Note
from ..kb.names import alias_forms, fold
from ..kb.schema import ENTITY_FOLDERS, KIND_TITLES, POSTS_FOLDER, TALKS_FOLDER
from ..markup.sanitize import clean_html
from ..relate.relations import Relations
from .addnotes import Repository, add_notes_url
from .paging import (
    LETTERS_FOLDER,
    PROGRAM_FACTOR,
    TOP_ENTRIES,
    Paging,
    chunks,
    initial,
    letter_label,
    range_label,
)
from .talknotes import notes_label, talk_markdown

HOME_NEWEST = 10
HOME_TOP = 8
LINK_LABELS = {"video": "Video", "slides": "Slides", "event_page": "Event page", "website": "Website",
               "program": "Program page"}


@dataclass
class PageSpec:
    """One page of the site."""

    src_uri: str
    title: str
    template: str
    markdown: str = ""
    edit_path: str | None = None
    abs_src: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    url: str = ""
    """Site-relative URL of the page."""
    own_targets: set[tuple[str, str]] = field(default_factory=set)
    """Link targets that are this page itself: never linked from it."""
    link_mode: str | None = None
    """The note's own ``autolink`` setting, overriding the site's."""


Dep = tuple[str, ...]
"""One input of a page, recorded while it is planned: ``("card", path)``, ``("ref", kind, slug)``,
``("related", path)`` … (``replan.py``)."""


@dataclass
class Reuse:
    """The note and entity pages a serve rebuild keeps from the last plan (``replan.py``)."""

    specs: dict[str, PageSpec]
    deps: dict[str, set[Dep]]
    """What each of them read when it was planned."""
    day_pages: dict[str, list[PageSpec]]
    """The pages planned with a kept page, kept with it: an event page's program days, an entity
    index's letter pages."""
    changed_notes: int


def url_of(src_uri: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a page from its source path, as MkDocs computes it."""
    stem = src_uri[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if directory_urls else stem + ".html"


class SitePlanner:
    """Builds the view models of every page from a loaded knowledge base."""

    def __init__(self, kb: KnowledgeBase, relations: Relations, directory_urls: bool = True,
                 repository: Repository | None = None, paging: Paging | None = None,
                 abstracts: dict[str, str] | None = None) -> None:
        self.kb = kb
        self.paging = paging or Paging()
        """How long a list may grow on one page (``paging.py``)."""
        self.abstracts = {} if abstracts is None else abstracts
        """Each program abstract's HTML by its Markdown: serve keeps it between rebuilds (rendering
        17,500 abstracts of the pyvideo archive took ~15 s of every rebuild)."""
        self.relations = relations
        self.directory_urls = directory_urls
        self.repository = repository
        """Where "Add your notes" opens a new file (issue 14); None: no such link."""
        # Performance (issue 7): at 5,000 talks the pages hold ~50,000 cards and ~150,000 refs, but
        # only 5,000 distinct cards and ~2,000 distinct refs. Building each once made page
        # generation ~4x faster. The shared dicts are read-only: copy (``card | {...}``) to extend.
        self._refs: dict[tuple[str, str], dict[str, Any]] = {}
        self._cards: dict[str, dict[str, Any]] = {}
        self._day_pages: list[PageSpec] = []
        """Pages of a long program's days, made with their event's page."""
        self.day_pages: dict[str, list[PageSpec]] = {}
        """Those days by their event page's source path."""
        self.deps: dict[str, set[Dep]] = {}
        """What each note and entity page read while planned (``replan.py``)."""
        self.kept: set[str] = set()
        """Pages taken as they were from the last plan (``replan.py``)."""
        self._reads: set[Dep] | None = None

    @contextmanager
    def reading(self, src_uri: str, *inputs: Dep) -> Iterator[None]:
        """Record what planning page ``src_uri`` reads (its cards and references, and ``inputs``)."""
        reads = self.deps.setdefault(src_uri, set())
        reads.update(inputs)
        outer, self._reads = self._reads, reads
        try:
            yield
        finally:
            self._reads = outer

    # -- small view pieces ---------------------------------------------------------------------
    def url(self, src_uri: str) -> str:
        return url_of(src_uri, self.directory_urls)

    def ref(self, kind: str, slug: str) -> dict[str, Any]:
        if self._reads is not None:
            self._reads.add(("ref", kind, slug))
        found = self._refs.get((kind, slug))
        if found is None:
            entity = self.kb.entities[kind][slug]
            found = self._refs[(kind, slug)] = {
                "name": entity.name, "url": self.url(entity.page_path), "slug": slug,
                "count": self.relations.count(kind, slug)}
        return found

    def card(self, note: Note) -> dict[str, Any]:
        if self._reads is not None:
            self._reads.add(("card", note.path))
        found = self._cards.get(note.path)
        if found is None:
            found = self._cards[note.path] = self._card(note)
        return found

    def _card(self, note: Note) -> dict[str, Any]:
        return {
            "title": note.title,
            "url": self.url(note.path),
            "date": note.date.isoformat() if note.date else "",
            "year": str(note.date.year) if note.date else "",
            "kind": note.kind,
            "kind_label": note.kind_label,
            "summary": note.summary or "",
            "event": self.ref("event", note.event) if note.event else None,
            "speakers": [self.ref("speaker", s) for s in note.speakers],
        }

    def counted_card(self, note: Note) -> dict[str, Any]:
        """A talk's card in a list of talks, saying how many people's notes it has (issue 14)."""
        return self.card(note) | {"notes_label": notes_label(note.note_count)}

    @staticmethod
    def alias_display(entity: Entity) -> list[str]:
        """Other names as a reader writes them: ``CLA(s)`` shows as ``CLA, CLAs``; no repeats, and
        not the entity's own name."""
        seen = {fold(entity.name)}
        shown: list[str] = []
        for form in (f for alias in entity.aliases for f in alias_forms(alias)):
            if fold(form) not in seen:
                seen.add(fold(form))
                shown.append(form)
        return shown

    @staticmethod
    def links(links: dict[str, str]) -> list[dict[str, str]]:
        return [{"label": LINK_LABELS.get(k, k.replace("_", " ").capitalize()), "url": v}
                for k, v in links.items()]

    # -- pages -----------------------------------------------------------------------------------
    def note_page(self, note: Note) -> PageSpec:
        context = self.card(note) | {
            "type": "note",
            "session": note.session or "",
            "projects": [self.ref("project", s) for s in note.projects],
            "topics": [self.ref("topic", s) for s in note.topics],
            "links": self.links(note.links),
            "source": note.path,
            "related": [self.card(r.note) | {"reason": ", ".join(r.reasons)}
                        for r in self.relations.related.get(note.path, [])],
            "mentioned_in": self.mention_cards("talk" if note.is_talk else "post", note.path),
            "schedule": schedule_facts(note, self.abstracts),
        }
        if note.is_talk:
            context["add_notes_url"] = add_notes_url(self.repository, note.path)
        if note.by:
            context["by"] = self.ref("speaker", note.by)
        markdown = talk_markdown(self.kb, note) if note.is_talk else note.body
        spec = PageSpec(note.path, note.title, "hallway/note.html", markdown, note.path,
                        str(self._abs(note.path)), context)
        spec.own_targets = {("talk" if note.is_talk else "post", note.path)}
        spec.link_mode = note.autolink
        return self._fix_url(spec)

    def mention_cards(self, kind: str, key: str) -> list[dict[str, Any]]:
        return [self.card(m.note) | {"context": m.context}
                for m in self.relations.mentions_of(kind, key)]

    def counted_refs(self, kind: str, pairs: list[tuple[str, int]]) -> list[dict[str, Any]]:
        return [self.ref(kind, slug) | {"count": count} for slug, count in pairs]

    def cooccurrence_sections(self, entity: Entity) -> list[dict[str, Any]]:
        """What an entity is discussed with, by co-occurrence in the same notes."""
        plan = {
            "project": [("topic", "Discussed under topics"), ("project", "Discussed with projects"),
                        ("speaker", "Speakers who discussed it")],
            "speaker": [("speaker", "Co-speakers"), ("event", "Events"), ("topic", "Topics")],
            "topic": [("project", "Projects most discussed"), ("topic", "Related topics"),
                      ("speaker", "Speakers")],
            "event": [("topic", "Topics"), ("project", "Projects")],
        }[entity.kind]
        sections = []
        for kind, title in plan:
            if entity.kind == "speaker" and kind == "speaker":
                pairs = self._co_speakers(entity.slug)
            else:
                pairs = self.relations.cooccurring(entity.key, kind)
            if pairs:
                sections.append({"id": title.lower().replace(" ", "-"), "title": title,
                                 "items": self.counted_refs(kind, pairs)})
        return sections

    def _co_speakers(self, slug: str) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for note in self.relations.notes_for("speaker", slug):
            for other in note.speakers:
                if other != slug:
                    counts[other] = counts.get(other, 0) + 1
        return sorted(counts.items(), key=lambda sc: (-sc[1], sc[0]))[:10]

    def _fix_url(self, spec: PageSpec) -> PageSpec:
        spec.url = self.url(spec.src_uri)
        return spec

    def entity_page(self, entity: Entity) -> PageSpec:
        notes = self.relations.notes_for(entity.kind, entity.slug)
        program = self.program_of(notes) if entity.kind == "event" else []
        if program:
            notes = [n for n in notes if not _in_program(n)]
        talks = [n for n in notes if n.is_talk]
        # An event page lists all its talks (the talks index leads there); the others show the
        # newest and link to a search for the rest (``paging.py``).
        limit = len(talks) if entity.kind == "event" else self.paging.max_cards
        context: dict[str, Any] = {
            "type": "entity",
            "kind": entity.kind,
            "kind_label": KIND_TITLES[entity.kind],
            "name": entity.name,
            "slug": entity.slug,
            "aliases": self.alias_display(entity),
            "homepage": entity.url or "",
            "links": self.links(entity.links),
            "dates": entity.dates or "",
            "location": entity.location or "",
            "talks": [self.counted_card(n) if entity.kind == "event" else self.card(n)
                      for n in talks[:limit]],
            "talks_total": len(talks),
            "talks_more": len(talks) - len(talks[:limit]),
            "posts": [self.card(n) for n in notes if not n.is_talk][: self.paging.max_cards],
            "has_file": entity.path is not None,
            "source": entity.path or "",
            "mentioned_in": self.mention_cards(entity.kind, entity.slug)[: self.paging.max_cards],
            "sections": self.cooccurrence_sections(entity),
            "program": program,
        }
        if entity.kind == "speaker":
            context["written"] = [self.card(n) for n in self.relations.written.get(entity.slug, [])
                                  ][: self.paging.max_cards]
        if entity.kind == "topic":
            context["parent"] = self.ref("topic", entity.parent) if entity.parent else None
            context["children"] = [self.ref("topic", s)
                                   for s in self.relations.topic_children(self.kb, entity.slug)]
        if sum(len(room["talks"]) for day in program for room in day["rooms"]) > \
                self.paging.max_cards * PROGRAM_FACTOR:
            context["program"] = []
            context["program_days"] = self._program_days(entity, program)
        spec = PageSpec(entity.page_path, entity.name, "hallway/entity.html", entity.description,
                        entity.path, str(self._abs(entity.path)) if entity.path else None, context)
        spec.own_targets = {entity.key}
        return self._fix_url(spec)

    def _program_days(self, entity: Entity, program: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A long program (FOSDEM: ~1,000 talks) gets a page per day (``paging.py``); the event page
        links them with their counts."""
        days = []
        for day in program:
            src = f"{entity.page_path[: -len('.md')]}/{day['date'] or 'undated'}.md"
            title = f"{entity.name}: {day['date'] or 'undated'}"
            spec = PageSpec(src, title, "hallway/program-day.html", context={
                "type": "program-day", "name": title, "program": [day],
                "event": self.ref("event", entity.slug)})
            spec.link_mode = "off"
            self._day_pages.append(self._fix_url(spec))
            self.day_pages.setdefault(entity.page_path, []).append(spec)
            days.append({"name": day["date"] or "Undated", "url": spec.url,
                         "count": sum(len(room["talks"]) for room in day["rooms"])})
        return days

    def program_of(self, notes: list[Note]) -> list[dict[str, Any]]:
        """An event's program: by day, then room (or track), each talk by start time; empty when no
        talk of the event has program data."""
        talks = [n for n in notes if n.is_talk and _in_program(n)]
        days: dict[str, dict[str, list[Note]]] = {}
        use_rooms = any(n.room for n in talks)
        for note in talks:
            day = note.date.isoformat() if note.date else ""
            place = (note.room if use_rooms else note.track) or ""
            days.setdefault(day, {}).setdefault(place, []).append(note)
        out = []
        for day in sorted(days, key=lambda d: (d == "", d)):
            rooms = days[day]
            out.append({"date": day, "id": f"program-{day}" if day else "program-undated",
                        "rooms": [{"name": name, "talks": [
                            self.card(n) | {"start": n.start or "", "has_notes": bool(n.body.strip()),
                                            "withdrawn": n.withdrawn}
                            for n in sorted(rooms[name], key=_by_start)]}
                            for name in sorted(rooms, key=lambda r: (r == "", r.casefold()))]})
        return out

    def entity_index(self, kind: str) -> PageSpec:
        return self.entity_indexes(kind)[0]

    def _entity_index_pages(self, kind: str, kept: dict[str, PageSpec]) -> list[PageSpec]:
        """A kind's index pages: the last plan's (serve) while no entity of the kind shows another
        count (they read every reference of the kind; names and addresses change only with entity
        files, which plan everything). Performance (issue 16): ~0.1 s of an archive rebuild, for
        13,000 speakers."""
        src = f"{ENTITY_FOLDERS[kind]}/index.md"
        old = kept.get(src)
        if old is not None:
            return [old, *self.day_pages.get(src, [])]
        with self.reading(src):
            pages = self.entity_indexes(kind)
        for spec in pages:
            spec.link_mode = "off"
            self._fix_url(spec)
        self.day_pages[src] = pages[1:]
        return pages

    def entity_indexes(self, kind: str) -> list[PageSpec]:
        """A kind's index; past ``max_names`` entries, by initial letter (``paging.py``): the index
        lists the letters and the entries with the most notes, and each letter has its pages."""
        folder = ENTITY_FOLDERS[kind]
        items = sorted((self.ref(kind, s) for s in self.kb.entities[kind]),
                       key=lambda r: r["name"].casefold())
        context: dict[str, Any] = {"type": "index", "kind": kind, "heading": KIND_PLURALS[kind],
                                   "entities": items, "total": len(items)}
        index = PageSpec(f"{folder}/index.md", KIND_PLURALS[kind], "hallway/index.html", context=context)
        if len(items) <= self.paging.max_names:
            return [index]
        by_letter: dict[str, list[dict[str, Any]]] = {}
        for item in items:
            by_letter.setdefault(initial(item["name"]), []).append(item)
        letters, pages = [], []
        for letter in sorted(by_letter, key=lambda x: (len(x) > 1, x)):  # a–z, then "other"
            runs = chunks(by_letter[letter], self.paging.max_names)
            parts = []
            for number, run in enumerate(runs, start=1):
                stem = letter if number == 1 else f"{letter}-{number}"
                label = letter_label(letter) + (f" ({range_label(run)})" if len(runs) > 1 else "")
                src = f"{folder}/{LETTERS_FOLDER}/{stem}.md"
                parts.append({"name": label, "url": self.url(src), "count": len(run)})
                heading = f"{KIND_PLURALS[kind]}: {label}"
                pages.append(PageSpec(src, heading, "hallway/index.html", context={
                    "type": "index", "kind": kind, "heading": heading, "entities": run,
                    "total": len(run), "up": {"name": KIND_PLURALS[kind], "url": self.url(index.src_uri)}}))
            letters.append({"name": letter_label(letter), "parts": parts,
                            "count": len(by_letter[letter])})
        context["entities"] = []
        context["letters"] = letters
        context["top"] = sorted(items, key=lambda r: (-r["count"], r["name"].casefold()))[:TOP_ENTRIES]
        return [index, *pages]

    def talks_index(self) -> PageSpec:
        groups: dict[str, list[Note]] = {}
        for note in self.kb.talks:
            groups.setdefault(str(note.date.year) if note.date else "Undated", []).append(note)
        total = sum(len(v) for v in groups.values())
        context: dict[str, Any] = {"type": "talks", "heading": "Talks", "total": total}
        if total <= self.paging.max_cards:
            context["groups"] = [{"label": k, "talks": [self.counted_card(n) for n in v]}
                                 for k, v in groups.items()]
        else:  # by year, then event (``paging.py``); the event pages list the talks
            context["groups"] = [self._events_of(label, notes) for label, notes in groups.items()]
        return PageSpec(f"{TALKS_FOLDER}/index.md", "Talks", "hallway/talks.html", context=context)

    def _events_of(self, label: str, notes: list[Note]) -> dict[str, Any]:
        """A year of the talks index: its events with their counts; talks at no event as cards."""
        counts: dict[str, int] = {}
        loose: list[Note] = []
        for note in notes:
            if note.event:
                counts[note.event] = counts.get(note.event, 0) + 1
            else:
                loose.append(note)
        events = sorted((self.ref("event", e) | {"count": c} for e, c in counts.items()),
                        key=lambda r: r["name"].casefold())
        return {"label": label, "count": len(notes), "events": events,
                "talks": [self.counted_card(n) for n in loose[: self.paging.max_cards]],
                "more": max(0, len(loose) - self.paging.max_cards)}

    def posts_index(self) -> PageSpec:
        posts = [self.card(n) for n in self.kb.posts]
        context = {"type": "talks", "heading": "Write-ups",
                   "groups": [{"label": "", "talks": posts}] if posts else [], "total": len(posts)}
        return PageSpec(f"{POSTS_FOLDER}/index.md", "Write-ups", "hallway/talks.html", context=context)

    def home(self) -> PageSpec:
        # Performance (issue 16): the newest few and two counts, not three sorts of every note
        newest = heapq.nsmallest(HOME_NEWEST, self.kb.notes.values(), key=lambda n: n.sort_key)
        talks = sum(1 for n in self.kb.notes.values() if n.is_talk)
        context = {
            "type": "home",
            "newest": [self.card(n) for n in newest],
            "top_events": [self.ref("event", s) for s, _ in self.relations.top(self.kb, "event", HOME_TOP)],
            "top_topics": [self.ref("topic", s) for s, _ in self.relations.top(self.kb, "topic", HOME_TOP)],
            "counts": {"talks": talks, "posts": len(self.kb.notes) - talks}
            | {KIND_PLURALS[k].lower(): len(self.kb.entities[k]) for k in ENTITY_KINDS},
        }
        return PageSpec("index.md", "Home", "hallway/home.html", context=context)

    def _abs(self, rel: str) -> str:
        return f"{self.kb.root}/{rel}"

    def pages(self, reuse: Reuse | None = None) -> list[PageSpec]:
        """Every page: home, indexes, one per note and one per entity. ``reuse``: note and entity
        pages of the last plan to take as they are (serve, ``replan.py``)."""
        kept = reuse.specs if reuse is not None else {}
        if reuse is not None:
            self.deps.update(reuse.deps)
            self.day_pages.update(reuse.day_pages)
            self.kept = set(kept)
        specs = [self.home(), self.talks_index(), self.posts_index()]
        for spec in specs:
            spec.link_mode = "off"
            self._fix_url(spec)
        for kind in ENTITY_KINDS:
            specs += self._entity_index_pages(kind, kept)
        for note in sorted(self.kb.notes.values(), key=lambda n: n.path):
            old = kept.get(note.path)
            if old is None:
                kind = "talk" if note.is_talk else "post"
                with self.reading(note.path, ("note", note.path), ("related", note.path),
                                  ("mentions", kind, note.path)):
                    old = self.note_page(note)
            specs.append(old)
        for entity in self.kb.all_entities():
            old = kept.get(entity.page_path)
            if old is None:
                with self.reading(entity.page_path, *_entity_inputs(entity)):
                    old = self.entity_page(entity)
            else:
                self._day_pages += self.day_pages.get(entity.page_path, [])
            specs.append(old)
        specs += self._day_pages
        return specs


def _entity_inputs(entity: Entity) -> list[tuple[str, ...]]:
    """The lists an entity page is made from, besides the cards and references it shows."""
    key = entity.key
    inputs = [("declared", *key), ("mentions", *key), ("cooc", *key), ("ref", *key), ("years", *key),
              ("last_year",)]
    if entity.kind == "speaker":
        inputs.append(("written", entity.slug))
    if entity.kind == "event":
        inputs.append(("event", entity.slug))
    return inputs


def _by_start(note: Note) -> tuple[str, str]:
    return (note.start or "99", note.title.casefold())


def _in_program(note: Note) -> bool:
    return bool(note.program or note.start or note.room)


def _end_time(start: str, minutes: int) -> str:
    hours, mins = (int(x) for x in start.split(":"))
    total = (hours * 60 + mins + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


_abstract_converter: Any = None


def _abstract_markdown() -> Any:
    """One Markdown converter for every program abstract (``reset()`` before each): making one per
    abstract cost 0.7 ms each, 3 s of planning at 5,000 talks (issue 16). Imported on first use,
    so that commands which never plan pages start quickly."""
    global _abstract_converter
    if _abstract_converter is None:
        import markdown

        _abstract_converter = markdown.Markdown(extensions=["sane_lists"])
    return _abstract_converter


def program_abstract(note: Note) -> str:
    """A talk's program abstract (Markdown), or ``""``. A program's placeholder abstract ("." or
    "-", seen in FOSDEM-like exports) says nothing: no "Abstract" section holding a dot. The note
    file keeps it as imported."""
    return note.abstract if note.abstract and any(ch.isalnum() for ch in note.abstract) else ""


def abstract_html(text: str) -> str:
    """A program abstract's HTML, sanitised."""
    return clean_html(_abstract_markdown().reset().convert(text))


def schedule_facts(note: Note, abstracts: dict[str, str] | None = None) -> dict[str, Any] | None:
    """What the program says about a talk (time, room, track, language, abstract), or None for a
    note without program data (its page then stays exactly as before)."""
    abstract_text = program_abstract(note)
    if not (note.subtitle or note.start or note.duration or note.room or note.track or note.language
            or abstract_text or note.withdrawn):
        return None
    time = note.start or ""
    if note.start and note.duration:
        time = f"{note.start}–{_end_time(note.start, note.duration)}"
    elif note.duration:
        time = f"{note.duration} min"
    abstract = ""
    if abstract_text:
        known = None if abstracts is None else abstracts.get(abstract_text)
        if known is None:
            known = abstract_html(abstract_text)
            if abstracts is not None:
                abstracts[abstract_text] = known
        abstract = known
    return {"subtitle": note.subtitle or "", "time": time, "room": note.room or "",
            "track": note.track or "", "language": note.language or "", "abstract_html": abstract,
            "withdrawn": note.withdrawn}
