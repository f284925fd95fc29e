"""WordPress export files (WXR): each post of one category becomes one import.

Parsed with defusedxml (entity expansion, external entities and DTDs are refused, so a hostile
file cannot blow up memory or read local files). A post's title such as ``Everything Open 2025 –
Day 2 – Afternoon`` gives the event (``Everything Open 2025``: up to the year, or the first part)
and the session (the rest); ``wp:post_date`` gives the date. Its ``content:encoded`` HTML is read
by :mod:`.html_input`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ..core.kb.names import fold, slugify
from ..core.problems import HallwayError, Problem
from .blocks import SourceDoc
from .headings import clean
from .html_input import html_blocks
from .posttitle import split_post_title

_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_WP_NS_PREFIX = "http://wordpress.org/export/"
_SKIPPED_STATUS = frozenset({"trash", "auto-draft", "inherit"})


@dataclass
class _Post:
    title: str
    html: str
    date: dt.date | None
    link: str | None
    slug: str
    categories: list[tuple[str, str]]
    """(nicename, display name) of each category."""


def _split_tag(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _wp(element: Element, name: str) -> str:
    for child in element:
        namespace, local = _split_tag(child.tag)
        if local == name and namespace.startswith(_WP_NS_PREFIX):
            return (child.text or "").strip()
    return ""


def _post_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _posts(root: Element) -> list[_Post]:
    channel = root.find("channel")
    if channel is None:
        return []
    posts: list[_Post] = []
    for item in channel.findall("item"):
        if (_wp(item, "post_type") or "post") != "post" or _wp(item, "status") in _SKIPPED_STATUS:
            continue
        html = ""
        categories = []
        for child in item:
            namespace, local = _split_tag(child.tag)
            if namespace == _CONTENT_NS and local == "encoded":
                html = child.text or ""
            elif not namespace and local == "category" and child.get("domain") == "category":
                name = clean(child.text or "")
                categories.append((child.get("nicename") or slugify(name), name))
        title = clean(item.findtext("title") or "")
        link = (item.findtext("link") or "").strip() or None
        slug = _wp(item, "post_name") or slugify(title) or f"post-{len(posts) + 1}"
        posts.append(_Post(title, html, _post_date(_wp(item, "post_date")), link, slug, categories))
    return posts


def _category_fix(posts: list[_Post]) -> str:
    counts = Counter(name for post in posts for _, name in post.categories)
    if not counts:
        return "the export has no categorised posts"
    listed = ", ".join(f"'{name}' ({count})" for name, count in counts.most_common(15))
    return f"pass --category with one of: {listed}"


def parse_wxr(raw: bytes, source: str, category: str | None) -> list[SourceDoc]:
    """One document per post of ``category`` in a WordPress export."""
    try:
        root = ElementTree.fromstring(raw, forbid_dtd=True)
    except ParseError as err:
        line = err.position[0] if err.position else None
        raise HallwayError([Problem(source, line, None, f"not well-formed XML ({err})",
                                    "export the file again from WordPress (Tools → Export)")]) from err
    except DefusedXmlException as err:
        raise HallwayError([Problem(source, None, None,
                                    f"refusing unsafe XML ({type(err).__name__})",
                                    "a WordPress export has no DTD or entity declarations")]) from err
    if _split_tag(root.tag)[1] != "rss":
        raise HallwayError([Problem(source, None, None, "not a WordPress export (no <rss> root)",
                                    "export the file again from WordPress (Tools → Export)")])
    posts = _posts(root)
    if category is None:
        raise HallwayError([Problem(source, None, "--category", "which posts should be imported?",
                                    _category_fix(posts))])
    wanted = fold(category)
    chosen = [p for p in posts if any(wanted in (fold(nice), fold(name)) or slugify(category) == nice
                                      for nice, name in p.categories)]
    if not chosen:
        raise HallwayError([Problem(source, None, "--category", f"no posts in category '{category}'",
                                    _category_fix(posts))])
    docs = []
    for post in chosen:
        event_name, session = split_post_title(post.title)
        notes: list[str] = []
        docs.append(SourceDoc(source=f"{source} (post '{post.title}')",
                              blocks=html_blocks(post.html, post.link, notes), flat=False, stem=post.slug,
                              title=post.title, event_name=event_name or None, session=session,
                              date=post.date, notes=notes))
    return docs
