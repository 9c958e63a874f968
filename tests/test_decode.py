"""graphkit's batch NER decoding makes exactly spaCy's decisions, faster."""

import random

import numpy as np
import pytest
import spacy
from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc
from spacy.training import Example

import graphkit
from graphkit.ner.config import shipped_model_path
from graphkit.ner.fast.decode import FastEntityRecognizer, can_decode
from graphkit.ner.fast.inference import decode_ner_in_batches

WORDS = ["Presiden", "Putin", "tiba", "di", "Pyongyang", ".", "Kim", "Jong", "Un", ",",
         "menyambut", "Leif-Eric", "Easley", "dari", "Seoul", "ICC", "(", ")", "kata",
         "\n", "  ", "Rusia", "dan", "Korea", "Utara", "?", "2024"]


def untrained_ner(seed: int, scale: float,
                  labels: tuple[str, ...] = ("PERSON", "ORG", "LOC")) -> spacy.Language:
    """A blank pipeline with a randomly initialised NER (its weights scaled up
    so that it predicts many entities of every kind) and a sentencizer before it."""
    nlp = spacy.blank("xx")  # the Indonesian tokenizer's ~16k special cases cost seconds
    nlp.add_pipe("sentencizer")
    ner = nlp.add_pipe("ner", config={"model": {"hidden_width": 16, "maxout_pieces": 2,
                                                "tok2vec": {
                                                    "@architectures": "spacy.HashEmbedCNN.v2",
                                                    "pretrained_vectors": None, "width": 24,
                                                    "depth": 2, "embed_size": 500,
                                                    "window_size": 1, "maxout_pieces": 2,
                                                    "subword_features": True}}})
    for label in labels:
        ner.add_label(label)
    nlp.initialize()
    rng = np.random.default_rng(seed)
    for node in ner.model.walk():
        for name in node.param_names:
            param = node.get_param(name)
            node.set_param(name, (rng.standard_normal(param.shape) * scale).astype("float32"))
    return nlp


def random_docs(nlp: spacy.Language, seed: int, count: int) -> list[Doc]:
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.choice([0, 1, 2, 5, 30, 120])))
             for _ in range(count)]
    return [nlp.get_pipe("sentencizer")(nlp.make_doc(text)) for text in texts]


def annotations(docs: list[Doc]) -> list[tuple[list[tuple[int, int, str]], bytes]]:
    return [([(e.start, e.end, e.label_) for e in doc.ents],
             doc.to_array([ENT_IOB, ENT_TYPE]).tobytes()) for doc in docs]


@pytest.mark.parametrize(("seed", "scale"), [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0)])
def test_batch_decoding_finds_what_spacy_s_loop_finds(seed, scale):
    nlp = untrained_ner(seed, scale)
    ner = nlp.get_pipe("ner")
    docs = random_docs(nlp, seed, 120)
    expected = annotations(list(ner.pipe([d.copy() for d in docs], batch_size=16)))
    found = annotations(list(FastEntityRecognizer(ner).pipe(docs, batch_size=16)))
    assert found == expected
    assert sum(len(ents) for ents, _ in found) > 50  # the check has entities to compare
    labels = {label for ents, _ in found for _, _, label in ents}
    assert len(labels) >= 2
    assert any(end - start >= 3 for ents, _ in found for start, end, _ in ents)  # B, I, L


def test_documents_come_back_in_order_and_one_at_a_time_too():
    nlp = untrained_ner(5, 2.0)
    ner = nlp.get_pipe("ner")
    fast = FastEntityRecognizer(ner)
    docs = random_docs(nlp, 5, 40)
    piped = list(fast.pipe(docs, batch_size=7))
    assert [d.text for d in piped] == [d.text for d in docs]
    one = [fast(d.copy()) for d in docs]
    assert annotations(one) == annotations(piped) == annotations(
        list(ner.pipe([d.copy() for d in docs])))


def test_preset_entities_are_left_to_spacy():
    nlp = untrained_ner(6, 2.0)
    ner = nlp.get_pipe("ner")
    docs = random_docs(nlp, 6, 10)
    docs[3] = nlp.make_doc("Presiden Putin tiba di Pyongyang")
    docs[3].set_ents([docs[3].char_span(9, 14, label="PERSON")], default="missing")
    expected = annotations(list(ner.pipe([d.copy() for d in docs])))
    assert annotations(list(FastEntityRecognizer(ner).pipe(docs))) == expected
    assert "PERSON" in {label for _, _, label in expected[3][0]}


def test_entity_types_or_kb_ids_without_iob_are_left_to_spacy():
    nlp = untrained_ner(9, 2.0)
    ner = nlp.get_pipe("ner")
    docs = random_docs(nlp, 9, 12)
    docs[2] = nlp.get_pipe("sentencizer")(nlp.make_doc("Putin tiba di Pyongyang hari ini"))
    docs[2][1].ent_type_ = "LOC"  # a type, IOB still 0
    docs[4] = nlp.get_pipe("sentencizer")(nlp.make_doc("Kim Jong Un menyambut Putin"))
    docs[4][0].ent_kb_id_ = "Q1"
    expected = annotations(list(ner.pipe([d.copy() for d in docs])))
    assert annotations(list(FastEntityRecognizer(ner).pipe(docs))) == expected


def test_weights_loaded_after_wrapping_are_used():
    nlp, other = untrained_ner(10, 2.0), untrained_ner(11, 2.0)
    fast = FastEntityRecognizer(nlp.get_pipe("ner"))
    docs = random_docs(nlp, 10, 30)
    before = annotations(list(fast.pipe([d.copy() for d in docs])))
    fast.from_bytes(other.get_pipe("ner").to_bytes())  # delegated to spaCy's component
    expected = annotations(list(other.get_pipe("ner").pipe([d.copy() for d in docs])))
    assert annotations(list(fast.pipe(docs))) == expected != before


def test_scores_that_could_overflow_are_left_to_spacy():
    nlp = untrained_ner(12, 2.0)
    ner = nlp.get_pipe("ner")
    upper = ner.model.get_ref("upper")
    bias = upper.get_param("b").copy()
    bias[0] = np.nan
    upper.set_param("b", bias)
    docs = random_docs(nlp, 12, 20)
    expected = annotations(list(ner.pipe([d.copy() for d in docs])))
    assert annotations(list(FastEntityRecognizer(ner).pipe(docs))) == expected


def test_the_stand_in_copies_and_pickles():
    import copy
    import pickle

    fast = FastEntityRecognizer(untrained_ner(14, 1.0).get_pipe("ner"))
    assert copy.copy(fast).ner is fast.ner
    assert set(pickle.loads(pickle.dumps(fast)).labels) == {"PERSON", "ORG", "LOC"}


def test_components_it_cannot_decode_stay_spacy_s():
    nlp = untrained_ner(7, 1.0)
    nlp.get_pipe("ner").cfg["beam_width"] = 4  # beam search: not greedy
    assert not can_decode(nlp.get_pipe("ner"))
    decode_ner_in_batches(nlp)
    assert type(nlp.get_pipe("ner")).__name__ == "EntityRecognizer"


def test_the_stand_in_is_the_component_for_everything_else():
    nlp = untrained_ner(8, 1.0)
    decode_ner_in_batches(nlp)
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, FastEntityRecognizer)
    assert set(ner.labels) == {"PERSON", "ORG", "LOC"}
    assert ner.is_trainable and ner.model is ner.ner.model
    assert nlp.pipe_names == ["sentencizer", "ner"]
    example = Example.from_dict(nlp.make_doc("Putin tiba di Pyongyang"),
                                {"entities": [(0, 5, "PERSON"), (14, 23, "LOC")]})
    weights = ner.model.get_ref("upper").get_param("W").copy()
    losses = nlp.update([example], sgd=nlp.create_optimizer())  # spaCy's component learns
    assert "ner" in losses
    assert not np.array_equal(weights, ner.model.get_ref("upper").get_param("W"))
    assert nlp.to_bytes()  # serialised through the wrapped component


@pytest.mark.skipif(not (shipped_model_path() / "config.cfg").is_file(),
                    reason="no shipped model in this checkout")
def test_the_shipped_model_decodes_the_same_in_batches():
    nlp = graphkit.load_pipeline(with_kb=False, propose=False)
    fast = nlp.get_pipe("ner")
    assert isinstance(fast, FastEntityRecognizer)
    texts = ["Presiden Rusia Vladimir Putin tiba di Pyongyang pada Rabu dini hari.\n"
             "Kim Jong Un menyambut Putin di Lapangan Kim Il Sung.",
             "Leif-Eric Easley dari Universitas Ewha di Seoul menyebut pertemuan itu penting.",
             "", "Jakarta", "Pengadilan Kriminal Internasional (ICC) di Den Haag, Belanda."] * 3
    docs = list(nlp.pipe(texts, disable=["ner", "graphkit_entities"]))  # tensors set
    expected = annotations(list(fast.ner.pipe([d.copy() for d in docs])))
    assert annotations(list(fast.pipe(docs))) == expected
    labels = {label for ents, _ in expected for _, _, label in ents}
    assert labels == {"PERSON", "ORG", "LOC"}


def test_the_overflow_bound_sees_large_negative_values_and_nan():
    from types import SimpleNamespace

    from graphkit.ner.fast.decode import _scores_are_finite

    plan = SimpleNamespace(score_gain=2.0, score_bias=1.0)
    bias = np.zeros(4, dtype=np.float32)
    small = np.full((3, 3, 2, 2), -0.5, dtype=np.float32)
    assert _scores_are_finite(plan, small, bias)
    for value in (-3.0e38, 3.0e38, np.nan, -np.inf):
        lower = small.copy()
        lower[1, 2, 0, 1] = value
        assert not _scores_are_finite(plan, lower, bias), value


def class_names(ner):
    return [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]


def spacy_ensemble(ners, docs):
    """Reference ensemble decoding with spaCy's own transition code: at each step every
    unfinished state takes the best valid move on the members' summed scores, each
    member's scores taken move by move in the first model's order of moves."""
    first = ners[0]
    states = first.moves.init_batch(docs)
    steps = [ner.model.predict(docs) for ner in ners]
    orders = [[class_names(ner).index(name) for name in class_names(first)] for ner in ners]
    todo = [state for state in states if not state.is_final()]
    while todo:
        scores = sum(step.predict(todo)[:, order]
                     for step, order in zip(steps, orders, strict=True))
        first.transition_states(todo, np.ascontiguousarray(scores, dtype="float32"))
        todo = [state for state in todo if not state.is_final()]
    first.set_annotations(docs, states)
    return docs


@pytest.mark.parametrize(("seeds", "scale"), [((20, 21), 1.0), ((22, 23, 24), 2.0)])
def test_an_ensemble_takes_spacy_s_moves_on_the_summed_scores(seeds, scale):
    ners = [untrained_ner(seed, scale).get_pipe("ner") for seed in seeds]
    docs = random_docs(untrained_ner(seeds[0], scale), seeds[0], 80)
    expected = annotations(spacy_ensemble(ners, [d.copy() for d in docs]))
    alone = annotations(list(ners[0].pipe([d.copy() for d in docs])))
    found = annotations(list(FastEntityRecognizer(ners[0], ners[1:]).pipe(docs, batch_size=16)))
    assert found == expected != alone  # the members change the decisions
    assert sum(len(ents) for ents, _ in found) > 50


def test_members_that_number_the_moves_otherwise_add_up_move_by_move():
    # models trained on other data number the same moves in another order ('B-LOC' first
    # or 'B-PERSON' first): an ensemble of them must add each move's scores, not each
    # position's (the distillation teachers of 2026-12-07 were silently one model)
    first = untrained_ner(40, 1.0).get_pipe("ner")
    other = untrained_ner(41, 1.0, labels=("LOC", "PERSON", "ORG")).get_pipe("ner")
    assert class_names(first) != class_names(other)
    assert sorted(class_names(first)) == sorted(class_names(other))
    docs = random_docs(untrained_ner(40, 1.0), 40, 80)
    expected = annotations(spacy_ensemble([first, other], [d.copy() for d in docs]))
    found = annotations(list(FastEntityRecognizer(first, [other]).pipe(docs, batch_size=16)))
    assert found == expected
    assert sum(len(ents) for ents, _ in found) > 50


def ensemble_pipeline(meta_members):
    nlp, other = untrained_ner(30, 1.0), untrained_ner(31, 1.0)
    nlp.add_pipe("ner", name="ner_member1", source=other)
    nlp.meta["graphkit_ensemble"] = {"ner": meta_members}
    return nlp, other


def test_members_declared_in_the_meta_are_switched_off_and_decoded_with_ner():
    nlp, other = ensemble_pipeline(["ner_member1"])
    docs = random_docs(nlp, 30, 40)
    expected = annotations(spacy_ensemble([nlp.get_pipe("ner"), other.get_pipe("ner")],
                                          [d.copy() for d in docs]))
    decode_ner_in_batches(nlp)
    assert nlp.pipe_names == ["sentencizer", "ner"]  # plain spaCy would run ner alone
    fast = nlp.get_pipe("ner")
    assert isinstance(fast, FastEntityRecognizer)
    assert fast.members == (nlp.get_pipe("ner_member1"),)
    assert annotations(list(nlp.pipe([d.text for d in docs]))) == expected


def test_members_with_other_moves_are_not_used(caplog):
    nlp, _ = ensemble_pipeline(["ner_member1"])
    nlp.get_pipe("ner_member1").add_label("EVENT")
    assert not can_decode(nlp.get_pipe("ner"), [nlp.get_pipe("ner_member1")])
    decode_ner_in_batches(nlp)
    assert nlp.get_pipe("ner").members == ()
    assert "cannot be decoded" in caplog.text


@pytest.mark.parametrize("declared", [["ner_member9"], "ner_member1", [3]])
def test_a_wrong_ensemble_declaration_is_a_model_error(declared):
    from graphkit.errors import ModelError

    nlp, _ = ensemble_pipeline(declared)
    with pytest.raises(ModelError, match="graphkit_ensemble"):
        decode_ner_in_batches(nlp)
