"""Cross-linking through real ``mkdocs build --strict`` runs: what a reader sees on each page."""

from __future__ import annotations

from pathlib import Path

import pytest

from .kbfixtures import BuildResult, article, hallway, link_texts, make_kb, mkdocs_build

pytestmark = pytest.mark.build

ENTITIES = {
    "projects/wireguard.md": "---\nname: WireGuard\n---\nA VPN.\n",
    "projects/prometheus.md": "---\nname: Prometheus\n---\n",
    "projects/node-exporter.md": "---\nname: node_exporter\naliases: [Prometheus node_exporter]\n---\n",
    "topics/cla.md": "---\nname: Contributor licence agreements\naliases: [CLA(s)]\nparent: licensing\n---\n",
    "topics/licensing.md": "---\nname: Licensing\n---\n",
    "speakers/tui-ngata.md": "---\nname: Tūī Ngata\n---\n",
}
PROSE_ONLY = """\
---
title: Monitoring at home
event: eo
speakers: [Tūī Ngata]
---

- We run Prometheus node_exporter on every box, and WireGuard between sites.
- Their CLA worried us; cla in lower case is just letters.
- See https://example.org/wireguard/ for details.

## WireGuard setup

```
wireguard-go and Prometheus in code
```

Inline `WireGuard` code and [an existing WireGuard link](https://example.org) stay as they are.
Later mentions of WireGuard are not linked again.
"""


def links_of(result: BuildResult, url: str) -> list[tuple[str, str]]:
    return [(a.get_text(), str(a["href"])) for a in article(result.page(url)).select("a.hw-autolink")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("linking")
    make_kb(root, ENTITIES | {
        "talks/eo/home.md": PROSE_ONLY,
        "talks/eo/vpn-talk.md": "---\ntitle: A talk about tunnels\nevent: eo\nprojects: [WireGuard]\n"
                                "topics: [CLA]\nspeakers: [Tūī Ngata, Jo Bloggs]\n---\n"
                                "Compared [[WireGuard|the kernel tunnel]] with [[node-exporter]] and "
                                "[[Monitoring at home]].\n",
        "talks/eo/quiet.md": "---\ntitle: Quiet note\nevent: eo\nautolink: off\n---\nWireGuard here.\n",
    })
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    return result


def test_prose_mentions_become_links_first_only(built: BuildResult) -> None:
    assert links_of(built, "talks/eo/home/") == [
        ("Prometheus node_exporter", "../../../projects/node-exporter/"),
        ("WireGuard", "../../../projects/wireguard/"),
        ("CLA", "../../../topics/cla/"),
    ]


def test_code_headings_links_and_urls_stay_unlinked(built: BuildResult) -> None:
    body = article(built.page("talks/eo/home/"))
    assert body.select_one("pre a") is None and body.select_one("code a") is None
    assert body.select_one("h2 a.hw-autolink") is None
    assert "https://example.org/wireguard/" in body.get_text()


def test_a_note_can_turn_linking_off(built: BuildResult) -> None:
    assert links_of(built, "talks/eo/quiet/") == []


def test_prose_mentions_are_listed_with_context(built: BuildResult) -> None:
    page = article(built.page("projects/prometheus/"))
    mentions = page.select(".hw-mentions li")
    assert len(mentions) == 0  # longest match: the note mentions node_exporter, not Prometheus
    node = article(built.page("projects/node-exporter/"))
    items = node.select(".hw-mentions li")
    titles = [i.select_one(".hw-card__title").get_text() for i in items]  # type: ignore[union-attr]
    assert titles == ["A talk about tunnels", "Monitoring at home"]
    context = items[1].select_one(".hw-card__context")
    assert context is not None
    assert context.get_text() == ("We run Prometheus node_exporter on every box, and WireGuard "
                                  "between sites.")


def test_declared_and_mentioned_are_listed_apart(built: BuildResult) -> None:
    page = article(built.page("projects/wireguard/"))
    talks = [a.get_text() for a in page.select(".hw-cards:not(.hw-mentions) .hw-card__title")]
    mentioned = [a.get_text() for a in page.select(".hw-mentions .hw-card__title")]
    assert talks == ["A talk about tunnels"]
    assert mentioned == ["Monitoring at home"]


def test_wikilinks(built: BuildResult) -> None:
    links = link_texts(built.page("talks/eo/vpn-talk/"))
    assert links["the kernel tunnel"] == "../../../projects/wireguard/"
    assert links["node-exporter"] == "../../../projects/node-exporter/"
    assert links["Monitoring at home"] == "../home/"


def test_entity_pages_show_cooccurrence_and_hierarchy(built: BuildResult) -> None:
    speaker = article(built.page("speakers/tui-ngata/"))
    sections = {h.get_text(" ", strip=True).split(" ")[0] for h in speaker.select("h2")}
    assert "Co-speakers" in sections
    assert "Jo Bloggs" in link_texts(built.page("speakers/tui-ngata/"))
    project = link_texts(built.page("projects/wireguard/"))
    assert "Contributor licence agreements" in project and "Tūī Ngata" in project
    topic = link_texts(built.page("topics/cla/"))
    assert topic["Licensing"] == "../licensing/" and "WireGuard" in topic
    assert "Contributor licence agreements" in link_texts(built.page("topics/licensing/"))


def test_related_talks_with_reasons(built: BuildResult) -> None:
    page = article(built.page("talks/eo/vpn-talk/"))
    related = page.select(".hw-related li")
    assert related, "expected related talks"
    first = related[0]
    assert first.select_one(".hw-card__title").get_text() == "Monitoring at home"  # type: ignore[union-attr]
    reason = first.select_one(".hw-card__context").get_text()  # type: ignore[union-attr]
    assert reason.startswith("shares: ") and "Tūī Ngata" in reason and "WireGuard" in reason


def test_all_mode_links_every_mention(tmp_path: Path) -> None:
    make_kb(tmp_path, ENTITIES | {"talks/eo/a.md": "---\ntitle: A\nevent: eo\n---\nWireGuard, WireGuard.\n"},
            autolink="all")
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.output
    assert len(links_of(result, "talks/eo/a/")) == 2


def test_alias_claimed_twice_in_one_kind_fails_check_and_build(tmp_path: Path) -> None:
    make_kb(tmp_path, {
        "topics/vpn.md": "---\nname: VPN\naliases: [tunnel]\n---\n",
        "topics/wireguard.md": "---\nname: WireGuard\naliases: [tunnel]\n---\n",
        "talks/eo/a.md": "---\ntitle: A\nevent: eo\n---\nText\n",
    })
    result = hallway("check", "--kb", str(tmp_path))
    assert result.returncode == 1
    assert "the topic name 'tunnel' is also claimed by topics/vpn.md" in result.stdout
    assert "topics/wireguard.md" in result.stdout
    build = mkdocs_build(tmp_path)
    assert build.returncode != 0 and "'tunnel'" in build.output


SHARED_NAME = {
    "speakers/mariatta.md": "---\nname: Mariatta\n---\nCore developer.\n",
    "topics/mariatta.md": "---\nname: mariatta\n---\nTalks tagged with her name.\n",
    "events/scipy-2016.md": "---\nname: SciPy 2016\n---\n",
    "projects/scipy.md": "---\nname: SciPy\n---\n",
    "topics/scipy-2016.md": "---\nname: SciPy 2016\n---\n",
    "talks/scipy-2016/bots.md": "---\ntitle: Bots\nevent: SciPy 2016\nspeakers: [Mariatta]\n"
                                "topics: [mariatta, SciPy 2016]\n---\n\nMariatta wrote bots.\n",
    "posts/later.md": "---\ntitle: Later\n---\n\nWe met Mariatta at SciPy 2016, then SciPy again.\n\n"
                      "Thanks to [[speaker:mariatta|Mariatta]].\n",
}


def test_names_shared_across_kinds_are_two_entities_and_prose_stays_unlinked(tmp_path: Path) -> None:
    """Issue 16: references are typed, so a speaker and a topic (or an event and a topic) may share
    a name; a prose mention that could mean either is not linked, the explicit link is."""
    make_kb(tmp_path, SHARED_NAME)
    check = hallway("check", "--kb", str(tmp_path))
    assert check.returncode == 0, check.stdout + check.stderr
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.output
    assert "Bots" in link_texts(result.page("speakers/mariatta/"))
    assert "Bots" in link_texts(result.page("topics/mariatta/"))
    assert "Bots" in link_texts(result.page("events/scipy-2016/"))
    assert "Bots" in link_texts(result.page("topics/scipy-2016/"))
    links = links_of(result, "posts/later/")
    # 'SciPy 2016' is ambiguous and keeps its span: 'SciPy' inside it is not linked instead.
    assert links == [("SciPy", "../../projects/scipy/")], links
    explicit = [(a.get_text(), a["href"]) for a in article(result.page("posts/later/")).select("p a")
                if a.get_text() == "Mariatta"]
    assert explicit == [("Mariatta", "../../speakers/mariatta/")], explicit


def test_suggest_names_both_entities_and_the_explicit_link(tmp_path: Path) -> None:
    make_kb(tmp_path, SHARED_NAME | {"posts/ask.md": "---\ntitle: Ask\n---\n\nSee [[Mariatta]].\n",
                                     "posts/one.md": "---\ntitle: One\nspeakers: [Mariatta]\n---\n\n"
                                                     "Mariatta again.\n"})
    result = hallway("check", "--suggest", "--kb", str(tmp_path))
    assert ("posts/ask.md:5: link: unknown link target '[[Mariatta]]' — it names both the speaker "
            "'Mariatta' and the topic 'mariatta': write [[speaker:mariatta|Mariatta]] or "
            "[[topic:mariatta|Mariatta]] to say which") in result.stdout, result.stdout
    lines = result.stdout.splitlines()
    assert ("posts/later.md:5: suggest: 'Mariatta' names both the speaker 'Mariatta' and the topic "
            "'mariatta', so it is not linked — write [[speaker:mariatta|Mariatta]] or "
            "[[topic:mariatta|Mariatta]] to link it") in lines, lines
    assert ("posts/later.md:5: suggest: 'SciPy 2016' names both the event 'SciPy 2016' and the topic "
            "'SciPy 2016', so it is not linked — write [[event:scipy-2016|SciPy 2016]] or "
            "[[topic:scipy-2016|SciPy 2016]] to link it") in lines, lines
    # A note that lists one of them in its front-matter is pointed at that one.
    assert ("posts/one.md:6: suggest: 'Mariatta' names both the speaker 'Mariatta' and "
            "the topic 'mariatta', so it is not linked — write [[speaker:mariatta|Mariatta]] "
            "to link it") in lines, lines


def test_unknown_wikilink_fails_with_file_line_and_suggestion(tmp_path: Path) -> None:
    make_kb(tmp_path, ENTITIES | {"talks/eo/a.md": "---\ntitle: A\nevent: eo\n---\n\nSee [[Wireguardd]].\n"})
    result = hallway("check", "--kb", str(tmp_path))
    assert result.returncode == 1
    assert ("talks/eo/a.md:6: link: unknown link target '[[Wireguardd]]' — did you mean "
            "'[[WireGuard]]'?") in result.stdout
    assert mkdocs_build(tmp_path).returncode != 0


def test_suggest_lists_undeclared_mentions_and_near_misses(tmp_path: Path) -> None:
    make_kb(tmp_path, ENTITIES | {
        "talks/eo/a.md": "---\ntitle: A\nevent: eo\n---\n\n- Wireguard is nice\n- Promethues too\n"})
    result = hallway("check", "--suggest", "--kb", str(tmp_path))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "talks/eo/a.md:6: suggest: 'WireGuard' is mentioned but not listed — add it to projects:" in lines
    assert ("talks/eo/a.md:6: suggest: 'Wireguard' is written 'WireGuard' elsewhere — "
            "use that spelling") in lines
    assert "talks/eo/a.md:7: suggest: 'Promethues' looks like 'Prometheus' — did you mean it?" in lines


def test_links_with_apostrophes_and_parentheses_are_published_intact(tmp_path: Path) -> None:
    """Issue 16: legal URL characters build, and come out escaped into the attribute, unchanged."""
    video = "https://www.youtube.com/watch?v=it's_(2),x"
    slides = "https://example.org/o'reilly/(talk),final;v=2"
    make_kb(tmp_path, {
        "projects/obrien.md": "---\nname: O'Brien tools\nurl: \"https://example.org/o'brien_(tools)\"\n---\n",
        "talks/eo/a.md": f"---\ntitle: A\nevent: eo\nlinks:\n  video: \"{video}\"\n  slides: \"{slides}\"\n"
                         "---\n\nAt [1:05] it starts.\n",
    })
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.output
    page = article(result.page("talks/eo/a/"))
    hrefs = {a.get_text(strip=True): a["href"] for a in page.select("a")}
    assert hrefs["Video"] == video and hrefs["Slides"] == slides
    assert hrefs["1:05"] == "https://www.youtube.com/watch?v=it%27s_%282%29%2Cx&t=65"
    raw = (result.site / "talks/eo/a/index.html").read_text(encoding="utf-8")
    assert "o&#39;reilly" in raw and "o'reilly" not in raw  # escaped in the attribute
    assert article(result.page("projects/obrien/")).select_one("a.hw-link")["href"] == (  # type: ignore[index]
        "https://example.org/o'brien_(tools)")


def test_a_quote_in_a_link_fails_the_build_with_the_reason(tmp_path: Path) -> None:
    make_kb(tmp_path, {"talks/eo/a.md": "---\ntitle: A\nevent: eo\nlinks:\n"
                                        "  video: 'https://a.example/x\" onmouseover=\"alert(1)'\n---\n"})
    result = mkdocs_build(tmp_path)
    assert result.returncode != 0
    assert "talks/eo/a.md:5: links: not an http(s) URL" in result.output
    assert "contains '\"', which a link cannot hold" in result.output


def test_a_lowercase_common_word_name_is_not_auto_linked_unless_its_file_asks(tmp_path: Path) -> None:
    """Issue 16: pyvideo's tags ('forms', 'extension') linked all over the prose were noise."""
    make_kb(tmp_path, {
        "topics/extension.md": "---\nname: extension\nautolink: always\n---\n",
        "topics/swift.md": "---\nname: Swift\n---\n",
        "topics/debugging.md": "---\nname: debugging\naliases: [pdb]\nautolink: never\n---\n",
        "topics/web-forms.md": "---\nname: web forms\n---\n",
        "talks/eo/tagged.md": "---\ntitle: Tagged\nevent: eo\ntopics: [forms, mypy, extension, debugging]\n"
                              "---\n",
        "posts/prose.md": "---\ntitle: Prose\n---\n\nFill in the forms, then debugging and pdb. "
                          "An extension in Swift, checked by mypy; web forms. See [[forms]].\n",
    })
    check = hallway("check", "--kb", str(tmp_path))
    assert check.returncode == 0, check.stdout + check.stderr
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0, result.output
    links = dict(links_of(result, "posts/prose/"))
    assert links == {"pdb": "../../topics/debugging/", "extension": "../../topics/extension/",
                     "Swift": "../../topics/swift/", "mypy": "../../topics/mypy/",
                     "web forms": "../../topics/web-forms/"}, links
    explicit = [a["href"] for a in article(result.page("posts/prose/")).select("p a")
                if a.get_text() == "forms"]
    assert explicit == ["../../topics/forms/"]


def test_an_unknown_name_autolink_mode_is_an_error(tmp_path: Path) -> None:
    make_kb(tmp_path, {"topics/forms.md": "---\nname: forms\nautolink: sometimes\n---\n"})
    result = hallway("check", "--kb", str(tmp_path))
    assert result.returncode == 1
    assert ("topics/forms.md:3: autolink: unknown autolink mode 'sometimes' — use auto, always or never"
            in result.stdout), result.stdout
