"""graphkit: turn a folder of news articles into an entity co-occurrence knowledge graph.

>>> import graphkit
>>> graphkit.Settings(window="paragraph").window
'paragraph'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import GraphkitError

__version__ = "0.2.0"
__all__ = ["Build", "GraphkitError", "Settings", "__version__", "build", "load_kb",
           "load_pipeline"]

if TYPE_CHECKING:
    from .link.kb import load_kb
    from .ner.pipeline import load_pipeline
    from .pipeline import build
    from .result import Build
    from .settings import Settings

_LAZY = {"build": "pipeline", "Build": "result", "Settings": "settings",
         "load_pipeline": "ner.pipeline", "load_kb": "link.kb"}


def __getattr__(name: str) -> Any:
    """Import spaCy-heavy parts only when used, so `graphkit --help` stays instant."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
