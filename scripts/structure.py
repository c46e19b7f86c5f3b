"""Draw the repository's structure: which package imports which, and check that no import goes in a circle.

    uv run python scripts/structure.py          # rewrite docs/structure.md
    uv run python scripts/structure.py --check  # exit 1 when the drawing is stale or a cycle appears

The graph is grimp's (the one import-linter checks), function-local imports included. Each node
is a first-level package or module of `kiosk` or `ui`; an arrow A → B means some module of A
imports some module of B. To stay readable, an arrow is left out when a longer path already
leads from A to B (a transitive reduction: same reachability, no cycle can hide in it).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "structure.md"
Edges = set[tuple[str, str]]


def _node(module: str, collapse: str | None = None) -> str:
    parts = module.split(".")
    if collapse is not None and parts[0] == collapse:
        return collapse
    return ".".join(parts[:2])


def package_edges(graph: grimp.ImportGraph, package: str, *, collapse: str | None = None) -> Edges:
    """Imports between the first-level parts of `package` (and from them to `collapse`, as one node)."""
    edges: Edges = set()
    for module in graph.modules:
        if module.split(".")[0] != package:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.split(".")[0] not in (package, collapse):
                continue
            a, b = _node(module), _node(imported, collapse)
            if a != b:
                edges.add((a, b))
    return edges


def cycles(edges: Edges) -> list[list[str]]:
    """The groups of nodes that reach each other (Tarjan's strongly connected components of size > 1)."""
    nodes = sorted({n for e in edges for n in e})
    after: dict[str, list[str]] = {n: sorted(b for a, b in edges if a == n) for n in nodes}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in after[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for n in nodes:
        if n not in index:
            visit(n)
    return found


def reduced(edges: Edges) -> Edges:
    """Drop A → B when B is reachable from A another way (only meaningful without cycles)."""
    after: dict[str, set[str]] = {}
    for a, b in edges:
        after.setdefault(a, set()).add(b)

    def reach(start: str, skip: tuple[str, str]) -> bool:
        seen, todo = set(), [start]
        while todo:
            n = todo.pop()
            for m in after.get(n, ()):
                if (n, m) == skip or m in seen:
                    continue
                if m == skip[1]:
                    return True
                seen.add(m)
                todo.append(m)
        return False

    return {e for e in edges if not reach(e[0], e)}


def mermaid(edges: Iterable[tuple[str, str]]) -> str:
    ids = {n: n.replace(".", "_") for e in edges for n in e}
    lines = ["```mermaid", "flowchart TD"]
    lines += [f"  {ids[n]}[{n}]" for n in sorted(ids)]
    lines += [f"  {ids[a]} --> {ids[b]}" for a, b in sorted(edges)]
    return "\n".join([*lines, "```"])


def document() -> tuple[str, list[list[str]]]:
    graph = grimp.build_graph("kiosk", "ui")
    core, screens = package_edges(graph, "kiosk"), package_edges(graph, "ui", collapse="kiosk")
    found = cycles(core) + cycles(screens)
    text = f"""# How the code is put together

Made by `scripts/structure.py` (run it again after moving code; tests/test_structure.py checks that no cycle appears).
An arrow A → B: code in A imports code in B. Arrows that a longer path already implies are left
out. Import cycles: {"none" if not found else found}.
The layers themselves are contracts in `pyproject.toml` (`uv run lint-imports`).

## kiosk (no Qt)

{mermaid(reduced(core))}

## ui (PySide6), with kiosk as one box

{mermaid(reduced(screens))}
"""
    return text, found


def main(argv: list[str]) -> int:
    text, found = document()
    if found:
        print(f"import cycles: {found}", file=sys.stderr)
    if "--check" in argv:
        current = DOC.read_text("utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC.relative_to(ROOT)} is stale: run scripts/structure.py", file=sys.stderr)
            return 1
        return 1 if found else 0
    DOC.write_text(text, "utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
