"""Material's interface texts ("Skip to content", "Edit this page"), looked up once per build.

Material's ``partials/language.html`` is imported ``with context`` by every page, and its ``t(key)``
macro builds the whole table of ~100 texts on every call, about ten calls a page (issue 16: ~0.5 s
at 5,000 talks). ``site_overrides/partials/language.html`` asks ``hallway_t`` instead, which runs
Material's own macros (the configured language, then English, then the key itself, as Material
does) once per key and build.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup


class Translations:
    """``hallway_t(key)``: Material's text for ``key`` in the site's language."""

    def __init__(self, env: Environment, language: str) -> None:
        self._env = env
        self._language = language
        self._modules: tuple[Any, Any] | None = None
        self._memo: dict[str, Markup] = {}

    def t(self, key: str) -> Markup:
        text = self._memo.get(key)
        if text is None:
            if self._modules is None:
                self._modules = (self._env.get_template(f"partials/languages/{self._language}.html").module,
                                 self._env.get_template("partials/languages/en.html").module)
            lang: Any
            fallback: Any
            lang, fallback = self._modules
            text = self._memo[key] = Markup(lang.t(key) or fallback.t(key) or key)
        return text
