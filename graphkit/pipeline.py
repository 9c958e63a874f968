"""`build()`: corpus -> clean -> ner -> link -> cooccur -> graph -> export."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .cooccur import count_cooccurrences
from .corpus import SUPPORTED_SUFFIXES, reported_once
from .dates import within_dates
from .engines import extract_corpus, resolve_jobs
from .errors import CorpusError, GraphkitError
from .export import OPTIONAL_FILES, OUTPUT_FILES, write_link_files
from .export.owned import MARK, claim_folder, folder_lock
from .graph import build_graph
from .link.curation import Curation, announce_overlays, discover_overlays, load_curation
from .link.kb import KnowledgeBase, load_kb
from .link.linker import link_mentions
from .processes import paused_gc
from .result import Build
from .settings import Settings, apply_settings, make_settings
from .store import Store
from .types import Extraction

log = logging.getLogger("graphkit")
STORE_PATH = MARK / "store.sqlite"  # inside the output folder


def build(corpus: str | Path | Sequence[str | Path], out: str | Path | None = None,
          settings: Settings | None = None, store: str | Path | bool | None = None,
          on_document: Callable[[Extraction], None] | None = None, **options: Any) -> Build:
    """Build the co-mention graph of a corpus (folders and files of any format
    `graphkit.corpus` reads: text, records, web pages, PDF, Word, feeds).

    Options are the fields of `Settings` (window, min_weight, kb_files, curation_files,
    model, clean, ...). With `out`, every output-contract file is written there, and NER
    results are kept in `out/.graphkit/store.sqlite` so the next build only processes new
    or changed documents (`store=False` to skip it, or a path to put it elsewhere).

    >>> g = build("seeds")
    >>> g.graph.nodes["person:vladimir-putin"]["label"]
    'Vladimir Putin'
    """
    settings = make_settings(settings, **options)
    paths = [corpus] if isinstance(corpus, str | Path) else list(corpus)
    kb = load_kb(settings.kb_files)
    curation = load_curation([*settings.curation_files,
                              *(str(p) for p in _found_overlays(paths, settings))])
    if out is not None:  # fail early: before any NER work
        _keep_apart(paths, Path(out))
        claim_folder(Path(out), OUTPUT_FILES + OPTIONAL_FILES)
    # one build at a time per output folder: another's files and store writes would mix
    with folder_lock(Path(out)) if out is not None else contextlib.nullcontext(), \
            reported_once():
        return _build_locked(paths, out, settings, kb, curation, store, on_document)


def _build_locked(paths: list[str | Path], out: str | Path | None, settings: Settings,
                  kb: KnowledgeBase, curation: Curation,
                  store: str | Path | bool | None,
                  on_document: Callable[[Extraction], None] | None) -> Build:
    """`build` from NER on, with the output folder (if any) checked and locked."""
    store_path = _store_path(store, out)
    opened = Store(store_path) if store_path else None
    jobs = resolve_jobs(settings, paths) if settings.engine == "local" else settings.jobs or 1
    read_digests: list[str] = []  # for the up-to-date record, without a second read
    clock = _StageClock()
    # Extractions, links and counts are millions of long-lived acyclic objects: the cyclic
    # GC's passes over them cost seconds on a large corpus, and NER leaves next to no
    # cyclic garbage (benchmarks/code-figures.md).
    with paused_gc():
        try:
            with contextlib.closing(extract_corpus(paths, settings, kb, opened, on_document,
                                                   jobs, read_digests)) as extracted:
                extractions = sorted(extracted, key=lambda e: e.doc.id)
        finally:
            if opened:
                opened.close()
        clock.lap("read and NER (or stored results)")
        if not extractions:
            raise CorpusError(f"no readable documents in {', '.join(str(p) for p in paths)} "
                              f"(supported: {', '.join(SUPPORTED_SUFFIXES)})")
        if settings.since or settings.until:
            extractions = within_dates(extractions, settings.since, settings.until)
            if not extractions:
                raise CorpusError("no dated documents between --since and --until")
        linking = link_mentions(extractions, kb, curation)
        clock.lap("linking")
        # With a second core, mentions.csv (it needs only the links) is written while
        # this process counts and builds the graph; it replaces the old file with the rest.
        held = write_link_files(linking.mentions, Path(out)) if out is not None and \
            jobs > 1 else None
        try:
            cooccurrence = count_cooccurrences(extractions, linking.mentions, settings.window)
            clock.lap("co-occurrence counts")
            graph = build_graph(linking.entities, linking.mentions, cooccurrence, extractions,
                                settings.min_weight, processes=jobs)
            del cooccurrence  # the graph holds what is needed; free the pair counts first
            graph = apply_settings(graph, settings)
            clock.lap("graph and metrics")
            result = Build(graph, linking.entities, linking.mentions, tuple(extractions),
                           settings.gexf)
            if out is not None:  # inside the paused GC: one pass over the heap, not two
                files = result.write(out, processes=jobs, held=held)
                held = None
        finally:
            if held is not None:  # stopped before writing: the old mentions.csv stays
                held.discard()
    if out is not None:
        if store_path is not None:
            from .state import inputs_fingerprint, record_outputs

            record_outputs(Path(out), inputs_fingerprint(paths, settings, kb, read_digests),
                           files, result.summary())
        clock.lap("writing the outputs")
    return result


def _keep_apart(paths: Sequence[str | Path], out: Path) -> None:
    """Refuse an output folder that is a corpus folder, or whose files would replace a
    corpus file. (An output folder inside a corpus folder is fine: reading skips it.)"""
    target = out.resolve()
    for path in map(Path, paths):
        source = path.resolve()
        if source == target:
            raise GraphkitError(f"output folder {out} is the corpus folder {path}: graphkit "
                                "would read its own files as documents; choose another "
                                "output folder (a subfolder is fine)")
        if source.parent == target and source.name in OUTPUT_FILES + OPTIONAL_FILES:
            raise GraphkitError(f"corpus file {path} would be replaced by the output file of "
                                "the same name; choose another output folder")


class _StageClock:
    """Logs how long each stage of a build took (`graphkit -v build`)."""

    def __init__(self) -> None:
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        log.info("%s: %.1f s", stage, now - self._last)
        self._last = now


def unchanged_build(corpus: str | Path | Sequence[str | Path], out: str | Path,
                    settings: Settings | None = None, **options: Any) -> str:
    """The summary of the build in `out` if building `corpus` again would write exactly
    the files already there (same documents, settings, knowledge base, curation, model,
    graphkit), else ''. Costs one read of the corpus, no NER, linking or writing.

    >>> unchanged_build("seeds", "out")                      # nothing built there yet
    ''
    >>> build("seeds", "out").summary()                      # doctest: +ELLIPSIS
    '5 documents, ... mentions, ... nodes, ... edges'
    >>> unchanged_build("seeds", "out")                      # doctest: +ELLIPSIS
    '5 documents, ... mentions, ... nodes, ... edges'
    >>> unchanged_build("seeds", "out", window="paragraph")  # other settings
    ''
    """
    from .state import inputs_fingerprint, up_to_date

    settings = make_settings(settings, **options)
    paths = [corpus] if isinstance(corpus, str | Path) else list(corpus)
    with reported_once():
        summary = up_to_date(Path(out), inputs_fingerprint(paths, settings))
        if summary:  # (a build announces them itself)
            _found_overlays(paths, settings)
    return summary


def _found_overlays(paths: list[str | Path], settings: Settings) -> list[Path]:
    """The graphkit.yaml files next to the corpus that --curation does not name (none with
    --no-curation), announced: an overlay inside a received corpus must not act silently."""
    if not settings.discover_curation:
        return []
    found = [p for p in discover_overlays(paths) if str(p) not in settings.curation_files]
    announce_overlays(found)
    return found


def _store_path(store: str | Path | bool | None, out: str | Path | None) -> Path | None:
    if store is False or (store is None and out is None):
        return None
    if store is None or store is True:
        if out is None:
            raise GraphkitError("store=True needs an output folder or a store path")
        return Path(out) / STORE_PATH
    return Path(store)


