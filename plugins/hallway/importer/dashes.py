"""Dashes as writers type them, read as the spaced dash every reading rule expects.

The rules that read talk lines (tracks, times, list items, lightning lines, report paragraphs,
``Title – Name`` itself) look for a dash between spaces. Writers also type:

* an em dash without spaces, ``Title—Jane Doe``, ``Sysadmin Miniconf—Title``, ``9:30am—Title``
  (WordPress and many editors turn ``--`` into one), or with a space on one side only;
* two hyphens for a dash, ``Title -- Jane Doe`` or ``Title--Jane Doe`` (plain-text note-takers);
* an en dash without spaces between words, ``Title–Jane Doe``, when the line has no spaced dash
  (a spaced one is the separator then: ``Diffie–Hellman in practice – Jane Doe``).

:func:`spaced` rewrites a block's reading text (``plain``) with those dashes spaced, so a rule
that works for the spaced form works for these too; :meth:`Spacing.restore` gives back what was
typed in a title, a byline or a note cut from such a line (``Measuring things--how and why``).
A hyphen between letters is part of a word (``Jane Doe-Smith``, ``on-call``, ``Wi-Fi``) and never a
dash; nor is a dash between digits (``2008—2019``, ``9:30–10:00``, ``1--2``), an en dash between
single letters (``A–Z``), a run of three hyphens or more (``---``), nor two hyphens before a word
(``--timings``, a command's option).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A dash between spaces already (``Title – Name``, ``Title -- Name``): the line needs no help.
_SPACED = re.compile(r"(?<=\S)\s+(?:[–—‒―−-]{1,2})\s+(?=\S)")
_TYPED = re.compile(
    r"(?P<em>(?<=[^\s—–-])—\s?(?=[^\s—–-])|(?<=\S)\s—(?=[^\s—–-]))"
    r"|(?P<pair>(?<=[^\s—–-])--\s?(?=[^\s—–-])|(?<=\S)\s--\s(?=\S)|(?<=\S)\s--(?=[^\W\d_])(?![a-z]))"
    r"|(?P<en>(?<=[^\s—–-])–\s?(?=[^\s—–-])|(?<=\S)\s–(?=[^\s—–-]))")
_CLOCK = re.compile(r"\d[:.]\d\d$")


@dataclass(frozen=True)
class Spacing:
    """A line as typed (``original``) and as read (``text``), with where their dashes differ."""

    original: str
    text: str
    edits: tuple[tuple[int, int, int, int], ...] = ()
    """``(start, end)`` in ``text`` and ``(start, end)`` in ``original`` of each dash spaced."""

    def _to_original(self, at: int, start: bool) -> int:
        shift = 0
        for text_start, text_end, orig_start, orig_end in self.edits:
            if at <= text_start:
                break
            if at < text_end:
                return orig_start if start else orig_end
            shift = orig_end - text_end
        return at + shift

    def restore(self, value: str) -> str:
        """``value`` (cut from :attr:`text`) with its dashes as they were typed."""
        if not self.edits or not value:
            return value
        at = self.text.find(value)
        if at >= 0:
            begin, end = self._to_original(at, True), self._to_original(at + len(value), False)
            return self.original[begin:end]
        for text_start, text_end, orig_start, orig_end in self.edits:  # a title cleaned or prefixed
            if self.text[text_start:text_end] not in self.original:  # (not when also typed so)
                value = value.replace(self.text[text_start:text_end], self.original[orig_start:orig_end], 1)
        return value


def spaced(text: str) -> Spacing:
    """``text`` with the dashes writers type without spaces (or as ``--``) spaced, for reading."""
    if "—" not in text and "--" not in text and "–" not in text:
        return Spacing(text, text)
    bare_en_ok = _SPACED.search(text) is None
    parts: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    last = 0
    length = 0
    for found in _TYPED.finditer(text):
        before, after = text[: found.start()].rstrip(), text[found.end():].lstrip()
        if re.search(r"\d\w*$", before) and after[:1].isdigit():
            continue  # "2008—2019", "1--2", "1990s–2000s": a range
        if found.group("en") and (not bare_en_ok or _single_letters(before, after)):
            continue  # "A–Z", or "Diffie–Hellman in practice – Jane Doe"
        if found.group("em") and _single_letters(before, after):
            continue
        if found.group("pair") and (text[found.start() - 1:found.start()] == "-"
                                     or text[found.end():found.end() + 1] == "-"):
            continue
        dash = "—" if found.group("em") else "–"
        if found.group("pair") and not found.group("pair").startswith(" "):
            dash = "—"  # "Title--Name": WordPress sets two hyphens without spaces as an em dash
        parts.append(text[last:found.start()])
        length += found.start() - last
        replacement = f" {dash} "
        edits.append((length, length + len(replacement), found.start(), found.end()))
        parts.append(replacement)
        length += len(replacement)
        last = found.end()
    if not edits:
        return Spacing(text, text)
    parts.append(text[last:])
    return Spacing(text, "".join(parts), tuple(edits))


def _single_letters(before: str, after: str) -> bool:
    """``A–Z``, ``A—B``: a range of letters, not words on either side of a dash."""
    left = re.search(r"(?:^|[\s(])(\w+)$", before)
    right = re.match(r"(\w+)(?:$|[\s).,])", after)
    return bool(left and right and len(left.group(1)) == 1 and len(right.group(1)) == 1
                and not _CLOCK.search(before))
