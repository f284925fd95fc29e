"""No note can read a file from outside the repository or place one outside the built site.

Real builds: symbolic links out of the notes folders (and out of docs/) are refused with a clear
error and their target never reaches the site; names taken from notes (file and folder names,
event, speaker, project and topic names, titles) can only ever name pages inside ``site/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .kbfixtures import hallway, make_kb, mkdocs_build, write_files

pytestmark = pytest.mark.build

NOTE = "---\ntitle: T\nevent: eo\n---\nNotes.\n"
PASSWD = "/etc/passwd"


def tree(root: Path, skip: Path | None = None) -> dict[str, bytes]:
    """Every file under ``root`` (not following links) with its content, except under ``skip``."""
    found: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if skip is not None and (here == skip or skip in here.parents):
            dirnames.clear()
            continue
        for name in filenames:
            path = here / name
            found[path.relative_to(root).as_posix()] = b"<link>" if path.is_symlink() else path.read_bytes()
    return found


def site_text(site: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


@pytest.mark.skipif(not os.path.exists(PASSWD), reason="needs /etc/passwd")
def test_a_note_linked_to_etc_passwd_is_refused_and_never_published(tmp_path: Path) -> None:
    root = make_kb(tmp_path / "kb", {"talks/eo/ok.md": NOTE})
    (root / "speakers").mkdir()
    os.symlink(PASSWD, root / "talks/eo/passwd.md")
    os.symlink(PASSWD, root / "speakers/root.md")
    expected = ["speakers/root.md: symbolic link pointing outside the repository — "
                "replace the link with the file itself",
                "talks/eo/passwd.md: symbolic link pointing outside the repository — "
                "replace the link with the file itself"]
    check = hallway("check", "--kb", str(root))
    assert check.returncode == 1
    assert check.stdout.splitlines() == expected
    result = mkdocs_build(root, strict=False)
    assert result.returncode != 0
    for line in expected:
        assert line in result.output
    assert "root:" not in result.output and "Traceback" not in result.output
    if result.site.exists():
        assert "root:x:0:0" not in site_text(result.site)


def test_links_to_repository_files_outside_the_notes_folders_are_refused(tmp_path: Path) -> None:
    root = make_kb(tmp_path / "kb", {".git/config": "[credential]\n  helper = secret-token\n",
                                     "talks/eo/real.md": NOTE})
    os.symlink("../../.git/config", root / "talks/eo/git.md")
    os.symlink("../../mkdocs.yml", root / "talks/eo/config.md")
    os.symlink("real.md", root / "talks/eo/same-note.md")  # a link to another note is fine
    result = hallway("check", "--kb", str(root))
    assert result.stdout.splitlines() == [
        "talks/eo/config.md: symbolic link pointing outside the notes folders (to mkdocs.yml) — "
        "replace the link with the file itself",
        "talks/eo/git.md: symbolic link pointing outside the notes folders (to .git/config) — "
        "replace the link with the file itself"]
    assert "secret-token" not in result.stdout + result.stderr


def test_linked_folders_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write_files(outside, {"leak.md": NOTE})
    root = make_kb(tmp_path / "kb", {"talks/eo/ok.md": NOTE})
    os.symlink(outside, root / "talks/linked")
    os.symlink(outside, root / "projects")
    result = hallway("check", "--kb", str(root))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "projects: the content folder is a symbolic link — make it a real folder inside the repository",
        "talks/linked: symbolic links to folders are not followed — "
        "move the notes into the repository instead of linking"]


@pytest.mark.skipif(not os.path.exists(PASSWD), reason="needs /etc/passwd")
def test_a_docs_page_linked_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    root = make_kb(tmp_path / "kb", {"talks/eo/ok.md": NOTE})
    os.symlink(PASSWD, root / "docs/leak.md")
    result = mkdocs_build(root, strict=False)
    assert result.returncode != 0
    assert "docs/leak.md: symbolic link pointing outside the repository — " \
           "replace the link with the file itself" in result.output
    if result.site.exists():
        assert "root:x:0:0" not in site_text(result.site)


def test_file_and_folder_names_that_could_break_out_of_a_page_are_refused(tmp_path: Path) -> None:
    root = make_kb(tmp_path / "kb", {
        "talks/eo/x\" onmouseover='alert(1)'.md": NOTE,
        "talks/<img src=x onerror=alert(1)>/a.md": NOTE,
        "talks/eo/my talk.md": NOTE,
        "talks/eo/100%.md": NOTE,
        "speakers/<b>s.md": "---\nname: S\n---\n",
        "talks/eo/tūī-kōrero.md": NOTE,  # letters of any script are fine
    })
    result = hallway("check", "--kb", str(root))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    bad_name = ("the {} name has characters that cannot be part of a web address (only letters, digits, "
                "'-', '_' and '.' may be used) — rename it to {}")
    assert lines == [
        "speakers/<b>s.md: " + bad_name.format("file", "speakers/b-s.md"),
        "talks/<img src=x onerror=alert(1)>: " + bad_name.format("folder", "talks/img-src-x-onerror-alert-1"),
        "talks/eo/100%.md: " + bad_name.format("file", "talks/eo/100.md"),
        "talks/eo/my talk.md: " + bad_name.format("file", "talks/eo/my-talk.md"),
        "talks/eo/x\" onmouseover='alert(1)'.md: "
        + bad_name.format("file", "talks/eo/x-onmouseover-alert-1.md"),
    ]
    build = mkdocs_build(root, strict=False)
    assert build.returncode != 0 and "Traceback" not in build.output


def test_names_from_notes_cannot_place_files_outside_the_site(tmp_path: Path) -> None:
    root = make_kb(tmp_path / "kb", {
        "talks/eo/a.md": "---\ntitle: ../../../../escaped/x\nevent: ../../../../escaped\n"
                         "speakers: [\"../../x\", \"/etc/passwd\", 'C:\\Windows\\evil']\n"
                         "projects: [\"../../../../../tmp/escaped\"]\ntopics: [\"%2e%2e%2fescaped\"]\n---\n",
        "talks/eo/b.md": "---\ntitle: a/b\\c\nevent: eo\nspeakers: [\"~root\"]\n---\n",
        "talks/eo/..md": NOTE,
        "talks/eo/.hidden.md": NOTE,
        "speakers/dots.md": "---\nname: ../../outside\naliases: [\"../../../etc\"]\n---\n",
    })
    before = tree(tmp_path, skip=root / "site")
    result = mkdocs_build(root, strict=False)
    assert result.returncode == 0, result.output
    assert tree(tmp_path, skip=root / "site") == before
    site = (root / "site").resolve()
    for path in site.rglob("*"):
        assert site in path.resolve().parents
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert [p for p in pages if p.startswith(("speakers/", "projects/", "topics/", "events/"))
            and p.count("/") == 2] == [
        "events/eo/index.html", "events/escaped/index.html",
        "projects/tmp-escaped/index.html",
        "speakers/c-windows-evil/index.html", "speakers/dots/index.html", "speakers/etc-passwd/index.html",
        "speakers/root/index.html", "speakers/x/index.html",
        "topics/2e-2e-2fescaped/index.html"]
    assert not (site / "talks/eo/.hidden").exists()


def test_names_that_make_no_page_name_are_refused(tmp_path: Path) -> None:
    write_files(tmp_path, {"talks/eo/a.md": "---\ntitle: T\nevent: eo\nspeakers: ['..', './', '/']\n---\n"})
    result = hallway("check", "--kb", str(tmp_path))
    assert result.returncode == 1
    assert [line.split(" — ")[0] for line in result.stdout.splitlines()] == [
        f"talks/eo/a.md:4: speakers: cannot make a page name from speaker '{name}'"
        for name in ("..", "./", "/")]


def test_edit_links_are_percent_encoded(tmp_path: Path) -> None:
    root = make_kb(tmp_path / "kb", {"talks/eo/tūī-kōrero.md": NOTE})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.output
    page = result.page("talks/eo/tūī-kōrero/")
    edit = page.select_one("a[rel=edit]")
    assert edit is not None
    assert edit["href"] == "https://github.com/example/kb/edit/main/talks/eo/t%C5%AB%C4%AB-k%C5%8Drero.md"
