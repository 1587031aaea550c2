"""engine/ is pure NumPy: no module below it may reach Qt, pyqtgraph, gui/ or cli/.

Checked twice: statically (every import statement, import_module and __import__
call in the source) and dynamically (import each engine module in a fresh
interpreter and look at sys.modules afterwards).
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
ENGINE_DIR = REPO_ROOT / "engine"

FORBIDDEN = frozenset({
    "PySide2", "PySide6", "PyQt5", "PyQt6", "shiboken2", "shiboken6", "qtpy", "pyqtgraph",
    "gui", "cli",
})


def engine_files():
    """Every .py file below engine/, sorted, found when the tests are collected."""
    return sorted(ENGINE_DIR.rglob("*.py"))


def module_name(path):
    """'engine/sub/x.py' -> 'engine.sub.x'; 'engine/__init__.py' -> 'engine'."""
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve_relative(module, level, importer, is_package):
    """Absolute name of `from <level dots><module> import ...` inside `importer`."""
    package = importer.split(".") if is_package else importer.split(".")[:-1]
    base = package[: len(package) - (level - 1)] if level > 1 else package
    return ".".join(base + ([module] if module else []))


def imported_modules(source, importer="engine.x", is_package=False):
    """Every module name that `source` imports, in any form, as absolute dotted names."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _resolve_relative(node.module, node.level, importer, is_package)
            else:
                base = node.module
            names.append(base)
            # `from x import y` may import the submodule x.y
            names.extend(f"{base}.{alias.name}" if base else alias.name for alias in node.names)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            first = node.args[0]
            if called in ("import_module", "__import__") and isinstance(first, ast.Constant):
                names.append(str(first.value))
    return names


def forbidden_in(names):
    """The names whose top-level package is in FORBIDDEN."""
    return sorted({name for name in names if name.split(".")[0] in FORBIDDEN})


@pytest.mark.parametrize(
    "source, importer, is_package",
    [
        ("import PySide6.QtCore", "engine.x", False),
        ("from pyqtgraph import PlotItem", "engine.x", False),
        ("import numpy, shiboken6 as sb", "engine.x", False),
        ("from gui.worker import Worker", "engine.x", False),
        ("from .. import gui", "engine.x", False),
        ("from ..gui import worker", "engine.x", False),
        ("from ...gui import worker", "engine.sub.x", False),
        ("import importlib\nimportlib.import_module('PyQt6')", "engine.x", False),
        ("def f():\n    return __import__('PyQt5.QtCore')", "engine.x", False),
    ],
    ids=[
        "import",
        "from-import",
        "import-list-as",
        "from-gui",
        "relative-to-gui",
        "relative-gui-module",
        "relative-three-levels",
        "importlib-import_module",
        "dunder-import",
    ],
)
def test_checker_catches_each_form_of_import(source, importer, is_package):
    """The static check itself can fail: each form of a forbidden import is seen."""
    assert forbidden_in(imported_modules(source, importer, is_package))


def test_checker_allows_engine_and_numpy_imports():
    """Harmless imports, including engine-internal relative ones, are not flagged."""
    source = "import numpy as np\nfrom . import losses\nfrom .network import Network\nimport graphviz"
    assert forbidden_in(imported_modules(source, "engine.trainer")) == []


@pytest.mark.parametrize("path", engine_files(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_engine_source_imports_no_gui_code(path):
    """No engine source file imports Qt, pyqtgraph or gui/ in any form."""
    names = imported_modules(
        path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
    )
    assert forbidden_in(names) == [], f"{path.relative_to(REPO_ROOT)} must stay free of GUI code"


@pytest.mark.parametrize("path", engine_files(), ids=lambda p: module_name(p))
def test_importing_engine_module_loads_no_gui_code(path):
    """Importing an engine module in a fresh interpreter leaves Qt out of sys.modules."""
    name = module_name(path)
    script = (
        "import importlib, sys\n"
        f"importlib.import_module({name!r})\n"
        f"forbidden = {sorted(FORBIDDEN)!r}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in forbidden))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        check=False, capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"importing {name} failed:\n{result.stderr}"
    assert result.stdout.strip() == "[]", f"importing {name} loaded GUI modules: {result.stdout}"
