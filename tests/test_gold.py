"""Linking scores and the hand-made annotation in tests/data/gold: seeds, scorer, gold files."""

import json

import pytest
from conftest import GOLD

from graphkit.evaluate import (
    GoldEntity,
    Probe,
    find_occurrence,
    found_edges,
    gold_edges,
    load_gold,
    load_probes,
    score_linking,
    score_probes,
)
from graphkit.link.names import name_key
from graphkit.types import LinkedMention, Mention


def test_seed_linking_against_the_annotation(seed_build):
    score = score_linking(load_gold(GOLD / "seeds.json"), seed_build.mentions)
    print(f"seeds: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}")
    assert score.f1 >= 0.90, "\n".join(score.errors)
    people = {n for n in score.merged_nodes
              if seed_build.graph.nodes.get(n, {}).get("type") == "PERSON"}
    assert not people, f"distinct people merged: {people}"


def _link(doc, start, text, node, sentence=0):
    mention = Mention(doc, start, start + len(text), text, "PERSON", sentence, "model")
    return LinkedMention(mention, node, "test")


TEXT = "Bambang Soesatyo bertemu Wiranto. Bambang lalu pergi."
GOLD_DOC = {"d": [GoldEntity("Bambang Soesatyo", "PERSON",
                             frozenset({name_key("Bambang Soesatyo"), name_key("Bambang")}),
                             False, ("Bambang Soesatyo", "Bambang")),
                  GoldEntity("Wiranto", "PERSON", frozenset({name_key("Wiranto")}), False,
                             ("Wiranto",))]}
PROBE = Probe("d", 34, 41, "Bambang", "Bambang Soesatyo", "short-form")


def test_false_positives_are_counted_by_kind_and_stage():
    rule = LinkedMention(Mention("d", 25, 32, "bertemu", "PERSON", 0, "rule"), "p:x", "new")
    links = [_link("d", 0, "Bambang Soesatyo", "p:bs"), _link("d", 34, "Bambang", "p:b", 1),
             _link("d", 25, "Wiranto", "p:bs"), rule]
    score = score_linking(GOLD_DOC, links)
    # 'p:bs' holds both people (a merge); 'p:b' is the second node of Bambang Soesatyo
    # (found it: no split); 'p:x' reaches no gold entity (spurious, rules)
    kinds = score.false_positive_kinds
    assert (kinds["merge"], kinds["split"], kinds["spurious: rule"], kinds["spurious: model"]) \
        == (1, 0, 1, 0)
    assert score.false_positives == 2 and score.true_positive_sources == {"model": 1}


def test_a_probe_holds_when_the_short_form_joins_its_full_name():
    links = [_link("d", 0, "Bambang Soesatyo", "p:bs"), _link("d", 25, "Wiranto", "p:w"),
             _link("d", 34, "Bambang", "p:bs", 1)]
    assert score_probes(GOLD_DOC, [PROBE], links).passed == 1


def test_a_probe_fails_when_the_short_form_is_split_missing_or_merged():
    split = [_link("d", 0, "Bambang Soesatyo", "p:bs"), _link("d", 34, "Bambang", "p:b", 1)]
    assert "split" in score_probes(GOLD_DOC, [PROBE], split).failures[0]
    missing = [_link("d", 0, "Bambang Soesatyo", "p:bs")]
    assert "is no mention" in score_probes(GOLD_DOC, [PROBE], missing).failures[0]
    inside = [_link("d", 25, "Wiranto. Bambang", "p:x")]
    assert "inside 'Wiranto. Bambang'" in score_probes(GOLD_DOC, [PROBE], inside).failures[0]
    merged = [_link("d", 0, "Bambang Soesatyo", "p:bs"), _link("d", 25, "Wiranto", "p:bs"),
              _link("d", 34, "Bambang", "p:bs", 1)]
    assert "also holds ['Wiranto']" in score_probes(GOLD_DOC, [PROBE], merged).failures[0]


def test_probes_are_found_at_their_occurrence(tmp_path):
    gold = {"description": "", "documents": [{"doc": "d", "entities": [], "probes": [
        {"surface": "Bambang", "occurrence": 2, "label": "Bambang Soesatyo",
         "why": "short-form"}]}]}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    assert load_probes(path, {"d": TEXT}) == [PROBE]
    assert find_occurrence(TEXT, "Bambang", 3) == -1


def test_gold_edges_pair_entities_in_one_sentence_and_nothing_inside_longer_names():
    entities = GOLD_DOC["d"] + [GoldEntity("Indonesia", "GPE", frozenset({"indonesia"}), False,
                                           ("Indonesia",)),
                                GoldEntity("Bank Indonesia", "ORG", frozenset(), False,
                                           ("Bank Indonesia",))]
    text = "Wiranto ke Bank Indonesia. Bambang di Indonesia."
    edges = gold_edges(entities, text, [(0, 26), (27, len(text))])
    assert edges == {("Bank Indonesia", "Wiranto"), ("Bambang Soesatyo", "Indonesia")}


def test_found_edges_name_spurious_nodes_and_leave_out_optional_ones():
    gold = {"d": GOLD_DOC["d"] + [GoldEntity("Reuters", "ORG", frozenset({"reuters"}), True,
                                             ("Reuters",))]}
    links = [_link("d", 0, "Bambang Soesatyo", "p:bs"), _link("d", 25, "Wiranto", "p:w"),
             _link("d", 30, "Reuters", "o:r"), _link("d", 40, "Pergi", "new:pergi")]
    assert found_edges(gold, links)["d"] == {
        ("Bambang Soesatyo", "Wiranto"), ("<spurious:new:pergi>", "Bambang Soesatyo"),
        ("<spurious:new:pergi>", "Wiranto")}


def test_a_probe_of_a_place_holds_on_its_mention_with_the_unit_word():
    # NER keeps the unit word in the span ('pulau Jawa', as NERGRIT marks it); the probe
    # 'Jawa' asks which node the place links to, so that mention answers it
    gold = {"d": [GoldEntity("Jawa", "LOC", frozenset({"jawa"}), False, ("Jawa",))]}
    probe = Probe("d", 9, 13, "Jawa", "Jawa", "island")
    island = Mention("d", 3, 13, "pulau Jawa", "LOC", 0, "model")
    assert score_probes(gold, [probe], [LinkedMention(island, "place:java", "kb")]).passed == 1
    other = Mention("d", 0, 13, "Di pulau Jawa", "LOC", 0, "model")
    assert not score_probes(gold, [probe], [LinkedMention(other, "place:java", "kb")]).passed


def _check_gold():
    """tests/data/gold/check_gold.py as a module (it is a script beside the gold files)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_gold", GOLD / "check_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _docs(name):
    return [d["doc"] for d in json.loads((GOLD / name).read_text(encoding="utf-8"))["documents"]]


@pytest.mark.parametrize(("name", "size", "other"), [
    ("indosum_broad_test2.json", 16, "indosum_broad_test.json"),  # E: a second test estimate
    ("indosum_broad_dev2.json", 20, "indosum_broad_dev.json"),  # F: more dev evidence
])
def test_a_later_broad_set_shares_no_article_with_the_other_sets(name, size, other):
    check = _check_gold()
    broad = {n: _docs(n) for n in check.BROAD_SETS}
    assert len(broad[name]) == size
    assert check.check_partition({}, broad, _docs("indosum_unseen.json")) == []
    clash = {**broad, name: broad[other][:1]}
    first, second = sorted([other, name], key=list(check.BROAD_SETS).index)
    assert check.check_partition({}, clash) == [
        f"{broad[other][0]}: in more than one set: {first}, {second}"]
    held_out = _docs("indosum_unseen.json")[:1]
    assert check.check_partition({}, {name: held_out}, held_out) == [
        f"{held_out[0]}: in more than one set: indosum_unseen.json, {name}"]


@pytest.mark.parametrize(("name", "good", "bad"), [
    ("indosum_broad_test2.json", {"a": 3, "b": 5}, {"a": 3, "b": 4}),  # test parts: odd
    ("indosum_broad_dev2.json", {"a": 2, "b": 4}, {"a": 2, "b": 5}),  # dev parts: even
])
def test_a_later_broad_set_is_on_its_sides_record_numbers(name, good, bad):
    check = _check_gold()
    docs = {name: ["a", "b"]}
    assert check.check_partition(good, docs) == []
    assert check.check_partition(bad, docs) == [
        f"{name}:b: record {bad['b']} has the wrong parity"]


def test_every_gold_file_passes_check_gold_against_its_texts(capsys):
    # surfaces verbatim in the texts, probes at their occurrences, the partition by record
    # numbers: needs the IndoSum data in ../shared (skipped without it)
    from conftest import ROOT, SHARED

    data = SHARED / "data" / "indosum-dev" / "indosum_dev_folds_union.jsonl.gz"
    if not data.exists():
        pytest.skip("no ../shared IndoSum data")
    status = _check_gold().main(["--seeds", str(ROOT / "seeds"), "--indosum", str(data)])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "indosum_broad_test2.json: 16 documents" in out
    assert "indosum_broad_dev2.json: 20 documents" in out


@pytest.mark.parametrize("name", ["indosum_broad_test2.json", "indosum_broad_dev2.json"])
def test_the_second_parts_probes_load_with_the_scorer(name):
    # graphkit.evaluate reads the probes of sets E and F at the offsets check_gold finds
    # (needs ../shared)
    from conftest import SHARED

    data = SHARED / "data" / "indosum-dev" / "indosum_dev_folds_union.jsonl.gz"
    if not data.exists():
        pytest.skip("no ../shared IndoSum data")
    check = _check_gold()
    path = GOLD / name
    gold = json.loads(path.read_text(encoding="utf-8"))
    records = check.load_records(str(data), _docs(name))
    texts = {doc: check.indosum_text(record) for doc, record in records.items()}
    probes = load_probes(path, texts)
    assert len(probes) == sum(len(d["probes"]) for d in gold["documents"]) > 100
    assert all(texts[p.doc][p.start:p.end] == p.surface for p in probes)
    assert set(load_gold(path)) == set(texts)
