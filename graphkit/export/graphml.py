"""graph.graphml: typed attributes, lists as JSON strings (Gephi, Cytoscape, igraph)."""

from __future__ import annotations

import re

import networkx as nx

from .flatten import flat_graph

# Characters XML 1.0 forbids even when escaped (ElementTree writes them as they are, which
# makes the file unreadable): C0 controls other than tab/newline/CR, U+FFFE/U+FFFF, surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def xml_safe(text: str) -> str:
    """`text` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def graphml_text(graph: nx.Graph) -> str:
    """GraphML with ints as int, floats as double and list attributes as JSON strings;
    characters XML cannot hold become U+FFFD.

    Key ids are networkx's d0, d1, ... (unique even where a node and an edge attribute
    share a name, such as `documents`); attr.name carries the attribute's name."""
    lines = nx.generate_graphml(flat_graph(graph), encoding="utf-8", prettyprint=True)
    text = XML_DECLARATION + "\n".join(lines) + "\n"
    return xml_safe(text.replace('attr.type="long"', 'attr.type="int"'))
