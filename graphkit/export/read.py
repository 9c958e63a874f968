"""Read a built graph back from graph.json, graph.graphml or graph.gexf (no NER needed)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import GraphkitError
from ..graph import DOCUMENT_DATES, EVIDENCE_TEXT
from .tables import SENTENCE_COLUMNS

# Attributes that are lists in the graph and JSON strings in the flat formats.
LIST_ATTRIBUTES = frozenset({"aliases", "linked_by", "sentences", "evidence"})
READABLE = (".json", ".graphml", ".gexf")


def _unflatten(data: dict[str, Any]) -> None:
    for key in LIST_ATTRIBUTES & set(data):
        if isinstance(data[key], str):
            data[key] = json.loads(data[key]) if data[key] else []
    data.pop("viz", None)


def _read(path: Path) -> nx.Graph:
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, edges="edges")
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


def read_graph(path: str | Path) -> nx.Graph:
    """The graph in a graphkit graph.json / graph.graphml / graph.gexf, lists restored;
    evidence texts come from graph.json itself, or from sentences.csv next to the file."""
    path = Path(path)
    if path.suffix not in READABLE:
        raise GraphkitError(f"cannot read {path}: expected one of {', '.join(READABLE)}")
    try:
        read = _read(path)
    except FileNotFoundError:
        raise GraphkitError(f"graph file not found: {path}") from None
    except (ValueError, KeyError, SyntaxError, nx.NetworkXError) as exc:
        raise GraphkitError(f"cannot read {path}: {exc}") from None
    graph = nx.Graph()
    if path.suffix == ".json":
        graph.graph.update(read.graph)
    else:
        graph.graph.update(_sentence_tables(path))
    for node in sorted(read):
        graph.add_node(node, **read.nodes[node])
    for a, b in sorted(tuple(sorted(edge)) for edge in read.edges):
        graph.add_edge(a, b, **read.edges[a, b])
    for _, data in graph.nodes(data=True):
        _unflatten(data)
    for _, _, data in graph.edges(data=True):
        _unflatten(data)
    return graph
