"""graph.html: a self-contained interactive page (vis-network from pyvis, inlined)."""

from __future__ import annotations

import json
import math
import re
from importlib import resources
from typing import Any

import networkx as nx

from .colors import COMMUNITY_COLORS, OTHER_COLOR, TYPE_COLORS
from .evidence import sentence_record

MAX_NODES = 300  # vis-network stays responsive up to a few hundred nodes
_VIS_DIR = ("lib", "vis-9.1.2")
_SLOT = re.compile(r"/\*VIS_CSS\*/|__GRAPH_DATA__|/\*VIS_JS\*/")


def _asset(package: str, *parts: str) -> str:
    resource = resources.files(package)
    for part in parts:
        resource = resource / part
    return resource.read_text(encoding="utf-8")


def _script_safe_json(value: Any) -> str:
    """JSON that cannot close its <script> element or open markup."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def visible_subgraph(graph: nx.Graph, max_nodes: int = MAX_NODES) -> nx.Graph:
    """The `max_nodes` most mentioned nodes (ties by id), for a page that stays fast."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("mentions", 0), n))
    return graph.subgraph(ranked[:max_nodes])


NODE_SPACING = 70.0  # pixels per sqrt(node) of a component's radius on the page


def _component_layout(graph: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1] for one connected component (log-damped weights)."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    component = nx.Graph()
    component.add_nodes_from(nodes)
    component.add_edges_from((a, b, {"pull": 1.0 + math.log(d.get("weight", 1))})
                             for a, b, d in graph.subgraph(nodes).edges(data=True))
    positions = nx.spring_layout(component, seed=7, weight="pull", iterations=100)
    return {n: (float(x), float(y)) for n, (x, y) in positions.items()}


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Deterministic positions computed once in Python, so the page needs no physics: the
    largest component in the middle, smaller ones and isolated nodes in rows beneath it."""
    components = sorted((sorted(c) for c in nx.connected_components(graph)),
                        key=lambda c: (-len(c), c[0]))
    placed: dict[str, tuple[float, float]] = {}
    cursor_x = cursor_y = row_height = 0.0
    width = 0.0
    for index, nodes in enumerate(components):
        radius = NODE_SPACING * max(len(nodes), 1) ** 0.5 * (2.0 if index == 0 else 0.8)
        if index == 0:
            width = 2 * radius
            cursor_x, cursor_y = -radius, radius + NODE_SPACING * 1.5
        elif cursor_x + 2 * radius > width / 2 + radius and cursor_x > -width / 2:
            cursor_x, cursor_y = -width / 2, cursor_y + row_height + NODE_SPACING
            row_height = 0.0
        center = (0.0, 0.0) if index == 0 else (cursor_x + radius, cursor_y + radius)
        for node, (x, y) in _component_layout(graph, nodes).items():
            placed[node] = (round(center[0] + x * radius, 1), round(center[1] + y * radius, 1))
        if index:
            cursor_x += 2 * radius + NODE_SPACING
            row_height = max(row_height, 2 * radius)
    return placed


NODE_FIELDS = ("label", "type", "aliases", "mentions", "documents", "kb_id", "degree",
               "weighted_degree", "pagerank", "betweenness", "community")
EDGE_FIELDS = ("weight", "documents", "npmi", "dice", "g2", "first_date", "last_date",
               "evidence")


MAX_NAME = 200  # characters of a label or an alias shown on the page
MAX_ALIASES = 50  # aliases listed per node on the page


def _fields(data: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: data[name] for name in names if name in data}


def shortened_names(fields: dict[str, Any]) -> dict[str, Any]:
    """A node's label and aliases as the page shows them: each at most MAX_NAME characters
    and at most MAX_ALIASES aliases, cut with an ellipsis (a 200 MB 'name' in a hostile
    corpus would otherwise go into the page whole). The data files keep them whole.

    >>> shortened_names({"label": "x" * 300, "aliases": ["a"] * 60})["label"][-3:]
    'xx…'
    >>> shortened_names({"label": "Putin", "aliases": ["a"] * 60})["aliases"][-1]
    '… 10 more'
    """
    def cut(text: Any) -> Any:
        if isinstance(text, str) and len(text) > MAX_NAME:
            return text[:MAX_NAME - 1] + "…"
        return text

    if "label" in fields:
        fields["label"] = cut(fields["label"])
    aliases = fields.get("aliases")
    if isinstance(aliases, list):
        shown = [cut(alias) for alias in aliases[:MAX_ALIASES]]
        more = len(aliases) - MAX_ALIASES
        fields["aliases"] = shown + [f"… {more} more"] if more > 0 else shown
    return fields


def _edge(graph: nx.Graph, a: str, b: str, data: dict[str, Any]) -> dict[str, Any]:
    """An edge for the page, its evidence refs resolved to doc, sentence, date and text."""
    fields = _fields(data, EDGE_FIELDS)
    if "evidence" in fields:
        fields["evidence"] = [sentence_record(graph, ref) if isinstance(ref, str) else ref
                              for ref in fields["evidence"]]
    return {"source": min(a, b), "target": max(a, b), **fields}


def page_data(graph: nx.Graph, summary: str = "") -> dict[str, Any]:
    """What the page's script reads: nodes with positions, edges (of the shown nodes only)
    with the texts of their evidence, notes."""
    shown = visible_subgraph(graph)
    positions = layout(shown)
    nodes = [{"id": n, "x": positions[n][0], "y": positions[n][1],
              **shortened_names(_fields(d, NODE_FIELDS))}
             for n, d in sorted(shown.nodes(data=True))]
    edges = [_edge(graph, a, b, d) for a, b, d in
             sorted(shown.edges(data=True), key=lambda e: (min(e[:2]), max(e[:2])))]
    truncated = ""
    if shown.number_of_nodes() < graph.number_of_nodes():
        truncated = (f"Showing the {shown.number_of_nodes()} most mentioned of "
                     f"{graph.number_of_nodes()} entities; graph.graphml and graph.json hold all.")
    summary = summary or (f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    return {"graph": {"summary": summary, "truncated": truncated},
            "colors": {"types": TYPE_COLORS, "other": OTHER_COLOR,
                       "communities": list(COMMUNITY_COLORS)},
            "nodes": nodes, "edges": edges}


def html_text(graph: nx.Graph, summary: str = "") -> str:
    """The whole page as one string: no external scripts, styles or requests."""
    page = _asset("graphkit", "export", "page.html")
    vis_js = _asset("pyvis", *_VIS_DIR, "vis-network.min.js").replace("</script", "<\\/script")
    vis_css = _asset("pyvis", *_VIS_DIR, "vis-network.css")
    slots = {"/*VIS_CSS*/": vis_css, "__GRAPH_DATA__": _script_safe_json(page_data(graph, summary)),
             "/*VIS_JS*/": vis_js}
    # One pass over the template: a slot's name inside inserted text (an article may say
    # "/*VIS_JS*/") is never taken for the slot itself.
    return _SLOT.sub(lambda match: slots[match.group(0)], page)
