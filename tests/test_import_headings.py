"""The heading rules of ``hallway import``: which lines start a talk, with which title and speakers."""

from __future__ import annotations

import pytest

from hallway.importer.headings import Heading, read_heading
from hallway.importer.names import is_name_word, is_person_name, split_speakers

from .kbfixtures import SHARED

SOURCE = str(SHARED / "source-notes" / "everything-open-2025-day-2-afternoon.txt")


@pytest.mark.parametrize(("line", "title", "speakers"), [
    ("Koha – not your average library system by Aleisha Amohia",
     "Koha – not your average library system", ["Aleisha Amohia"]),
    ("Stand by Me: Mentoring by Jo Bloggs", "Stand by Me: Mentoring", ["Jo Bloggs"]),
    ("Kōrero tahi by Seán Ó Brien", "Kōrero tahi", ["Seán Ó Brien"]),
    ("Ngā mihi by Tūī Ngata", "Ngā mihi", ["Tūī Ngata"]),
    ("Packaging Rust for Debian by Mary-Jane O'Neil", "Packaging Rust for Debian", ["Mary-Jane O'Neil"]),
    ("Packaging Rust by Mary-Jane O’Neil", "Packaging Rust", ["Mary-Jane O’Neil"]),
    ("Le logiciel libre by Jean-Luc de la Croix", "Le logiciel libre", ["Jean-Luc de la Croix"]),
    ("Dutch tooling by Guido van Rossum", "Dutch tooling", ["Guido van Rossum"]),
    ("Gaelic keyboards by Síle Mac Giolla Phádraig", "Gaelic keyboards", ["Síle Mac Giolla Phádraig"]),
    ("Two of us by Alice Smith and Bob Jones", "Two of us", ["Alice Smith", "Bob Jones"]),
    ("Three of us by Alice Smith, Bob Jones and Carol Wu", "Three of us",
     ["Alice Smith", "Bob Jones", "Carol Wu"]),
    ("Oxford comma by Alice Smith, Bob Jones, and Carol Wu", "Oxford comma",
     ["Alice Smith", "Bob Jones", "Carol Wu"]),
    ("Ampersand by Alice Smith & Bob Jones", "Ampersand", ["Alice Smith", "Bob Jones"]),
    ("Initials by J. R. Hartley", "Initials", ["J. R. Hartley"]),
    ("Honorific by Dr Jane Doe", "Honorific", ["Dr Jane Doe"]),
    ("Spaces  by   Jo\u00a0Bloggs ", "Spaces", ["Jo Bloggs"]),
    ("Title by the river by Jo Bloggs", "Title by the river", ["Jo Bloggs"]),
    ("Introduction to Rust by Jo Bloggs", "Introduction to Rust", ["Jo Bloggs"]),
    ("10 years of Koha by Jo Bloggs", "10 years of Koha", ["Jo Bloggs"]),
    ("systemd in 2025 by Lennart Poettering", "systemd in 2025", ["Lennart Poettering"]),
    ("So you want to be a maintainer? by Jo Bloggs", "So you want to be a maintainer?", ["Jo Bloggs"]),
    ("Self-hosted email in 2025 by Jo Bloggs", "Self-hosted email in 2025", ["Jo Bloggs"]),
    ("“The Phoenix Project” by Gene Kim", "The Phoenix Project", ["Gene Kim"]),  # quotes mark a title
    ("Presenting n3n – A simple Peer to Peer VPN by Hamish Coleman",
     "Presenting n3n – A simple Peer to Peer VPN", ["Hamish Coleman"]),
    ("Unix history by Jon “maddog” Hall", "Unix history", ["Jon “maddog” Hall"]),
    ("Li and Wu by Wei Li and Xiaoming Wu", "Li and Wu", ["Wei Li", "Xiaoming Wu"]),
])
def test_title_by_speaker(line: str, title: str, speakers: list[str]) -> None:
    heading = read_heading(line)
    assert heading is not None
    assert (heading.title, list(heading.speakers), heading.kind) == (title, speakers, "talk")


@pytest.mark.parametrize("line", [
    "Based off n2n (developed by the people who did ntop)",
    "Created by volunteers",
    "Driven by Community",
    "Supported by Linux Australia",
    "Powered by Open Source",
    "Sponsored by Google Cloud",
    "Funded by Jo Bloggs.",
    "The project was funded by Jo Bloggs",
    "It is maintained by Jo Bloggs",
    "Written by Jo Bloggs",
    "Photo by Jo Bloggs",
    "Book: Accelerando by Charles Stross",
    "Recommended reading: Designing Web APIs by Brenda Jin",
    "Great talk by Jane Doe",
    "Based on earlier work by Liz Rice",
    "Read “The Phoenix Project” by Gene Kim",
    "and then it was rewritten by Jo Bloggs",
    "Stand by Me",
    "Talk given by Jo",
    "Run by NASA",
    "Built by 3 people",
    "Replaced by WireGuard",
    "Installed by Default",
    "Question asked by Jane Doe",
    "Tool written by Jo Bloggs",
    "Intro by Jane Doe",
    "Demo by Jo Bloggs",
    "Organised by Jo Bloggs:",
    "The Lagoon Story",
    "What is Lagoon",
    "History",
    "Why prefer",
    "Wireguard – No NAT piercing",
    "keynote: it was great",
    "The keynote was great",
    "Best keynote",
    "",
])
def test_note_lines_are_not_headings(line: str) -> None:
    assert read_heading(line) is None


def test_an_affiliation_in_brackets_is_not_part_of_the_name() -> None:
    heading = read_heading("Open data by Jane Doe (Catalyst IT) and Bob Jones (Red Hat)")
    assert heading == Heading("Open data", ("Jane Doe", "Bob Jones"), "talk",
                              "Jane Doe (Catalyst IT) and Bob Jones (Red Hat)")
    assert read_heading("Accelerando by Charles Stross (2005)") is None


def test_the_source_notes_have_exactly_five_headings() -> None:
    with open(SOURCE, encoding="utf-8") as handle:
        headings = [h for line in handle if (h := read_heading(line))]
    assert [(h.title, h.speakers) for h in headings] == [
        ("Koha – not your average library system", ("Aleisha Amohia",)),
        ("The circle of life: The Digital Skills GitBook project", ("Sara King",)),
        ("Developing in the open, building a product with our users", ("Toby Bellwood",)),
        ("Presenting n3n – A simple Peer to Peer VPN", ("Hamish Coleman",)),
        ("From the stone age to silicon: The Dwarf Axe guide to the evolution of technology",
         ("Steven Ellis",)),
    ]


@pytest.mark.parametrize(("line", "expected"), [
    ("Jane Doe Keynote Address", Heading("Jane Doe Keynote Address", ("Jane Doe",), "keynote")),
    ("Seán Ó Brien Keynote", Heading("Seán Ó Brien Keynote", ("Seán Ó Brien",), "keynote")),
    ("Keynote", Heading("Keynote", (), "keynote")),
    ("Opening Keynote", Heading("Opening Keynote", (), "keynote")),
    ("Tuesday Keynote", Heading("Tuesday Keynote", (), "keynote")),
    ("Keynote: The Future of Open", Heading("Keynote: The Future of Open", (), "keynote")),
    ("Keynote: Jane Doe", Heading("Keynote: Jane Doe", ("Jane Doe",), "keynote")),
    ("Keynote – The Open Web – Jane Doe",
     Heading("Keynote – The Open Web – Jane Doe", ("Jane Doe",), "keynote")),
    ("Keynote: Built by Community", Heading("Keynote: Built by Community", (), "keynote")),
    ("Keynote: Cooking with Fire by Jane Doe",
     Heading("Keynote: Cooking with Fire", ("Jane Doe",), "keynote")),
    ("Keynote by Jane Doe", Heading("Keynote", ("Jane Doe",), "keynote")),
    ("Linux Australia Keynote", Heading("Linux Australia Keynote", (), "keynote")),
    ("Jane Doe – Keynote", Heading("Jane Doe – Keynote", ("Jane Doe",), "keynote")),
    ("Lightning talks", Heading("Lightning talks", (), "lightning")),
    ("Lightning Talks – Day 2", Heading("Lightning Talks – Day 2", (), "lightning")),
    ("Lightning talk: Rust in 5 by Jo Bloggs",
     Heading("Lightning talk: Rust in 5", ("Jo Bloggs",), "lightning")),
    ("Panel: The future of FOSS", Heading("Panel: The future of FOSS", (), "panel")),
    ("Panel: Open source funding by Alice Smith and Bob Jones",
     Heading("Panel: Open source funding", ("Alice Smith", "Bob Jones"), "panel")),
    ("Workshop: Git for beginners by Jo Bloggs",
     Heading("Workshop: Git for beginners", ("Jo Bloggs",), "workshop")),
])
def test_keynotes_lightning_talks_and_panels(line: str, expected: Heading) -> None:
    assert read_heading(line) == expected


@pytest.mark.parametrize(("line", "title", "speakers"), [
    ("Rust for everyone by Pia", "Rust for everyone", ["Pia"]),
    ("Containers deployed by Jo Bloggs", "Containers deployed", ["Jo Bloggs"]),  # (what someone did)
    ("How I got hacked by Jo Bloggs", "How I got hacked", ["Jo Bloggs"]),
    ("Koha by Aleisha Amohia:", "Koha", ["Aleisha Amohia"]),
])
def test_marked_headings_are_read_more_leniently(line: str, title: str, speakers: list[str]) -> None:
    assert read_heading(line) is None
    heading = read_heading(line, marked=True)
    assert heading is not None and (heading.title, list(heading.speakers)) == (title, speakers)


@pytest.mark.parametrize("line", ["Driven by Community", "Created by volunteers", "Written by Jo Bloggs",
                                  "History", "Stand by Me"])
def test_marked_note_headings_stay_notes(line: str) -> None:
    assert read_heading(line, marked=True) is None


@pytest.mark.parametrize(("word", "ok"), [
    ("Seán", True), ("Ó", True), ("O'Neil", True), ("O’Neil", True), ("Mary-Jane", True),
    ("d'Arcy", True), ("al-Hassan", True), ("ʻIolani", True), ("J.", True), ("Tūī", True),
    ("volunteers", False), ("NASA", False), ("R2D2", False), ("Community", False), ("The", False),
    ("Jo-", False), ("-Jo", False), ("Jo--Bo", False), ("ntop)", False),
])
def test_name_words(word: str, ok: bool) -> None:
    assert is_name_word(word) is ok


def test_person_names_need_two_words_unless_marked() -> None:
    assert is_person_name("Jo Bloggs")
    assert not is_person_name("Jo")
    assert is_person_name("Jo", min_words=1)
    assert not is_person_name("One Two Three Four Five")
    assert not is_person_name("de la Croix")
    assert not is_person_name("Jo B")


def test_speaker_lists_keep_exact_spelling() -> None:
    assert split_speakers("Tūī Ngata & Seán Ó Brien") == ["Tūī Ngata", "Seán Ó Brien"]
    assert split_speakers("Alice Smith and the team") is None
    assert split_speakers("Alice Smith,") is None


def test_words_before_by_that_are_not_the_title() -> None:
    heading = read_heading("Keeping Linux great: a talk by Jane Doe")
    assert heading is not None and (heading.title, heading.speakers, heading.byline) == (
        "Keeping Linux great", ("Jane Doe",), "A talk by Jane Doe")
    heading = read_heading("Terraform at a bank, presented by Rhiannon Beaumont")
    assert heading is not None and (heading.title, heading.byline) == (
        "Terraform at a bank", "Presented by Rhiannon Beaumont")


def test_georgian_names_are_names_though_unicode_files_their_letters_as_lowercase() -> None:
    assert split_speakers("ნინო ბერიძე") == ["ნინო ბერიძე"]
    assert is_person_name("ნინო ბერიძე") and not is_person_name("ნინო")
    heading = read_heading("Georgian fonts by ნინო ბერიძე")
    assert heading is not None and (heading.title, heading.speakers) == ("Georgian fonts", ("ნინო ბერიძე",))
    assert not is_name_word("georgian")


@pytest.mark.parametrize(("line", "speakers"), [
    ("Rusty's keynote", ("Rusty",)),  # a possessive names one person even in flat text
    ("Tjitske Vermeulen’s keynote", ("Tjitske Vermeulen",)),
])
def test_a_possessive_keynote_names_its_speaker_with_one_word(line: str, speakers: tuple[str, ...]) -> None:
    heading = read_heading(line)
    assert heading is not None
    assert (heading.title, heading.speakers, heading.kind) == (line, speakers, "keynote")


@pytest.mark.parametrize("line", ["Yesterday's keynote", "Today's keynote", "Friday's keynote",
                                  "Google's keynote", "Rusty's keynote was great"])
def test_possessives_that_name_no_person_are_no_speaker(line: str) -> None:
    heading = read_heading(line)
    assert heading is None or heading.speakers == ()


@pytest.mark.parametrize(("line", "title"), [
    ("The Linux graphics stack explained by Keith Packard-Moore", "The Linux graphics stack explained"),
    ("Sindarin verbs revisited by Helen Park", "Sindarin verbs revisited"),
])
def test_a_title_ending_in_a_participle_of_what_the_talk_does(line: str, title: str) -> None:
    heading = read_heading(line)
    assert heading is not None and heading.title == title
    assert read_heading("Question asked by Jane Doe") is None  # what someone did: a note


@pytest.mark.parametrize(("line", "title"), [
    ("Sysadmin Miniconf – Systemd timers dissected by Oskar Lindgren-Mahe",
     "Sysadmin Miniconf – Systemd timers dissected"),  # a note never opens with a track's name
    ("Backups nobody has tested by Gráinne Ó Súilleabháin", "Backups nobody has tested"),
    ("Things we've learned by Ana Petrović", "Things we've learned"),  # a clause with its own subject
])
def test_a_title_ending_in_a_participle_after_a_track_or_a_subject(line: str, title: str) -> None:
    heading = read_heading(line)
    assert heading is not None and heading.title == title
    assert read_heading("Bug fixed by Jane Doe") is None


@pytest.mark.parametrize(("name", "ok"), [
    ("@tinytables", True), ("kofi_builds", True), ("jdoe42", True), ("v2", False), ("node.js", False),
    ("jdoe", False), ("@", False),
])
def test_handles_are_one_word_names(name: str, ok: bool) -> None:
    assert is_person_name(name, 1) is ok
    assert not is_person_name(name, 2)


def test_lowercase_words_are_name_words_only_while_a_post_written_in_lowercase_is_read() -> None:
    from hallway.importer.casing import reading_lowercase, writes_in_lowercase

    assert not is_person_name("kate mcintyre") and not is_name_word("kate")
    with reading_lowercase(True):
        assert is_person_name("kate mcintyre") and is_person_name("tomás de la cruz")
        assert not is_person_name("the pub") and not is_person_name("lunch with friends")
        assert not is_person_name("home time")  # everyday words, in any case
    assert not is_name_word("kate")
    post = ["btrfs in anger - kate mcintyre", "- raid5 still scary, scrub weekly and check the ISO",
            "packaging node modules for debian - tomás walsh",
            "- 400 dependencies for a left-pad, they want help",
            "the linux graphics stack - mark king", "- wayland soon. again. i will believe it when i see it"]
    assert writes_in_lowercase(post)
    assert not writes_in_lowercase([line.title() for line in post])
    assert not writes_in_lowercase(post[:2])  # too few words to tell the writer's habit


def test_lowercase_double_barrelled_names_but_not_compounds_or_topics() -> None:
    from hallway.importer.casing import reading_lowercase

    with reading_lowercase(True):
        for name in ("oliver brandt-hughes", "ellen o'sullivan-park", "angela beesley-starling",
                     "noor al-mohammed", "min-jun kim", "grace hill", "mark king"):
            assert is_person_name(name), name
        for topic in ("on-call rota", "spreadsheet-driven development", "self-hosted mail",
                      "opt-in telemetry", "mesh networking", "further reading", "error messages",
                      "terraform vs pulumi"):
            assert not is_person_name(topic), topic
    assert is_person_name("John Fielding") and not is_person_name("Terraform vs Pulumi")
