"""The folder layout is the data flow: stage packages import one way, and no module cycle.

The layer contract lives in ``pyproject.toml`` (``[tool.importlinter]``) so that ``lint-imports``
and this test read the same one; the cycle check walks grimp's import graph (the one
import-linter builds), counting imports inside functions and under ``TYPE_CHECKING`` too: a
cycle hidden behind a function-level import is still a cycle in the design.
"""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]

# Cycles left from the flat layout, each to be broken at its cause (issue 15). The list may
# only shrink: a new cycle fails the test.
KNOWN_CYCLES: set[frozenset[str]] = {
    frozenset({"snslint.settings.policy", "snslint.rules.registry", "snslint.rules.api", "snslint.rules.context"}),
}


def import_cycles(graph: grimp.ImportGraph) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm):
    each is a set of modules that import each other, directly or through the others."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("snslint", cache_dir=None)


def test_stage_packages_import_downward(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def test_no_import_cycle_beyond_the_known_ones(graph: grimp.ImportGraph) -> None:
    cycles = import_cycles(graph)
    assert [sorted(c) for c in cycles if c not in KNOWN_CYCLES] == []


def test_cycle_finder_sees_a_cycle_through_a_function_level_import() -> None:
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b", line_number=1, line_contents="import pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a", line_number=9, line_contents="    from pkg.a import f")
    graph.add_import(importer="pkg.c", imported="pkg.a", line_number=1, line_contents="import pkg.a")
    assert import_cycles(graph) == [frozenset({"pkg.a", "pkg.b"})]


def test_readme_module_map_names_every_package_and_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```\nsrc/snslint/\n")
    module_map = readme[start : readme.index("```\n", start + 4)]
    src = ROOT / "src" / "snslint"
    packages = [p.parent for p in src.rglob("__init__.py") if p.parent != src]
    modules = [p for p in src.rglob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    missing = [p.name + "/" for p in packages if f" {p.name}/" not in module_map]
    missing += [p.name for p in modules if p.name not in module_map]
    assert missing == []


def test_a_missing_builtin_rule_family_is_an_error_not_a_smaller_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    import snslint.rules.registry as registry_mod

    monkeypatch.setattr(registry_mod, "_LOADED", False)
    monkeypatch.setattr(registry_mod, "BUILTIN_FAMILIES", (*registry_mod.BUILTIN_FAMILIES, "snslint.rules.no_such_family"))
    with pytest.raises(ModuleNotFoundError, match="no_such_family"):
        registry_mod.registry()
