"""The training recipe's helpers (training/ner_data.py, evaluate.py) on small inline examples."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))

import ner_data as nd


def sentence(text: str, *names: tuple[str, str]) -> nd.Sentence:
    spans = [(text.index(name), text.index(name) + len(name), label) for name, label in names]
    return nd.Sentence(text.split(" "), [], text, spans)


SENTENCES = [
    sentence("Presiden Joko Widodo bertemu Vladimir Putin di Moskwa .",
             ("Joko Widodo", "PERSON"), ("Vladimir Putin", "PERSON"), ("Moskwa", "LOC")),
    sentence("Kim Jong Un tiba di Pyongyang kata KCNA .",
             ("Kim Jong Un", "PERSON"), ("Pyongyang", "LOC"), ("KCNA", "ORG")),
    sentence("Bank Indonesia menaikkan suku bunga .", ("Bank Indonesia", "ORG")),
    sentence("Tidak ada nama di kalimat ini ."),
]


def test_mention_replacement_swaps_names_for_others_of_the_same_type():
    names = {label: {s.text[a:b] for s in SENTENCES for a, b, lab in s.spans if lab == label}
             for label in nd.LABELS}
    augmented = nd.mention_replaced(SENTENCES, copies=20, seed=1)
    assert len(augmented) == 20 * 3  # sentences without entities are not copied
    changed = 0
    for new, old in zip(augmented, SENTENCES[:3] * 20, strict=True):
        assert [lab for _, _, lab in new.spans] == [lab for _, _, lab in old.spans]
        for a, b, label in new.spans:
            assert new.text[a:b] in names[label]  # a known name of that type, aligned
        assert new.tokens == new.text.split(" ")
        changed += new.text != old.text
    assert 0 < changed < len(augmented)  # each mention is replaced with probability 0.5
    assert nd.mention_replaced(SENTENCES, copies=20, seed=1) == augmented  # fixed draws


def test_augmented_corpus_names_are_judged_by_their_source_licence():
    assert nd.base_corpus("idner_train_mr2") == "idner_train"
    assert nd.base_corpus("nergrit_train_idconv3_mr1") == "nergrit_train_idconv3"
    assert nd.base_corpus("nerui_train1") == "nerui_train1"
    assert nd.base_corpus("nerui_train1_mr1") not in nd.SHIPPABLE


FORMS = {"presiden": {"presiden": 90, "Presiden": 40}, "kpk": {"KPK": 50, "Kpk": 1},
         "bank": {"bank": 30, "Bank": 10}, "dalam": {"dalam": 500, "Dalam": 2},
         "mandiri": {"mandiri": 20, "Mandiri": 15}, "di": {"di": 900}}


def test_nerp_case_is_restored_from_news_text_names_capitalised():
    tokens = "presiden kunjungi kpk dan bank mandiri di kota zxqville".split()
    tags = ["O", "O", "B-IND", "O", "B-IND", "I-IND", "O", "O", "B-PLC"]
    cased = nd.restore_case(tokens, tags, FORMS)
    # first word capitalised; `presiden` as news writes it; the acronym as news writes it;
    # `bank` lower-case in news but capitalised in a name; an unseen name title-cased
    assert cased == "Presiden kunjungi KPK dan Bank Mandiri di kota Zxqville".split()
    assert nd.restore_case(["dalam", "negeri"], ["O", "O"], FORMS) == ["Dalam", "negeri"]
    assert nd.cased_word("dan", True, FORMS) == "dan"  # a connector stays lower-case in a name


def test_nerp_sentences_repeating_an_evaluation_sentence_are_dropped():
    held = [sentence("Presiden Joko Widodo bertemu Vladimir Putin di Moskwa pada hari Senin ."),
            sentence("Harga cabai naik tajam di pasar Kramat Jati .")]
    nerp = [sentence("presiden joko widodo bertemu vladimir putin di moskwa pada hari senin ."),
            sentence("presiden joko widodo bertemu vladimir putin di moskwa pada senin ."),
            sentence("harga cabai turun di pasar minggu ini karena panen raya ."),
            sentence("harga cabai turun di pasar minggu ini karena panen raya ."),
            sentence("harga cabai naik tajam di pasar kramat jati , kata pedagang .")]
    kept, counts = nd.drop_held_out(nerp, held)
    # a word changed, a word left out, two words added: the same sentence (Jaccard >= 0.8)
    assert [s.text for s in kept] == [nerp[2].text]
    assert counts == {"exact": 1, "near": 2, "repeated": 1}
    assert "nerp_cased" in nd.SHIPPABLE and "nerp_cased_idconv3" in nd.SHIPPABLE


def import_evaluate():
    """training/evaluate.py, without the one-BLAS-thread settings it makes on import."""
    import os

    saved = dict(os.environ)
    try:
        import evaluate  # sets one BLAS thread for this process's children: undone below
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return evaluate


def test_cv_results_of_runs_over_different_folds_merge_only_for_the_same_recipe(tmp_path):
    import json

    evaluate = import_evaluate()

    def run(name: str, folds: list[str], **recipe: object) -> str:
        result = {"folds": {k: {"res": {"ALL": {"f": 80.0 + int(k)}}, "seconds": 1} for k in folds},
                  "train_sets": ["nerui_train.0K*5"], "max_steps": 2400, "members": 3,
                  "distill": {"sents": 24000, "steps": 6000}, "date": f"2026-12-0{len(folds)}",
                  **recipe}
        path = tmp_path / name
        path.write_text(json.dumps(result))
        return str(path)

    first, second = run("a.json", ["1", "2", "3"]), run("b.json", ["4", "5"])
    merged = evaluate.merge_cv_results([first, second])
    assert sorted(merged["folds"]) == ["1", "2", "3", "4", "5"]
    assert merged["folds"]["5"]["res"]["ALL"]["f"] == 85.0
    assert merged["date"] == "2026-12-03" and merged["members"] == 3
    with pytest.raises(SystemExit, match="fold 3 is in two"):
        evaluate.merge_cv_results([first, run("c.json", ["3"])])
    with pytest.raises(SystemExit, match="members differ"):
        evaluate.merge_cv_results([first, run("d.json", ["4"], members=1)])
    # a file from before teacher overrides were recorded had none
    merged = evaluate.merge_cv_results([first, run("e.json", ["4"], teacher_overrides=[])])
    assert sorted(merged["folds"]) == ["1", "2", "3", "4"]
    with pytest.raises(SystemExit, match="teacher_overrides differ"):
        evaluate.merge_cv_results([first, run("f.json", ["4"], teacher_overrides=["x=1"])])


def test_pipeline_spans_are_attributed_to_the_stage_that_made_or_lost_them():
    import pipeline_eval as pe

    text = "Menkopolkam Widodo AS tiba di Seoul ."
    gold = {(12, 21, "PERSON"), (30, 35, "LOC")}
    result = pe.SentenceResult(
        text, gold, bare={(12, 21, "PERSON"), (30, 35, "LOC")},
        full={(0, 18, "PERSON"): "rule", (19, 21, "LOC"): "kb", (30, 35, "LOC"): "kb"})
    counts = pe.count_stages([result])
    assert counts.tp == {"kb": 1} and counts.fp == {"rule": 1, "kb": 1}
    assert counts.fn == {"lost to rule": 1}  # the bare model had 'Widodo AS'
    assert counts.examples["fp rule"] == [f"Menkopolkam Widodo (PERSON) | {text}"]
    missed = pe.SentenceResult(text, gold, bare=set(), full={})
    assert pe.count_stages([missed]).fn == {"model missed": 2}
    # a model span the post-processing changed is the post-processing's
    assert pe.stage_of((12, 18, "PERSON"), "model", result.bare) == "post"
    assert pe.stage_of((12, 21, "PERSON"), "model", result.bare) == "model"
    assert [pe.gold_type(t) for t in ("GPE", "LOC", "EVENT", "MISC")] == ["LOC", "LOC", None, None]


def test_false_positives_the_gold_marks_elsewhere_are_counted_apart():
    import pipeline_eval as pe

    # idner-news-2k marks 'Israel' in one sentence and leaves it unmarked in another
    marked = pe.SentenceResult("Israel menyerang Gaza .", {(0, 6, "LOC"), (17, 21, "LOC")},
                               bare=set(), full={(0, 6, "LOC"): "kb", (17, 21, "LOC"): "kb"})
    unmarked = pe.SentenceResult("Serangan Israel dan Hamas .", set(), bare=set(),
                                 full={(9, 15, "LOC"): "kb", (20, 25, "ORG"): "model"})
    forgiven = pe.marked_elsewhere([marked, unmarked])
    assert forgiven == [set(), {(9, 15, "LOC")}]  # 'Hamas' is marked nowhere: an error
    scores = pe.prf_forgiving([marked, unmarked], forgiven)["ALL"]
    assert (round(scores["p"], 1), scores["r"]) == (66.7, 100.0)


def test_ner_md_keeps_the_previous_cv_section_and_hand_written_notes(tmp_path):
    evaluate = import_evaluate()
    md = tmp_path / "ner.md"
    md.write_text("# NER\n\n## (b) NER-UI 5-fold cross-validation (IndoLEM folds)\n\n"
                  "Mean F1 87.7\n\n## (c) other sets\n\n- x\n\n## Targets\n\n| a |\n\n"
                  "### (e) Notes\n\nby hand\n")
    assert evaluate.kept_sections(md) == ("Mean F1 87.7", "### (e) Notes\n\nby hand")
    assert evaluate.kept_sections(tmp_path / "none.md") == ("", "")
    md.write_text("### (b) NER-UI 5-fold cross-validation\n\n**What this figure means:** x\n\n"
                  "(No CV cache here)\n\nMean F1 87.7\n\n### (c) other sets\n")
    assert evaluate.kept_sections(md) == ("Mean F1 87.7", "")  # kept once, not repeated


def test_the_full_pipeline_s_spans_carry_their_stage_not_their_knowledge_base_id(rules_nlp):
    # since the ruler carries a knowledge-base id in Span.kb_id, the source is Span.id:
    # read from kb_id, every knowledge-base span counted as the model's
    import pipeline_eval as pe

    doc = rules_nlp("Presiden Vladimir Putin tiba di Pyongyang .")
    sources = set(pe.scored_spans(doc.ents).values())
    assert sources and sources <= set(pe.STAGES) and "kb" in sources


def test_nerp_partial_leaves_capitalised_untagged_words_unknown_not_outside(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    forms = {**FORMS, "ppp": {"PPP": 40}, "ketua": {"ketua": 50, "Ketua": 30},
             "partai": {"partai": 60, "Partai": 50}, "demokrat": {"Demokrat": 70}}
    tokens = "ketua ppp bertemu presiden di partai demokrat kpk".split()
    tags = ["O", "O", "O", "O", "O", "O", "O", "B-IND"]
    s = nd.Sentence(nd.restore_case(tokens, tags, forms), tags)
    nd._build_text_and_spans(s)
    assert s.text == "Ketua PPP bertemu presiden di partai Demokrat KPK"
    # runs of words news writes capitalised, outside NERP's entities: `PPP`, `Demokrat`
    assert [s.text[a:b] for a, b in nd.capitalised_unknown(s, forms)] == ["PPP", "Demokrat"]
    s.unknown = nd.capitalised_unknown(s, forms)
    stats: dict = {}
    (doc,) = nd.to_docs(spacy.blank("id"), [s], stats)
    DocBin(docs=[doc]).to_disk(tmp_path / "d.spacy")  # what spacy train reads
    (doc,) = DocBin().from_disk(tmp_path / "d.spacy").get_docs(spacy.blank("id").vocab)
    # ent_iob_ "" = missing: no loss there; "O" = taught as outside
    assert [(t.text, t.ent_iob_) for t in doc] == [
        ("Ketua", "O"), ("PPP", ""), ("bertemu", "O"), ("presiden", "O"), ("di", "O"),
        ("partai", "O"), ("Demokrat", ""), ("KPK", "B")]
    assert stats["unknown"] == 2
    assert "nerp_partial_idconv3" in nd.SHIPPABLE


def test_a_student_s_meta_names_its_teachers_training_sets_when_not_the_default(tmp_path):
    import train

    def teacher(name: str, train_sets: list[str]) -> str:
        folder = tmp_path / name
        folder.mkdir()
        meta = {"graphkit_training": {"train_sets": train_sets, "overrides": {"system.seed": 3}}}
        (folder / "meta.json").write_text(json.dumps(meta))
        return str(folder)

    nerp = [*train.DEFAULT_TRAIN, "nerp_partial_idconv3"]
    default = teacher("default", train.DEFAULT_TRAIN)
    assert train.teacher_recipe(default) == "training/train.py --seed 3"
    assert train.teacher_recipe(teacher("nerp", nerp)) == (
        "training/train.py --seed 3 --train-sets 'idner_train*2' nergrit_train_idconv3 "
        "nergrit_valid_idconv3 nerp_partial_idconv3")
