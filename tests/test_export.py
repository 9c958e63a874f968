import csv
import errno
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
from graphkit.export.doubts import DOUBTS_PER_NODE, doubtful_mentions
from graphkit.export.graphml import graphml_text
from graphkit.export.html import MAX_NODES, html_text, page_data, page_data_of
from graphkit.export.tables import safe_cell
from graphkit.metrics import add_metrics
from graphkit.types import Document, Extraction, LinkedMention, Mention, Sentence


def test_every_contract_file_is_written(seed_out):
    for name in OUTPUT_FILES:
        assert (seed_out / name).stat().st_size > 0
    assert not _temporaries(seed_out)


@pytest.mark.parametrize("processes", [2, 3])
def test_writer_processes_write_the_same_bytes(seed_out, seed_build, tmp_path, processes):
    files = seed_build.write(tmp_path, gexf=True, processes=processes)
    assert sorted(p.name for p in files) == sorted(p.name for p in seed_out.iterdir()
                                                   if p.is_file())
    for path in files:
        assert path.read_bytes() == (seed_out / path.name).read_bytes(), path.name


def _rows(path):
    """The rows of a CSV file as dicts (the file closed again: warnings are errors)."""
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _no_space(*args, **kwargs):  # a writer (a generator) on a full disk
    raise OSError(errno.ENOSPC, "No space left on device")
    yield ""


@pytest.mark.parametrize("processes", [1, 2])
def test_a_failed_write_is_a_clear_error_and_leaves_the_old_set_whole(
        seed_out, seed_build, tmp_path, monkeypatch, processes):
    from graphkit.errors import OutputError

    # graph.graphml is written by this process, edges.csv by the second one; sentences.csv
    # is the last file written here, after graph.graphml and mentions.csv are complete
    for name, writer in (("graph.graphml", "graphml_chunks"), ("edges.csv", "edges_csv_chunks"),
                         ("sentences.csv", "sentences_csv_chunks")):
        folder = tmp_path / f"{processes}-{name}"
        old = _old_outputs(seed_out, folder)
        with monkeypatch.context() as patch:
            patch.setattr(graphkit.export, writer, _no_space)
            with pytest.raises(OutputError, match=re.escape(name) + ".*No space left"):
                seed_build.write(folder, processes=processes)
        assert _contents(folder) == old  # not one file replaced
        assert not _temporaries(folder)


def _contents(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


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
    nodes = _rows(seed_out / "nodes.csv")
    assert {"id", "label", "type", "aliases", "mentions", "documents", "kb_id"} <= set(nodes[0])
    edges = _rows(seed_out / "edges.csv")
    assert len(edges) == seed_build.graph.number_of_edges()
    mentions = _rows(seed_out / "mentions.csv")
    assert len(mentions) == len(seed_build.mentions)


def test_html_is_self_contained(seed_out):
    html = (seed_out / "graph.html").read_text(encoding="utf-8")
    assert not re.findall(r'(?:src|href)=["\']https?://', html)
    assert "vis.Network" in html and "<script src" not in html


def test_two_runs_are_byte_identical(tmp_path, seed_out):
    graphkit.build(SEEDS, out=tmp_path)
    for name in OUTPUT_FILES:
        assert (tmp_path / name).read_bytes() == (seed_out / name).read_bytes(), name


def _page_of(tmp_path, text):
    """graph.html of a one-article corpus."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.txt").write_text(text, encoding="utf-8")
    graphkit.build(tmp_path / "c", out=tmp_path / "o", model="blank")
    return (tmp_path / "o" / "graph.html").read_text(encoding="utf-8")


def test_document_strings_are_escaped_in_html(tmp_path):
    html = _page_of(tmp_path, "Putin bertemu Kim di <img src=x onerror=alert(1)> Seoul. "
                              "</script><script>alert(1)</script> Putin dan Kim berbicara.")
    assert "<img src=x" not in html and "</script><script>alert(1)" not in html
    texts = [row[2] for row in page_data_of(html)["sentences"]]  # kept whole, as data
    assert any("<img src=x onerror=alert(1)>" in text for text in texts)


def test_slot_names_in_an_article_do_not_break_the_page(tmp_path):
    html = _page_of(tmp_path, "Putin bertemu Kim di Seoul, kata /*VIS_JS*/ __GRAPH_DATA__ "
                              "/*VIS_CSS*/ kemarin. Putin dan Kim berbicara.")
    texts = json.dumps(page_data_of(html), ensure_ascii=False)
    assert "kata /*VIS_JS*/ __GRAPH_DATA__ /*VIS_CSS*/ kemarin" in texts
    library = "https://visjs.github.io/vis-network/"  # in vis-network.min.js's banner
    assert html.count(library) == 1 and library not in texts


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
    assert "sentences" not in edge  # every supporting ref stays in memory only
    assert graph.graph["evidence_text"][edge["evidence"][0]] == (
        seed_build.graph.graph["evidence_text"][original["evidence"][0]])
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
    rows = _rows(tmp_path / "t" / "nodes.csv")
    assert len(rows) == 5 and {r["type"] for r in rows} == {"PERSON"}
    result = runner.invoke(cli, ["export", str(source), "--to", "html", "-o",
                                 str(tmp_path / "p.html"), "--min-weight", "2"])
    assert result.exit_code == 0 and "vis.Network" in (tmp_path / "p.html").read_text("utf-8")
    result = runner.invoke(cli, ["export", str(source), "--to", "json"])
    assert result.exit_code == 1 and "overwritten" in result.output
    result = runner.invoke(cli, ["export", str(tmp_path / "missing.json"), "--to", "gexf"])
    assert result.exit_code == 1 and "not found" in result.output


@pytest.mark.parametrize("text, error", [
    ("[1, 2]", "not a node-link graph"),
    ('{"nodes": [{"id": "a", "aliases": "[oops"}], "edges": []}', "'aliases' is not a JSON list"),
    ("{", "cannot read"),
    ('{"nodes": [{"id": "a"}, {"id": "b"}], "edges": [{"source": "a", "target": "b", '
     '"weight": null}, {"source": "a", "target": "a", "weight": 2}]}', "cannot "),
])
def test_export_of_a_damaged_graph_file_is_a_one_line_error(tmp_path, text, error):
    (tmp_path / "g.json").write_text(text, encoding="utf-8")
    for to in ("csv", "html"):
        result = CliRunner().invoke(cli, ["export", str(tmp_path / "g.json"), "--to", to, "-o",
                                          str(tmp_path / "x")], catch_exceptions=False)
        assert result.exit_code == 1 and error in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1


def test_export_reads_other_programs_node_link_json(tmp_path):
    # networkx's defaults (no "multigraph": false), "links" (networkx < 3.4), mixed id
    # types, and a lone surrogate (valid JSON, not writable as UTF-8)
    foreign = {"nodes": [{"id": 1, "label": "Satu \ud800"}, {"id": "b"}, {"id": "c"}],
               "links": [{"source": 1, "target": "b", "weight": 2}, {"source": "b", "target": "c"}]}
    (tmp_path / "g.json").write_text(json.dumps(foreign), encoding="utf-8")
    for to in ("csv", "html", "graphml", "json"):
        result = CliRunner().invoke(cli, ["export", str(tmp_path / "g.json"), "--to", to, "-o",
                                          str(tmp_path / f"out-{to}")], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    edges = _rows(tmp_path / "out-csv" / "edges.csv")
    assert {(e["source"], e["target"]) for e in edges} == {("1", "b"), ("b", "c")}
    nodes = (tmp_path / "out-csv" / "nodes.csv").read_text(encoding="utf-8")
    assert "Satu \ufffd" in nodes


def test_the_choice_lists_are_what_the_library_does():
    from graphkit.choices import EXPORT_FORMATS, NODE_METRICS
    from graphkit.export import GRAPH_FORMATS
    from graphkit.metrics import add_metrics

    assert tuple(GRAPH_FORMATS) == EXPORT_FORMATS
    graph = nx.Graph([("a", "b", {"weight": 2})])
    nx.set_node_attributes(graph, 1, "mentions")
    nx.set_node_attributes(graph, 1, "documents")
    assert all(set(NODE_METRICS) <= set(data) for _, data in add_metrics(graph).nodes(data=True))


def test_the_cli_offers_the_library_choice_lists():
    from graphkit import choices
    from graphkit.cli import cli

    def offered(command: str, option: str) -> tuple[str, ...]:
        param = next(p for p in cli.commands[command].params if p.name == option)
        return tuple(param.type.choices)  # type: ignore[attr-defined]

    assert offered("build", "window") == choices.WINDOWS
    assert offered("build", "engine") == choices.ENGINES
    assert offered("build", "top_by") == offered("export", "top_by") == choices.NODE_METRICS
    assert offered("export", "to") == choices.EXPORT_FORMATS
    assert offered("entities", "sort") == choices.ENTITY_SORT_KEYS
    assert offered("entities", "linked_by") == choices.LINK_HOW


def test_the_command_line_loads_without_the_stages():
    # `graphkit --help` stays instant: the CLI module imports no spaCy, networkx or stage
    import subprocess
    import sys

    code = ("import sys, graphkit.cli; print(' '.join(m for m in ('spacy', 'networkx', "
            "'numpy', 'graphkit.pipeline', 'graphkit.export') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.split()
    assert loaded == []


def test_html_page_data_has_metrics_and_caps_large_graphs():
    graph = nx.barabasi_albert_graph(MAX_NODES + 100, 2, seed=1)
    graph = nx.relabel_nodes(graph, {n: f"n{n:03d}" for n in graph})
    for node, data in graph.nodes(data=True):
        data.update(label=node, type="PERSON", aliases=[node], mentions=graph.degree(node),
                    documents=1, kb_id="")
    for _, _, data in graph.edges(data=True):
        data.update(weight=1, documents=1, npmi=0.5, evidence=[])
    data = page_data(add_metrics(graph))
    assert len(data["nodes"]) == MAX_NODES and f"Showing the {MAX_NODES:,} most mentioned" in (
        data["graph"]["truncated"]) and "--top" in data["graph"]["truncated"]
    assert {"pagerank", "community", "x", "y"} <= set(data["nodes"][0])


def _flat_copy(graph, viz=False):
    """The graph as the old writers saw it: flat values, keys sorted, no `sentences`."""
    from graphkit.export.colors import OTHER_COLOR, TYPE_COLORS, rgb
    from graphkit.export.flatten import IN_MEMORY_ONLY, flat_value, graph_items

    def flat(data):
        return {k: flat_value(v) for k, v in sorted(data.items()) if k not in IN_MEMORY_ONLY}
    copy = nx.Graph()
    copy.graph.update(graph_items(graph))
    for node, data in graph.nodes(data=True):
        copy.add_node(node, **flat(data))
        if viz:
            r, g, b = rgb(TYPE_COLORS.get(str(data.get("type", "")), OTHER_COLOR))
            copy.nodes[node]["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": round(
                4.0 + 2.0 * float(data.get("mentions", 0)) ** 0.5, 3)}
    for a, b, data in graph.edges(data=True):
        copy.add_edge(a, b, **flat(data))
    return copy


def _awkward_graph():
    graph = nx.Graph()
    graph.add_node("a\x01", label='A & <b> "q"\n\tend', mentions=3, pagerank=0.5,
                   aliases=["x", "<y>"], flag=True, type="PERSON")
    graph.add_node("b", label="B", mentions=1, pagerank=1e-06, aliases=[], kb_id="")
    graph.add_node("c")
    graph.add_edge("a\x01", "b", weight=2, npmi=0.25, first_date="", evidence=["d#1"],
                   sentences=["d#1", "d#2"], documents=1)
    graph.add_edge("c", "b")
    graph.add_edge("c", "a\x01", weight=2.5, npmi=float("inf"))
    return graph


@pytest.mark.parametrize("graph", [_awkward_graph(), nx.path_graph(["p", "q"]), "seed"])
def test_streaming_writers_write_what_networkx_would(graph, seed_build):
    """The streamed GraphML and GEXF are byte for byte networkx's writers' output (which
    writes non-ASCII characters as references; ours are plain UTF-8)."""
    from graphkit.export.gexf import gexf_text
    from graphkit.export.graphml import XML_DECLARATION, xml_safe

    def utf8(text):
        return re.sub(r"&#(\d{3,});", lambda m: chr(int(m.group(1))), text)

    graph = seed_build.graph if graph == "seed" else graph
    lines = nx.generate_graphml(_flat_copy(graph), encoding="utf-8", prettyprint=True)
    expected = (XML_DECLARATION + "\n".join(lines) + "\n").replace('attr.type="long"',
                                                                  'attr.type="int"')
    assert graphml_text(graph) == xml_safe(utf8(expected))
    body = utf8("\n".join(nx.generate_gexf(_flat_copy(graph, viz=True), prettyprint=True)))
    body = re.sub(r' lastmodifieddate="[^"]*"', "", body, count=1)
    body = re.sub(r"<creator>NetworkX [^<]*</creator>", "<creator>graphkit</creator>", body)
    assert gexf_text(graph) == xml_safe(XML_DECLARATION + body + "\n")
    assert "sentences" not in graphml_text(graph)


def test_outputs_carry_evidence_refs_and_texts_once(seed_out, seed_build):
    rows = _rows(seed_out / "sentences.csv")
    assert list(rows[0]) == ["doc", "sentence", "date", "text"]
    refs = {f"{r['doc']}#{r['sentence']}" for r in rows}
    assert len(refs) == len(rows)
    edges = _rows(seed_out / "edges.csv")
    used = {ref for e in edges for ref in json.loads(e["evidence"])}
    assert used == refs and "sentences" not in edges[0]
    assert all(len(json.loads(e["evidence"])) <= 5 for e in edges)
    data = json.loads((seed_out / "graph.json").read_text(encoding="utf-8"))
    assert set(data["graph"]["evidence_text"]) == refs
    assert all(data["graph"]["evidence_text"][r] for r in refs)
    assert "sentences" not in data["edges"][0]
    text = next(r["text"] for r in rows)
    for name in ("graph.graphml", "graph.gexf", "edges.csv"):  # texts are not repeated
        assert text not in (seed_out / name).read_text(encoding="utf-8")


def test_read_graphml_finds_texts_in_sentences_csv(seed_out, tmp_path):
    graph = read_graph(seed_out / "graph.graphml")
    assert graph.graph["evidence_text"] == read_graph(seed_out / "graph.json").graph[
        "evidence_text"]
    shutil.copy(seed_out / "graph.graphml", tmp_path / "graph.graphml")
    alone = read_graph(tmp_path / "graph.graphml").graph  # document_info is in the file
    assert set(alone) == {"document_info"} and alone["document_info"] == graph.graph[
        "document_info"]
    data = page_data(graph)
    assert all(data["sentences"][i][2] for e in data["edges"] for i in e["evidence"])


def _cited_graph(nodes: int, text: str) -> nx.Graph:
    """A clique whose every edge cites the one sentence `text` (a list of names)."""
    graph = nx.complete_graph([f"n{i:03d}" for i in range(nodes)])
    for node, data in graph.nodes(data=True):
        data.update(label=f"Nama {node}", type="PERSON", mentions=1, documents=1)
    for _, _, data in graph.edges(data=True):
        data.update(weight=1, documents=1, evidence=["list.txt#0"], sentences=["list.txt#0"])
    graph.graph.update(evidence_text={"list.txt#0": text},
                       document_dates={"list.txt": "2019-09-10"})
    return graph


def test_html_writes_an_evidence_text_once_however_many_edges_cite_it():
    """Issue 30 D12: a 46 KB document listing names on one line made every edge among
    them repeat its text (a 217 MB page); the page now cites sentences by index."""
    text = "Daftar: " + ", ".join(f"Nama Orang{i}" for i in range(3000))
    assert len(text) > 46_000
    graph = _cited_graph(40, text)  # 780 edges cite the one sentence
    html = html_text(graph)
    assert [row[2] for row in page_data_of(html)["sentences"]].count(text) == 1
    assert len(html) < 2 * len(text) + 2_000_000  # vis-network itself is ~1.2 MB
    data = page_data(graph)
    assert {tuple(e["evidence"]) for e in data["edges"]} == {(0,)}
    assert data["sentences"] == [[0, 0, text]] and data["dates"] == ["2019-09-10"]
    assert all(e["timeline"] == [0, 1] for e in data["edges"])


def test_html_page_data_reads_document_info_and_links_only_web_addresses():
    graph = _cited_graph(3, "Nama n000 bertemu Nama n001.")
    graph.add_edge("n000", "n001", evidence=["list.txt#0"], sentences=["list.txt#0", "b#2"])
    graph.graph["evidence_text"]["b#2"] = "Nama n000 dan Nama n001."
    graph.graph["document_info"] = {
        "list.txt": {"title": "Daftar <b>", "url": "https://example.org/a?x=1&y=<2>",
                     "source": "kompas"},
        "b": {"title": "B", "url": "javascript:alert(1)"}}
    data = page_data(graph)
    docs = {d["id"]: d for d in data["docs"]}
    assert docs["list.txt"] == {"id": "list.txt", "date": "2019-09-10", "title": "Daftar <b>",
                                "url": "https://example.org/a?x=1&y=<2>", "source": "kompas"}
    assert docs["b"] == {"id": "b", "date": "", "title": "B"}  # no javascript: link
    edge = next(e for e in data["edges"] if (e["source"], e["target"]) == ("n000", "n001"))
    assert [data["sentences"][i][2] for i in edge["evidence"]] == [
        "Nama n000 bertemu Nama n001.", "Nama n000 dan Nama n001."]
    assert edge["timeline"] == [0, 1]  # the undated document's sentence has no date
    page = html_text(graph)
    assert "<" not in page.split('id="graph-data">')[1].split("</script>")[0]
    assert page_data_of(page) == data  # the page carries exactly page_data


def test_html_marks_nodes_linked_by_doubtful_rules():
    graph = _cited_graph(3, "x")
    graph.nodes["n000"]["linked_by"] = ["fuzzy", "kb", "kb-weak"]
    graph.nodes["n001"]["linked_by"] = ["kb", "new"]
    nodes = {n["id"]: n for n in page_data(graph)["nodes"]}
    assert nodes["n000"]["doubtful"] == ["fuzzy", "kb-weak"]
    assert "doubtful" not in nodes["n001"] and "doubtful" not in nodes["n002"]


def _doubtful_links() -> tuple[list[LinkedMention], list[Extraction]]:
    """n000: 'Kim' by corpus-short-form twice, 'Amerika' by kb-weak 5 times, 22 other
    names by kb-weak once; n001: one fuzzy mention; and one sure (kb) mention."""
    def link(text: str, entity: str, how: str, sentence: int) -> LinkedMention:
        mention = Mention("b", 0, len(text), text, "PERSON", sentence, "model")
        return LinkedMention(mention, entity, how, f"why {text}")
    links = [link("Kim", "n000", "corpus-short-form", i) for i in (3, 1)]
    links += [link("Amerika", "n000", "kb-weak", i) for i in range(1, 6)]
    links += [link(f"Nama {i:02d}", "n000", "kb-weak", 6) for i in range(22)]
    links += [link("Nama n0001", "n001", "fuzzy", 7), link("Nama n002", "n002", "kb", 7)]
    sentences = tuple(Sentence(i, 0, 0, 0, f"kalimat {i}") for i in range(8))
    return links, [Extraction(Document("b", ""), sentences, ())]


def test_html_node_panels_list_doubtful_mentions_ranked_and_capped(monkeypatch):
    from graphkit.export import html

    graph = _cited_graph(3, "x")
    graph.nodes["n000"]["linked_by"] = ["corpus-short-form", "kb-weak"]
    graph.nodes["n001"]["linked_by"] = ["fuzzy"]
    doubts = doubtful_mentions(*_doubtful_links())
    data = page_data(graph, doubts=doubts)
    nodes = {n["id"]: n for n in data["nodes"]}
    first = nodes["n000"]
    assert first["doubtful_mentions"] == 29 and len(first["doubts"]) == DOUBTS_PER_NODE
    assert [(d["text"], d["how"], d["count"]) for d in first["doubts"][:3]] == [
        ("Kim", "corpus-short-form", 2), ("Amerika", "kb-weak", 5), ("Nama 00", "kb-weak", 1)]
    assert first["doubts"][0]["why"] == "why Kim"
    text = {i: data["sentences"][i][2] for d in first["doubts"] for i in d["sentences"]}
    assert [text[i] for i in first["doubts"][1]["sentences"]] == [
        "kalimat 1", "kalimat 2", "kalimat 3"]  # three, in document order
    assert nodes["n001"]["doubts"][0]["how"] == "fuzzy"
    assert "doubts" not in nodes["n002"] and "doubts" not in page_data(graph)["nodes"][0]
    monkeypatch.setattr(html._add_doubts, "__defaults__", (DOUBTS_PER_NODE,))
    capped = {n["id"]: n for n in page_data(graph, doubts=doubts)["nodes"]}
    assert len(capped["n001"]["doubts"]) == 1  # every node's riskiest group first, then
    assert capped["n000"]["doubts"] == first["doubts"][:DOUBTS_PER_NODE - 1]  # the rest
    monkeypatch.setattr(html._add_doubts, "__defaults__", (1,))
    one = {n["id"]: n for n in page_data(graph, doubts=doubts)["nodes"]}
    assert [d["text"] for d in one["n000"]["doubts"]] == ["Kim"]  # most doubtful first
    assert one["n001"]["doubts"] == [] and one["n001"]["doubtful_mentions"] == 1


def test_html_keeps_the_strongest_edges_and_says_what_it_leaves_out(monkeypatch):
    from graphkit.export import html
    from graphkit.export.html import strongest_edges

    graph = _cited_graph(6, "x")
    for i, (_, _, data) in enumerate(sorted(graph.edges(data=True))):
        data["weight"] = i + 1
    kept = strongest_edges(graph, max_edges=3)
    assert sorted(d["weight"] for *_, d in kept) == [13, 14, 15]
    assert [(a, b) for a, b, _ in kept] == sorted((a, b) for a, b, _ in kept)
    monkeypatch.setattr(html.strongest_edges, "__defaults__", (4,))
    data = page_data(graph)
    assert len(data["edges"]) == 4
    assert "the 4 strongest of their 15 edges" in data["graph"]["truncated"]


def test_page_layout_is_deterministic_and_separates_communities():
    from graphkit.export.layout import layout

    graph = nx.planted_partition_graph(4, 60, 0.3, 0.005, seed=2)
    graph = nx.relabel_nodes(graph, lambda n: f"n{n:03d}")
    for node in graph:
        graph.nodes[node]["community"] = int(node[1:]) // 60
    first, again = layout(graph), layout(graph.copy())
    assert first == again
    centres = {c: [sum(first[f"n{i:03d}"][k] for i in range(c * 60, c * 60 + 60)) / 60
                   for k in (0, 1)] for c in range(4)}

    def spread(c):
        cx, cy = centres[c]
        return sum(((first[f"n{i:03d}"][0] - cx) ** 2 + (first[f"n{i:03d}"][1] - cy) ** 2)
                   ** 0.5 for i in range(c * 60, c * 60 + 60)) / 60
    gaps = [((centres[a][0] - centres[b][0]) ** 2 + (centres[a][1] - centres[b][1]) ** 2) ** 0.5
            for a in range(4) for b in range(a + 1, 4)]
    assert min(gaps) > max(spread(c) for c in range(4))  # groups lie apart, not mixed


def test_temporary_files_left_by_a_killed_write_are_cleaned(tmp_path):
    from graphkit.export.atomic import prepare_folder

    (tmp_path / ".graph.json.graphkit-abc123.tmp").write_text("half", encoding="utf-8")
    (tmp_path / ".mine.tmp").write_text("user file", encoding="utf-8")
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    prepare_folder(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".mine.tmp", "keep.txt"]


def _temporaries(folder):
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def _old_outputs(seed_out, folder):
    """A copy of a build's output folder whose files all say 'old'; their contents."""
    shutil.copytree(seed_out, folder)
    for path in folder.iterdir():
        if path.is_file():
            path.write_text("old\n", encoding="utf-8")
    return _contents(folder)


def _written_and_held(folder, links, timeout=30.0):
    """Wait until the held mentions.csv is complete under its temporary name."""
    import time

    from graphkit.export.tables import mentions_csv_chunks

    expected = len("".join(mentions_csv_chunks(links)).encode("utf-8"))
    deadline = time.time() + timeout
    while time.time() < deadline:
        if [p for p in _temporaries(folder) if p.stat().st_size == expected]:
            time.sleep(0.5)  # time enough to (wrongly) replace the old file
            return
        time.sleep(0.05)
    pytest.fail("the held mentions.csv was never written")


@pytest.mark.parametrize("processes", [1, 2])
def test_held_mentions_csv_waits_for_the_other_files(seed_out, seed_build, tmp_path,
                                                     processes):
    from graphkit.export import write_link_files

    folder = tmp_path / "out"
    _old_outputs(seed_out, folder)
    held = write_link_files(seed_build.mentions, folder)
    assert held is not None
    _written_and_held(folder, seed_build.mentions)
    assert (folder / "mentions.csv").read_text(encoding="utf-8") == "old\n"
    seed_build.write(folder, gexf=True, processes=processes, held=held)
    for path in seed_out.iterdir():
        if path.is_file():
            assert (folder / path.name).read_bytes() == path.read_bytes(), path.name
    assert not _temporaries(folder)


def test_discarded_held_files_leave_the_old_ones(seed_out, seed_build, tmp_path):
    from graphkit.export import write_link_files

    folder = tmp_path / "out"
    _old_outputs(seed_out, folder)
    held = write_link_files(seed_build.mentions, folder)
    assert held is not None
    _written_and_held(folder, seed_build.mentions)
    held.discard()
    assert (folder / "mentions.csv").read_text(encoding="utf-8") == "old\n"
    assert not _temporaries(folder)
    assert held.process.exitcode is not None  # and the process has ended


def test_a_held_file_that_cannot_be_written_is_a_clear_error(seed_out, tmp_path,
                                                             monkeypatch):
    from graphkit.errors import OutputError

    folder = tmp_path / "out"
    old = _old_outputs(seed_out, folder)
    monkeypatch.setattr(graphkit.export, "mentions_csv_chunks", _no_space)
    with pytest.raises(OutputError, match="mentions.csv"):
        graphkit.build(SEEDS, out=folder, store=False, jobs=2, model="blank")
    assert _contents(folder) == old
    assert not _temporaries(folder)


def test_a_build_stopped_while_mentions_csv_is_held_leaves_the_old_files(
        seed_out, tmp_path, monkeypatch):
    import multiprocessing

    import graphkit.pipeline

    def interrupted(*args, **kwargs):
        _written_and_held(folder, links=args[1])  # mentions.csv is written, and waits
        raise KeyboardInterrupt  # Ctrl-C while the graph is built

    folder = tmp_path / "out"
    _old_outputs(seed_out, folder)
    monkeypatch.setattr(graphkit.pipeline, "build_graph", interrupted)
    with pytest.raises(KeyboardInterrupt):
        graphkit.build(SEEDS, out=folder, store=False, jobs=2, model="blank")
    assert (folder / "mentions.csv").read_text(encoding="utf-8") == "old\n"
    assert not _temporaries(folder)
    assert not multiprocessing.active_children()


def test_files_graphkit_did_not_write_are_never_replaced_or_removed(tmp_path, caplog):
    from graphkit.errors import OutputError

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "nodes.csv").write_text("my own table\n", encoding="utf-8")
    with pytest.raises(OutputError, match="already holds nodes.csv, not written by graphkit"):
        graphkit.build(SEEDS, out=mine, model="blank")
    assert (mine / "nodes.csv").read_text(encoding="utf-8") == "my own table\n"
    assert sorted(p.name for p in mine.iterdir()) == ["nodes.csv"]
    out = tmp_path / "out"  # graphkit's: rebuilt freely, gexf removed only if it wrote it
    graphkit.build(SEEDS, out=out, model="blank", gexf=True)
    graphkit.build(SEEDS, out=out, model="blank")
    assert not (out / "graph.gexf").exists()
    (out / "graph.gexf").write_text("<gexf/> from graphkit export\n", encoding="utf-8")
    graphkit.build(SEEDS, out=out, model="blank", min_weight=2)
    assert (out / "graph.gexf").read_text(encoding="utf-8") == "<gexf/> from graphkit export\n"
    assert "left" in caplog.text and "graph.gexf" in caplog.text


def test_a_rewritten_file_keeps_its_permissions_and_a_new_one_follows_the_umask(tmp_path):
    import os
    import stat

    from graphkit.export.atomic import write_atomic

    private = tmp_path / "nodes.csv"
    private.write_text("old\n", encoding="utf-8")
    private.chmod(0o600)  # an analyst keeping sources' sentences to themselves
    write_atomic(private, "new\n")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    umask = os.umask(0o077)
    try:
        write_atomic(tmp_path / "edges.csv", "new\n")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "edges.csv").stat().st_mode) == 0o600
    write_atomic(tmp_path / "graph.json", "{}")
    assert stat.S_IMODE((tmp_path / "graph.json").stat().st_mode) == 0o666 & ~umask


def test_who_wrote_an_output_folder(tmp_path):
    from graphkit.errors import OutputError

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "nodes.csv").write_text("my own table\n", encoding="utf-8")
    # `graphkit entities/explain --out mine` keep a store there: that writes no outputs
    graphkit.build(SEEDS, store=mine / ".graphkit" / "store.sqlite", model="blank")
    with pytest.raises(OutputError, match="not written by graphkit"):
        graphkit.build(SEEDS, out=mine, model="blank")
    assert (mine / "nodes.csv").read_text(encoding="utf-8") == "my own table\n"
    older = tmp_path / "older"  # written by a graphkit from before the records
    older.mkdir()
    (older / "nodes.csv").write_text("id,label,type,aliases,mentions,documents,kb_id\n",
                                     encoding="utf-8")
    graphkit.build(SEEDS, out=older, model="blank")
    nostore = tmp_path / "nostore"  # no store, so no build record: a gexf is still known
    graphkit.build(SEEDS, out=nostore, model="blank", store=False, gexf=True)
    graphkit.build(SEEDS, out=nostore, model="blank", store=False)
    assert not (nostore / "graph.gexf").exists()


def test_one_build_at_a_time_per_output_folder(tmp_path):
    from graphkit.errors import OutputError
    from graphkit.export.owned import folder_lock

    out = tmp_path / "out"
    graphkit.build(SEEDS, out=out, model="blank")
    before = _contents(out)
    with folder_lock(out), pytest.raises(OutputError, match="another graphkit build is"):
        graphkit.build(SEEDS, out=out, model="blank", min_weight=2)  # (another holds it)
    assert _contents(out) == before
    graphkit.build(SEEDS, out=out, model="blank", min_weight=2)  # free again


def test_a_running_writers_temporary_files_are_left_alone(tmp_path):
    import os
    import subprocess
    import sys

    from graphkit.export.atomic import prepare_folder

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    running = tmp_path / f".nodes.csv.graphkit-{os.getpid()}-abc.tmp"
    dead = tmp_path / f".edges.csv.graphkit-{int(ended.stdout)}-abc.tmp"
    for path in (running, dead):
        path.write_text("partial", encoding="utf-8")
    prepare_folder(tmp_path)
    assert running.exists() and not dead.exists()


def test_export_to_svg_draws_the_page_layout_without_a_browser(seed_out, tmp_path):
    import xml.etree.ElementTree as ET

    from graphkit.export.svg import svg_text

    result = CliRunner().invoke(cli, ["export", str(seed_out / "graph.json"), "--to", "svg",
                                      "-o", str(tmp_path / "seed.svg")])
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "seed.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    graph = read_graph(seed_out / "graph.json")
    assert len(root.findall(f"./{ns}g/{ns}circle")) == graph.number_of_nodes()
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "Vladimir Putin" in texts and any("nodes" in (t or "") for t in texts)
    assert svg == svg_text(graph)  # deterministic: the same graph, the same picture
    graph.nodes["person:vladimir-putin"]["label"] = "<script>alert(1)</script> & co"
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg_text(graph)


def test_page_module_examples_run():
    import doctest

    from graphkit.export import colors, doubts, html

    for module in (html, colors, doubts):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted >= 1


def test_pages_of_a_build_list_doubtful_mentions_pages_of_a_file_name_rules(seed_build,
                                                                             seed_out, tmp_path):
    def kim(html: str) -> dict:
        data = page_data_of(html)
        return next(n for n in data["nodes"] if n["id"] == "person:kim-jong-un")

    built = kim((seed_out / "graph.html").read_text(encoding="utf-8"))
    assert built["doubtful_mentions"] == 3 and built["doubts"][0]["text"] == "Kim"
    seed_build.export("html", tmp_path / "api.html")
    assert kim((tmp_path / "api.html").read_text(encoding="utf-8")) == built
    assert kim(seed_build.show().html) == built
    result = CliRunner().invoke(cli, ["export", str(seed_out / "graph.json"), "--to", "html",
                                      "--out", str(tmp_path / "file.html")])
    assert result.exit_code == 0, result.output
    from_file = kim((tmp_path / "file.html").read_text(encoding="utf-8"))
    assert from_file["doubtful"] == ["kb-weak"] and "doubts" not in from_file  # issue 26: no
    # corpus-wide Kim any more (three Kims in the corpus); the knowledge base's context decides
