"""Reading a note file: decoding, splitting YAML front-matter from the body, and parsing it safely.

The YAML loader is deliberately strict and bounded, because notes come from anyone's pull request:
aliases are refused (no "billion laughs"), duplicate keys are errors, dates stay strings so the
validator can report a bad one with its line instead of crashing, and every YAML error is turned
into a :class:`Problem` that names the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

MAX_FRONT_MATTER_BYTES = 256 * 1024
MAX_YAML_DEPTH = 20
FENCE = re.compile(r"^---[ \t]*$")
CLOSE_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without aliases and without implicit timestamps."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None, None, "YAML aliases (*name) are not allowed in front-matter", event.start_mark
            )
        node = Composer.compose_node(self, parent, index)
        assert node is not None
        return node


# Dates are validated by Hallway with a clear message; PyYAML would raise on "2025-13-45".
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class ParsedNote:
    """A decoded note: its front-matter mapping, where each key sits, and the Markdown body."""

    path: str
    data: dict[str, Any]
    body: str
    body_line: int
    lines: dict[str, int] = field(default_factory=dict)
    """Line (1-based, in the file) of each top-level key, and of ``key.N`` list items / ``key.sub`` keys."""

    def line_of(self, key: str) -> int | None:
        """The line of a front-matter key (or item), falling back to the top-level key."""
        return self.lines.get(key) or self.lines.get(key.split(".", 1)[0])


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Decode file bytes as UTF-8 text (a BOM and CRLF line endings are fine)."""
    if b"\x00" in raw[:8192]:
        return None, [Problem(path, None, None, "this is a binary file, not a Markdown note",
                              "remove it, or save the note as UTF-8 text")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(path, line, None, f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x})",
                              "save the file with UTF-8 encoding")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _walk(node: Node, prefix: str, offset: int, lines: dict[str, int], depth: int) -> None:
    """Record key and item lines, and refuse duplicate keys and absurd nesting."""
    if depth > MAX_YAML_DEPTH:
        raise yaml.MarkedYAMLError(None, None, "front-matter is nested too deeply", node.start_mark)
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                raise yaml.MarkedYAMLError(
                    None, None,
                    f"duplicate key '{key}' (first on line {seen[key]})", key_node.start_mark,
                )
            seen[key] = line
            path = f"{prefix}.{key}" if prefix else key
            lines.setdefault(path, line)
            _walk(value_node, path, offset, lines, depth + 1)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            lines.setdefault(f"{prefix}.{index}", item.start_mark.line + 1 + offset)
            _walk(item, f"{prefix}.{index}", offset, lines, depth + 1)


def _yaml_fix(message: str) -> str:
    if "\\t" in message or "tab" in message.lower():
        return "indent YAML with spaces, not tabs"
    if "duplicate key" in message:
        return "keep one of the two keys"
    if "alias" in message:
        return "write the value out instead of using & anchors and * aliases"
    if "mapping values are not allowed" in message:
        return "quote the value (\"...\") if it contains ': '"
    return "fix the YAML syntax (quote values that contain ':' or start with a special character)"


# --- Fast path (performance, issue 7) ------------------------------------------------------------
# Profiling a 1,000-talk build showed PyYAML's pure-Python scanner at ~15% of the whole build.
# libyaml (shipped in PyYAML's wheels) reads the same YAML ~12x faster. It is used only for input
# that is already known to be harmless: a first pass over libyaml's flat event stream (no recursion)
# refuses aliases and nesting deeper than MAX_YAML_DEPTH; anything refused or invalid falls back to
# the strict pure-Python loader above, which produces the exact error message and line.
_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))

if _LIBYAML:
    from yaml._yaml import CParser

    class _FastLoader(CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser with the same resolvers (no implicit timestamps) as the strict loader."""

        yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def _harmless(text: str) -> bool:
    """No aliases, nesting within bounds, and valid: checked on libyaml's event stream."""
    parser = CParser(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent):
                return False
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return False
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return False
    finally:
        parser.dispose()
    return True


def _parse_fast(text: str, first_line: int) -> tuple[Any, dict[str, int]] | None:
    """Data and key lines of well-formed, harmless front-matter; None to use the strict loader."""
    if not _LIBYAML or not _harmless(text):
        return None
    loader = _FastLoader(text)
    lines: dict[str, int] = {}
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _walk(node, "", first_line - 1, lines, 0)
        return loader.construct_document(node), lines
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    finally:
        loader.dispose()
# --- end of fast path ----------------------------------------------------------------------------


def parse_yaml(path: str, text: str, first_line: int) -> tuple[Any, dict[str, int], list[Problem]]:
    """Parse a YAML block whose first line is ``first_line`` of the file."""
    lines: dict[str, int] = {}
    if len(text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        return None, lines, [Problem(path, first_line, None, "front-matter is larger than 256 KB",
                                     "keep front-matter to a few fields; put text in the body")]
    fast = _parse_fast(text, first_line)
    if fast is not None:
        return fast[0], fast[1], []
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines, []
        _walk(node, "", first_line - 1, lines, 0)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + mark.line if mark is not None else first_line
        message = " ".join(str(part) for part in (err.context, err.problem) if part)
        message = message.replace("\t", "\\t")
        return None, lines, [Problem(path, line, None, f"invalid YAML: {message}", _yaml_fix(message))]
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as err:
        return None, lines, [Problem(path, first_line, None, f"invalid YAML: {err}", _yaml_fix(str(err)))]
    finally:
        loader.dispose()
    return data, lines, []


def parse_note(path: str, text: str) -> tuple[ParsedNote | None, list[Problem]]:
    """Split ``---`` front-matter from the body and parse it into a mapping."""
    if not text.strip():
        return None, [Problem(path, 1, None, "the file is empty",
                              "add front-matter between '---' lines, or delete the file")]
    all_lines = text.split("\n")
    if not FENCE.match(all_lines[0]):
        return None, [Problem(path, 1, None, "no front-matter: the file must start with a '---' line",
                              "add '---', the fields (title: …), and a closing '---' at the top")]
    close = next((i for i in range(1, len(all_lines)) if CLOSE_FENCE.match(all_lines[i])), None)
    if close is None:
        return None, [Problem(path, 1, None, "front-matter is not closed",
                              "add a '---' line after the last front-matter field")]
    data, lines, problems = parse_yaml(path, "\n".join(all_lines[1:close]) + "\n", 2)
    if problems:
        return None, problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(path, 2, None,
                              f"front-matter must be a mapping of fields, not a {type(data).__name__}",
                              "write one 'field: value' per line")]
    body = "\n".join(all_lines[close + 1:])
    return ParsedNote(path, data, body, close + 2, lines), []
