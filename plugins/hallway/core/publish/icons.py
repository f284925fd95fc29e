"""The shared icon file that every page's theme icons point into (``finish/page_weight.py``)."""

from __future__ import annotations

from pathlib import Path

ICONS_FILE = "assets/hallway/icons.svg"


def write_icons(site_dir: Path | str, sprite: str) -> None:
    """Write ``assets/hallway/icons.svg`` (the ``<symbol>`` of every icon the pages use)."""
    path = Path(site_dir) / ICONS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sprite, encoding="utf-8")
