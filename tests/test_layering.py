"""The house in the order the data flows: every import of citeguard's modules (at module level or
inside a function) goes to the same stage or an earlier one, and no module imports itself round a
circle. Read from the source with ast, so a new upward import fails here, not in review."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import citeguard

PACKAGE = Path(citeguard.__file__).parent

# Stage of each top-level module or package: an import may go to its own stage or a lower one.
STAGES = {
    # below everything: values and the character, TeX and word helpers every stage shares
    "model": 0, "chars": 0, "texsource": 0, "words": 0, "urls": 0, "places": 0, "records": 0, "managed": 0,
    "ingest": 1,  # files → text with positions
    "parse": 2,  # text → document (pure)
    "link": 3,  # citations ↔ entries
    "format": 4,  # entries rendered from their fields (the checks' suggestions use it)
    "checks": 5,  # pure rules
    "api": 6, "ledger": 6,  # one call for read → parse → link; the quotation ledger over findings
    "fixes": 7, "resolve": 7, "quotes": 7,  # the safe corrections; the only network code; quotations vs editions
    "report": 8,  # pure renderers
    "cli": 9, "__main__": 9, "serve": 9,  # the faces
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The citeguard modules ``path`` imports (``from citeguard.x import y`` counts y when y is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "citeguard":
                continue
            out.add(base)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists() or (
                        PACKAGE.parent / candidate.replace(".", "/") / "__init__.py").exists():
                    out.add(candidate)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "citeguard")
    return out


GRAPH = {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.get(parts[1]) if len(parts) > 1 else None  # (the package's face: __version__)


def test_every_module_has_a_stage() -> None:
    unplaced = sorted(m for m in GRAPH if m != "citeguard" and _stage(m) is None)
    assert not unplaced, f"give these a stage in STAGES: {unplaced}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_go_down_the_stages(module: str) -> None:
    here = _stage(module)
    if here is None:
        return
    upward = sorted(d for d in GRAPH[module] if (there := _stage(d)) is not None and there > here)
    assert not upward, f"{module} (stage {here}) imports a later stage: {upward}"


def test_ingest_imports_nothing_from_parse() -> None:
    assert not [(m, d) for m, deps in GRAPH.items() if m.startswith("citeguard.ingest")
                for d in deps if d.startswith("citeguard.parse")]


def _circles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    counter = 0
    for root in GRAPH:
        if root in index:
            continue
        work = [(root, iter(sorted(GRAPH[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next((c for c in children if c in GRAPH), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(GRAPH[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    circles.append(sorted(group))
    return circles


def test_no_circle_of_imports() -> None:
    assert _circles() == []


def test_the_circle_finder_finds_one() -> None:
    """(The check above can fail: a planted circle is found.)"""
    GRAPH["citeguard.parse.lines"].add("citeguard.parse.layout")
    try:
        assert any({"citeguard.parse.layout", "citeguard.parse.lines"} <= set(c) for c in _circles())
    finally:
        GRAPH["citeguard.parse.lines"].discard("citeguard.parse.layout")


def test_the_list_finder_never_calls_back_into_the_layout() -> None:
    """Lines → lists → layout: the list finder's modules import nothing of the layout's, and the
    layout nothing of the list finder's but the values it hands on."""
    finder = {"citeguard.parse.listfind", "citeguard.parse.reflist", "citeguard.parse.listparts",
              "citeguard.parse.entrykey", "citeguard.parse.listblocks"}
    assert not [m for m in finder if "citeguard.parse.layout" in GRAPH[m]]
    assert GRAPH["citeguard.parse.layout"] & finder == {"citeguard.parse.listblocks"}
