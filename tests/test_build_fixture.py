"""Real ``mkdocs build --strict`` runs of small fixture knowledge bases."""

from __future__ import annotations

from pathlib import Path

import pytest

from .kbfixtures import article, link_texts, make_kb, mkdocs_build

pytestmark = pytest.mark.build


def test_entity_pages_list_talks_newest_first_with_unicode_names(kb: Path) -> None:
    make_kb(kb, {
        "speakers/tui-ngata.md": "---\nname: Tūī Ngata\nlinks: {website: 'https://tui.example/'}\n---\nKaiako.\n",
        "talks/kiwicon-2024/old.md": "---\ntitle: Old talk\nevent: kiwicon-2024\ndate: 2024-01-02\n"
                                     "speakers: [Tūī Ngata]\n---\nNotes\n",
        "talks/kiwicon-2024/new.md": "---\ntitle: New talk\nevent: kiwicon-2024\ndate: 2024-03-04\n"
                                     "speakers: [tui-ngata]\nkind: keynote\n---\nNotes\n",
    })
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    speaker = article(result.page("speakers/tui-ngata/"))
    assert speaker.h1.get_text() == "Tūī Ngata"  # type: ignore[union-attr]
    titles = [a.get_text() for a in speaker.select(".hw-card__title")]
    assert titles == ["New talk", "Old talk"]
    assert "Kaiako." in speaker.get_text()
    assert link_texts(result.page("speakers/tui-ngata/"))["Website"] == "https://tui.example/"
    event = result.page("events/kiwicon-2024/")
    assert article(event).h1.get_text() == "kiwicon-2024"  # type: ignore[union-attr]
    assert "Keynote" in article(result.page("talks/kiwicon-2024/new/")).get_text()


def test_build_fails_on_invalid_notes_naming_file_and_line(kb: Path) -> None:
    make_kb(kb, {"talks/eo/a.md": "---\ntitle: A\nevent: eo\ndate: not-a-date\n---\n"})
    result = mkdocs_build(kb)
    assert result.returncode != 0
    assert "talks/eo/a.md:4: date: invalid date" in result.output
    assert "Traceback" not in result.output


def test_strict_build_fails_on_warnings(kb: Path) -> None:
    make_kb(kb, {
        "topics/vpn.md": "---\nname: VPN\n---\n",
        "talks/eo/a.md": "---\ntitle: A\nevent: eo\ntopics: [vpnn]\n---\n",
    })
    assert mkdocs_build(kb, strict=True).returncode != 0
    assert mkdocs_build(kb, strict=False).returncode == 0


def test_topic_hierarchy_is_shown(kb: Path) -> None:
    make_kb(kb, {
        "topics/networking.md": "---\nname: Networking\n---\n",
        "topics/vpn.md": "---\nname: VPN\nparent: networking\n---\n",
        "talks/eo/a.md": "---\ntitle: A\nevent: eo\ntopics: [VPN]\n---\n",
    })
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    assert link_texts(result.page("topics/vpn/"))["Networking"] == "../networking/"
    assert "VPN" in link_texts(result.page("topics/networking/"))


def test_a_note_linking_to_another_note_by_path_builds(kb: Path) -> None:
    make_kb(kb, {
        "talks/eo/a.md": "---\ntitle: A\nevent: eo\n---\nSee [B](b.md).\n",
        "talks/eo/b.md": "---\ntitle: B\nevent: eo\n---\nB\n",
    })
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    assert link_texts(result.page("talks/eo/a/"))["B"] == "../b/"


def test_pages_sharing_one_markdown_converter_keep_their_own_toc_footnotes_and_links(kb: Path) -> None:
    """Hallway's pages share one Markdown converter per build (mkdocs_plugin/pages.py): nothing of
    one note (its headings, footnotes, abbreviations) may show on the next one's page."""
    make_kb(kb, {
        "talks/eo/a-first.md": "---\ntitle: First\nevent: eo\ndate: 2024-01-02\n---\n"
                               "## Only in first\n\nA claim.[^1] About HTML.\n\n[^1]: The first's source.\n\n"
                               "*[HTML]: Hyper Text Markup Language\n",
        "talks/eo/b-second.md": "---\ntitle: Second\nevent: eo\ndate: 2024-01-03\n---\n"
                                "## Only in second\n\nAlso HTML, see [the first](a-first.md).\n",
    }, extra_yml="  - footnotes\n  - abbr\n")
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    first = result.page("talks/eo/a-first/")
    second = result.page("talks/eo/b-second/")
    toc = [a.get_text(strip=True) for a in second.select("nav.md-nav--secondary a")]
    assert "Only in second" in toc and "Only in first" not in toc
    assert "Only in first" in [a.get_text(strip=True) for a in first.select("nav.md-nav--secondary a")]
    assert first.select(".footnote") and not second.select(".footnote")
    assert first.select("abbr") and not second.select("abbr")
    assert link_texts(second)["the first"] == "../a-first/"


def test_a_placeholder_abstract_makes_no_abstract_section(kb: Path) -> None:
    """Program exports put "." or "-" where a talk has no abstract: the page shows no section for it."""
    make_kb(kb, {
        "talks/eo/dot.md": "---\ntitle: Dot\nevent: eo\ndate: 2024-01-02\nabstract: '.'\n---\nNotes.\n",
        "talks/eo/real.md": "---\ntitle: Real\nevent: eo\ndate: 2024-01-03\nabstract: Worms and soil.\n---\n",
    })
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    assert not article(result.page("talks/eo/dot/")).select(".hw-abstract")
    sections = article(result.page("talks/eo/real/")).select(".hw-abstract")
    assert sections and "Worms and soil." in sections[0].get_text()


def test_the_theme_language_gives_the_interface_texts_and_links_stay_relative(kb: Path) -> None:
    """Material's texts come in the site's language (looked up once per build: translations.py),
    and talk cards link relative to each page they are on (page_urls.py)."""
    front = "event: eo-2026\nspeakers: [Ann Lee]\ntopics: [WireGuard]\n---\n"
    make_kb(kb, {"talks/eo-2026/a.md": "---\ntitle: Alpha\n" + front,
                 "talks/eo-2026/b.md": "---\ntitle: Beta\n" + front})
    config = kb / "mkdocs.yml"
    french = config.read_text().replace("  name: material\n", "  name: material\n  language: fr\n", 1)
    config.write_text(french)
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    talk = result.page("talks/eo-2026/a/")
    assert talk.html["lang"] == "fr"  # type: ignore[index]
    assert talk.select_one('[title="Editer cette page"]') is not None
    assert talk.select_one('[aria-label="En-tête"]') is not None
    speaker = result.page("speakers/ann-lee/")
    cards = [a["href"] for a in speaker.select("a.hw-card__title")]
    assert sorted(cards) == ["../../talks/eo-2026/a/", "../../talks/eo-2026/b/"]
    related = {a["href"] for a in talk.select("a.hw-card__title")}
    assert related == {"../b/"}
