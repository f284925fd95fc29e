"""One build of a knowledge base, engine-neutral: load, link, relate, plan pages, finish HTML."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .autolink import link_html
from .incremental import BuildCache
from .loader import load
from .matcher import Matcher, Target, build_matcher, entity_forms, note_target
from .mentions import Mention, relative_src, scan
from .model import KnowledgeBase
from .problems import Problem
from .relations import Relations, build_relations
from .siteplan import PageSpec, SitePlanner, url_of
from .sitesearch import plan_search
from .textmatch import did_you_mean, fold
from .timing import add as add_time
from .timing import stage


@dataclass
class Site:
    """Everything a static-site engine needs to render the knowledge base."""

    kb: KnowledgeBase
    relations: Relations
    pages: list[PageSpec]
    matcher: Matcher
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    """Mentions found in each note's prose, by note path."""
    autolink: str = "first"
    specs: dict[str, PageSpec] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.specs = {spec.src_uri: spec for spec in self.pages}

    def finish_html(self, src_uri: str, html: str) -> str:
        """Post-process a page's rendered (already sanitised) body HTML: link mentions."""
        spec = self.specs.get(src_uri)
        if spec is None or spec.link_mode == "off":
            return html
        mode = spec.link_mode or self.autolink
        return link_html(html, self.matcher, spec.url, spec.own_targets, mode)


class WikiIndex:
    """Resolves ``[[name]]``, ``[[slug]]``, ``[[kind:slug]]`` and talk titles to link targets."""

    def __init__(self, matcher: Matcher, kb: KnowledgeBase, urls: dict[tuple[str, str], str]) -> None:
        self.by_name: dict[str, Target] = {}
        self.names: list[str] = []
        for entity in kb.all_entities():
            target = matcher.targets.get(entity.key)
            if target is None:
                continue
            slugs = [entity.slug, f"{entity.kind}:{entity.slug}"]
            for form in [*entity_forms(entity.name, entity.aliases), *slugs]:
                self.by_name.setdefault(fold(form), target)
            self.names.append(entity.name)
        for note in kb.notes.values():
            target = note_target(note, urls)
            for form in (note.title, note.path, note.path[: -len(".md")], note.slug):
                self.by_name.setdefault(fold(form), target)
            self.names.append(note.title)

    def resolve(self, name: str) -> Target | None:
        return self.by_name.get(fold(name))

    def suggest(self, name: str) -> str:
        best = did_you_mean(name, self.names, cutoff=60.0)
        return f"did you mean '[[{best}]]'?" if best else ""


def _link_from(src: str, target: Target) -> str:
    return relative_src(src, target.src)


def build_site(root: Path | str, directory_urls: bool = True,
               autolink: str = "first",
               cache: BuildCache | None = None) -> tuple[Site, list[Problem]]:
    """Load the knowledge base at ``root``, find mentions and relations, and plan its site.

    ``cache`` (kept by ``mkdocs serve`` between rebuilds) spares re-reading unchanged files and
    re-scanning notes the edit cannot have changed (see ``core/incremental.py``).
    """
    with stage("loading"):
        kb, problems = load(root, cache.files if cache else None)
    return _link_and_plan(kb, problems, directory_urls, autolink, cache)


def _link_and_plan(kb: KnowledgeBase, problems: list[Problem], directory_urls: bool,
                   autolink: str, cache: BuildCache | None = None) -> tuple[Site, list[Problem]]:
    linking_started = time.perf_counter()
    urls = {e.key: url_of(e.page_path, directory_urls) for e in kb.all_entities()}
    urls.update({("note", n.path): url_of(n.path, directory_urls) for n in kb.notes.values()})
    matcher = build_matcher(kb, urls)
    problems.extend(matcher.problems)
    wiki = WikiIndex(matcher, kb, urls)
    mentions: dict[str, list[Mention]] = {}
    if cache is not None:
        cache.scans.begin(matcher)
    for note in kb.notes.values():
        scan_note = partial(scan, note.body, note.path, note.body_line, matcher, wiki.resolve,
                            partial(_link_from, note.path), wiki.suggest)
        result = (cache.scans.scan(note.path, note.body, note.body_line, scan_note) if cache
                  else scan_note())
        note.body = result.markdown
        # A note that turns linking off also opts out of implicit mentions (its prose matches
        # were judged noise); its explicit [[links]] still count.
        mode = note.autolink or autolink
        mentions[note.path] = [m for m in result.mentions if m.explicit or mode != "off"]
        problems.extend(result.problems)
    for entity in kb.all_entities():
        if "[[" in entity.description and entity.path:
            result = scan(entity.description, entity.path, entity.body_line, Matcher().build(),
                          wiki.resolve, partial(_link_from, entity.page_path), wiki.suggest)
            entity.description = result.markdown
            problems.extend(result.problems)
    add_time("linking", time.perf_counter() - linking_started)
    with stage("relations"):
        relations = build_relations(kb, mentions)
    with stage("page generation"):
        pages = SitePlanner(kb, relations, directory_urls).pages()
    with stage("search indexing"):
        pages += plan_search(kb, pages)  # search data on note pages, and the search page
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return Site(kb, relations, pages, matcher, mentions, autolink), problems
