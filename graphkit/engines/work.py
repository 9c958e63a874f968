"""What every engine does with a batch of documents: load the NER pipeline, run it, send the
extractions back encoded, and take them in again in the order the batches went out."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..store import extraction_from_json, extraction_to_json
from ..types import Document, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

    from ..ner.config import NerConfig

Extracted = tuple[Extraction, str]  # an extraction and its store encoding ('': not encoded yet)


def load_ner(config: NerConfig) -> Language:
    """The NER pipeline `config` describes, with the fast path on or off as it says."""
    from ..ner.fast.inference import fast_path
    from ..ner.pipeline import load_pipeline

    with fast_path(config.fast_path):
        return load_pipeline(config.model, kb=config.kb, propose=config.propose)


_SHARED: dict[tuple[str, str, bool | None, bool], Language] = {}  # oldest first
_SHARED_PIPELINES = 2  # e.g. the shipped model's and the rules-only one


def shared_ner(config: NerConfig) -> Language:
    """`load_ner(config)`, loaded once per process and kept for the next build with the
    same model, knowledge base, rules and fast path: building the Indonesian tokenizer
    alone (~16k special cases) takes seconds, which a notebook or a test suite would pay
    at every build, and forked NER workers find it loaded already. Builds only read it."""
    from ..ner.config import resolve_model

    key = (resolve_model(config.model), config.kb.version if config.kb else "",
           config.propose, config.fast_path)
    nlp = _SHARED.pop(key, None)
    if nlp is None:
        nlp = load_ner(config)
    _SHARED[key] = nlp
    while len(_SHARED) > _SHARED_PIPELINES:
        del _SHARED[next(iter(_SHARED))]
    return nlp


def run_ner(documents: Iterable[Document], nlp: Language, config: NerConfig
            ) -> Iterator[Extraction]:
    """`graphkit.ner.pipeline.extract` with the cleaning and batch size of `config`."""
    from ..ner.pipeline import extract

    return extract(documents, nlp, clean=config.clean, batch_size=config.batch_size)


def encoded(extractions: Iterable[Extraction]) -> list[str]:
    """What a worker sends back: each extraction as the store keeps it. Between processes
    a JSON string travels much faster than the extraction's objects, the parent stores it
    as it is, and decoding it costs less than rebuilding the objects sent
    (benchmarks/engines.md)."""
    return [extraction_to_json(extraction) for extraction in extractions]


def results_in_order(submit: Callable[[list[Document]], Any],
                     batches: Iterable[list[Document]], limit: int) -> Iterator[Extracted]:
    """Submit each batch (`submit` returns a future of the batch's `encoded` extractions),
    at most `limit` in flight, and yield (extraction, encoding) pairs in the order the
    batches were submitted."""
    in_flight: deque[tuple[list[Document], Any]] = deque()
    for batch in batches:
        in_flight.append((batch, submit(batch)))
        if len(in_flight) >= limit:
            yield from _decoded(*in_flight.popleft())
    while in_flight:
        yield from _decoded(*in_flight.popleft())


def _decoded(batch: list[Document], future: Any) -> Iterator[Extracted]:
    for document, text in zip(batch, future.result(), strict=True):
        yield extraction_from_json(document, text), text
