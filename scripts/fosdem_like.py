"""Write a FOSDEM-sized archive of Pentabarf ``schedule.xml`` files (2007–2026), for benches.

``python scripts/fosdem_like.py OUT_DIR [--talks 11783] [--pyvideo FOLDER]`` writes
``fosdem-2007.xml`` … ``fosdem-2026.xml``: about 300 events in 2007 growing to about 1,000, in
the shape of FOSDEM's own exports, written from scratch (no FOSDEM data is used):

* old years (before 2010) have no ``<slug>`` (a ``<tag>`` instead), no ``<url>`` before 2013, no
  ``guid`` before 2017 and no ``<date>`` before 2019; HTML in ``<abstract>``/``<description>`` is
  escaped; old years often put everything in ``<abstract>`` and leave ``<description>`` empty;
* recent years (2023 on) add ``<acronym>``, ``<time_zone_name>`` and ``<base_url>``;
* person ids are global and stable: the same person (same id) speaks in many years; two different
  people share one name (different ids, sometimes in the same year); collective names ("FOSDEM
  Staff", "The Debian team"), one-word names and non-Latin names; some talks have ``<persons/>``;
* the same title every year ("Welcome to FOSDEM", "Closing FOSDEM") and many times in one year
  ("Welcome to the devroom"); lightning talks; titles with ``&``, ``<`` and quotes; rooms and
  tracks with odd characters; talks with no abstract at all; a few very long descriptions;
  video/feedback links and slide attachments given as site paths.

Titles, descriptions and names come from the CC0 pyvideo data set when ``--pyvideo`` points at its
unpacked folder (as ``scripts/bench.py --archive`` unpacks it); otherwise they are made up. The
output is the same for the same arguments (a fixed random seed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import uuid
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

YEARS = list(range(2007, 2027))
TOTAL_TALKS = 11_783
SEED = 2007

ROOMS = ["Janson", "K.1.105 (La Fontaine)", "H.1302 (Depage)", "H.1308 (Rolin)", "H.2215 (Ferrer)",
         "UA2.114 (Baudoux)", "UB2.252A (Lameere)", "UD2.218A", "AW1.120", "AW1.126", "K.3.201",
         "K.3.401", "K.4.201", "K.4.401", "UB5.132", "UB4.136", "UD2.120 (Chavanne)", "H.1301 (Cornil)",
         "H.1309 (Van Rijn)", "J.1.106", "AW1.121", "UB2.147", "UD6.215", "K.4.601", "UB4.132",
         "H.3242", "H.3244", "K.3.601", "UA2.220 (Guillissen)", "UB5.230", "Lightning Room H.2214",
         "D.chat & hallway <online>", "Ü-Building: Room “Ζ”"]
TRACKS = ["Keynotes", "Main Track", "Lightning Talks", "Free Java", "Go", "Rust", "Python", "Mozilla",
          "BSD", "Distributions", "Embedded, Mobile & Automotive", "HPC, Big Data, & Data Science",
          "Legal & Policy Issues", "Microkernel and Component-based OS", "Open Media", "JavaScript",
          "LLVM", "Tool the Docs", "Retrocomputing", "Software Defined Networking", "Testing & Automation",
          "Geospatial", "Open Hardware & CAD/CAM", "Real Time Communications", "Decentralised Internet & "
          "Privacy", "Containers", "Virtualization & IaaS", "Monitoring & Observability", "Databases",
          "PostgreSQL", "MySQL, MariaDB & Friends", "Erlang, Elixir & Friends", "Ada", "Minimalistic, "
          "Experimental and Emerging Languages", "Modern Email", "RISC-V", "Security", "Nix and NixOS",
          "Energy", "FOSS on Mobile Devices", "Identity & Access Management", "Emulator",
          "Open Source Design", "Friends of OpenJDK", "Community", "Music Production", "SBOM", "Go / Golang",
          "C++ <Templates>",
          "Kernel: “core” & drivers", "Présentations en français", "Translations (l10n/i18n)"]
SPECIAL_TITLES = ['C++ & Rust: <templates> vs "generics"',
                  "Don't \"panic\": <blink> is back & so is <marquee>",
                  "Why 'x < y && y > z' isn't always true", "AT&T syntax considered harmful",
                  "Q&A with the <FOSDEM> team", "Tcl/Tk & the 'Expect' tool", "&amp; is not &",
                  "Fast I/O with io_uring </> epoll", "GNOME’s “new” shell: a ‘tour’"]
NON_LATIN = ["李伟", "王芳", "山田太郎", "Дмитрий Иванов", "Ольга Смирнова", "محمد علي", "Νίκος Παπαδόπουλος",
             "जयेश शर्मा", "김민준", "Đặng Thị Hương", "Łukasz Żółć", "יוסי כהן", "Ṣàngó Adéyẹmí"]
ONE_WORD = ["Mariatta", "Lennart", "Zeeshan", "Ploum", "Kohsuke", "Tantek", "Bdale"]
COLLECTIVE = ["FOSDEM Staff", "The Debian team", "The LibreOffice community", "GNOME Foundation board",
              "Ubuntu & Kubuntu developers"]
MADE_UP_WORDS = ["kernel", "packaging", "graphics", "compiler", "network", "storage", "desktop", "mobile",
                 "cloud", "security", "database", "browser", "firmware", "scheduler", "embedded", "language",
                 "runtime", "container", "federation", "testing", "build", "release", "community", "design",
                 "audio", "video", "printing", "filesystem"]


def _load_pyvideo(folder: Path | None) -> tuple[list[str], list[str], list[str]]:
    """(titles, descriptions, speaker names) from the pyvideo data set, or made-up ones."""
    titles: list[str] = []
    descriptions: list[str] = []
    names: list[str] = []
    if folder is not None:
        for file in sorted(folder.glob("*/videos/*.json")):
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            title = " ".join(str(data.get("title") or "").split())
            if title:
                titles.append(title)
            text = str(data.get("description") or "").strip()
            if text:
                descriptions.append(text)
            names.extend(" ".join(str(s).split()) for s in data.get("speakers") or [] if str(s).strip())
    rnd = random.Random(SEED)
    while len(titles) < TOTAL_TALKS:
        words = rnd.sample(MADE_UP_WORDS, 4)
        titles.append(f"{words[0].capitalize()} {words[1]} for {words[2]} {words[3]}")
    while len(descriptions) < 2000:
        descriptions.append(" ".join(rnd.choice(MADE_UP_WORDS) for _ in range(rnd.randint(20, 150))) + ".")
    while len(set(names)) < 8000:
        names.append(f"{rnd.choice(MADE_UP_WORDS).capitalize()} {rnd.choice(MADE_UP_WORDS).capitalize()}son"
                     f"{len(names)}")
    return titles, descriptions, sorted(set(names))


def talks_per_year(total: int) -> dict[int, int]:
    """About 300 in 2007 growing to about 1,000, a dip for the online years, summing to ``total``."""
    weights = {year: 300 + 36 * (year - 2007) for year in YEARS}
    weights[2021] = int(weights[2021] * 0.75)
    weights[2022] = int(weights[2022] * 0.8)
    scale = total / sum(weights.values())
    counts = {year: round(w * scale) for year, w in weights.items()}
    counts[2026] += total - sum(counts.values())
    return counts


def _html(paragraphs: list[str], rnd: random.Random) -> str:
    """Paragraphs as the HTML FOSDEM's site writes (paragraphs, a list, a link, some code)."""
    out: list[str] = []
    for text in paragraphs:
        text = escape(text)
        roll = rnd.random()
        if roll < 0.1:
            out.append("<ul>" + "".join(f"<li>{escape(w)}</li>" for w in text.split(". ")[:4]) + "</ul>")
        elif roll < 0.2:
            out.append(f'<p>{text} See <a href="https://example.org/project/{rnd.randint(1, 9999)}">the '
                       f"project</a> &amp; <code>make install</code>.</p>")
        else:
            out.append(f"<p>{text}</p>")
    return "\n".join(out)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


class Archive:
    def __init__(self, pyvideo: Path | None, total: int) -> None:
        self.rnd = random.Random(SEED)
        titles, self.descriptions, names = _load_pyvideo(pyvideo)
        self.rnd.shuffle(titles)
        self.titles = iter(titles)
        self.counts = talks_per_year(total)
        # People: a global id each, active over a stretch of years. Ids 1-5 are the collective names.
        self.people: list[tuple[str, str, int, int]] = []  # (id, name, first year, last year)
        for number, name in enumerate(COLLECTIVE, start=1):
            self.people.append((str(number), name, 2007, 2026))
        pool = [n for n in names if n not in COLLECTIVE]
        self.rnd.shuffle(pool)
        pool = pool[:7000] + NON_LATIN + ONE_WORD
        for number, name in enumerate(pool, start=100):
            first = self.rnd.choice(YEARS)
            last = min(2026, first + int(self.rnd.expovariate(1 / 3)))
            self.people.append((str(number), name, first, last))
        # Two different people named alike: ids 50 and 51 both "David Martin", over all years.
        self.people.append(("50", "David Martin", 2007, 2026))
        self.people.append(("51", "David Martin", 2012, 2026))
        self.active = {year: [p for p in self.people[len(COLLECTIVE):] if p[2] <= year <= p[3]]
                       for year in YEARS}
        self.event_id = 1000
        self.long_left = 6

    def person_xml(self, person: tuple[str, str, int, int]) -> str:
        pid, name = person[0], person[1]
        if self.rnd.random() < 0.01:
            name = f"  {name} "  # stray whitespace, as hand-typed names have
        return f"<person id={quoteattr(pid)}>{escape(name)}</person>"

    def description(self, year: int) -> tuple[str, str]:
        """(abstract, description) as escaped-HTML element text (either may be empty)."""
        roll = self.rnd.random()
        if roll < 0.08:
            return "", ""  # no abstract at all
        parts = _paragraphs(self.rnd.choice(self.descriptions))
        if self.long_left and self.rnd.random() < 0.002:
            self.long_left -= 1
            parts = [p for _ in range(40) for p in _paragraphs(self.rnd.choice(self.descriptions))]
        if not parts:
            return "", ""
        if year < 2013:
            # Old years: often everything in the abstract, sometimes plain text, description empty.
            if self.rnd.random() < 0.4:
                return "\n\n".join(parts), ""
            if self.rnd.random() < 0.5:
                return _html(parts, self.rnd), ""
            return _html(parts[:1], self.rnd), _html(parts[1:], self.rnd)
        if len(parts) == 1 or self.rnd.random() < 0.3:
            return _html(parts, self.rnd), ""
        return _html(parts[:1], self.rnd), _html(parts[1:], self.rnd)

    def speakers(self, year: int, kind: str) -> list[tuple[str, str, int, int]]:
        if kind == "staff":
            return [self.people[0]]
        roll = self.rnd.random()
        if roll < 0.02:
            return []
        if roll < 0.03:
            return [self.rnd.choice(self.people[1:len(COLLECTIVE)])]
        count = 1 if roll < 0.8 else (2 if roll < 0.95 else self.rnd.randint(3, 6))
        chosen = self.rnd.sample(self.active[year], count)
        if self.rnd.random() < 0.004:
            chosen.append(self.people[-1 if self.rnd.random() < 0.5 else -2])  # a David Martin
        return chosen

    def year(self, year: int) -> str:
        rnd = self.rnd
        wanted = self.counts[year]
        saturday = _first_saturday(year)
        days = [saturday, saturday.replace(day=saturday.day + 1)]
        rooms = ROOMS[:min(len(ROOMS), 8 + (year - 2007))]
        tracks = {room: (TRACKS[i % len(TRACKS)] if i else "Keynotes") for i, room in enumerate(rooms)}
        for room in rooms[1:]:
            if rnd.random() < 0.3:
                tracks[room] = rnd.choice(TRACKS[3:])
        tracks[rooms[min(len(rooms) - 1, 6)]] = "Lightning Talks"
        # Lay the talks out room by room, day by day, 09:00 to 19:00.
        slots: list[tuple[int, str, int, int, str]] = []  # (day, room, start minute, duration, kind)
        while len(slots) < wanted:
            for day in range(2):
                for room in rooms:
                    clock = 9 * 60
                    lightning = tracks[room] == "Lightning Talks"
                    first = True
                    while clock < 19 * 60 and len(slots) < wanted:
                        if lightning:
                            length = 15 if year < 2016 else 20
                            kind = "lightningtalk"
                        elif room == rooms[0]:
                            length = 50
                            kind = "keynote" if clock == 9 * 60 or clock >= 17 * 60 else "maintrack"
                        else:
                            length = rnd.choice([15, 20, 25, 25, 30, 30, 40, 45, 50, 55])
                            kind = "devroom-welcome" if first and rnd.random() < 0.5 else "talk"
                        slots.append((day, room, clock, length, kind))
                        clock += length + (5 if rnd.random() < 0.3 else 0)
                        first = False
                if len(slots) >= wanted:
                    break
            if len(slots) < wanted:  # more rooms than a normal layout: add another set
                extra = f"{rnd.choice(ROOMS)} (extra {len(rooms)})"
                rooms.append(extra)
                tracks[extra] = rnd.choice(TRACKS[3:])
                slots = []
        slots = slots[:wanted]
        out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>', "<schedule>"]
        if year >= 2023:
            out.append("  <version>Bench 1.0</version>")
        out.append("  <conference>")
        if year >= 2023:
            out.append(f"    <acronym>fosdem-{year}</acronym>")
        out.append(f"    <title>FOSDEM {year}</title>")
        out.append("    <subtitle>Free and Open source Software Developers' European Meeting</subtitle>"
                   if year < 2015 else "    <subtitle/>")
        online = year in (2021, 2022)
        out.append(f"    <venue>{'Online' if online else 'ULB (Université Libre de Bruxelles)'}</venue>")
        out.append(f"    <city>{'Online' if online else 'Brussels'}</city>")
        out.append(f"    <start>{days[0].isoformat()}</start>")
        out.append(f"    <end>{days[1].isoformat()}</end>")
        out.append("    <days>2</days>")
        if year < 2013:
            out.append("    <release>Final</release>")
        out.append("    <day_change>09:00:00</day_change>")
        out.append("    <timeslot_duration>00:05:00</timeslot_duration>")
        if year >= 2023:
            out.append(f"    <base_url>https://fosdem.org/{year}/schedule/</base_url>")
            out.append("    <time_zone_name>Europe/Brussels</time_zone_name>")
        out.append("  </conference>")
        for day_index, date in enumerate(days):
            out.append(f'  <day index="{day_index + 1}" date="{date.isoformat()}">')
            for room in rooms:
                events = [s for s in slots if s[0] == day_index and s[1] == room]
                if not events:
                    continue
                out.append(f"    <room name={quoteattr(room)}>")
                for _day, _room, clock, length, kind in events:
                    out.extend("      " + line for line in self.event(year, date, room, tracks[room], clock,
                                                                        length, kind))
                out.append("    </room>")
            out.append("  </day>")
        out.append("</schedule>")
        return "\n".join(out) + "\n"

    def event(self, year: int, day: dt.date, room: str, track: str, clock: int, length: int,
              kind: str) -> list[str]:
        rnd = self.rnd
        self.event_id += 1
        ident = str(self.event_id)
        if kind == "keynote" and clock == 9 * 60:
            title, kind, people = ("Welcome to FOSDEM" if year % 3 else f"Welcome to FOSDEM {year}"), \
                "staff", None
        elif kind == "keynote":
            title, people = ("Closing FOSDEM" if year % 2 else "Closing FOSDEM & prize draw"), None
            kind = "staff"
        elif kind == "devroom-welcome":
            title = rnd.choice(["Welcome", "Welcome to the devroom", "Introduction", f"Welcome to the "
                                f"{track} devroom", "Opening"])
            people = None
        elif kind == "lightningtalk" and rnd.random() < 0.05:
            title, people = "Lightning talk", None
        elif rnd.random() < 0.004:
            title, people = rnd.choice(SPECIAL_TITLES), None
        else:
            title, people = next(self.titles), None
        speakers = people or self.speakers(year, kind)
        program_type = {"staff": "keynote", "keynote": "keynote", "maintrack": "maintrack",
                        "lightningtalk": "lightningtalk", "devroom-welcome": "devroom"}.get(kind, "devroom")
        if year < 2012:
            program_type = {"keynote": "Podium", "lightningtalk": "Lightning-Talk"}.get(program_type,
                                                                                          "Lecture")
        slug = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:50] or "talk"
        if year >= 2023:
            slug = f"fosdem-{year}-{ident}-{slug.replace('_', '-')}"
        abstract, description = self.description(year)
        lines: list[str] = []
        guid = f' guid="{uuid.UUID(int=rnd.getrandbits(128), version=4)}"' if year >= 2017 else ""
        lines.append(f'<event id="{ident}"{guid}>')
        start = f"{clock // 60:02d}:{clock % 60:02d}"
        if year >= 2019:
            lines.append(f"  <date>{day}T{start}:00+01:00</date>")
        lines.append(f"  <start>{start}</start>")
        lines.append(f"  <duration>{length // 60:02d}:{length % 60:02d}</duration>")
        lines.append(f"  <room>{escape(room)}</room>")
        if year < 2010:
            lines.append(f"  <tag>{slug}</tag>" if rnd.random() < 0.7 else "  <tag/>")
        else:
            lines.append(f"  <slug>{slug}</slug>")
        if year >= 2013:
            lines.append(f"  <url>https://fosdem.org/{year}/schedule/event/{slug}/</url>")
        lines.append(f"  <title>{escape(title)}</title>")
        subtitle = escape(rnd.choice(["A tour", "Q&A", "Part 2", "“Beyond” <v2>"]))
        lines.append(f"  <subtitle>{subtitle}</subtitle>"
                     if rnd.random() < 0.05 else "  <subtitle/>")
        track_slug = re.sub(r"[^a-z0-9]+", "_", track.lower()).strip("_")
        lines.append(f"  <track slug={quoteattr(track_slug)}>{escape(track)}</track>" if year >= 2023
                     else f"  <track>{escape(track)}</track>")
        lines.append(f"  <type>{program_type}</type>")
        lines.append(f"  <language>{rnd.choice(['en', 'en', 'en', 'fr', ''])}</language>" if year >= 2013
                     else f"  <language>{rnd.choice(['English', 'English', ''])}</language>"
                     if year >= 2009 else "  <language/>")
        lines.append(f"  <abstract>{escape(abstract)}</abstract>" if abstract else "  <abstract/>")
        lines.append(f"  <description>{escape(description)}</description>" if description
                     else "  <description/>")
        if year >= 2015:
            lines.append(f"  <feedback_url>https://submission.fosdem.org/feedback/{ident}.php</feedback_url>")
        if speakers:
            lines.append("  <persons>")
            lines.extend("    " + self.person_xml(p) for p in speakers)
            lines.append("  </persons>")
        else:
            lines.append("  <persons/>")
        attachments: list[str] = []
        if year >= 2012 and rnd.random() < 0.3:
            number = rnd.randint(1000, 99999)
            attachments.append(f'    <attachment type="slides" href="/{year}/schedule/event/{slug}/'
                               f'attachments/slides/{number}/export/events/attachments/{slug}/slides/{number}/'
                               f'{slug}.pdf">Slides</attachment>')
        if attachments:
            lines.append("  <attachments>")
            lines.extend(attachments)
            lines.append("  </attachments>")
        elif year >= 2012:
            lines.append("  <attachments/>")
        links: list[str] = []
        if year >= 2013 and rnd.random() < 0.85:
            room_slug = re.sub(r"[^a-z0-9]+", "", room.lower().split(" ")[0])
            for ext, label in (("webm", "Video recording (WebM/VP9)"), ("mp4", "Video recording (mp4)")):
                links.append(f'    <link href="https://video.fosdem.org/{year}/{room_slug}/{slug}.{ext}" '
                             f'type="video/{ext}">{label}</link>')
        if rnd.random() < 0.3:
            links.append(f'    <link href="https://example.org/projects/{rnd.randint(1, 5000)}/">Project '
                         "homepage</link>")
        if rnd.random() < 0.05:
            links.append('    <link href="http://example.org/a page with spaces/?q=&quot;x&quot;">'
                         "Odd link</link>")
        if year >= 2015:
            links.append(f'    <link href="https://submission.fosdem.org/feedback/{ident}.php">'
                         "Submit feedback</link>")
        if links:
            lines.append("  <links>")
            lines.extend(links)
            lines.append("  </links>")
        else:
            lines.append("  <links/>")
        lines.append("</event>")
        return lines


def _first_saturday(year: int) -> dt.date:
    day = dt.date(year, 2, 1)
    while day.weekday() != 5:
        day += dt.timedelta(days=1)
    return day


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--talks", type=int, default=TOTAL_TALKS)
    parser.add_argument("--pyvideo", type=Path, help="the unpacked pyvideo data set (titles and names)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    archive = Archive(args.pyvideo, args.talks)
    total = 0
    for year in YEARS:
        (args.out / f"fosdem-{year}.xml").write_text(archive.year(year), encoding="utf-8")
        total += archive.counts[year]
        print(f"fosdem-{year}.xml: {archive.counts[year]} events")
    print(f"{total} events in {len(YEARS)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
