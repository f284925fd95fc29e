"""``hallway`` starts fast because each command imports only what it needs (issue 19).

Not timed (times are for scripts/bench.py --startup): these check what a fresh process has
imported, which is what made ``hallway search`` slow (SciPy, MkDocs and the importer, for nothing).
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hallway.cli import build_parser
from hallway.commands import COMMANDS

from .kbfixtures import REPO

HEAVY = ("scipy", "numpy", "mkdocs", "material", "bs4", "markdownify", "jsonschema", "hallway.importer",
         "hallway.core.relate", "hallway.core.build")
PROBE = """
import json, sys
from hallway.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = {heavy!r}
print(json.dumps(sorted({{m.split(".")[0] if not m.startswith("hallway") else m
                          for m in sys.modules if m.startswith(heavy)}})))
"""


def imported_by(*args: str, cwd: Path = REPO) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], cwd=cwd,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_help_imports_no_command_and_none_of_their_libraries() -> None:
    assert imported_by("--help") == []


def test_search_imports_neither_the_site_builder_nor_scipy(tmp_path: Path) -> None:
    talk = tmp_path / "talks" / "eo" / "a.md"
    talk.parent.mkdir(parents=True)
    talk.write_text("---\ntitle: A VPN talk\nevent: EO\n---\nWireGuard.\n", encoding="utf-8")
    imported_by("search", "--kb", str(tmp_path), "vpn")  # the first search builds the index
    assert imported_by("search", "--kb", str(tmp_path), "vpn") == []


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_says_the_same_in_the_overview_as_on_its_own(name: str) -> None:
    """The one-line help listed in commands/__init__.py is the command's own, and the full
    parser of every command still builds."""
    module, summary = COMMANDS[name]
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    importlib.import_module(f"hallway.commands.{module}").register(sub)
    assert [a.help for a in sub._choices_actions] == [summary]
    assert build_parser(None).parse_args([name] + (["talk", "--event", "E", "--title", "T"] if name == "new"
                                                  else ["f.txt"] if name == "import" else [])).command == name


def test_an_unknown_command_lists_the_real_ones(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser("").parse_args(["serach"])
    assert "invalid choice: 'serach'" in capsys.readouterr().err
