"""The package's import direction: the orchestrator (graphkit.pipeline) calls the stage
modules, never the other way round."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import graphkit

PACKAGE = Path(graphkit.__file__).resolve().parent
# The thin clients and the package's lazy public names may import the orchestrator.
CLIENTS = {"cli", "__init__.py", "__main__.py"}  # cli: the graphkit/cli/ package


def imported_modules(source: str, module: str) -> set[str]:
    """Absolute names of the modules (and names in them) that `source`, the code of module
    `module` (e.g. "graphkit.export.html"), imports anywhere, TYPE_CHECKING blocks too."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                above = ".".join(module.split(".")[:-node.level])
                base = f"{above}.{node.module}" if node.module else above
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts)  # a package's __init__ keeps its name: "from . import x" is a sibling


def test_only_the_clients_import_the_orchestrator():
    importers = sorted(
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in CLIENTS
        if "graphkit.pipeline" in imported_modules(path.read_text(encoding="utf-8"),
                                                   _module_name(path)))
    assert importers == []


@pytest.mark.parametrize("source", [
    "from . import pipeline", "from .pipeline import build", "import graphkit.pipeline",
    "from graphkit.pipeline import Settings", "from ..pipeline import Settings",
    "if TYPE_CHECKING:\n    from .pipeline import Settings",
    "def f():\n    from .pipeline import build",
])
def test_the_walk_sees_every_way_of_importing_the_orchestrator(source):
    module = "graphkit.export.html" if source.startswith("from ..") else "graphkit.cooccur"
    assert "graphkit.pipeline" in imported_modules(source, module)


def test_the_walk_does_not_take_a_sibling_for_the_orchestrator():
    assert "graphkit.pipeline" not in imported_modules("from .pipelines import x",
                                                       "graphkit.cooccur")
    assert "graphkit.pipeline" not in imported_modules("from .pipeline import x",
                                                       "graphkit.export.html")
