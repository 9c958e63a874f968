import networkx as nx
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
