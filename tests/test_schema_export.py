"""The JSON Schema files editors use: committed = generated, and they agree with ``hallway check``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from hallway.core.authoring.schema_files import (
    SCHEMA_KINDS,
    json_schema,
    kind_of_path,
    modeline,
    schema_files,
)
from hallway.core.kb.frontmatter import parse_note
from hallway.core.kb.loader import load
from hallway.core.kb.validate import validate_fields
from hallway.core.problems import Severity

from .kbfixtures import REPO, hallway, write_files

_FORMATS = jsonschema.Draft7Validator.FORMAT_CHECKER


def schema_errors(kind: str, front_matter: str) -> list[str]:
    """What the JSON Schema says about a front-matter block (parsed as the checker parses it)."""
    parsed, problems = parse_note("x.md", f"---\n{front_matter}---\n")
    assert parsed is not None, problems
    validator = jsonschema.Draft7Validator(json_schema(kind), format_checker=_FORMATS)
    return [error.message for error in validator.iter_errors(parsed.data)]


def test_committed_schema_files_are_the_generated_ones() -> None:
    for rel, text in schema_files().items():
        path = REPO / rel
        assert path.is_file(), f"{rel} is missing: run 'hallway schema'"
        assert path.read_text(encoding="utf-8") == text, f"{rel} is stale: run 'hallway schema'"
    assert sorted(p.name for p in (REPO / "schemas").glob("*.json")) == sorted(
        f"{kind}.schema.json" for kind in SCHEMA_KINDS)


def test_every_schema_is_a_valid_draft7_schema_with_descriptions() -> None:
    for kind in SCHEMA_KINDS:
        schema = json_schema(kind)
        jsonschema.Draft7Validator.check_schema(schema)
        assert all(prop["description"] for prop in schema["properties"].values())
    assert json_schema("talk")["required"] == ["title", "event"]
    assert json_schema("post")["required"] == ["title"]
    assert json_schema("speaker")["required"] == ["name"]


def test_schema_command_writes_and_checks(tmp_path: Path) -> None:
    result = hallway("schema", "--kb", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.split()) == sorted(schema_files())
    assert hallway("schema", "--check", "--kb", str(tmp_path)).returncode == 0
    (tmp_path / "schemas/talk.schema.json").write_text("{}", encoding="utf-8")
    stale = hallway("schema", "--check", "--kb", str(tmp_path))
    assert stale.returncode == 1
    assert "schemas/talk.schema.json: is missing or out of date — run 'hallway schema'" in stale.stderr
    again = hallway("schema", "--kb", str(tmp_path))
    assert again.stdout.split() == ["schemas/talk.schema.json"]


# (kind, front-matter, valid?) — each is also written to a knowledge base and run through the
# real loader, so "valid" means exactly "hallway check reports no error for this file".
SAMPLES: list[tuple[str, str, bool]] = [
    ("talk", "title: T\nevent: eo\n", True),
    ("talk", "title: T\nevent: eo\nspeakers: [A, B]\ndate: 2025-01-21\nkind: keynote\n"
             "links: {video: 'https://v.example/x', slides: 'http://s.example'}\nsummary: S\n"
             "projects: P\ntopics: []\nsession: 'Day 2'\nautolink: off\n", True),
    ("talk", "title: 2025\nevent: eo\nspeakers:\n", True),
    ("talk", "title: T\nevent: eo\nautolink: false\n", True),
    ("talk", "title: T\nevent: eo\nspeker: [X]\n", False),
    ("talk", "title: T\n", False),
    ("talk", "event: eo\n", False),
    ("talk", "title: '  '\nevent: eo\n", False),
    ("talk", "title:\nevent: eo\n", False),
    ("talk", "title: T\nevent: eo\ndate: 2025-13-01\n", False),
    ("talk", "title: T\nevent: eo\ndate: 21/01/2025\n", False),
    ("talk", "title: T\nevent: eo\ndate: 2025-02-30\n", False),
    ("talk", "title: T\nevent: eo\nkind: talkk\n", False),
    ("talk", "title: T\nevent: eo\nkind: post\n", True),
    ("talk", "title: T\nevent: eo\nspeakers: {a: b}\n", False),
    ("talk", "title: T\nevent: eo\nspeakers: [true]\n", True),  # text-only loader: "true"
    ("talk", "title: true\nevent: eo\n", True),
    ("talk", "title: T\nevent: eo\nlinks: {video: 'javascript:alert(1)'}\n", False),
    ("talk", "title: T\nevent: eo\nlinks: {video: 'ftp://x.example/'}\n", False),
    ("talk", "title: T\nevent: eo\nlinks: {video: 'https://'}\n", False),
    ("talk", "title: T\nevent: eo\nlinks: 'https://x.example/'\n", False),
    ("talk", "title: T\nevent: eo\nautolink: sometimes\n", False),
    ("talk", "title: T\nevent: eo\nlinks: {video: \"https://x.example/o'reilly_(1),2\"}\n", True),
    ("talk", "title: T\nevent: eo\nlinks: {video: 'https://x.example/a\"b'}\n", False),
    ("talk", "title: T\nevent: eo\nlinks: {video: 'https://x.example/a|b'}\n", False),
    ("post", "title: T\n", True),
    ("post", "title: T\nevent: eo\n", True),
    ("post", "name: T\n", False),
    ("speaker", "name: Tūī Ngata\naliases: [Tui]\nlinks: {website: 'https://tui.example/'}\n", True),
    ("speaker", "name: X\nurl: 'https://x.example/'\n", False),
    ("speaker", "aliases: [X]\n", False),
    ("event", "name: EO\nurl: 'https://eo.example/'\ndates: 2025-01-20 to 2025-01-22\nlocation: A\n", True),
    ("event", "name: EO\nurl: not a url\n", False),
    ("project", "name: n3n\naliases: N3N\n", True),
    ("project", "name: n3n\nparent: vpn\n", False),
    ("topic", "name: VPN\nparent: networking\nurl: 'https://vpn.example/'\n", True),
    ("topic", "name: VPN\nlinks: {a: 'https://x.example'}\n", False),
    ("topic", "name: forms\nautolink: always\n", True),
    ("topic", "name: forms\nautolink: sometimes\n", False),
]
_FOLDERS = {"talk": "talks/eo", "post": "posts", "speaker": "speakers", "event": "events",
            "project": "projects", "topic": "topics"}


def test_json_schema_agrees_with_hallway_check_on_samples(tmp_path: Path) -> None:
    files = {f"{_FOLDERS[kind]}/s{i}.md": f"---\n{fm}---\n" for i, (kind, fm, _) in enumerate(SAMPLES)}
    write_files(tmp_path, files)
    _kb, problems = load(tmp_path)
    failing = {p.path for p in problems if p.severity == Severity.ERROR}
    for i, (kind, fm, valid) in enumerate(SAMPLES):
        rel = f"{_FOLDERS[kind]}/s{i}.md"
        assert (rel not in failing) == valid, f"hallway check on sample {i} ({fm!r})"
        assert (schema_errors(kind, fm) == []) == valid, f"JSON Schema on sample {i} ({fm!r})"


def test_every_real_note_and_entity_is_valid_under_its_schema() -> None:
    checked = 0
    for path in sorted(REPO.glob("*/**/*.md")):
        rel = path.relative_to(REPO).as_posix()
        kind = kind_of_path(rel)
        if kind is None:
            continue
        parsed, problems = parse_note(rel, path.read_text(encoding="utf-8"))
        assert parsed is not None, problems
        errors = list(jsonschema.Draft7Validator(json_schema(kind), format_checker=_FORMATS)
                      .iter_errors(parsed.data))
        assert errors == [], (rel, [e.message for e in errors])
        checked += 1
    assert checked >= 30


def test_schema_modeline_is_a_harmless_yaml_comment() -> None:
    rel = "talks/eo/a.md"
    assert modeline(rel) == "# yaml-language-server: $schema=../../schemas/talk.schema.json"
    assert modeline("speakers/x.md").endswith("=../schemas/speaker.schema.json")
    text = f"---\n{modeline(rel)}\ntitle: T\nevent: eo\nspeker: [X]\n---\nBody\n"
    parsed, problems = parse_note(rel, text)
    assert problems == [] and parsed is not None
    assert parsed.data == {"title": "T", "event": "eo", "speker": ["X"]}
    field_problems = validate_fields(parsed, "note")[1]
    assert [(p.line, p.field) for p in field_problems] == [(5, "speker")]


def test_vscode_settings_map_every_folder_to_its_schema() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    for kind in SCHEMA_KINDS:
        assert f"./schemas/{kind}.schema.json" in mapped, kind


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_completes_every_field_the_checker_knows(kind: str) -> None:
    from hallway.core.kb.schema import fields_for

    specs = fields_for("note" if kind in ("talk", "post") else kind)
    assert list(json_schema(kind)["properties"]) == [spec.name for spec in specs]
