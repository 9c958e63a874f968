import csv
import json
import re

import networkx as nx
from conftest import SEEDS

import graphkit
from graphkit.export import OUTPUT_FILES
from graphkit.export.tables import safe_cell


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
