"""Characters that make text display as something other than what it is.

Bidirectional formatting controls (the "Trojan Source" characters, CVE-2021-42574) reorder the
text around them: ``\u202eNAMOLOC HSIMAH`` shows as another speaker's name while its slug, and so
its page, differ. They are refused in front-matter text (names, titles, references) and reported
in bodies, where they could hide text from a reviewer. C1 controls (U+0080-U+009F) are refused
wherever C0 controls are (see :mod:`.frontmatter`): terminals obey some of them (U+009B is CSI).
"""

from __future__ import annotations

import re

from ..problems import Problem, Severity

#: LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI and the implicit marks LRM, RLM, ALM.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
BIDI = re.compile(f"[{BIDI_CONTROLS}]")
#: Every character a terminal may read as a control: C0 (but tab and newline), DEL, C1, and bidi.
TERMINAL_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def bidi_name(char: str) -> str:
    """``U+202E`` for a message."""
    return f"U+{ord(char):04X}"


def for_terminal(text: str) -> str:
    """``text`` with every control character (C0, C1, bidi) shown as U+FFFD, safe to print."""
    return TERMINAL_UNSAFE.sub("\ufffd", text)


def bidi_in_body(path: str, body: str, body_line: int) -> list[Problem]:
    """A warning for each line of a body holding a bidirectional control character.

    A warning, not an error: right-to-left prose may use them honestly; a reviewer should look.
    """
    if BIDI.search(body) is None:
        return []
    problems = []
    for index, line in enumerate(body.split("\n")):
        found = BIDI.search(line)
        if found is not None:
            problems.append(Problem(
                path, body_line + index, "body",
                f"the invisible bidirectional control character {bidi_name(found.group())} changes "
                "the order in which this line is displayed, which can hide what it says",
                "delete it unless right-to-left text needs it", Severity.WARNING))
    return problems
