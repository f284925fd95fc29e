"""One build of a knowledge base, engine-neutral: load, link, relate, plan pages, finish HTML."""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from functools import partial
from pathlib import Path

from ..kb.loader import load
from ..kb.model import KnowledgeBase
from ..link.matcher import Matcher, Target, build_matcher, retitled
from ..link.mentions import Mention, ScanResult, relative_src, scan
from ..link.timestamps import duration_of, link_timestamps
from ..link.wikilinks import WikiIndex
from ..pages.abstracts_beside import abstracts_beside
from ..pages.addnotes import Repository, repository
from ..pages.graphs import GraphPlanner
from ..pages.paging import Paging
from ..pages.redirects import Redirect, plan_redirects
from ..pages.replan import LastPlan, reusable
from ..pages.searchpage import SEARCH_PAGE, plan_search, search_page
from ..pages.site import Site
from ..pages.siteplan import PageSpec, Reuse, SitePlanner, url_of
from ..pages.years import YearsPlanner
from ..problems import Problem
from ..profile import Profile
from ..relate.relations import Relations, build_relations
from ..relate.timeline import Timeline, build_timeline
from .cache import BuildCache


def _link_from(src: str, target: Target) -> str:
    return relative_src(src, target.src)


def build_site(root: Path | str, directory_urls: bool = True,
               autolink: str = "first",
               cache: BuildCache | None = None,
               profile: Profile | None = None,
               repo_url: str | None = None, edit_uri: str | None = None,
               say: Callable[[str], None] | None = None,
               say_from: int = 2000, paging: Paging | None = None,
               parallel_read: bool = False,
               changed_paths: Collection[str] | None = None) -> tuple[Site, list[Problem]]:
    """Load the knowledge base at ``root``, find mentions and relations, and plan its site.

    ``cache`` (kept by ``hallway serve`` between rebuilds) spares re-reading unchanged files and
    re-scanning notes the edit cannot have changed (see ``core/build/changes.py``). ``profile``
    receives the time of each stage. ``repo_url`` and ``edit_uri`` (the site's repository) give
    talk pages their "Add your notes" link. ``say`` receives a line as each stage of a large
    knowledge base (``say_from`` notes and entities or more) ends (issue 16: minutes of silence
    look like a hang). ``parallel_read``: a large knowledge base may be read by two processes (a
    one-off build on a machine where the caller may fork: ``kb/parallel_read.py``).
    ``changed_paths``: with a ``cache``, the absolute paths a file watcher saw change since the
    last build (``None``: not known, so every folder is walked).
    """
    profile = profile or Profile()
    started = time.perf_counter()
    with profile.stage("loading"):
        kb, problems = load(root, cache.files if cache else None, parallel=parallel_read,
                            memo=cache.loaded if cache else None, changed=changed_paths)
    entities = sum(len(e) for e in kb.entities.values())
    report = say if say is not None and len(kb.notes) + entities >= say_from else None
    if report is not None:
        report(f"read {len(kb.notes):,} notes and {entities:,} entities in "
               f"{time.perf_counter() - started:.1f} s")
    # A one-off build of a large program: its abstracts are converted beside linking and relating
    beside = abstracts_beside(kb) if parallel_read else None
    try:
        return _link_and_plan(kb, problems, directory_urls, autolink, cache, profile,
                              repository(repo_url, edit_uri), report, paging,
                              beside.html if beside is not None else None)
    finally:
        if beside is not None:
            beside.close()


def _link_and_plan(kb: KnowledgeBase, problems: list[Problem], directory_urls: bool,
                   autolink: str, cache: BuildCache | None, profile: Profile,
                   repo: Repository | None = None,
                   say: Callable[[str], None] | None = None,
                   paging: Paging | None = None,
                   abstracts: dict[str, str] | None = None) -> tuple[Site, list[Problem]]:
    linking_started = time.perf_counter()
    urls = _Urls(kb, directory_urls)
    names = _link_inputs(kb, directory_urls) if cache is not None else None
    last = cache.linker if cache is not None else None
    retitles = _retitles(last[0], names) if last is not None and names is not None else None
    if cache is not None and last is not None and retitles == {}:
        # serve: no name, alias, title or address changed (a body edit): the same matcher and
        # wiki-link index (rebuilding them was ~0.5 s of an archive rebuild), so no form changed
        _, matcher, wiki = last
        cache.scans.changed_forms = set()
    elif (cache is not None and last is not None and names is not None and retitles
          and (patched := retitled(last[1], kb, urls, retitles)) is not None):
        # serve: only notes' titles changed: the matcher and index are patched (matcher.retitled)
        matcher, changed_forms = patched
        wiki = last[2].retitled(kb, urls, retitles)
        cache.linker = (names, matcher, wiki)
        cache.scans.changed(matcher, changed_forms)
    else:
        matcher = build_matcher(kb, urls)
        # serve: the index also keeps which notes claim each name, for title edits (retitled)
        wiki = WikiIndex(matcher, kb, urls, claims=cache is not None)
        if cache is not None and names is not None:
            cache.linker = (names, matcher, wiki)
            cache.scans.begin(matcher)
    problems.extend(matcher.problems)
    mentions: dict[str, list[Mention]] = {}
    def scanned(path: str, body: str, body_line: int, page: str) -> ScanResult:
        """The memo's scan first: setting up a scan for each of an archive's 21,715 notes, most of
        them kept, was ~20 ms of a serve rebuild."""
        found = cache.scans.kept(path, body, body_line) if cache else None
        if found is None:
            found = scan(body, path, body_line, matcher, wiki.resolve, partial(_link_from, page),
                         wiki.suggest)
            if cache:
                cache.scans.store(path, body, body_line, found)
        return found

    for note in kb.notes.values():
        result = scanned(note.path, note.body, note.body_line, note.path)
        note.body = result.markdown
        # A note that turns linking off also opts out of implicit mentions (its prose matches
        # were judged noise); its explicit [[links]] still count.
        mode = note.autolink or autolink
        # The scan's own list where every mention counts: a note scanned as in the last build has
        # the very same list, which later stages take as "its mentions did not change" (serve).
        mentions[note.path] = result.mentions if mode != "off" else [m for m in result.mentions if m.explicit]
        problems.extend(result.problems)
        video, duration = note.links.get("video"), duration_of(note)
        note.body = link_timestamps(note.body, video, note.body_line, duration).markdown
        # More people's notes on the talk (issue 14): rendered on the talk's page, so their
        # links are relative to it and their mentions are the talk's.
        for talk_note in note.notes:
            found = scanned(talk_note.path, talk_note.body, talk_note.body_line, note.path)
            talk_note.body = link_timestamps(found.markdown, video, talk_note.body_line, duration).markdown
            mentions[note.path] = mentions[note.path] + [m for m in found.mentions
                                                         if m.explicit or mode != "off"]
            problems.extend(found.problems)
    for entity in kb.all_entities():
        if "[[" in entity.description and entity.path:
            result = scan(entity.description, entity.path, entity.body_line, Matcher().build(),
                          wiki.resolve, partial(_link_from, entity.page_path), wiki.suggest)
            entity.description = result.markdown
            problems.extend(result.problems)
    profile.add("linking", time.perf_counter() - linking_started)
    if say is not None:
        say(f"found {sum(len(m) for m in mentions.values()):,} mentions in "
            f"{time.perf_counter() - linking_started:.1f} s")
    planning_started = time.perf_counter()
    with profile.stage("relations"):
        relations = build_relations(kb, mentions, cache.text if cache else None)
    with profile.stage("page generation"):
        timeline = build_timeline(kb, relations, cache.plan.timeline if cache and cache.plan else None)
        key = (directory_urls, paging or Paging(), repo, autolink)
        # serve: the pages of the last plan this edit cannot have changed are kept (replan.py)
        reuse = reusable(cache.plan, key, kb, relations, timeline, mentions) if cache else None
        planner, pages, redirects = plan_pages(kb, relations, timeline, directory_urls, repo, paging,
                                               cache.abstracts if cache else abstracts, reuse, problems,
                                               profile)
    if say is not None:
        say(f"related the talks and planned {len(pages):,} pages in "
            f"{time.perf_counter() - planning_started:.1f} s")
    problems.sort(key=lambda p: (p.path, p.line or 0))
    site = Site(kb, relations, pages, matcher, mentions, autolink, timeline=timeline)
    site.redirects = redirects
    site.kept = planner.kept
    site.replanned = reuse is not None
    if cache is not None:
        site.plan = LastPlan(key, kb, relations, timeline, mentions,
                             {src: site.specs[src] for src in planner.deps if src in site.specs},
                             planner.deps, planner.day_pages)
    return site, problems


def plan_pages(kb: KnowledgeBase, relations: Relations, timeline: Timeline, directory_urls: bool,
               repo: Repository | None, paging: Paging | None, abstracts: dict[str, str] | None,
               reuse: Reuse | None, problems: list[Problem], profile: Profile
               ) -> tuple[SitePlanner, list[PageSpec], list[Redirect]]:
    """Every page of a linked and related knowledge base (``reuse``: those kept from the last plan
    of a serve session are taken as they are), and its redirects."""
    planner = SitePlanner(kb, relations, directory_urls, repo, paging, abstracts)
    pages = planner.pages(reuse)
    pages += YearsPlanner(planner, timeline).pages(pages)
    pages += GraphPlanner(planner, timeline).pages()
    redirects, redirect_problems = plan_redirects(kb, pages, directory_urls)
    problems.extend(redirect_problems)
    with profile.stage("search indexing"):
        # search data on note pages, and the search page
        search = reuse.specs.get(SEARCH_PAGE) if reuse is not None else None
        if search is None:
            with planner.reading(SEARCH_PAGE, ("search",)):
                search = search_page(kb, paging)
        plan_search(kb, pages, planner.kept)
        pages.append(search)
    return planner, pages, redirects


class _Urls(dict[tuple[str, str], str]):
    """The address of each note (``("note", path)``) and entity (``(kind, slug)``), worked out when
    first asked for. Performance (issue 16): a serve rebuild that patches the matcher needs a few,
    not the 35,000 of an archive (~40 ms)."""

    def __init__(self, kb: KnowledgeBase, directory_urls: bool) -> None:
        super().__init__()
        self.kb = kb
        self.directory_urls = directory_urls

    def __missing__(self, key: tuple[str, str]) -> str:
        kind, slug = key
        path = slug if kind == "note" else self.kb.entities[kind][slug].page_path
        url = self[key] = url_of(path, self.directory_urls)
        return url


def _retitles(last: tuple[object, ...], now: tuple[object, ...]) -> dict[str, str] | None:
    """The notes whose titles alone changed between two sets of link inputs (path -> old title),
    ``{}`` when nothing changed; ``None`` when anything else did (``_link_inputs``)."""
    if last[:2] != now[:2]:
        return None
    old_notes, new_notes = last[2], now[2]
    assert isinstance(old_notes, tuple) and isinstance(new_notes, tuple)
    if len(old_notes) != len(new_notes):
        return None
    changed: dict[str, str] = {}
    for old, new in zip(old_notes, new_notes, strict=True):
        if old != new:
            if old[0] != new[0] or old[1] != new[1] or old[3] != new[3]:
                return None
            changed[old[0]] = old[2]
    return changed


def _link_inputs(kb: KnowledgeBase, directory_urls: bool) -> tuple[object, ...]:
    """Everything the matcher and the wiki-link index are built from: each entity's names, aliases,
    linking setting and files, each note's title, kind and path, and the style of addresses."""
    entities = tuple((e.kind, e.slug, e.name, tuple(e.aliases), e.autolink, e.path, e.first_ref)
                     for e in kb.all_entities())
    notes = tuple((n.path, n.slug, n.title, n.kind) for n in kb.notes.values())
    return (directory_urls, entities, notes)
