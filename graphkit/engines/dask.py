"""NER on a Dask cluster: batches of documents go out as tasks, extractions come back."""

from __future__ import annotations

import socket
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, cast

from ..errors import GraphkitError
from ..ner.config import NerConfig
from ..types import Document
from .work import Extracted, encoded, results_in_order, run_ner, shared_ner

DASK_BATCH = 64  # documents per Dask task
_ONE_BLAS_THREAD: list[bool] = []  # set once in this Dask worker process


def extract_batch(documents: list[Document], config: NerConfig) -> list[str]:
    """One Dask task: NER over a batch (`encoded`), with the pipeline loaded once per
    worker process (`shared_ner`)."""
    from ..ner.fast.inference import one_blas_thread

    if not _ONE_BLAS_THREAD:
        one_blas_thread()  # for the life of this worker process
        _ONE_BLAS_THREAD.append(True)
    return encoded(run_ner(documents, shared_ner(config), config))


def dask_extract(documents: Iterable[Document], config: NerConfig, scheduler: str
                 ) -> Iterator[Extracted]:
    """NER on a Dask cluster: documents go out in batches (a bounded number in flight),
    extractions come back in the order the documents were read."""
    try:
        from distributed import Client as DaskClient
        from distributed import KilledWorker
    except ImportError:
        raise GraphkitError("--engine dask needs dask.distributed: "
                            "pip install 'graphkit[dask]'") from None
    _probe(scheduler)
    try:
        client: Any = cast(Any, DaskClient)(scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise GraphkitError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        shared = client.scatter(config, broadcast=True)
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        remaining = iter(documents)
        yield from results_in_order(
            lambda batch: client.submit(extract_batch, batch, shared, pure=False),
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

    parts = urlsplit(scheduler if "://" in scheduler else f"tcp://{scheduler}")
    if parts.scheme != "tcp" or not parts.hostname or not parts.port:
        return  # other protocols (tls://, inproc://) are left to Dask
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=5).close()
    except OSError as exc:
        raise GraphkitError(f"cannot reach the Dask scheduler {scheduler}: "
                            f"{exc.strerror or exc}") from None
