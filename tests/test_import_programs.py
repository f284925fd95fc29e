"""Importing a conference's program: readers per format, the import's writes, and the pages."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from hallway.core.problems import HallwayError
from hallway.importer.programs.detect import read_programs
from hallway.importer.programs.model import Program, Talk

from .browser import launch, require_chromium
from .kbfixtures import REPO, SHARED, article, hallway, make_kb, mkdocs_build
from .linkcheck import serve_under

FIXTURES = REPO / "tests" / "fixtures" / "programs"
#: voc/schedule's published XSD and JSON schema are not ours to commit: point this variable at a
#: checkout's validator folder (holding schedule.xml.xsd and schedule.schema.json) to check the
#: fixtures' shape against them.
SCHEMAS_ENV = "HALLWAY_VOC_SCHEMAS"
PYVIDEO_TAR = SHARED / "datasets" / "pyvideo-data.tar.xz"


def read_one(name: str) -> Program:
    programs = list(read_programs(FIXTURES / name, name))
    assert len(programs) == 1
    return programs[0]


def by_id(program: Program) -> dict[str, Talk]:
    return {talk.id: talk for talk in program.talks}


# -- readers -------------------------------------------------------------------------------------
def test_fixtures_have_the_published_formats_shape() -> None:
    if not os.environ.get(SCHEMAS_ENV):
        pytest.skip(f"set {SCHEMAS_ENV} to voc/schedule's validator folder to check the fixtures' shape")
    schemas = Path(os.environ[SCHEMAS_ENV])
    schema = xmlschema.XMLSchema(str(schemas / "schedule.xml.xsd"))
    schema.validate(str(FIXTURES / "frab-current.xml"))
    data = json.loads((FIXTURES / "pretalx-schedule.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((schemas / "schedule.schema.json").read_text(encoding="utf-8")))


def test_current_frab_xml_comes_through_exactly() -> None:
    program = read_one("frab-current.xml")
    assert (program.event.name, program.event.slug, program.event.timezone) == \
        ("Hallway Conf 2026", "hallway-conf-2026", "Europe/Brussels")
    assert program.event.dates == "2026-02-07 to 2026-02-08"
    talks = by_id(program)
    welcome = talks["1001"]
    assert welcome.title == "Welcome to Hallway Conf & friends"
    assert [p.name for p in welcome.speakers] == ["Tūī Ngata", "Zoë O’Brien"]
    assert (welcome.date, welcome.start, welcome.duration, welcome.room, welcome.track,
            welcome.kind, welcome.subtitle) == (
        dt.date(2026, 2, 7), "09:30", 25, "Janson", "Keynotes", "keynote", "How we got here")
    assert welcome.abstract == "Opening words, the <schedule> and what's new."
    assert welcome.links == {
        "program": "https://hallway-conf.example.org/2026/schedule/event/welcome/",
        "video": "https://video.hallway-conf.example.org/2026/janson/welcome.webm",
        "slides": "https://hallway-conf.example.org/2026/slides/welcome.pdf"}
    late = talks["1003"]
    # After midnight: the <date> with its offset gives the calendar day, not the program's day 1.
    assert (late.date, late.start, late.duration, late.kind) == (
        dt.date(2026, 2, 8), "00:30", 60, "lightning")
    rust = talks["1002"]
    assert rust.title == "Borrowing in Rust: a “gentle” tour"
    assert rust.track == "Rust & Friends" and rust.kind == "workshop"
    assert rust.abstract == "Bring a laptop. We cover *lifetimes* and `&mut`.\n\nSecond paragraph & more."


def test_old_pentabarf_xml_unescapes_html_abstracts() -> None:
    program = read_one("pentabarf-old.xml")
    assert program.event.location == "ULB (Solbosch), Brussels"
    talks = by_id(program)
    first = talks["42"]
    assert first.title == "Free software & you"
    assert first.abstract == ("An *opening* talk about [free software](https://example.org/fs) & community."
                              "\n\n- history\n- the future")
    assert (first.date, first.start, first.room, first.kind) == (
        dt.date(2008, 2, 23), "10:00", "Janson", "talk")
    assert [p.name for p in talks["43"].speakers] == ["Ana Núñez", "Li Wei"]


def test_pretalx_schedule_json_reads_codes_bios_and_links() -> None:
    program = read_one("pretalx-schedule.json")
    talks = by_id(program)
    privacy = talks["ABC123"]
    assert privacy.title == "Privacy & the “smart” home"
    assert (privacy.room, privacy.date, privacy.start, privacy.duration, privacy.language) == (
        "Stage ÆØÅ", dt.date(2026, 12, 27), "23:30", 40, "de")
    assert privacy.speakers[0].id == "QWERTY"
    assert privacy.speakers[0].bio == "Researcher.\nLikes **bold** claims."
    assert privacy.links["slides"] == "https://example.org/privacy-slides.pdf"
    assert talks["XYZ789"].kind == "workshop"
    assert [p.name for p in talks["XYZ789"].speakers] == ["Mia Schäfer", "Kim O'Neill"]


def test_sessionize_with_a_byte_order_mark_skips_service_sessions() -> None:
    assert (FIXTURES / "sessionize-all.json").read_bytes().startswith(b"\xef\xbb\xbf")
    program = read_one("sessionize-all.json")
    assert [t.title for t in program.talks] == ["Intro to Kubernetes & friends", "Panel: Ops war stories"]
    intro, panel = program.talks
    assert (intro.date, intro.start, intro.duration, intro.room, intro.track) == (
        dt.date(2026, 5, 14), "09:30", 45, "Main Hall", "Cloud & Ops")
    assert intro.links == {"video": "https://www.youtube.com/watch?v=abc123"}
    assert panel.kind == "panel" and [p.name for p in panel.speakers] == ["Søren Ødegaard", "Amara N'Diaye"]


def test_pyvideo_folder_converts_restructuredtext() -> None:
    program = read_one("pyvideo")
    talk = by_id(program)["type-hints-for-humans"]
    assert talk.abstract == ("Type hints **explained**.\n\nTopics:\n\n- `mypy` basics\n"
                             "- [Protocols](https://peps.python.org/pep-0544/)")
    assert talk.links["link"] == "https://example.org/repo/o'reilly"  # legal in a URL (issue 16)
    assert (talk.duration, talk.date) == (30, dt.date(2019, 5, 4))


# -- bad input -----------------------------------------------------------------------------------
BAD = {
    "broken.xml": ("<schedule><conference><title>X</title></conference>\n<day index='1' date='2026-01-01'>"
                   "\n<room name='A'><event id='1'><title>T</title></room></day></schedule>", "broken.xml:3"),
    "notitle.xml": ("<schedule><conference><title>X</title></conference>\n<day index='1' date='2026-01-01'>"
                    "<room name='A'>\n<event id='1'><start>10:00</start><title> </title></event>"
                    "</room></day></schedule>", "notitle.xml:3: title"),
    "noevents.xml": ("<schedule><conference><title>X</title></conference>\n<day index='1' date='2026-01-01'>"
                     "<room name='A'>\n<event><title>T</title></event></room></day></schedule>",
                     "noevents.xml:3: id: this <event> has no id, code or guid"),
    "broken.json": ('{"schedule": {\n  "version": "1",\n  "conference": {,}}}',
                    "broken.json:3: malformed JSON"),
    "notitles.json": ('{"sessions": [{"id": "1", "title": " "}, {"id": "2"}], "speakers": []}',
                      "notitles.json: $.sessions[0].title: title: session '1' has no title"),
    "unknown.json": ('{"talks": []}', "unknown.json: unknown program format"),
    "noids.json": ('{"schedule": {"version": "1", "conference": {"title": "C", "days": [{"date": '
                   '"2026-01-01", "rooms": {"R": [{"title": "T", "start": "9:75"}]}}]}}}',
                   'noids.json: $.schedule.conference.days[0].rooms.R[0]: id: this event has no id'),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_programs_are_refused_with_their_place_and_nothing_is_written(tmp_path: Path, name: str) -> None:
    text, expected = BAD[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    kb = tmp_path / "kb"
    kb.mkdir()
    proc = hallway("import", "--kb", str(kb), "--event", "x", name, cwd=tmp_path)
    assert proc.returncode != 0
    assert expected in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr
    assert not any(kb.rglob("*.md"))


def test_read_programs_raises_hallway_error_for_hostile_xml(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE schedule [<!ENTITY a "aaaa">]><schedule>&a;</schedule>',
                    encoding="utf-8")
    with pytest.raises(HallwayError):
        list(read_programs(bomb, "bomb.xml"))


# -- writing -------------------------------------------------------------------------------------
def _import(kb: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = hallway("import", "--kb", str(kb), *args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def _files(kb: Path) -> dict[str, str]:
    return {p.relative_to(kb).as_posix(): p.read_text(encoding="utf-8") for p in sorted(kb.rglob("*.md"))}


def test_import_is_idempotent_and_updates_program_fields_in_place(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    program = tmp_path / "schedule.xml"
    shutil.copy(FIXTURES / "frab-current.xml", program)
    _import(kb, str(program))
    first = _files(kb)
    assert "talks/hallway-conf-2026/welcome-to-hallway-conf-friends.md" in first
    assert "program_ids: ['hallway-conf.example.org:502']" in first["speakers/zoe-obrien.md"]
    again = _import(kb, str(program))
    assert "nothing to do" in again.stdout and _files(kb) == first
    # Someone writes notes on a talk, then the program moves it and adds a recording.
    note = kb / "talks/hallway-conf-2026/borrowing-in-rust-a-gentle-tour.md"
    notes_body = "\n- The borrow checker is your friend.\n- Ask about `Pin`.\n"
    note.write_text(note.read_text(encoding="utf-8") + notes_body, encoding="utf-8")
    newer = program.read_text(encoding="utf-8").replace("<start>11:00</start>", "<start>11:30</start>")
    newer = newer.replace("<room>K.1.105 (La Fontaine)</room>", "<room>Janson</room>")
    newer = newer.replace("<links/>", '<links><link href="https://video.example.org/borrow.mp4">Video</link></links>')
    program.write_text(newer, encoding="utf-8")
    proc = _import(kb, str(program))
    assert "updated" in proc.stdout and "(start, room, links)" in proc.stdout
    text = note.read_text(encoding="utf-8")
    assert text.endswith("---\n" + notes_body)
    assert "start: '11:30'" in text and "room: Janson" in text
    assert "video: https://video.example.org/borrow.mp4" in text
    assert "nothing to do" in _import(kb, str(program)).stdout
    # A talk gone from the program is reported, never deleted; marked only when asked.
    program.write_text(newer.replace('id="1003"', 'id="1999"'), encoding="utf-8")
    gone = kb / "talks/hallway-conf-2026/late-night-lightning-talks.md"
    proc = _import(kb, "--dry-run", str(program))
    assert "late-night-lightning-talks.md" in proc.stdout and "no longer in the program" in proc.stdout
    _import(kb, "--mark-withdrawn", str(program))
    assert "withdrawn: true" in gone.read_text(encoding="utf-8")
    assert gone.exists()


def test_speakers_are_reused_across_events_and_formats(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "speakers").mkdir()
    (kb / "speakers" / "ana.md").write_text("---\nname: Ana Núñez\naliases: [Ana N.]\n---\nHer own bio.\n",
                                            encoding="utf-8")
    _import(kb, str(FIXTURES / "pentabarf-old.xml"))
    _import(kb, str(FIXTURES / "pyvideo"))
    _import(kb, "--event", "Oslo Ops 2026", str(FIXTURES / "sessionize-all.json"))
    speakers = sorted(p.name for p in (kb / "speakers").iterdir())
    assert "ana-nunez.md" not in speakers and "ana.md" in speakers
    assert (kb / "speakers" / "ana.md").read_text(encoding="utf-8").endswith("Her own bio.\n")
    soren = (kb / "speakers" / "soren-odegaard.md").read_text(encoding="utf-8")
    assert "blog: https://soren.example.org/" in soren
    assert soren.endswith("SRE at Example\n\nPlatform engineer.\n")
    typed = (kb / "talks/mini-pycon-2019/type-hints-for-humans.md").read_text(encoding="utf-8")
    # A tag that is also a speaker's name is a topic too: references are typed (issue 16).
    assert "topics: [typing, mypy, Ana Núñez]" in typed
    event = (kb / "events/oslo-ops-2026.md").read_text(encoding="utf-8")
    assert event.startswith("---\nname: Oslo Ops 2026\n")


def test_imported_programs_pass_check_and_build_strict(tmp_path: Path) -> None:
    hand = "---\ntitle: A hand note\nevent: Hand Event\n---\n\nNotes.\n"
    kb = make_kb(tmp_path / "kb", {"talks/hand-event/written.md": hand},
                 extra_yml="extra_css:\n  - assets/hallway.css\n")  # the repository's stylesheet
    shutil.copytree(REPO / "docs" / "assets", kb / "docs" / "assets")
    for name in ("frab-current.xml", "pentabarf-old.xml", "pretalx-schedule.json", "pyvideo"):
        _import(kb, str(FIXTURES / name))
    note = kb / "talks/hallway-conf-2026/borrowing-in-rust-a-gentle-tour.md"
    note.write_text(note.read_text(encoding="utf-8") + "\n- Lifetimes are scopes.\n", encoding="utf-8")
    check = hallway("check", "--kb", str(kb))
    assert check.returncode == 0, check.stdout + check.stderr
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    event = article(result.page("events/hallway-conf-2026/"))
    program = event.select_one(".hw-program")
    assert program is not None
    assert [h.get_text() for h in program.select("h3")] == ["2026-02-07", "2026-02-08"]
    rows = [li.get_text(" ", strip=True) for li in program.select("li")]
    assert rows[0].startswith("09:30 Welcome to Hallway Conf & friends")
    assert any(r.startswith("11:00 Borrowing in Rust") and r.endswith("notes") for r in rows)
    assert not any(r.startswith("09:30") and r.endswith("notes") for r in rows)
    talk = article(result.page("talks/hallway-conf-2026/borrowing-in-rust-a-gentle-tour/"))
    facts = talk.select_one(".hw-facts").get_text(" ", strip=True)  # type: ignore[union-attr]
    assert "Time 11:00–12:30" in facts and "Room K.1.105 (La Fontaine)" in facts
    assert "Track Rust & Friends" in facts
    abstract = talk.select_one(".hw-abstract")
    assert abstract is not None and abstract.select_one("code").get_text() == "&mut"  # type: ignore[union-attr]
    assert "Lifetimes are scopes." in talk.select_one(".hw-body").get_text()  # type: ignore[union-attr]
    old = article(result.page("talks/old-conf-2008/free-software-you/"))
    assert old.select_one(".hw-abstract a")["href"] == "https://example.org/fs"  # type: ignore[index]
    _program_lines_tell_speakers_from_titles(result.site)


def _program_lines_tell_speakers_from_titles(site: Path) -> None:
    """In a program line the speakers follow the title: in a browser they must not read as more of
    the title (same colour, size and decoration made 'Welcome to the devroom Gabriel Bianconi' one
    link-coloured run)."""
    require_chromium()
    from playwright.sync_api import sync_playwright
    with serve_under(site, "/") as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.goto(base + "events/hallway-conf-2026/")
        styles = page.evaluate("""() => {
          const line = [...document.querySelectorAll('.hw-program li')]
              .find(li => li.querySelector('.hw-program__speakers a'));
          const look = el => { const s = getComputedStyle(el);
            return [s.fontSize, s.textDecorationLine, s.color].join(' '); };
          return [look(line.querySelector(':scope > a')),
                  look(line.querySelector('.hw-program__speakers a'))];
        }""")
        browser.close()
    title, speakers = styles
    assert title != speakers, styles


# -- the real pyvideo archive --------------------------------------------------------------------
PYVIDEO_EVENTS = ("caipyra-2016", "moscow-python-conf-2019", "pyohio-2019")


@pytest.fixture(scope="module")
def pyvideo_subset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not PYVIDEO_TAR.is_file():
        pytest.skip(f"{PYVIDEO_TAR} is not here")
    root = tmp_path_factory.mktemp("pyvideo")
    with tarfile.open(PYVIDEO_TAR) as tar:
        wanted = [m for m in tar.getmembers()
                  if m.name.removeprefix("./").split("/", 1)[0] in (*PYVIDEO_EVENTS, ".schemas")]
        tar.extractall(root, members=wanted, filter="data")
    return root


def test_real_pyvideo_events_import_every_talk(pyvideo_subset: Path, tmp_path: Path) -> None:
    video_schema = json.loads((pyvideo_subset / ".schemas" / "video.json").read_text(encoding="utf-8"))
    for folder in PYVIDEO_EVENTS:
        for file in (pyvideo_subset / folder / "videos").glob("*.json"):
            jsonschema.validate(json.loads(file.read_text(encoding="utf-8")), video_schema)
    for file in (FIXTURES / "pyvideo" / "mini-pycon-2019" / "videos").glob("*.json"):
        jsonschema.validate(json.loads(file.read_text(encoding="utf-8")), video_schema)
    programs = list(read_programs(pyvideo_subset, "pyvideo"))
    assert [p.event.slug for p in programs] == list(PYVIDEO_EVENTS)
    for program in programs:
        videos = sorted((pyvideo_subset / program.event.slug / "videos").glob("*.json"))
        assert len(program.talks) == len(videos)
        for talk, file in zip(sorted(program.talks, key=lambda t: t.id), videos, strict=True):
            data = json.loads(file.read_text(encoding="utf-8"))
            assert talk.title == " ".join(data["title"].split())
            assert [p.name for p in talk.speakers] == [s.strip() for s in data["speakers"] if s.strip()]
            assert talk.date == dt.date.fromisoformat(data["recorded"][:10])
            assert talk.links["video"] == data["videos"][0]["url"]
    kb = tmp_path / "kb"
    kb.mkdir()
    _import(kb, str(pyvideo_subset))
    assert len(list((kb / "talks" / "pyohio-2019").glob("*.md"))) == len(list(
        (pyvideo_subset / "pyohio-2019" / "videos").glob("*.json")))
    assert "nothing to do" in _import(kb, str(pyvideo_subset)).stdout
    check = hallway("check", "--kb", str(kb))
    assert check.returncode == 0, check.stdout[-3000:]


def test_sessionize_event_comes_from_event_flag_or_file_name(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    generic = tmp_path / "all.json"
    shutil.copy(FIXTURES / "sessionize-all.json", generic)
    proc = hallway("import", "--kb", str(kb), str(generic))
    assert proc.returncode != 0 and "does not name its event" in proc.stderr and "--event" in proc.stderr
    assert not any(kb.rglob("*.md"))
    named = tmp_path / "devopsdays-oslo-2026.json"
    shutil.copy(FIXTURES / "sessionize-all.json", named)
    assert "using 'devopsdays-oslo-2026' from its name" in _import(kb, str(named)).stdout
    assert (kb / "talks/devopsdays-oslo-2026/panel-ops-war-stories.md").is_file()


def test_a_hand_written_note_on_a_program_talk_is_left_alone(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    mine = "---\ntitle: Packaging with dpkg\nevent: Old Conf 2008\n---\n\n- my own notes\n"
    (kb / "talks/old-conf-2008").mkdir(parents=True)
    (kb / "talks/old-conf-2008/packaging-with-dpkg.md").write_text(mine, encoding="utf-8")
    proc = _import(kb, str(FIXTURES / "pentabarf-old.xml"))
    assert "kept" in proc.stdout and "program: {source: old-conf-2008, id: \"43\"}" in proc.stdout
    assert (kb / "talks/old-conf-2008/packaging-with-dpkg.md").read_text(encoding="utf-8") == mine
    assert sorted(p.name for p in (kb / "talks/old-conf-2008").iterdir()) == [
        "free-software-you.md", "packaging-with-dpkg.md"]
    # Once attached, the next import fills in the program's fields and keeps the notes.
    attached = mine.replace("event: Old Conf 2008\n",
                            "event: Old Conf 2008\nprogram: {source: old-conf-2008, id: '43'}\n")
    (kb / "talks/old-conf-2008/packaging-with-dpkg.md").write_text(attached, encoding="utf-8")
    proc = _import(kb, str(FIXTURES / "pentabarf-old.xml"))
    text = (kb / "talks/old-conf-2008/packaging-with-dpkg.md").read_text(encoding="utf-8")
    assert "room: H.1302 (Depage)" in text and text.endswith("---\n\n- my own notes\n")


def test_schedule2_flat_events_of_the_ccc_hub() -> None:
    program = read_one("schedule2-hub.json")
    assert program.event.name == "42nd Example Congress"
    (talk,) = program.talks
    assert (talk.id, talk.title, talk.room, talk.track) == ("QWE123", "Flux capacitors & you", "Saal Ü",
                                                             "Hardware & Making")
    assert (talk.date, talk.start, talk.duration) == (dt.date(2026, 12, 27), "23:45", 40)
    assert [(p.name, p.bio, p.links) for p in talk.speakers] == [
        ("Ada Ł.", "Builds things.", {"mastodon": "https://social.example.org/@ada"})]
    assert talk.abstract == "Short.\n\nLonger *text*."
    assert talk.links == {"program": "https://hub.example.org/congress/2026/event/flux/",
                          "slides": "https://hub.example.org/media/flux.pdf"}


def test_progress_is_plain_lines_in_ci(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from hallway.commands import import_programs

    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(import_programs, "PLAIN_EVERY", 2)
    assert list(import_programs.progress(list(range(5)), "reading")) == [0, 1, 2, 3, 4]
    assert capsys.readouterr().err.splitlines() == [
        "hallway import: reading 2/5", "hallway import: reading 4/5", "hallway import: reading 5/5"]
    assert list(import_programs.progress([1, 2], "reading")) == [1, 2]
    assert capsys.readouterr().err == ""  # a short import says nothing


def test_check_explains_bad_program_fields(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    note = kb / "talks/ev/t.md"
    note.parent.mkdir(parents=True)
    note.write_text("---\ntitle: T\nevent: ev\nstart: '25:00'\nduration: soon\nprogram: {source: ev}\n"
                    "withdrawn: maybe\n---\n", encoding="utf-8")
    proc = hallway("check", "--kb", str(kb))
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "talks/ev/t.md:4: start: invalid time '25:00' — write the start time as HH:MM" in out
    assert "talks/ev/t.md:5: duration: invalid duration 'soon' — write the length in whole minutes" in out
    assert "talks/ev/t.md:6: program: program has no id" in out
    assert "talks/ev/t.md:7: withdrawn: expected true or false" in out


def test_an_event_named_as_speaker_is_kept_and_impossible_lengths_are_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "mini-pycon-2019"
    shutil.copytree(FIXTURES / "pyvideo" / "mini-pycon-2019", folder)
    (folder / "videos" / "closing.json").write_text(json.dumps(
        {"title": "Closing", "speakers": ["Mini PyCon 2019", "Łukasz Nowak"], "duration": 1595000,
         "recorded": "2019-05-05", "videos": []}), encoding="utf-8")
    kb = tmp_path / "kb"
    kb.mkdir()
    proc = _import(kb, str(folder))
    assert "has the name of an event" not in proc.stdout
    closing = (kb / "talks/mini-pycon-2019/closing.md").read_text(encoding="utf-8")
    assert "speakers: [Mini PyCon 2019, Łukasz Nowak]" in closing and "duration" not in closing
    # Typed references (issue 16): a speaker may share its name with the event.
    assert (kb / "speakers/mini-pycon-2019.md").exists() and (kb / "events/mini-pycon-2019.md").exists()
    assert hallway("check", "--kb", str(kb)).returncode == 0


def test_a_speaker_and_a_tag_of_one_name_import_as_two_entities_and_build(tmp_path: Path) -> None:
    """Issue 16: pyvideo has a speaker 'Mariatta' and a tag 'mariatta', an event 'SciPy 2016' and a
    tag 'SciPy 2016'. References are typed, so each is its own page and the strict build passes."""
    folder = tmp_path / "scipy-2016"
    (folder / "videos").mkdir(parents=True)
    (folder / "category.json").write_text(json.dumps({"title": "SciPy 2016"}), encoding="utf-8")
    (folder / "videos" / "bots.json").write_text(json.dumps(
        {"title": "Bots for the core workflow", "speakers": ["Mariatta"], "recorded": "2016-07-13",
         "tags": ["mariatta", "SciPy 2016", "bots"], "description": "Mariatta shows the bots.",
         "videos": [{"type": "youtube", "url": "https://www.youtube.com/watch?v=abc"}]}), encoding="utf-8")
    kb = make_kb(tmp_path / "kb", {})
    proc = _import(kb, str(folder))
    assert "left out" not in proc.stdout
    talk = (kb / "talks/scipy-2016/bots-for-the-core-workflow.md").read_text(encoding="utf-8")
    assert "speakers: [Mariatta]" in talk and "topics: [mariatta, SciPy 2016, bots]" in talk
    check = hallway("check", "--kb", str(kb))
    assert check.returncode == 0, check.stdout + check.stderr
    result = mkdocs_build(kb)
    assert result.returncode == 0, result.output
    speaker = article(result.page("speakers/mariatta/"))
    topic = article(result.page("topics/mariatta/"))
    assert speaker.select_one("h1").get_text(strip=True) == "Mariatta"  # type: ignore[union-attr]
    assert topic.select_one("h1").get_text(strip=True) == "mariatta"  # type: ignore[union-attr]
    for page in (speaker, topic):
        assert "Bots for the core workflow" in page.get_text()
    assert "Bots for the core workflow" in article(result.page("topics/scipy-2016/")).get_text()


def test_control_characters_in_a_program_are_dropped_so_the_notes_pass_check(tmp_path: Path) -> None:
    """The real pyvideo archive has LEFT-TO-RIGHT MARKs in abstracts and U+009D in titles, which
    `hallway check` refuses (issue 18); import drops them, says so, and the notes pass check."""
    folder = tmp_path / "pycon-us-2010"
    (folder / "videos").mkdir(parents=True)
    (folder / "category.json").write_text(json.dumps({"title": "PyCon US 2010"}), encoding="utf-8")
    (folder / "videos" / "browser.json").write_text(json.dumps(
        {"title": "Python in the browser\u009d", "speakers": ["\u200fJane Doe"], "recorded": "2010-02-20",
         "description": "\u200eIntro to the browser.", "tags": ["web\u200e"], "videos": []}),
        encoding="utf-8")
    kb = make_kb(tmp_path / "kb", {})
    proc = _import(kb, str(folder))
    assert "removed 4 invisible control character(s)" in proc.stdout
    talk = (kb / "talks/pycon-us-2010/python-in-the-browser.md").read_text(encoding="utf-8")
    assert "title: Python in the browser\n" in talk and "speakers: [Jane Doe]" in talk
    assert "\u200e" not in talk and "Intro to the browser." in talk
    check = hallway("check", "--kb", str(kb))
    assert check.returncode == 0, check.stdout + check.stderr


def test_blog_notes_on_program_talks_take_the_programs_exact_titles_and_speakers(tmp_path: Path) -> None:
    """Notes written after the program was imported: headings as a blogger wrote them (another
    dash, no accents, ``and`` for ``&``) become the program's talks, never second copies."""
    kb = make_kb(tmp_path / "kb", {})
    _import(kb, str(FIXTURES / "frab-current.xml"))
    program_files = _files(kb)
    notes = tmp_path / "saturday.txt"
    notes.write_text("Hallway Conf 2026 – Saturday\n"
                     "Welcome to Hallway Conf and friends – Tui Ngata & Zoe O'Brien\n- how it started\n"
                     "Borrowing in Rust - a gentle tour by Zoë O’Brien\n- lifetimes first\n",
                     encoding="utf-8")
    plan = json.loads(_import(kb, str(notes), "--event", "hallway-conf-2026", "--json").stdout)
    assert [(t["title"], t["speakers"], t["path"]) for t in plan["reused"] if t["type"] == "talk"] == [
        ("Welcome to Hallway Conf & friends", ["Tūī Ngata", "Zoë O’Brien"],
         "talks/hallway-conf-2026/welcome-to-hallway-conf-friends.md"),
        ("Borrowing in Rust: a “gentle” tour", ["Zoë O’Brien"],
         "talks/hallway-conf-2026/borrowing-in-rust-a-gentle-tour.md")]
    assert not any(e["type"] in ("talk", "speaker") for e in plan["created"])
    assert any(u["line"] == 4 and "borrowing-in-rust-a-gentle-tour.md" in u["decision"]
               for u in plan["unsure"])
    after = _files(kb)
    assert {path: after[path] for path in program_files} == program_files  # the program's files untouched
    assert "- lifetimes first" in after["posts/hallway-conf-2026-borrowing-in-rust-a-gentle-tour-notes.md"]
    assert hallway("check", "--strict", "--kb", str(kb)).returncode == 0


# -- a FOSDEM-sized archive: what one bad <event> may cost, and people of one name ---------------
def _schedule(events: str, conference: str = "") -> str:
    return ("<?xml version='1.0' encoding='UTF-8'?>\n<schedule>\n<conference><title>Fos 2012</title>"
            f"{conference}</conference>\n<day index='1' date='2012-02-04'>\n<room name='Janson'>\n"
            f"{events}</room>\n</day>\n</schedule>\n")


def _event(ident: str, title: str, extra: str = "", persons: str = "") -> str:
    return (f"<event id='{ident}'>\n<start>10:00</start>\n<duration>00:30</duration>\n"
            f"<title>{title}</title>\n{extra}<persons>{persons}</persons>\n</event>\n")


def test_a_bad_event_leaves_out_only_itself_and_says_where(tmp_path: Path) -> None:
    """A 1,000-talk FOSDEM file is not refused for one event's fault: that event (or its field) is
    left out, each fault is reported with its line, field and fix, and importing again changes
    nothing."""
    good = _event("1", "Welcome to FOSDEM")
    notitle = _event("2", " ")
    badstart = _event("3", "Lightning talk").replace("10:00", "25:61")
    program = tmp_path / "fos-2012.xml"
    program.write_text(_schedule(good + notitle + badstart + _event("1", "Again") + _event("", "No id")),
                       encoding="utf-8")
    kb = make_kb(tmp_path / "kb", {})
    proc = _import(kb, str(program))
    out = proc.stdout
    assert "fos-2012.xml:15: title: talk '2' has no title; it was left out — give the <event> a <title>" \
        in out
    assert "fos-2012.xml:19: start: impossible start time '25:61'; left out — write it as HH:MM" in out
    assert "fos-2012.xml:24: id: talk id '1' is used twice (first on line 6); this one was left out" in out
    assert "fos-2012.xml:30: id: this <event> has no id, code or guid; it was left out" in out
    talks = sorted(p.name for p in (kb / "talks" / "fos-2012").iterdir())
    assert talks == ["lightning-talk.md", "welcome-to-fosdem.md"]
    lightning = (kb / "talks/fos-2012/lightning-talk.md").read_text(encoding="utf-8")
    assert "start:" not in lightning and "duration: 30" in lightning
    first = _files(kb)
    again = _import(kb, str(program))
    assert "nothing to do" in again.stdout and _files(kb) == first
    # A talk imported before and broken now is not "gone from the program" (nor withdrawn).
    program.write_text(_schedule(good.replace("Welcome to FOSDEM", "") + badstart), encoding="utf-8")
    proc = _import(kb, "--mark-withdrawn", str(program))
    assert "talk '1' has no title" in proc.stdout and "gone from the program" not in proc.stdout.split(
        "hallway import:")[0]
    assert _files(kb) == first
    assert hallway("check", "--kb", str(kb)).returncode == 0


def test_site_path_links_without_a_base_are_reported_once(tmp_path: Path) -> None:
    slides = ("<attachments><attachment type='slides' href='/2012/schedule/event/a/slides.pdf'>Slides"
              "</attachment></attachments>\n<links><link href='https://example.org/a'>Project</link></links>\n")
    program = tmp_path / "fos-2012.xml"
    program.write_text(_schedule(_event("1", "A", slides) + _event("2", "B", slides)), encoding="utf-8")
    (read,) = read_programs(program, "fos-2012.xml")
    assert [t.links for t in read.talks] == [{"project": "https://example.org/a"}] * 2
    (warning,) = read.warnings
    assert warning.format() == (
        "fos-2012.xml:10: href: 2 link(s) or attachment(s) are site paths (such as '/2012/schedule/…') "
        "and the file gives no address to read them from (first on this line); they were left out — add "
        "<base_url>https://…/</base_url> to <conference>, or a <url> to each <event>, then import again")
    with_url = program.read_text(encoding="utf-8").replace(
        "<title>A</title>", "<title>A</title><url>https://fos.example.org/2012/schedule/event/a/</url>")
    program.write_text(with_url, encoding="utf-8")
    (read,) = read_programs(program, "fos-2012.xml")
    assert read.talks[0].links["slides"] == "https://fos.example.org/2012/schedule/event/a/slides.pdf"
    # An event's page tells whose person ids these are when the file has no base_url.
    assert read.id_space == "fos.example.org"


def test_two_people_of_one_name_are_not_merged_by_their_ids(tmp_path: Path) -> None:
    """FOSDEM has two different people named alike (different person ids). Names cannot tell them
    apart, so the talks name one speaker, but the second person's id is not recorded on the first
    person's file; the import says how to give them a file, and then the talks follow the ids."""
    base = "<base_url>https://fos.example.org/2012/schedule/</base_url>"
    events = (_event("1", "Kernels", persons="<person id='50'>David Martin</person>")
              + _event("2", "Gardens", persons="<person id='51'>David Martin</person>")
              + _event("3", "Both", persons="<person id='50'>David Martin</person><person id='51'>David "
                                            "Martin</person>"))
    program = tmp_path / "fos-2012.xml"
    program.write_text(_schedule(events, base), encoding="utf-8")
    kb = make_kb(tmp_path / "kb", {})
    proc = _import(kb, str(program))
    assert proc.stdout.count("person 51 'David Martin'") == 1
    assert ("fos-2012.xml:12: persons: person 51 'David Martin' has the name of speakers/david-martin.md, "
            "which is person 50 of fos.example.org; the talk names that speaker — if they are two people, "
            "write a speaker file for person 51 with another name and program_ids: "
            "['fos.example.org:51'], then import again") in proc.stdout
    speaker = (kb / "speakers/david-martin.md").read_text(encoding="utf-8")
    assert "program_ids: ['fos.example.org:50']\n" in speaker
    assert "nothing to do" in _import(kb, str(program)).stdout
    (kb / "speakers/david-martin-gardens.md").write_text(
        "---\nname: David Martin (gardens)\nprogram_ids: ['fos.example.org:51']\n---\n", encoding="utf-8")
    proc = _import(kb, str(program))
    assert "person 51" not in proc.stdout
    assert "speakers: [David Martin (gardens)]" in (
        kb / "talks/fos-2012/gardens.md").read_text(encoding="utf-8")
    assert "speakers: [David Martin, David Martin (gardens)]" in (
        kb / "talks/fos-2012/both.md").read_text(encoding="utf-8")
    assert "speakers: [David Martin]" in (kb / "talks/fos-2012/kernels.md").read_text(encoding="utf-8")
    check = hallway("check", "--kb", str(kb))
    assert check.returncode == 0, check.stdout + check.stderr


def test_json_programs_leave_out_only_their_bad_talks(tmp_path: Path) -> None:
    """As frab XML: a schedule.json or Sessionize file that parses is imported without its bad talks
    or fields, each named by its JSON path, and importing it again changes nothing."""
    c3voc = tmp_path / "conf.json"
    c3voc.write_text('{"schedule": {"version": "1", "conference": {"title": "Conf 2026", "days": [{"date": '
                     '"2026-01-01", "rooms": {"R": [{"id": 5, "title": "Good talk", "start": "10:00"}, '
                     '{"id": 6, "title": "Bad time", "start": "9:75"}, {"id": 5, "title": "Again"}]}}]}}}',
                     encoding="utf-8")
    sessionize = tmp_path / "devconf-2026.json"
    sessionize.write_text('{"sessions": [{"id": "1", "title": "Kept"}, {"id": "1", "title": "Twice"}, '
                          '{"id": "2", "title": "Who?", "speakers": ["nobody"]}], "speakers": []}',
                          encoding="utf-8")
    kb = make_kb(tmp_path / "kb", {})
    out = _import(kb, str(c3voc)).stdout + _import(kb, str(sessionize)).stdout
    assert "conf.json: $.schedule.conference.days[0].rooms.R[1].start: start: impossible start time " \
        "'9:75'; left out" in out
    assert "conf.json: $.schedule.conference.days[0].rooms.R[2]: id: talk id '5' is used twice" in out
    assert "devconf-2026.json: $.sessions[1].id: id: session id '1' is used twice" in out
    assert "devconf-2026.json: $.sessions[2].speakers: speakers: unknown speaker id 'nobody'; left out" in out
    talks = sorted(p.relative_to(kb / "talks").as_posix() for p in (kb / "talks").rglob("*.md"))
    assert talks == ["conf-2026/bad-time.md", "conf-2026/good-talk.md", "devconf-2026/kept.md",
                     "devconf-2026/who.md"]
    first = _files(kb)
    assert "nothing to do" in _import(kb, str(c3voc)).stdout and _files(kb) == first


def test_a_pyvideo_event_leaves_out_only_its_bad_videos(tmp_path: Path) -> None:
    """One unreadable or untitled video file does not cost the event its other talks."""
    event = tmp_path / "pycon-zz-2016"
    (event / "videos").mkdir(parents=True)
    (event / "category.json").write_text('{"title": "PyCon ZZ 2016"}', encoding="utf-8")
    (event / "videos" / "good.json").write_text('{"title": "A good talk", "speakers": ["Ann Example"]}',
                                                encoding="utf-8")
    (event / "videos" / "untitled.json").write_text('{"title": ""}', encoding="utf-8")
    (event / "videos" / "broken.json").write_text('{"title": ', encoding="utf-8")
    kb = make_kb(tmp_path / "kb", {})
    out = _import(kb, str(event)).stdout
    assert "pycon-zz-2016/videos/untitled.json: $.title: title: the video has no title; it was left out" \
        in out
    assert "pycon-zz-2016/videos/broken.json" in out and "the video was left out" in out
    assert [p.name for p in (kb / "talks").rglob("*.md")] == ["a-good-talk.md"]
