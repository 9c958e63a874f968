import math

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from graphkit.cooccur import count_cooccurrences
from graphkit.types import Document, Extraction, LinkedMention, Mention, Sentence


def make(doc_id, windows):
    """An extraction whose sentence i mentions the entities in windows[i]."""
    sentences = tuple(Sentence(i, 0, 0, i // 2, "") for i in range(len(windows)))
    mentions = [LinkedMention(Mention(doc_id, 0, 1, e, "PERSON", i, "kb"), e, "kb")
                for i, ents in enumerate(windows) for e in ents]
    return Extraction(Document(doc_id, ""), sentences, tuple(m.mention for m in mentions)), mentions


def test_pairs_counted_once_per_window_without_self_loops():
    ex1, m1 = make("d1", [["a", "b", "a"], ["a", "b", "c"], ["c"]])
    ex2, m2 = make("d2", [["b", "c"]])
    counts = count_cooccurrences([ex1, ex2], m1 + m2)
    assert {k: v.weight for k, v in counts.pairs.items()} == {
        ("a", "b"): 2, ("a", "c"): 1, ("b", "c"): 2}
    assert counts.pairs[("b", "c")].documents == {"d1", "d2"}
    assert counts.total_windows == 4


def test_matches_networkx_weighted_projection():
    windows = [["a", "b"], ["a", "b", "c"], ["d"], ["c", "d", "a"]]
    ex, mentions = make("d", windows)
    counts = count_cooccurrences([ex], mentions)
    bg = nx.Graph()
    for i, ents in enumerate(windows):
        bg.add_edges_from((("w", i), e) for e in ents)
    projected = bipartite.weighted_projected_graph(bg, ["a", "b", "c", "d"])
    assert {tuple(sorted(e)): d["weight"] for *e, d in projected.edges(data=True)} == {
        k: v.weight for k, v in counts.pairs.items()}


def test_npmi_is_bounded_and_windows_can_be_paragraphs():
    ex, mentions = make("d", [["a"], ["b"], ["a", "b"], ["c"]])
    sentence = count_cooccurrences([ex], mentions)
    assert -1 <= sentence.npmi("a", "b") <= 1
    paragraph = count_cooccurrences([ex], mentions, window="paragraph")
    assert paragraph.pairs[("a", "b")].weight == 2 and paragraph.total_windows == 2
    document = count_cooccurrences([ex], mentions, window="document")
    assert document.pairs[("a", "b")].weight == 1 and document.npmi("a", "b") == 1.0


def test_dice_jaccard_and_g2():
    ex, mentions = make("d", [["a", "b"], ["a", "b"], ["a"], ["c"], ["b", "c"]])
    counts = count_cooccurrences([ex], mentions)
    # a in 3 windows, b in 3, both in 2, of 5
    assert counts.dice("a", "b") == round(2 * 2 / 6, 6)
    assert counts.jaccard("b", "a") == 0.5
    observed = (2, 1, 1, 1)  # both, only a, only b, neither; n = 5
    expected = (9 / 5, 6 / 5, 6 / 5, 4 / 5)
    g2 = 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected, strict=True))
    assert counts.g2("a", "b") == pytest.approx(g2, abs=1e-6)
    # G² of an exact independence table is 0; a strong tie scores high
    ex, mentions = make("e", [["a", "b"], ["a"], ["b"], []])
    assert count_cooccurrences([ex], mentions).g2("a", "b") == 0.0
    ex, mentions = make("f", [["a", "b"]] * 4 + [["c"]] * 4)
    assert count_cooccurrences([ex], mentions).g2("a", "b") > 10


def test_scores_are_each_pairs_own_when_tables_are_shared():
    # a-b and c-d have the same 2x2 table (scored once), e-f another one
    ex, mentions = make("d", [["a", "b"], ["c", "d"], ["e", "f"], ["e"], []])
    counts = count_cooccurrences([ex], mentions)
    for a, b in [("a", "b"), ("c", "d"), ("e", "f"), ("a", "b")]:
        assert counts.scores(a, b) == (counts.npmi(a, b), counts.dice(a, b),
                                       counts.jaccard(a, b), counts.g2(a, b))
    assert counts.scores("a", "b") == counts.scores("c", "d")
    assert counts.scores("e", "f") != counts.scores("a", "b")
