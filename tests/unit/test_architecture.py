"""The package's shape: a core that no site builder is imported into, no import cycle, no sys.path edits."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "hpo_handbook"
BUILDERS = ("mkdocs", "material", "mkdocs_macros", "zensical")


def _imports(path: Path) -> list[tuple[str, int]]:
    """(absolute module name, line) of every import in a module of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            name = f"{base}.{node.module}" if node.level and node.module else (base if node.level else node.module)
            found.append((name or "", node.lineno))
            if node.level and not node.module:  # from . import x
                found += [(f"{base}.{a.name}", node.lineno) for a in node.names]
    return found


def _modules() -> dict[str, Path]:
    return {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
            for p in PACKAGE.rglob("*.py")}


def test_only_integrations_import_a_site_builder() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}:{line} imports {name}"
        for mod, p in _modules().items() if not mod.startswith("hpo_handbook.integrations")
        for name, line in _imports(p) if name.split(".")[0] in BUILDERS
    ]
    assert not offenders, "\n".join(offenders)


def test_no_import_cycle_in_the_core() -> None:
    modules = _modules()
    graph = {m: {n for n, _ in _imports(p) if n in modules and n != m} for m, p in modules.items()}
    # Module-level imports only count for cycles; a function-level import (lazy) does not create one at import
    # time, but the core has none that close a cycle either: every edge is checked.
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*trail[trail.index(n):], n]))
            if n not in state:
                visit(n, [*trail, n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])


def test_nothing_edits_sys_path() -> None:
    offenders = [
        str(p.relative_to(ROOT)) for folder in ("hpo_handbook", "tests", "scripts")
        for p in (ROOT / folder).rglob("*.py") if "sys.path.insert" in p.read_text(encoding="utf-8")
        or "sys.path.append" in p.read_text(encoding="utf-8")
    ]
    offenders.remove("tests/unit/test_architecture.py")
    assert not offenders, offenders
