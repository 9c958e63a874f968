"""Make a loaded spaCy pipeline faster at inference: numpy's BLAS for matrix products,
fused maxout + layer-norm layers, cached token embeddings and floret vectors, NER decoded
over whole batches, one BLAS thread per NER job.

This module and `graphkit.ner.fast.decode` reach into spaCy and thinc internals (`node._func`,
`nlp._components`), so a spaCy upgrade may break them: one switch runs plain spaCy
instead, `GRAPHKIT_PLAIN_SPACY=1` in the environment (or `NerConfig(fast_path=False)`,
or the `fast_path(False)` block around loading a pipeline), with the same mentions
for a model without an ensemble (tests/test_fast_path.py)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, cast

import numpy as np
from spacy.attrs import NORM, ORTH, intify_attr
from spacy.language import Language
from spacy.ml.staticvectors import forward as spacy_static_vectors_forward
from spacy.tokens import Doc
from spacy.vectors import Mode, Vectors
from thinc.api import Model, NumpyOps, Ragged
from thinc.layers.chain import forward as thinc_chain_forward
from thinc.types import Floats2d

from ...errors import ModelError
from ..config import plain_spacy_asked
from .decode import FastEntityRecognizer, can_decode

log = logging.getLogger("graphkit")
ENSEMBLE_META = "graphkit_ensemble"  # meta.json key: {NER component: [member components]}
# Distinct token strings whose floret vectors are kept (64 floats each: ~50 MB at most).
FLORET_CACHE_SIZE = 200_000
# Distinct token strings whose embeddings are kept (the tok2vec width, 64 floats: ~64 MB
# at most; enough for the distinct tokens of a large news corpus, benchmarks/code-figures.md).
EMBEDDING_CACHE_SIZE = 250_000
# New tokens are embedded at least this many rows at a time: numpy's OpenBLAS computes a
# tiny product (a few rows) along another path than the large ones of spaCy's own batches.
EMBEDDING_MIN_ROWS = 256


_FAST_PATH: ContextVar[bool | None] = ContextVar("graphkit_fast_path", default=None)


@contextlib.contextmanager
def fast_path(on: bool) -> Iterator[None]:
    """Pipelines loaded inside this block get graphkit's faster inference (`on`) or run
    plain spaCy (not `on`), whatever GRAPHKIT_PLAIN_SPACY says."""
    token = _FAST_PATH.set(on)
    try:
        yield
    finally:
        _FAST_PATH.reset(token)


def fast_path_on() -> bool:
    """Whether `speed_up` changes a pipeline here: as a `fast_path` block says, else on
    unless GRAPHKIT_PLAIN_SPACY=1."""
    chosen = _FAST_PATH.get()
    return not plain_spacy_asked() if chosen is None else chosen


def speed_up(nlp: Language) -> Language:
    """Run `nlp`'s models with numpy's BLAS (OpenBLAS in numpy's wheels) instead of BLIS
    and remember each token string's floret vector instead of re-hashing its character
    n-grams in every batch, and decode NER greedily over whole batches with numpy
    (`graphkit.ner.fast.decode`), compute each maxout + layer-norm pair of the tok2vec in one
    step, and remember each token string's embedding. Inference only: training goes
    through spaCy's own code. `nlp` as it is where the fast path is off (`fast_path_on`)."""
    if not fast_path_on():
        log.info("plain spaCy inference (the fast path is off)")
        return nlp
    use_numpy_matrix_products(nlp)
    fuse_maxout_layernorm(nlp)
    cache_token_embeddings(nlp)
    cache_floret_vectors(nlp)
    decode_ner_in_batches(nlp)
    return nlp


def decode_ner_in_batches(nlp: Language) -> None:
    """Put a `FastEntityRecognizer` in place of each greedy transition-based NER component
    (spaCy's `EntityRecognizer`; the component itself stays inside it). spaCy has no
    public way to swap a component's object, so this sets the pipeline's list entry.

    A model may declare ensembles in its meta.json, `{"graphkit_ensemble": {"ner":
    ["ner_member1", ...]}}`: the members are disabled NER components of the same pipeline
    (so plain spaCy runs `ner` alone) that graphkit decodes together with `ner`."""
    ensembles = ensemble_members(nlp)
    members = {name for names in ensembles.values() for name in names}
    components = nlp._components
    for i, (name, component) in enumerate(components):
        if type(component).__name__ != "EntityRecognizer" or name in members:
            continue
        with_members = [nlp.get_pipe(member) for member in ensembles.get(name, [])]
        if can_decode(component, with_members):
            components[i] = (name, cast(Any, FastEntityRecognizer(component, with_members)))
        elif can_decode(component):
            log.warning("%s: ensemble members %s cannot be decoded with it; using %s alone",
                        name, ensembles[name], name)
            components[i] = (name, cast(Any, FastEntityRecognizer(component)))


def ensemble_members(nlp: Language) -> dict[str, list[str]]:
    """{NER component: its ensemble members} declared in the model's meta.json (members
    are switched off in the pipeline, so that only graphkit's decoder runs them)."""
    declared = nlp.meta.get(ENSEMBLE_META) or {}
    if not isinstance(declared, dict):
        raise ModelError(f"meta.json {ENSEMBLE_META!r} must map a component to a list")
    ensembles: dict[str, list[str]] = {}
    for name, members in declared.items():
        if not (isinstance(members, list) and all(isinstance(m, str) for m in members)):
            raise ModelError(f"meta.json {ENSEMBLE_META!r}: {name!r} needs a list of names")
        missing = [m for m in [name, *members] if m not in nlp.component_names]
        if missing:
            raise ModelError(f"meta.json {ENSEMBLE_META!r} names missing components {missing}")
        for member in members:
            if member in nlp.pipe_names:
                nlp.disable_pipe(member)
        ensembles[name] = members
    return ensembles


def use_numpy_matrix_products(nlp: Language) -> None:
    """thinc's CPU ops multiply matrices with BLIS by default; numpy's OpenBLAS is faster
    for the tok2vec and NER layer shapes on x86 CPUs (benchmarks/code-figures.md; same
    maths, floating-point rounding may differ in the last bits)."""
    ops = NumpyOps(use_blis=False)
    for node in _model_nodes(nlp):
        node.ops = ops


def cache_floret_vectors(nlp: Language) -> None:
    """Replace each static-vectors layer over a floret table by one that computes a token
    string's vector once (spaCy's layer hashes every token's n-grams in every batch).
    Layers inside an embedding that `cache_token_embeddings` caches as a whole see each
    string once anyway, so they are left as they are."""
    vectors = nlp.vocab.vectors
    if not (isinstance(vectors, Vectors) and vectors.mode == Mode.floret):
        return
    inside_cached = {id(sub) for node in _model_nodes(nlp)
                     if "graphkit_embedding_cache" in node.attrs for sub in node.walk()}
    for node in _model_nodes(nlp):
        if node.name == "static_vectors" and node.has_param("W") and id(node) not in inside_cached:
            node.attrs["graphkit_floret_cache"] = FloretCache(vectors)
            node._func = _cached_static_vectors  # thinc has no setter


def fuse_maxout_layernorm(nlp: Language) -> None:
    """Compute each `maxout >> layernorm` chain (spaCy's embedding and CNN layers) with
    the best maxout piece picked by vectorised `numpy.maximum` calls instead of thinc's
    per-row loop, and with the layer-norm's centred values computed once. Same numbers
    bit for bit (tested)."""
    for node in _model_nodes(nlp):
        if _is_maxout_layernorm(node):
            node._func = _fused_maxout_layernorm(node)  # thinc has no setter


# Layers that compute each token's row from that token alone (no window, no sequence
# state), by (module, name) of their forward function.
_ROW_WISE = {("thinc.layers.chain", "forward"), ("thinc.layers.concatenate", "forward"),
             ("thinc.layers.with_array", "forward"), ("thinc.layers.list2ragged", "forward"),
             ("thinc.layers.ragged2list", "forward"), ("thinc.layers.array_getitem", "forward"),
             ("thinc.layers.hashembed", "forward"), ("thinc.layers.maxout", "forward"),
             ("thinc.layers.layernorm", "forward"), ("thinc.layers.dropout", "forward"),
             ("spacy.ml.featureextractor", "forward"), ("spacy.ml.staticvectors", "forward"),
             (__name__, "_fused_maxout_layernorm.<locals>.forward")}
# Token attributes that are the lexeme's (a function of the token string) or NORM, which a
# tokenizer exception may set on one token: the cache keys on the string and checks NORM.
_LEXEME_ATTRS = {intify_attr(a) for a in ("ORTH", "LOWER", "NORM", "PREFIX", "SUFFIX", "SHAPE")}


def cache_token_embeddings(nlp: Language) -> None:
    """Replace each embedding layer that computes a token's row from that token's string
    alone (spaCy's MultiHashEmbed: hashed NORM/PREFIX/SUFFIX/SHAPE, static vectors, maxout
    and layer-norm) by one that computes each distinct string once and then looks it up
    (`EmbeddingCache`). The layer's own numbers up to BLAS rounding, which on some CPUs
    depends on a row's position in the batch (AVX2 OpenBLAS kernels: differences as small
    as between two of spaCy's own batches, and the same entities; every occurrence of a
    string gets the same row). Figures: benchmarks/code-figures.md."""
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            continue
        for node in model.walk():
            if _is_row_wise_embedding(node) and "graphkit_embedding_cache" not in node.attrs:
                cache = EmbeddingCache(node, nlp.vocab)
                node.attrs["graphkit_embedding_cache"] = cache
                node._func = cache.forward  # thinc has no setter


def _is_row_wise_embedding(node: Model[Any, Any]) -> bool:
    """Docs in, one array per doc out, every layer row-wise, every input a lexeme's."""
    nodes = list(node.walk())
    if not (node.layers and node.layers[-1].name == "ragged2list"
            and any(n.name == "extract_features" for n in nodes)):
        return False
    if not all((n._func.__module__, n._func.__qualname__) in _ROW_WISE
               for n in nodes):
        return False
    for n in nodes:
        if n.name == "extract_features" and not {
                intify_attr(c) for c in n.attrs["columns"]} <= _LEXEME_ATTRS:
            return False
        if n.name == "static_vectors" and intify_attr(n.attrs.get("key_attr", "ORTH")) not in (
                _LEXEME_ATTRS - {NORM}):
            return False
    return True


class EmbeddingCache:
    """A row-wise embedding layer's output by token string: each distinct string's row is
    computed once by the layer itself (in a batch of at least `EMBEDDING_MIN_ROWS` rows,
    like the layer's own batches) and looked up after that. A token whose NORM is not its
    string's usual NORM (a tokenizer exception's) is computed on its own. The cache
    starts again when full, and when the layer's weights are replaced."""

    def __init__(self, node: Model[Any, Any], vocab: Any, size: int = EMBEDDING_CACHE_SIZE
                 ) -> None:
        self.node = node
        self.vocab = vocab
        self.size = size
        self.compute = node._func  # the layer's own forward pass
        self.rows: dict[int, int] = {}
        self.table = np.zeros((0, node.get_dim("nO")), dtype="float32")
        self.norms = np.zeros(0, dtype="uint64")
        self.weights: list[Any] = []

    def forward(self, model: Model[Any, Any], docs: list[Doc], is_train: bool
                ) -> tuple[list[Floats2d], Any]:
        if is_train:
            return cast(tuple[list[Floats2d], Any], self.compute(model, docs, is_train))
        if not docs:
            return [], _inference_only
        self._forget_if_weights_changed()
        keys = np.concatenate([doc.to_array([ORTH, NORM]).reshape(-1, 2) for doc in docs])
        orths = keys[:, 0].tolist()
        self._add(list(dict.fromkeys(orths)))
        rows = self.rows
        where = np.fromiter((rows[key] for key in orths), dtype=np.int64, count=len(orths))
        output = self.table[where]
        odd = np.flatnonzero(self.norms[where] != keys[:, 1])
        if len(odd):
            output[odd] = self._embed([orths[i] for i in odd], keys[odd, 1].tolist())
        ends = np.cumsum([len(doc) for doc in docs])[:-1]
        return cast(list[Floats2d], np.split(output, ends)), _inference_only

    def _add(self, distinct: list[int]) -> None:
        """Compute and keep the rows of the strings in `distinct` not yet kept."""
        missing = [key for key in distinct if key not in self.rows]
        if len(self.rows) + len(missing) > self.size:
            self.rows, missing = {}, distinct
        if not missing:
            return
        start, end = len(self.rows), len(self.rows) + len(missing)
        if end > len(self.table):  # grow by doubling: each row is copied O(1) times
            size = max(end, min(self.size, 2 * len(self.table)))
            table = np.zeros((size, self.table.shape[1]), dtype="float32")
            table[:start] = self.table[:start]
            norms = np.zeros(size, dtype="uint64")
            norms[:start] = self.norms[:start]
            self.table, self.norms = table, norms
        self.table[start:end] = self._embed(missing)
        self.norms[start:end] = [self.vocab[key].norm for key in missing]
        self.rows.update((key, start + i) for i, key in enumerate(missing))

    def _embed(self, orths: list[int], norms: list[int] | None = None) -> np.ndarray:
        """The layer's rows for these strings (with these NORMs, else the usual ones)."""
        strings = self.vocab.strings
        words = [strings[key] for key in orths]
        padding = max(0, EMBEDDING_MIN_ROWS - len(words))
        doc = Doc(self.vocab, words=words + words[:1] * padding,
                  spaces=[False] * (len(words) + padding))
        for token, norm in zip(doc, norms or (), strict=False):
            token.norm_ = strings[norm]
        output, _ = self.compute(self.node, [doc], False)
        return np.asarray(output[0][:len(words)])

    def _forget_if_weights_changed(self) -> None:
        weights = [node.get_param(name) for node in self.node.walk()
                   for name in node.param_names if node.has_param(name)]
        if len(weights) != len(self.weights) or any(
                a is not b for a, b in zip(weights, self.weights, strict=True)):
            self.rows, self.weights = {}, weights


def _is_maxout_layernorm(node: Model[Any, Any]) -> bool:
    names = [layer.name for layer in node.layers]
    return (names == ["maxout", "layernorm"] and node._func is thinc_chain_forward
            and all(node.layers[0].has_param(p) for p in ("W", "b"))
            and all(node.layers[1].has_param(p) for p in ("G", "b")))


_Forward = Callable[[Model[Any, Any], Floats2d, bool], tuple[Floats2d, Any]]


def _fused_maxout_layernorm(node: Model[Any, Any]) -> _Forward:
    """The forward pass of `node` (a `maxout >> layernorm` chain) at inference; training
    goes through thinc's chain. The matrix product is thinc's own call on thinc's own
    weight layout (BLAS kernels round a value differently by its row or column position
    on some CPUs, so re-ordered weights would not give the same bits); the best piece is
    then taken with `numpy.maximum` over each piece's column view (exact), where thinc
    loops over rows."""
    maxout, layernorm = node.layers

    def forward(model: Model[Any, Any], X: Floats2d, is_train: bool) -> tuple[Floats2d, Any]:
        if is_train:
            return cast(tuple[Floats2d, Any], thinc_chain_forward(model, X, is_train))
        n_out, pieces, n_in = maxout.get_dim("nO"), maxout.get_dim("nP"), maxout.get_dim("nI")
        W = maxout.ops.reshape2f(maxout.get_param("W"), n_out * pieces, n_in)
        scores = maxout.ops.gemm(X, W, trans2=True)  # (rows, n_out * pieces), as thinc's
        scores += maxout.ops.reshape1f(maxout.get_param("b"), n_out * pieces)
        by_piece = np.asarray(scores).reshape(len(scores), n_out, pieces)
        best = np.maximum(by_piece[:, :, 0], by_piece[:, :, 1])
        for piece in range(2, pieces):
            np.maximum(best, by_piece[:, :, piece], out=best)
        # thinc's layer-norm: (X - mean) / sqrt(var + 1e-8) * G + b, var as numpy.var
        centred = best - best.mean(axis=1, keepdims=True)
        variance = np.add.reduce(centred * centred, axis=1, keepdims=True)
        variance = np.true_divide(variance, n_out) + 1e-08
        centred *= variance ** (-1.0 / 2.0)
        centred *= layernorm.get_param("G")
        centred += layernorm.get_param("b")
        return cast(Floats2d, centred), _inference_only

    return forward


def _inference_only(_: Any) -> Any:
    raise NotImplementedError("graphkit's fused layers are for inference only")


def _model_nodes(nlp: Language) -> list[Model[Any, Any]]:
    """Every layer of every component's thinc model."""
    return [node for _name, component in nlp.components
            if isinstance(model := getattr(component, "model", None), Model)
            for node in model.walk()]


class FloretCache:
    """Floret vectors by token key, computed by spaCy's `Vectors.get_batch` once per key
    (the same numbers: each key's vector is the mean of its own n-gram rows)."""

    def __init__(self, vectors: Vectors, size: int = FLORET_CACHE_SIZE) -> None:
        self.vectors = vectors
        self.size = size
        self.rows: dict[int, int] = {}
        self.table = np.zeros((0, vectors.shape[1]), dtype="float32")

    def lookup(self, keys: list[int]) -> np.ndarray:
        """The vectors of `keys` (token hashes), one row per key."""
        distinct = list(dict.fromkeys(keys))
        missing = [key for key in distinct if key not in self.rows]
        if len(self.rows) + len(missing) > self.size:
            self.rows, missing = {}, distinct
        if missing:
            start, end = len(self.rows), len(self.rows) + len(missing)
            if end > len(self.table):  # grow by doubling: each row is copied O(1) times
                grown = np.zeros((max(end, min(self.size, 2 * len(self.table))),
                                  self.table.shape[1]), dtype="float32")
                grown[:start] = self.table[:start]
                self.table = grown
            self.table[start:end] = self.vectors.get_batch(missing)
            self.rows.update((key, start + i) for i, key in enumerate(missing))
        rows = self.rows
        return self.table[np.fromiter((rows[key] for key in keys), dtype=np.int64,
                                      count=len(keys))]


def _cached_static_vectors(model: Model[list[Doc], Ragged], docs: list[Doc], is_train: bool
                           ) -> tuple[Ragged, Any]:
    """spaCy's StaticVectors forward pass for floret tables, with the vectors cached."""
    if is_train or not any(len(doc) for doc in docs):
        return spacy_static_vectors_forward(model, docs, is_train)
    cache = cast(FloretCache, model.attrs["graphkit_floret_cache"])
    attr = getattr(docs[0].vocab.vectors, "attr", ORTH)
    keys = [key for doc in docs for key in doc.to_array(attr).tolist()]
    vectors = cast(Floats2d, cache.lookup(keys))
    weights = cast(Floats2d, model.ops.as_contig(model.get_param("W")))
    output = Ragged(model.ops.gemm(vectors, weights, trans2=True),
                    model.ops.asarray1i([len(doc) for doc in docs]))

    def backprop(_: Ragged) -> list[Doc]:
        raise NotImplementedError("graphkit's cached vectors are for inference only")

    return output, backprop


def one_blas_thread() -> Any:
    """Keep numpy's BLAS to one thread while NER runs: each job is one core's worth of
    work (`--jobs` decides how many cores are used), and a multi-threaded BLAS inside
    several jobs would fight over the same cores. Use it as a context manager, or call it
    for the rest of the process (a worker's life)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")
