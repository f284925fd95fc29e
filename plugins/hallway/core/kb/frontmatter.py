"""Reading a note file: decoding, splitting YAML front-matter from the body, and parsing it safely.

The YAML loader is deliberately strict and bounded, because notes come from anyone's pull request:
aliases are refused (no "billion laughs"), nesting and size are bounded, duplicate keys, tags and
control characters are errors, every plain value stays the text the contributor wrote (the
validator makes dates and true/false of the fields that take them, with a clear message for a bad
one), and every YAML error is turned into a :class:`Problem` that names the file and the line.
Nothing in this module raises on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import Problem

MAX_FRONT_MATTER_BYTES = 256 * 1024
MAX_YAML_DEPTH = 20
FENCE = re.compile(r"^---[ \t]*$")
CLOSE_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


#: Characters that have no business in a text note: C0 controls (except tab, newline, carriage
#: return and form feed), DEL and C1 controls (U+0080-U+009F; issue 18). They are invisible in
#: editors, break YAML, can hide text from reviewers and would be echoed into terminals by error
#: messages and search results (ESC sequences, and U+009B, which terminals read as ESC [).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: The same, plus lone surrogates, inside a parsed YAML value (reachable with "\0" or "\ud800").
_BAD_VALUE_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: Characters YAML reads as line breaks although editors do not show a new line.
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")
#: YAML tags a front-matter value may carry; anything else (!!python/object, !!binary…) is refused.
_PLAIN_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "null", "seq", "map")}


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without aliases, with bounded nesting, and reading every plain value as text.

    Only ``null`` is resolved implicitly: numbers, booleans, dates and ``<<`` merge keys stay the
    text the contributor wrote, so ``title: 1984`` is "1984" (not an int), ``title: 0x1F`` is not
    31, ``date: 2025-13-45`` reaches the validator (which explains it) instead of crashing
    PyYAML, and a 5000-digit number cannot trip Python's int-conversion limit. The validator turns
    the few fields that are not text (dates, true/false) into values itself.
    """

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None, None, "YAML aliases (*name) are not allowed in front-matter", event.start_mark
            )
        if self.depth >= MAX_YAML_DEPTH:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None, None, f"front-matter is nested more than {MAX_YAML_DEPTH} levels deep",
                event.start_mark,
            )
        self.depth += 1
        try:
            node = Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1
        assert node is not None
        return node


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# --- Performance (issue 7): libyaml for front-matter that cannot reach the strict composer's guards.
# PyYAML's pure-Python scanner and parser were ~70% of loading (2.5 s of 3.3 s at 5,000 talks).
# libyaml (PyYAML's C extension, when PyYAML was built with it) composes the same node tree in C.
# It is only given front-matter without '&' or '*' (so no anchors or aliases), without '%'
# directives, and with bounded nesting (few flow brackets, shallow indentation: libyaml's composer
# recurses in C, where deep nesting would overflow the stack instead of raising). Its tree then goes
# through the same walker and constructor as the strict loader's, so values and lines are the same;
# anything it rejects is parsed again by the strict loader, which gives the error message. A
# property test checks both paths agree on generated YAML (tests/test_hardening_properties.py).
_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _LibyamlLoader(yaml.CSafeLoader):
        """libyaml with the strict loader's resolvers: plain values stay text."""

    _LibyamlLoader.yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers
    _FastLoader = _LibyamlLoader
#: What goes to the strict parser: anchors, aliases and tags, tabs, carriage returns, byte-order
#: marks, YAML-only line breaks, directives, block scalar headers followed by a comment, and what
#: PyYAML refuses as non-printable. libyaml reads some of these differently from PyYAML (it is more
#: lenient with tabs, inner BOMs and "|#"), so the property test found each of them. An anchor (&),
#: alias (*) or tag (!) can only begin a node: at a line's start, after "key: ", "- ", "? ", or in a
#: flow collection; the same characters inside prose ("Q&A", "Hello!", "a*b") stay on the fast path
#: (a fifth of the pyvideo archive's abstracts have one: 1.5 ms a file on the slow path).
_NODE_PROPERTY = r"(?:^[ ]*|[:?\-][ ]+|[\[{,][ ]*|[\"']:)[!&*]"
_NOT_FOR_LIBYAML = re.compile(r"[\t\r\ufeff\x85\u2028\u2029]|^%|[|>][-+0-9]*#|" + _NODE_PROPERTY + "|"
                              + yaml.reader.Reader.NON_PRINTABLE.pattern, re.MULTILINE)
_LINE_PREFIX = re.compile(r"^[ \-?:]{41,}", re.MULTILINE)
#: A "?" inside a flow collection: libyaml reads ``[Why? Ann]`` as one item where PyYAML refuses it.
_FLOW_QUESTION = re.compile(r"[\[{][^\]}]*\?")


#: What can only go to the strict parser wherever it is, even inside a block scalar's text.
_NEVER_FOR_LIBYAML = re.compile(r"[\t\r\ufeff\x85\u2028\u2029]|^%|[|>][-+0-9]*#|"
                                + yaml.reader.Reader.NON_PRINTABLE.pattern, re.MULTILINE)
#: A plain key (or a list item) whose value is a block scalar without an indentation indicator or
#: a comment: ``abstract: |-``. The lines after it that are blank or indented deeper are its text.
_BLOCK_SCALAR_HEAD = re.compile(r"^( *)(?:[A-Za-z_][\w.-]*:|-) [|>][-+]?$")


def _outside_block_scalars(text: str) -> str:
    """``text`` with the lines of block scalars' text left empty (performance, issue 16: a line of
    an abstract that starts with ``*emphasis*`` or ``![image]`` looked like an alias or a tag to
    the checks below, and 2% of the pyvideo archive's files took the strict parser, ~10 ms each).
    Inside a block scalar every character is text, for libyaml and PyYAML alike."""
    if "|" not in text and ">" not in text:
        return text
    lines = text.split("\n")
    indent: int | None = None
    for index, line in enumerate(lines):
        if indent is not None:
            stripped = line.lstrip(" ")
            if not stripped or len(line) - len(stripped) > indent:
                lines[index] = ""
                continue
            indent = None
        head = _BLOCK_SCALAR_HEAD.match(line)
        if head is not None:
            indent = len(head.group(1))
    return "\n".join(lines)


def libyaml_reads(text: str) -> bool:
    if _FastLoader is None or _NEVER_FOR_LIBYAML.search(text) is not None:
        return False
    outside = _outside_block_scalars(text)
    return (_NOT_FOR_LIBYAML.search(outside) is None
            and outside.count("[") + outside.count("{") < MAX_YAML_DEPTH
            and _LINE_PREFIX.search(outside) is None and _FLOW_QUESTION.search(outside) is None)


@dataclass
class ParsedNote:
    """A decoded note: its front-matter mapping, where each key sits, and the Markdown body."""

    path: str
    data: dict[str, Any]
    body: str
    body_line: int
    lines: dict[str, int] = field(default_factory=dict)
    """Line (1-based, in the file) of each top-level key, and of ``key.N`` list items / ``key.sub`` keys."""
    note_fields: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    """The fields of the note this file makes, once made (``kb/loader.py``): a serve rebuild makes
    the note again from them instead of from the front-matter (issue 16)."""

    def line_of(self, key: str) -> int | None:
        """The line of a front-matter key (or item), falling back to the top-level key."""
        return self.lines.get(key) or self.lines.get(key.split(".", 1)[0])


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Decode file bytes as UTF-8 text (a BOM and CRLF line endings are fine).

    Refused, each with the reason: UTF-16/UTF-32 files, binary files, bytes that are not UTF-8
    (with the line), and control characters such as NUL or ESC anywhere in the file (with the line).
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or _looks_utf16(raw):
        return None, [Problem(path, None, None, "the file is UTF-16 or UTF-32 text, not UTF-8",
                              "save the file with UTF-8 encoding")]
    if b"\x00" in raw[:8192]:
        return None, [Problem(path, None, None, "this is a binary file, not a Markdown note",
                              "remove it, or save the note as UTF-8 text")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(path, line, None, f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x})",
                              "save the file with UTF-8 encoding")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL.search(text)
    if bad is not None:
        return None, [Problem(path, _line_at(text, bad.start()), None,
                              f"the file contains an invisible control character (U+{ord(bad.group()):04X})",
                              "delete that character (editors may show it as ^@, ^[ or a box)")]
    return text, []


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text with a NUL in every other byte."""
    head = raw[:512]
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return (odd.count(0) * 10 > len(odd) * 9 and 0 not in even) or \
        (even.count(0) * 10 > len(even) * 9 and 0 not in odd)


class _Walker:
    """Checks a composed YAML tree and records the file line of every key and list item.

    Refuses duplicate keys, keys that are not plain text, YAML tags other than plain ones, and
    values holding control characters or lone surrogates (reachable through "\\0" escapes).
    Lines come from character offsets, so YAML's extra line breaks (U+0085, U+2028) cannot shift them.
    """

    def __init__(self, text: str, first_line: int, marks_count_lines: bool = False) -> None:
        self.text = text
        self.offset = first_line - 1
        self.lines: dict[str, int] = {}
        self.marks_count_lines = marks_count_lines
        """libyaml's marks: take their line (front-matter holding YAML-only breaks never gets here)."""
        self.depth = 0

    def line(self, node: Node) -> int:
        if self.marks_count_lines:
            return int(node.start_mark.line) + 1 + self.offset
        return _line_at(self.text, node.start_mark.index) + self.offset

    def walk(self, node: Node, prefix: str) -> None:
        self.depth += 1
        try:
            self._walk(node, prefix)
        finally:
            self.depth -= 1

    def _walk(self, node: Node, prefix: str) -> None:
        if self.depth > MAX_YAML_DEPTH:
            raise yaml.MarkedYAMLError(
                None, None, f"front-matter is nested more than {MAX_YAML_DEPTH} levels deep",
                node.start_mark)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise yaml.MarkedYAMLError(None, None, f"the YAML tag '{tag}' is not allowed",
                                       node.start_mark)
        if isinstance(node, ScalarNode):
            bad = _BAD_VALUE_CHAR.search(str(node.value))
            if bad is not None:
                what = "an unpaired surrogate" if "\ud800" <= bad.group() <= "\udfff" else \
                    "an invisible control character"
                raise yaml.MarkedYAMLError(
                    None, None, f"a value contains {what} (U+{ord(bad.group()):04X})", node.start_mark)
        elif isinstance(node, MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                    raise yaml.MarkedYAMLError(None, None, "a field name must be plain text",
                                               key_node.start_mark)
                self.walk(key_node, prefix)
                key = str(key_node.value)
                line = self.line(key_node)
                if key in seen:
                    raise yaml.MarkedYAMLError(
                        None, None, f"duplicate key '{key}' (first on line {seen[key]})",
                        key_node.start_mark)
                seen[key] = line
                path = f"{prefix}.{key}" if prefix else key
                self.lines.setdefault(path, line)
                self.walk(value_node, path)
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                self.lines.setdefault(f"{prefix}.{index}", self.line(item))
                self.walk(item, f"{prefix}.{index}")


def _yaml_fix(message: str) -> str:
    if "\\t" in message or "tab" in message.lower():
        return "indent YAML with spaces, not tabs"
    if "duplicate key" in message:
        return "keep one of the two keys"
    if "alias" in message:
        return "write the value out instead of using & anchors and * aliases"
    if "mapping values are not allowed" in message:
        return "quote the value (\"...\") if it contains ': '"
    if "YAML tag" in message:
        return "remove the tag (the '!' or '!!' word before the value)"
    if "field name" in message:
        return "write 'name: value' with a plain word as the name (quote it if it is ~ or null)"
    if "nested" in message:
        return "use at most a list or a mapping inside a field"
    if "control character" in message or "surrogate" in message:
        return "remove the escape (\\0, \\e, \\x.., \\u..) from the quoted value"
    if "flow sequence" in message:
        return "close the list with ']' (quote items that contain ',' or ':')"
    if "flow mapping" in message:
        return "close the mapping with '}' (quote values that contain ',' or ':')"
    return "fix the YAML syntax (quote values that contain ':' or start with a special character)"


def parse_yaml(path: str, text: str, first_line: int) -> tuple[Any, dict[str, int], list[Problem]]:
    """Parse a YAML block whose first line is ``first_line`` of the file.

    Returns ``(data, lines, problems)``: plain values are text (or ``None``), never numbers,
    booleans or dates; any error is one :class:`Problem` naming the line; nothing else is raised.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
        return None, {}, [Problem(path, first_line, None, "front-matter is larger than 256 KB",
                                  "keep front-matter to a few fields; put text in the body")]
    if libyaml_reads(text):
        fast = _parse_with_libyaml(text, first_line)
        if fast is not None:
            return fast[0], fast[1], []
    return parse_yaml_strict(path, text, first_line)


def _parse_with_libyaml(text: str, first_line: int) -> tuple[Any, dict[str, int]] | None:
    """Front-matter parsed by libyaml, or None when it finds anything wrong (the strict loader
    then says what)."""
    assert _FastLoader is not None
    walker = _Walker(text, first_line, marks_count_lines=True)
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        walker.walk(node, "")
        return loader.construct_document(node), walker.lines
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    finally:
        loader.dispose()


def parse_yaml_strict(path: str, text: str, first_line: int) -> tuple[Any, dict[str, int], list[Problem]]:
    """:func:`parse_yaml` with PyYAML's own (Python) parser only: the reference for the libyaml path,
    and the source of every error message."""
    walker = _Walker(text, first_line)
    loader: _StrictLoader | None = None
    try:
        loader = _StrictLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        walker.walk(node, "")
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + (_line_at(text, mark.index) - 1) if mark is not None else first_line
        message = " ".join(str(part) for part in (err.context, err.problem) if part)
        message = message.replace("\t", "\\t")
        return None, {}, [Problem(path, line, None, f"invalid YAML: {message}", _yaml_fix(message))]
    except yaml.reader.ReaderError as err:
        line = first_line + (_line_at(text, err.position) - 1)
        return None, {}, [Problem(path, line, None,
                                  f"invalid YAML: the character U+{err.character:04X} is not allowed",
                                  "delete that character")]
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as err:
        return None, {}, [Problem(path, first_line, None, f"invalid YAML: {err}", _yaml_fix(str(err)))]
    finally:
        if loader is not None:
            loader.dispose()
    return data, walker.lines, []


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
    block = "\n".join(all_lines[1:close]) + "\n"
    separator = _YAML_ONLY_BREAK.search(block)
    if separator is not None:
        return None, [Problem(path, _line_at(block, separator.start()) + 1, None,
                              f"invisible line separator (U+{ord(separator.group()):04X}) in front-matter",
                              "delete that character (YAML reads it as a line break)")]
    data, lines, problems = parse_yaml(path, block, 2)
    if problems:
        return None, problems
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(path, 2, None,
                              "front-matter must be a mapping of fields ('name: value' lines), "
                              f"not {'a list' if isinstance(data, list) else 'plain text'}",
                              "write one 'field: value' per line")]
    body = "\n".join(all_lines[close + 1:])
    return ParsedNote(path, data, body, close + 2, lines), []
