"""Reading a JSON program file: a UTF-8 byte-order mark is fine, a syntax error names its line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import ProgramErrors


def load_json(path: Path, shown: str) -> Any:
    errors = ProgramErrors(shown)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        errors.add(None, None, f"cannot be read ({err.strerror})", "check the path")
        errors.raise_if_any()
    except UnicodeDecodeError as err:
        errors.add(None, None, f"is not UTF-8 text (byte {err.start})", "save the file as UTF-8")
        errors.raise_if_any()
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        errors.add(err.lineno, None, f"malformed JSON: {err.msg} (column {err.colno})",
                   "fix the JSON (a missing comma, quote or bracket)")
        errors.raise_if_any()
    except RecursionError:
        errors.add(None, None, "the JSON is nested too deeply", "this is not a program file")
        errors.raise_if_any()
    raise AssertionError("unreachable")  # pragma: no cover


def text_at(data: Any, key: str) -> str:
    """A text field of a JSON object ('' when missing, null or not text-like)."""
    if not isinstance(data, dict):
        return ""
    value = data.get(key)
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float | str):
        return str(value)
    return ""
