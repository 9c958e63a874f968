"""NER on this machine: in this process, or in a pool of worker processes that each load the
pipeline once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..ner.config import NerConfig
from ..processes import children_die_with_parent, process_context, quiet_child
from ..types import Document
from .work import Extracted, encoded, results_in_order, run_ner, shared_ner

# Text per task for worker processes (~150 articles): enough documents for NER to decode
# in whole batches of similar length (graphkit.ner.fast.decode; much smaller tasks lose much of its
# gain, benchmarks/engines.md), few enough that a task's extractions stay small.
LOCAL_BATCH_CHARS = 1_000_000
# The pipeline this worker process loaded, or the user's mistake that stopped it loading.
_WORKER: dict[str, Any] = {}


def local_extract(documents: Iterable[Document], config: NerConfig, jobs: int
                  ) -> Iterator[Extracted]:
    """NER in this process, or in `jobs` worker processes that each load the pipeline
    once and turn batches of documents into extractions (only texts go out and compact
    extractions come back; a bounded number of batches is in flight, so memory does not
    grow with the corpus). Worker processes die with this one if it is killed. Yields
    (extraction, its store encoding or '' if not encoded yet) pairs."""
    if jobs <= 1:
        from ..ner.fast.inference import one_blas_thread

        nlp = shared_ner(config)
        with one_blas_thread():
            for extraction in run_ner(documents, nlp, config):
                yield extraction, ""
        return
    yield from _pool_extract(documents, config, jobs)


def _pool_extract(documents: Iterable[Document], config: NerConfig, jobs: int
                  ) -> Iterator[Extracted]:
    """`local_extract` over a pool of worker processes. A worker that dies (killed, out of
    memory) ends the build with a clear error instead of a hang; what was extracted
    before is in the store, so the next run carries on from there."""
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from ..errors import GraphkitError

    with children_die_with_parent():
        pool = ProcessPoolExecutor(jobs, mp_context=process_context(),
                                   initializer=_load_worker_pipeline, initargs=(config,))

    def submit(batch: list[Document]) -> Future[list[str]]:
        with children_die_with_parent():  # workers start as tasks arrive
            return pool.submit(_extract_with_worker_pipeline, batch, config)

    try:
        yield from results_in_order(submit, _batches_by_size(documents, LOCAL_BATCH_CHARS),
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


def _load_worker_pipeline(config: NerConfig) -> None:
    """Pool initializer: load the pipeline once in this worker process. A user's mistake
    (e.g. a model that does not load) is kept and raised by the first task, so it reaches
    the parent as that error."""
    from ..errors import GraphkitError, ModelError
    from ..ner.fast.inference import one_blas_thread

    quiet_child()
    one_blas_thread()  # for the life of this worker process
    try:
        _WORKER["pipeline"] = shared_ner(config)  # forked: the parent's, if it has one
    except GraphkitError as exc:
        _WORKER["pipeline"] = exc
    except Exception as exc:  # e.g. a model package that fails to import
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        _WORKER["pipeline"] = ModelError(f"cannot load the NER pipeline: {first}")


def _extract_with_worker_pipeline(documents: list[Document], config: NerConfig) -> list[str]:
    from ..errors import GraphkitError

    nlp = _WORKER["pipeline"]
    if isinstance(nlp, GraphkitError):
        raise nlp
    return encoded(run_ner(documents, nlp, config))
