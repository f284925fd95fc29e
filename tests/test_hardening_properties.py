"""Property tests: whatever a file holds, reading it gives Hallway's own problems, never an exception.

Hypothesis generates arbitrary bytes, arbitrary text, and text built from YAML's special
characters; each goes through decoding, front-matter parsing and validation (and the whole loader
for a sample) and must come back as a parsed note or a list of :class:`Problem` that name the file.
The sanitiser and the dangerous-markup finder get the same treatment with HTML-ish text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import nh3
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallway.core.finish.unsafe_markup import find_in_body, find_in_html, render_for_check, scan_html
from hallway.core.kb.frontmatter import (
    ParsedNote,
    decode,
    libyaml_reads,
    parse_note,
    parse_yaml,
    parse_yaml_strict,
)
from hallway.core.kb.loader import load
from hallway.core.kb.validate import safe_http_url, validate_fields
from hallway.core.markup.sanitize import clean_html, clean_text
from hallway.core.problems import Problem

PATH = "talks/eo/x.md"
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces of YAML syntax, so generated front-matter reaches deep into the parser.
YAML_BITS = ["title", "event", "speakers", "links", "date", "kind", "autolink", ":", ": ", "- ", "  ",
             "\t", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!python/object:os.system ", "!x ",
             "? ", "|", ">", "'", '"', "\\", "#", "%YAML 1.1", "---", "...", "~", "null", "yes", "2025-01-21",
             "0x1F", "1e9", "\n", "\r\n", "\ufeff", "\u2028", "\x85", "\x00", "\x1b", "\\0", "\\ud800",
             "<<", "javascript:alert(1)", "https://example.org/", "é", "🎤"]
yamlish = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=5), max_size=60).map("".join)
#: Pieces of HTML and Markdown, for the sanitiser and the finder.
HTML_BITS = ["<", ">", "</", "/>", "script", "img", "svg", "a", "iframe", "style", "math", " ", "=", '"',
             "'", "onerror", "onclick", "href", "src", "javascript:", "&#106;", "&#x09;", "&#1;", "data:",
             "{",
             "}", "{:", "[x]", "(", ")", "![", "```", "`", "\n", "<!--", "-->", "<![CDATA[", "]]>", "id",
             "__config", "class", "md-overlay", "alert(1)", "#", "## ", "- "]
htmlish = st.lists(st.sampled_from(HTML_BITS) | st.text(max_size=4), max_size=60).map("".join)


def assert_problems(problems: list[Problem], path: str = PATH) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == path
        assert problem.message
        assert problem.format().startswith(path)


def read(raw: bytes) -> None:
    text, problems = decode(PATH, raw)
    assert_problems(problems)
    if text is None:
        assert problems
        return
    parsed, problems = parse_note(PATH, text)
    assert_problems(problems)
    if parsed is None:
        assert problems
        return
    assert isinstance(parsed, ParsedNote)
    for kind in ("note", "speaker", "event", "project", "topic"):
        values, found = validate_fields(parsed, kind)
        assert isinstance(values, dict)
        assert_problems(found)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes(raw: bytes) -> None:
    read(raw)


@SETTINGS
@given(st.text(max_size=2000))
def test_any_text_as_a_file(text: str) -> None:
    read(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(yamlish)
def test_any_front_matter(front: str) -> None:
    read(f"---\n{front}\n---\nBody\n".encode("utf-8", "surrogatepass"))


@SETTINGS
@given(yamlish, st.integers(min_value=1, max_value=10_000))
def test_parse_yaml_returns_text_values_or_problems(front: str, first_line: int) -> None:
    data, lines, problems = parse_yaml(PATH, front, first_line)
    assert_problems(problems)
    if problems:
        assert data is None
        assert all(p.line is None or p.line >= first_line for p in problems)
        return

    def plain(value: object) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str)

    assert plain(data)
    assert all(line >= first_line for line in lines.values())


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish, st.integers(min_value=1, max_value=10_000))
def test_libyaml_and_the_strict_parser_agree(front: str, first_line: int) -> None:
    """The fast path (libyaml) gives the same values, lines and errors as PyYAML's own parser."""
    assert parse_yaml(PATH, front, first_line) == parse_yaml_strict(PATH, front, first_line)


def test_ordinary_front_matter_takes_the_libyaml_path() -> None:
    """Otherwise the agreement above would hold trivially, and loading would be 7x slower."""
    front = ('title: "Forking a VPN: n3n"\nevent: eo-2025\nspeakers: [seán-o-reilly]\n'
             "topics:\n  - vpn\n  - cla\nlinks:\n  video: https://example.org/v\ndate: 2025-01-21\n")
    assert libyaml_reads(front)
    data, lines, problems = parse_yaml(PATH, front, 2)
    assert problems == []
    assert data["topics"] == ["vpn", "cla"] and data["date"] == "2025-01-21"
    assert lines["topics.1"] == 7 and lines["links.video"] == 9


def test_prose_with_ampersands_stars_and_bangs_takes_the_libyaml_path() -> None:
    """"Q&A", "Hello!" and "*this*" in an abstract are text, not YAML anchors, aliases or tags."""
    front = "title: Q&A with the panel!\nabstract: |-\n  Why *this* matters & what is next!\n"
    assert libyaml_reads(front)
    assert parse_yaml(PATH, front, 2) == parse_yaml_strict(PATH, front, 2)
    assert parse_yaml(PATH, front, 2)[0]["title"] == "Q&A with the panel!"
    for anchored in ("title: &t Talk\nevent: *t\n", "topics:\n  - !x vpn\n", "speakers: [&a Ann, *a]\n"):
        assert not libyaml_reads(anchored)


#: A block scalar whose text is made of YAML syntax: ``key: |`` then deeper lines, then maybe more keys.
block_scalars = st.tuples(
    st.sampled_from(["abstract", "title", "- ", "  summary", "links"]),
    st.sampled_from([": |", ": |-", ": >", ": >+", " |", ": |2", ": | # c"]),
    st.sampled_from(["  ", " ", "    ", ""]),
    st.lists(yamlish, max_size=6),
    st.sampled_from(["", "event: x\n", "event: *a\n", "  - !x y\n", "speakers: [&a Ann, *a]\n"]),
).map(lambda t: t[0] + t[1] + "\n" + "".join(t[2] + line.replace("\n", "\n" + t[2]) + "\n"
                                             for line in t[3]) + t[4])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(block_scalars, st.integers(min_value=1, max_value=100))
def test_block_scalars_text_agrees_on_both_paths(front: str, first_line: int) -> None:
    """Lines of a block scalar's text are not checked for anchors, tags or flow syntax (they are
    text), so more files take libyaml: the two parsers must still agree on all of them."""
    assert parse_yaml(PATH, front, first_line) == parse_yaml_strict(PATH, front, first_line)


def test_an_abstract_of_emphasis_and_images_takes_the_libyaml_path() -> None:
    """Markdown in an abstract ("**bold**" or "![logo](…)" starting a line) is text, not an alias
    or a tag; an alias after the abstract still goes to the strict parser, which refuses it."""
    front = ("title: Talk\nabstract: |-\n  **Why** it matters\n\n  ![logo](https://example.org/l.png)\n"
             "  - *item*\n  [x?] & more\nevent: ev\n")
    assert libyaml_reads(front)
    assert parse_yaml(PATH, front, 2)[0]["abstract"].startswith("**Why** it matters\n\n![logo]")
    aliased = front + "speakers: *a\n"
    assert not libyaml_reads(aliased)
    assert "alias" in parse_yaml(PATH, aliased, 2)[2][0].fix


def test_a_question_mark_inside_a_flow_list_gets_the_strict_parsers_error() -> None:
    """libyaml reads ``[Why? Ann]`` as one item; PyYAML, whose messages Hallway shows, refuses it."""
    for front in ("speakers: [Why? Ann]\n", "links: {video: b? c}\n"):
        assert parse_yaml(PATH, front, 2) == parse_yaml_strict(PATH, front, 2)
        assert "expected ','" in parse_yaml(PATH, front, 2)[2][0].message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish, st.sampled_from(["talks/eo/x.md", "posts/x.md", "speakers/x.md", "topics/x.md"]))
def test_the_whole_loader_never_raises(front: str, rel: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / rel
        path.parent.mkdir(parents=True)
        path.write_bytes(f"---\n{front}\n---\nBody\n".encode("utf-8", "surrogatepass"))
        _, problems = load(tmp)
        for problem in problems:
            assert isinstance(problem, Problem) and problem.path


@SETTINGS
@given(htmlish)
def test_sanitised_html_never_holds_script_handlers_or_script_urls(html: str) -> None:
    cleaned = clean_html(html)
    soup = BeautifulSoup(cleaned, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in ("script", "style", "iframe", "svg", "math", "object", "embed", "form")
        for name, value in tag.attrs.items():
            assert not name.startswith("on")
            assert name != "style"
            if name in ("href", "src"):
                squeezed = "".join(ch for ch in str(value) if ch > " ").lower()
                assert not squeezed.startswith(("javascript:", "vbscript:", "data:"))
            if name == "id":
                assert not str(value).startswith("__")
    assert clean_html(cleaned) == cleaned  # stable: cleaning twice changes nothing


@SETTINGS
@given(htmlish, st.integers(min_value=1, max_value=500))
def test_the_dangerous_markup_finder_never_raises(body: str, body_line: int) -> None:
    problems = find_in_body(PATH, body, body_line)
    assert_problems(problems)
    lines = body.count("\n") + 1
    assert all(p.line is not None and body_line <= p.line < body_line + lines for p in problems)


@SETTINGS
@given(st.text(max_size=200))
def test_accepted_link_urls_are_plain_http(url: str) -> None:
    if safe_http_url(url):
        cleaned = url.strip()
        assert cleaned.lower().startswith(("http://", "https://"))
        assert not any(ch in cleaned for ch in "\"'<> \t\n\\")


#: Markdown without raw HTML or attribute lists: links, images, references, tables, code, entities.
MARKDOWN_BITS = ["[x](", "](", "![i](", ")", "[r]: ", "[q][r]", "javascript:", "data:", "&#106;", "&#x09;",
                 "http://e.org/", "mailto:a@b", "#frag", "| a | b |\n", "|:--|--:|\n", "|---|\n",
                 "- [ ] ", "- [x] ", "```\n", "`", "*", "_", "\n", "\n\n", " ", ">", "&amp;", "vbscript:",
                 "www.x.org", "(", "[", "]", "#"]
markdownish = st.lists(st.sampled_from(MARKDOWN_BITS) | st.text(max_size=4), max_size=40).map("".join)


@SETTINGS
@given(markdownish)
def test_the_markdown_only_shortcut_agrees_with_the_full_scan(body: str) -> None:
    """Bodies without raw HTML skip parsing their HTML; the findings must be the same."""
    rendered = render_for_check(body)
    assert find_in_html(PATH, rendered, body, 5) == scan_html(PATH, rendered, body, 5)


def test_an_aligned_table_is_not_reported() -> None:
    """Python-Markdown writes style="text-align: …" for |:--|; the author wrote no style."""
    assert find_in_body(PATH, "| a | b |\n|:--|--:|\n| 1 | 2 |\n", 5) == []
    assert find_in_body(PATH, '<td style="color: red">x</td>\n', 5)


@SETTINGS
@given(st.text(max_size=40) | htmlish)
def test_clean_text_shortcut_matches_nh3(text: str) -> None:
    """Plain heading text skips nh3; whatever the text, the result is what nh3 gives."""
    assert clean_text(text) == nh3.clean(text, tags=set(), attributes={}, strip_comments=True)


@SETTINGS
@given(st.lists(st.sampled_from(["[", "<", "*", "_", "`", "&", "!", "\\[", "<div", ">", "\n", "\n\n",
                                  "- ", "```\n", "a", " "]), max_size=80).map("".join))
def test_body_limit_shortcut_changes_nothing(body: str) -> None:
    """Few markup characters in all: no problem; the shortcut must agree with measuring (small
    limits here, so that generated bodies reach them)."""
    import hallway.core.kb.bodylimits as limits

    saved = limits.MAX_MARKUP_COST, limits.MAX_UNFINISHED_TAGS
    limits.MAX_MARKUP_COST, limits.MAX_UNFINISHED_TAGS = 40, 3
    try:
        found = limits.body_problems(PATH, body, 3)
        too_costly = sum(count * count for _, count in limits._units(body)) > 40
        assert any("too much markup" in p.message for p in found) == too_costly
    finally:
        limits.MAX_MARKUP_COST, limits.MAX_UNFINISHED_TAGS = saved
