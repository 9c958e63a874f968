"""Whether a build's outputs are up to date: inputs fingerprinted, outputs checked."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .corpus import read_corpus
from .errors import KnowledgeBaseError
from .export.atomic import write_atomic
from .export.owned import RECORD, stamp
from .link.curation import discover_overlays
from .link.kb import KnowledgeBase, load_kb
from .store import document_digest

if TYPE_CHECKING:
    from .settings import Settings

STATE_FILE = RECORD  # inside the output folder


def inputs_fingerprint(paths: Sequence[str | Path], settings: Settings,
                       kb: KnowledgeBase | None = None,
                       digests: Iterable[str] | None = None) -> str:
    """A fingerprint of everything a build's outputs depend on: every document (id and
    content), the settings, knowledge base (`kb` if already loaded), curation files, model
    and graphkit itself. `digests`: the documents' `document_digest`s in reading order,
    if a build just computed them (else the corpus is read)."""
    kb = kb or load_kb(settings.kb_files)
    digest = hashlib.sha256()
    overlays = list(settings.curation_files)
    if settings.discover_curation:
        overlays += [str(p) for p in discover_overlays(paths)]
    parts: list[str] = [__version__, json.dumps(asdict(settings), sort_keys=True, default=str),
                        settings.ner_config(kb).fingerprint(), code_fingerprint()]
    for overlay in sorted(set(overlays)):
        try:
            parts.append(Path(overlay).read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:  # as load_curation says it
            raise KnowledgeBaseError(f"{overlay}: cannot read curation file: {exc}") from None
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    if digests is None:
        digests = (document_digest(document)
                   for document in read_corpus(paths, fields=settings.record_fields()))
    for document_hash in digests:
        digest.update(document_hash.encode() + b"\0")
    return digest.hexdigest()


def code_fingerprint(package: Path | None = None) -> str:
    """graphkit's own code and data files, the NER model aside (the NER fingerprint covers
    it): a change to any of them, the linking rules say, makes earlier outputs stale even
    when the version number stayed the same (an editable install, a patched copy)."""
    package = package or Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        parts = path.relative_to(package).parts
        if parts[0] == "models" or "__pycache__" in parts or not path.is_file():
            continue
        digest.update("/".join(parts).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def record_outputs(out: Path, fingerprint: str, files: Iterable[Path], summary: str) -> None:
    """Remember which inputs made the outputs now in `out`, and each file's size and time."""
    state = {"inputs": fingerprint, "summary": summary, "files": {p.name: stamp(p) for p in files}}
    (out / STATE_FILE).parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out / STATE_FILE, json.dumps(state, sort_keys=True, indent=1))


def up_to_date(out: Path, fingerprint: str) -> str:
    """The recorded summary when `out` holds intact outputs of exactly these inputs, else ''."""
    try:
        state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
        if state["inputs"] != fingerprint:
            return ""
        for name, recorded in state["files"].items():
            if stamp(out / name) != list(recorded):
                return ""
        return str(state["summary"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""
