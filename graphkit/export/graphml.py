"""graph.graphml: typed attributes, lists as JSON strings (Gephi, Cytoscape, igraph)."""

from __future__ import annotations

import networkx as nx

from .flatten import flat_graph


def graphml_text(graph: nx.Graph) -> str:
    """GraphML with ints as int, floats as double and list attributes as JSON strings."""
    lines = nx.generate_graphml(flat_graph(graph), encoding="utf-8", prettyprint=True,
                                named_key_ids=True)
    return "\n".join(lines) + "\n"
