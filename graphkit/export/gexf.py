"""graph.gexf: Gephi's own format, typed attributes, colour by type and size by mentions."""

from __future__ import annotations

import re

import networkx as nx

from .colors import OTHER_COLOR, TYPE_COLORS, rgb
from .flatten import flat_graph
from .graphml import XML_DECLARATION, xml_safe

_MODIFIED = re.compile(r' lastmodifieddate="[^"]*"')


def gexf_graph(graph: nx.Graph) -> nx.Graph:
    """A flat copy with Gephi `viz` colour (by type) and size (by mentions) on each node."""
    flat = flat_graph(graph)
    for _, data in flat.nodes(data=True):
        r, g, b = rgb(TYPE_COLORS.get(str(data.get("type", "")), OTHER_COLOR))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                       "size": round(4.0 + 2.0 * float(data.get("mentions", 0)) ** 0.5, 3)}
    return flat


def gexf_text(graph: nx.Graph) -> str:
    """GEXF 1.2 with ints as long, floats as double, lists as JSON strings; no timestamp,
    so the same graph always gives the same bytes; characters XML cannot hold become U+FFFD."""
    lines = nx.generate_gexf(gexf_graph(graph), encoding="utf-8", prettyprint=True)
    body = _MODIFIED.sub("", "\n".join(lines), count=1)
    return xml_safe(XML_DECLARATION + body + "\n")
