"""`mkdocs serve` lists the theme's ~14,500 files once, not on every rebuild, and lists them again
when a file is added to the theme (``mkdocs_plugin/theme_files.py``)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files
from mkdocs.utils import markdown_extensions

from hallway.mkdocs_plugin.theme_files import ThemeListing


def _theme_files(root: Path, listing: ThemeListing) -> set[str]:
    """The theme's static files a real MkDocs build would copy, through ``listing``."""
    config = load_config(config_file=str(root / "mkdocs.yml"))
    listing.install(config.theme, (tuple(sorted(config.theme.static_templates)), tuple(markdown_extensions)))
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return {file.src_uri for file in files}


def test_theme_files_are_listed_again_only_when_the_theme_changes(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "assets").mkdir(parents=True)
    (overrides / "assets/site.css").write_text("body{}", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: T\ntheme:\n  name: material\n  custom_dir: {overrides}\n", encoding="utf-8")
    listing = ThemeListing()
    first = _theme_files(tmp_path, listing)
    assert "assets/site.css" in first
    assert len(first) > 10 and listing.listed == 1
    assert _theme_files(tmp_path, listing) == first and listing.listed == 1  # the same listing
    (overrides / "assets/more.js").write_text("", encoding="utf-8")  # a file added to the theme
    assert _theme_files(tmp_path, listing) == first | {"assets/more.js"} and listing.listed == 2
    (overrides / "extra").mkdir()
    (overrides / "extra/new.svg").write_text("<svg/>", encoding="utf-8")  # in a new folder
    assert "extra/new.svg" in _theme_files(tmp_path, listing) and listing.listed == 3
    unremembered = Files([])
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    unremembered.add_files_from_theme(config.theme.get_env(), config)  # MkDocs alone
    assert {file.src_uri for file in unremembered} == _theme_files(tmp_path, listing)
