"""The repository's own notes, built with ``mkdocs build --strict``, read as a visitor would."""

from __future__ import annotations

import pytest

from .kbfixtures import BuildResult, article, link_texts

pytestmark = pytest.mark.build

EO = "talks/everything-open-2025"
TALKS = {
    f"{EO}/koha-not-your-average-library-system/": ("Koha – not your average library system",
                                                    "Aleisha Amohia", "aleisha-amohia"),
    f"{EO}/the-circle-of-life-the-digital-skills-gitbook-project/": (
        "The circle of life: The Digital Skills GitBook project", "Sara King", "sara-king"),
    f"{EO}/developing-in-the-open-building-a-product-with-our-users/": (
        "Developing in the open, building a product with our users", "Toby Bellwood", "toby-bellwood"),
    f"{EO}/presenting-n3n-a-simple-peer-to-peer-vpn/": (
        "Presenting n3n – A simple Peer to Peer VPN", "Hamish Coleman", "hamish-coleman"),
    f"{EO}/from-the-stone-age-to-silicon-the-dwarf-axe-guide-to-the-evolution-of-technology/": (
        "From the stone age to silicon: The Dwarf Axe guide to the evolution of technology",
        "Steven Ellis", "steven-ellis"),
}
POST = "posts/node-exporter-crashing-an-old-server/"


def hrefs_to(result: BuildResult, url: str) -> list[str]:
    return [str(a.get("href")) for a in article(result.page(url)).find_all("a")]


@pytest.mark.parametrize("url", TALKS)
def test_each_talk_links_to_speaker_and_event_and_back(real_site: BuildResult, url: str) -> None:
    title, speaker, speaker_slug = TALKS[url]
    page = real_site.page(url)
    assert article(page).h1.get_text(strip=True) == title  # type: ignore[union-attr]
    links = link_texts(page)
    assert links[speaker] == f"../../../speakers/{speaker_slug}/"
    assert links["Everything Open 2025"] == "../../../events/everything-open-2025/"
    back = f"../../{url}"
    assert back in hrefs_to(real_site, f"speakers/{speaker_slug}/")
    assert back in hrefs_to(real_site, "events/everything-open-2025/")


def test_exactly_five_talk_pages(real_site: BuildResult) -> None:
    pages = sorted(p.parent.name for p in (real_site.site / EO).glob("*/index.html"))
    assert len(pages) == 5


def test_topic_pages_list_the_n3n_talk(real_site: BuildResult) -> None:
    n3n = f"../../{EO}/presenting-n3n-a-simple-peer-to-peer-vpn/"
    assert n3n in hrefs_to(real_site, "topics/vpn/")
    assert n3n in hrefs_to(real_site, "topics/contributor-licence-agreements/")


def test_koha_and_prometheus_pages(real_site: BuildResult) -> None:
    assert f"../../{EO}/koha-not-your-average-library-system/" in hrefs_to(real_site, "projects/koha/")
    assert f"../../{POST}" in hrefs_to(real_site, "projects/prometheus/")


def test_write_up_is_listed_apart_from_talks(real_site: BuildResult) -> None:
    posts = link_texts(real_site.page("posts/"))
    assert "node_exporter crashing an old server" in posts
    talks = link_texts(real_site.page("talks/"))
    assert "node_exporter crashing an old server" not in talks
    assert "Presenting n3n – A simple Peer to Peer VPN" in talks


def test_edit_button_opens_the_real_source_file(real_site: BuildResult) -> None:
    page = real_site.page(f"{EO}/presenting-n3n-a-simple-peer-to-peer-vpn/")
    edit = page.select_one("a[rel=edit]")
    assert edit is not None
    assert edit["href"] == ("https://github.com/hallway-notes/hallway/edit/main/"
                            f"{EO}/presenting-n3n-a-simple-peer-to-peer-vpn.md")
    speaker_edit = real_site.page("speakers/toby-bellwood/").select_one("a[rel=edit]")
    assert speaker_edit is not None and str(speaker_edit["href"]).endswith("/speakers/toby-bellwood.md")


def test_generated_pages_have_no_edit_button(real_site: BuildResult) -> None:
    assert real_site.page("projects/ntop/").select_one("a[rel=edit]") is None


def test_talks_are_not_in_the_sidebar(real_site: BuildResult) -> None:
    nav = real_site.page("topics/vpn/").select_one("nav.md-nav--primary")
    assert nav is not None
    assert "Presenting n3n" not in nav.get_text()


def test_index_pages_and_home(real_site: BuildResult) -> None:
    for url, expected in [("speakers/", "Hamish Coleman"), ("events/", "Everything Open 2025"),
                          ("projects/", "WireGuard"), ("topics/", "VPN")]:
        assert expected in link_texts(real_site.page(url)), url
    home = real_site.page("")
    text = article(home).get_text(" ", strip=True)
    assert "Newest notes" in text and "Everything Open 2025" in text
    assert "Presenting n3n – A simple Peer to Peer VPN" in link_texts(home)


def test_talk_page_shows_its_facts(real_site: BuildResult) -> None:
    page = article(real_site.page(f"{EO}/presenting-n3n-a-simple-peer-to-peer-vpn/"))
    facts = page.select_one("dl.hw-facts")
    assert facts is not None
    text = facts.get_text(" ", strip=True)
    for expected in ("Talk", "Hamish Coleman", "Day 2 – Afternoon", "WireGuard", "VPN"):
        assert expected in text
    assert "Based off n2n (developed by the people who did ntop)" in page.get_text()


def autolinks(result: BuildResult, url: str) -> dict[str, str]:
    return {a.get_text(): str(a["href"]) for a in article(result.page(url)).select("a.hw-autolink")}


def test_n3n_talk_links_to_what_it_mentions_and_they_link_back(real_site: BuildResult) -> None:
    url = f"{EO}/presenting-n3n-a-simple-peer-to-peer-vpn/"
    links = set(autolinks(real_site, url).values())
    expected = {"projects/wireguard/", "projects/openvpn/", "projects/n2n/",
                "topics/contributor-licence-agreements/"}
    assert {f"../../../{e}" for e in expected} <= links
    for target in expected:
        assert f"../../{url}" in hrefs_to(real_site, target), target


def test_lagoon_talk_links_to_kubernetes(real_site: BuildResult) -> None:
    links = autolinks(real_site, f"{EO}/developing-in-the-open-building-a-product-with-our-users/")
    assert links["Kubernetes"] == "../../../projects/kubernetes/"


def test_write_up_links_to_prometheus_and_grafana(real_site: BuildResult) -> None:
    links = set(autolinks(real_site, POST).values())
    assert {"../../projects/prometheus/", "../../projects/grafana/"} <= links


def test_talks_show_related_talks_with_reasons(real_site: BuildResult) -> None:
    page = article(real_site.page(f"{EO}/koha-not-your-average-library-system/"))
    reasons = [c.get_text() for c in page.select(".hw-related .hw-card__context")]
    assert reasons and all(r.startswith("shares: ") for r in reasons)
