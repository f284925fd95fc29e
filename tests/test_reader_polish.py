"""What a reader notices on the built pages (issue 19): wording, dates, related talks, the 404
page, the favicon and social previews. Real ``mkdocs build --strict`` of the repository's own
knowledge base and of small fixtures."""

from __future__ import annotations

import pytest

from hallway.core.kb.loader import load
from hallway.core.kb.model import date_span, day_of_event

from .kbfixtures import REPO, BuildResult, article, make_kb, mkdocs_build

pytestmark = pytest.mark.build

EO = "talks/everything-open-2025/"


def test_home_counts_read_as_english(real_site: BuildResult) -> None:
    stats = article(real_site.page("")).select_one(".hw-stats")
    assert stats is not None
    text = stats.get_text().replace("\u00a0", " ")  # a no-break space keeps each count with its word
    assert "1 write-up ·" in text and "1 event ·" in text and "5 talks" in text


def test_seed_talks_take_their_events_dates() -> None:
    kb, _ = load(REPO)
    talk = kb.notes[EO + "presenting-n3n-a-simple-peer-to-peer-vpn.md"]
    assert talk.session == "Day 2 – Afternoon"
    assert talk.date is not None and talk.date.isoformat() == "2025-01-21" and talk.date_from_event


def test_a_session_day_outside_the_event_falls_back_to_its_first_day() -> None:
    span = date_span("2025-01-20 to 2025-01-22")
    assert span is not None
    assert day_of_event(span, "Day 3 – Morning").isoformat() == "2025-01-22"
    assert day_of_event(span, "Day 9").isoformat() == "2025-01-20"
    assert day_of_event(span, "Keynotes").isoformat() == "2025-01-20"
    assert date_span("late January") is None and date_span("2025-02-30") is None


def test_the_talks_index_has_no_undated_group_for_the_seed_talks(real_site: BuildResult) -> None:
    headings = [h.get_text() for h in article(real_site.page("talks/")).select("h2")]
    assert headings == ["2025"]
    event = article(real_site.page("events/everything-open-2025/")).select_one(".hw-where")
    assert event is not None and "2025-01-20 to 2025-01-22" in event.get_text()


def test_aliases_show_as_words_not_as_syntax(real_site: BuildResult) -> None:
    aliases = article(real_site.page("topics/contributor-licence-agreements/")).select_one(".hw-aliases")
    assert aliases is not None
    assert "CLA, CLAs," in aliases.get_text() and "(s)" not in aliases.get_text()


def test_a_useful_404_page(real_site: BuildResult) -> None:
    page = real_site.page("404.html")
    form = article(page).select_one("form[role=search]")
    assert form is not None and form["action"] == "/hallway/search/" and form.select_one("input[name=q]")
    links = {a.get_text(): a["href"] for a in article(page).select(".hw-notfound__links a")}
    assert links["All talks"] == "/hallway/talks/" and links["Topics"] == "/hallway/topics/"


def test_favicon_social_preview_and_skip_link(real_site: BuildResult) -> None:
    page = real_site.page(EO + "koha-not-your-average-library-system/")
    icon = page.select_one("link[rel=icon]")
    assert icon is not None and str(icon["href"]).endswith("assets/hallway/favicon.svg")
    assert (real_site.site / "assets/hallway/favicon.svg").read_text(encoding="utf-8").startswith("<svg")
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.select("meta[content]")}
    assert meta["og:title"] == "Koha – not your average library system"
    assert meta["og:description"] == "Notes on the talk by Aleisha Amohia at Everything Open 2025."
    site = "https://hallway-notes.github.io/hallway/"
    assert meta["og:url"] == site + EO + "koha-not-your-average-library-system/"
    # X/Twitter falls back to og:title and og:description: only its card type is written.
    assert meta["og:type"] == "article" and meta["twitter:card"] == "summary"
    assert "twitter:title" not in meta and "twitter:description" not in meta
    skip = page.select_one("a.hw-skip")
    assert skip is not None and skip["href"] == "#hw-content" and page.select_one("#hw-content")


def test_no_sidebar_holding_only_a_link_to_the_page_itself(real_site: BuildResult) -> None:
    for url in ("", "talks/", EO + "koha-not-your-average-library-system/"):
        sidebar = real_site.page(url).select_one(".md-sidebar--primary")
        assert sidebar is not None and sidebar.has_attr("hidden")  # desktop; a phone's menu drawer keeps it


def test_related_talks_need_more_than_the_same_event_and_cards_need_no_stray_separator(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    root = make_kb(tmp_path_factory.mktemp("polish"), {
        "talks/conf-2024/a.md": "---\ntitle: Alpha\nevent: Conf 2024\ntopics: [Rust]\n---\nText.\n",
        "talks/conf-2024/b.md": "---\ntitle: Beta\nevent: Conf 2024\ntopics: [Rust]\n---\nText.\n",
        "talks/conf-2024/c.md": "---\ntitle: Gamma\nevent: Conf 2024\n---\nOther words.\n",
        "topics/rust.md": "---\nname: Rust\naliases: [rustlang]\n---\n",
    })
    site = mkdocs_build(root)
    assert site.returncode == 0, site.output
    alpha = article(site.page("talks/conf-2024/a/"))
    related = [(c.select(".hw-card__title")[0].get_text(), c.select(".hw-card__context")[0].get_text())
               for c in alpha.select(".hw-related .hw-card")]
    assert related == [("Beta", "shares: Rust")]
    assert not article(site.page("talks/conf-2024/c/")).select(".hw-related")
    for meta in article(site.page("topics/rust/")).select(".hw-card__meta"):
        assert not meta.get_text().strip().startswith("·")
    names = site.page("search/").select_one("script[data-hw-filter-names]")
    assert names is not None and '"rustlang": "Rust"' in names.get_text()
