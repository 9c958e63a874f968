"""Locate NER models and fingerprint what NER output depends on (no spaCy import)."""

from __future__ import annotations

import contextlib
import hashlib
from importlib import metadata, resources
from pathlib import Path

from . import __version__
from .kb import KnowledgeBase

SHIPPED_MODEL = "id_news_ner"
# Bump when what NER extracts changes for a reason the sources below do not show.
NER_VERSION = "2"
# Modules whose code decides what NER extracts: their bytes are part of the fingerprint.
_NER_SOURCES = ("clean.py", "ner.py", "inference.py", "decode.py", "propose.py", "names.py",
                "dates.py")


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
                         propose: bool | None) -> str:
    """Identifies everything NER output depends on, without loading spaCy or the model:
    cached mentions are reused only under the same fingerprint."""
    digest = hashlib.sha256()
    resolved = resolve_model(model)
    package = resources.files("graphkit")
    sources = [package / name for name in _NER_SOURCES]
    sources.append(package / "data" / "common_words_id.txt")
    parts = [NER_VERSION, __version__, resolved, kb.version if kb else "", str(clean),
             str(propose)] + [hashlib.sha256(s.read_bytes()).hexdigest() for s in sources]
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
