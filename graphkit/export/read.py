"""Read a built graph back from graph.json, graph.graphml or graph.gexf (no NER needed)."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import GraphkitError
from ..graph import DOCUMENT_DATES, DOCUMENT_INFO, DOCUMENT_INFO_KEYS, EVIDENCE_TEXT, document_info
from ..types import Document
from .tables import SENTENCE_COLUMNS

# Attributes that are lists in the graph and JSON strings in the flat formats.
LIST_ATTRIBUTES = frozenset({"aliases", "linked_by", "sentences", "evidence"})
READABLE = (".json", ".graphml", ".gexf")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _restore(data: dict[str, Any]) -> None:
    """Lists back from their JSON strings; text a UTF-8 file can hold (a JSON file may
    carry lone surrogates, which no output could be written with)."""
    for key in LIST_ATTRIBUTES & set(data):
        if isinstance(data[key], str):
            try:
                data[key] = json.loads(data[key]) if data[key] else []
            except ValueError:
                raise ValueError(f"attribute {key!r} is not a JSON list: "
                                 f"{data[key][:80]!r}") from None
    for key, value in data.items():
        if isinstance(value, str):
            data[key] = _SURROGATE.sub("\ufffd", value)
        elif isinstance(value, list):
            data[key] = [_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v
                         for v in value]
    data.pop("viz", None)


def _read(path: Path) -> nx.Graph:
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
            raise ValueError("not a node-link graph (an object with a list of nodes)")
        # networkx's own files before 3.4 say "links"; one without "multigraph" is not one
        edges = "edges" if "edges" in data or "links" not in data else "links"
        return nx.node_link_graph(data, multigraph=False, edges=edges)
    if path.suffix == ".graphml":
        return nx.read_graphml(path)
    graph = nx.read_gexf(path, relabel=False)
    for node, data in graph.nodes(data=True):
        data.setdefault("label", node)
    for _, _, data in graph.edges(data=True):
        data.pop("id", None)
        if isinstance(data.get("weight"), float) and data["weight"].is_integer():
            data["weight"] = int(data["weight"])  # GEXF's own weight is a float
    return graph


def _unquote(cell: str) -> str:
    """Undo `safe_cell`: the quote put before text a spreadsheet would run as a formula."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") \
        else cell


def _sentence_tables(path: Path) -> dict[str, dict[str, str]]:
    """Evidence texts and document dates from sentences.csv next to a GraphML/GEXF file."""
    texts: dict[str, str] = {}
    dates: dict[str, str] = {}
    table = path.with_name("sentences.csv")
    if not table.is_file():
        return {}
    with table.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if set(SENTENCE_COLUMNS) - set(row):
                return {}
            doc = _unquote(row["doc"])
            texts[f"{doc}#{row['sentence']}"] = _unquote(row["text"])
            if row["date"]:
                dates[doc] = row["date"]
    return {EVIDENCE_TEXT: texts, DOCUMENT_DATES: dates}


def _document_info(table: Path) -> dict[str, dict[str, str]]:
    """The DOCUMENT_INFO table from documents.csv (GEXF has no graph attributes)."""
    with table.open(encoding="utf-8", newline="") as handle:
        return document_info(Document(_unquote(row.get("doc", "")), "",
                                      **{key: _unquote(row.get(key) or "")
                                         for key in DOCUMENT_INFO_KEYS})
                             for row in csv.DictReader(handle))


def _json_object(text: str) -> dict[str, Any]:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError(f"graph attribute {DOCUMENT_INFO!r} is not a JSON object")
    return value


def read_graph(path: str | Path) -> nx.Graph:
    """The graph in a graphkit graph.json / graph.graphml / graph.gexf, lists restored;
    evidence texts come from graph.json itself, or from sentences.csv next to the file."""
    path = Path(path)
    if path.suffix not in READABLE:
        raise GraphkitError(f"cannot read {path}: expected one of {', '.join(READABLE)}")
    try:
        return _graphkit_graph(path, _read(path))
    except FileNotFoundError:
        raise GraphkitError(f"graph file not found: {path}") from None
    except OSError as exc:
        raise GraphkitError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError, SyntaxError,
            nx.NetworkXError) as exc:  # a damaged or foreign file
        raise GraphkitError(f"cannot read {path}: {exc}") from None
    except RecursionError:
        raise GraphkitError(f"cannot read {path}: values nested too deeply") from None


def _graphkit_graph(path: Path, read: nx.Graph) -> nx.Graph:
    """`read` as graphkit's graph: undirected and simple, nodes and edges sorted, lists and
    texts restored."""
    if type(read) is not nx.Graph:  # (a foreign file's directed or multi-graph)
        read = nx.Graph(read)
    graph = nx.Graph()
    if path.suffix == ".json":
        graph.graph.update(read.graph)
    else:
        graph.graph.update(_sentence_tables(path))
        info = read.graph.get(DOCUMENT_INFO)  # a JSON string in GraphML; not in GEXF
        if isinstance(info, str):
            graph.graph[DOCUMENT_INFO] = _json_object(info)
        elif (path.with_name("documents.csv")).is_file():
            graph.graph[DOCUMENT_INFO] = _document_info(path.with_name("documents.csv"))
    for node in sorted(read, key=str):  # ids are strings (the contract's; JSON may
        graph.add_node(str(node), **read.nodes[node])  # hold numbers)
    for u, v in sorted(read.edges, key=lambda edge: tuple(sorted(map(str, edge)))):
        a, b = sorted((str(u), str(v)))
        graph.add_edge(a, b, **read.edges[u, v])
    for node, data in graph.nodes(data=True):
        _restore(data)
        _check_values(data, f"node {node!r}")
    for a, b, data in graph.edges(data=True):
        _restore(data)
        _check_values(data, f"edge {a!r}-{b!r}")
    _check_tables(graph.graph)
    return graph


def _check_values(data: dict[str, Any], where: str) -> None:
    """Refuse what no output can hold: NaN or infinite numbers (graph.json is strict JSON,
    and the page's data would not load), and list attributes that are not lists."""
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, float) and not math.isfinite(item):
                raise ValueError(f"{where}: attribute {key!r} is {item} (not a finite number)")
        if key in LIST_ATTRIBUTES and not isinstance(value, list):
            raise ValueError(f"{where}: attribute {key!r} is not a list")


def _check_tables(attributes: dict[str, Any]) -> None:
    """The graph's tables (evidence texts, document dates) must map text to text."""
    _check_values(attributes, "the graph")
    for name in (EVIDENCE_TEXT, DOCUMENT_DATES):
        table = attributes.get(name, {})
        if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in table.items()):
            raise ValueError(f"graph attribute {name!r} is not an object of texts")
