"""Making HTML rendered from a contributed note harmless, with nh3 (the Rust ammonia sanitiser).

An allow-list, not a block-list: only markup a note plausibly needs survives. Scripts, event
handlers, ``javascript:``/``data:`` URLs, iframes, objects, forms and style sheets are removed.
"""

from __future__ import annotations

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) - {"map", "area", "center", "nav", "header", "footer"} | {"input", "label"}
_GLOBAL_ATTRS = {"class", "id", "title", "lang", "dir"}
_ATTRS: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRS["*"] = _GLOBAL_ATTRS
_ATTRS.setdefault("a", set()).update({"href", "title"})
_ATTRS.setdefault("img", set()).update({"src", "alt", "title", "width", "height", "loading"})
_ATTRS["td"] = _ATTRS.get("td", set()) | {"style"} - {"style"}
_ATTRS["input"] = {"type", "checked", "disabled"}
_ATTRS["label"] = {"for"}
_ATTRS["code"] = {"class"}
_URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html: str) -> str:
    """Keep harmless markup only; relative links and http(s)/mailto URLs survive."""
    return str(nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ))
