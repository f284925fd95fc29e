"""A deterministic synthetic knowledge base for benchmarks, plus the same notes laid out for baselines.

``generate(root, n)`` writes N talks in Hallway's own format: about N/3 speakers, N/50 events,
300 projects and 80 topics (with aliases, and topics in a two-level ``parent:`` hierarchy), each
talk 300–600 words of prose that names its projects, topics and speakers, some with code blocks.
The same seed always gives byte-identical files, so runs on different days compare.

``material_docs`` and ``hugo_site`` lay the very same talks out the way a user of plain Material
(notes in ``docs/`` with front-matter ``tags``) or of Hugo (taxonomies) would.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_COUNT = 300
TOPIC_COUNT = 80
TOP_TOPICS = 10
SEED = 20250121

_FIRST = (
    "Aroha", "Ben", "Chloe", "Dev", "Elif", "Farah", "Gus", "Hana", "Ivo", "Jun", "Kiri", "Lena",
    "Milo", "Nia", "Omar", "Priya", "Quinn", "Rui", "Sana", "Tane", "Uma", "Vik", "Wen", "Xia", "Yara",
    "Zeb", "Ana", "Bodhi", "Cora", "Dario", "Esme", "Finn", "Greta", "Hugo", "Isla", "Joel", "Kaia",
    "Luca", "Maya", "Nico"
)
_LAST = (
    "Ngata", "Smith", "Okafor", "Chen", "Novak", "Haddad", "Larsen", "Ruiz", "Tanaka", "Walker", "Kaur",
    "Moreau", "Singh", "Ferreira", "Kowalski", "Brown", "Ivanova", "Nakamura", "Olsen", "Patel",
    "Quispe", "Rossi", "Schmidt", "Tui", "Underwood", "Varga", "Wilson", "Xu", "Yilmaz", "Zhou",
    "Abara", "Becker", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ito", "Jensen",
    "Kim", "Lopez", "Murphy", "Nguyen", "O'Brien", "Park", "Reyes", "Sato", "Taylor", "Vasquez"
)
_SYLLABLES = (
    "ka", "lo", "ri", "ve", "na", "tor", "mi", "zen", "qua", "do", "bel", "fi", "gra", "lux", "nor",
    "pa", "sol", "tri", "vo", "wex", "yul", "zar", "cor", "dra"
)
_TOPIC_WORDS = (
    "networking", "security", "databases", "observability", "packaging", "licensing", "community",
    "accessibility", "testing", "deployment"
)
_TOPIC_SUB = (
    "basics", "scale", "practice", "tooling", "governance", "performance", "migration", "education",
    "history", "automation", "internals", "design", "operations", "economics", "ethics"
)
_WORDS = (
    "the", "a", "system", "team", "users", "data", "release", "server", "change", "build", "test",
    "problem", "approach", "design", "open", "source", "community", "tool", "service", "network",
    "code", "review", "question", "slide", "demo", "history", "migration", "cost", "support", "feature",
    "bug", "patch", "upstream", "package", "library", "version", "cluster", "config", "fork", "licence",
    "maintainer", "contributor", "workflow", "schema", "query", "cache", "latency"
)
_VERBS = ["explained", "showed", "argued", "compared", "described", "demonstrated", "questioned", "reviewed"]
_CODE = [
    "```python\ndef handler(event):\n    for item in event['items']:\n        print(item)\n```",
    "```yaml\nservices:\n  web:\n    image: example/web:1.2\n    ports: ['8080:80']\n```",
    "```sh\n./configure --prefix=/usr\nmake -j2 && make install\n```",
]


@dataclass
class SynthKB:
    """What was generated: enough to pick a note to edit and to know which pages it touches."""

    root: Path
    talks: list[str] = field(default_factory=list)
    """Repository-relative paths of the talk notes."""
    meta: dict[str, dict[str, object]] = field(default_factory=dict)
    """Per talk path: its front-matter as written (slugs of its speakers, event, projects, topics)."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _unique_names(count: int, make: Callable[[], str]) -> list[str]:
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < count:
        name = make()
        if _slug(name) in seen:
            continue
        seen.add(_slug(name))
        names.append(name)
    return names


def _front(fields: dict[str, object]) -> str:
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_quote(v) for v in value)}]")
        else:
            lines.append(f"{key}: {_quote(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _quote(value: object) -> str:
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _body(rng: random.Random, names: list[str]) -> str:
    """300–600 words of paragraphs, headings and bullets that mention ``names``."""
    target = rng.randint(300, 600)
    parts: list[str] = []
    words = 0
    while words < target:
        choice = rng.random()
        if choice < 0.15:
            heading = " ".join(rng.choice(_WORDS) for _ in range(3)).capitalize()
            parts.append(f"## {heading}")
            words += 3
        elif choice < 0.4:
            items = []
            for _ in range(rng.randint(2, 5)):
                item = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 9)))
                if rng.random() < 0.15:
                    item += " with " + rng.choice(names)
                items.append(f"- {item.capitalize()}")
                words += len(item.split())
            parts.append("\n".join(items))
        else:
            sentences = []
            for _ in range(rng.randint(2, 5)):
                # One name in half the sentences: about one mention per 25 words, the density of
                # the repository's real notes (4–18 mentions in 200–420 words).
                filler = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 14)))
                if rng.random() < 0.5:
                    sentence = f"{rng.choice(names)} {rng.choice(_VERBS)} the {filler}."
                else:
                    sentence = f"The {rng.choice(_VERBS)} {filler}."
                sentences.append(sentence)
                words += len(sentence.split())
            parts.append(" ".join(sentences))
    if rng.random() < 0.33:
        parts.insert(rng.randint(1, len(parts)), rng.choice(_CODE))
    return "\n\n".join(parts) + "\n"


def generate(root: Path, n: int, seed: int = SEED) -> SynthKB:
    """Write a knowledge base of ``n`` talks under ``root`` (which should be empty)."""
    rng = random.Random(seed * 1_000_003 + n)
    kb = SynthKB(root)
    n_speakers = max(3, n // 3)
    n_events = max(1, n // 50)

    def person() -> str:
        # 40×50 first and last names run out past ~1,200 speakers: add a middle initial.
        middle = f" {rng.choice('ABCDEFGHJKLMNPRSTVW')}." if n_speakers > 1200 else ""
        return f"{rng.choice(_FIRST)}{middle} {rng.choice(_LAST)}"

    speakers = _unique_names(n_speakers, person)

    def project() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    projects = _unique_names(PROJECT_COUNT, project)
    events = [f"Synthcon {2000 + i // 4} {'ABCD'[i % 4]}" for i in range(n_events)]
    topics: list[tuple[str, str | None]] = []
    for word in _TOPIC_WORDS[:TOP_TOPICS]:
        topics.append((word.capitalize(), None))
    sub = iter((w, s) for s in _TOPIC_SUB for w in _TOPIC_WORDS)
    while len(topics) < TOPIC_COUNT:
        word, qualifier = next(sub)
        topics.append((f"{word.capitalize()} {qualifier}", _slug(word)))

    for name in speakers:
        _write(root / "speakers" / f"{_slug(name)}.md",
               _front({"name": name}) + f"\n{name} speaks about open source.\n")
    for i, name in enumerate(projects):
        fields: dict[str, object] = {"name": name, "url": f"https://{_slug(name)}.example.org/"}
        if i % 3 == 0:
            fields["aliases"] = [f"{name} project"]
        _write(root / "projects" / f"{_slug(name)}.md", _front(fields) + f"\n{name} is a project.\n")
    for name, parent in topics:
        fields = {"name": name, "aliases": [f"{name} stuff"]}
        if parent:
            fields["parent"] = parent
        _write(root / "topics" / f"{_slug(name)}.md", _front(fields) + f"\nAll about {name.lower()}.\n")
    for i, name in enumerate(events):
        _write(root / "events" / f"{_slug(name)}.md",
               _front({"name": name, "url": f"https://synthcon.example.org/{i}/",
                       "location": "Wellington"}) + "\nA synthetic conference.\n")

    for i in range(n):
        event = events[i % n_events]
        year = 2000 + (i % n_events) // 4
        title = f"Talk {i:05d}: " + " ".join(rng.choice(_WORDS) for _ in range(4)).capitalize()
        who = rng.sample(speakers, rng.randint(1, 2)) if n_speakers > 1 else speakers[:1]
        what = rng.sample(projects, rng.randint(2, 4))
        about = [name for name, _ in rng.sample(topics, rng.randint(1, 3))]
        slug = f"talk-{i:05d}-{_slug(title.split(': ', 1)[1])}"
        rel = f"talks/{_slug(event)}/{slug}.md"
        fields = {
            "title": title, "speakers": who, "event": event,
            "date": f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}", "projects": what, "topics": about,
            "summary": f"Notes on {what[0]} and {about[0].lower()}.",
        }
        _write(root / rel, _front(fields) + "\n" + _body(rng, who + what + about))
        kb.talks.append(rel)
        kb.meta[rel] = {"title": title, "speakers": [_slug(s) for s in who], "event": _slug(event),
                        "projects": [_slug(p) for p in what], "topics": [_slug(t) for t in about]}
    return kb


def _split(text: str) -> tuple[dict[str, str], str]:
    """The front-matter lines (``key: raw value``) and body of a generated note."""
    _, head, body = text.split("---\n", 2)
    fields = dict(line.split(": ", 1) for line in head.strip().splitlines())
    return fields, body


def _names(raw: str) -> list[str]:
    return re.findall(r'"((?:[^"\\]|\\.)*)"', raw)


def material_docs(kb: SynthKB, docs: Path) -> None:
    """The talks under ``docs/`` as a plain Material user keeps them: title and tags in front-matter."""
    _write(docs / "index.md", "# Conference notes\n\nNotes of every talk.\n")
    _write(docs / "tags.md", "# Tags\n\n<!-- material/tags -->\n")
    for rel in kb.talks:
        fields, body = _split((kb.root / rel).read_text(encoding="utf-8"))
        tags = _names(fields["projects"]) + _names(fields["topics"])
        head = _front({"title": _names(fields["title"])[0], "date": _names(fields["date"])[0], "tags": tags})
        _write(docs / rel, head + body)


def hugo_site(kb: SynthKB, site: Path) -> None:
    """The talks as a Hugo site with speakers, events, projects and topics taxonomies."""
    _write(site / "hugo.toml", textwrap.dedent("""\
        baseURL = "https://example.org/"
        title = "Conference notes"
        disableKinds = ["RSS"]
        [taxonomies]
          speaker = "speakers"
          event = "events"
          project = "projects"
          topic = "topics"
        """))
    layout = ("<!doctype html><html><head><title>{{ .Title }}</title></head><body>"
              "<nav><a href=\"/\">Home</a></nav><main><h1>{{ .Title }}</h1>%s</main></body></html>\n")
    _write(site / "layouts/_default/single.html", layout % (
        "{{ range $t, $_ := .Site.Taxonomies }}{{ with $.GetTerms $t }}<p>{{ $t }}: "
        "{{ range . }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}{{ end }}"
        "{{ .Content }}"))
    _write(site / "layouts/_default/list.html", layout % (
        "{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>"
        "{{ end }}</ul>"))
    _write(site / "content/_index.md", "---\ntitle: Conference notes\n---\n")
    for rel in kb.talks:
        fields, body = _split((kb.root / rel).read_text(encoding="utf-8"))
        head = _front({"title": _names(fields["title"])[0], "date": _names(fields["date"])[0],
                       "speakers": _names(fields["speakers"]), "events": _names(fields["event"]),
                       "projects": _names(fields["projects"]), "topics": _names(fields["topics"])})
        _write(site / "content" / rel, head + body)
