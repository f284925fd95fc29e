"""The engine-neutral build session, driven without MkDocs.

A tiny engine (Python-Markdown for bodies, no templates) calls the session the way any site engine
would: plan, finish each page, all rendered, index, publish. What a reader would notice must hold:
the same finished pages whether or not a second process does the work, errors with ``path:line``,
unsafe markup refused, feed and export written, and a serve rebuild that renders only what an edit
changed.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import markdown
import pytest

from hallway.core.build.session import BuildFailed, BuildOptions, BuildSession, Output
from hallway.core.finish.page_finisher import can_run_in_parallel
from hallway.core.pages.site import Site

from .kbfixtures import write_files

FILES = {
    "speakers/ana.md": "---\nname: Ana Ruiz\n---\n",
    "topics/vpn.md": "---\nname: VPN\naliases: [virtual private network]\n---\n",
    "projects/wireguard.md": "---\nname: WireGuard\n---\n",
    "talks/eo/tunnels.md": "---\ntitle: Tunnels for everyone today\nevent: eo\ndate: 2025-01-20\n"
                           "speakers: [Ana Ruiz]\nprojects: [WireGuard]\ntopics: [VPN]\n---\n\n"
                           "Ana showed WireGuard and a virtual private network.\n",
    "talks/eo/other.md": "---\ntitle: Something else entirely\nevent: eo\ndate: 2025-01-21\n"
                         "topics: [VPN]\n---\n\nAs in Tunnels for everyone today, WireGuard works.\n",
}


def _render(session: BuildSession, site: Site, written: dict[str, str]) -> None:
    """What an engine does between plan() and publish(): Markdown, then templates, then writing."""
    bodies: dict[str, str] = {}
    for spec in site.pages:
        if not session.is_changed(spec.src_uri):
            continue
        html = markdown.markdown(spec.markdown, extensions=["tables"])
        finished = session.finish_page(spec.src_uri, spec.edit_path, html)
        bodies[spec.src_uri] = "" if finished is None else finished
    session.all_rendered()
    for src_uri, body in bodies.items():
        body = session.take_finished(src_uri) or body
        page = f"<html><body><article>{body}</article></body></html>"
        written[src_uri] = page
        session.index_page(src_uri, src_uri.replace(".md", "/index.html"), page)


def _build(root: Path, out: Path, **options: object) -> tuple[BuildSession, dict[str, str]]:
    session = BuildSession(BuildOptions(search=False, **options), warn=lambda text: None)  # type: ignore[arg-type]
    output = Output(str(out), "https://example.org/kb/", "KB")
    out.mkdir(parents=True, exist_ok=True)
    session.begin()
    written: dict[str, str] = {}
    try:
        _render(session, session.plan(root, output), written)
        session.publish(output)
    finally:
        session.close()
    return session, written


def test_a_build_finishes_links_and_publishes(tmp_path: Path) -> None:
    write_files(tmp_path / "kb", FILES)
    _, written = _build(tmp_path / "kb", tmp_path / "site", parallel_min_pages=10**9)
    talk = written["talks/eo/tunnels.md"]
    assert 'href="../../../projects/wireguard/"' in talk and "hw-autolink" in talk
    assert "talks/eo/other.md" in written and "topics/vpn.md" in written
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    assert "Tunnels for everyone today" in feed
    export = json.loads((tmp_path / "site" / "hallway.json").read_text(encoding="utf-8"))
    assert {n["title"] for n in export["talks"]} == {"Tunnels for everyone today", "Something else entirely"}


@pytest.mark.skipif(not can_run_in_parallel(), reason="needs Linux and two cores")
def test_the_second_process_finishes_pages_identically(tmp_path: Path) -> None:
    write_files(tmp_path / "kb", FILES)
    _, inline = _build(tmp_path / "kb", tmp_path / "a", parallel_min_pages=10**9)
    session, forked = _build(tmp_path / "kb", tmp_path / "b", parallel_min_pages=0)
    assert forked == inline and len(forked) > 5
    assert "sanitising and linking: second process (CPU)" in session.profile.snapshot()


def test_problems_stop_the_build_with_their_file_and_line(tmp_path: Path) -> None:
    bad = {"talks/eo/bad.md": "---\ntitle: Bad\nevent: eo\nkind: talky\n---\n"}
    write_files(tmp_path / "kb", FILES | bad)
    session = BuildSession(BuildOptions(search=False), warn=lambda text: None)
    session.begin()
    with pytest.raises(BuildFailed) as caught:
        session.plan(tmp_path / "kb", Output(str(tmp_path / "site"), None, "KB"))
    assert str(caught.value).startswith("Hallway found problems in the notes:\ntalks/eo/bad.md:4: kind:")
    session.failed()
    session.close()


def test_unsafe_markup_fails_publish_and_warn_mode_only_warns(tmp_path: Path) -> None:
    hostile = FILES | {"talks/eo/x.md": "---\ntitle: X\nevent: eo\n---\n\n<img src=x onerror=alert(1)>\n"}
    write_files(tmp_path / "kb", hostile)
    with pytest.raises(BuildFailed, match=r"talks/eo/x\.md:6: body: the event-handler attribute 'onerror'"):
        _build(tmp_path / "kb", tmp_path / "site", parallel_min_pages=10**9)
    warnings: list[str] = []
    session = BuildSession(BuildOptions(search=False, unsafe_markup="warn"), warn=warnings.append)
    output = Output(str(tmp_path / "site2"), None, "KB")
    (tmp_path / "site2").mkdir()
    session.begin()
    written: dict[str, str] = {}
    _render(session, session.plan(tmp_path / "kb", output), written)
    session.publish(output)
    session.close()
    assert any("talks/eo/x.md:6" in w for w in warnings)
    assert "onerror" not in written["talks/eo/x.md"]


def test_a_serve_rebuild_renders_only_what_an_edit_changed(tmp_path: Path) -> None:
    write_files(tmp_path / "kb", FILES)
    session = BuildSession(BuildOptions(search=False, serving=True, incremental=True), warn=lambda t: None)
    output = Output(str(tmp_path / "site"), None, "KB")
    (tmp_path / "site").mkdir()
    session.begin()
    first: dict[str, str] = {}
    _render(session, session.plan(tmp_path / "kb", output), first)
    session.publish(output)
    assert not session.incremental_rebuild and len(first) > 5
    note = tmp_path / "kb" / "talks/eo/other.md"
    note.write_text(note.read_text(encoding="utf-8").replace("works.", "works well."), encoding="utf-8")
    session.begin()
    second: dict[str, str] = {}
    _render(session, session.plan(tmp_path / "kb", output), second)
    session.publish(output)
    assert session.incremental_rebuild
    # The note, and the pages quoting the edited sentence or listing it; not the rest.
    assert "talks/eo/other.md" in second and "speakers/ana.md" not in second
    assert len(second) < len(first) // 2
    assert "works well." in second["talks/eo/other.md"]
    session.close()


def test_close_gives_the_process_its_garbage_collection_back() -> None:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        session = BuildSession(BuildOptions(search=False), warn=lambda text: None)
        session.begin()
        assert gc.get_threshold() == (50_000, 10, 10)
        session.close()
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_idle_collections_freeze_what_survives_and_still_free_old_cycles() -> None:
    """Serve: after an idle collection, what survived is frozen, so the next collections (and a
    save arriving during one) do not walk the whole archive again; every FROZEN_COLLECTIONS idle
    collections the frozen objects are walked too, so a cycle made before is freed in the end."""
    import weakref

    from hallway.core.build import session as session_module

    session = BuildSession(BuildOptions(serving=True, incremental=True), warn=lambda _text: None)
    cycle = _Cycle()
    gone = weakref.ref(cycle)
    try:
        gc.disable()
        session._collect_if_idle()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        del cycle  # garbage now, but frozen: ordinary idle collections leave it
        for _ in range(session_module.FROZEN_COLLECTIONS - 2):
            gc.disable()
            session._collect_if_idle()
        assert gone() is not None
        gc.disable()
        session._collect_if_idle()  # the FROZEN_COLLECTIONS-th walks the frozen objects too
        assert gone() is None
    finally:
        gc.unfreeze()
        gc.enable()
