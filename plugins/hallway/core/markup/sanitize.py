"""Making HTML rendered from a contributed note harmless, with nh3 (the Rust ammonia sanitiser).

An allow-list, not a block-list: only markup a note plausibly needs survives. Scripts, event
handlers, ``javascript:``/``data:`` URLs, iframes, objects, forms and style sheets are removed by
nh3 itself (it parses like a browser, so entity- and control-character-obfuscated addresses are
decoded before their scheme is checked). On top of that, :func:`_filter_attribute` closes three
holes that are specific to a page rendered by Material for MkDocs:

- **DOM clobbering**: Material reads its configuration from the first ``#__config`` element and
  its toggles are ``#__drawer``, ``#__search``…; a note's ``<p id="__config">`` would come first
  and break (or steer) the theme's script. Ids (and ``for=``/``#…`` links to them) starting with
  ``__`` are renamed ``hw__…``, consistently, so a note's own anchors keep working.
- **Restyling**: ``class="md-…"`` would borrow the theme's layout classes (fixed overlays, dialogs)
  to cover the page; those classes are dropped (``md-button`` is kept: it only styles a link).
- **Forms**: the only ``<input>`` a note renders is a task-list checkbox, so every input is forced
  to a disabled checkbox.
- **Third-party requests** (issue 18): Material fetches Mermaid from unpkg.com for any
  ``<pre class="mermaid">`` (and when ``window.mermaid`` is a clobbered element), so the
  ``mermaid`` class and id are not kept, whatever the site's own docs use; and an image from another
  host (``https://…``, ``//…``) loses its address, so no page makes a reader's browser ask another
  site for anything (the check reports it: link to the image instead).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import nh3

_TAGS = (set(nh3.ALLOWED_TAGS) - {"map", "area", "center", "nav", "header", "footer"}) | {"input", "label"}
_GLOBAL_ATTRS = {"class", "id", "title", "lang", "dir"}
_ATTRS: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRS["*"] = _GLOBAL_ATTRS
_ATTRS.setdefault("a", set()).update({"href", "title"})
_ATTRS.setdefault("img", set()).update({"src", "alt", "title", "width", "height", "loading"})
_ATTRS["input"] = {"checked"}
_ATTRS["label"] = {"for"}
_ATTRS["code"] = {"class"}
_FORCED = {"input": {"type": "checkbox", "disabled": ""}}
_URL_SCHEMES = {"http", "https", "mailto"}
#: Material classes a note may use: buttons are ordinary styled links.
_THEME_CLASSES_ALLOWED = {"md-button", "md-button--primary"}
_RESERVED_ID_PREFIX = "__"
#: Names the theme's script acts on: ``pre.mermaid`` (and a ``#mermaid`` element shadowing the
#: ``mermaid`` global) make Material load Mermaid from a CDN.
_THEME_TRIGGERS = {"mermaid"}


def _safe_id(value: str) -> str:
    if value.startswith(_RESERVED_ID_PREFIX) or value.casefold() in _THEME_TRIGGERS:
        return "hw" + value
    return value


def loads_from_another_host(url: str) -> bool:
    """True for an address a browser would fetch from a host other than the site's own."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return True
    return bool(parts.scheme or parts.netloc)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("id", "for"):
        return _safe_id(value)
    if attribute == "href" and value.startswith("#"):
        return "#" + _safe_id(value[1:])
    if attribute == "class":
        kept = [name for name in value.split()
                if (not name.startswith("md-") or name in _THEME_CLASSES_ALLOWED)
                and name.casefold() not in _THEME_TRIGGERS]
        return " ".join(kept) or None
    if tag == "img" and attribute == "src" and loads_from_another_host(value):
        return None
    return value


def clean_html(html: str) -> str:
    """Keep harmless markup only; relative links and http(s)/mailto URLs survive."""
    return str(nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        attribute_filter=_filter_attribute,
        set_tag_attribute_values=_FORCED,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ))


#: Characters nh3 changes in text (escapes, or drops while parsing); text without them is unchanged.
_CHANGED_IN_TEXT = re.compile(r"[<>&\xa0\x00\r]")


def clean_text(html: str) -> str:
    """Markup reduced to its (escaped) text: for headings shown in the table of contents."""
    # Performance (issue 7): ~20,000 headings at 5,000 talks; most are plain words (0.4 s in nh3).
    if _CHANGED_IN_TEXT.search(html) is None:
        return html
    return str(nh3.clean(html, tags=set(), attributes={}, strip_comments=True))


def clean_toc(items: Iterable[Any]) -> None:
    """Sanitise a page's table of contents in place (objects with ``title``, ``id``, ``children``).

    The theme prints each entry's title unescaped; Markdown already escapes it, and this makes sure
    of it whatever the Markdown version. Ids are renamed like the page's own (``__x`` -> ``hw__x``).
    """
    for item in items:
        item.title = clean_text(str(item.title))
        item.id = _safe_id(str(item.id))
        clean_toc(item.children)
