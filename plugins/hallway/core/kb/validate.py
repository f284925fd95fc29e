"""Checking front-matter values against the schema, with messages that say how to fix them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from ..problems import Problem, Severity
from .frontmatter import ParsedNote
from .names import suggestion
from .schema import (
    AUTOLINK_MODES,
    NAME_AUTOLINK_MODES,
    NEVER_EMPTY,
    TALK_KINDS,
    FieldSpec,
    FieldType,
    fields_for,
)
from .textchars import BIDI, bidi_name

ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
MAX_MINUTES = 60 * 24 * 31
#: Characters refused in a link even though a browser would cope (issue 16): the ones RFC 3986 does
#: not allow that break out of an attribute or a Markdown link (quotes, angle brackets, backtick),
#: the backslash (browsers read it as ``/``, so ``https://a.org\\@b.org`` goes to another host) and
#: the rest of RFC 3986's excluded set (``^ { | }``: write them %-encoded). RFC 3986's own
#: delimiters (``' ( ) , ; ! * + = $ & @``) are fine: templates escape attributes on output.
_URL_REFUSED = frozenset('"<>`\\^{|}')
_TRUE = ("true", "yes", "on")
_FALSE = ("false", "no", "off")
_FIX_URL = ("links must be full http:// or https:// addresses, without spaces, quotes or <> "
            "(write a space as %20)")


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a link Hallway can publish, or None for an absolute http(s) URL with a host.

    Whitespace, control and invisible characters (Unicode categories Z* and C*: ``java\\tscript:``
    runs in browsers, which drop them; a bidi control hides where a link goes) and the characters
    of :data:`_URL_REFUSED` are refused; other schemes (``javascript:``, ``data:``) too.
    """
    cleaned = value.strip()
    if not cleaned:
        return "is empty"
    for char in cleaned:
        category = unicodedata.category(char)
        if category[0] in "ZC":
            what = "a space" if category[0] == "Z" or char in " \t" else "an invisible or control character"
            return f"contains {what} (U+{ord(char):04X})"
        if char in _URL_REFUSED:
            return f"contains {char!r}, which a link cannot hold"
    try:
        parts = urlsplit(cleaned)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "is not a well-formed address"
    if parts.scheme.lower() not in ("http", "https"):
        return f"is a {parts.scheme}: address" if parts.scheme else "is not a full http(s) address"
    if not parts.hostname:
        return "has no host name"
    return None


def safe_http_url(value: str) -> bool:
    """True for an absolute http(s) URL with a host that :func:`url_problem` accepts."""
    return url_problem(value) is None


def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "a mapping", type(None): "empty"}.get(type(value), type(value).__name__)


class _Checker:
    def __init__(self, parsed: ParsedNote) -> None:
        self.parsed = parsed
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str, fix: str,
                severity: Severity = Severity.ERROR) -> None:
        self.problems.append(Problem(self.parsed.path, self.parsed.line_of(key), key.split(".")[0],
                                     message, fix, severity))

    def text(self, key: str, value: Any, spec_name: str) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(key, f"expected text, got {_type_name(value)}",
                         f"write {spec_name}: \"…\" (one value, in quotes if it has special characters)")
            return None
        text = str(value).strip()
        if not text:
            self.problem(key, "is blank", f"give {spec_name} a value, or remove the line")
            return None
        bidi = BIDI.search(text)
        if bidi is not None:  # issue 18: "\u202e…" shows as one name and links to another
            self.problem(key, f"contains the invisible bidirectional control character "
                              f"{bidi_name(bidi.group())}, which makes text display in a different order",
                         "delete it (retype the value); names and titles cannot hold "
                         "direction controls")
            return None
        return text

    def check(self, spec: FieldSpec, value: Any) -> Any:
        key = spec.name
        match spec.type:
            case FieldType.TEXT:
                return self.text(key, value, key)
            case FieldType.TEXT_LIST:
                if isinstance(value, str):
                    value = [value]
                if not isinstance(value, list):
                    self.problem(key, f"expected a list, got {_type_name(value)}",
                                 f"write {key}: [\"First\", \"Second\"] or one '- item' per line")
                    return None
                items = [self.text(f"{key}.{i}", item, key) for i, item in enumerate(value)]
                return [item for item in items if item is not None]
            case FieldType.DATE:
                text = str(value).strip() if isinstance(value, str | int) else None
                if text is None or not ISO_DATE.match(text):
                    self.problem(key, f"invalid date {value!r}",
                                 "write the date as YYYY-MM-DD, e.g. 2025-01-21")
                    return None
                try:
                    return dt.date.fromisoformat(text)
                except ValueError as err:
                    self.problem(key, f"invalid date {text!r} ({err})", "write a real date as YYYY-MM-DD")
                    return None
            case FieldType.URL:
                return self.url(key, value)
            case FieldType.URL_MAP:
                if not isinstance(value, dict):
                    self.problem(key, f"expected a mapping of name: URL, got {_type_name(value)}",
                                 f"write {key}: then one '  video: https://…' per line")
                    return None
                out: dict[str, str] = {}
                for name, url in value.items():
                    checked = self.url(f"{key}.{name}", url)
                    if checked is not None:
                        out[str(name)] = checked
                return out
            case FieldType.KIND:
                text = self.text(key, value, key)
                if text is not None and text not in TALK_KINDS:
                    hint = suggestion(text, TALK_KINDS) or "use one of: " + ", ".join(TALK_KINDS)
                    self.problem(key, f"unknown kind '{text}'", hint)
                    return None
                return text
            case FieldType.AUTOLINK:
                word = value.strip().lower() if isinstance(value, str) else value
                if value is False or word in _FALSE:
                    return "off"
                if value is True or word in _TRUE:
                    return "first"
                if word not in AUTOLINK_MODES:
                    self.problem(key, f"unknown autolink mode {value!r}", "use first, all or off")
                    return None
                return word
            case FieldType.NAME_AUTOLINK:
                word = value.strip().lower() if isinstance(value, str) else value
                if word not in NAME_AUTOLINK_MODES:
                    self.problem(key, f"unknown autolink mode {value!r}", "use auto, always or never")
                    return None
                return word
            case FieldType.BOOL:
                word = value.strip().lower() if isinstance(value, str) else value
                if isinstance(value, bool):
                    return value
                if word in _TRUE or word in _FALSE:
                    return word in _TRUE
                self.problem(key, f"expected true or false, got {value!r}", "write true or false")
                return None
            case FieldType.TIME:
                text = str(value).strip() if isinstance(value, str) else None
                if text is None or not CLOCK.match(text):
                    self.problem(key, f"invalid time {value!r}",
                                 "write the start time as HH:MM on a 24-hour clock, e.g. 09:30 or 14:05")
                    return None
                return text
            case FieldType.MINUTES:
                text = str(value).strip() if isinstance(value, str | int) and value is not True else ""
                if not text.isdigit() or not 0 < int(text) <= MAX_MINUTES:
                    self.problem(key, f"invalid duration {value!r}",
                                 "write the length in whole minutes, e.g. 45")
                    return None
                return int(text)
            case FieldType.PROGRAM_REF:
                return self.program_ref(key, value)
        raise AssertionError(spec.type)  # pragma: no cover - every FieldType is handled above

    def program_ref(self, key: str, value: Any) -> dict[str, str] | None:
        fix = f'write {key}: {{source: <event slug>, id: "1234"}}'
        if not isinstance(value, dict):
            self.problem(key, f"expected a mapping of source and id, got {_type_name(value)}", fix)
            return None
        unknown = [str(k) for k in value if k not in ("source", "id")]
        if unknown:
            self.problem(key, f"unknown key '{unknown[0]}' in {key}", fix)
            return None
        out: dict[str, str] = {}
        for part in ("source", "id"):
            if part not in value:
                self.problem(key, f"{key} has no {part}", fix)
                return None
            text = self.text(f"{key}.{part}", value[part], f"{key}.{part}")
            if text is None:
                return None
            out[part] = text
        return out

    def url(self, key: str, value: Any) -> str | None:
        why = url_problem(value) if isinstance(value, str) else "is not text"
        if why is not None:
            self.problem(key, f"not an http(s) URL: {value!r} ({why})", _FIX_URL)
            return None
        return str(value).strip()


def validate_fields(parsed: ParsedNote, file_kind: str) -> tuple[dict[str, Any], list[Problem]]:
    """Check every field of a parsed file of ``file_kind`` (``note``, ``talk_note`` or an entity kind)."""
    specs = {spec.name: spec for spec in fields_for(file_kind)}
    checker = _Checker(parsed)
    values: dict[str, Any] = {}
    for raw_key, value in parsed.data.items():
        key = str(raw_key)
        spec = specs.get(key)
        if spec is None:
            hint = suggestion(key, specs) or "known fields: " + ", ".join(specs)
            checker.problem(key, f"unknown field '{key}'", hint)
            continue
        if value is None:
            if spec.required or key in NEVER_EMPTY:
                checker.problem(key, "is empty", f"give {key} a value")
            continue
        checked = checker.check(spec, value)
        if checked is not None:
            values[key] = checked
    for spec in specs.values():
        if spec.required and spec.name not in parsed.data:
            checker.problems.append(Problem(parsed.path, 1, spec.name,
                                            f"missing required field '{spec.name}'",
                                            f"add '{spec.name}: …' to the front-matter"))
    return values, checker.problems
