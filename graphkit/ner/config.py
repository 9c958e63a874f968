"""What NER runs with (`NerConfig`), where its model lives, and a fingerprint of what its
output depends on (no spaCy import)."""

from __future__ import annotations

import ast
import contextlib
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__

if TYPE_CHECKING:
    from ..link.kb import KnowledgeBase

SHIPPED_MODEL = "id_news_ner"
# Bump when what NER extracts changes for a reason its source files do not show.
NER_VERSION = "2"
# The package that runs NER: its modules and every graphkit module they import shape NER
# results.
_NER_PACKAGE = "ner"
# Set to 1 to run plain spaCy instead of graphkit's faster inference (graphkit.ner.fast):
# the way to check a spaCy or thinc upgrade against the fast path.
PLAIN_SPACY_VARIABLE = "GRAPHKIT_PLAIN_SPACY"


def plain_spacy_asked() -> bool:
    """True when the environment asks for plain spaCy (`GRAPHKIT_PLAIN_SPACY=1`)."""
    return os.environ.get(PLAIN_SPACY_VARIABLE, "").strip() not in ("", "0")


@dataclass(frozen=True)
class NerConfig:
    """Everything that decides how NER runs over a batch of documents, in one record that
    travels to worker processes and Dask tasks.

    `model`: spaCy pipeline name or path (None: the shipped model; "blank": none); `kb`:
    the knowledge base whose names the ruler matches (None: the bundled one); `clean`:
    drop site chrome before NER; `propose`: rule-proposed names (None: as the model
    decides, see `graphkit.ner.pipeline.load_pipeline`); `batch_size`: documents per spaCy
    batch; `fast_path`: graphkit's faster inference (`graphkit.ner.fast`), False to run
    plain spaCy (default: on unless GRAPHKIT_PLAIN_SPACY=1). The mentions are the same
    either way (tests/test_fast_path.py), except for a model that declares an ensemble
    (`graphkit.ner.fast.inference.ensemble_members`): plain spaCy runs its `ner` alone.

    >>> NerConfig(model="blank").fast_path in (True, False)
    True
    """

    model: str | None = None
    kb: KnowledgeBase | None = None
    clean: bool = True
    propose: bool | None = None
    batch_size: int = 64
    fast_path: bool = field(default_factory=lambda: not plain_spacy_asked())

    def fingerprint(self) -> str:
        """`pipeline_fingerprint` of this configuration."""
        return pipeline_fingerprint(self.model, self.kb, self.clean, self.propose,
                                    self.fast_path)


def shipped_model_path() -> Path:
    """Where the trained Indonesian NER model lives inside the package."""
    return Path(str(resources.files("graphkit") / "models" / SHIPPED_MODEL))


def resolve_model(model: str | None) -> str:
    """'blank', a model folder, or an installed package name: what `model` will load."""
    if model is None:
        path = shipped_model_path()
        if not (path / "config.cfg").is_file():
            return "blank"
        return str(path)
    return model


def pipeline_fingerprint(model: str | None, kb: KnowledgeBase | None, clean: bool,
                         propose: bool | None, fast_path: bool = True) -> str:
    """Identifies everything NER output depends on, without loading spaCy or the model:
    cached mentions are reused only under the same fingerprint. Plain spaCy
    (`fast_path=False`) gives the same mentions but has its own fingerprint, so that a
    check of the two against each other never reads the other's stored results."""
    digest = hashlib.sha256()
    resolved = resolve_model(model)
    package = _package_folder()
    parts = [NER_VERSION, __version__, resolved, kb.version if kb else "", str(clean),
             str(propose)]
    if not fast_path:
        parts.append("plain spaCy")
    for path in ner_source_files():
        content = hashlib.sha256(path.read_bytes()).hexdigest()
        parts.append(f"{path.relative_to(package).as_posix()}:{content}")
    folder = Path(resolved)
    if resolved != "blank" and folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                parts.append(f"{path.relative_to(folder)}:{path.stat().st_size}")
        for name in ("meta.json", "config.cfg"):
            if (folder / name).is_file():
                parts.append((folder / name).read_text(encoding="utf-8"))
    elif resolved != "blank":
        with contextlib.suppress(metadata.PackageNotFoundError):
            parts.append(metadata.version(resolved))
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:24]


def ner_source_files() -> tuple[Path, ...]:
    """Every file whose content shapes NER results, so a change to any of them makes stored
    NER results stale: every module of the `ner` package with every graphkit module they
    import, directly or through another (found in their source, so a new import is covered
    without a list to keep), and the shipped data (knowledge base, word lists) they read.

    >>> names = [p.name for p in ner_source_files()]
    >>> {"pipeline.py", "kb.py", "propose.py", "common_words_id.txt", "people.csv"} <= set(names)
    True
    """
    return _ner_source_files(_package_folder())


def _package_folder() -> Path:
    return Path(str(resources.files("graphkit")))


@lru_cache(maxsize=4)
def _ner_source_files(package: Path) -> tuple[Path, ...]:
    waiting = sorted((package / _NER_PACKAGE).rglob("*.py"))
    modules = set(waiting)
    while waiting:
        for found in _imported_files(waiting.pop(), package):
            if found not in modules:
                modules.add(found)
                waiting.append(found)
    data = (path for path in (package / "data").rglob("*") if path.is_file())
    return tuple(sorted(modules.union(data)))


def _imported_files(module: Path, package: Path) -> Iterator[Path]:
    """Source files of the graphkit modules and packages `module` imports, anywhere in it
    (imports inside functions too, not those under `if TYPE_CHECKING:`, which never run),
    with the `__init__.py` of each package on the way."""
    for node in _run_time_nodes(ast.parse(module.read_bytes(), filename=str(module))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.parents[node.level - 1]
            elif node.module and node.module.split(".")[0] == package.name:
                base = package.parent
            else:
                continue
            target = base.joinpath(*node.module.split(".")) if node.module else base
            yield from _module_files(target, package)
            for alias in node.names:  # `from . import kb`: kb may be a module
                yield from _module_files(target / alias.name, package)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == package.name:
                    yield from _module_files(package.parent.joinpath(*alias.name.split(".")),
                                             package)


def _run_time_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """`node` and every node under it, without the bodies of `if TYPE_CHECKING:`."""
    yield node
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
            yield from _run_time_nodes(ast.Module(body=child.orelse, type_ignores=[]))
        else:
            yield from _run_time_nodes(child)


def _module_files(target: Path, package: Path) -> Iterator[Path]:
    """The file of module or package `target` inside `package`, after the `__init__.py` of
    every package that holds it (importing a module imports them first)."""
    for path in (target.with_suffix(".py"), target / "__init__.py"):
        if path.is_file() and path.is_relative_to(package):
            for folder in reversed(path.parents):
                if folder.is_relative_to(package) and (folder / "__init__.py") != path:
                    yield folder / "__init__.py"
            yield path
            return
