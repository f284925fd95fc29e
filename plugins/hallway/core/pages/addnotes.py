"""The "Add your notes" link of a talk page: GitHub's web editor on a new file in the talk's notes folder.

A visitor without a checkout can add notes from the talk page (issue 14). The link opens
``https://github.com/<owner>/<repo>/new/<branch>?filename=<path>&value=<text>``, GitHub's "create a
new file" page with the path and the front-matter already filled in; committing it there opens a
pull request. It is built from ``repo_url`` and ``edit_uri`` of the site's configuration, which the
engine hands over as plain data: the branch is ``edit_uri``'s second part (``edit/main/``) and
anything after it is the knowledge base's folder in the repository (``edit/main/kb/``), so the file
lands in the right folder of a project kept in a sub-folder. Without a GitHub ``repo_url`` there is
no link.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlencode, urlsplit

import yaml

#: The file name a contributor is asked to replace with their own slug.
PLACEHOLDER_SLUG = "your-name"
PLACEHOLDER_NAME = "Your Name"
NOTE_PROMPT = ("<!-- Your notes on this talk, in Markdown. Put your name in 'by:' and in the file "
               "name. [12:34] links to that time in the video. -->\n")


@dataclass(frozen=True)
class Repository:
    """Where the knowledge base lives on GitHub, from the site's ``repo_url`` and ``edit_uri``."""

    base: str
    """``https://github.com/<owner>/<repo>``."""
    branch: str
    folder: str
    """The knowledge base's folder in the repository, ``""`` or ending in ``/``."""


def repository(repo_url: str | None, edit_uri: str | None) -> Repository | None:
    """The repository behind the site, or None when it is not configured or not on GitHub."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url.strip())
    path = [p for p in parts.path.split("/") if p]
    if parts.scheme != "https" or (parts.hostname or "").lower() != "github.com" or len(path) < 2:
        return None
    repo = path[1].removesuffix(".git")
    base = f"https://github.com/{quote(path[0])}/{quote(repo)}"
    edit = [p for p in (edit_uri or "edit/main/").split("?")[0].split("#")[0].split("/") if p]
    if len(edit) >= 2 and edit[0] in ("edit", "blob", "tree"):
        branch, folder = edit[1], edit[2:]
    else:
        branch, folder = "main", []
    return Repository(base, branch, "".join(f"{p}/" for p in folder))


@lru_cache(maxsize=16)
def note_template(by: str = PLACEHOLDER_NAME, date: str | None = None) -> str:
    """The text of a new note file: the front-matter to fill in and a prompt for the notes.

    ``hallway new note`` writes the same text locally."""
    front = yaml.safe_dump({"by": by}, sort_keys=False, allow_unicode=True, width=1000)
    if date:  # as written (checked as a date by the caller), so that YAML does not quote it
        front += f"date: {date}\n"
    return f"---\n{front}---\n\n{NOTE_PROMPT}"


def notes_folder(talk_path: str) -> str:
    """``talks/<event>/<talk>.md`` -> ``talks/<event>/<talk>/``."""
    return talk_path[: -len(".md")] + "/"


def add_notes_url(repo: Repository | None, talk_path: str) -> str:
    """The "Add your notes" link of a talk, or ``""`` without a repository."""
    if repo is None:
        return ""
    filename = f"{repo.folder}{notes_folder(talk_path)}{PLACEHOLDER_SLUG}.md"
    query = urlencode({"filename": filename}, safe="/", quote_via=quote)
    return f"{repo.base}/new/{quote(repo.branch)}?{query}&{_template_query()}"


@lru_cache(maxsize=1)
def _template_query() -> str:
    """The new file's text as a query parameter: the same for every talk (a pure memo: YAML
    dumping and quoting it for each of 20,000 talks took a second of every rebuild)."""
    return urlencode({"value": note_template()}, safe="/", quote_via=quote)
