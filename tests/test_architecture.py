"""The folder layout is the data flow: stage packages import one way, and no module cycle.

The layer contract lives in ``pyproject.toml`` (``[tool.importlinter]``) so that ``lint-imports``
and this test read the same one; the cycle check walks grimp's import graph (the one
import-linter builds), counting imports inside functions and under ``TYPE_CHECKING`` too: a
cycle hidden behind a function-level import is still a cycle in the design.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


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


def test_no_import_cycle(graph: grimp.ImportGraph) -> None:
    assert [sorted(c) for c in import_cycles(graph)] == []


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


LOAD_POLICY = """
import sys
from snslint.settings.policy import load_bundled, load_policy_file
own = sys.argv[1]
assert load_bundled("goshogawara").rules and load_policy_file(own).rules
print(sorted(m for m in sys.modules if m.startswith(("snslint.rules", "snslint.lint", "sudachipy"))))
"""


def test_loading_a_policy_imports_no_rule_and_no_tokenizer(tmp_path: Path) -> None:
    # The schema is YAML + pydantic: reading a city's policy (a bundled one, and a file that
    # extends one and names rules) imports no rule family, and so not Sudachi, which the CAT
    # rules load. A fresh interpreter: this test process has imported everything already.
    own = tmp_path / "own.yaml"
    own.write_text("extends: zushi\nid: zushi-kouhou\nrules:\n  URL001: warning\n  CAT001: off\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", LOAD_POLICY, str(own)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_the_probe_sees_a_rule_module_when_one_is_imported(tmp_path: Path) -> None:
    # The same probe, with a rule's import added, must list it: the empty list above is not
    # an accident of the probe.
    own = tmp_path / "own.yaml"
    own.write_text("extends: zushi\nid: zushi-kouhou\n", encoding="utf-8")
    probe = LOAD_POLICY.replace("own = sys.argv[1]", "own = sys.argv[1]\nimport snslint.rules.registry")
    proc = subprocess.run([sys.executable, "-c", probe, str(own)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "snslint.rules.registry" in proc.stdout

