"""Validation of front-matter values: each problem names the field, its line and a fix."""

from __future__ import annotations

import datetime as dt

from hallway.core.kb.frontmatter import parse_note
from hallway.core.kb.validate import safe_http_url, url_problem, validate_fields


def check(front: str, kind: str = "note") -> tuple[dict[str, object], list[str]]:
    parsed, problems = parse_note("talks/eo/x.md", f"---\n{front}\n---\n")
    assert parsed is not None, problems
    values, found = validate_fields(parsed, kind)
    return values, [p.format() for p in found]


def test_valid_talk() -> None:
    values, problems = check("title: T\nevent: eo\ndate: 2025-01-21\nkind: keynote\n"
                             "speakers: [A]\nlinks: {video: 'https://v.example/1'}")
    assert problems == []
    assert values["date"] == dt.date(2025, 1, 21)
    assert values["links"] == {"video": "https://v.example/1"}


def test_missing_title() -> None:
    assert check("event: eo")[1] == [
        "talks/eo/x.md:1: title: missing required field 'title' — add 'title: …' to the front-matter"]


def test_blank_title() -> None:
    assert check("title: '  '\nevent: eo")[1] == [
        "talks/eo/x.md:2: title: is blank — give title a value, or remove the line"]


def test_invalid_dates() -> None:
    assert "write the date as YYYY-MM-DD" in check("title: T\ndate: 21/01/2025")[1][0]
    problem = check("title: T\ndate: 2025-02-30")[1][0]
    assert problem.startswith("talks/eo/x.md:3: date: invalid date '2025-02-30'")


def test_unknown_field_suggests_the_right_one() -> None:
    assert check("title: T\nspeaker: [A]")[1] == [
        "talks/eo/x.md:3: speaker: unknown field 'speaker' — did you mean 'speakers'?"]


def test_unknown_kind() -> None:
    assert "did you mean 'keynote'?" in check("title: T\nkind: keynot")[1][0]


def test_wrong_types() -> None:
    problems = check("title: T\nspeakers: {a: 1}\nlinks: [x]\nsummary: [a]")[1]
    assert [p.split(": ")[1] for p in problems] == ["speakers", "links", "summary"]
    assert "expected a list" in problems[0]


def test_list_items_are_located() -> None:
    problems = check("title: T\nspeakers:\n  - A\n  - [B]")[1]
    assert problems[0].startswith("talks/eo/x.md:5: speakers: expected text")


def test_a_single_speaker_may_be_written_without_a_list() -> None:
    values, problems = check("title: T\nspeakers: Seán Ó Brien")
    assert problems == [] and values["speakers"] == ["Seán Ó Brien"]


def test_links_must_be_http() -> None:
    problems = check("title: T\nlinks:\n  video: javascript:alert(1)\n  slides: ftp://x/y")[1]
    assert len(problems) == 2 and problems[0].startswith("talks/eo/x.md:4: links:")


def test_safe_http_url() -> None:
    assert safe_http_url("https://example.org/a?b=c")
    assert not safe_http_url("java\nscript:alert(1)")
    assert not safe_http_url("data:text/html,<script>")
    assert not safe_http_url("/relative")


def test_any_valid_http_url_is_a_link() -> None:
    """Issue 16: RFC 3986 allows ' ( ) , ; ! * in a URL; pyvideo's video links carry them."""
    for url in ["https://example.org/repo/o'reilly", "https://en.wikipedia.org/wiki/Foo_(bar),baz",
                "https://a.example/x?q=a,b;c!*&d=$+@", "http://[::1]:8080/x", "https://例え.jp/パス",
                "HTTPS://A.EXAMPLE/%20x"]:
        assert safe_http_url(url), url
    values, problems = check("title: T\nlinks:\n  video: \"https://v.example/it's_(live),2\"")
    assert problems == [] and values["links"] == {"video": "https://v.example/it's_(live),2"}


def test_hostile_and_broken_urls_are_refused_with_the_reason() -> None:
    refused = {
        "javascript:alert(1)": "is a javascript: address", "JavaScript://x%0aalert(1)": "javascript:",
        "data:text/html,x": "is a data: address", "ftp://x/y": "is a ftp: address",
        "https://a.example/a b": "contains a space (U+0020)",
        "https://a.example/\u00a0b": "contains a space (U+00A0)",
        "https://a.example/\"onmouseover=x": "contains '\"'",
        "https://a.example\\@evil.example": "contains '\\\\'",
        "https://a.example/\nb": "control character (U+000A)",
        "java\tscript:alert(1)": "contains a space (U+0009)",
        "https://a.example/\u200bb": "invisible or control character (U+200B)",
        "https://a.example/\u202eb": "invisible or control character (U+202E)",
        "https://a.example/<script>": "contains '<'", "https://a.example/`x": "contains '`'",
        "https://a.example/{x}": "contains '{'",
        "//a.example/x": "is not a full http(s) address", "https:a.example": "has no host name",
        "https://a.example:port/": "is not a well-formed address",
    }
    for url, why in refused.items():
        assert not safe_http_url(url), url
        problem = url_problem(url)
        assert problem is not None and why in problem, (url, problem)
    problems = check("title: T\nlinks:\n  video: 'javascript:alert(1)'\n  slides: 'https://a.example/a b'")[1]
    assert problems == [
        "talks/eo/x.md:4: links: not an http(s) URL: 'javascript:alert(1)' (is a javascript: address) "
        "— links must be full http:// or https:// addresses, without spaces, quotes or <> "
        "(write a space as %20)",
        "talks/eo/x.md:5: links: not an http(s) URL: 'https://a.example/a b' (contains a space "
        "(U+0020)) — links must be full http:// or https:// addresses, without spaces, quotes or <> "
        "(write a space as %20)"]


def test_entity_fields() -> None:
    _, problems = check("name: VPN\nparent: networking\ncolour: red", kind="topic")
    assert problems == ["talks/eo/x.md:4: colour: unknown field 'colour' — "
                        "known fields: name, aliases, url, parent, autolink"]
