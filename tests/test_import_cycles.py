"""No import cycle anywhere in the project: engine, cli, gui and main.py import one way.

The graph is built statically from every import statement (test_layering's parser), so
an import inside a function counts too: a cycle hidden in a function is still a cycle.
"""
from pathlib import Path

from test_layering import imported_modules

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("engine", "cli", "gui")


def module_name(root, path):
    """'cli/train.py' -> 'cli.train'; 'cli/__init__.py' -> 'cli'."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root=REPO_ROOT):
    """{module: set of project modules it imports}, for main.py and the packages."""
    files = [root / "main.py"]
    for package in PACKAGES:
        files += sorted((root / package).rglob("*.py"))
    modules = {module_name(root, path): path for path in files if path.exists()}
    graph = {}
    for name, path in modules.items():
        imported = imported_modules(path.read_text(encoding="utf-8"), name,
                                    path.name == "__init__.py")
        # `from . import x` names the package and x; keep only what is a project module.
        graph[name] = {m for m in imported if m in modules and m != name}
    return graph


def find_cycle(graph):
    """One import cycle as a list [a, b, ..., a], or None; depth-first, three colours."""
    state = {}  # missing = not seen, 1 = on the current path, 2 = done
    path = []

    def visit(node):
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_project_has_no_import_cycle():
    graph = import_graph()
    assert "cli.commands" in graph and "engine.trainer" in graph  # the scan found the code
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_find_cycle_finds_a_cycle_and_passes_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    """The old engine/cli.py imported its commands inside a function, closing a cycle."""
    package = tmp_path / "cli"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "commands.py").write_text("def build():\n    from . import train\n")
    (package / "train.py").write_text("from .commands import build\n")
    graph = import_graph(tmp_path)
    assert graph["cli.commands"] == {"cli", "cli.train"}  # the package, then its module
    assert find_cycle(graph) == ["cli.commands", "cli.train", "cli.commands"]
