"""Heading conventions of ``hallway import``: detected per file, forced, and helped by the knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from hallway.core.authoring.safe_writer import write_new_files
from hallway.core.kb.loader import load
from hallway.core.problems import HallwayError
from hallway.importer.conventions import (
    BY,
    COLON_TITLE,
    DASH_TITLE,
    LIST_ITEM,
    NO_SPEAKER,
    NUMBERED,
    SPEAKER_COMMA,
    TITLE_COLON,
    TITLE_COMMA,
    TITLE_DASH,
    TITLE_PAREN,
    TWO_LINE,
    parse_convention,
)
from hallway.importer.evidence import Evidence, KnownTalk
from hallway.importer.html_input import parse_html
from hallway.importer.markdown_input import parse_markdown
from hallway.importer.plaintext import parse_text
from hallway.importer.plan import Options, make_plan
from hallway.importer.render import render_blocks
from hallway.importer.split import split_doc

from .kbfixtures import make_kb


def read(text: str, evidence: Evidence | None = None, forced: str | None = None,
         markdown: bool = False) -> tuple[str, list[tuple[str, list[str]]]]:
    doc = parse_markdown(text, "x.md") if markdown else parse_text(text, "x.txt")
    split = split_doc(doc, evidence, forced)
    return split.convention, [(t.heading.title, list(t.heading.speakers)) for t in split.talks]


@pytest.mark.parametrize(("text", "convention", "talks"), [
    ("Ein Tag voller Vorträge.\nSicherheit für Vereine – Jürgen Weißmüller\n- Passwörter\n"
     "Offene Daten - was nun? – Käthe Müller-Lüdenscheidt\n- Portale\n",
     TITLE_DASH, [("Sicherheit für Vereine", ["Jürgen Weißmüller"]),
                  ("Offene Daten - was nun?", ["Käthe Müller-Lüdenscheidt"])]),
    ("Hēmi Te Rangi – Whakapapa and databases\n- Graphs\nAroha Pōtae – Reo in the browser\n- Fonts\n",
     DASH_TITLE, [("Whakapapa and databases", ["Hēmi Te Rangi"]), ("Reo in the browser", ["Aroha Pōtae"])]),
    ("Go: the good parts: Yuki Tanaka\n- Interfaces\nLogs: a love story: Ahmad bin Ismail\n- Structured\n",
     TITLE_COLON, [("Go: the good parts", ["Yuki Tanaka"]), ("Logs: a love story", ["Ahmad bin Ismail"])]),
    ("Ludwig van der Berg: Dutch tooling: a tour\n- Fast\nNoor al-Hassan: Arabic in the terminal\n- RTL\n",
     COLON_TITLE, [("Dutch tooling: a tour", ["Ludwig van der Berg"]),
                   ("Arabic in the terminal", ["Noor al-Hassan"])]),
    ("Why X still matters\nAnn Oneill, Bob Twomey, Cy Threlfall\nIt does\nKeynote\nJane Doe\nBig ideas\n",
     TWO_LINE, [("Why X still matters", ["Ann Oneill", "Bob Twomey", "Cy Threlfall"]),
                ("Keynote", ["Jane Doe"])]),
    ("3. Packaging fonts\n• speaker: Jane Doe\n• Hinting\n4. Colour fonts\n• speaker: 山田 太郎\n• COLR\n",
     NUMBERED, [("Packaging fonts", ["Jane Doe"]), ("Colour fonts", ["山田 太郎"])]),
    ("Talks:\n• Intro to Widgets by Jane Doe – she showed widgets\n• Gadgets by Иван Петров – fast\n",
     LIST_ITEM, [("Intro to Widgets", ["Jane Doe"]), ("Gadgets", ["Иван Петров"])]),
    ("Koha by Aleisha Amohia\n- Started in 1999\n", BY, [("Koha", ["Aleisha Amohia"])]),
    ("Keeping Linux great (Jane Doe)\n- boot\nContainers (Bob Jones and 王小明)\n- x\n",
     TITLE_PAREN, [("Keeping Linux great", ["Jane Doe"]), ("Containers", ["Bob Jones", "王小明"])]),
    ("Building bridges, Jane Doe\n- a\nSmall teams, big dreams, Bob Jones and Ann Lee\n- b\n",
     TITLE_COMMA, [("Building bridges", ["Jane Doe"]),
                   ("Small teams, big dreams", ["Bob Jones", "Ann Lee"])]),
    ("Intro\nTalk: Making Linux boring – Jane Doe\n- a\nSession 3: Rust at work – Bob Jones\n- b\n",
     TITLE_DASH, [("Making Linux boring", ["Jane Doe"]), ("Rust at work", ["Bob Jones"])]),
    ("Rust at work – Jane Doe – Catalyst IT\n- n\nKoha – not average – Bob Jones\n- m\n",
     TITLE_DASH, [("Rust at work", ["Jane Doe"]), ("Koha – not average", ["Bob Jones"])]),
    ("J. Smith – Adoption of tools\n- a\nK. Jones – Other things\n- b\n",
     DASH_TITLE, [("Adoption of tools", ["J. Smith"]), ("Other things", ["K. Jones"])]),
])
def test_one_convention_per_file(text: str, convention: str, talks: list[tuple[str, list[str]]]) -> None:
    assert read(text) == (convention, talks)


def test_headings_without_speakers_and_possessive_keynotes() -> None:
    text = ("# Day notes\n\n## State machines\n\n- a\n- b\n\n## Bundlers\n\n- c\n- d\n\n"
            "## Isabella Moreno's keynote\n\n- e\n\n## Jane Doe’s keynote\n\n- f\n\n"
            "## Summary\n\n- a good day\n- tired\n")
    convention, talks = read(text, markdown=True)
    assert convention == NO_SPEAKER
    assert talks == [("State machines", []), ("Bundlers", []),
                     ("Isabella Moreno's keynote", ["Isabella Moreno"]), ("Jane Doe’s keynote", ["Jane Doe"])]


def test_open_space_sessions_with_tldr() -> None:
    text = "Open space\nMentoring\nTLDR: pair people up.\nMore notes\nFunding\nTLDR: hard.\n"
    assert read(text)[1] == [("Mentoring", []), ("Funding", [])]
    one = "Koha by Aleisha Amohia\nGreat talk overall\nTLDR: use Koha\nOpen space: hiring\nTLDR: hard\n- x\n"
    assert read(one)[1] == [("Koha", ["Aleisha Amohia"]), ("Open space: hiring", [])]


def test_forcing_a_convention() -> None:
    text = "Ann Smith – Bob Jones\n- notes\nCara Lee – Dan Wu\n- more\n"
    assert read(text, forced=TITLE_DASH)[1] == [("Ann Smith", ["Bob Jones"]), ("Cara Lee", ["Dan Wu"])]
    assert read(text, forced=DASH_TITLE)[1] == [("Bob Jones", ["Ann Smith"]), ("Dan Wu", ["Cara Lee"])]
    assert parse_convention("Title - Speaker") == TITLE_DASH == parse_convention("title — speaker")
    assert parse_convention("sideways") is None


def test_known_speakers_make_single_names_believable() -> None:
    text = "Rust for everyone – Pia\n- ownership\nGo for everyone – Rob Pike\n- channels\n"
    assert read(text)[1] == [("Go for everyone", ["Rob Pike"])]
    evidence = Evidence(speakers={"pia"})
    assert read(text, evidence)[1] == [("Rust for everyone", ["Pia"]), ("Go for everyone", ["Rob Pike"])]


def _kb_with_program(tmp_path: Path) -> Path:
    return make_kb(tmp_path / "kb", {
        "events/eo.md": "---\nname: EO 2026\n---\n",
        "speakers/aleisha-amohia.md": "---\nname: Aleisha Amohia\n---\n",
        "talks/eo/koha-not-your-average-library-system.md":
            "---\ntitle: 'Koha: not your average library system'\nspeakers: [Aleisha Amohia]\n"
            "event: eo\nkind: talk\n---\n",
        "talks/eo/the-axe-guide.md":
            "---\ntitle: From the stone age to silicon\nspeakers: [Steven Ellis]\nevent: eo\n"
            "kind: keynote\n---\n",
    })


def test_headings_take_the_exact_title_and_speakers_of_talks_already_known(tmp_path: Path) -> None:
    kb = _kb_with_program(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("Koha - not your average library system - Aleisha\n- Started in 1999\n"
                     "Steven Ellis's keynote\n- Axes\n", encoding="utf-8")
    doc = parse_text(notes.read_text(encoding="utf-8"), "notes.txt")
    plan = make_plan(kb, [doc], Options(event="eo"), progress=lambda _t: None)
    assert [(e.title, e.speakers, e.action, e.path) for e in plan.talks] == [
        ("Koha: not your average library system", ["Aleisha Amohia"], "reused",
         "talks/eo/koha-not-your-average-library-system.md"),
        ("From the stone age to silicon", ["Steven Ellis"], "reused", "talks/eo/the-axe-guide.md")]
    # the program's files are never touched; the notes go to write-ups beside them
    assert sorted(plan.files) == ["posts/eo-koha-not-your-average-library-system-notes.md",
                                  "posts/eo-the-axe-guide-notes.md"]
    assert "- Started in 1999\n" in plan.files["posts/eo-koha-not-your-average-library-system-notes.md"]


def test_plan_shows_convention_track_sessions_and_unsure_lines(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", {})
    text = ("Open Widgets Miniconf – Deploying Safely by Jane Doerr\n- flags\n"
            "Scaling – Nadia Haddad\n- hire\nCaching – Lucía Romero\n- TTLs\n")
    plan = make_plan(kb, [parse_text(text, "day.txt")], Options(event="eo", session="Day 2"),
                     progress=lambda _t: None)
    assert plan.conventions[0]["convention"] == TITLE_DASH and plan.conventions[0]["talks"] == 3
    assert [(u["line"], u["decision"].split(",")[0]) for u in plan.unsure] == [
        (1, "talk 'Deploying Safely' by Jane Doerr")]
    deploying = plan.files["talks/eo/deploying-safely.md"]
    assert "session: Day 2 – Open Widgets Miniconf\n" in deploying
    assert any(line.startswith("unsure    day.txt:1: ") for line in plan.report_lines())


def test_a_prose_post_is_one_write_up_with_a_warning(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", {})
    text = "A long first sentence about the day, which ended well.\nAnother paragraph.\n"
    plan = make_plan(kb, [parse_text(text, "post.txt", "quiet-day")], Options(),
                     progress=lambda _t: None)
    assert list(plan.files) == ["posts/quiet-day.md"]
    assert plan.files["posts/quiet-day.md"] == (
        "---\ntitle: Quiet Day\nkind: post\n---\n\nA long first sentence about the day, which ended well.\n\n"
        "Another paragraph.\n")
    assert plan.warnings == ["post.txt: no talk headings found; imported as one note, posts/quiet-day.md "
                             "(use --headings to name the file's convention if it has talks)"]


def test_times_and_affiliations_are_kept_out_of_titles_and_names_but_not_lost(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", {})
    text = ("Day two\n10:30 – eBPF tricks – Jane Doe, Catalyst IT\n- maps\n"
            "11:00am ZFS at home – Bob Jones from Red Hat\n- pools\n")
    plan = make_plan(kb, [parse_text(text, "day.txt")], Options(event="eo"), progress=lambda _t: None)
    assert [(e.title, e.speakers) for e in plan.talks] == [("eBPF tricks", ["Jane Doe"]),
                                                           ("ZFS at home", ["Bob Jones"])]
    assert plan.files["talks/eo/ebpf-tricks.md"].endswith(
        "---\n\nSpeakers: Jane Doe, Catalyst IT\n\n- Time: 10:30\n- maps\n")


def test_note_lines_of_another_shape_stay_notes() -> None:
    text = ("Koha by Aleisha Amohia\n- Started in 1999\nRecommended reading: Charles Stross\n"
            "Book: Accelerando – Charles Stross\nThanks – Jane Doe\n"
            "Presenting n3n by Hamish Coleman\n- VPN\n")
    assert read(text)[1] == [("Koha", ["Aleisha Amohia"]), ("Presenting n3n", ["Hamish Coleman"])]


def test_speakers_found_by_another_shape_complete_a_speakerless_heading() -> None:
    text = ("# Notes\n\n## State machines\n\n- a\n\n## Bundlers compared – Jane Doe\n\n- c\n\n"
            "## Forms\n\n- x\n\n## Why Y\n\n*Bob Jones – Acme Corp*\n\n- m\n")
    convention, talks = read(text, markdown=True)
    assert convention == NO_SPEAKER
    assert talks == [("State machines", []), ("Bundlers compared", ["Jane Doe"]), ("Forms", []),
                     ("Why Y", ["Bob Jones"])]


def test_a_line_that_is_a_known_talk_title_starts_that_talk(tmp_path: Path) -> None:
    kb = _kb_with_program(tmp_path)
    text = "Morning\nKoha – not your average library system\nStarted in 1999\nRust for beginners\n"
    plan = make_plan(kb, [parse_text(text, "notes.txt")], Options(event="eo"), progress=lambda _t: None)
    assert [(e.title, e.speakers) for e in plan.talks] == [
        ("Koha: not your average library system", ["Aleisha Amohia"])]
    assert [u["line"] for u in plan.unsure] == [2]
    evidence = Evidence(talks={"eo": []}, event="eo")
    assert read(text, evidence)[1] == []


def test_a_first_bullet_naming_the_speaker() -> None:
    text = ("# X\n\n## Rust at work\n\n- Speaker: Bob Jones\n- notes\n\n"
            "## Go at work\n\n- Presenter: Ann Lee\n- more\n")
    assert read(text, markdown=True)[1] == [("Rust at work", ["Bob Jones"]), ("Go at work", ["Ann Lee"])]


def test_a_lightning_talk_block_names_its_presenters() -> None:
    text = ("Koha by Aleisha Amohia\n- a\nLightning talks\n- Jane Doe – Rust in five minutes\n"
            "    - fast\n- Tūī Ngata: Kōrero in the terminal\n- Bob Jones - Fonts\nClosing by Ann Lee\n- b\n")
    convention, talks = read(text)
    assert convention == BY
    assert talks == [("Koha", ["Aleisha Amohia"]),
                     ("Lightning talks", ["Jane Doe", "Tūī Ngata", "Bob Jones"]), ("Closing", ["Ann Lee"])]


def test_list_item_talks_with_a_dash_and_html_headings_with_a_line_break() -> None:
    text = ("Talks\n- Rust at work – Bob Jones\n    - notes\n- Ann Lee – Go at home\n    - more\n"
            "- Loose – note\n")
    assert read(text) == (LIST_ITEM, [("Rust at work", ["Bob Jones"]), ("Go at home", ["Ann Lee"])])
    html = ("<p>x</p><h3>Rust at work<br>Bob Jones</h3><ul><li>a</li></ul>"
            "<h3>Go at home<br><em>Ann Lee</em></h3><p>b</p>")
    split = split_doc(parse_html(html, "x.html"))
    assert [(t.heading.title, list(t.heading.speakers)) for t in split.talks] == [
        ("Rust at work", ["Bob Jones"]), ("Go at home", ["Ann Lee"])]


def test_in_a_post_with_headings_lines_that_look_like_talks_stay_notes() -> None:
    text = ("# X\n\n## Forms\n\n- a\n\nSomething nice – Ada Lovelace\n\n- b\n\n## Bundlers\n\n- c\n\n"
            "## Caching\n\n- d\n\nBest line – Grace Hopper\n\n- e\n\n## Tests\n\n- f\n\n"
            "Quote – Alan Turing\n\n- x\n")
    assert read(text, markdown=True) == (NO_SPEAKER, [("Forms", []), ("Bundlers", []), ("Caching", []),
                                                      ("Tests", [])])


def test_affiliations_on_speaker_lines_and_bullets_are_kept() -> None:
    doc = parse_text("Notes\n1. Rust at work\n• speaker: Jane Doe (Acme)\n• x\n2. Go\n"
                     "• speaker: Bob Jones, Initech\n• y\n", "x.txt")
    assert [(t.heading.speakers, t.heading.byline) for t in split_doc(doc).talks] == [
        (("Jane Doe",), "Jane Doe (Acme)"), (("Bob Jones",), "Bob Jones, Initech")]


def test_keynote_headings_do_not_keep_the_speaker_in_the_title_and_initials_end_names() -> None:
    text = ("Koha by Aleisha Amohia\n- a\nKeynote: The Open Web – Jane Doe\n- b\nKeynote: Bob Jones\n- c\n"
            "Rust at work – Jane D.\n- d\n")
    assert read(text)[1] == [("Koha", ["Aleisha Amohia"]), ("Keynote: The Open Web", ["Jane Doe"]),
                             ("Keynote", ["Bob Jones"]), ("Rust at work", ["Jane D."])]


def test_a_possessive_keynote_without_apostrophe_names_a_known_speaker() -> None:
    text = "# Day\n\n## Jane Does keynote\n\n- f\n\n## Tom Jones keynote\n\n- g\n"
    assert read(text, Evidence(speakers={"jane doe"}), markdown=True)[1] == [
        ("Jane Does keynote", ["Jane Doe"]), ("Tom Jones keynote", ["Tom Jones"])]
    assert read(text, Evidence(speakers={"jane does"}), markdown=True)[1] == [
        ("Jane Does keynote", ["Jane Does"]), ("Tom Jones keynote", ["Tom Jones"])]


def test_a_possessive_keynote_without_apostrophe_and_no_evidence_reads_the_surname() -> None:
    """With nothing known, the s goes where the name reads rarer with it (``Fischers``) or as an
    everyday word (``Does``), and stays on ``Jones`` and double-barrelled ``Tanaka-Wells``."""
    text = ("# Day\n\n## Jane Does keynote\n\n- f\n\n## Tom Jones keynote\n\n- g\n\n"
            "## Hannah Fischers keynote\n\n- h\n\n## Hiroshi Tanaka-Wells keynote\n\n- i\n")
    assert [speakers for _title, speakers in read(text, markdown=True)[1]] == [
        ["Jane Doe"], ["Tom Jones"], ["Hannah Fischer"], ["Hiroshi Tanaka-Wells"]]


@pytest.mark.parametrize(("text", "convention", "talks"), [
    # academic papers: the speaker first, a comma, the title (names in Welsh, Persian)
    ("Friday papers\nDr Rhys ap Gwilym, Welsh Names in Middle-earth\n- mutations\n"
     "Hamid Rahimi, Reading Tolkien in Persian\n- three Gandalfs\n",
     SPEAKER_COMMA, [("Welsh Names in Middle-earth", ["Dr Rhys ap Gwilym"]),
                     ("Reading Tolkien in Persian", ["Hamid Rahimi"])]),
    # an em dash without spaces, as typographers write it; two initials as a given name
    ("# normconf\n\n### The joy of cron—Idris Bello\n\n- a\n\n"
     "### Naming things—KJ Ostrowski & Benedikt Rauch\n\n- b\n",
     TITLE_DASH, [("The joy of cron", ["Idris Bello"]),
                  ("Naming things", ["KJ Ostrowski", "Benedikt Rauch"])]),
    # a title in quotation marks after the name loses them; a question is a title; Jr. keeps its dot
    ("Dr Rosalind Achterberg – “Tolkien’s Medieval Sources: Beowulf and Beyond”\n- dragons\n"
     "Jean-Paul Leclerc – “Hobbits in Translation”\n- Bilbon\n",
     DASH_TITLE, [("Tolkien’s Medieval Sources: Beowulf and Beyond", ["Dr Rosalind Achterberg"]),
                  ("Hobbits in Translation", ["Jean-Paul Leclerc"])]),
    ("Day 1\nIs it time to rewrite it in Rust? – Sione Latu\n- no\n"
     "Legacy systems deserve love – Robert Ames Jr.\n- payroll\n",
     TITLE_DASH, [("Is it time to rewrite it in Rust?", ["Sione Latu"]),
                  ("Legacy systems deserve love", ["Robert Ames Jr."])]),
    # pronouns or an affiliation in brackets are not split into names
    ("Tuesday\nInclusive code reviews\nAri Lindqvist (they/them)\n- tone\nMastodon for a university\n"
     "Dr Helena Kowalski-Reyes (she/her), University of Otago\n- moderation\n",
     TWO_LINE, [("Inclusive code reviews", ["Ari Lindqvist"]),
                ("Mastodon for a university", ["Dr Helena Kowalski-Reyes"])]),
])
def test_more_shapes_people_write(text: str, convention: str, talks: list[tuple[str, list[str]]]) -> None:
    assert read(text, markdown=text.startswith("#")) == (convention, talks)


def test_credits_labels_and_post_titles_are_not_talks() -> None:
    # "Organisers – Ann and Bob" credits people; "Venue: Te Papa Tongarewa" is a label
    text = ("Kiwi PyCon – reflections\nI went this year.\nVenue: Te Papa Tongarewa\n"
            "Organisers – Aroha Te Kani and Joel Matthews\nNext year: Dunedin, apparently.\n")
    assert read(text)[1] == []
    # a heading above the talks' level naming no full name is the post's title ("– Auckland")
    md = ("# DevOpsDays 2019 – Auckland\n\n## Incident reviews – Chloé Martin\n\n- a\n\n"
          "## Kubernetes is not a strategy – Bartholomew Oyelaran\n\n- b\n")
    assert read(md, markdown=True)[1] == [("Incident reviews", ["Chloé Martin"]),
                                          ("Kubernetes is not a strategy", ["Bartholomew Oyelaran"])]


def test_headings_of_a_prose_post_are_sections_of_one_write_up() -> None:
    text = ("# Kiwi PyCon 2019 – what I took away\n\nMy first in years.\n\n## The venue\n\nIt was cold.\n\n"
            "## The people\n\nEveryone was friendly.\n")
    assert read(text, markdown=True)[1] == []
    one = "<p>Great day.</p><p><strong>Next year</strong></p><p>I hope to give a talk myself.</p>"
    assert split_doc(parse_html(one, "x.html")).talks == []
    # headings over notes in a list are talks without speakers
    listed = "# Day\n\n## The city\n\n- cold\n\n## Getting around\n\n- buses\n"
    assert read(listed, markdown=True) == (NO_SPEAKER, [("The city", []), ("Getting around", [])])
    # the usual sections of a write-up are never talks, even over lists
    retro = "# Retro\n\n## What went well\n\n- on time\n\n## Highlights\n\n- friends\n"
    assert read(retro, markdown=True)[1] == []


def test_ignite_presenters_and_a_group_of_open_spaces(tmp_path: Path) -> None:
    text = ("# DevOpsDays\n\n## Self-hosting Matrix – Priya Venkataraman\n\n- bridges\n\n"
            "## Ignite talks\n\n* Sam Taufa – Pagers and parenting\n"
            "* Hemi Walker – DNS is always the problem\n\n"
            "## Open Spaces\n\n### Terraform state horror stories\n\nTLDR: lock your state.\n\n"
            "- lost a VPC\n\n"
            "### On-call for small teams\n\nTLDR: three people at least.\n")
    assert read(text, markdown=True)[1] == [
        ("Self-hosting Matrix", ["Priya Venkataraman"]), ("Ignite talks", ["Sam Taufa", "Hemi Walker"]),
        ("Terraform state horror stories", []), ("On-call for small teams", [])]
    kb = make_kb(tmp_path / "kb", {})
    plan = make_plan(kb, [parse_markdown(text, "day.md")], Options(event="dod"), progress=lambda _t: None)
    terraform = plan.files["talks/dod/terraform-state-horror-stories.md"]
    assert "session: Open Spaces\n" in terraform
    assert "Open Spaces" not in plan.files["talks/dod/ignite-talks.md"]
    assert "kind: lightning\n" in plan.files["talks/dod/ignite-talks.md"]
    assert any(u["line"] == 12 and "group of sessions" in u["decision"] for u in plan.unsure)


def test_markdown_front_matter_gives_title_date_event_and_session(tmp_path: Path) -> None:
    text = ("---\ntitle: \"LCA 2016 – Day 2 – Morning\"\ndate: 2016-02-03\ncategories:\n  - linux.conf.au\n"
            "tags: [lca2016, geelong]\n---\n\nWifi worked.\n\n"
            "### Using Linux as a DJ – Matthias Klumpp\n\n- JACK\n")
    kb = make_kb(tmp_path / "kb", {})
    plan = make_plan(kb, [parse_markdown(text, "post.md")], Options(), progress=lambda _t: None)
    talk = plan.files["talks/lca-2016/using-linux-as-a-dj.md"]
    assert "event: LCA 2016\n" in talk and "date: 2016-02-03\n" in talk
    assert "session: Day 2 – Morning\n" in talk
    day = plan.files["posts/lca-2016-day-2-morning.md"]
    assert "title: LCA 2016 – Day 2 – Morning\n" in day
    assert "Categories: linux.conf.au · Tags: lca2016, geelong" in day and "Wifi worked." in day


def test_lightning_blocks_written_topic_first_and_credits_that_are_not_talks() -> None:
    text = ("LCA 2016 – Friday\nKeynote: Hardware for everyone – Dr Catarina Mota\n- materials\n"
            "Lightning talks\nRust on a microbit – Jessie Oakley\n"
            "Why I maintain a Debian package – Ewan MacKinnon\n"
            "Closing – Steve Walsh\nThanks to the volunteers\nSee you in Hobart\n"
            "Project lead – Jeremy Allison\nKey people – Joanie Diggs and Samuel Thibault\n")
    assert read(text)[1] == [("Keynote: Hardware for everyone", ["Dr Catarina Mota"]),
                             ("Lightning talks", ["Jessie Oakley", "Ewan MacKinnon"]),
                             ("Closing", ["Steve Walsh"])]
    # a name-only block, with "St." inside a name; "B1)" numbering comes off the title
    names = "Lightning talks\nTamsin Hollis\nMark St. Clair\n- a song, a rant\n"
    assert read(names)[1] == [("Lightning talks", ["Tamsin Hollis", "Mark St. Clair"])]
    lettered = ("Session B\nB1) Elves and Time (Dr Ruth Grünewald)\n- memory\n"
                "B2) The Shire (Oscar Lind)\n- x\n")
    assert read(lettered)[1] == [("Elves and Time", ["Dr Ruth Grünewald"]), ("The Shire", ["Oscar Lind"])]


def test_the_plan_lists_headings_kept_as_sections_of_a_write_up(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", {})
    text = "# A week away\n\nIt was good.\n\n## The city\n\nCold.\n\n## Getting around\n\nBuses.\n"
    plan = make_plan(kb, [parse_markdown(text, "week.md")], Options(), progress=lambda _t: None)
    assert plan.talks == [] and list(plan.files) == ["posts/a-week-away.md"]
    assert [(u["line"], u["decision"]) for u in plan.unsure][-2:] == [
        (5, "kept as a section of the write-up (no speaker, only prose under it)"),
        (9, "kept as a section of the write-up (no speaker, only prose under it)")]
    assert "## The city" in plan.files["posts/a-week-away.md"]


def test_a_track_before_the_speaker_and_a_labelled_panel_line(tmp_path: Path) -> None:
    text = ("LCA 2012 – Monday\nSysadmin Miniconf: Grant Whitworth – Puppet at scale\n- Hiera\n"
            "Open Hardware Miniconf: Jon Oxley – Building the kit\n- solder\n")
    kb = make_kb(tmp_path / "kb", {})
    plan = make_plan(kb, [parse_text(text, "mon.txt")], Options(event="lca"), progress=lambda _t: None)
    assert [(e.title, e.speakers) for e in plan.talks] == [("Puppet at scale", ["Grant Whitworth"]),
                                                           ("Building the kit", ["Jon Oxley"])]
    assert "session: Sysadmin Miniconf\n" in plan.files["talks/lca/puppet-at-scale.md"]
    panel = ("Day\nPanel: Who pays for open source?\nPanellists: Marcus Feld, Dr Aiko Sato and Jo Kowal\n"
             "Moderator: Hamish Hunt\nFoundations help\n")
    plan = make_plan(kb, [parse_text(panel, "p.txt")], Options(event="lca"), progress=lambda _t: None)
    assert [(e.title, e.speakers) for e in plan.talks] == [
        ("Panel: Who pays for open source?", ["Marcus Feld", "Dr Aiko Sato", "Jo Kowal"])]
    assert plan.files["talks/lca/panel-who-pays-for-open-source.md"].endswith(
        "---\n\nPanellists: Marcus Feld, Dr Aiko Sato and Jo Kowal\n\n- Moderator: Hamish Hunt\n"
        "- Foundations help\n")


def test_note_lines_that_name_people_stay_notes() -> None:
    text = ("Containers from scratch by Gabriela Pérez\nBased on earlier work by Liz Rice\nnamespaces\n"
            "Home automation by Sipho Dlamini\nHome Assistant – runs on a Pi\nCompare with: Jan Novak\n"
            "Shout out – Marcus Whitehead\nThanks to the conference chair, Jarrah Wilson\n")
    assert read(text)[1] == [("Containers from scratch", ["Gabriela Pérez"]),
                             ("Home automation", ["Sipho Dlamini"])]
    dashes = ("Day 1\nDigital sovereignty – Hēmi Parata\nHat tip – Liam O'Connor\n"
              "Similar project – Chris Dawson\nTeaching Linux in prisons – Dr Beatriz Almeida\n"
              "Still in touch with – Pia Waugh and Jon Oxley.\n"
              "The keynotes – Anthony Baxter, Stormy Peters and Bruce Schneier – were all memorable.\n")
    assert read(dashes)[1] == [("Digital sovereignty", ["Hēmi Parata"]),
                               ("Teaching Linux in prisons", ["Dr Beatriz Almeida"])]


def test_headings_nested_under_a_talk_are_its_notes() -> None:
    text = ("# Tolkien 2024\n\n## The Fall of Gondolin – Dr Nerys Pryce\n\n"
            "### Sources – Christopher Tolkien\n\n- Lost Tales\n\n"
            "## Beorn and the Berserkers – Halvard Strand\n\n- sagas\n\n"
            "### Further reading: The Saga of Hrolf Kraki – Jesse Byock\n\n- translation\n")
    doc = parse_markdown(text, "x.md")
    split = split_doc(doc)
    assert [(t.heading.title, list(t.heading.speakers)) for t in split.talks] == [
        ("The Fall of Gondolin", ["Dr Nerys Pryce"]), ("Beorn and the Berserkers", ["Halvard Strand"])]
    notes = render_blocks(split.talks[0].blocks, False, split.talk_level)
    assert notes == "## Sources – Christopher Tolkien\n\n- Lost Tales\n"
    assert [u.line for u in split.unsure if "sub-heading of the talk" in u.decision] == [5, 13]


def test_one_line_talks_copied_without_bullets_and_bold_titles_before_names(tmp_path: Path) -> None:
    flat = ("Tuesday notes:\nIntro to eBPF by Siobhán Gallagher – she traced a slow disk.\n"
            "Lunch was good – dumplings.\nSelf-hosting email by Tui Tangaroa – still painful.\n")
    assert read(flat) == (LIST_ITEM, [("Intro to eBPF", ["Siobhán Gallagher"]),
                                      ("Self-hosting email", ["Tui Tangaroa"])])
    prose = "A week away.\nThe highlight was the keynote by Rebecca Giblin – it reframed copyright.\n"
    assert read(prose)[1] == []
    html = ("<p>Thursday.</p><p><b>The Linux Graphics Stack</b>, Keith Packwood. X is being split.</p>"
            "<p><b>Kernel Testing</b>, Dave Jones. Fuzzers find bugs.</p>")
    split = split_doc(parse_html(html, "x.html"))
    assert [(t.heading.title, list(t.heading.speakers)) for t in split.talks] == [
        ("The Linux Graphics Stack", ["Keith Packwood"]), ("Kernel Testing", ["Dave Jones"])]
    md = ("Short version.\n\n* **Runbooks as code** — Ngāti Tama-Hill\n  Every step is a script.\n\n"
          "* **Paging less** — Sophie Laurent\n  Delete alerts nobody acts on.\n")
    kb = make_kb(tmp_path / "kb", {})
    plan = make_plan(kb, [parse_markdown(md, "x.md")], Options(event="dod"), progress=lambda _t: None)
    assert [(e.title, e.speakers) for e in plan.talks] == [("Runbooks as code", ["Ngāti Tama-Hill"]),
                                                           ("Paging less", ["Sophie Laurent"])]
    assert plan.files["talks/dod/runbooks-as-code.md"].endswith("---\n\nEvery step is a script.\n")


def test_talk_labels_and_bold_speaker_labels_in_markdown() -> None:
    text = ("# DevOpsDays\n\n## Talk: Incident response at a startup\n\n**Speaker**: Hinemoa Rāwiri\n\n"
            "- no rota\n\n## Talk: Chaos on a budget\n\n**Speaker**: Giorgos Papadakis\n\n- staging first\n")
    assert read(text, markdown=True)[1] == [("Incident response at a startup", ["Hinemoa Rāwiri"]),
                                            ("Chaos on a budget", ["Giorgos Papadakis"])]


@pytest.mark.parametrize(("text", "talks"), [
    ("PyCon AU\nPackaging with maturin / Ines Vasconcelos\n- magic\n"
     "Async in production / Dr Kwabena Asare\n- x\n",
     [("Packaging with maturin", ["Ines Vasconcelos"]), ("Async in production", ["Dr Kwabena Asare"])]),
    ("LCA 2015\nKernel address sanitiser [Ana Luísa Costa]\n- bugs\n"
     "The future of X.org [Keith Whitcombe]\n- y\n",
     [("Kernel address sanitiser", ["Ana Luísa Costa"]), ("The future of X.org", ["Keith Whitcombe"])]),
    ("# EO\n\n### [Security] Hardening the boot chain (Rafaela Nunes)\n\n- TPM\n\n"
     "### [Open Data] Transit data (Callum Fraser)\n\n- GTFS\n",
     [("Hardening the boot chain", ["Rafaela Nunes"]), ("Transit data", ["Callum Fraser"])]),
    # the post's own heading is not a talk, whatever its words look like (Hangul words read as names)
    ("# 파이콘 한국 2024 – 둘째 날\n\n## 데이터 파이프라인 – 김민준\n\n- cron\n\n"
     "## 타입 힌트 실전 – 이서연\n\n- mypy\n",
     [("데이터 파이프라인", ["김민준"]), ("타입 힌트 실전", ["이서연"])]),
    ("Day\nBuilding a portal nobody asked for\nPresented by Jacinta Moore and Tawhiri Ruatapu\n- Backstage\n",
     [("Building a portal nobody asked for", ["Jacinta Moore", "Tawhiri Ruatapu"])]),
])
def test_slashes_brackets_and_the_posts_own_heading(text: str, talks: list[tuple[str, list[str]]]) -> None:
    assert read(text, markdown=text.startswith("#"))[1] == talks


def test_a_speaker_line_in_underscores_is_kept_as_written(tmp_path: Path) -> None:
    text = "Notes.\n\n#### Middle-earth and the Anthropocene\n\n_Dr Ewa Kowalczyk-Burns_\n\n- Saruman\n"
    kb = make_kb(tmp_path / "kb", {})
    plan = make_plan(kb, [parse_markdown(text, "x.md")], Options(event="ts"), progress=lambda _t: None)
    note = plan.files["talks/ts/middle-earth-and-the-anthropocene.md"]
    assert "speakers: [Dr Ewa Kowalczyk-Burns]\n" in note
    assert note.endswith("---\n\nSpeakers: _Dr Ewa Kowalczyk-Burns_\n\n- Saruman\n")


def test_other_dashes_and_ways_of_saying_by(tmp_path: Path) -> None:
    dashes = ("EO\nOffline-first maps ‒ Hamish Te Rangi\n- tiles\n"
              "Zig for C programmers − Sören Vogt\n- comptime\n"
              "Platform as a product :: Teuila Fa'amausili\n- roadmaps\n")
    assert read(dashes)[1] == [("Offline-first maps", ["Hamish Te Rangi"]),
                               ("Zig for C programmers", ["Sören Vogt"]),
                               ("Platform as a product", ["Teuila Fa'amausili"])]
    by = ("LCA\nKeeping the lights on, by Niamh O'Sullivan\n- ops\nFree fonts (by Ngozi Umeh)\n- Noto\n"
          "Terraform at a bank, presented by Rhiannon Beaumont\n- modules\n")
    assert read(by)[1] == [("Keeping the lights on", ["Niamh O'Sullivan"]), ("Free fonts", ["Ngozi Umeh"]),
                           ("Terraform at a bank", ["Rhiannon Beaumont"])]
    md = ("# normconf\n\n**Amaru Quispe presents: Data cleaning**\n\n- 80%\n\n"
          "**Ingrid Solheim presents: Notebooks**\n\n- pin\n")
    kb = make_kb(tmp_path / "kb", {})
    plan = make_plan(kb, [parse_markdown(md, "x.md")], Options(event="nc"), progress=lambda _t: None)
    assert [(e.title, e.speakers) for e in plan.talks] == [("Data cleaning", ["Amaru Quispe"]),
                                                           ("Notebooks", ["Ingrid Solheim"])]
    assert plan.files["talks/nc/notebooks.md"].endswith("---\n\nIngrid Solheim presents\n\n- pin\n")


def test_lightning_presenters_written_topic_by_name() -> None:
    text = ("EO\nMaking packaging less scary by Tamsin Greaves\n- dh\nLightning talks\n"
            "• Rust in five minutes by Jarrah Nguyen\n• Why I still use Vim by Pia Lindström\n"
            "Conference close by Steve Walsh\n- thanks\n")
    assert read(text) == (BY, [("Making packaging less scary", ["Tamsin Greaves"]),
                               ("Lightning talks", ["Jarrah Nguyen", "Pia Lindström"]),
                               ("Conference close", ["Steve Walsh"])])


def test_a_possessive_keynote_without_apostrophe_names_the_speaker_the_post_names() -> None:
    assert read("Day\nJane Does keynote\n- Jane Doe talked about maps\n")[1] == [
        ("Jane Does keynote", ["Jane Doe"])]
    assert read("Day\nTom Jones keynote\n- Tom Jones sang\n")[1] == [("Tom Jones keynote", ["Tom Jones"])]


def test_gerund_titles_are_not_names_and_session_prefixes_with_times_come_off() -> None:
    text = ("# DevOpsDays\n\n## Testing infra code – Hana Kowalski\n\n- a\n\n"
            "## Scaling Grafana – Omar Haddad\n\n- b\n")
    assert read(text, markdown=True)[1] == [("Testing infra code", ["Hana Kowalski"]),
                                            ("Scaling Grafana", ["Omar Haddad"])]
    flat = ("LCA\n[10:40] Rust and the kernel – Dr Akemi Sato\n- bindings\n"
            "Session 3 (11:30): Packaging Go – Tevita Havili\n- x\n")
    assert read(flat)[1] == [("Rust and the kernel", ["Dr Akemi Sato"]), ("Packaging Go", ["Tevita Havili"])]


def test_a_posts_own_title_is_kept_when_it_has_no_introduction(tmp_path: Path) -> None:
    page = ("<html><head><title>LCA 2020 – Day 3 | My blog</title></head><body><article>"
            "<h1 class='entry-title'>LCA 2020 – Day 3</h1><div class='entry-content'>"
            "<h3>eBPF auditing – Ksenia Volkova</h3><ul><li>bpftrace</li></ul></div></article></body></html>")
    kb = make_kb(tmp_path / "kb", {})
    plan = make_plan(kb, [parse_html(page, "day3.html")], Options(event="lca"), progress=lambda _t: None)
    assert [e.title for e in plan.talks] == ["eBPF auditing"]
    day = plan.files["posts/lca-day-3.md"]
    assert day.startswith("---\ntitle: LCA 2020 – Day 3\n") and "kind: post\n" in day
    assert "session: Day 3\n" in plan.files["talks/lca/ebpf-auditing.md"]
    write_new_files(kb, plan.files)
    assert [p for p in load(kb)[1] if p.severity == "error"] == []


def test_a_speaker_line_in_brackets() -> None:
    text = ("Tolkien 2015\nTolkien and the Kalevala\n(Dr Aino Virtanen)\n- Kullervo\n"
            "The Hobbit\n(Morwenna Treloar)\n- x\n")
    assert read(text) == (TWO_LINE, [("Tolkien and the Kalevala", ["Dr Aino Virtanen"]),
                                     ("The Hobbit", ["Morwenna Treloar"])])


def test_the_posts_heading_after_its_front_matter_is_not_a_talk() -> None:
    text = ("---\ntags: [pycon]\n---\n\n# 파이콘 한국 2024 – 둘째 날\n\n"
            "## 데이터 파이프라인 – 김민준\n\n- cron\n\n"
            "## 타입 힌트 실전 – 이서연\n\n- mypy\n")
    assert read(text, markdown=True)[1] == [("데이터 파이프라인", ["김민준"]), ("타입 힌트 실전", ["이서연"])]


def test_numbered_paper_prefixes_come_off_titles() -> None:
    text = ("# Tolkien 2026\n\n**Paper 1. “The Long Defeat”: Time and Loss – Dr Eleri Morgan**\n\n- elves\n\n"
            "**Paper 2. Clocks in the Shire – Benedikt Hollweg**\n\n- calendars\n")
    assert read(text, markdown=True)[1] == [("“The Long Defeat”: Time and Loss", ["Dr Eleri Morgan"]),
                                            ("Clocks in the Shire", ["Benedikt Hollweg"])]


def test_a_post_title_without_a_year_does_not_name_the_event(tmp_path: Path) -> None:
    text = "---\ntitle: My thoughts on normconf\n---\n\n### Naming things – Fatou Diallo\n\n- snake_case\n"
    kb = make_kb(tmp_path / "kb", {})
    with pytest.raises(HallwayError) as err:
        make_plan(kb, [parse_markdown(text, "x.md")], Options(), progress=lambda _t: None)
    assert "--event" in str(err.value.problems[0])


@pytest.mark.parametrize(("text", "talks"), [
    ("Day\nKeeping Linux great (Jane Doe & John Smith, Red Hat)\n- a\n"
     "Containers (Ann Lee, Catalyst IT)\n- b\n",
     [("Keeping Linux great", ["Jane Doe", "John Smith"]), ("Containers", ["Ann Lee"])]),
    ("Day\nKeeping Linux great — Jane Doe [slides]\n- a\nContainers for all — Ann Lee [video]\n- b\n",
     [("Keeping Linux great", ["Jane Doe"]), ("Containers for all", ["Ann Lee"])]),
    ("Day\nKeeping Linux great – Jane Doe – slides\n- a\nContainers for all – Ann Lee – video\n- b\n",
     [("Keeping Linux great", ["Jane Doe"]), ("Containers for all", ["Ann Lee"])]),
    ("Day\nJane Doe – “Keeping Linux great” (video)\n- a\nAnn Lee – “Containers for all” (slides)\n- b\n",
     [("Keeping Linux great", ["Jane Doe"]), ("Containers for all", ["Ann Lee"])]),
])
def test_companies_and_links_beside_names_and_titles(text: str, talks: list[tuple[str, list[str]]]) -> None:
    assert read(text)[1] == talks


def test_two_posts_on_one_talk_import_again_without_conflicts(tmp_path: Path) -> None:
    kb = make_kb(tmp_path / "kb", {})
    talk = "Open source accessibility by Dr Leona Whitfield"
    docs = [parse_text(f"Day one\n{talk}\nScreen readers\n", "a.txt", "a"),
            parse_text(f"Day two\n{talk}\nTest with users\n", "b.txt", "b")]
    first = make_plan(kb, docs, Options(event="eo"), progress=lambda _t: None)
    write_new_files(kb, first.files)
    again = make_plan(kb, docs, Options(event="eo"), progress=lambda _t: None)
    assert again.files == {} and again.of("conflict") == []
    assert len([e for e in again.talks if e.action == "skipped"]) == 2


def test_questions_from_the_floor_are_notes() -> None:
    text = ("Day\nKeeping Linux great – Jane Doe\nQ: What about Windows? – Bob Jones\nA: no\n"
            "Containers for all – Ann Lee\n- c\n")
    assert read(text)[1] == [("Keeping Linux great", ["Jane Doe"]), ("Containers for all", ["Ann Lee"])]


def test_a_time_after_the_track_comes_off_the_title() -> None:
    text = "LCA\nKeynote – Shannon Morse\n- a\nKernel miniconf – 4:15pm – Rust in the kernel – Miguel Ojeda\n"
    split = split_doc(parse_text(text, "x.txt"))
    assert [(t.heading.title, t.session) for t in split.talks] == [
        ("Keynote", None), ("Rust in the kernel", "Kernel miniconf")]
    assert split.talks[1].blocks[0].plain == "Time: 4:15pm"


def test_linked_titles_in_items_and_speaker_lines_with_a_middle_dot() -> None:
    items = ("# EO\n\n- [Rust in the kernel](https://x.org/1) — Miguel Ojeda\n"
             "- [Flatpak](https://x.org/2) — Ann Lee\n")
    assert read(items, markdown=True) == (LIST_ITEM, [("Rust in the kernel", ["Miguel Ojeda"]),
                                                     ("Flatpak", ["Ann Lee"])])
    dot = ("# EO\n\n### Rust in the kernel\n\n**Miguel Ojeda** · Kernel track\n\n- a\n\n"
           "### Flatpak everywhere\n\n**Ann Lee** · Desktop track\n\n- b\n")
    assert read(dot, markdown=True) == (TWO_LINE, [("Rust in the kernel", ["Miguel Ojeda"]),
                                                  ("Flatpak everywhere", ["Ann Lee"])])


def test_lightning_presenters_with_one_word_names_among_full_names() -> None:
    flat = ("Day two\nLightning talks:\nFemke de Vries – Dutch government on GitHub\n"
            "Joris – why we removed our mesh\nAisha Bello – chaos days\n"
            "Keynote – Bridget Kromhout-Li\n- culture\n")
    assert read(flat)[1] == [("Lightning talks", ["Femke de Vries", "Joris", "Aisha Bello"]),
                             ("Keynote", ["Bridget Kromhout-Li"])]
    md = ("# normconf\n\n## Lightning talks\n\n- **Vicki** – why I still use make\n"
          "- **Jorge Ramírez** – SQL\n- **Ngozi Adeyemi** – sampling\n")
    assert read(md, markdown=True)[1] == [("Lightning talks", ["Vicki", "Jorge Ramírez", "Ngozi Adeyemi"])]
    # one-word names alone (or "Slides – …") never make a block of presenters
    alone = "# X\n\n## Lightning talks\n\n- Slides – on the wiki\n- Vicki – make\n"
    assert read(alone, markdown=True)[1] == [("Lightning talks", [])]


def test_a_lowercase_handle_between_full_name_presenters_in_a_list() -> None:
    md = ("# normconf\n\n## Lightning talks\n\n- Ana Folau – CSV is fine, actually\n"
          "- Bartek Nowicki – make as a pipeline runner\n- jules – the joy of small data\n"
          "- Mariana Costa – reading other people's notebooks\n")
    assert read(md, markdown=True)[1] == [("Lightning talks", ["Ana Folau", "Bartek Nowicki", "jules",
                                                               "Mariana Costa"])]
    # last in the list, with no full name after it, or a note label, it ends the block
    last = md.replace("- Mariana Costa – reading other people's notebooks\n", "")
    assert read(last, markdown=True)[1] == [("Lightning talks", ["Ana Folau", "Bartek Nowicki"])]
    label = md.replace("- jules – the joy", "- slides – the joy")
    assert read(label, markdown=True)[1] == [("Lightning talks", ["Ana Folau", "Bartek Nowicki"])]


def test_bold_titles_speakers_first_in_bold_and_tldr_under_a_heading() -> None:
    html = ("<p>PyCon AU</p><p><strong>Async Django</strong> (Andrew Godwin-Lake, Eventbrite)</p>"
            "<p>Channels.</p><p><strong>Python for maps</strong> (Mereana Hōhaia)</p><p>Shapely.</p>")
    talks = split_doc(parse_html(html, "x.html")).talks
    assert [(t.heading.title, list(t.heading.speakers)) for t in talks] == [
        ("Async Django", ["Andrew Godwin-Lake"]), ("Python for maps", ["Mereana Hōhaia"])]
    items = ("# PGConf\n\n- **Haruka Sato:** Logical replication\n  - conflicts\n"
             "- **Magnus Hagander:** Security\n")
    assert read(items, markdown=True) == (LIST_ITEM, [("Logical replication", ["Haruka Sato"]),
                                                     ("Security", ["Magnus Hagander"])])
    spaces = ("# DevOpsDays\n\n### Incident reviews\n*Speaker: Margaret Ohana-Bell*\n\n- a\n- b\n\n"
              "### Terraform in a bank\n*Speaker: Rawiri Tūhoe*\n\n- c\n\n## Open spaces\n\n"
              "### Should developers be on call?\nTLDR: yes, with support.\n")
    assert read(spaces, markdown=True)[1][-1] == ("Should developers be on call?", [])


def test_a_role_in_lowercase_after_a_name_and_a_comma() -> None:
    text = ("Seminar\nElvish as a Language\nDr Hélène Duval (Lyon)\n- sound changes\nThe Tengwar Today\n"
            "Mateusz Kowalczyk, independent scholar\n- fonts\n")
    assert read(text)[1] == [("Elvish as a Language", ["Dr Hélène Duval"]),
                             ("The Tengwar Today", ["Mateusz Kowalczyk"])]
    assert read("Seminar\nThe Tengwar Today\nMateusz Kowalczyk, who spoke later\n- fonts\n")[1] == []


def test_a_table_of_talks_is_a_talk_a_row_and_other_tables_stay_notes(tmp_path: Path) -> None:
    table = ("# DevOpsDays\n\n| Talk | Speaker | Takeaway |\n|---|---|---|\n"
             "| Platform teams | Olusegun Bankole | Interview people |\n"
             "| On-call for humans | Tama Wihongi | Pay |\n")
    split = split_doc(parse_markdown(table, "x.md"))
    assert split.convention == "talks in a table"
    assert [(t.heading.title, list(t.heading.speakers)) for t in split.talks] == [
        ("Platform teams", ["Olusegun Bankole"]), ("On-call for humans", ["Tama Wihongi"])]
    assert [b.plain for b in split.talks[0].blocks] == ["Takeaway: Interview people"]
    other = "# Costs\n\n| Item | Who | Cost |\n|---|---|---|\n| Venue | Catering team | 200 |\n"
    assert split_doc(parse_markdown(other, "x.md")).talks == []
    not_people = "# Day\n\n| Talk | Speaker | Notes |\n|---|---|---|\n| Rust | see the wiki | x |\n"
    assert split_doc(parse_markdown(not_people, "x.md")).talks == []


def test_talk_words_in_other_languages_reading_lists_and_thin_sections() -> None:
    german = ("FrOSCon\nVortrag: Reproduzierbare Builds in Debian – Holger Lévy-Schmidt\n- Zeitstempel\n"
              "Vortrag: Barrierefreiheit im Web – Sabine Özdemir\n- Screenreader\n")
    assert read(german)[1] == [("Reproduzierbare Builds in Debian", ["Holger Lévy-Schmidt"]),
                               ("Barrierefreiheit im Web", ["Sabine Özdemir"])]
    reading = ("# LCA\n\n### Bufferbloat\n\n*Dave Täht-Noor*\n\n- fq_codel\n\n### Further reading\n\n"
               "- The Cathedral and the Bazaar – Eric S. Raymond\n"
               "- Producing Open Source Software – Karl Fogel\n\n"
               "### Rockets and Python\n\n*Priya Venkataraman*\n\n- telemetry\n")
    assert read(reading, markdown=True)[1] == [("Bufferbloat", ["Dave Täht-Noor"]),
                                               ("Rockets and Python", ["Priya Venkataraman"])]
    thin = ("# Open data day\n\n**Open data in councils**\n— Mere Wihapi\n\n- CSV\n- APIs\n\n"
            "**Census microdata**\n— Dr Ian Feng-Walker\n\n- months\n\n"
            "**Hackathon results**\n\n- a bus-stop map\n")
    assert read(thin, markdown=True)[1] == [("Open data in councils", ["Mere Wihapi"]),
                                            ("Census microdata", ["Dr Ian Feng-Walker"])]


def test_a_title_in_quotation_marks_is_a_title_even_when_it_reads_like_a_name() -> None:
    text = ("Seminar\nSession 1: Languages\n“Sindarin Verbs Revisited” – Dr Tomasz Wieczorek (Kraków)\n"
            "- stems\n“Naming the Stars” – Bethan Pryce-Jones\n- Varda\n")
    assert read(text)[1] == [("Sindarin Verbs Revisited", ["Dr Tomasz Wieczorek"]),
                             ("Naming the Stars", ["Bethan Pryce-Jones"])]


def test_note_lines_near_the_new_shapes_stay_notes() -> None:
    lightning = ("Day\nLightning talks\nJane Doerr – Rust in five minutes\nBob Smithers – Nix\n"
                 "Meanwhile – the wifi died\nKeynote – Ann Lee\n- x\n")
    assert read(lightning)[1] == [("Lightning talks", ["Jane Doerr", "Bob Smithers"]),
                                  ("Keynote", ["Ann Lee"])]
    said = ("# My day\n\nThoughts.\n\n- **Bob Smithers:** agreed with everything\n"
            "- **Ann Lee:** I think so too.\n")
    assert read(said, markdown=True)[1] == []
    lunch = ("Day\nGreat Talk About Widgets\nJane Doerr, first time speaker\n- good\nLunch\n"
             "Saw Bob Smithers, old friend\n")
    assert read(lunch)[1] == [("Great Talk About Widgets", ["Jane Doerr"])]


def test_presenter_lines_a_lightning_heading_keeps_after_a_colon_are_not_talks_of_their_own() -> None:
    text = ("normconf – notes\nThe ones I wrote down:\nLightning talks\n"
            "Vicki Boykis-Marsh – my stack is a spreadsheet\nKeiko Nakamura-Hill – naming things\n"
            "Roberto – just use Postgres\nDan Kowalewski – logs are data too\n"
            "Keynote – Ines Montani-Ferraro\n- small models\n")
    assert read(text)[1] == [("Lightning talks", ["Vicki Boykis-Marsh", "Keiko Nakamura-Hill", "Roberto",
                                                  "Dan Kowalewski"]),
                             ("Keynote", ["Ines Montani-Ferraro"])]


def test_a_topic_and_who_table_beside_talk_headings_is_notes_but_alone_it_is_talks() -> None:
    talks = ("# Seminar\n\n### The Old Forest\n*Dr Harriet Pemberton-Shaw*\n\n- Willow\n\n"
             "### Ents and Forestry\n*Tomás Ó Ceallaigh*\n\n- conifers\n\n")
    table = ("| Topic | Who |\n|---|---|\n| Is Tom Bombadil nature? | Hugh Carrington |\n"
             "| Plant names | Lars Østergaard |\n")
    assert read(talks + "## Discussion\n\n" + table, markdown=True)[1] == [
        ("The Old Forest", ["Dr Harriet Pemberton-Shaw"]), ("Ents and Forestry", ["Tomás Ó Ceallaigh"])]
    assert read("# Open spaces\n\n" + table, markdown=True)[1] == [
        ("Is Tom Bombadil nature?", ["Hugh Carrington"]), ("Plant names", ["Lars Østergaard"])]
    programme = table.replace("| Topic | Who |", "| Talk | Speaker |")  # named outright: talks still
    assert len(read(talks + programme, markdown=True)[1]) == 4


def test_a_quoted_title_over_its_speaker_line_loses_the_quotes_and_a_quoted_saying_is_no_title() -> None:
    text = ('PyCon\nDeath by YAML\nHemi Walker (Catalyst Cloud)\n- config\n"Why is my Django app slow?"\n'
            "Lucía Fernández-Ortega\n- N+1\n")
    assert read(text)[1] == [("Death by YAML", ["Hemi Walker"]),
                             ("Why is my Django app slow?", ["Lucía Fernández-Ortega"])]
    saying = ('PyCon\nDeath by YAML\nHemi Walker\n- config\n"Talk is cheap, show me the code"\n'
              "Linus Torvalds\n- so true\nRust for all\nAnn Lee-Smith\n- x\n")
    assert read(saying)[1] == [("Death by YAML", ["Hemi Walker"]), ("Rust for all", ["Ann Lee-Smith"])]


def test_a_one_word_speaker_in_a_flat_post_of_full_name_talks() -> None:
    day = ("LCA 2010\nBuilding a better Nagios – Paloma Estévez-Ruiz\nChecks as code\nNobody reads alerts\n"
           "Free as in puppies – Tarquin\nEvery project is a puppy\nLunch – pizza again\n"
           "Open video on the web – Siobhan Kealoha\nTheora\n")
    assert read(day)[1] == [("Building a better Nagios", ["Paloma Estévez-Ruiz"]),
                            ("Free as in puppies", ["Tarquin"]),
                            ("Open video on the web", ["Siobhan Kealoha"])]
    speaker_first = ("LCA\nPaloma Estévez-Ruiz – Building a better Nagios\nChecks\nmore\n"
                     "Tarquin – Free as in puppies\nEvery project is a puppy\n"
                     "Siobhan Kealoha – Open video on the web\nTheora\n")
    assert read(speaker_first)[1][1] == ("Free as in puppies", ["Tarquin"])
    by = day.replace(" – Paloma", " by Paloma").replace(" – Tarquin", " by Tarquin")
    by = by.replace(" – Siobhan", " by Siobhan")
    assert read(by)[1][1] == ("Free as in puppies", ["Tarquin"])
    for note in ("Photo by Bob", "Inspired by Linus", "Great talk by Miriam", "Question asked by Sam",
                 "Fixed in the next release by Jo", "Ask on IRC by Paloma"):
        text = by.replace("Nobody reads alerts", f"Nobody reads alerts\n{note}\nand more")
        assert [t for t, _ in read(text)[1]] == ["Building a better Nagios", "Free as in puppies",
                                                 "Open video on the web"], note
    field = day.replace("Free as in puppies", "Notes from the field")  # "from the" names no role here
    assert read(field)[1][1] == ("Notes from the field", ["Tarquin"])
    # one full-name talk is not enough to know the post's shape
    assert read("LCA\nFree as in puppies – Tarquin\nA puppy\nOpen video – Siobhan Kealoha\nTheora\n")[1] == [
        ("Open video", ["Siobhan Kealoha"])]


@pytest.mark.parametrize("note", [
    "Great question from the floor – Sam",  # praise or a question: a note
    "Would I go again? – Absolutely",  # a question and its answer
    "Ask on IRC – Paloma",  # a speaker the post names in full
    "Quote of the day – Linus",
    "Hat tip – Miriam",
    "Lunch with the Debian folks – Steve",
    "Kind words from the chair – Rusty",  # who spoke in a role at the event
    "A reminder from our host – Pia",
    "Announcements from the session wrangler – Donna",  # a role by any name, or what is said between talks
    "Housekeeping from the registration desk – Pia",
])
def test_note_lines_ending_in_one_name_stay_notes(note: str) -> None:
    text = (f"LCA\nBuilding a better Nagios – Paloma Estévez-Ruiz\nChecks as code\nNobody reads alerts\n"
            f"{note}\nand then more\nOpen video on the web – Siobhan Kealoha\nTheora\n")
    assert read(text)[1] == [("Building a better Nagios", ["Paloma Estévez-Ruiz"]),
                             ("Open video on the web", ["Siobhan Kealoha"])]


def test_one_name_lines_right_under_a_talk_or_in_a_block_stay_notes() -> None:
    under = ("LCA\nBuilding a better Nagios – Paloma Estévez-Ruiz\nDemo of the new UI – Bob\nChecks\n"
             "Open video on the web – Siobhan Kealoha\nTheora\n")
    block = ("LCA\nBuilding a better Nagios – Paloma Estévez-Ruiz\nChecks\nRust in five minutes – Vicki\n"
             "Nix for the rest of us – Joris\nOpen video on the web – Siobhan Kealoha\nTheora\n")
    for text in (under, block):
        assert [title for title, _ in read(text)[1]] == ["Building a better Nagios", "Open video on the web"]


def test_a_line_ending_with_a_colon_over_a_list_is_no_talk_without_speakers() -> None:
    text = ("# PyCon\n\nTalks I saw:\n\n- Rust at work – Ann Lee-Smith\n- Open video – Bob Smithers\n\n"
            "All good.\n")
    assert read(text, markdown=True) == ("", [])
    spaces = "Day\nSecrets in CI pipelines:\nTLDR: short-lived tokens.\n- a leak\nServerless\nTLDR: no.\n"
    assert read(spaces)[1] == [("Secrets in CI pipelines", []), ("Serverless", [])]


def test_a_one_word_possessive_keynote_names_a_speaker_only_the_knowledge_base_knows() -> None:
    text = ("# Day one\n\n### Stripe's keynote\n\n- incident reviews\n\n### Paved roads\n\n"
            "Speaker: Ann Lee-Smith\n\n- golden paths\n\n### Rusty's keynote\n\n- the kernel\n\n"
            "### Jane Doe's keynote\n\n- maps\n")
    assert read(text, markdown=True)[1] == [("Stripe's keynote", []), ("Paved roads", ["Ann Lee-Smith"]),
                                            ("Rusty's keynote", []), ("Jane Doe's keynote", ["Jane Doe"])]
    assert read(text, Evidence(speakers={"rusty"}), markdown=True)[1][2] == ("Rusty's keynote", ["Rusty"])
    # a keynote heading without speakers is a talk however few notes it has (unlike a bare heading)
    for more in ("", "## Open video – Bob Smithers\n\n- x\n"):
        one = f"# Day\n\n## Mozilla's keynote\n\n- web\n\n## Jane Doe's keynote\n\n- maps\n\n{more}"
        assert read(one, markdown=True)[1][:2] == [("Mozilla's keynote", []),
                                                   ("Jane Doe's keynote", ["Jane Doe"])]


def test_a_bare_heading_right_over_sub_headings_read_as_talks_is_their_group() -> None:
    text = ("# Day one\n\n### Paved roads\n\nSpeaker: Ann Lee-Smith\n\n- golden paths\n\n### Open spaces\n\n"
            "#### Terraform state: one file or many?\n\nTLDR: many.\n\n#### SLOs for execs\n\nTLDR: money.\n")
    doc = parse_markdown(text, "x.md")
    split = split_doc(doc)
    assert [(t.heading.title, list(t.heading.speakers), t.session) for t in split.talks] == [
        ("Paved roads", ["Ann Lee-Smith"], None), ("Terraform state: one file or many?", [], "Open spaces"),
        ("SLOs for execs", [], "Open spaces")]
    # a bare heading with notes of its own before its sub-headings is a talk with sub-headings
    notes = text.replace("### Open spaces\n\n", "### Open spaces\n\n- we ran six\n\n")
    assert "Open spaces" in [title for title, _ in read(notes, markdown=True)[1]]


def test_a_list_of_presenters_keeps_a_one_word_name_at_its_end_but_not_a_note() -> None:
    text = ("# Day\n\n## Ignites\n\n- Tamar Goldberg – on-call for introverts\n"
            "- Wiremu Tane – kaupapa Māori\n- Ben – ten years of Nagios\n\n"
            "## Open video – Bob Smithers\n\n- theora\n")
    assert read(text, markdown=True)[1][0] == ("Ignites", ["Tamar Goldberg", "Wiremu Tane", "Ben"])
    pub = text.replace("- Ben – ten years of Nagios", "- Afterwards – we went to the pub")
    assert read(pub, markdown=True)[1][0] == ("Ignites", ["Tamar Goldberg", "Wiremu Tane"])
    flat = "Day\nIgnites\nTamar Goldberg – on-call\nWiremu Tane – kaupapa Māori\nBen – Nagios\nGreat fun\n"
    assert read(flat)[1][0] == ("Ignites", ["Tamar Goldberg", "Wiremu Tane"])  # no list holds it
    # unless the next talk (or the end of the post) follows it
    for after in ("3:00 Closing – Joshua Hesketh\nThanks all\n", ""):
        assert read(flat.replace("Great fun\n", after))[1][0] == (
            "Ignites", ["Tamar Goldberg", "Wiremu Tane", "Ben"])


def test_presenter_lines_with_a_typed_bullet_between_line_breaks() -> None:
    html = ("<div>Thursday.<br/><b>Home-grown weather stations</b><br/>Björn Åkesson<br/>- ESP8266<br/>"
            "<b>Lightning talks</b><br/>- Ewa Zielińska – packaging fonts<br/>- Matiu – keyboard layouts<br/>"
            "- Deepak Raghunathan – a tiny Forth<br/></div>")
    split = split_doc(parse_html(html, "x.html"))
    assert [(t.heading.title, list(t.heading.speakers)) for t in split.talks] == [
        ("Home-grown weather stations", ["Björn Åkesson"]),
        ("Lightning talks", ["Ewa Zielińska", "Matiu", "Deepak Raghunathan"])]


NORMCONF = ("# normconf 2022\n\nAll talks were short.\n\n## Talks I took notes in\n\n"
            "**you don't need a feature store** — Ann Lee-Smith\n\n- a postgres table\n- a cron job\n\n"
            "**naming things in pipelines** — Bob Smithers\n\n- verbs for tasks\n\n"
            "## Lightning talks I liked but took no notes in\n\n- Getting data out of PDFs – Mia Castonguay\n"
            "- Dashboards nobody reads – Tem Oyelaran\n\n## Overall\n\nThe Slack was best – Vicki and co.\n")


def test_bold_titled_paragraphs_under_the_posts_own_headings_are_its_talks() -> None:
    assert read(NORMCONF, markdown=True) == (TITLE_DASH, [
        ("you don't need a feature store", ["Ann Lee-Smith"]),
        ("naming things in pipelines", ["Bob Smithers"]), ("Getting data out of PDFs", ["Mia Castonguay"]),
        ("Dashboards nobody reads", ["Tem Oyelaran"])])


def test_a_lightning_heading_in_the_first_person_is_no_block_of_presenters() -> None:
    text = "Day\nLightning talks I liked\nRuth Okonkwo – Git hooks\nIlya Sokolov – Postgres settings\n"
    assert ("Lightning talks I liked", ["Ruth Okonkwo", "Ilya Sokolov"]) not in read(text)[1]
    for session in ("Lightning talks", "Lightning talks (my picks)", "Lightning talks: Part I"):
        assert read(text.replace("Lightning talks I liked", session))[1] == [
            (session, ["Ruth Okonkwo", "Ilya Sokolov"])]


def test_a_list_of_talks_without_notes_is_talks_only_under_a_heading_of_a_post_of_such_talks() -> None:
    split = split_doc(parse_markdown(NORMCONF, "x.md"))
    assert [t.kind for t in split.talks] == ["talk", "talk", "lightning", "lightning"]
    for heading in ("## Further reading", "## Links", "## Talks I missed but will watch on YouTube",
                    "## Lightning talks I missed"):  # books, links, talks the note-taker did not see
        text = NORMCONF.replace("## Lightning talks I liked but took no notes in", heading)
        assert [title for title, _ in read(text, markdown=True)[1]] == [
            "you don't need a feature store", "naming things in pipelines"]
    marked = ("# LCA\n\n## Rust in the kernel – Ann Lee-Smith\n\n- bindings\n\n### Other talks on this\n\n"
              "- Rust for Linux – Miguel Ojeda-Ruiz\n- Kernel Rust – Alex Gaynor-Lee\n\n"
              "## Open video – Bob Smithers\n\n- theora\n")
    assert len(read(marked, markdown=True)[1]) == 2  # a list under a talk's own sub-heading
    later = marked.replace("### Other talks on this", "## Talks to watch later")
    assert len(read(later, markdown=True)[1]) == 2  # where talks are headings, a list is no talks
    inside = NORMCONF.replace("## Lightning talks I liked but took no notes in\n\n", "Related:\n\n")
    assert len(read(inside, markdown=True)[1]) == 2  # a list in a talk's notes
    one = NORMCONF.replace("**naming things in pipelines** — Bob Smithers\n\n- verbs for tasks\n\n", "")
    assert len(read(one, markdown=True)[1]) == 1  # one talk of that shape does not show the post's shape


def test_numbered_one_word_speakers_in_the_sequence_of_numbered_full_name_talks() -> None:
    text = ("DevOpsDays ignites\nI numbered them.\n1. Chaos on a budget – Marisol\nBreak one thing a week\n"
            "2. YAML is a language now – Devraj Patel-Moss\nAnchors: just don't\n"
            "3. Retros that change things – Kiri\nOwners and dates\n"
            "4. What I learned from postmortems – Hollis Varga\nMost causes are a change\n")
    assert read(text) == (NUMBERED, [("Chaos on a budget", ["Marisol"]),
                                     ("YAML is a language now", ["Devraj Patel-Moss"]),
                                     ("Retros that change things", ["Kiri"]),
                                     ("What I learned from postmortems", ["Hollis Varga"])])
    apart = text.replace("3. Retros", "7. Retros")  # out of the talks' sequence: a note
    assert [title for title, _ in read(apart)[1]] == ["Chaos on a budget", "YAML is a language now",
                                                      "What I learned from postmortems"]
    lone = text.replace(" – Hollis Varga", " – Hollis")  # one numbered full-name talk shows no shape
    assert read(lone)[1] == [("YAML is a language now", ["Devraj Patel-Moss"])]


def test_a_numbered_note_continues_its_own_list_not_the_talks_sequence() -> None:
    text = ("EO 2026\n1. Government procurement – Sakura Watanabe-Hill\nContribute-back clauses\n"
            "2. Your first contribution – Wen-Jun Li\nHer rules:\n1. Read the CONTRIBUTING file\n"
            "2. Start with the docs\n3. Ask questions – Sam\nSam mentored her for years.\n"
            "3. Mesh networking for bushfire season – Caoimhe Brady\nMeshtastic radios\n")
    assert [title for title, _ in read(text)[1]] == ["Government procurement", "Your first contribution",
                                                      "Mesh networking for bushfire season"]
    # the same when the knowledge base knows a Sam (a second import knows every speaker of the first)
    assert [title for title, _ in read(text, Evidence(speakers={"sam"}))[1]] == [
        "Government procurement", "Your first contribution", "Mesh networking for bushfire season"]
    # a one-word talk after a talk's numbered notes still stands next to the talk numbered after it
    kiri = text.replace("3. Mesh networking", "4. Mesh networking").replace(
        "Sam mentored her for years.\n", "Sam mentored her for years.\n3. Retros that change things – Kiri\n"
                                          "Owners and dates\n")
    assert ("Retros that change things", ["Kiri"]) in read(kiri)[1]


def test_a_flat_posts_last_line_in_another_shape_is_its_last_talk() -> None:
    day = ("EO 2026\nMorning keynote by Dr Adaeze Okafor\nOpen data\nRunning Matrix by Tomás Echeverría\n"
           "Synapse workers\nGPU drivers by Mikael Lundqvist-Rao\nMesa\nPhoto: the demo laptop\n")
    assert read(day + "Closing session – Rhiannon Tupou\n")[1][-1] == ("Closing session", ["Rhiannon Tupou"])
    for last in ("Cheers – Jane Doe", "Previous talk on this – Annika Laine at LCA 2017",
                 "Written on the train – Jane Doe", "Kind words from the chair – Rusty Russell",
                 "Thanks to the organisers – Jane Doe and Bob Smith"):
        assert len(read(day + last + "\n")[1]) == 3, last
    one = day.replace("Running Matrix by Tomás Echeverría", "Matrix").replace(" by Mikael Lundqvist-Rao", "")
    assert [title for title, _ in read(one + "Closing session – Rhiannon Tupou\n")[1]] == ["Morning keynote"]


def test_a_bold_title_in_a_numbered_item_sets_a_one_word_name_apart() -> None:
    text = ("# normconf\n\nShort talks.\n\n1. **spreadsheets are fine** – Randy Au-Lee\n"
            "   - everyone uses them\n2. **just use postgres** – Katie\n   - pg_cron, jsonb, done\n")
    assert read(text, markdown=True)[1] == [("spreadsheets are fine", ["Randy Au-Lee"]),
                                            ("just use postgres", ["Katie"])]
    plain = text.replace("**", "")  # without the bold, one word after a dash may be a credit
    assert ("just use postgres", ["Katie"]) not in read(plain, markdown=True)[1]


def test_a_one_word_speaker_in_a_list_of_talks_with_notes() -> None:
    text = ("Open Hardware miniconf:\n• Building the badge by Jon Oxer-Tran – an ESP chip\n"
            "• Soldering for beginners by Mai Sato – through-hole first\n"
            "• Why my board caught fire by Pete – the power supply, obviously\n"
            "Afterwards we went to the pub.\n")
    assert read(text) == (LIST_ITEM, [("Building the badge", ["Jon Oxer-Tran"]),
                                      ("Soldering for beginners", ["Mai Sato"]),
                                      ("Why my board caught fire", ["Pete"])])
    for item in ("• Photo by Bob – on Flickr", "• Why my board caught fire by Pete"):  # a credit; no note
        assert len(read(text.replace("• Why my board caught fire by Pete – the power supply, obviously",
                                     item))[1]) == 2, item
    apart = text.replace("• Why my board caught fire by Pete – the power supply, obviously\n",
                         "Later, in the pub:\n• Why my board caught fire by Pete – the power supply\n")
    assert len(read(apart)[1]) == 2  # an item of another list than the talks'
    nested = text.replace("through-hole first\n", "through-hole first\n    ◦ spare irons\n")
    assert len(read(nested)[1]) == 3  # (items nested under a talk's item stand between)


@pytest.mark.parametrize("last", [
    "Happy hacking – Ilka Brandauer", "Off to the Penguin Dinner – Stewart Smithers",
    "See you in Canberra – Jane Doe-Smith",
])
def test_a_farewell_ending_a_post_is_no_talk(last: str) -> None:
    day = ("LCA 2016\nSystemd timers by Oskar Lindgren-Mahe\nCron is not going anywhere\n"
           "Backups by Gráinne Ó Súilleabháin\nTwo restores failed\n")
    titles = ["Systemd timers", "Backups"]
    assert [title for title, _ in read(day + last + "\n")[1]] == titles
    assert [title for title, _ in read(day + last + "\nPhotos tomorrow.\n")[1]] == titles
    dash = day.replace(" by ", " – ")  # in the post's own shape too
    assert [title for title, _ in read(dash + last + "\n")[1]] == titles
    # a last talk without notes is still a talk
    assert read(day + "Closing session – Rhiannon Tupou\n")[1][-1] == ("Closing session", ["Rhiannon Tupou"])
    # and so is a last talk titled like a farewell, with its notes under it
    notes = "Rollbacks first\nFeature flags everywhere\nAsk for a staging copy\n"
    real = read(dash + "Happy hacking with Guile – Jane Doe-Smith\n" + notes)[1]
    assert real[-1] == ("Happy hacking with Guile", ["Jane Doe-Smith"])


def test_a_prose_posts_one_line_read_as_a_talk_at_its_end_signs_off() -> None:
    prose = ("Back from LCA 2008\nI didn't take notes this year: I listened, and talked in the hallways.\n"
             "The kernel modesetting demo was the highlight.\n")
    assert read(prose + "Thanks for everything – Morwenna Trelawney\n")[1] == []
    talk = prose + "Kernel modesetting – Dave Airlie-Moss\nSuspend worked on stage\n"
    assert read(talk)[1] == [("Kernel modesetting", ["Dave Airlie-Moss"])]  # notes under it: a talk


def test_a_lowercase_sentence_read_as_a_title_is_a_note_where_titles_are_capitalised() -> None:
    text = ("LCA 2012\nMariana Castillo Ortega – Open source GPU drivers\nReclocking\n"
            "Gustavo Iñiguez Ferrán – Samba 4 en producción\nDos años\n"
            "Pablo Ruiz Soto – subió las fotos de la charla a Flickr\n"
            "Tāne Whaanga – The school server project\nDebian en 400 escuelas\n"
            "Lucía Fernández Vidal – ¡hasta el año que viene!\n")
    assert [title for title, _ in read(text)[1]] == ["Open source GPU drivers", "Samba 4 en producción",
                                                      "The school server project"]
    short = text.replace("Samba 4 en producción", "systemd in production")  # a lowercase name, not a sentence
    assert "systemd in production" in [title for title, _ in read(short)[1]]
    normconf = ("normconf\nVicki Boykis-Lee – you don't need a feature store at all\nPostgres\n"
                "Randy Au-Lee – spreadsheets are the real database\nEveryone uses them\n")
    assert len(read(normconf)[1]) == 2  # a post of lowercase titles keeps them
    mixed = normconf.replace("spreadsheets are the real database", "Spreadsheets") \
        + "Katie Bell-Ngata – Getting data out of PDFs\nCamelot\n"
    assert len(read(mixed)[1]) == 3  # a lowercase title with notes under it is a talk's


def test_handles_as_speakers() -> None:
    md = ("# normconf\n\n### small data is fine — @tinytables\n\n- DuckDB\n\n"
          "### the spreadsheet is the database — Oyelaran Adéwálé\n\n- version it\n\n"
          "### retries are a design decision — kofi_builds\n\n- jitter\n\n"
          "### logging for people who hate logging — Marguerite Sørlie\n\n- structured\n")
    assert read(md, markdown=True)[1] == [("small data is fine", ["@tinytables"]),
                                          ("the spreadsheet is the database", ["Oyelaran Adéwálé"]),
                                          ("retries are a design decision", ["kofi_builds"]),
                                          ("logging for people who hate logging", ["Marguerite Sørlie"])]
    items = ("DevOpsDays\n• Five DNS myths debunked by Femke de Vries – it's the cache\n"
             "• Secrets in CI by @ops_dani – pin your actions\n"
             "• Game days at a bank by mvanleeuwen – yes, a bank\n• Toil budgets by Wiktoria Zając – cap it\n"
             "• Deploys by hand – slow and error-prone\n")
    assert read(items)[1] == [("Five DNS myths debunked", ["Femke de Vries"]),
                              ("Secrets in CI", ["@ops_dani"]), ("Game days at a bank", ["mvanleeuwen"]),
                              ("Toil budgets", ["Wiktoria Zając"])]


def test_one_word_numbered_talks_chain_through_the_sequence_and_may_be_lowercase_handles() -> None:
    text = ("DevOpsDays\nSome speakers only gave handles.\n1. Terraform at scale – Ngāiria Hohaia\n"
            "Her rules:\n1. one module, one purpose\n2. no provider blocks\n3. pin everything\n"
            "2. Feature flags as a safety net – Marisol\nShort and practical\n"
            "3. Chaos days for small teams – grace\nStart with a tabletop exercise\n"
            "4. Cost is a requirement – Bilal Qureshi\nTags and budgets\n"
            "5. Runbooks nobody reads – wren\nHer checklist:\n1. Who gets paged – on-call\n"
            "2. What to check first – dashboards\n"
            "6. Shipping the docs – Vũ Thị Thanh Hương\nDocs in the repo\n")
    # "2." stands after the talk's own "3." and before "3. … – grace", itself one before the talk "4."
    assert read(text) == (NUMBERED, [("Terraform at scale", ["Ngāiria Hohaia"]),
                                     ("Feature flags as a safety net", ["Marisol"]),
                                     ("Chaos days for small teams", ["grace"]),
                                     ("Cost is a requirement", ["Bilal Qureshi"]),
                                     ("Runbooks nobody reads", ["wren"]),
                                     ("Shipping the docs", ["Vũ Thị Thanh Hương"])])
    answer = text.replace("– grace", "– always")  # an answer, not a handle, even in the sequence
    assert ("Chaos days for small teams", ["always"]) not in read(answer)[1]
    assert ("Feature flags as a safety net", ["Marisol"]) not in read(answer)[1]  # the chain breaks there


def test_a_lowercase_handle_in_a_heading_among_full_name_headings() -> None:
    md = ("# LCA 2019\n\n## Wednesday\n\n"
          "### Rust in the kernel? — Taini Morningstar-Hale\n\n- not this year\n\n"
          "### Scaling Prometheus — mkaur\n\n- federation, then Thanos\n\n"
          "### Dinner — dumplings\n\nRiccarton Road.\n\n"
          "### Home automation without the cloud — Llinos Vaughan-Pryce\n\n- Zigbee\n")
    assert read(md, markdown=True)[1] == [("Rust in the kernel?", ["Taini Morningstar-Hale"]),
                                          ("Scaling Prometheus", ["mkaur"]),
                                          ("Home automation without the cloud", ["Llinos Vaughan-Pryce"])]


def test_an_english_word_handle_in_a_heading_when_the_talks_notes_name_someone_so() -> None:
    md = ("# LCA 2019\n\n### Keynote — Moana Tāwhai-Ellison\n\nData sovereignty.\n\n"
          "### Rust for the embedded curious — robin\n\nrobin (no surname) flashed a board.\n\n"
          "### A tour of io_uring — Dmitri Volkov-Hayes\n\nTwo queues.\n")
    talks = [("Keynote", ["Moana Tāwhai-Ellison"]), ("Rust for the embedded curious", ["robin"]),
             ("A tour of io_uring", ["Dmitri Volkov-Hayes"])]
    assert read(md, markdown=True)[1] == talks
    quoted = md.replace("robin (no surname) flashed a board.", "> “unsafe is a promise” — robin")
    assert read(quoted, markdown=True)[1] == talks
    # an English word the notes do not use as a name is no handle ("Robins" is a capitalised word)
    bird = md.replace("robin (no surname) flashed a board.", "Robins nest in the rafters.")
    assert ("Rust for the embedded curious", ["robin"]) not in read(bird, markdown=True)[1]
    adjective = md.replace("— robin", "— stunning").replace("robin (no surname)", "stunning views, honestly,")
    assert all(s != ["stunning"] for _, s in read(adjective, markdown=True)[1])  # (an -ing word)
    lower = md.replace("Data sovereignty.", "data sovereignty.").replace("Two queues.", "two queues.")
    assert ("Rust for the embedded curious", ["robin"]) not in read(lower, markdown=True)[1]  # all lowercase


def test_a_bold_list_item_by_a_lowercase_first_name_among_bold_talks() -> None:
    html = ("<p>EO 2026</p><ul><li><strong>Reproducible builds</strong> by Trần Văn Hiếu – timestamps</li>"
            "<li><strong>A RISC-V laptop</strong> by Carys ap Hywel – it came back warm</li>"
            "<li><strong>Self-hosting email</strong> by robin – possible, not recommended</li></ul>")
    found = [(t.heading.title, list(t.heading.speakers)) for t in split_doc(parse_html(html, "x.html")).talks]
    assert found == [("Reproducible builds", ["Trần Văn Hiếu"]), ("A RISC-V laptop", ["Carys ap Hywel"]),
                     ("Self-hosting email", ["robin"])]
    lunch = html.replace("<li><strong>Self-hosting", "<li><strong>Lunch</strong> – dumplings</li>"
                                                   "<li><strong>Self-hosting")
    lunch = lunch.replace("</ul>", "<li><strong>Packaging</strong> by Ifeoma Chukwu – npm</li></ul>")
    assert [(t.heading.title, list(t.heading.speakers))  # (a bold item between is no talk)
            for t in split_doc(parse_html(lunch, "x.html")).talks] == [
        *found, ("Packaging", ["Ifeoma Chukwu"])]
    plain = html.replace("<strong>Self-hosting email</strong>", "Self-hosting email")
    titles = [t.heading.title for t in split_doc(parse_html(plain, "x.html")).talks]
    assert titles == ["Reproducible builds", "A RISC-V laptop"]  # not written as the talks are


def test_a_bold_work_after_a_lead_in_is_a_recommendation_not_a_talk() -> None:
    md = ("# EO 2026\n\n- **Sovereign cloud** by Ahorangi Peeti – a rack in a church hall\n"
          "- **Rust in the kernel** by Liesel Brandt – drivers first\n\n"
          "Book tip from the hallway: **The Maintainer's Burden** by Corinne Vasquez – read it.\n")
    talks = [("Sovereign cloud", ["Ahorangi Peeti"]), ("Rust in the kernel", ["Liesel Brandt"])]
    assert read(md, markdown=True)[1] == talks
    # a track, a time or "Keynote:" before the bold title is a talk's
    for lead in ("Kernel Miniconf – ", "10:30 ", "Keynote: "):
        line = f"- {lead}**Packaging is social** by Ifeoma Chukwu – npm and PyPI\n"
        title, speakers = read(md + "\n" + line, markdown=True)[1][-1]
        assert title.endswith("Packaging is social") and speakers == ["Ifeoma Chukwu"], lead


def test_a_title_ending_with_a_participle_where_the_posts_by_talks_stand() -> None:
    text = ("LCA 2013\nMiniconf day two.\nThe Linux boot process dissected by Ngozi Adeyemi-Clark\n"
            "BIOS, bootloader, initramfs\nEvery stage has a debug flag\n"
            "Puppet manifests refactored by Llewellyn Price-Tamati\nRoles and profiles\n"
            "Written up in the wiki by the organisers afterwards\n"
            "Log shipping with rsyslog by Đặng Thu Hà\nRELP for reliable delivery\n"
            "Original code written by Rainer Gerhards\n"
            "Ten years of ZFS on Linux by Kaveh Moradi\nStill out of tree\nQuestion asked by Ewa Nowak\n"
            "Compression everywhere\nSnapshots are free\n")
    assert read(text) == (BY, [("The Linux boot process dissected", ["Ngozi Adeyemi-Clark"]),
                               ("Puppet manifests refactored", ["Llewellyn Price-Tamati"]),
                               ("Log shipping with rsyslog", ["Đặng Thu Hà"]),
                               ("Ten years of ZFS on Linux", ["Kaveh Moradi"])])
    # (a credit as a talk's last note, and a note whose subject is one word, stay notes)
    lone = text.replace("Ten years of ZFS on Linux by Kaveh Moradi", "Ten years of ZFS on Linux")
    assert [t for t, _ in read(lone)[1]] == ["Log shipping with rsyslog"]  # one full-name talk shows no shape
    # a credit saying who made a thing is no talk, however many notes follow it
    credit = text.replace("Original code written by Rainer Gerhards\n",
                          "Original code written by Rainer Gerhards\nPorted in 2012\nStill maintained\n")
    assert [t for t, _ in read(credit)[1]] == [t for t, _ in read(text)[1]]


def test_a_list_item_crediting_who_made_a_thing_is_no_talk() -> None:
    text = ("LCA 2015 miniconfs\n"
            "• Kernel Miniconf – Writing your first driver by Eleni Papadakis – a USB missile launcher\n"
            "• Original driver written by Ravi Shankar – Eleni took it over in 2013\n"
            "• Diagrams drawn by Kalani Akana – credited on every slide\n"
            "• Five DNS myths debunked by Femke de Vries-Bakker – it's always DNS\n"
            "• Toil budgets by Wiktoria Zając – track toil like tech debt\n")
    assert read(text) == (LIST_ITEM, [("Writing your first driver", ["Eleni Papadakis"]),
                                      ("Five DNS myths debunked", ["Femke de Vries-Bakker"]),
                                      ("Toil budgets", ["Wiktoria Zając"])])


def test_a_last_line_saying_what_the_author_has_done_signs_off() -> None:
    day = ("LCA 2014 live\n10:40 Rebuilding init – Bogdan Marinescu\nupstart vs systemd\n"
           "11:25 Packaging Python – Ngaio Whetu\nwheels everywhere\n"
           "13:30 Ceph in anger – Thuy Nguyen-Harcourt\ntwo outages\n")
    titles = ["Rebuilding init", "Packaging Python", "Ceph in anger"]
    for last in ("17:00 Done for the day – Ruairi Keogh", "Finished for today – Ruairi Keogh",
                 "Done and dusted – Ruairi Keogh"):
        assert [title for title, _ in read(day + last + "\n")[1]] == titles, last
    for last in ("Calling it a night – Ruairi Keogh", "Time for bed – Ruairi Keogh",
                 "Done for now – Ruairi Keogh"):
        assert [title for title, _ in read(day + last + "\n")[1]] == titles, last
    # a last talk with nothing under it whose title opens with a participle, not a clause, stays,
    # and so does a participle and a preposition that do not end the day
    assert read(day + "17:00 Distributed tracing – Ruairi Keogh\n")[1][-1] == (
        "Distributed tracing", ["Ruairi Keogh"])
    assert read(day + "Built for speed – Rawiri Paratene\n")[1][-1] == (
        "Built for speed", ["Rawiri Paratene"])
    # and so does one with notes under it
    assert read(day + "Done for the day – Ruairi Keogh\nThe talk about finishing things\n")[1][-1] == (
        "Done for the day", ["Ruairi Keogh"])


REPORT = ("# normconf 2023: a report\n\nSix talks stood out.\n\n"
          "**Hemi Rangiwai** – “Your data pipeline is a cron job”. Airflow replaced by cron.\n\n"
          "**Siân Prydderch**, “Notebooks are fine, actually”. The problem is never the notebook.\n\n"
          "“The median is a lie” – Nguyễn Thị Lan. Six dashboards where the median hid the p99.\n\n"
          "“Boring is a feature” – I wrote that on a sticky note and it's still on my monitor.\n\n"
          "**Oona Talvitie** ran the whole thing for free, again. Thank her if you see her.\n")


def test_a_reports_paragraphs_opening_with_speakers_and_a_quoted_title() -> None:
    doc = parse_markdown(REPORT, "x.md")
    split = split_doc(doc)
    assert split.convention == "report paragraphs"
    assert [(t.heading.title, list(t.heading.speakers)) for t in split.talks] == [
        ("Your data pipeline is a cron job", ["Hemi Rangiwai"]),
        ("Notebooks are fine, actually", ["Siân Prydderch"]),
        ("The median is a lie", ["Nguyễn Thị Lan"])]
    body = render_blocks(split.talks[2].blocks, doc.flat, split.talk_level)
    assert body.startswith("Six dashboards where the median hid the p99.")
    assert "Boring is a feature" in body and "Oona Talvitie" in body
    # one such paragraph in prose is a quotation, and sayings are no titles
    one = REPORT.replace("**Siân Prydderch**, ", "Siân Prydderch liked ")
    one = one.replace("“The median", "The “median")
    assert read(one, markdown=True)[1] == []
    sayings = ("Notes\n\n“Release early, release often” – Eric Raymond-Smith. Still true, said all.\n\n"
               "“Make it work, then make it fast.” – Kent Beckworth. Quoted in three talks this year.\n")
    assert read(sayings, markdown=True)[1] == []
    # where the post's talks are headings, such paragraphs are notes (books recommended, say)
    books = ("## Deploying safely – Jane Doe-Smith\n\n- canaries\n\n## Backups – Ann Lee-Tan\n\n"
             "“Thinking in Systems” by Donella Meadows. Read it if you have not yet.\n\n"
             "“Drift into Failure” by Sidney Dekker. The book she quoted all through.\n")
    assert read(books, markdown=True)[1] == [("Deploying safely", ["Jane Doe-Smith"]),
                                             ("Backups", ["Ann Lee-Tan"])]


def test_a_report_with_initials_titles_with_commas_and_a_lightning_block() -> None:
    md = ("# normconf 2022\n\nOne paragraph per talk.\n\n"
          "“Just use Postgres” – A. K. Mensah. Queues, search, even a graph, in plain SQL.\n\n"
          "“Naming things, badly” – P. J. Whitfield. Variable names, column names, team names.\n\n"
          "“Excel is a database and that's fine” – Dr. Ruth Okeke-Barnes. She showed the rosters.\n\n"
          "“Make it work, then make it fast.” – Kent Beckworth. Quoted in three talks this year.\n\n"
          "“Boring ML” – Sione Taufa. Logistic regression in production for six years.\n\n"
          "## Lightning talks\n\n- Ana Folau – CSV is fine\n- Bartek Nowicki – make as a pipeline runner\n")
    assert read(md, markdown=True)[1] == [
        ("Just use Postgres", ["A. K. Mensah"]), ("Naming things, badly", ["P. J. Whitfield"]),
        ("Excel is a database and that's fine", ["Dr. Ruth Okeke-Barnes"]), ("Boring ML", ["Sione Taufa"]),
        ("Lightning talks", ["Ana Folau", "Bartek Nowicki"])]


def test_quoted_works_after_a_paragraph_speaking_of_books_are_no_talks() -> None:
    prose = ("LCA 2012 in Ballarat\n\nI took no notes this year; the hallway was better.\n\n"
             "People kept recommending books to me. Two made it onto my list:\n\n"
             "“The Cathedral in the Server Room” by Imogen Tarrant-Blaise. Read it if you are alone.\n\n"
             "“Patches Welcome” by Oluwadamilare Ashworth. A history of the lists that built Linux.\n\n"
             "Calling it a night – Bronwyn\n")
    assert read(prose, markdown=True)[1] == []
    assert read(prose)[1] == []  # (as plain text too)
    # the same paragraphs after one that speaks of talks are a report's talks
    talks = prose.replace("People kept recommending books to me.", "Two talks stood out.")
    assert [t for t, _ in read(talks, markdown=True)[1]] == ["The Cathedral in the Server Room",
                                                             "Patches Welcome"]


#: The same posts as other keys type them (the perturbation sweep of batch zm): titles in title
#: case that read like names, hyphens for dashes, curly apostrophes. Each reads as the original does.
_TYPED_VARIANTS = [
    # a title-case title in the post's own shape is read as its talks are (the file decides the side)
    ("NormalConf, my favourite talks\nBoring Dashboards — Alice Fenwick\n• nobody looks at them\n"
     "Spreadsheets Are Databases — Raj Patel\n• VLOOKUP as a join\nCron Jobs in Anger — Zofia Nowak\n"
     "• timezones\n",
     False, [("Boring Dashboards", ["Alice Fenwick"]), ("Spreadsheets Are Databases", ["Raj Patel"]),
             ("Cron Jobs in Anger", ["Zofia Nowak"])]),
    ("Конспект докладов.\nИван Петров — Почему PostgreSQL\n- Индексы\nМария Иванова — Мониторинг Без Боли\n"
     "- Алерты\nОлег Смирнов — Kubernetes Для Маленьких Команд\n- Начните с managed\n",
     False, [("Почему PostgreSQL", ["Иван Петров"]), ("Мониторинг Без Боли", ["Мария Иванова"]),
             ("Kubernetes Для Маленьких Команд", ["Олег Смирнов"])]),
    ("LCA 2013 – Tuesday\nMaking Go Fast, Andrew Gerrand-Peel (Google)\nEscape analysis\n"
     "The State of the Linux Desktop, Lennart Pöttering-Sievers\nToo many init systems\n"
     "Reading the Kernel Source, Dr Sarah Sharp-Kwan\nStart with the docs\n",
     False, [("Making Go Fast", ["Andrew Gerrand-Peel"]),
             ("The State of the Linux Desktop", ["Lennart Pöttering-Sievers"]),
             ("Reading the Kernel Source", ["Dr Sarah Sharp-Kwan"])]),
    ("Notizen vom Linux-Tag\nVortrag von Sabine Krüger: Btrfs im Alltag\n- Snapshots\n"
     "Vortrag von Jens-Peter Albrecht: Netzwerke Mit Nftables\n- iptables ist Geschichte\n"
     "Vortrag von Ayşe Yılmaz: Barrierefreiheit im Terminal\n- Screenreader\n",
     False, [("Btrfs im Alltag", ["Sabine Krüger"]), ("Netzwerke Mit Nftables", ["Jens-Peter Albrecht"]),
             ("Barrierefreiheit im Terminal", ["Ayşe Yılmaz"])]),
    ("# LCA 2013\n\n## Mel Odhiambo-Parry – Open source in government\n\n- procurement\n\n"
     "## Frederik Asmussen – Fifty Thousand Raspberry Pis\n\n- classrooms\n\n"
     "## Ana Lúcia Prado – Free software for small charities\n\n- donations\n",
     True, [("Open source in government", ["Mel Odhiambo-Parry"]),
            ("Fifty Thousand Raspberry Pis", ["Frederik Asmussen"]),
            ("Free software for small charities", ["Ana Lúcia Prado"])]),
    # a title-case heading under a heading is a sub-heading, not a line of speakers, unless every
    # heading of its level holds names only
    ("# DevOpsDays Auckland 2025 – Day 1\n\n### Feature Flags at Scale\nby Mihaela Popescu-Grant\n\n"
     "- owners\n\n"
     "### Golden Signals for Batch Jobs\nby Tāne Rāwiri and Elsa Lindgren\n\n- freshness\n",
     True, [("Feature Flags at Scale", ["Mihaela Popescu-Grant"]),
            ("Golden Signals for Batch Jobs", ["Tāne Rāwiri", "Elsa Lindgren"])]),
    ("# normconf\n\n### The data is always late\n\n#### Marisol Quintero-Vargas\n\n- watermarks\n\n"
     "### Docs as a product\n\n#### Kwame Boateng and Lisa Hartmann\n\n- owners\n",
     True, [("The data is always late", ["Marisol Quintero-Vargas"]),
            ("Docs as a product", ["Kwame Boateng", "Lisa Hartmann"])]),
    # an English word after a hyphen in lowercase is no name's (a Korean given name's syllable is)
    ("normconf talks I liked:\n\nSpreadsheet-driven Development\nVicki Boykis-Thorne\n- it works\n\n"
     "The Humble CSV\nHiroshi Matsumoto\n- quoting is hard\n\nLogical Replication\nSeo-yeon Park\n- slots\n",
     False, [("Spreadsheet-driven Development", ["Vicki Boykis-Thorne"]),
             ("The Humble CSV", ["Hiroshi Matsumoto"]),
             ("Logical Replication", ["Seo-yeon Park"])]),
    # after a bracketed affiliation a dash starts a title, not a second affiliation
    ("DevOpsDays Wellington 2016 – Day 2\nJess Whitfield (Xero) – Scaling On-call Rotations\n"
     "Follow the sun across three offices\nDaniel Okafor (Trade Me) – Canary Releases\n"
     "Route 1% of traffic first\n"
     "Watch error rates\nPriya Balasubramanian (Catalyst IT) – Ansible for Windows\nWinRM is painful\n",
     False, [("Scaling On-call Rotations", ["Jess Whitfield"]), ("Canary Releases", ["Daniel Okafor"]),
             ("Ansible for Windows", ["Priya Balasubramanian"])]),
    # a two-letter presenter before a hyphen
    ("LCA 2014\n10:40 Ceph in anger – Thuy Nguyen-Harcourt\n- placement groups\n15:40 Lightning talks\n"
     "Priya Ramaswamy - a Raspberry Pi weather station\nEmeka Nwosu - fixing my router\n"
     "Jo - why I stopped using vim\n"
     "16:30 Closing – Kathryn Tamihana-Ross\n- thanks\n",
     False, [("Ceph in anger", ["Thuy Nguyen-Harcourt"]),
             ("Lightning talks", ["Priya Ramaswamy", "Emeka Nwosu", "Jo"]),
             ("Closing", ["Kathryn Tamihana-Ross"])]),
    # a curly apostrophe inside a quoted title closes no quotation
    ("# normconf\n\n“Just use Postgres” – A. K. Mensah. Queues, search, even a graph, in plain SQL.\n\n"
     "“Excel is a database and that’s fine” – Dr. Ruth Okeke-Barnes. She showed the hospital’s rosters.\n\n"
     "“Boring ML” – Sione Taufa. Logistic regression in production for six years.\n",
     True, [("Just use Postgres", ["A. K. Mensah"]),
            ("Excel is a database and that’s fine", ["Dr. Ruth Okeke-Barnes"]),
            ("Boring ML", ["Sione Taufa"])]),
]


@pytest.mark.parametrize(("text", "markdown", "talks"), _TYPED_VARIANTS)
def test_posts_typed_with_other_keys_read_as_the_original(text: str, markdown: bool,
                                                           talks: list[tuple[str, list[str]]]) -> None:
    assert read(text, markdown=markdown)[1] == talks
    assert read(text.replace("\n", "\r\n"), markdown=markdown)[1] == talks  # (and with Windows line ends)


def test_names_on_both_sides_of_a_first_line_under_a_talk_stay_a_note() -> None:
    text = ("Notes\nBoring Dashboards — Alice Fenwick\n• nobody looks at them\n"
            "Spreadsheets Are Databases — Raj Patel\n"
            "Mary Beard — Tom Baxter-Reid\n• VLOOKUP as a join\nCron Jobs in Anger — Zofia Nowak\n"
            "• timezones\n")
    assert [t for t, _ in read(text)[1]] == ["Boring Dashboards", "Spreadsheets Are Databases",
                                             "Cron Jobs in Anger"]


def test_a_hyphenated_english_word_is_no_name_word() -> None:
    from hallway.importer.names import is_name_word

    assert not any(map(is_name_word, ["On-call", "Spreadsheet-driven", "Memory-safe", "Real-time",
                                      "Chat-room", "Deep-dive"]))
    assert all(map(is_name_word, ["Min-jun", "Seo-yeon", "Xiao-ming", "Anna-Lena", "Brandt-Hughes"]))
    # Korean given names as their owners spell them, not in the Revised Romanisation
    assert all(map(is_name_word, ["Soo-ah", "Hyun-woo", "Ji-hoon", "Hee-young", "Kyung-sook"]))
    # a word joined to "in" or "on" is no given name, though both are syllables of one
    assert not any(map(is_name_word, ["Opt-in", "Add-on", "Drop-in", "Plug-in", "Check-in", "Log-on"]))
    assert all(map(is_name_word, ["Hsiao-mei", "Tsz-hin", "Young-jae", "Eun-ji", "Kwang-soo", "Wing-yan"]))


def test_everyday_words_are_no_name() -> None:
    from hallway.importer.names import is_person_name

    assert not is_person_name("Home Time") and not is_person_name("Next Year")
    assert is_person_name("Will Young") and is_person_name("Grace Hill") and is_person_name("Rose King")
    # a last line after a lightning block of presenter lines, and one ending a flat post, are notes
    blogger = ("LCA 2016 Geelong\nContainers Without the Hype\nAroha Te Kani-Walsh\nNamespaces first.\n"
               "Writing Device Drivers in Rust\nJun-ho Kim\nStill out of tree.\nLightning Talks\n"
               "Bea Sandoval - mesh networks at home\nEd - why I love awk\n"
               "Marta Lindgren-Oyelaran - the badge runs Linux\n"
               "Home Time - Geelong to Melbourne on the last train\n")
    assert read(blogger)[1][-1] == ("Lightning Talks", ["Bea Sandoval", "Ed", "Marta Lindgren-Oyelaran"])
    flat = ("Everything Open 2026\n09:00 Opening Keynote - Mereana Tautari\n- schools\n"
            "11:20 Self-hosted Git Forges Compared - Deepika Rao-Fernandes\n- runners\n"
            "15:10 Mesh Radio for Emergencies - Sione Latu\n- solar\nNext Year - Adelaide apparently\n")
    assert [t for t, _ in read(flat)[1]] == ["Opening Keynote", "Self-hosted Git Forges Compared",
                                             "Mesh Radio for Emergencies"]


#: Dashes typed without spaces (an em dash, or an en dash when the line has no spaced dash) or as two
#: hyphens, one example of each rule the spaced dash serves; a hyphen between letters stays a word's.
_TYPED_DASHES = [
    # ``Title–Name`` and ``Title--Name``: an en dash without spaces or two hyphens is the line's dash
    ("Notes from LCA 2012\nWi-Fi at home–Jane Doe-Smith\n- roaming\nOn-call without tears--Ravi Shankar\n"
     "- rotas\nSelf-hosting mail in 2024–Priya Raghunathan\n- spam\n",
     False, [("Wi-Fi at home", ["Jane Doe-Smith"]), ("On-call without tears", ["Ravi Shankar"]),
             ("Self-hosting mail in 2024", ["Priya Raghunathan"])]),
    # a track before the title
    ("Day two was all miniconfs.\nOpen Widgets Miniconf—Deploying Safely by Jane Doerr\nBlue/green\n"
     "Open Widgets Miniconf -- Testing Widgets in Production by Alexei Volkov\nCanaries\n"
     "Education Track—Teaching Git to Teenagers by Mōhi Tawhai\nStart with undo\n",
     False, [("Deploying Safely", ["Jane Doerr"]), ("Testing Widgets in Production", ["Alexei Volkov"]),
             ("Teaching Git to Teenagers", ["Mōhi Tawhai"])]),
    # a time before the title
    ("DevOpsDays Brisbane 2023\n9:30am—Make it boring—Hamish Fraser-Lowe\nBoring technology wins\n"
     "10:15am--Secrets in CI--Nadia Kowalczyk\nUse OIDC\n12:30pm—Lunch\n"
     "1:30pm—What I learned running a platform team—Ifeoma Chukwu\nTalk to your users\n",
     False, [("Make it boring", ["Hamish Fraser-Lowe"]), ("Secrets in CI", ["Nadia Kowalczyk"]),
             ("What I learned running a platform team", ["Ifeoma Chukwu"])]),
    # a list item's note after the name
    ("Short summaries:\n• Intro to Widgets by Jane Doerr—she showed three widgets\n"
     "• Soil sensors on a budget by Marco Bellini--cheap sensors drift\n"
     "• Robots versus snails by Yusuf Demir—the snails are winning\n",
     False, [("Intro to Widgets", ["Jane Doerr"]), ("Soil sensors on a budget", ["Marco Bellini"]),
             ("Robots versus snails", ["Yusuf Demir"])]),
    # presenter lines of a lightning block, a panel's lines, ``Keynote—Name``
    ("LCA 2015 – Day 3\nKeynote—Jonah Pettersen\nRepair is a right\n"
     "Death by a thousand pull requests by Marama Tūhoe\nReview load is the real cost\n"
     "Panel: The future of Linux Australia\nSae Ra Germaine-Holt—President\n"
     "Jonathan Woithe-Barnes—Treasurer\n"
     "Membership is flat\nLightning talks\nFerdinand Okafor—Packaging Go for Debian\n"
     "Kiri Waititi--Te reo Māori keyboard layouts\nLi Wei—Tiny CI on a budget\n",
     False, [("Keynote", ["Jonah Pettersen"]),
             ("Death by a thousand pull requests", ["Marama Tūhoe"]),
             ("Panel: The future of Linux Australia", ["Sae Ra Germaine-Holt", "Jonathan Woithe-Barnes"]),
             ("Lightning talks", ["Ferdinand Okafor", "Kiri Waititi", "Li Wei"])]),
    # a report's paragraphs: ``“Title”—Name.``
    ("# normconf\n\n“Just use Postgres”—A. K. Mensah. Queues, search, even a graph, in plain SQL.\n\n"
     "“Boring ML”—Sione Taufa. Logistic regression in production for six years.\n",
     True, [("Just use Postgres", ["A. K. Mensah"]), ("Boring ML", ["Sione Taufa"])]),
    # a title keeps the dashes typed in it; prose with dashes, ranges and hyphens is no talk
    ("LCA 2008—2019, a retrospective\nThe demo—which failed—was fun.\nThe keynotes—Anthony Baxter and "
     "Stormy Peters—were memorable.\nMeasuring things--how and why—Oliver Brandt-Hughes\n- graphs\n"
     "Diffie–Hellman in practice – Jane Doe\n- groups\nThe A–Z of on-call—Ana Folau\n- pagers\n",
     False, [("Measuring things--how and why", ["Oliver Brandt-Hughes"]),
             ("Diffie–Hellman in practice", ["Jane Doe"]), ("The A–Z of on-call", ["Ana Folau"])]),
]


@pytest.mark.parametrize(("text", "markdown", "talks"), _TYPED_DASHES)
def test_dashes_typed_without_spaces_or_as_two_hyphens(text: str, markdown: bool,
                                                       talks: list[tuple[str, list[str]]]) -> None:
    assert read(text, markdown=markdown)[1] == talks
    spaced = text.replace("—", " — ").replace("--", " – ").replace("–Jane", " – Jane").replace(
        "–Priya", " – Priya").replace("  ", " ")
    if "Measuring" not in text:  # (the spaced form reads the same: the rule is the spaced one's)
        assert read(spaced, markdown=markdown)[1] == talks


def test_a_lightning_heading_over_names_only_and_one_word_presenters_in_a_post_of_list_items() -> None:
    md = ("# DevOpsDays\n\n### Observability on a shoestring — Rangi Te Whata\n\n- one VM\n\n"
          "### Platform teams are product teams – Beatriz Cunha\n\n- changelogs\n\n"
          "### Lightning talks\n\n- Hamish Grant\n- Elif Yıldız\n- wren\n- Priya Natarajan-Hale\n\n"
          "(Too busy clapping to note the topics.)\n")
    assert read(md, markdown=True)[1][2] == ("Lightning talks", ["Hamish Grant", "Elif Yıldız", "wren",
                                                                 "Priya Natarajan-Hale"])
    # a list of topics (or labels) under the heading names no one
    topics = md.replace("- Hamish Grant\n- Elif Yıldız\n- wren\n- Priya Natarajan-Hale\n",
                        "- Slides\n- mesh networks at home\n- awk\n")
    assert read(topics, markdown=True)[1][2] == ("Lightning talks", [])
    # talks as list items, and a lightning heading whose block holds a one-word presenter
    items = ("# normconf\n\n* **All models are wrong** — Adaeze Nwosu\n\n  A baseline first.\n\n"
             "* **The humble cron job** — Lukas Brandstetter\n\n  A lock file.\n\n## Lightning talks\n\n"
             "- Ibrahim Diallo — SQLite in production\n- Meg — the final_v2 folder\n"
             "- Tahu Rangihuna — pandas footguns\n")
    assert read(items, markdown=True)[1] == [("All models are wrong", ["Adaeze Nwosu"]),
                                             ("The humble cron job", ["Lukas Brandstetter"]),
                                             ("Lightning talks", ["Ibrahim Diallo", "Meg", "Tahu Rangihuna"])]


def test_open_space_topics_under_a_group_heading_after_a_lightning_block() -> None:
    md = ("# DevOpsDays\n\n### Observability on a shoestring — Rangi Te Whata\n\n- one VM\n\n"
          "### Lightning talks\n\n- Hamish Grant – mesh\n- Elif Yıldız – awk\n\n### Open spaces\n\n"
          "#### Monorepos: yes or no?\n\n- Mostly yes\n- Build times\n\n#### On-call for three\n\n"
          "- TLDR: don't\n")
    split = split_doc(parse_markdown(md, "x.md"))
    assert [(t.heading.title, list(t.heading.speakers), t.kind, t.session) for t in split.talks] == [
        ("Observability on a shoestring", ["Rangi Te Whata"], "talk", None),
        ("Lightning talks", ["Hamish Grant", "Elif Yıldız"], "lightning", None),
        ("Monorepos: yes or no?", [], "talk", "Open spaces"),  # (not "yes or no?" by "Monorepos")
        ("On-call for three", [], "talk", "Open spaces")]  # (no lightning talk: the group ended it)


def test_a_posts_first_line_naming_an_event_and_year_is_its_title() -> None:
    text = ("LCA 2020 – Day 3 – Gold Coast\nPosted on 15 January 2020 by Mel\n\n"
            "Writing a filesystem in Rust — Mateusz Wójcik\n- FUSE first\n"
            "Packaging for Flathub — Oluwaseun Adeyemi-Clarke\n- portals\n")
    assert read(text)[1] == [("Writing a filesystem in Rust", ["Mateusz Wójcik"]),
                             ("Packaging for Flathub", ["Oluwaseun Adeyemi-Clarke"])]
    two = "Oxonmoot 2019 – Lady Margaret Hall\n\nHobbits and the Home Front\nEleanor Whitcombe\nSam.\n" \
          "Elvish as a Living Language\nKaveh Moradi\nQuenya.\n"
    assert [t for t, _ in read(two)[1]] == ["Hobbits and the Home Front", "Elvish as a Living Language"]
    # a talk's title with a year in it is a title; so is a year line later in the post
    talk = ("Terraform testing in 2023 – Priscilla Osei\n- modules\nCI in 2024 – Jonas Becker\n- runners\n")
    assert read(talk)[1] == [("Terraform testing in 2023", ["Priscilla Osei"]),
                             ("CI in 2024", ["Jonas Becker"])]
    noted = "Kubernetes 2024 – Jane Doe\n- pods\nRust at work – Ari Lindqvist\n- crates\n"
    assert read(noted)[1] == [("Kubernetes 2024", ["Jane Doe"]), ("Rust at work", ["Ari Lindqvist"])]


def test_a_web_address_after_a_name_is_where_the_speaker_works() -> None:
    text = ("09:30 Chaos engineering for the rest of us (Joost van der Berg, bol.com)\n- game days\n"
            "10:15 Serverless at a bank (Marieke Jansen-Oduya, ING)\n- cold starts\n")
    assert read(text)[1] == [("Chaos engineering for the rest of us", ["Joost van der Berg"]),
                             ("Serverless at a bank", ["Marieke Jansen-Oduya"])]


def test_importing_again_reads_talks_whose_titles_the_knowledge_base_holds_more_than_once() -> None:
    from hallway.importer.evidence import KnownTalk

    md = ("# DevOpsDays\n\n### Observability on a shoestring — Rangi Te Whata\n\n- one VM\n\n"
          "### Lightning talks\n\n- Hamish Grant – mesh\n- Elif Yıldız – awk\n\n### Open spaces\n\n"
          "#### Monorepos: yes or no?\n\n- Mostly yes\n- Build times\n")
    first = read(md, markdown=True)[1]
    known = [KnownTalk("Observability on a shoestring", ("Greg Thornbury",), "talks/a.md", "talk", True),
             KnownTalk("Observability on a shoestring", ("Rangi Te Whata",), "talks/b.md", "talk", True),
             KnownTalk("Monorepos: yes or no?", (), "talks/c.md", "talk", True)]
    evidence = Evidence(speakers={"rangi te whata", "greg thornbury"}, talks={"eo": known}, event="eo")
    # a known title holding the words another shape read as a name ("Monorepos") names no one
    assert read(md, evidence, markdown=True)[1] == first
    # a heading naming no one is the talk without speakers of that title, not one of its namesakes
    bare = "# DevOpsDays\n\n## Observability on a shoestring\n\n- one VM\n- Loki\n\n## Other\n\n- a\n- b\n"
    alone = KnownTalk("Observability on a shoestring", (), "talks/d.md", "talk", True)
    assert read(bare, Evidence(talks={"eo": [*known, alone]}, event="eo"), markdown=True)[1][0] == (
        "Observability on a shoestring", [])
    assert read(bare, Evidence(talks={"eo": known}, event="eo"), markdown=True)[1][0] == (
        "Observability on a shoestring", [])  # (which of two speakers' talks, the title cannot say)


def test_a_lightning_heading_over_title_case_topics_names_no_one() -> None:
    md = ("# normconf\n\n## Amara Okoye: Your Data Is Probably Small\n\n- pandas\n\n"
          "## Rafael Quintero-Luz: SQL Is Fine, Actually\n\n- window functions\n\n"
          "## Lightning talks\n\n- Home Automation\n- Tiny Printers\n- Spreadsheet Archaeology\n\n"
          "(I only wrote down the topics.)\n")
    assert read(md, markdown=True)[1][2] == ("Lightning talks", [])
    # names, among which one is no everyday English word, are its presenters
    names = md.replace("- Home Automation\n- Tiny Printers\n", "- Ben Harrow\n- Sakura Endo\n")
    assert read(names, markdown=True)[1][2] == ("Lightning talks", ["Ben Harrow", "Sakura Endo",
                                                                    "Spreadsheet Archaeology"])
    # names made only of common English words are names still: none has a word no name has
    common = md.replace("- Home Automation\n- Tiny Printers\n- Spreadsheet Archaeology\n",
                        "- John Smith\n- Sarah Jones\n- Ben Harrow\n- Grace Lee\n")
    assert read(common, markdown=True)[1][2] == ("Lightning talks", ["John Smith", "Sarah Jones",
                                                                     "Ben Harrow", "Grace Lee"])


def test_a_one_word_line_written_otherwise_ends_a_block_of_presenter_lines() -> None:
    text = ("Rust Without Tears\nLucía Fernández de la Vega\n- lifetimes\n"
            "Voting Machines\nThandiwe Nkosi\n- paper trail\n\nLightning talks\n"
            "Yosef Ben-David – a terminal font\nSina Toleafoa – mesh\n\n"
            "Closing: see you all in Christchurch next year.\n")
    assert read(text)[1][2] == ("Lightning talks", ["Yosef Ben-David", "Sina Toleafoa"])
    # a one-word presenter written as the block's others are is one
    same = text.replace("Closing: see you", "Closing – see you")
    assert read(same)[1][2] == ("Lightning talks", ["Yosef Ben-David", "Sina Toleafoa", "Closing"])


def test_a_flat_posts_first_talk_named_for_a_year_with_note_lines_under_it() -> None:
    text = ("Kubernetes 2024 – Tatiana Volkova\nPods everywhere.\nThe cluster is cheap.\n\n"
            "Incident Reviews Without Blame – Kwame Asante\nFive whys.\nTimelines first.\n")
    assert read(text)[1] == [("Kubernetes 2024", ["Tatiana Volkova"]),
                             ("Incident Reviews Without Blame", ["Kwame Asante"])]
    # a post's title over one line saying who posted it, then a blank line, stays its title
    posted = text.replace("Pods everywhere.\nThe cluster is cheap.\n",
                          "Posted on 3 May 2024 by Mel\n\nPods.\n")
    assert [t for t, _ in read(posted)[1]] == ["Incident Reviews Without Blame"]
    # and so does one over two lines of the blog's, where the talks' notes are list items
    filed = ("LCA 2020 – Day 3 – Gold Coast\nPosted on 15 January 2020 by Mel\nFiled under conferences\n\n"
             "Writing a filesystem in Rust — Mateusz Wójcik\n- FUSE first\n"
             "Packaging for Flathub — Oluwaseun Adeyemi-Clarke\n- portals\n")
    assert [t for t, _ in read(filed)[1]] == ["Writing a filesystem in Rust", "Packaging for Flathub"]


def test_a_table_lined_up_with_spaces_under_an_ignite_heading_names_its_presenters() -> None:
    text = ("Incident Reviews Without Blame – Kwame Asante\n- five whys\n\nIgnites\n"
            "Presenter          Topic\nLena Fischer       Runbooks nobody reads\n"
            "Kwabena Owusu      The pager is a product\n\n"
            "Platform Engineering Is Just Ops – Hamid Rezaei\n- backlogs\n")
    assert read(text)[1] == [("Incident Reviews Without Blame", ["Kwame Asante"]),
                             ("Ignites", ["Lena Fischer", "Kwabena Owusu"]),
                             ("Platform Engineering Is Just Ops", ["Hamid Rezaei"])]
    tabs = text.replace("          ", "\t").replace("       ", "\t").replace("      ", "\t")
    assert read(tabs)[1] == read(text)[1]


def test_a_presenter_line_after_a_blank_line_with_notes_of_its_own_ends_a_lightning_block() -> None:
    text = ("Mark Baker – Your Model Is a CSV File\n  shipped a pickle\n  regretted it\n\n"
            "Lightning talks\nSam Oyelaran – regex you can read\nGrace Hill – the one config flag\n"
            "Will Fisher – sql formatters\n\n"
            "Jess MacPherson – Boring Tools, Happy Teams\n  make, cron, postgres\n  the tools they dropped\n")
    assert read(text)[1] == [("Your Model Is a CSV File", ["Mark Baker"]),
                             ("Lightning talks", ["Sam Oyelaran", "Grace Hill", "Will Fisher"]),
                             ("Boring Tools, Happy Teams", ["Jess MacPherson"])]
    # written line under line, with no blank line before it, it is one more presenter
    joined = text.replace("sql formatters\n\n", "sql formatters\n")
    assert read(joined)[1][1] == ("Lightning talks", ["Sam Oyelaran", "Grace Hill", "Will Fisher",
                                                      "Jess MacPherson"])


def test_a_post_written_in_lowercase_names_its_speakers_in_lowercase() -> None:
    text = ("lca 2012 ballarat, tuesday. short notes, typed on my phone.\n\n"
            "btrfs in anger - kate mcintyre\n- raid5 still scary\n- scrub weekly\n\n"
            "packaging node modules for debian - tomás walsh & leah schwartz\n- they want help\n\n"
            "the linux graphics stack - mark king\n- wayland soon. again.\n\n"
            "dinner - the pub by the station\n")
    assert read(text)[1] == [("btrfs in anger", ["kate mcintyre"]),
                             ("packaging node modules for debian", ["tomás walsh", "leah schwartz"]),
                             ("the linux graphics stack", ["mark king"])]
    # in a capitalised post, lowercase words are no names, and "the …" opens a sentence
    capitalised = "Notes From The Day, Typed Up Properly On My Laptop At The Hotel Tonight.\n\n" + text
    talks = read(capitalised)[1]
    assert all(not names for _title, names in talks) and "the linux graphics stack" not in str(talks)


def test_a_programmes_breaks_in_a_table_are_no_talks_and_bracketed_pronouns_are_kept() -> None:
    table = ("# Day one\n\n| Time | Title | Speaker |\n|---|---|---|\n"
             "| 10:00 | Terraform at Scale | Fiona MacDonald & Raj Patel |\n| 10:45 | Morning tea | |\n"
             "| 11:15 | Incidents in Public | Dr Nnenna Okafor (she/her) |\n| 12:00 | Lunch | |\n")
    split = split_doc(parse_markdown(table, "x.md"))
    assert [(t.heading.title, list(t.heading.speakers)) for t in split.talks] == [
        ("Terraform at Scale", ["Fiona MacDonald", "Raj Patel"]),
        ("Incidents in Public", ["Dr Nnenna Okafor"])]
    assert [b.plain for b in split.talks[0].blocks] == ["Time: 10:00", "Time: 10:45; Title: Morning tea"]
    assert [b.plain for b in split.talks[1].blocks] == ["Speaker: Dr Nnenna Okafor (she/her)", "Time: 11:15",
                                                        "Time: 12:00; Title: Lunch"]
    # a row with a speaker is a talk whatever its title says
    named = table.replace("| Lunch | |", "| Lunch | Ann Lee-Smith |")
    assert [t.heading.title for t in split_doc(parse_markdown(named, "x.md")).talks][-1] == "Lunch"
    # the organisers' welcome and closing, with no speaker, are housekeeping, kept with the talks' notes
    opened = table.replace("|---|---|---|\n", "|---|---|---|\n| 09:00 | Welcome | |\n") \
        + "| 16:30 | Closing remarks | |\n"
    split = split_doc(parse_markdown(opened, "x.md"))
    assert [t.heading.title for t in split.talks] == ["Terraform at Scale", "Incidents in Public"]
    assert split.talks[0].blocks[0].plain == "Time: 09:00; Title: Welcome"
    assert split.talks[1].blocks[-1].plain == "Time: 16:30; Title: Closing remarks"


def test_an_affiliation_after_a_list_items_speaker_is_kept_as_the_byline() -> None:
    html = ("<p>Talks I made it to:</p><p><strong>Power Management</strong> – Dr Aditi Deshmukh (Intel)</p>"
            "<ul><li>powertop</li></ul><p><strong>Mail Filtering</strong> – Hamish McAllister</p>"
            "<ul><li>three speakers</li></ul>")
    split = split_doc(parse_html(html, "x.html"))
    assert [(t.heading.title, list(t.heading.speakers), t.heading.byline) for t in split.talks] == [
        ("Power Management", ["Dr Aditi Deshmukh"], "Dr Aditi Deshmukh (Intel)"),
        ("Mail Filtering", ["Hamish McAllister"], "")]


def test_a_slash_after_a_dash_joins_two_speakers() -> None:
    text = ("Btrfs in Anger – Kate McIntyre / Jo O'Brien\n- raid5\n\n"
            "Packaging for Debian – Tomás Walsh & Leah Schwartz\n- help\n\n"
            "Git – the good parts / Ann Lee-Smith\n- rebase\n")
    assert read(text)[1] == [("Btrfs in Anger", ["Kate McIntyre", "Jo O'Brien"]),
                             ("Packaging for Debian", ["Tomás Walsh", "Leah Schwartz"]),
                             ("Git – the good parts", ["Ann Lee-Smith"])]
    first = ("Kate McIntyre / Jo O'Brien – Btrfs in Anger\n- raid5\n\n"
             "Tomás Walsh & Leah Schwartz – Packaging for Debian\n- help\n")
    assert read(first)[1] == [("Btrfs in Anger", ["Kate McIntyre", "Jo O'Brien"]),
                              ("Packaging for Debian", ["Tomás Walsh", "Leah Schwartz"])]


def test_a_post_written_in_lowercase_has_its_keynotes_panels_lightning_talks_and_lettered_talks() -> None:
    text = ("lca 2009 hobart, wednesday. quick notes from the back row, typed on the laptop.\n\n"
            "a. btrfs in anger - kate brandt-hughes\n- raid5 still scary\n\n"
            "b. the 3-2-1 rule - mark king\n- still good advice\n\n"
            "panel: the future of linux australia\nann o'neill – president\njo walsh – treasurer\n"
            "- membership is flat\n\n"
            "lightning talks\nsam oyelaran - regex you can read\ngrace hill - the one config flag\n\n"
            "painless once it works - mesh networking\n")
    assert read(text)[1] == [("btrfs in anger", ["kate brandt-hughes"]), ("the 3-2-1 rule", ["mark king"]),
                             ("panel: the future of linux australia", ["ann o'neill", "jo walsh"]),
                             ("lightning talks", ["sam oyelaran", "grace hill"])]
    kinds = [talk.kind for talk in split_doc(parse_text(text, "x.txt")).talks]
    assert kinds == ["talk", "talk", "panel", "lightning"]


def test_a_list_items_speakers_end_at_the_dash_before_its_note() -> None:
    text = ("Talks:\n\n• Building a Distro by J. R. Hartley and A.J. Smith – live-build\n"
            "• Type Systems by 陈静怡 (Jingyi Chen) & Mark Baker – bash checkers\n"
            "• Power Management by Jane Doe, Principal Engineer at Xero – powertop\n"
            "• Mail Filtering by Dr Aditi Deshmukh – three speakers, one microphone\n")
    split = split_doc(parse_text(text, "x.txt"))
    assert [(t.heading.title, list(t.heading.speakers), t.heading.byline) for t in split.talks] == [
        ("Building a Distro", ["J. R. Hartley", "A.J. Smith"], ""),
        ("Type Systems", ["陈静怡", "Mark Baker"], "陈静怡 (Jingyi Chen) & Mark Baker"),
        ("Power Management", ["Jane Doe"], "Jane Doe, Principal Engineer at Xero"),
        ("Mail Filtering", ["Dr Aditi Deshmukh"], "")]
    assert [b.plain for t in split.talks for b in t.blocks] == [
        "live-build", "bash checkers", "powertop", "three speakers, one microphone"]


def test_a_presenter_line_may_give_pronouns_an_affiliation_or_a_romanised_name() -> None:
    text = ("Notes from the day.\n\nBoring Tools – Ann Lee-Smith\n- x\n\nLightning talks\n"
            "Jane Doe (she/her) – regex you can read\n陈静怡 (Jingyi Chen) & Mark Baker – bash checkers\n"
            "Dr Kiri Walker, University of Otago – the one config flag\nSam Oyelaran – sql\n\n"
            "Dates Are Hard – Bo Chen-Li\n- y\n")
    assert read(text)[1] == [("Boring Tools", ["Ann Lee-Smith"]),
                             ("Lightning talks", ["Jane Doe", "陈静怡", "Mark Baker", "Dr Kiri Walker",
                                                  "Sam Oyelaran"]),
                             ("Dates Are Hard", ["Bo Chen-Li"])]


def test_a_track_before_every_talks_title_without_the_word_track() -> None:
    text = ("Day one: miniconfs.\n"
            "• Open Hardware – Soldering for Beginners by Jon Oxer-Smith – I burned myself twice\n"
            "• Kernel – Writing Your First Driver by Saoirse Ní Bhriain and Ahmad Shah Durrani – live-coded\n"
            "• Art+Tech – Generative Music with SuperCollider by 佐藤健 – the room danced\n"
            "• Lunch – the sushi place on George St\n")
    assert read(text)[1] == [("Soldering for Beginners", ["Jon Oxer-Smith"]),
                             ("Writing Your First Driver", ["Saoirse Ní Bhriain", "Ahmad Shah Durrani"]),
                             ("Generative Music with SuperCollider", ["佐藤健"])]
    sessions = [t.session for t in split_doc(parse_text(text, "x.txt")).talks]
    assert sessions == ["Open Hardware", "Kernel", "Art+Tech"]
    # one title with a subtitle among talks without one keeps it
    mixed = ("• Git – The Hard Parts by Jane Doe – rebase\n• Packaging Python by Bob Smith – wheels\n"
             "• Rust – a love story by Ann Lee – borrow checker\n")
    assert [t for t, _ in read(mixed)[1]] == ["Git – The Hard Parts", "Packaging Python",
                                              "Rust – a love story"]


def test_a_numbered_talks_speaker_bullets_one_speaker_each() -> None:
    text = ("A. Elvish Calendars\n• speaker: Ιωάννα Γεωργίου\n• six seasons\n"
            "B. Hobbits at War\n• speaker: Callum MacGregor\n• speaker: فاطمة الزهراء بنعلي\n• Bywater\n")
    assert read(text)[1] == [("Elvish Calendars", ["Ιωάννα Γεωργίου"]),
                             ("Hobbits at War", ["Callum MacGregor", "فاطمة الزهراء بنعلي"])]
    html = ("<h3>A. Elves</h3><p>• speaker: Ann Lee</p><p>• x</p><h3>B. Hobbits at War</h3>"
            "<p>• speaker: Callum MacGregor</p><p>• speaker: Fatima Benali</p><p>• the Battle</p>")
    split = split_doc(parse_html(html, "x.html"))
    assert [list(t.heading.speakers) for t in split.talks] == [["Ann Lee"],
                                                               ["Callum MacGregor", "Fatima Benali"]]
    assert [b.plain for b in split.talks[1].blocks] == ["the Battle"]


def test_a_lightning_blocks_last_one_word_presenter_that_is_no_english_word() -> None:
    html = ("<p><b>Lightning talks</b><br />Will Fisher – the hackerspace in West End<br />"
            "Алексей Смирнов – a one-line patch<br />Wiremu – keyboard layouts for te reo<br /><br />"
            "Read more: Surviving the Floods by Mark King</p>")
    split = split_doc(parse_html(html, "x.html"))
    assert [list(t.heading.speakers) for t in split.talks] == [["Will Fisher", "Алексей Смирнов", "Wiremu"]]
    # an English word after the block's full names is a note, as before
    after = html.replace("Wiremu – keyboard layouts for te reo", "Afterwards – we went to the pub")
    assert [list(t.heading.speakers) for t in split_doc(parse_html(after, "x.html")).talks] == [
        ["Will Fisher", "Алексей Смирнов"]]


def test_a_name_typed_in_lowercase_in_a_capitalised_posts_own_shape() -> None:
    base = ("Day two.\nGit for the Terrified – Mark King\n- branches\n"
            "Inside the Ext4 Journal – Theodora Vasilakis-Brown\n- crash\n")
    assert read(base + "Packaging Is Politics – lena schwartz\n- the NEW queue\n")[1][2] == (
        "Packaging Is Politics", ["lena schwartz"])
    # everyday words after a dash, credits and notes stay notes; names of common words need capitals
    for note in ("Restic vs Borg – both fine", "Lunch – dumplings galore", "Hat tip – ruairi keogh",
                 "Wayland Everywhere – mark king"):
        assert len(read(base + note + "\n- a note\n")[1]) == 2, note


def test_a_track_before_every_title_is_kept_when_the_talks_are_known() -> None:
    text = ("Day one.\n• Open Hardware – Soldering for Beginners by Jon Oxer-Smith – burned\n"
            "• Kernel – Writing Your First Driver by Saoirse Ní Bhriain – live-coded\n")
    known = Evidence(speakers={"jon oxer-smith", "saoirse ni bhriain"}, talks={"lca": [
        KnownTalk("Soldering for Beginners", ("Jon Oxer-Smith",), "talks/lca/soldering.md", "talk", False),
        KnownTalk("Writing Your First Driver", ("Saoirse Ní Bhriain",), "talks/lca/driver.md", "talk",
                  False)]},
        event="lca")
    split = split_doc(parse_text(text, "x.txt"), known)
    assert all(t.known is not None for t in split.talks)
    assert [(t.heading.title, t.session) for t in split.talks] == [
        ("Soldering for Beginners", "Open Hardware"), ("Writing Your First Driver", "Kernel")]


def test_one_sentence_between_a_lightning_heading_and_its_presenter_lines() -> None:
    text = ("Deploying on Fridays by Hannah Whitford\n- forty deploys a day\n\n"
            "Observability Is Not Three Pillars by Kenji Watanabe\n- start from the question\n\n"
            "Ignites\n\nAfter lunch, five minutes each, slides on a timer.\n\n"
            "- Moana Rēweti: five years of blameless post-mortems\n"
            "- Sam O'Sullivan: the pager that cried wolf\n"
            "- Mark Hill: terraform plan is not a code review\n")
    talks = read(text)[1]
    assert talks[2] == ("Ignites", ["Moana Rēweti", "Sam O'Sullivan", "Mark Hill"])
    # a line that is no sentence (no full stop or colon) is no lead-in: the block must start at once
    assert read(text.replace("on a timer.", "on a timer"))[1][2] == ("Ignites", [])


def test_list_items_of_a_title_names_and_a_note_between_dashes() -> None:
    text = ("normconf 2022 – what I watched\n\nThese are the talks I took notes in.\n\n"
            "• Just Use Postgres – Hannah Lindqvist – her whole stack is one database\n"
            "• Cleaning Data Is the Job – Kofi Mensah-Bonsu – the model is the easy 10 percent\n"
            "• The Notebook Is Not the Product – Raj Patel and Wen Li – notebooks as scheduled jobs\n")
    convention, talks = read(text)
    assert convention == LIST_ITEM
    assert talks == [("Just Use Postgres", ["Hannah Lindqvist"]),
                     ("Cleaning Data Is the Job", ["Kofi Mensah-Bonsu"]),
                     ("The Notebook Is Not the Product", ["Raj Patel", "Wen Li"])]
    # a title reading like a name is one only beside such an item: two names between dashes are none
    assert read("Notes.\n\n• Jane Doe – Mark Hill – they paired on it\n• a note\n")[1] == []


def test_topics_over_notes_after_a_plain_open_spaces_line() -> None:
    text = ("Continuous Delivery at a Bank by Georgia Papadopoulos\n- compliance is a feature\n- tickets\n\n"
            "The Cost of a Page by Tomasz Wiśniewski\n- a dollar figure on every page\n- a third fewer\n\n"
            "Open spaces\n\nTerraform state in a monorepo\n- most split state per team\n\n"
            "Getting ops people into code review\n- pair on the first few reviews\n\n"
            "That's day one. Tomorrow is Ignites.\n")
    assert read(text)[1][2:] == [("Terraform state in a monorepo", []),
                                 ("Getting ops people into code review", [])]
    # without the "Open spaces" line, such lines are notes of the talk before
    assert len(read(text.replace("Open spaces\n\n", ""))[1]) == 2
