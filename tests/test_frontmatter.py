"""Reading note files: decoding, front-matter splitting and strict YAML, with file:line errors."""

from __future__ import annotations

from hallway.core.kb.frontmatter import decode, parse_note


def parse(text: str) -> tuple[object, list[str]]:
    parsed, problems = parse_note("talks/eo/x.md", text)
    return parsed, [p.format() for p in problems]


def test_fields_body_and_lines_are_read() -> None:
    parsed, problems = parse("---\ntitle: Hello\nspeakers:\n  - A\n  - B\n---\n\nBody text\n")
    assert problems == []
    assert parsed is not None
    assert parsed.data == {"title": "Hello", "speakers": ["A", "B"]}  # type: ignore[attr-defined]
    assert parsed.lines["speakers.1"] == 5  # type: ignore[attr-defined]
    assert "Body text" in parsed.body  # type: ignore[attr-defined]


def test_dates_stay_text_for_the_validator() -> None:
    parsed, _ = parse("---\ndate: 2025-01-21\n---\n")
    assert parsed.data["date"] == "2025-01-21"  # type: ignore[attr-defined]


def test_missing_front_matter() -> None:
    assert parse("Just text\n")[1] == [
        "talks/eo/x.md:1: no front-matter: the file must start with a '---' line — "
        "add '---', the fields (title: …), and a closing '---' at the top"]


def test_unclosed_front_matter() -> None:
    assert "front-matter is not closed" in parse("---\ntitle: x\n")[1][0]


def test_invalid_yaml_names_the_line() -> None:
    problems = parse("---\ntitle: ok\nspeakers: [a, b\nevent: eo\n---\n")[1]
    assert problems[0].startswith("talks/eo/x.md:4: invalid YAML")


def test_tabs_are_explained() -> None:
    problems = parse("---\ntitle: x\n\tevent: eo\n---\n")[1]
    assert problems[0].startswith("talks/eo/x.md:3:") and "spaces, not tabs" in problems[0]


def test_duplicate_keys_are_refused() -> None:
    problems = parse("---\ntitle: a\nevent: eo\ntitle: b\n---\n")[1]
    assert problems == ["talks/eo/x.md:4: invalid YAML: duplicate key 'title' (first on line 2) — "
                        "keep one of the two keys"]


def test_alias_bombs_are_refused() -> None:
    bomb = "---\na: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n---\n"
    problems = parse(bomb)[1]
    assert len(problems) == 1 and "aliases" in problems[0] and ":3:" in problems[0]


def test_front_matter_must_be_a_mapping() -> None:
    assert "must be a mapping" in parse("---\n- a\n- b\n---\n")[1][0]


def test_empty_file() -> None:
    assert "the file is empty" in parse("  \n")[1][0]


def test_bom_and_crlf_are_fine() -> None:
    text, problems = decode("a.md", "\ufeff---\r\ntitle: Tūī\r\n---\r\nbody\r\n".encode())
    assert problems == [] and text is not None
    parsed, problems2 = parse(text)
    assert problems2 == [] and parsed.data == {"title": "Tūī"}  # type: ignore[attr-defined]


def test_non_utf8_names_the_line() -> None:
    text, problems = decode("a.md", b"---\ntitle: caf\xe9\n---\n")
    assert text is None
    assert problems[0].format().startswith("a.md:2: the file is not UTF-8 text")


def test_binary_files_are_refused() -> None:
    _, problems = decode("a.md", b"\x89PNG\x00\x00\x01")
    assert "binary file" in problems[0].message
