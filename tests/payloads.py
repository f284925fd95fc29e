"""Script-injection payloads a contributor could put in a note, and what ``hallway check`` says of each.

Every payload that would run sets ``window.__pwned`` or opens a dialog, so a real browser can tell
whether it ran. ``BODY`` payloads go in a note's Markdown body (starting on line 6 of the file);
``reports`` lists what ``hallway check`` must report, as ``(line, message)``: the site removes that
markup, and the check makes it visible to reviewers. Payloads with no report are harmless as
written (the sanitiser or Markdown neutralise them, and nothing a reader sees is lost).

``FRONT_MATTER`` payloads are values shown on pages (titles, names, summaries, link labels…); the
site prints them as text, so they build, and the page must show them literally.
"""

from __future__ import annotations

from dataclasses import dataclass

PWN = "window.__pwned=1"
BODY_LINE = 6


@dataclass(frozen=True)
class Payload:
    """One body payload: an id (its note's file name), the Markdown, and the expected reports."""

    id: str
    markdown: str
    reports: tuple[tuple[int, str], ...] = ()


def _tag(tag: str, line: int = BODY_LINE) -> tuple[int, str]:
    return (line, f"<{tag}> is not allowed in notes; the site removes it")


def _handler(name: str, line: int = BODY_LINE) -> tuple[int, str]:
    return (line, f"the event-handler attribute '{name}' is not allowed in notes; the site removes it")


def _scheme(scheme: str, line: int = BODY_LINE) -> tuple[int, str]:
    return (line, f"a {scheme}: address is not allowed in notes; the site removes it")


_STYLE = (BODY_LINE, "a style attribute is not allowed in notes; the site removes it")

BODY: list[Payload] = [
    Payload("script", f"<script>{PWN};alert(1)</script>", (_tag("script"),)),
    Payload("script-mixed-case", f"<ScRiPt>{PWN}</sCrIpT>", (_tag("script"),)),
    Payload("img-onerror", f'<img src="missing.png" onerror="{PWN}">', (_handler("onerror"),)),
    Payload("svg-onload", f'<svg onload="{PWN}"><circle r="5"/></svg>',
            (_tag("svg"), _handler("onload"))),
    Payload("svg-script", f"<svg><script>{PWN}</script></svg>", (_tag("svg"), _tag("script"))),
    Payload("svg-xlink", f'<svg><a xlink:href="javascript:{PWN}"><text y="20">x</text></a></svg>',
            (_tag("svg"), _scheme("javascript"))),
    Payload("a-javascript", f'<a href="javascript:{PWN}">click</a>', (_scheme("javascript"),)),
    Payload("a-javascript-case", f'<a href="JaVaScRiPt:{PWN}">click</a>', (_scheme("javascript"),)),
    Payload("a-javascript-spaces", f'<a href="   javascript:{PWN}">click</a>', (_scheme("javascript"),)),
    Payload("a-entity-j", f'<a href="&#106;avascript:{PWN}">click</a>', (_scheme("javascript"),)),
    Payload("a-hex-entity-tab", f'<a href="jav&#x09;ascript:{PWN}">click</a>', (_scheme("javascript"),)),
    Payload("a-control-entity", f'<a href="&#1;javascript:{PWN}">click</a>', (_scheme("javascript"),)),
    Payload("a-newline-inside", f'<a href="java\nscript:{PWN}">click</a>', (_scheme("javascript"),)),
    Payload("a-vbscript", '<a href="vbscript:msgbox(1)">click</a>', (_scheme("vbscript"),)),
    Payload("a-data-html", '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">click</a>',
            (_scheme("data"),)),
    Payload("img-data-svg", "<img src=\"data:image/svg+xml,<svg onload='alert(1)'/>\">",
            (_scheme("data"),)),
    Payload("img-srcset", f'<img srcset="javascript:{PWN}" alt="x">', (_scheme("javascript"),)),
    Payload("md-link-javascript", f"[click](javascript:{PWN})", (_scheme("javascript"),)),
    Payload("md-link-entity", f"[click](&#106;avascript:{PWN})", (_scheme("javascript"),)),
    Payload("md-link-title-breakout", f'[click](https://example.org/ "\\" onmouseover=\\"{PWN}")'),
    Payload("md-image-attr-list", f'![x](missing.png){{onerror="{PWN}"}}', (_handler("onerror"),)),
    Payload("md-reference-javascript", f"[click][evil]\n\n[evil]: javascript:{PWN}",
            (_scheme("javascript", BODY_LINE + 2),)),
    Payload("md-autolink-javascript", f"<javascript:{PWN}>"),
    Payload("attr-list-heading", f'## Heading {{onmouseover="{PWN}"}}', (_handler("onmouseover"),)),
    Payload("attr-list-paragraph", f'Hover me\n{{: onclick="{PWN}" style="position:fixed;inset:0" }}',
            (_handler("onclick", BODY_LINE + 1), (BODY_LINE + 1, _STYLE[1]))),
    Payload("attr-list-href", f'[click](https://example.org/){{href="javascript:{PWN}"}}',
            (_scheme("javascript"),)),
    Payload("toc-label", f'## Fine heading {{data-toc-label="<img src=x onerror={PWN}>"}}'),
    Payload("toc-raw-html", f'## <img src="missing.png" onerror="{PWN}"> heading', (_handler("onerror"),)),
    Payload("toc-escaped", f"## &lt;img src=x onerror={PWN}&gt; heading"),
    Payload("iframe", '<iframe src="javascript:parent.__pwned=1"></iframe>',
            (_tag("iframe"), _scheme("javascript"))),
    Payload("iframe-srcdoc", "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
            (_tag("iframe"),)),
    Payload("object-embed", f'<object data="javascript:{PWN}"></object><embed src="javascript:{PWN}">',
            (_tag("object"), _scheme("javascript"), _tag("embed"))),
    Payload("form", f'<form action="javascript:{PWN}"><input type="password"><button>Go</button></form>',
            (_tag("form"), _scheme("javascript"), _tag("input"), _tag("button"))),
    Payload("input-autofocus", f'<input type="text" autofocus onfocus="{PWN}">',
            (_tag("input"), _handler("onfocus"))),
    Payload("style-element", "<style>body { display: none !important }</style>", (_tag("style"),)),
    Payload("style-attribute", '<div style="position:fixed;inset:0;background:red;z-index:9">Cover</div>',
            (_STYLE,)),
    Payload("meta-refresh", f'<meta http-equiv="refresh" content="0;url=javascript:{PWN}">', (_tag("meta"),)),
    Payload("base-href", '<base href="javascript:/">', (_tag("base"), _scheme("javascript"))),
    Payload("link-stylesheet", '<link rel="stylesheet" href="data:text/css,body{display:none}">',
            (_tag("link"), _scheme("data"))),
    Payload("math-mxss", f'<math><mtext><table><mglyph><style><img src=x onerror="{PWN}">',
            (_tag("math"), _tag("style"))),
    Payload("noscript-mxss", f'<noscript><p title="</noscript><img src=x onerror={PWN}>">',
            (_tag("noscript"),)),
    Payload("template", f"<template><script>{PWN}</script></template>", (_tag("template"), _tag("script"))),
    Payload("comment-breakout", f"<!--><img src=x onerror={PWN}>-->"),
    Payload("cdata", f"<![CDATA[><img src=x onerror={PWN}>]]>"),
    Payload("attribute-breakout",
            f"<a href=\"https://example.org/\" title='\"><img src=x onerror={PWN}>'>x</a>"),
    Payload("dom-clobber-config", '<p id="__config">{"base": "javascript:", "features": 1}</p>'),
    Payload("theme-class-overlay", '<div class="md-overlay md-dialog md-dialog--active">Fake dialog</div>'),
    Payload("jinja-in-body", "{{ config.site_name }} {% raw %}x{% endraw %}"),
    Payload("code-is-harmless", f"```html\n<script>{PWN}</script>\n```\n\nAnd `<img src=x onerror={PWN}>`."),
    # Issue 18: Material would load Mermaid from unpkg.com for these; the sanitiser drops the class
    # and renames the id (no report: the text stays, as code).
    Payload("mermaid-class", '<pre class="mermaid">graph TD; A-->B</pre>'),
    Payload("mermaid-clobber", '<div id="mermaid">x</div>\n\n<pre class="mermaid">graph TD; A-->B</pre>'),
    Payload("image-from-another-host", "![pixel](https://tracker.example/p.gif)",
            ((BODY_LINE, "an image from another site (tracker.example) is not allowed in notes; the "
                         "site removes it"),)),
]

#: Values shown on pages; they build, and must show as the literal text.
FRONT_MATTER = {
    "title": f"<img src=x onerror=\"{PWN}\"> & </title><script>{PWN}</script> {{{{ 7*7 }}}}",
    "summary": f"<script>{PWN}</script> summary",
    "session": f"<svg onload={PWN}> session",
    "speaker": f"<img src=x onerror={PWN}> Speaker",
    "project": f"\"><script>{PWN}</script> Project",
    "topic": f"javascript:{PWN} Topic",
    "link_label": "<b onmouseover=alert(1)>label</b>",  # shown capitalised: keep it lower case
    "entity_name": f"<iframe src=javascript:{PWN}></iframe> Evil Event",
    "alias": f"<script>{PWN}</script> alias",
    "location": f"<img src=x onerror={PWN}> venue",
}
