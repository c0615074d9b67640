"""marsad's import graph follows the pipeline: no import loops, and no module imports
a layer above its own (README, "Layout").

The graph is read from the source with `ast`: imports at module level and inside
functions alike, relative imports resolved, and importing `a.b.c` counted as importing
the packages `a.b` too (Python runs their __init__ first).
"""
from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "marsad"

# The layers, lowest first.  A module may import its own layer and those below it.
# A module belongs to the first prefix that names it (a package names all its modules).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("marsad", "marsad.errors", "marsad.config", "marsad.records", "marsad.text",
              "marsad.countries", "marsad.csvsafe", "marsad.geojson")),
    ("ingest", ("marsad.ingest",)),
    ("geo", ("marsad.geo",)),
    ("extract", ("marsad.extract",)),
    ("codebook", ("marsad.acled", "marsad.names")),
    ("store", ("marsad.store",)),
    ("merge", ("marsad.similarity", "marsad.reprints", "marsad.merge")),
    ("use", ("marsad.trends", "marsad.report", "marsad.export", "marsad.export_parquet",
             "marsad.regeocode", "marsad.pipeline", "marsad.spark")),
    ("web", ("marsad.web",)),
    ("cli", ("marsad.cli",)),
]


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under the package."""
    out = {}
    for p in sorted(root.rglob("*.py")):
        parts = list(p.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = p
    return out


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom, known: set[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = node.module or ""
    if node.level:
        here = module.split(".") if is_package else module.split(".")[:-1]
        pkg = here[:len(here) - node.level + 1]
        base = ".".join(pkg + ([node.module] if node.module else []))
    # "from a import b" imports the module a.b when there is one, else a name of a
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]


def _owner(name: str, known: set[str]) -> str | None:
    """The marsad module an imported name lives in (the longest known prefix)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(files: Mapping[str, Path]) -> dict[str, dict[str, int]]:
    """module -> {imported marsad module: line of the first such import}."""
    known = set(files)
    graph: dict[str, dict[str, int]] = {}
    for mod, path in files.items():
        edges = graph.setdefault(mod, {})
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for name in _targets(mod, path.name == "__init__.py", node, known):
                target = _owner(name, known)
                if target is None:
                    continue
                # importing a.b.c runs a/__init__ and a/b/__init__ first (those not already running)
                parts = target.split(".")
                for i in range(1, len(parts) + 1):
                    t = ".".join(parts[:i])
                    if t in known and t != mod and not mod.startswith(t + "."):
                        edges.setdefault(t, node.lineno)
    return graph


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def layer_of(module: str, layers: list[tuple[str, tuple[str, ...]]] = LAYERS) -> int | None:
    """The index of the layer whose most specific prefix names `module`."""
    best: tuple[int, int] | None = None           # (prefix length, layer)
    for i, (_, prefixes) in enumerate(layers):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and (best is None or len(p) > best[0]):
                best = (len(p), i)
    return None if best is None else best[1]


def upward(graph: Mapping[str, Mapping[str, int]],
           layers: list[tuple[str, tuple[str, ...]]] = LAYERS) -> list[str]:
    """One line per import of a module in a higher layer than the importer's."""
    out = []
    for mod, edges in sorted(graph.items()):
        here = layer_of(mod, layers)
        for target, line in sorted(edges.items()):
            there = layer_of(target, layers)
            if here is not None and there is not None and there > here:
                out.append(f"{mod} ({layers[here][0]}) imports {target} ({layers[there][0]}), line {line}")
    return out


# --------------------------------------------------------------------------- marsad itself

@pytest.fixture(scope="module")
def graph() -> dict[str, dict[str, int]]:
    return import_graph(module_files())


def test_every_module_has_a_layer(graph) -> None:
    assert [m for m in graph if layer_of(m) is None] == []


def test_no_import_loops(graph) -> None:
    assert cycles(graph) == []


def test_no_module_imports_a_layer_above_its_own(graph) -> None:
    assert upward(graph) == []


def test_the_graph_sees_imports_inside_functions(graph) -> None:
    # marsad.pipeline imports the merge step inside a method, the API the pipeline inside a function
    assert "marsad.merge" in graph["marsad.pipeline"]
    assert "marsad.pipeline" in graph["marsad.web.api"]


# --------------------------------------------------------------------------- the checker

def _package(tmp_path: Path, files: dict[str, str]) -> dict[str, Path]:
    for name, text in files.items():
        p = tmp_path / "marsad" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return module_files(tmp_path / "marsad")


def test_a_loop_through_a_function_level_import_is_found(tmp_path) -> None:
    files = _package(tmp_path, {
        "__init__.py": "",
        "geo/__init__.py": "",
        "geo/gazetteer.py": "def load():\n    from marsad.geo.sources import rows\n",
        "geo/sources.py": "from .gazetteer import load\n",
    })
    assert cycles(import_graph(files)) == [["marsad.geo.gazetteer", "marsad.geo.sources"]]


def test_a_package_init_is_part_of_the_loop(tmp_path) -> None:
    # marsad.records imports marsad.extract.actors, whose package __init__ imports events,
    # which imports marsad.records: a loop though no module names the other directly
    files = _package(tmp_path, {
        "__init__.py": "",
        "records.py": "import marsad.extract.actors\n",
        "extract/__init__.py": "from marsad.extract.events import Extractor\n",
        "extract/actors.py": "",
        "extract/events.py": "from marsad.records import Event\n",
    })
    assert cycles(import_graph(files)) == [["marsad.extract", "marsad.extract.events", "marsad.records"]]


def test_an_import_up_the_layers_is_named_with_its_line(tmp_path) -> None:
    files = _package(tmp_path, {
        "__init__.py": "",
        "ingest/__init__.py": "",
        "ingest/sources.py": "import re\n\n\ndef dateline(text):\n    from marsad.extract.dates import find\n",
        "extract/__init__.py": "",
        "extract/dates.py": "from marsad.ingest import sources\n",
    })
    layers = [("ingest", ("marsad.ingest",)), ("extract", ("marsad.extract",))]
    assert upward(import_graph(files), layers) == [
        "marsad.ingest.sources (ingest) imports marsad.extract (extract), line 5",
        "marsad.ingest.sources (ingest) imports marsad.extract.dates (extract), line 5",
    ]
