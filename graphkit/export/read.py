"""Read a built graph back from graph.json, graph.graphml or graph.gexf (no NER needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import GraphkitError

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


def read_graph(path: str | Path) -> nx.Graph:
    """The graph in a graphkit graph.json / graph.graphml / graph.gexf, lists restored."""
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
    for node in sorted(read):
        graph.add_node(node, **read.nodes[node])
    for a, b in sorted(tuple(sorted(edge)) for edge in read.edges):
        graph.add_edge(a, b, **read.edges[a, b])
    for _, data in graph.nodes(data=True):
        _unflatten(data)
    for _, _, data in graph.edges(data=True):
        _unflatten(data)
    return graph
