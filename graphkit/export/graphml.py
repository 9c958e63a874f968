"""graph.graphml: typed attributes, lists as JSON strings (Gephi, Cytoscape, igraph)."""

from __future__ import annotations

import networkx as nx

from .flatten import flat_graph


def graphml_text(graph: nx.Graph) -> str:
    """GraphML with ints as int, floats as double and list attributes as JSON strings.

    Key ids are networkx's d0, d1, ... (unique even where a node and an edge attribute
    share a name, such as `documents`); attr.name carries the attribute's name."""
    lines = nx.generate_graphml(flat_graph(graph), encoding="utf-8", prettyprint=True)
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + "\n".join(lines) + "\n"
    return text.replace('attr.type="long"', 'attr.type="int"')
