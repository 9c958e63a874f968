"""Graph analytics: edge scores, dates, evidence, node metrics, communities, filters."""

import doctest

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

import graphkit.filters
import graphkit.graph
from graphkit.errors import GraphkitError
from graphkit.filters import filter_graph
from graphkit.graph import EVIDENCE_PER_EDGE, add_metrics, communities, pagerank


def test_doctests():
    assert doctest.testmod(graphkit.graph).failed == 0
    assert doctest.testmod(graphkit.filters).failed == 0


def test_seed_edges_carry_scores_dates_and_evidence(seed_build):
    graph = seed_build.graph
    for _, _, d in graph.edges(data=True):
        assert -1 <= d["npmi"] <= 1 and 0 < d["dice"] <= 1 and 0 < d["jaccard"] <= d["dice"]
        assert d["g2"] >= 0 and 0 <= d["disparity"] <= 1
        assert 1 <= len(d["evidence"]) <= EVIDENCE_PER_EDGE
        assert {"doc", "sentence", "text", "date"} <= set(d["evidence"][0])
        assert d["first_date"] <= d["last_date"]
    edge = graph.edges[seed_build.node("Putin"), seed_build.node("Kim Jong Un")]
    assert (edge["first_date"], edge["last_date"]) == ("2024-06-27", "2024-10-10")
    assert all(e["text"] for e in edge["evidence"])


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
