"""Which pages an edit affects, so the edit-preview loop renders only those (issue 7).

Every page of the site is a pure function of its :class:`~hallway.core.pages.siteplan.PageSpec` (title,
template, Markdown body, edit path, view model) plus a few site-wide inputs (the auto-link mode and
the names and URLs the auto-linker links, which :meth:`Site.finish_html` applies to every body). A
page's *fingerprint* hashes all of that; after an edit, a page must be rendered again exactly when
its fingerprint changed. This is dependency tracking without a dependency graph to keep in sync:
the view models already hold what a page shows of other notes (a speaker's page holds the cards of
their talks, a talk holds its related talks), so an edit to a talk's title changes the fingerprints
of its speakers', event's, projects' and topics' pages, the talk indexes and the home page if it
lists it, and nothing else.

The auto-linker is the one input shared by every page: a renamed talk or entity changes what its
old and new names link to. Rather than rendering everything again, the pages whose Markdown holds
one of the changed forms are rendered again (:func:`pages_with_forms`), and only the notes holding
one are scanned again for mentions (``link/scan_memo.py``). A theme or configuration change is not
visible here; the adapter folds it into ``extra_key``.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..kb.model import ENTITY_KINDS
from ..link.matcher import lower_form

if TYPE_CHECKING:
    from ..pages.site import Site
    from ..pages.siteplan import PageSpec


def _digest(value: Any) -> str:
    # pickle, not JSON: 3x faster on the ~45 MB of view models and Markdown of a 5,000-talk site.
    # Equal values always pickle alike here (same code builds the same sharing of objects); should
    # sharing ever differ, the page is merely rendered again, never wrongly skipped.
    return hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).hexdigest()


def site_key(site: Site, extra_key: str = "") -> str:
    """A digest of the inputs every page depends on (the auto-link mode, theme and config)."""
    return _digest([site.autolink, extra_key])


def page_fingerprint(spec: PageSpec, key: str) -> str:
    """A digest of everything page ``spec`` is rendered from: every field of its spec."""
    values = [sorted(v) if isinstance(v, set) else v for v in vars(spec).values()]
    return _digest([key, values])


@dataclass
class Changes:
    """What one rebuild must render: the pages whose fingerprint changed, and pages now gone."""

    changed: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    unchanged: int = 0
    first: bool = True

    def summary(self) -> str:
        return (f"{len(self.changed)} page(s) to render, {self.unchanged} unchanged, "
                f"{len(self.removed)} removed")


@dataclass
class PageTracker:
    """The fingerprints of the last build, kept by a long-running ``mkdocs serve``."""

    fingerprints: dict[str, str] = field(default_factory=dict)
    specs: dict[str, PageSpec] = field(default_factory=dict)
    """The specs those fingerprints were taken of: a page the planner kept from the last plan
    (``pages/replan.py``) is the same object, so its fingerprint is the same too."""
    key: str = ""

    def update(self, site: Site, extra_key: str = "", changed_forms: set[str] | None = None) -> Changes:
        """Compare the site with the last build, remember it, and say which pages changed.

        ``changed_forms``: auto-linker forms added, removed or re-targeted since the last build;
        the pages whose Markdown holds one are rendered again, as their links may differ.
        """
        key = site_key(site, extra_key)
        same_key = key == self.key
        new = {}
        for spec in site.pages:
            src = spec.src_uri
            known = self.fingerprints.get(src) if same_key and self.specs.get(src) is spec else None
            new[src] = known if known is not None else page_fingerprint(spec, key)
        changes = Changes(first=not self.fingerprints)
        relink = pages_with_forms(site, changed_forms or set()) if self.fingerprints else set()
        for src_uri, digest in new.items():
            if self.fingerprints.get(src_uri) == digest and src_uri not in relink:
                changes.unchanged += 1
            else:
                changes.changed.add(src_uri)
        changes.removed = set(self.fingerprints) - set(new)
        self.fingerprints = new
        self.specs = dict(site.specs)
        self.key = key
        return changes


def affected_by_note(site: Site, note_path: str) -> set[str]:
    """Pages that show something of the note at ``note_path``, from the declared references.

    The fingerprints decide what is rendered; this is the expectation the benchmark and tests check
    them against: the note's page, its speakers', event's, projects' and topics' pages.
    """
    note = site.kb.notes[note_path]
    pages = {note.path}
    for kind in ENTITY_KINDS:
        for slug in note.refs(kind):
            entity = site.kb.entity(kind, slug)
            if entity is not None:
                pages.add(entity.page_path)
    return pages


def pages_with_forms(site: Site, forms: set[str]) -> set[str]:
    """Pages whose Markdown contains one of ``forms``: their auto-links may have changed."""
    if not forms:
        return set()
    return {spec.src_uri for spec in site.pages
            if any(form in lower_form(spec.markdown) for form in forms)}
