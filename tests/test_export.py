import csv
import json
import re
import shutil

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import SEEDS

import graphkit
from graphkit.cli import cli
from graphkit.export import OUTPUT_FILES, read_graph
from graphkit.export.graphml import graphml_text
from graphkit.export.html import MAX_NODES, page_data
from graphkit.export.tables import safe_cell
from graphkit.graph import add_metrics


def test_every_contract_file_is_written(seed_out):
    for name in OUTPUT_FILES:
        assert (seed_out / name).stat().st_size > 0
    assert not [p for p in seed_out.iterdir() if p.name.endswith(".tmp")]


def test_graphml_reads_back_with_typed_attributes(seed_out, seed_build):
    graph = nx.read_graphml(seed_out / "graph.graphml")
    assert graph.number_of_nodes() == seed_build.graph.number_of_nodes()
    assert graph.number_of_edges() == seed_build.graph.number_of_edges()
    node, data = next(iter(graph.nodes(data=True)))
    assert isinstance(data["mentions"], int) and isinstance(json.loads(data["aliases"]), list)
    _, _, edge = next(iter(graph.edges(data=True)))
    assert isinstance(edge["weight"], int) and isinstance(edge["npmi"], float)


def test_json_and_csv_agree_with_the_graph(seed_out, seed_build):
    data = json.loads((seed_out / "graph.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == seed_build.graph.number_of_nodes()
    assert isinstance(data["nodes"][0]["aliases"], list)
    nodes = list(csv.DictReader((seed_out / "nodes.csv").open(encoding="utf-8")))
    assert {"id", "label", "type", "aliases", "mentions", "documents", "kb_id"} <= set(nodes[0])
    edges = list(csv.DictReader((seed_out / "edges.csv").open(encoding="utf-8")))
    assert len(edges) == seed_build.graph.number_of_edges()
    mentions = list(csv.DictReader((seed_out / "mentions.csv").open(encoding="utf-8")))
    assert len(mentions) == len(seed_build.mentions)


def test_html_is_self_contained(seed_out):
    html = (seed_out / "graph.html").read_text(encoding="utf-8")
    assert not re.findall(r'(?:src|href)=["\']https?://', html)
    assert "vis.Network" in html and "<script src" not in html


def test_two_runs_are_byte_identical(tmp_path, seed_out):
    graphkit.build(SEEDS, out=tmp_path)
    for name in OUTPUT_FILES:
        assert (tmp_path / name).read_bytes() == (seed_out / name).read_bytes(), name


def test_document_strings_are_escaped_in_html(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.txt").write_text(
        "Putin bertemu Kim di <img src=x onerror=alert(1)> Seoul. "
        "</script><script>alert(1)</script> Putin dan Kim berbicara.", encoding="utf-8")
    graphkit.build(tmp_path / "c", out=tmp_path / "o", model="blank")
    html = (tmp_path / "o" / "graph.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "</script><script>alert(1)" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html


def test_csv_cells_cannot_run_formulas():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("@SUM") == "'@SUM" and safe_cell("Putin") == "Putin" and safe_cell(3) == 3


def test_graphml_reads_in_igraph_with_typed_attributes(seed_out, seed_build):
    igraph = pytest.importorskip("igraph")
    graph = igraph.Graph.Read_GraphML(str(seed_out / "graph.graphml"))
    assert graph.vcount() == seed_build.graph.number_of_nodes()
    assert graph.ecount() == seed_build.graph.number_of_edges()
    assert {"label", "type", "mentions", "pagerank", "community"} <= set(graph.vs.attributes())
    assert {"weight", "npmi", "dice", "g2", "evidence"} <= set(graph.es.attributes())
    putin = graph.vs.find(id="person:vladimir-putin")
    assert putin["mentions"] == seed_build.graph.nodes["person:vladimir-putin"]["mentions"]
    assert isinstance(json.loads(putin["aliases"]), list)
    text = (seed_out / "graph.graphml").read_text(encoding="utf-8")
    assert 'attr.name="mentions" attr.type="int"' in text
    assert 'attr.name="npmi" attr.type="double"' in text
    assert text.startswith("<?xml")


def test_gexf_reads_back_with_types_and_colours(seed_out, seed_build):
    graph = nx.read_gexf(seed_out / "graph.gexf")
    assert graph.number_of_nodes() == seed_build.graph.number_of_nodes()
    assert graph.number_of_edges() == seed_build.graph.number_of_edges()
    data = graph.nodes["person:vladimir-putin"]
    assert data["label"] == "Vladimir Putin" and isinstance(data["mentions"], int)
    assert isinstance(data["pagerank"], float) and "color" in data["viz"]
    assert "lastmodifieddate" not in (seed_out / "graph.gexf").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["graph.json", "graph.graphml", "graph.gexf"])
def test_read_graph_restores_the_built_graph(seed_out, seed_build, name):
    graph = read_graph(seed_out / name)
    assert sorted(graph) == sorted(seed_build.graph)
    edge = graph.edges["person:kim-jong-un", "person:vladimir-putin"]
    original = seed_build.graph.edges["person:kim-jong-un", "person:vladimir-putin"]
    assert edge["evidence"] == original["evidence"] and edge["weight"] == original["weight"]
    assert graph.nodes["person:vladimir-putin"]["aliases"] == list(
        seed_build.graph.nodes["person:vladimir-putin"]["aliases"])
    assert graphml_text(graph) == (seed_out / "graph.graphml").read_text(encoding="utf-8")


def test_export_command_converts_without_ner(seed_out, tmp_path):
    runner = CliRunner()
    source = tmp_path / "graph.json"
    shutil.copy(seed_out / "graph.json", source)
    result = runner.invoke(cli, ["export", str(source), "--to", "gexf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.gexf").read_bytes() == (seed_out / "graph.gexf").read_bytes()
    result = runner.invoke(cli, ["export", str(source), "--to", "csv", "-o", str(tmp_path / "t"),
                                 "--types", "PERSON", "--top", "5", "--top-by", "pagerank"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((tmp_path / "t" / "nodes.csv").open(encoding="utf-8")))
    assert len(rows) == 5 and {r["type"] for r in rows} == {"PERSON"}
    result = runner.invoke(cli, ["export", str(source), "--to", "html", "-o",
                                 str(tmp_path / "p.html"), "--min-weight", "2"])
    assert result.exit_code == 0 and "vis.Network" in (tmp_path / "p.html").read_text("utf-8")
    result = runner.invoke(cli, ["export", str(source), "--to", "json"])
    assert result.exit_code == 1 and "overwritten" in result.output
    result = runner.invoke(cli, ["export", str(tmp_path / "missing.json"), "--to", "gexf"])
    assert result.exit_code == 1 and "not found" in result.output


def test_cli_choices_match_the_library():
    from graphkit.cli import EXPORT_FORMATS, EXPORT_METRICS
    from graphkit.export import FORMATS
    from graphkit.graph import NODE_METRICS

    assert EXPORT_FORMATS == FORMATS and EXPORT_METRICS == NODE_METRICS


def test_html_page_data_has_metrics_and_caps_large_graphs():
    graph = nx.barabasi_albert_graph(400, 2, seed=1)
    graph = nx.relabel_nodes(graph, {n: f"n{n:03d}" for n in graph})
    for node, data in graph.nodes(data=True):
        data.update(label=node, type="PERSON", aliases=[node], mentions=graph.degree(node),
                    documents=1, kb_id="")
    for _, _, data in graph.edges(data=True):
        data.update(weight=1, documents=1, npmi=0.5, evidence=[])
    data = page_data(add_metrics(graph))
    assert len(data["nodes"]) == MAX_NODES and "Showing the 300 most mentioned" in (
        data["graph"]["truncated"])
    assert {"pagerank", "community", "x", "y"} <= set(data["nodes"][0])
