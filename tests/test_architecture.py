"""The core's shape holds: no MkDocs in it, no import cycles anywhere, and stages that only look down.

The import graph is grimp's (a well-kept library, the engine behind import-linter) rather than a
hand-written parse of import lines. The layers are the pipeline of docs/architecture.md: a stage
may use the stages before it, never one after it.
"""

from __future__ import annotations

import grimp

#: The core's stage folders, later stages first; stages in one set are independent of each other.
LAYERS: tuple[str | set[str], ...] = (
    "build",
    {"authoring", "publish", "finish"},
    "pages",
    "relate",
    "link",
    "kb",
    {"problems", "profile", "markup", "scratch", "forked"},
)


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("hallway", include_external_packages=True, cache_dir=None)


def test_the_core_never_imports_mkdocs_or_material() -> None:
    graph = _graph()
    offenders = sorted(
        f"{importer} imports {engine}"
        for engine in ("mkdocs", "material")
        if engine in graph.modules
        for importer in graph.find_modules_that_directly_import(engine)
        if importer.startswith("hallway.core")
    )
    assert offenders == []
    # The adapter is where MkDocs comes in, so the check above can see it at all.
    adapter = graph.find_modules_that_directly_import("mkdocs")
    assert any(m.startswith("hallway.mkdocs_plugin") for m in adapter)


def test_no_module_takes_part_in_an_import_cycle() -> None:
    graph = grimp.build_graph("hallway", cache_dir=None)
    cycles = sorted(
        f"{a} -> {b} -> … -> {a}"
        for a in graph.modules
        for b in graph.find_modules_directly_imported_by(a)
        if graph.chain_exists(importer=b, imported=a)
    )
    assert cycles == []


def test_each_stage_uses_only_the_stages_before_it() -> None:
    graph = grimp.build_graph("hallway", cache_dir=None)
    illegal = graph.find_illegal_dependencies_for_layers(layers=LAYERS, containers={"hallway.core"})
    assert sorted(f"{d.importer} -> {d.imported}" for d in illegal) == []


def test_the_layer_check_can_fail() -> None:
    """A stage reaching forward is reported (so the test above is not vacuous)."""
    graph = grimp.build_graph("hallway", cache_dir=None)
    graph.add_import(importer="hallway.core.kb.model", imported="hallway.core.build.pipeline")
    illegal = graph.find_illegal_dependencies_for_layers(layers=LAYERS, containers={"hallway.core"})
    assert any(d.importer == "hallway.core.kb" and d.imported == "hallway.core.build" for d in illegal)
