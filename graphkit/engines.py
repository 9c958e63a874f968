"""Run NER over a corpus, reusing stored results: locally (processes) or on a Dask cluster."""

from __future__ import annotations

import gc
import logging
import os
import socket
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .corpus import corpus_bytes, count_documents, read_corpus
from .link.kb import KnowledgeBase
from .models import pipeline_fingerprint
from .processes import children_die_with_parent, process_context, quiet_child
from .store import Store, document_digest, extraction_from_json, extraction_to_json
from .types import Document, Extraction

if TYPE_CHECKING:
    from .settings import Settings

log = logging.getLogger("graphkit")
SAVE_EVERY = 64  # documents per store transaction
DASK_BATCH = 64  # documents per Dask task
# Text per task for local worker processes (~150 articles): enough documents for NER to
# decode in whole batches of similar length (graphkit.decode; 30-article tasks lost a third
# of its gain), few enough that a task's extractions stay small.
LOCAL_BATCH_CHARS = 1_000_000
_LOCAL = "local"  # key of the pipeline a local worker process loaded
_PARALLEL_MIN_BYTES = 2_000_000  # below this, starting processes costs more than it saves
_WORKER_PIPELINES: dict[str, Any] = {}  # pipelines loaded in this (worker) process
Extracted = tuple[Extraction, str]  # an extraction and its store encoding ('': not encoded yet)


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
    fingerprint = pipeline_fingerprint(settings.model, kb, settings.clean, settings.propose)
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
            fresh = dask_extract(documents, settings, kb, str(settings.scheduler))
        else:
            fresh = local_extract(documents, settings, kb,
                                  jobs or resolve_jobs(settings, paths))
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
    """`--jobs`, but never more processes than documents (each loads the whole pipeline:
    8 jobs for 5 documents took 3.3 GB); more than the cores is allowed, with a warning."""
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


def local_extract(documents: Iterable[Document], settings: Settings, kb: KnowledgeBase,
                  jobs: int) -> Iterator[Extracted]:
    """NER in this process, or in `jobs` worker processes that each load the pipeline
    once and turn batches of documents into extractions (only texts go out and compact
    extractions come back; a bounded number of batches is in flight, so memory does not
    grow with the corpus). Worker processes die with this one if it is killed. Yields
    (extraction, its store encoding or '' if not encoded yet) pairs."""
    if jobs <= 1:
        from .inference import one_blas_thread
        from .ner import extract, load_pipeline

        nlp = load_pipeline(settings.model, kb=kb, propose=settings.propose)
        try:
            with one_blas_thread():
                for extraction in extract(documents, nlp, clean=settings.clean,
                                          batch_size=settings.batch_size):
                    yield extraction, ""
        finally:  # the pipeline (weights, vocabulary) is in reference cycles: free it now,
            del nlp  # also when the build has paused the cyclic GC
            gc.collect()
        return
    yield from _pool_extract(documents, settings, kb, jobs)


def _pool_extract(documents: Iterable[Document], settings: Settings, kb: KnowledgeBase,
                  jobs: int) -> Iterator[Extracted]:
    """`local_extract` over a pool of worker processes. A worker that dies (killed, out of
    memory) ends the build with a clear error instead of a hang; what was extracted
    before is in the store, so the next run carries on from there."""
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .errors import GraphkitError

    with children_die_with_parent():
        pool = ProcessPoolExecutor(jobs, mp_context=process_context(),
                                   initializer=_load_worker_pipeline,
                                   initargs=(kb, settings.model, settings.clean,
                                             settings.propose))
    def submit(batch: list[Document]) -> Future[list[str]]:
        with children_die_with_parent():  # workers start as tasks arrive
            return pool.submit(_extract_with_worker_pipeline, batch, settings.clean,
                               settings.batch_size)

    try:
        yield from _results_in_order(submit, _batches_by_size(documents, LOCAL_BATCH_CHARS),
                                     2 * jobs)
    except BrokenProcessPool:
        raise GraphkitError("an NER worker process died (out of memory or killed?); "
                            "run the build again to carry on, or use fewer --jobs") from None
    except BaseException:  # stopped early (an error here, Ctrl-C): do not wait for NER
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_workers(pool: Any) -> None:
    """Terminate a process pool's workers (their results are no longer wanted)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # before shutdown
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def _results_in_order(submit: Callable[[list[Document]], Any],
                      batches: Iterable[list[Document]], limit: int) -> Iterator[Extracted]:
    """Submit each batch (`submit` returns a future of the batch's `_encoded` extractions),
    at most `limit` in flight, and yield (extraction, encoding) pairs in the order the
    batches were submitted."""
    in_flight: deque[tuple[list[Document], Any]] = deque()
    for batch in batches:
        in_flight.append((batch, submit(batch)))
        if len(in_flight) >= limit:
            yield from _decoded(*in_flight.popleft())
    while in_flight:
        yield from _decoded(*in_flight.popleft())


def _encoded(extractions: Iterable[Extraction]) -> list[str]:
    """What a worker sends back: each extraction as the store keeps it. Between processes
    a JSON string travels 30 times faster than the extraction's objects, the parent
    stores it as it is, and decoding it costs less than rebuilding the objects sent
    (measured on 25,589 articles: 2.9 s to serialise and 2.9 s to deserialise the
    objects; 1.2 s to encode and send, 1.9 s to receive and decode the strings)."""
    return [extraction_to_json(extraction) for extraction in extractions]


def _decoded(batch: list[Document], future: Any) -> Iterator[Extracted]:
    for document, encoded in zip(batch, future.result(), strict=True):
        yield extraction_from_json(document, encoded), encoded


def _batches_by_size(documents: Iterable[Document], chars: int) -> Iterator[list[Document]]:
    """Consecutive documents in batches of about `chars` characters of text."""
    batch: list[Document] = []
    size = 0
    for document in documents:
        batch.append(document)
        size += len(document.text)
        if size >= chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _load_worker_pipeline(kb: KnowledgeBase, model: str | None, clean: bool,
                          propose: bool | None) -> None:
    """Pool initializer: load the pipeline once in this worker process. A user's mistake
    (e.g. a model that does not load) is kept and raised by the first task, so it reaches
    the parent as that error."""
    from .errors import GraphkitError, ModelError
    from .inference import one_blas_thread
    from .ner import load_pipeline

    quiet_child()
    one_blas_thread()  # for the life of this worker process
    try:
        _WORKER_PIPELINES[_LOCAL] = load_pipeline(model, kb=kb, propose=propose)
    except GraphkitError as exc:
        _WORKER_PIPELINES[_LOCAL] = exc
    except Exception as exc:  # e.g. a model package that fails to import
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        _WORKER_PIPELINES[_LOCAL] = ModelError(f"cannot load the NER pipeline: {first}")


def _extract_with_worker_pipeline(documents: list[Document], clean: bool,
                                  batch_size: int) -> list[str]:
    from .errors import GraphkitError
    from .ner import extract

    if isinstance(_WORKER_PIPELINES[_LOCAL], GraphkitError):
        raise _WORKER_PIPELINES[_LOCAL]

    return _encoded(extract(documents, _WORKER_PIPELINES[_LOCAL], clean=clean,
                            batch_size=batch_size))


def extract_batch(documents: list[Document], kb: KnowledgeBase, model: str | None,
                  clean: bool, propose: bool | None, batch_size: int) -> list[str]:
    """One Dask task: NER over a batch (`_encoded`), with the pipeline loaded once per
    worker process."""
    from .inference import one_blas_thread
    from .ner import extract, load_pipeline

    key = pipeline_fingerprint(model, kb, clean, propose)
    if key not in _WORKER_PIPELINES:
        one_blas_thread()  # for the life of this worker process
        _WORKER_PIPELINES[key] = load_pipeline(model, kb=kb, propose=propose)
    return _encoded(extract(documents, _WORKER_PIPELINES[key], clean=clean,
                            batch_size=batch_size))


def dask_extract(documents: Iterable[Document], settings: Settings, kb: KnowledgeBase,
                 scheduler: str) -> Iterator[Extracted]:
    """NER on a Dask cluster: documents go out in batches (a bounded number in flight),
    extractions come back in the order the documents were read."""
    try:
        from distributed import Client as DaskClient
        from distributed import KilledWorker
    except ImportError:
        from .errors import GraphkitError

        raise GraphkitError("--engine dask needs dask.distributed: "
                            "pip install 'graphkit[dask]'") from None
    from .errors import GraphkitError

    _probe(scheduler)
    try:
        client: Any = cast(Any, DaskClient)(scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise GraphkitError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        shared_kb = client.scatter(kb, broadcast=True)
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        remaining = iter(documents)
        yield from _results_in_order(
            lambda batch: client.submit(extract_batch, batch, shared_kb, settings.model,
                                        settings.clean, settings.propose,
                                        settings.batch_size, pure=False),
            iter(lambda: list(islice(remaining, DASK_BATCH)), []), 2 * workers)
    except KilledWorker:
        raise GraphkitError("Dask workers kept dying on the same documents (out of memory?); "
                            "what was extracted is stored: run the build again to carry on"
                            ) from None
    finally:
        client.close()


def _probe(scheduler: str) -> None:
    """Fail at once, clearly, when nothing listens at a tcp:// scheduler address."""
    from urllib.parse import urlsplit

    from .errors import GraphkitError

    parts = urlsplit(scheduler if "://" in scheduler else f"tcp://{scheduler}")
    if parts.scheme != "tcp" or not parts.hostname or not parts.port:
        return  # other protocols (tls://, inproc://) are left to Dask
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=5).close()
    except OSError as exc:
        raise GraphkitError(f"cannot reach the Dask scheduler {scheduler}: "
                            f"{exc.strerror or exc}") from None
