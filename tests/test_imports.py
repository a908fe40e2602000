"""newsweave's modules import one another without a cycle.

A cycle works only while the import order happens to suit it, and the usual patches hide it
from the reader: an import moved inside a function, or under ``if TYPE_CHECKING:`` (a cycle the
type checker still follows). So the graph counts every import statement, wherever it sits. A
module's own parent packages are not edges: Python initialises them before the module.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsweave"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement: at module level, inside functions, and under TYPE_CHECKING."""
    return [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]


def _targets(
    importer: str, is_package: bool, node: ast.Import | ast.ImportFrom, known: set[str]
) -> set[str]:
    """The newsweave modules an import statement loads."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name in known}
    if node.level:
        base = importer.split(".") if is_package else importer.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    targets = {f"{source}.{alias.name}" for alias in node.names} | {source}
    return targets & known


def import_graph() -> dict[str, set[str]]:
    """Module -> the newsweave modules it imports (parents of the importer left out)."""
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree):
            for target in _targets(name, path.name == "__init__.py", node, set(paths)):
                if target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def test_the_graph_sees_the_package() -> None:
    graph = import_graph()
    assert "newsweave.prepare" in graph["newsweave.pipeline"]
    assert "newsweave.web.api" in graph["newsweave.web.app"]
    assert "newsweave.parallel" in graph["newsweave.cli"]  # imported inside a function: counted


def test_no_module_imports_itself_through_others() -> None:
    try:
        TopologicalSorter(import_graph()).prepare()
    except CycleError as exc:
        cycle = " -> ".join(exc.args[1])
        raise AssertionError(f"an import cycle among newsweave's modules: {cycle}") from None
