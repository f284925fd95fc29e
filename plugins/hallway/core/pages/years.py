"""Pages across the years: event series, one page per year, and timelines on existing pages.

New pages: ``series/`` (every series), ``series/<slug>/`` (its editions: year, place, talks and
write-ups), ``years/`` and ``years/<year>/`` (that year's notes by event, and the topics first
discussed that year). Existing pages gain a part of their view model: an event page its series
and the editions before and after it; a topic, project or speaker page a chart of talks per year
and its talks grouped by year; the home page the most active and the newest topics.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..kb.model import Note
from ..relate.timeline import Edition, Timeline
from .charts import year_chart
from .siteplan import PageSpec, SitePlanner

SERIES_FOLDER = "series"
YEARS_FOLDER = "years"
#: The home page's "most active topics" count talks of this many most recent years.
RECENT_YEARS = 3
HOME_TOPICS = 8
CHART_KINDS = ("topic", "project", "speaker")
#: Fewer talks than this draw no chart of talks per year.
CHART_MIN_TALKS = 2


class YearsPlanner:
    """Series and year pages, and the timeline parts of other pages."""

    def __init__(self, planner: SitePlanner, timeline: Timeline) -> None:
        self.planner = planner
        self.timeline = timeline
        self.kb = planner.kb
        # The topics first talked about in each year, grouped once (issue 16: each year page
        # looked through all 35,000 first years of the archive's entities).
        self.new_topics: dict[int, list[str]] = defaultdict(list)
        for (kind, slug), first in timeline.first_year.items():
            if kind == "topic":
                self.new_topics[first].append(slug)

    def series_ref(self, slug: str) -> dict[str, Any]:
        series = self.timeline.series[slug]
        return {"name": series.name, "url": self.planner.url(f"{SERIES_FOLDER}/{slug}.md"),
                "slug": slug, "count": len(series.editions), "years": series.years}

    def year_ref(self, year: int) -> dict[str, Any]:
        return {"name": str(year), "url": self.planner.url(f"{YEARS_FOLDER}/{year}.md"),
                "count": len(self.timeline.notes_by_year.get(year, []))}

    def edition(self, edition: Edition) -> dict[str, Any]:
        event = self.kb.entities["event"][edition.event]
        return self.planner.ref("event", edition.event) | {
            "year": str(edition.year or ""), "location": event.location or "",
            "dates": event.dates or "", "talks": edition.talks, "writeups": edition.writeups}

    def _spec(self, src_uri: str, title: str, template: str, context: dict[str, Any]) -> PageSpec:
        spec = PageSpec(src_uri, title, template, context=context)
        spec.link_mode = "off"
        spec.url = self.planner.url(src_uri)
        return spec

    # -- new pages ---------------------------------------------------------------------------------
    def series_page(self, slug: str) -> PageSpec:
        series = self.timeline.series[slug]
        editions = [self.edition(e) for e in reversed(series.editions)]  # newest first
        context = {"type": "series", "name": series.name, "years": series.years,
                   "editions": editions,
                   "talks": sum(e.talks for e in series.editions),
                   "writeups": sum(e.writeups for e in series.editions)}
        return self._spec(f"{SERIES_FOLDER}/{slug}.md", series.name, "hallway/series.html", context)

    def series_index(self) -> PageSpec:
        items = sorted((self.series_ref(s) for s in self.timeline.series), key=lambda r: r["name"].casefold())
        return self._spec(f"{SERIES_FOLDER}/index.md", "Event series", "hallway/series-index.html",
                          {"type": "series-index", "series": items})

    def year_page(self, year: int) -> PageSpec:
        notes = self.timeline.notes_by_year[year]
        groups: dict[str, list[Note]] = defaultdict(list)
        for note in notes:
            groups[note.event or ""].append(note)
        events = sorted((g for g in groups if g), key=lambda g: self.kb.entities["event"][g].name.casefold())
        # A year with more notes than a page holds lists its events with counts (paging.py).
        cap = self.planner.paging.max_cards
        short = len(notes) > cap
        by_event: list[dict[str, Any]] = [
            {"event": self.planner.ref("event", g), "count": len(groups[g]),
             "notes": [] if short else [self.planner.card(n) for n in groups[g]]} for g in events]
        if groups.get(""):
            by_event.append({"event": None, "count": len(groups[""]),
                             "notes": [self.planner.card(n) for n in groups[""][:cap]]})
        new_topics = sorted(self.new_topics.get(year, []),
                            key=lambda s: self.kb.entities["topic"][s].name.casefold())
        years = sorted(self.timeline.notes_by_year)
        index = years.index(year)
        context = {
            "type": "year", "year": str(year), "by_event": by_event,
            "talks": sum(1 for n in notes if n.is_talk), "writeups": sum(1 for n in notes if not n.is_talk),
            "new_topics": [self.planner.ref("topic", s) for s in new_topics],
            "previous": self.year_ref(years[index - 1]) if index > 0 else None,
            "next": self.year_ref(years[index + 1]) if index + 1 < len(years) else None,
        }
        return self._spec(f"{YEARS_FOLDER}/{year}.md", str(year), "hallway/year.html", context)

    def years_index(self) -> PageSpec:
        years = [self.year_ref(y) for y in self.timeline.notes_by_year]
        return self._spec(f"{YEARS_FOLDER}/index.md", "Years", "hallway/years-index.html",
                          {"type": "years-index", "years": years})

    # -- parts of existing pages -------------------------------------------------------------------
    def add_to_event(self, context: dict[str, Any]) -> None:
        slug = context["slug"]
        series = self.timeline.series_of.get(slug)
        before, after = self.timeline.neighbours(slug)
        context["series"] = self.series_ref(series) if series else None
        context["previous_edition"] = self.edition(before) if before else None
        context["next_edition"] = self.edition(after) if after else None
        year = self.timeline.event_years.get(slug)
        context["year"] = self.year_ref(year) if year in self.timeline.notes_by_year else None

    def add_timeline(self, context: dict[str, Any]) -> None:
        key = (context["kind"], context["slug"])
        counts = self.timeline.per_year(key, self.timeline.last_year)
        # One talk makes no trend, and a one-bar chart cost ~2 KB on each of ~9,000 pages (issue 16).
        context["chart"] = (year_chart(counts, f"chart-{context['kind']}-{context['slug']}")
                            if sum(c for _, c in counts) >= CHART_MIN_TALKS else "")
        groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
        talks = [n for n in self.planner.relations.notes_for(*key) if n.is_talk]
        for note in talks[: self.planner.paging.max_cards]:  # the newest (paging.py)
            # undated talks count in their event's year
            groups[self.timeline.note_year(note) or 0].append(self.planner.card(note))
        context["talk_years"] = [{"label": str(year or "Undated"), "talks": groups[year]}
                                 for year in sorted(groups, key=lambda y: -y if y else 1)]

    def add_to_home(self, context: dict[str, Any]) -> None:
        last = self.timeline.last_year
        since = (last or 0) - RECENT_YEARS + 1
        active = self.timeline.active("topic", since, HOME_TOPICS) if last else []
        context["active_topics"] = [self.planner.ref("topic", s) | {"count": c} for s, c in active]
        context["active_since"] = str(since) if last else ""
        context["newest_topics"] = [self.planner.ref("topic", s) | {"year": str(y)}
                                    for s, y in self.timeline.newest("topic", HOME_TOPICS)]
        context["years"] = [self.year_ref(y) for y in self.timeline.notes_by_year]
        context["series_count"] = len(self.timeline.series)

    def pages(self, specs: list[PageSpec]) -> list[PageSpec]:
        """The new pages; adds the timeline parts to the view models of ``specs`` in place."""
        for spec in specs:
            kind = spec.context.get("type")
            if spec.src_uri in self.planner.kept:  # as the last plan made it (``replan.py``)
                continue
            if kind == "entity" and spec.context["kind"] == "event":
                with self.planner.reading(spec.src_uri):
                    self.add_to_event(spec.context)
            elif kind == "entity" and spec.context["kind"] in CHART_KINDS:
                with self.planner.reading(spec.src_uri):
                    self.add_timeline(spec.context)
            elif kind == "home":
                self.add_to_home(spec.context)
            elif kind == "talks":
                for group in spec.context["groups"]:
                    if "events" in group and group["label"].isdigit() \
                            and int(group["label"]) in self.timeline.notes_by_year:
                        group["year"] = self.year_ref(int(group["label"]))
        new = [self.series_index(), self.years_index()]
        new += [self.series_page(slug) for slug in sorted(self.timeline.series)]
        new += [self.year_page(year) for year in sorted(self.timeline.notes_by_year)]
        return new
