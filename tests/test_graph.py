"""Graph analytics: edge scores, dates, evidence, node metrics, communities, filters."""

import doctest
import os
import subprocess
import sys
from collections import Counter

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

import graphkit.filters
import graphkit.graph
import graphkit.metrics
from graphkit.errors import GraphkitError
from graphkit.filters import filter_graph
from graphkit.graph import DOCUMENT_DATES, EVIDENCE_PER_EDGE, EVIDENCE_TEXT
from graphkit.metrics import add_metrics, betweenness, communities, disparity, pagerank


def test_doctests():
    assert doctest.testmod(graphkit.graph).failed == 0
    assert doctest.testmod(graphkit.metrics).failed == 0
    assert doctest.testmod(graphkit.filters).failed == 0


def test_seed_edges_carry_scores_dates_and_evidence(seed_build):
    graph = seed_build.graph
    for _, _, d in graph.edges(data=True):
        assert -1 <= d["npmi"] <= 1 and 0 < d["dice"] <= 1 and 0 < d["jaccard"] <= d["dice"]
        assert d["g2"] >= 0 and 0 <= d["disparity"] <= 1
        assert 1 <= len(d["evidence"]) <= EVIDENCE_PER_EDGE
        assert d["evidence"] == d["sentences"][:EVIDENCE_PER_EDGE]
        assert len(d["sentences"]) == d["weight"]
        assert d["first_date"] <= d["last_date"]
    edge = graph.edges[seed_build.node("Putin"), seed_build.node("Kim Jong Un")]
    assert (edge["first_date"], edge["last_date"]) == ("2024-06-27", "2024-10-10")
    texts = graph.graph[EVIDENCE_TEXT]
    assert all(texts[ref] for ref in edge["evidence"])
    assert graph.graph[DOCUMENT_DATES]["000_6ddc3e2aa6a6e817.txt"] == "2024-06-27"
    # every sentence ref has its text once (graph.html pages through them all); refs are
    # shared strings, not copies per edge
    refs = {ref for _, _, d in graph.edges(data=True) for ref in d["sentences"]}
    assert refs == set(texts) and all(texts[ref] for ref in refs)
    by_value = {}
    for _, _, d in graph.edges(data=True):
        for ref in d["sentences"]:
            assert by_value.setdefault(ref, ref) is ref


def test_seed_node_metrics(seed_build):
    graph = seed_build.graph
    ranks = nx.get_node_attributes(graph, "pagerank")
    assert sum(ranks.values()) == pytest.approx(1.0, abs=1e-4)
    top = max(ranks, key=ranks.get)
    assert graph.nodes[top]["type"] in {"PERSON", "GPE"}
    for node, d in graph.nodes(data=True):
        assert d["weighted_degree"] == sum(w for *_, w in graph.edges(node, data="weight"))
        assert d["degree"] == graph.degree(node) and 0 <= d["betweenness"] <= 1
        assert isinstance(d["community"], int)
    putin, kim = seed_build.node("Putin"), seed_build.node("Kim Jong Un")
    assert graph.nodes[putin]["community"] == graph.nodes[kim]["community"]


def test_pagerank_matches_networkx():
    graph = nx.les_miserables_graph()
    ours = pagerank(graph)
    theirs = _pagerank_python(graph, weight="weight", tol=1e-12)
    assert max(abs(ours[n] - theirs[n]) for n in graph) < 1e-6


def _named(graph, width=4):
    return nx.relabel_nodes(graph, {n: f"n{n:0{width}d}" for n in graph})


@pytest.mark.parametrize("graph", [nx.les_miserables_graph(), _named(nx.karate_club_graph()),
                                   _named(nx.gnm_random_graph(300, 700, seed=3)),
                                   _named(nx.path_graph(2)), nx.Graph()])
def test_betweenness_is_networkx_unweighted_exact_and_sampled(graph):
    ours = betweenness(graph)
    theirs = nx.betweenness_centrality(graph)  # hop counts: weights are not distances
    assert all(abs(ours[n] - theirs[n]) < 1e-9 for n in graph)
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph))
    ordered.add_edges_from(graph.edges)
    if len(ordered) > 10:  # sampled: the same pivots as networkx's k-sampling with the seed
        sampled = betweenness(ordered, exact=10, pivots=10)
        theirs = nx.betweenness_centrality(ordered, k=10, seed=42)
        assert all(abs(sampled[n] - theirs[n]) < 1e-9 for n in graph)
        assert sampled == betweenness(ordered.copy(), exact=10, pivots=10)


def test_betweenness_ignores_weights():
    graph = nx.Graph([("a", "b", {"weight": 9}), ("b", "c", {"weight": 1}),
                      ("a", "c", {"weight": 1})])
    assert betweenness(graph) == {"a": 0.0, "b": 0.0, "c": 0.0}


def test_metrics_match_the_per_edge_definitions():
    graph = _named(nx.gnm_random_graph(80, 300, seed=5))
    for a, b, data in graph.edges(data=True):
        data["weight"] = 1 + (int(a[1:]) + int(b[1:])) % 4
    add_metrics(graph)
    for a, b, data in graph.edges(data=True):
        assert data["disparity"] == round(disparity(graph, a, b), 6)
    for node, data in graph.nodes(data=True):
        assert data["degree"] == graph.degree(node)
        assert data["weighted_degree"] == graph.degree(node, weight="weight")


def test_louvain_finds_planted_groups_on_every_edge():
    graph = _named(nx.planted_partition_graph(4, 25, 0.5, 0.01, seed=3))
    for _, _, data in graph.edges(data=True):
        data["weight"] = 1
    found = communities(graph)
    truth = {f"n{i:04d}": i // 25 for i in range(100)}
    same = sum((found[a] == found[b]) == (truth[a] == truth[b])
               for a in graph for b in graph if a < b)
    assert same / (100 * 99 / 2) > 0.95  # agrees with the planted partition on pairs
    assert set(found.values()) == set(range(len(set(found.values()))))
    assert communities(graph) == found


def test_metrics_do_not_depend_on_the_hash_seed():
    script = ("import networkx as nx, graphkit.metrics as g\n"
              "h = nx.relabel_nodes(nx.gnm_random_graph(2500, 6000, seed=1), str)\n"
              "w = {e: 1 + sum(map(int, e)) % 3 for e in h.edges}\n"
              "nx.set_edge_attributes(h, w, 'weight')\n"
              "m = g.add_metrics(h)\n"
              "print(sorted(m.nodes(data=True)))")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")}
    assert len(outputs) == 1 and "betweenness" in outputs.pop()


def test_communities_are_deterministic_and_numbered_by_size():
    graph = nx.relabel_nodes(nx.karate_club_graph(), str)
    first, second = communities(graph), communities(graph.copy())
    assert first == second
    sizes = [list(first.values()).count(c) for c in range(max(first.values()) + 1)]
    assert sizes == sorted(sizes, reverse=True)


def _typed_graph():
    graph = nx.Graph()
    for node, kind, mentions in [("a", "PERSON", 9), ("b", "PERSON", 5), ("c", "GPE", 4),
                                 ("d", "GPE", 1), ("e", "ORG", 1)]:
        graph.add_node(node, type=kind, mentions=mentions)
    graph.add_weighted_edges_from([("a", "b", 5), ("a", "c", 3), ("b", "c", 1), ("c", "d", 1)])
    return add_metrics(graph)


def test_filters():
    graph = _typed_graph()
    assert set(filter_graph(graph, min_weight=2, drop_isolates=True)) == {"a", "b", "c"}
    assert set(filter_graph(graph, types=["GPE", "ORG"])) == {"c", "d", "e"}
    assert set(filter_graph(graph, top=2)) == {"a", "b"}
    assert set(filter_graph(graph, top=1, by="degree")) == {"c"}
    assert filter_graph(graph, top=3).nodes["c"]["degree"] == 2  # metrics recomputed
    assert graph.number_of_nodes() == 5 and graph.nodes["c"]["degree"] == 3  # input intact
    for bad in ({"top": 0}, {"by": "charm"}, {"types": ["ALIEN"]}, {"backbone": 1.5}):
        with pytest.raises(GraphkitError):
            filter_graph(graph, **bad)


def test_disparity_backbone_keeps_the_dominant_ties():
    graph = nx.Graph()
    graph.add_nodes_from("hxyzw", type="PERSON", mentions=1)
    graph.add_weighted_edges_from([("h", "x", 40), ("h", "y", 1), ("h", "z", 1), ("h", "w", 1),
                                   ("x", "y", 1), ("y", "z", 1), ("z", "w", 1)])
    backbone = filter_graph(add_metrics(graph), backbone=0.1)
    assert backbone.has_edge("h", "x") and not backbone.has_edge("h", "y")


def test_build_applies_filters(seed_build):
    from conftest import SEEDS

    import graphkit

    top = graphkit.build(SEEDS, model="blank", top=10, top_by="pagerank",
                         types=("PERSON", "GPE"), drop_isolates=True)
    assert top.graph.number_of_nodes() <= 10
    assert {t for _, t in top.graph.nodes(data="type")} <= {"PERSON", "GPE"}
    with pytest.raises(GraphkitError):
        graphkit.Settings(top_by="fame")


def test_metrics_computed_in_a_second_process_are_the_same(seed_build, tmp_path,
                                                            monkeypatch):
    import graphkit.processes
    from graphkit.cooccur import count_cooccurrences
    from graphkit.graph import build_graph
    from graphkit.metrics import node_metrics

    def metrics_noting_the_process(arrays):
        (tmp_path / str(os.getpid())).touch()
        return node_metrics(arrays)

    # A Dask test leaves an idle offload thread in this process, which makes forking
    # "unsafe" by graphkit's own rule; the fork is safe here.
    monkeypatch.setattr(graphkit.processes, "can_fork_safely", graphkit.processes.can_fork)
    monkeypatch.setattr(graphkit.graph, "node_metrics", metrics_noting_the_process)
    counts = count_cooccurrences(seed_build.extractions, seed_build.mentions, "sentence")
    here, aside = (build_graph(seed_build.entities, seed_build.mentions, counts,
                               seed_build.extractions, processes=n) for n in (1, 2))
    assert len(list(tmp_path.iterdir())) == (2 if graphkit.processes.can_fork() else 1)
    assert list(here.nodes(data=True)) == list(aside.nodes(data=True))
    assert list(here.edges(data=True)) == list(aside.edges(data=True))
    assert {d["community"] for _, d in here.nodes(data=True)} != {0}
    assert sum(d["betweenness"] > 0 for _, d in here.nodes(data=True)) > 5


def test_the_kept_pairs_and_their_arrays_list_the_graph_in_its_own_order():
    from graphkit.cooccur import Cooccurrence, PairCount
    from graphkit.graph import _kept_pairs
    from graphkit.metrics import EdgeArrays

    random_graph = nx.gnm_random_graph(300, 1500, seed=9)
    nodes = sorted(f"n{i}" for i in random_graph)  # string order: n1, n10, n100, n101...
    pairs = {}
    for a, b in random_graph.edges:
        key = tuple(sorted((f"n{a}", f"n{b}")))
        pairs[key] = PairCount(weight=1 + (a * b) % 3)
    pairs[("n1", "unknown")] = PairCount(weight=9)  # not a node: no edge
    kept, ours = _kept_pairs(nodes, Cooccurrence(pairs, Counter(), 1), min_weight=2)
    assert [key for key, _ in kept] == sorted(k for k, p in pairs.items()
                                              if p.weight >= 2 and k[1] != "unknown")
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for (a, b), pair in kept:
        graph.add_edge(a, b, weight=pair.weight)
    theirs = EdgeArrays.of(graph)
    assert ours.nodes == theirs.nodes
    assert ours.u.tolist() == theirs.u.tolist() and ours.v.tolist() == theirs.v.tolist()
    assert ours.weight.tolist() == theirs.weight.tolist()


def _numbered_graph(size: int = 40) -> nx.Graph:
    """A ring of `size` nodes, n00 first, inserted in an order no set of strings keeps."""
    graph = nx.Graph()
    names = [f"n{i:02d}" for i in range(size)]
    graph.add_nodes_from(names, type="PERSON", mentions=1)
    graph.add_edges_from(zip(names, names[1:] + names[:1], strict=True), weight=1)
    return add_metrics(graph)


def test_a_top_filter_keeps_the_graphs_own_node_order():
    # networkx's graph.subgraph(nodes) iterated a set of the kept ids, whose order changes
    # with PYTHONHASHSEED: `build --top N` wrote graph.json and graph.graphml with nodes
    # and edges in another order, and other communities, at every run
    graph = _numbered_graph()
    top = filter_graph(graph, top=10)  # fewer than half: networkx iterates the set
    assert list(top) == [n for n in graph if n in top]
    assert list(top.edges) == [e for e in graph.edges if e[0] in top and e[1] in top]


def test_the_page_and_a_builds_subgraph_keep_the_graphs_own_node_order(seed_build):
    from graphkit.export.html import visible_subgraph

    graph = _numbered_graph()
    shown = visible_subgraph(graph, max_nodes=10)
    assert list(shown) == [n for n in graph if n in shown]
    ego = seed_build.subgraph(ego="Kim Jong Un").graph
    assert 0 < 2 * ego.number_of_nodes() < seed_build.graph.number_of_nodes()
    assert list(ego) == [n for n in seed_build.graph if n in ego]
