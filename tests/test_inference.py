"""Inference speed-ups change how the pipeline computes, not what it finds."""

import numpy as np
import pytest
import spacy
from spacy.vectors import Vectors
from thinc.api import NumpyOps

import graphkit
from graphkit.ner.config import shipped_model_path
from graphkit.ner.fast.inference import (
    FloretCache,
    cache_token_embeddings,
    fuse_maxout_layernorm,
    one_blas_thread,
    speed_up,
    use_numpy_matrix_products,
)

needs_model = pytest.mark.skipif(not (shipped_model_path() / "config.cfg").is_file(),
                                 reason="no shipped model in this checkout")

TEXTS = [
    "Presiden Rusia Vladimir Putin tiba di Pyongyang pada Rabu dini hari.",
    "Kim Jong Un menyambut Putin di Lapangan Kim Il Sung, kata kantor berita KCNA.",
    "Leif-Eric Easley dari Universitas Ewha di Seoul menyebut pertemuan itu penting.",
    "Pengadilan Kriminal Internasional (ICC) telah mengeluarkan surat perintah penangkapan.",
]


def small_floret_table() -> Vectors:
    strings = spacy.blank("xx").vocab.strings  # (the Indonesian tokenizer costs seconds)
    data = np.random.default_rng(0).standard_normal((50, 6)).astype("float32")
    return Vectors(strings=strings, data=data, mode="floret", minn=2, maxn=3, hash_count=2)


def test_the_floret_cache_returns_spacy_s_vectors():
    vectors = small_floret_table()
    words = ["Putin", "Kim", "di", "Putin", "Pyongyang", "di", "Kim"]
    keys = [vectors.strings.add(w) for w in words]
    cache = FloretCache(vectors)
    first = cache.lookup(keys)
    again = cache.lookup(list(reversed(keys)))
    expected = np.asarray(vectors.get_batch(keys))
    assert first.dtype == np.float32
    assert np.array_equal(first, expected)
    assert np.array_equal(again, expected[::-1])
    assert len(cache.rows) == 4  # one computation per distinct string


def test_the_floret_cache_grows_over_many_batches_and_stays_correct():
    vectors = small_floret_table()
    cache = FloretCache(vectors, size=1000)
    words = [f"kata{i}" for i in range(60)]
    for start in range(0, 60, 7):  # batches that overlap the words already cached
        keys = [vectors.strings.add(w) for w in words[max(0, start - 3):start + 7]]
        assert np.array_equal(cache.lookup(keys), np.asarray(vectors.get_batch(keys)))
    assert len(cache.rows) == 60 and len(cache.table) >= 60


def test_a_full_floret_cache_starts_again_and_stays_correct():
    vectors = small_floret_table()
    cache = FloretCache(vectors, size=3)
    first = [vectors.strings.add(w) for w in ["a", "b", "c"]]
    second = [vectors.strings.add(w) for w in ["d", "a"]]
    cache.lookup(first)
    assert np.array_equal(cache.lookup(second), np.asarray(vectors.get_batch(second)))
    assert len(cache.rows) == 2


def small_tok2vec_pipeline(attrs: tuple[str, ...] = ("NORM", "SHAPE"), vectors: bool = False
                           ) -> spacy.language.Language:
    """A blank pipeline with spaCy's CNN tok2vec (maxout + layer-norm in the embedding and
    in every encoder layer), random weights; with a small floret table if `vectors`."""
    nlp = spacy.blank("xx")  # the Indonesian tokenizer (~16k special cases) costs seconds
    if vectors:
        data = np.random.default_rng(1).standard_normal((50, 8)).astype("float32")
        nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=data, mode="floret",
                                    minn=2, maxn=3, hash_count=2)
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 16,
                  "attrs": list(attrs), "rows": [500] * len(attrs),
                  "include_static_vectors": vectors},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 16,
                   "depth": 2, "window_size": 1, "maxout_pieces": 3}}})
    nlp.initialize()
    use_numpy_matrix_products(nlp)
    random = np.random.default_rng(0)
    for node in nlp.get_pipe("tok2vec").model.walk():  # no zero biases or unit gains
        for name in {"maxout": ["b"], "layernorm": ["G", "b"]}.get(node.name, []):
            node.set_param(name, random.standard_normal(node.get_param(name).shape)
                           .astype("float32"))
    return nlp


def test_fused_maxout_layernorm_computes_thinc_s_numbers_bit_for_bit():
    nlp = small_tok2vec_pipeline()
    tok2vec = nlp.get_pipe("tok2vec").model
    docs = [nlp.make_doc(t) for t in TEXTS] + [nlp.make_doc("")]
    expected = tok2vec.predict(docs)
    fuse_maxout_layernorm(nlp)
    fused = [node for node in tok2vec.walk() if node.name == "maxout>>layernorm"]
    assert len(fused) == 3 and all(node._func.__name__ == "forward" and
                                   node._func.__module__ == "graphkit.ner.fast.inference"
                                   for node in fused)
    got = tok2vec.predict(docs)
    assert all(np.array_equal(a, b) for a, b in zip(got, expected, strict=True))
    assert not np.array_equal(got[0], np.zeros_like(got[0]))


def test_fused_maxout_layernorm_follows_new_weights_and_trains_with_thinc():
    nlp = small_tok2vec_pipeline()
    fuse_maxout_layernorm(nlp)
    tok2vec = nlp.get_pipe("tok2vec").model
    docs = [nlp.make_doc(t) for t in TEXTS]
    before = tok2vec.predict(docs)
    maxout = next(node for node in tok2vec.walk() if node.name == "maxout")
    maxout.set_param("W", maxout.get_param("W") * 2)  # what an optimizer step does
    after = tok2vec.predict(docs)
    assert not np.array_equal(after[0], before[0])
    _, backprop = tok2vec.begin_update(docs)  # thinc's own layers, with gradients
    backprop([np.ones_like(y) for y in after])
    assert maxout.has_grad("W")


def docs_with_an_odd_norm(nlp: spacy.language.Language) -> list[spacy.tokens.Doc]:
    docs = [nlp.make_doc(t) for t in TEXTS + ["Putin Putin di Pyongyang", ""]]
    docs[-2][1].norm_ = "vladimir"  # one 'Putin' with another NORM (a tokenizer exception's)
    return docs


def same_rows_as_the_layer(got, expected) -> bool:
    """The layer's own numbers, up to BLAS rounding: on some CPUs (AVX2 OpenBLAS kernels,
    measured) a product's row is rounded differently by its position in the batch, in
    spaCy's own batches as much as in the cache's."""
    return all(a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-5)
               for a, b in zip(got, expected, strict=True))


def rows_by_string(docs, arrays, norms: bool = True) -> dict:
    """Every distinct (string, NORM) with every row computed for it."""
    rows: dict = {}
    for doc, array in zip(docs, arrays, strict=True):
        for token, row in zip(doc, array, strict=True):
            rows.setdefault((token.orth, token.norm if norms else 0), []).append(row)
    return rows


@pytest.mark.parametrize("vectors", [False, True])
def test_cached_token_embeddings_are_the_layer_s_own_numbers(vectors):
    nlp = small_tok2vec_pipeline(vectors=vectors)
    embedding = nlp.get_pipe("tok2vec").model.layers[0]
    docs = docs_with_an_odd_norm(nlp)
    expected = embedding.predict(docs * 8)[:len(docs)]
    cache_token_embeddings(nlp)
    cache = embedding.attrs["graphkit_embedding_cache"]
    first = embedding.predict(docs)  # computed
    assert same_rows_as_the_layer(first, expected)
    again = embedding.predict(list(reversed(docs)))[::-1]  # looked up
    assert all(np.array_equal(a, b) for a, b in zip(again, first, strict=True))
    for rows in rows_by_string(docs, first).values():  # one row per string, bit for bit
        assert all(np.array_equal(row, rows[0]) for row in rows)
    assert len(cache.rows) == len({t.orth for doc in docs for t in doc})  # once per string
    assert not np.array_equal(first[-2][0], first[-2][1])  # the odd NORM made its own row
    assert embedding.predict([]) == []


def test_cached_token_embeddings_start_again_when_full_follow_new_weights_and_train():
    nlp = small_tok2vec_pipeline()
    embedding = nlp.get_pipe("tok2vec").model.layers[0]
    docs = docs_with_an_odd_norm(nlp)
    expected = embedding.predict(docs * 8)[:len(docs)]
    cache_token_embeddings(nlp)
    cache = embedding.attrs["graphkit_embedding_cache"]
    cache.size = 12  # fewer strings than the docs hold: it starts again
    got = [embedding.predict([doc])[0] for doc in docs]
    assert same_rows_as_the_layer(got, expected)
    assert len(cache.rows) <= max(12, max(len({t.orth for t in doc}) for doc in docs))
    hashembed = next(node for node in embedding.walk() if node.name == "hashembed")
    hashembed.set_param("E", hashembed.get_param("E") * 2)  # what an optimizer step does
    after = embedding.predict(docs)
    uncached, _ = cache.compute(embedding, docs * 8, False)
    assert same_rows_as_the_layer(after, uncached[:len(docs)])
    assert not np.allclose(after[0], got[0], rtol=1e-3, atol=1e-3)
    _, backprop = embedding.begin_update(docs)  # thinc's own layers, with gradients
    backprop([np.ones_like(y) for y in after])
    assert hashembed.has_grad("E")


def test_an_embedding_of_other_token_attributes_is_not_cached():
    nlp = small_tok2vec_pipeline(attrs=("NORM", "TAG"))
    cache_token_embeddings(nlp)
    assert not any("graphkit_embedding_cache" in node.attrs
                   for node in nlp.get_pipe("tok2vec").model.walk())


@needs_model
def test_the_sped_up_model_finds_what_spacy_s_own_code_finds():
    plain = spacy.load(shipped_model_path())
    fast = speed_up(spacy.load(shipped_model_path()))
    assert all(isinstance(node.ops, NumpyOps) and not node.ops.use_blis
               for node in fast.get_pipe("tok2vec").model.walk())
    for slow_doc, fast_doc in zip(plain.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert [(e.start, e.end, e.label_) for e in fast_doc.ents] == \
               [(e.start, e.end, e.label_) for e in slow_doc.ents]
        assert np.allclose(fast_doc.tensor, slow_doc.tensor, atol=1e-4)
        assert not np.array_equal(fast_doc.tensor, np.zeros_like(fast_doc.tensor))


@needs_model
def test_training_a_sped_up_pipeline_still_uses_spacy_s_own_layers():
    nlp = speed_up(spacy.load(shipped_model_path()))
    tok2vec = nlp.get_pipe("tok2vec").model
    docs = [nlp.make_doc(t) for t in TEXTS]
    predicted = tok2vec.predict(docs)
    trained, backprop = tok2vec.begin_update(docs)  # spaCy's forward pass (dropout on)
    assert len(trained) == len(predicted) and callable(backprop)


@needs_model
def test_graphkit_s_pipeline_is_sped_up():
    nlp = graphkit.load_pipeline(with_kb=False, propose=False)
    nodes = list(nlp.get_pipe("tok2vec").model.walk())
    assert all(not node.ops.use_blis for node in nodes)
    assert any("graphkit_embedding_cache" in node.attrs for node in nodes)
    assert not any("graphkit_floret_cache" in node.attrs for node in nodes)  # inside it
    assert sum(node._func.__module__ == "graphkit.ner.fast.inference"
               for node in nodes if node.name == "maxout>>layernorm") == 5


def test_one_blas_thread_limits_numpy_s_blas_while_it_is_on():
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads() -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info()
                if pool["user_api"] == "blas"}

    with threadpool_limits(limits=2, user_api="blas"):
        if not blas_threads():
            pytest.skip("numpy has no BLAS that threadpoolctl can see")
        assert blas_threads() == {2}
        with one_blas_thread():
            assert blas_threads() == {1}
        assert blas_threads() == {2}
