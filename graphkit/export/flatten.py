"""Turn list- and dict-valued attributes into JSON strings for flat formats."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx


def to_json(value: Any) -> str:
    """Stable compact JSON (keys sorted, UTF-8 kept)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def flat_value(value: Any) -> Any:
    """Lists and dicts become JSON strings; None becomes ''; scalars stay as they are."""
    if isinstance(value, list | tuple | dict):
        return to_json(value)
    return "" if value is None else value


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of `graph` whose attributes are all scalars (GraphML, GEXF, CSV), keys sorted
    so that a graph read back from any format writes the same bytes."""
    flat = nx.Graph()
    flat.graph.update({k: flat_value(v) for k, v in sorted(graph.graph.items())})
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: flat_value(v) for k, v in sorted(data.items())})
    for a, b, data in graph.edges(data=True):
        flat.add_edge(a, b, **{k: flat_value(v) for k, v in sorted(data.items())})
    return flat
