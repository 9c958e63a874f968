"""Run NER over a corpus, reusing stored results: locally (`engines.local`: this process or
worker processes) or on a Dask cluster (`engines.dask`)."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from ..corpus import corpus_bytes, count_documents, read_corpus
from ..store import Store, document_digest
from ..types import Document, Extraction
from .work import Extracted

if TYPE_CHECKING:
    from ..link.kb import KnowledgeBase
    from ..settings import Settings

log = logging.getLogger("graphkit")
SAVE_EVERY = 64  # documents per store transaction
_PARALLEL_MIN_BYTES = 2_000_000  # below this, starting processes costs more than it saves


def extract_corpus(paths: Sequence[str | Path], settings: Settings, kb: KnowledgeBase,
                   store: Store | None,
                   on_document: Callable[[Extraction], None] | None,
                   jobs: int | None = None,
                   read_digests: list[str] | None = None) -> Generator[Extraction, None, None]:
    """Stored extractions for unchanged documents, NER for the rest (saved as it goes),
    streaming: documents are read, processed and dropped one batch at a time. spaCy and
    the model are loaded only if some document needs processing. `jobs`: local NER
    processes (default: `resolve_jobs`); `read_digests` receives the `document_digest`
    of every document in the order read (what `state.inputs_fingerprint` hashes)."""
    config = settings.ner_config(kb)
    fingerprint = config.fingerprint()
    seen: set[str] = set()
    digests: dict[str, str] = {}  # of documents waiting for NER, as read

    def to_process(documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            seen.add(document.id)
            digest = document_digest(document) if store or read_digests is not None else ""
            if read_digests is not None:
                read_digests.append(digest)
            stored = store.lookup(document, digest, fingerprint) if store else None
            if stored is None:
                if store:
                    digests[document.id] = digest
                yield document
            else:
                reused.append(stored)

    reused: list[Extraction] = []
    pending = to_process(read_corpus(paths, fields=settings.record_fields()))
    first = next(pending, None)
    if first is not None:
        documents = chain([first], pending)
        if settings.engine == "dask":
            from .dask import dask_extract

            fresh = dask_extract(documents, config, str(settings.scheduler))
        else:
            from .local import local_extract

            fresh = local_extract(documents, config, jobs or resolve_jobs(settings, paths))
        batch: list[Extracted] = []
        try:
            for extracted in fresh:
                while reused:
                    yield _report(reused.pop(), on_document)
                batch.append(extracted)
                if len(batch) >= SAVE_EVERY:
                    _save(store, batch, digests, fingerprint)
                    yield from (_report(e, on_document) for e, _ in batch)
                    batch = []
        finally:  # stopped early or not: worker processes end here, not at exit
            close = getattr(fresh, "close", None)
            if close:
                close()
        _save(store, batch, digests, fingerprint)
        yield from (_report(e, on_document) for e, _ in batch)
    yield from (_report(e, on_document) for e in reused)
    if store:
        removed = store.forget_except(seen)
        if removed:
            log.info("removed %d deleted documents from the store", removed)


def _report(extraction: Extraction, on_document: Callable[[Extraction], None] | None
            ) -> Extraction:
    if on_document:
        on_document(extraction)
    return extraction


def _save(store: Store | None, batch: list[Extracted], digests: dict[str, str],
          fingerprint: str) -> None:
    if store:
        store.save(batch, digests, fingerprint)
        for extraction, _ in batch:
            digests.pop(extraction.doc.id, None)


def resolve_jobs(settings: Settings, paths: Sequence[str | Path]) -> int:
    """Processes for NER: as asked, else all cores when the corpus holds enough text
    (by size, not count: thousands of tiny files are faster in one process)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    if settings.jobs is not None:
        return _capped_jobs(settings.jobs, cores, paths)
    return cores if corpus_bytes(paths) >= _PARALLEL_MIN_BYTES else 1


def _capped_jobs(jobs: int, cores: int, paths: Sequence[str | Path]) -> int:
    """`--jobs`, but never more processes than documents (each loads the whole pipeline,
    and memory grows with every process); more than the cores is allowed, with a
    warning."""
    if jobs <= 1:
        return jobs
    processes = min(jobs, max(count_documents(paths, limit=jobs), 1))
    if processes < jobs:
        log.info("--jobs %d: %d NER processes, one per document", jobs, processes)
    if processes > cores:
        log.warning("--jobs %d (%d NER processes) is more than the %d cores here: each "
                    "process holds its own copy of the pipeline, so this costs memory and "
                    "gains no speed", jobs, processes, cores)
    return processes
