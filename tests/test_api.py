"""The notebook-facing API of a Build: tables, evidence, subgraphs, pages, doctests."""

import doctest

import networkx as nx
import pytest

import graphkit
import graphkit.result


def test_docstring_examples_run_on_the_seed_build(seed_build):
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(graphkit.result, globs={"g": seed_build, "graphkit": graphkit}):
        runner.run(test)
    assert runner.failures == 0 and runner.tries >= 10


def test_node_lookup_by_id_label_alias(seed_build):
    putin = seed_build.node("Vladimir Putin")
    assert seed_build.node(putin) == putin == seed_build.node("putin")
    with pytest.raises(KeyError):
        seed_build.node("Nobody At All")


def test_frames_match_the_graph(seed_build):
    nodes, edges = seed_build.nodes_frame(), seed_build.edges_frame()
    assert len(nodes) == seed_build.graph.number_of_nodes()
    assert len(edges) == seed_build.graph.number_of_edges()
    assert list(edges.weight) == sorted(edges.weight, reverse=True)
    assert (edges.source < edges.target).all()


def test_evidence_lists_every_supporting_sentence(seed_build):
    evidence = seed_build.evidence("Putin", "Kim Jong Un")
    edge = seed_build.graph.edges[seed_build.node("Putin"), seed_build.node("Kim Jong Un")]
    assert len(evidence) == len(edge["sentences"]) >= edge["weight"] > len(edge["evidence"]) - 1
    assert all(item["text"] for item in evidence)
    first = edge["evidence"][0]
    assert evidence[0]["text"] == seed_build.graph.graph["evidence_text"][first]
    assert f"{evidence[0]['doc']}#{evidence[0]['sentence']}" == first
    node_evidence = seed_build.evidence("Kim Jong Un")
    assert len(node_evidence) >= seed_build.graph.nodes[seed_build.node("Kim")]["documents"]


def test_subgraph_and_filter_return_new_builds(seed_build):
    before = seed_build.graph.number_of_nodes()
    ego = seed_build.subgraph(ego="Kim Jong Un")
    kim = ego.node("Kim Jong Un")
    assert set(ego.graph) == {kim} | set(seed_build.graph[kim])
    assert all(link.entity in ego.graph for link in ego.mentions)
    people = seed_build.filter(types=["PERSON"], drop_isolates=True)
    assert {t for _, t in people.graph.nodes(data="type")} == {"PERSON"}
    assert seed_build.graph.number_of_nodes() == before


def test_show_and_to_networkx(seed_build, tmp_path):
    page = seed_build.show(height=400)
    assert "<iframe srcdoc=" in page._repr_html_() and "vis.Network" in page.html
    assert page.save(tmp_path / "g.html").read_text(encoding="utf-8") == page.html
    copy = seed_build.to_networkx()
    copy.remove_node(seed_build.node("Putin"))
    assert seed_build.node("Putin") in seed_build.graph and isinstance(copy, nx.Graph)


def test_export_one_format(seed_build, tmp_path):
    paths = seed_build.export("gexf", tmp_path / "g.gexf")
    assert paths == [tmp_path / "g.gexf"]
    assert [p.name for p in seed_build.export("csv", tmp_path / "tables")] == [
        "nodes.csv", "edges.csv", "sentences.csv"]


def test_every_public_name_resolves():
    # `graphkit.load_kb` pointed at a module that had moved (graphkit.kb -> graphkit.link.kb)
    import graphkit

    for name in graphkit.__all__:
        assert getattr(graphkit, name) is not None, name
