"""Each input form of ``hallway import`` read into talks: flat text, bullets, Markdown, HTML, WXR."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallway.core.problems import HallwayError
from hallway.importer.blocks import BlockKind, SourceDoc
from hallway.importer.html_input import parse_html
from hallway.importer.inputs import read_input
from hallway.importer.markdown_input import parse_markdown
from hallway.importer.mdtext import drop_dead_links, escape_text
from hallway.importer.plaintext import parse_text
from hallway.importer.posttitle import split_post_title
from hallway.importer.render import render_blocks
from hallway.importer.split import split_doc
from hallway.importer.wxr import parse_wxr

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def talks(doc: SourceDoc) -> list[tuple[str, list[str], str, str]]:
    """(title, speakers, kind, Markdown body) of every talk found in ``doc``."""
    split = split_doc(doc)
    return [(t.heading.title, list(t.heading.speakers), t.kind,
             render_blocks(t.blocks, doc.flat, split.talk_level)) for t in split.talks]


def intro(doc: SourceDoc) -> str:
    split = split_doc(doc)
    return render_blocks(split.intro, doc.flat, split.talk_level)


def fixture(name: str) -> list[SourceDoc]:
    return read_input(FIXTURES / name, name, category="conferences")


def test_flat_text_finds_only_real_headings() -> None:
    [doc] = fixture("flat-day.txt")
    assert doc.flat
    found = talks(doc)
    assert [(t, s, k) for t, s, k, _ in found] == [
        ("Jane Doe Keynote Address", ["Jane Doe"], "keynote"),
        ("Stand by Me: Mentoring", ["Jo Bloggs"], "talk"),
        ("Kōrero tahi: Working in the open", ["Tūī Ngata", "Seán Ó Brien"], "talk"),
        ("Packaging Rust for Debian", ["Mary-Jane O'Neil", "Jean-Luc de la Croix", "Ana María da Silva"],
         "talk"),
        ("Lightning talks", [], "lightning"),
    ]
    keynote_body = found[0][3]
    assert keynote_body == ("- Opening remarks about the community\n- Created by volunteers\n"
                            "- Driven by Community\n- Supported by Linux Australia\n")
    # a line after "…:" or "… –" continues the note before it
    assert "- Accelerando by Charles Stross\n" in found[1][3]
    assert "- Nothing by Jo Bloggs\n" in found[2][3]
    assert intro(doc) == ("- Morning session was packed, so I sat near the back.\n"
                          "- Some talks were streamed only.\n")


def test_nested_bullets_become_nested_lists_and_are_never_headings() -> None:
    [doc] = fixture("nested-bullets.txt")
    assert not doc.flat
    found = talks(doc)
    assert [(t, s) for t, s, _, _ in found] == [
        ("Koha – not your average library system", ["Aleisha Amohia"]),
        ("Presenting n3n – A simple Peer to Peer VPN", ["Hamish Coleman"]),
    ]
    assert found[0][3] == (
        "- Started in 1999\n"
        "- Customizable and Configurable\n"
        "    - Used in 18,000+ libraries\n"
        "    - It is just a big database\n"
        "        - MySQL and MariaDB\n"
        "- Special beyond the code\n\n"
        "History of the fork\n\n"
        "- Based off n2n (developed by the people who did ntop)\n"
        "    - Changed the license in 2023\n"
        "        - Forked\n\n"
        "1. First numbered point\n"
        "2. Second numbered point\n")
    # glyphs give the nesting when there is no indentation; plain-text '*' is escaped
    assert found[1][3] == "- Peer to peer\n    - NAT piercing\n- Userspace \\* except tuntap\n"
    assert intro(doc) == "Notes from the afternoon. Coffee was good.\n"


def test_a_bullet_that_looks_like_a_heading_is_a_note() -> None:
    doc = parse_text("Intro\nReal talk by Jo Bloggs\n- Other talk by Sam Jones\n", "x.txt")
    assert [t for t, *_ in talks(doc)] == ["Real talk"]


def test_markdown_headings_bold_lines_and_lists() -> None:
    [doc] = fixture("day-notes.md")
    found = talks(doc)
    assert [(t, s, k) for t, s, k, _ in found] == [
        ("Koha – not your average library system", ["Aleisha Amohia"], "talk"),
        ("Keynote: The Future of Open", [], "keynote"),
        ("The circle of life: The Digital Skills GitBook project", ["Sara King"], "talk"),
        ("Presenting n3n", ["Hamish Coleman"], "talk"),
    ]
    koha = found[0][3]
    assert "- Customizable and Configurable\n    - Used in 18,000+ libraries continued on a second line\n" \
        in koha
    assert "    - It is *just* a big database\n" in koha
    assert "\n## History\n\n1. Bugs and external patches\n2. Translation capability\n" in koha
    assert "```\ncode by Jo Bloggs\n```" in koha
    assert found[1][3] == "> A quote by Jane Doe\n"
    assert found[3][3] == "- Peer to peer\n- Driven by Community\n"
    # the front-matter is skipped; the relative link keeps its text, the absolute one stays a link
    assert intro(doc) == ("## Everything Open 2025 – Day 1\n\nIntro paragraph with a relative link and an "
                          "[absolute one](https://example.org/x).\n")


def test_markdown_heading_link_is_kept() -> None:
    doc = parse_markdown("## [Presenting n3n](https://example.org/n3n) by Hamish Coleman\n\n- x\n", "x.md")
    split = split_doc(doc)
    assert split.talks[0].link == "https://example.org/n3n"


def test_html_blog_post() -> None:
    [doc] = fixture("blog-post.html")
    found = talks(doc)
    assert [(t, s, k) for t, s, k, _ in found] == [
        ("Koha – not your average library system", ["Aleisha Amohia"], "talk"),
        ("Developing in the open, building a product with our users", ["Toby Bellwood"], "talk"),
        ("Seán Ó Brien Keynote Address", ["Seán Ó Brien"], "keynote"),
    ]
    assert found[0][3] == (
        "- Name because software was made open source as a gift\n"
        "- Customizable and Configurable\n"
        "    - Used in 18,000+ libraries\n"
        "    - See my earlier post and [Koha](https://koha-community.org/)\n"
        "- Created by volunteers\n")
    lagoon = found[1][3]
    assert lagoon == ("## The Lagoon Story\n\n- At amazee.io . Is Lagoon Lead\n"
                      "- Uses &lt;script> tags \\* carefully\n\nSupported by Linux Australia\n")
    assert "alert" not in "".join(body for *_, body in found)
    assert found[2][3] == "1. First\n2. Second\n    1. Nested\n\nA slide\n"
    assert intro(doc) == "I skipped a couple of talks to do *Hallway track* and other stuff\n"


def test_html_without_marked_titles_reads_paragraph_lines() -> None:
    html = ("<p>Intro</p><p>Koha by Aleisha Amohia</p><ul><li>Started in 1999</li></ul>"
            "<p>Supported by Linux Australia</p>")
    doc = parse_html(html, "x.html")
    assert [(t, s) for t, s, *_ in talks(doc)] == [("Koha", ["Aleisha Amohia"])]


def test_a_definition_list_of_talks_reads_terms_as_lines_and_descriptions_as_their_notes() -> None:
    html = ("<dl><dt>Platform teams are product teams — Aziz Rahmani</dt>"
            "<dd>Treat developers as customers.</dd>"
            "<dt>Observability on a shoestring — Wiremu Tūhoe-Clarke</dt><dd>One VM.</dd>"
            "<dt>Ignites</dt><dd>Kahu Rewi — my first year of on-call</dd>"
            "<dd>Bethan Lloyd-Jones — docs as tests</dd>"
            "<dd>Sam — the Terraform change that took down prod</dd>"
            "<dt>Open spaces</dt><dd>I skipped them this year.</dd></dl>")
    found = talks(parse_html(html, "x.html"))
    assert [(t, s) for t, s, *_ in found] == [
        ("Platform teams are product teams", ["Aziz Rahmani"]),
        ("Observability on a shoestring", ["Wiremu Tūhoe-Clarke"]),
        ("Ignites", ["Kahu Rewi", "Bethan Lloyd-Jones", "Sam"])]
    assert "- Treat developers as customers." in found[0][3]
    assert "Open spaces" in found[2][3] and "I skipped them this year." in found[2][3]


def test_a_description_of_several_paragraphs_is_an_item_a_paragraph() -> None:
    html = ("<dl><dt>Shipping on Fridays — Sunita Rao</dt><dd><p>Deploy freezes make Monday worse.</p>"
            "<p>Hat tip – Greg Matheson, whose post started it.</p></dd>"
            "<dt>Kubernetes for teams of three — Tama Iosefa</dt><dd><p>Spoiler: don't.</p></dd>"
            "<dt>Ignites</dt><dd><p>Rachel Ngata – pair programming over bad wifi</p>"
            "<p>Oskar Lindahl – cost dashboards nobody looks at</p>"
            "<p>Faisal Qureshi – on-call in a four-person company</p></dd></dl>")
    found = talks(parse_html(html, "x.html"))
    assert [(t, s) for t, s, *_ in found] == [
        ("Shipping on Fridays", ["Sunita Rao"]), ("Kubernetes for teams of three", ["Tama Iosefa"]),
        ("Ignites", ["Rachel Ngata", "Oskar Lindahl", "Faisal Qureshi"])]
    assert "- Deploy freezes make Monday worse.\n- Hat tip – Greg Matheson" in found[0][3]


def test_a_saved_page_without_entry_content_drops_its_sidebar_header_and_footer() -> None:
    html = ("<html><body><div id='page'><div id='header'><h1>quietly compiling</h1></div>"
            "<div id='content'><div class='navigation'>« LCA 2008, Wednesday</div>"
            "<div class='post'><h2>LCA 2008, Thursday</h2><div class='entry'>"
            "<h3>Hacking the OLPC XO – Ngaire Whitcombe</h3><p>Sugar grows on you.</p>"
            "<h3>Git for Subversion refugees – Ilse Marchetti</h3><p>Standing room only.</p></div>"
            "<p class='postmetadata'>Filed under linux</p></div></div>"
            "<div id='sidebar'><ul><li><h2>Recent Posts</h2><ul><li>Packing for Melbourne – a checklist</li>"
            "</ul></li></ul></div><div id='footer'>Proudly powered by WordPress</div></div></body></html>")
    found = talks(parse_html(html, "x.html"))
    assert [(t, s) for t, s, *_ in found] == [
        ("Hacking the OLPC XO", ["Ngaire Whitcombe"]), ("Git for Subversion refugees", ["Ilse Marchetti"])]
    assert found[1][3].strip() == "Standing room only."
    # a theme that wraps the whole page in a furniture name keeps the post
    wrapped = ("<div class='widget'><div class='post'><h3>Koha by Aleisha Amohia</h3><p>Since 1999.</p>"
               "</div></div>")
    assert [(t, s) for t, s, *_ in talks(parse_html(wrapped, "x.html"))] == [("Koha", ["Aleisha Amohia"])]


def test_a_title_only_partly_bold_still_starts_a_talk_among_marked_ones() -> None:
    html = ("<h3>Koha by Aleisha Amohia</h3><ul><li>a</li></ul>"
            "<p><strong>Presenting n3n</strong> by Hamish Coleman</p><ul><li>b</li></ul>"
            "<p>Supported by Linux Australia</p>")
    assert [(t, s) for t, s, *_ in talks(parse_html(html, "x.html"))] == [
        ("Koha", ["Aleisha Amohia"]), ("Presenting n3n", ["Hamish Coleman"])]
    markdown = "## Koha by Aleisha Amohia\n\n- a\n\n**Presenting n3n** by Hamish Coleman\n\n- b\n"
    assert [(t, s) for t, s, *_ in talks(parse_markdown(markdown, "x.md"))] == [
        ("Koha", ["Aleisha Amohia"]), ("Presenting n3n", ["Hamish Coleman"])]


def test_wordpress_export_posts_of_a_category() -> None:
    docs = fixture("wordpress-export.xml")
    assert [d.title for d in docs] == ["Everything Open 2025 – Day 2 – Afternoon",
                                       "Everything Open 2025 – Day 3 – Morning", "Conference packing list"]
    first = docs[0]
    assert (first.event_name, first.session, str(first.date)) == ("Everything Open 2025", "Day 2 – Afternoon",
                                                                   "2025-01-21")
    found = talks(first)
    assert [(t, s) for t, s, *_ in found] == [
        ("Koha – not your average library system", ["Aleisha Amohia"]),
        ("Presenting n3n – A simple Peer to Peer VPN", ["Hamish Coleman"]),
    ]
    assert found[0][3] == ("- Started in 1999\n- Customizable and Configurable\n"
                           "    - Used in 18,000+ libraries\n")
    # relative links are made absolute against the post's address
    assert "[my n2n post](https://blog.example.org/2023/n2n/)" in found[1][3]
    assert intro(first) == "I skipped a couple of talks to do Hallway track and other stuff\n"
    assert [(t, s, k) for t, s, k, _ in talks(docs[1])] == [
        ("Closing Keynote", [], "keynote"), ("Mentoring", ["Aléisha Amohia"], "talk")]


def test_wordpress_export_needs_a_known_category() -> None:
    raw = (FIXTURES / "wordpress-export.xml").read_bytes()
    with pytest.raises(HallwayError) as err:
        parse_wxr(raw, "export.xml", None)
    assert "'Conferences' (3)" in str(err.value) and "'Life' (1)" in str(err.value)
    with pytest.raises(HallwayError) as err:
        parse_wxr(raw, "export.xml", "travel")
    assert "no posts in category 'travel'" in str(err.value)


@pytest.mark.parametrize(("title", "event", "session"), [
    ("Everything Open 2025 – Day 2 – Afternoon", "Everything Open 2025", "Day 2 – Afternoon"),
    ("linux.conf.au 2019 – Wednesday – Part 1", "linux.conf.au 2019", "Wednesday – Part 1"),
    ("KiwiCon 2018 Day 1", "KiwiCon 2018", "Day 1"),
    ("DevOpsDays Wellington 2023, day one", "DevOpsDays Wellington 2023", "day one"),
    ("PyCon AU: Sprints", "PyCon AU", "Sprints"),
    ("Everything Open 2025", "Everything Open 2025", None),
])
def test_post_titles_give_event_and_session(title: str, event: str, session: str | None) -> None:
    assert split_post_title(title) == (event, session)


@pytest.mark.parametrize("xml", [
    b"<rss><channel><item>",
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>',
    b"<html><body>not an export</body></html>",
])
def test_bad_or_hostile_xml_is_a_clear_error(xml: bytes) -> None:
    with pytest.raises(HallwayError) as err:
        parse_wxr(xml, "export.xml", "x")
    assert err.value.problems[0].path == "export.xml"


def test_unreadable_inputs_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes(b"Talk by Jo\nCaf\xe9\n")
    (tmp_path / "empty.txt").write_text("  \n")
    for name, message in [("binary.txt", "binary file"), ("latin1.txt", "not UTF-8"),
                          ("empty.txt", "empty"), ("missing.txt", "no such file")]:
        with pytest.raises(HallwayError) as err:
            read_input(tmp_path / name, name)
        assert message in str(err.value)
    with pytest.raises(HallwayError) as err:
        read_input(tmp_path / "latin1.txt", "latin1.txt")
    assert err.value.problems[0].line == 2


def test_escaping_keeps_plain_text_literal() -> None:
    assert escape_text("# not a heading") == "\\# not a heading"
    assert escape_text("1. not a list") == "1\\. not a list"
    assert escape_text("use *nix [1] <b> node_exporter _x_") == \
        "use \\*nix \\[1\\] &lt;b> node_exporter \\_x\\_"
    assert drop_dead_links("[a](b.md) ![i](x.png) [c](https://c.org)") == "a i [c](https://c.org)"


_settings = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
_structured = st.lists(st.sampled_from([
    "Koha by Aleisha Amohia", "- note", "  - nested", "\t◦ glyph", "# Head by Jo Bloggs", "**Bold by A B**",
    "```", "> quote", "| a |", "1. one", "<ul><li>x<ul><li>y</li></ul></li></ul>", "<h2>T by Jo Bloggs</h2>",
    "<p><strong>S</strong><br/>t</p>", "Keynote:", "Lightning talks", "", "---", "<![CDATA[x]]>", "&amp;",
]), max_size=30).map("\n".join)


@_settings
@given(st.one_of(_texts, _structured))
def test_any_text_parses_or_fails_cleanly(text: str) -> None:
    for parse in (parse_text, parse_markdown, parse_html):
        try:
            doc = parse(text, "x")
            split = split_doc(doc)
            render_blocks(split.intro, doc.flat, split.talk_level)
            for talk in split.talks:
                render_blocks(talk.blocks, doc.flat, split.talk_level)
        except HallwayError:
            pass


@_settings
@given(st.one_of(_texts, _structured, st.binary(max_size=300)))
def test_any_bytes_as_wordpress_export_fail_cleanly(data: str | bytes) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    for wrapped in (raw, b"<rss><channel><item><title>T</title><content:encoded xmlns:content="
                         b"'http://purl.org/rss/1.0/modules/content/'><![CDATA[" + raw.replace(b"]]>", b"")
                    + b"]]></content:encoded><category domain='category' nicename='c'>C</category>"
                      b"</item></channel></rss>"):
        with contextlib.suppress(HallwayError):
            parse_wxr(wrapped, "x.xml", "c")


def test_a_saved_pages_post_title_names_event_and_session() -> None:
    [doc] = fixture("blog-post.html")  # <h1 class="entry-title"> outside the post's content
    assert (doc.title, doc.event_name, doc.session) == (
        "Everything Open 2025 – Day 2 – Afternoon", "Everything Open 2025", "Day 2 – Afternoon")
    page = ("<html><head><title>normconf 2022 – what I watched | Data Notes</title></head>"
            "<body><div class='entry-content'><p>Intro</p></div></body></html>")
    assert (parse_html(page, "x.html").title, parse_html(page, "x.html").session) == (
        "normconf 2022 – what I watched", "what I watched")
    assert parse_html("<p>A fragment</p>", "x.html").title is None


def test_markdown_paragraphs_of_note_lines_are_read_line_by_line() -> None:
    flat = ("Day 2\nSamba in 2026 by Tanvir Alam\nStarted in 1992\n\n"
            "Accessibility by Dr Leona Whitfield\nOrca\n")
    assert [(t, s) for t, s, *_ in talks(parse_markdown(flat, "x.md"))] == [
        ("Samba in 2026", ["Tanvir Alam"]), ("Accessibility", ["Dr Leona Whitfield"])]
    hard = "Notes  \nThe median – Ngaire Hēnare  \nmeans lie\n"
    assert [b.plain for b in parse_markdown(hard, "x.md").blocks] == ["Notes", "The median – Ngaire Hēnare",
                                                                     "means lie"]
    prose = ("It was a long day and the talks were good, though the room\nwas cold and the coffee ran out "
             "before the keynote by\nJane Doe started.\n")
    assert len(parse_markdown(prose, "x.md").blocks) == 1  # wrapped prose stays one paragraph


@pytest.mark.parametrize(("html", "expected"), [
    # plain text pasted into a blog's editor: a typed list is a list, as in plain text
    ("<p>Reproducible builds for everyone</p><p>• speaker: Helga Marttinen</p><p>• Bit for bit</p>"
     "<p>Signing releases without tears</p><p>• speaker: Diego Fernández</p><p>• Use sigstore</p>",
     [("Reproducible builds for everyone", ["Helga Marttinen"]),
      ("Signing releases without tears", ["Diego Fernández"])]),
    ("<p>Day one.<br />\n• Intro to Widgets by Jane Doerr – she showed three<br />\n"
     "• Soil sensors on a budget by Marco Bellini – calibrate weekly</p>",
     [("Intro to Widgets", ["Jane Doerr"]), ("Soil sensors on a budget", ["Marco Bellini"])]),
    # Markdown rendered to HTML (Jekyll, Hugo): a paragraph's soft line breaks stay in the source
    ("<p><strong>The Lay of Leithian and its metres</strong>\nProf. Alasdair Fraser</p>\n"
     "<ul><li>Octosyllabic</li></ul>\n<p><strong>Women of the Shire</strong>\nDr Nia Rhys-Evans</p>\n"
     "<ul><li>Lobelia</li></ul>",
     [("The Lay of Leithian and its metres", ["Prof. Alasdair Fraser"]),
      ("Women of the Shire", ["Dr Nia Rhys-Evans"])]),
    ("<h2>Lightning talks</h2>\n<p>Hemi Walker – LoRa sensors for the garden\nDagny Solheim – a terminal"
     " font\nOluwadamilare Bankole – self-hosted email</p>",
     [("Lightning talks", ["Hemi Walker", "Dagny Solheim", "Oluwadamilare Bankole"])]),
    # (a dash before a name under a bold title is a credit, not a typed list marker)
    ("<div><strong>Open data in local councils</strong>\n— Mere Wihapi<br/>\n<br/>\n<ul><li>CSV</li></ul>"
     "<strong>Census microdata for researchers</strong>\n— Dr Ian Feng-Walker<br/>\n"
     "<ul><li>Slow</li></ul></div>",
     [("Open data in local councils", ["Mere Wihapi"]),
      ("Census microdata for researchers", ["Dr Ian Feng-Walker"])]),
])
def test_a_post_converted_to_another_format_has_the_same_talks(html: str, expected: list[object]) -> None:
    found = [(title, speakers) for title, speakers, _kind, _body in talks(parse_html(html, "post.html"))]
    assert found == expected


def test_rows_of_a_table_copied_as_tab_separated_text() -> None:
    text = ("DevOpsDays\n10:15 Serverless at a bank (Marieke Jansen-Oduya)\n- paperwork\n11:00 Ignites\n"
            "Sanne Bakker\tKanban for ops\nTariq Al-Mansouri\tWhy we deleted our wiki\n"
            "Hyun-woo Cho\tPostmortems as stories\n13:30 The cost of a page (Femke Visser)\n- sleep\n"
            "Open spaces I joined:\nTopic\tHost\nTerraform state locking\tDaan\n"
            "Hiring for on-call\tAnouk de Groot\n")
    split = split_doc(parse_text(text, "x.txt"))
    # headerless rows read as the writer would type them; rows under labels stay a table, not talks
    assert [(t.heading.title, list(t.heading.speakers)) for t in split.talks] == [
        ("Serverless at a bank", ["Marieke Jansen-Oduya"]),
        ("Ignites", ["Sanne Bakker", "Tariq Al-Mansouri", "Hyun-woo Cho"]),
        ("The cost of a page", ["Femke Visser"])]
    notes = render_blocks(split.talks[-1].blocks, flat=False)
    assert "| Topic | Host |\n| --- | --- |\n| Terraform state locking | Daan |" in notes
    # a copied programme whose header names talks and speakers is talks, one a row
    programme = "Day one\nTime\tTalk\tSpeaker\n09:00\tOpening\tJane Doe\n09:30\tRust at work\tAri Lindqvist\n"
    talks = split_doc(parse_text(programme, "x.txt")).talks
    assert [(t.heading.title, list(t.heading.speakers)) for t in talks] == [
        ("Opening", ["Jane Doe"]), ("Rust at work", ["Ari Lindqvist"])]


def test_rows_of_a_table_lined_up_with_spaces_are_read_as_tab_separated_ones() -> None:
    text = ("Ignites\nPresenter          Topic\nLena Fischer       Runbooks nobody reads\n"
            "Kwabena Owusu      The pager is a product\n\nSentence one.  Sentence two, after two spaces.\n"
            "Another line.  With two spaces too.\n")
    blocks = parse_text(text, "x.txt").blocks
    assert blocks[1].kind == BlockKind.RAW
    assert blocks[1].text.split("\n") == ["| Presenter | Topic |", "| --- | --- |",
                                          "| Lena Fischer | Runbooks nobody reads |",
                                          "| Kwabena Owusu | The pager is a product |"]
    # prose with two spaces after a full stop, even where two such lines line up, stays lines
    assert [(b.kind, b.plain) for b in blocks[2:]] == [
        (BlockKind.LINE, "Sentence one. Sentence two, after two spaces."),
        (BlockKind.LINE, "Another line. With two spaces too.")]


def test_obsidian_wiki_links_are_read_as_the_text_they_show() -> None:
    text = ("# normconf\n\n#conference #data\n\n## Pandas Is Fine\nspeaker: [[Kemi Adeyemi]]\n"
            "- fits in memory\n\n"
            "## SQL Linting\nspeaker: [[people/tomas|Tomás Ó Briain]], [[J. K. Okafor]]\n"
            "- h/t [[Mark King]] ![[photo.png]]\n\n```\n[[kept]]\n```\n")
    found = talks(parse_markdown(text, "vault.md"))
    assert [(t[0], t[1]) for t in found] == [("Pandas Is Fine", ["Kemi Adeyemi"]),
                                             ("SQL Linting", ["Tomás Ó Briain", "J. K. Okafor"])]
    assert "h/t Mark King ![[photo.png]]" in found[1][3] and "[[kept]]" in found[1][3]


def test_hugo_toml_front_matter_and_a_jekyll_date_with_its_time() -> None:
    hugo = parse_markdown('+++\ntitle = "DevOpsDays Christchurch 2023"\ndate = 2023-09-14\n'
                          'tags = ["devopsdays"]\n+++\n\nHello.\n', "post.md")
    assert hugo.title == "DevOpsDays Christchurch 2023" and str(hugo.date) == "2023-09-14"
    assert hugo.blocks[0].text == "Tags: devopsdays" and "+++" not in intro(hugo)
    jekyll = parse_markdown('---\ntitle: "EO 2026, day one"\ndate: 2026-01-20 21:30:00 +1100\n---\n\nHi.\n',
                            "post.md")
    assert str(jekyll.date) == "2026-01-20" and "Date: 2026-01-20 21:30:00 +1100" in jekyll.blocks[0].text


def test_a_threads_post_counters_are_taken_off() -> None:
    thread = ("1/ notes from #lca2017, a thread\n\n2/ Kieran O'Donoghue – Sandboxing with Seccomp\n"
              "filters are BPF\n\n3/ his tip: start from strace\n\n"
              "(4/9) Ayşe Yılmaz – Rust for C Programmers\n- borrow checker\n")
    found = talks(parse_text(thread, "thread.txt"))
    assert [(t[0], t[1]) for t in found] == [("Sandboxing with Seccomp", ["Kieran O'Donoghue"]),
                                             ("Rust for C Programmers", ["Ayşe Yılmaz"])]
    assert "his tip: start from strace" in found[0][3]
    # counters out of order, or too few, are the words as written
    assert parse_text("24/7 on call\n\n1/2 cup of flour\n", "x.txt").blocks[0].plain == "24/7 on call"


def test_a_saved_livejournal_page_its_entry_text_and_its_users() -> None:
    html = ("<html><body><div id='lj_controlstrip'>LiveJournal | Log in</div>"
            "<div class='entry'><div class='entryHeader'>Jan. 29th, 2008</div><div class='entry_text'>"
            "Day two.<br /><br /><b>Priya Raghunathan: Why Your Init System Matters</b><br />- upstart<br />"
            "Lunch with <lj user=\"kerryoz\"> and Dave from the LUG.<br />"
            "<b>Will Fisher: Xen vs KVM</b><br />- both<br /><br />"
            "<div class='currents'><b>Current Mood:</b> tired</div></div>"
            "<div class='entryFooter'>Leave a comment</div></div>"
            "<div id='comments'><div class='commentText'>Spaces. Obviously.</div></div>"
            "<div class='footer'>Powered by LiveJournal.com</div></body></html>")
    found = talks(parse_html(html, "x.html"))
    assert [(t, s) for t, s, *_ in found] == [
        ("Why Your Init System Matters", ["Priya Raghunathan"]), ("Xen vs KVM", ["Will Fisher"])]
    # a user tag is the user's name in its line; the page around the entry and its mood are not the post
    assert "Lunch with kerryoz and Dave from the LUG." in found[0][3]
    assert found[1][3].strip() == "- both"
    # Dreamwidth writes <user name="…">
    dreamwidth = html.replace('<lj user="kerryoz">', '<user name="kerryoz">')
    assert "Lunch with kerryoz and Dave" in talks(parse_html(dreamwidth, "x.html"))[0][3]
