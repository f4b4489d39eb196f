"""The maps package's shape: imports flow one way inside it, and no module grows past
~800 lines (issue #13: code that shows its concepts)."""

from __future__ import annotations

import ast
from importlib import resources

import networkx as nx

import sysmap.maps

#: Longest module the package accepts (issue #13: "no module over ~800 lines").
MAX_LINES = 800


def _modules() -> dict[str, str]:
    folder = resources.files("sysmap.maps")
    return {
        f.name[:-3]: f.read_text(encoding="utf-8")
        for f in folder.iterdir()
        if f.name.endswith(".py")
    }


def _runtime_imports(source: str) -> set[str]:
    """Sibling modules imported by `source` when it runs (``if TYPE_CHECKING:`` blocks,
    which only annotate, are left out)."""
    tree = ast.parse(source)
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING"
        for child in block.body
        for node in ast.walk(child)
    }
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and id(node) not in skipped:
            if node.module:
                out.add(node.module.split(".")[0])
            else:
                out.update(alias.name for alias in node.names)
    return out


def test_no_import_cycle_inside_the_package():
    graph = nx.DiGraph()
    for name, source in _modules().items():
        graph.add_node(name)
        graph.add_edges_from((name, target) for target in _runtime_imports(source))
    assert list(nx.simple_cycles(graph)) == []
    # the renderers come after the model: the model imports them, never the reverse
    assert {"html", "static"} <= set(graph.successors("model"))
    assert "model" not in nx.descendants(graph, "html") | nx.descendants(graph, "static")


def test_the_checker_sees_a_cycle():
    # the check above can fail: two modules importing each other form a cycle
    graph = nx.DiGraph()
    graph.add_edges_from(("a", t) for t in _runtime_imports("from .b import x"))
    graph.add_edges_from(("b", t) for t in _runtime_imports("from .a import y"))
    assert [sorted(c) for c in nx.simple_cycles(graph)] == [["a", "b"]]
    typing_only = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y"
    assert _runtime_imports(typing_only) == set()


def test_no_module_over_800_lines():
    lengths = {name: source.count("\n") for name, source in _modules().items()}
    assert max(lengths.values()) <= MAX_LINES, sorted(lengths.items(), key=lambda kv: -kv[1])[:3]
    assert sysmap.maps.__all__ == sorted(sysmap.maps.__all__)
