"""Settings and `build()`: corpus -> clean -> ner -> link -> cooccur -> graph -> export."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .cooccur import WINDOWS, count_cooccurrences
from .corpus import read_corpus
from .errors import CorpusError, GraphkitError
from .graph import build_graph
from .kb import load_kb
from .link import link_mentions
from .ner import extract, load_pipeline
from .result import Build
from .types import Extraction

log = logging.getLogger("graphkit")


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a build; same corpus + same settings = same output bytes."""

    window: str = "sentence"
    min_weight: int = 1
    kb_files: tuple[str, ...] = ()
    model: str | None = None
    clean: bool = True
    propose: bool | None = None
    text_field: str = "text"
    batch_size: int = 64

    def __post_init__(self) -> None:
        if self.window not in WINDOWS:
            raise GraphkitError(f"--window must be one of {', '.join(WINDOWS)}")
        if self.min_weight < 1:
            raise GraphkitError("--min-weight must be at least 1")


def make_settings(settings: Settings | None = None, **options: Any) -> Settings:
    """Settings from keyword options (unknown names are an error)."""
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise GraphkitError(f"unknown build option(s): {', '.join(unknown)}")
    if "kb_files" in options:
        options["kb_files"] = tuple(str(f) for f in options["kb_files"])
    return replace(settings or Settings(), **options)


def build(corpus: str | Path | Sequence[str | Path], out: str | Path | None = None,
          settings: Settings | None = None,
          on_document: Callable[[Extraction], None] | None = None, **options: Any) -> Build:
    """Build the co-mention graph of a corpus (folders, files, .jsonl/.csv records).

    Options are the fields of `Settings` (window, min_weight, kb_files, model, clean, ...).
    With `out`, every output-contract file is written there.

    >>> g = build("seeds")                                  # doctest: +SKIP
    >>> g.graph.nodes["person:vladimir-putin"]["label"]     # doctest: +SKIP
    'Vladimir Putin'
    """
    settings = make_settings(settings, **options)
    paths = [corpus] if isinstance(corpus, str | Path) else list(corpus)
    kb = load_kb(settings.kb_files)
    nlp = load_pipeline(settings.model, kb=kb, propose=settings.propose)
    documents = read_corpus(paths, text_field=settings.text_field)
    extractions = []
    for extraction in extract(documents, nlp, clean=settings.clean,
                              batch_size=settings.batch_size):
        extractions.append(extraction)
        if on_document:
            on_document(extraction)
    if not extractions:
        raise CorpusError(f"no readable documents in {', '.join(str(p) for p in paths)} "
                          "(supported: .txt, .md, .jsonl, .csv)")
    extractions.sort(key=lambda e: e.doc.id)
    linking = link_mentions(extractions, kb)
    cooccurrence = count_cooccurrences(extractions, linking.mentions, settings.window)
    graph = build_graph(linking.entities, linking.mentions, cooccurrence, extractions,
                        settings.min_weight)
    result = Build(graph, linking.entities, linking.mentions, tuple(extractions), settings)
    if out is not None:
        result.write(out)
    return result


def estimate_documents(paths: Iterable[str | Path]) -> int:
    """A quick count of the documents a corpus holds (for progress bars)."""
    from .corpus import count_documents

    return count_documents(paths)
