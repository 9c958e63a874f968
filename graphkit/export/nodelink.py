"""graph.json: networkx node-link JSON with real arrays, for scripts and web front ends."""

from __future__ import annotations

import json

import networkx as nx


def node_link_text(graph: nx.Graph) -> str:
    """`networkx.node_link_data` (edges under "edges"), pretty, keys sorted."""
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
