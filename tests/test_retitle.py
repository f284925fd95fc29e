"""Serve: after a title edit the matcher and the wiki-link index are patched, not built again
(``link/matcher.retitled``, ``WikiIndex.retitled``), and they link exactly as new ones would:
titles renamed to another talk's title, to an entity's name, to fewer than three words, and back."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from hallway.core.build.cache import BuildCache
from hallway.core.build.pipeline import build_site
from hallway.core.kb.loader import load
from hallway.core.link.matcher import build_matcher
from hallway.core.link.wikilinks import WikiIndex
from hallway.core.pages.siteplan import url_of

from .kbfixtures import REPO, make_kb

sys.path.insert(0, str(REPO / "scripts"))
import synthkb


def _retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(?m)^title: .*$', f"title: {title!r}", text, count=1), encoding="utf-8")


def test_title_edits_patch_the_matcher_and_link_as_a_new_matcher_would(tmp_path: Path) -> None:
    kb = synthkb.generate(tmp_path, 80)
    make_kb(tmp_path, {})
    loaded, _ = load(tmp_path)
    titles = [loaded.notes[path].title for path in kb.talks]
    entity_names = [e.name for e in loaded.all_entities()]
    cache = BuildCache()
    build_site(tmp_path, cache=cache)
    rng = random.Random(5)
    patched = 0
    for number in range(16):
        path = rng.choice(kb.talks)
        title = rng.choice([
            f"{rng.choice(titles)} revisited {number}",  # a new title
            rng.choice(titles),  # another talk's title: neither links
            rng.choice(entity_names),  # an entity's name: the entity keeps it
            f"Short {number}",  # under three words: not linked
            loaded.notes[path].title,  # back to where it started
        ])
        _retitle(tmp_path / path, title)
        site, _ = build_site(tmp_path, cache=cache)
        patched += bool(site.matcher._replaced)
        fresh_kb, _ = load(tmp_path)
        urls = {e.key: url_of(e.page_path, True) for e in fresh_kb.all_entities()}
        urls.update({("note", n.path): url_of(n.path, True) for n in fresh_kb.notes.values()})
        fresh = build_matcher(fresh_kb, urls)
        assert site.matcher.surface_forms() == fresh.surface_forms()
        assert site.matcher.targets == fresh.targets
        texts = [note.body for note in fresh_kb.notes.values()]
        named = titles + [n.title for n in fresh_kb.notes.values()]
        texts += [f"As {t} showed, and {t.upper()}." for t in named]
        for text in texts:
            assert site.matcher.find(text) == fresh.find(text)
            assert site.matcher.ambiguous(text) == fresh.ambiguous(text)
        assert cache.linker is not None
        wiki, fresh_wiki = cache.linker[2], WikiIndex(fresh, fresh_kb, urls)
        assert (wiki.by_name, wiki.names) == (fresh_wiki.by_name, fresh_wiki.names)
        assert wiki.shared == fresh_wiki.shared
        again, _ = build_site(tmp_path)  # everything a page shows of mentions is as a fresh build's
        assert site.mentions == again.mentions
        assert {p: n.body for p, n in site.kb.notes.items()} == {p: n.body for p, n in again.kb.notes.items()}
    assert patched >= 10
