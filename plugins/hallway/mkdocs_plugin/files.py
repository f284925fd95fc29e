"""MkDocs objects for incremental serve rebuilds: pages that know whether they changed, compiled
templates kept between rebuilds, and the digest of what every page depends on outside the notes.

`mkdocs serve --dirty` (what `hallway serve` runs) skips every page whose ``File.is_modified()`` is
False. Generated files always count as modified, so Hallway's pages report instead whether their
fingerprint (``core/build/changes.py``) changed since the last build of this serve session.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.files import File, Files, InclusionLevel


class TrackedFile(File):
    """A generated page that says it is unmodified when nothing it is rendered from changed."""

    changed = True
    written = False
    """Written by an earlier build of this serve session (``plugin.on_post_page``)."""
    _modified: bool | None = None

    def release(self) -> None:
        """Drop the generated Markdown once the page is written (a one-off build reads it once)."""
        self._content = ""

    def reset(self, changed: bool) -> None:
        """A (re)build starts: whether the page's fingerprint changed since the last build."""
        self.changed = changed
        self._modified = None

    def is_documentation_page(self) -> bool:
        # MkDocs asks five times per file per build; a generated page's source is a .md path
        return self.src_uri.endswith(".md")

    def is_modified(self) -> bool:
        # Asked twice per page per build; the answer cannot change within a build.
        # A page this session wrote is still there (MkDocs' temporary site folder): asking the
        # file system for each of 38,000 pages was ~0.07 s of an archive rebuild.
        if self._modified is None:
            self._modified = self.changed or not (self.written or os.path.isfile(self.abs_dest_path))
        return self._modified


class HallwayFiles(Files):
    """MkDocs' files, whose list of pages is made once per build (:meth:`freeze`), not on each of
    the four times MkDocs asks for it: 38,000 files at 20,000 talks, ~0.2 s of each serve rebuild
    (issue 16). A file added or removed later unfreezes it."""

    def __init__(self, files: Files) -> None:
        super().__init__(files)
        self._pages: dict[Callable[[InclusionLevel], bool], list[File]] | None = None
        self._changed: dict[Callable[[InclusionLevel], bool], list[File]] = {}
        self._changed_only = False

    def freeze(self) -> None:
        """No file comes or goes from now on, and a file's inclusion changes only from undefined to
        what MkDocs' ``set_exclusions`` makes it, before it first asks for the pages (Hallway's
        ``on_files`` returns, then MkDocs sets inclusions and makes the navigation)."""
        if self._pages is None:
            self._pages = {}

    def changed_pages_only(self) -> None:
        """A serve --dirty rebuild has read every page (MkDocs' ``on_env``): from now on the list
        of pages holds only those to render. MkDocs then loops over each page twice more (to render
        it, skipping an unmodified one, and to check its anchors) and gives the list to templates
        as ``pages``, which neither Material nor Hallway's templates read (the sitemap, which does,
        is left out of such rebuilds): ~0.1 s of an archive rebuild for 38,000 pages, 3 of them
        rendered."""
        self._changed_only = True
        self._changed = {}

    def append(self, file: File) -> None:
        self._pages = None
        super().append(file)

    def remove(self, file: File) -> None:
        self._pages = None
        super().remove(file)

    def documentation_pages(self, *, inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included
                            ) -> list[File]:
        if self._pages is None:
            return list(super().documentation_pages(inclusion=inclusion))
        pages = self._pages.get(inclusion)
        if pages is None:
            pages = self._pages[inclusion] = list(super().documentation_pages(inclusion=inclusion))
        if self._changed_only:
            changed = self._changed.get(inclusion)
            if changed is None:
                changed = self._changed[inclusion] = [
                    f for f in pages if not isinstance(f, TrackedFile) or f.is_modified()]
            return list(changed)
        return list(pages)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept between the rebuilds of one `mkdocs serve`.

    MkDocs makes a new Jinja environment for every build, so every rebuild compiled Material's
    templates again: ~0.5 s of a ~2 s rebuild at 5,000 talks. Jinja checks each template's source
    checksum, so an edited template is still compiled afresh.
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def theme_key(config: Any) -> str:
    """What every page depends on outside the notes: mkdocs.yml and the template overrides."""
    digest = hashlib.blake2b(digest_size=16)
    if config.config_file_path and os.path.isfile(config.config_file_path):
        digest.update(Path(config.config_file_path).read_bytes())
    custom_dir = config.theme.custom_dir
    if custom_dir and os.path.isdir(custom_dir):
        for dirpath, _dirs, names in sorted(os.walk(custom_dir)):
            for name in sorted(names):
                stat = os.stat(os.path.join(dirpath, name))
                digest.update(f"{dirpath}/{name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()
