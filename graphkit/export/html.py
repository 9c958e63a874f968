"""graph.html: a self-contained interactive page (vis-network from pyvis, inlined)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import networkx as nx

MAX_NODES = 300  # vis-network stays responsive up to a few hundred nodes
_VIS_DIR = ("lib", "vis-9.1.2")


def _asset(package: str, *parts: str) -> str:
    resource = resources.files(package)
    for part in parts:
        resource = resource / part
    return resource.read_text(encoding="utf-8")


def _script_safe_json(value: Any) -> str:
    """JSON that cannot close its <script> element or open markup."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
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


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Deterministic positions computed once in Python, so the page needs no physics."""
    if graph.number_of_nodes() == 0:
        return {}
    positions = nx.spring_layout(graph, seed=7, weight="weight", iterations=100)
    scale = 60.0 * max(graph.number_of_nodes(), 4) ** 0.5
    return {n: (round(float(x) * scale, 1), round(float(y) * scale, 1))
            for n, (x, y) in positions.items()}


def page_data(graph: nx.Graph, summary: str) -> dict[str, Any]:
    """What the page's script reads: nodes with positions, edges with evidence, notes."""
    shown = visible_subgraph(graph)
    positions = layout(shown)
    nodes = [{"id": n, "label": d["label"], "type": d["type"], "aliases": d["aliases"],
              "mentions": d["mentions"], "documents": d["documents"], "kb_id": d["kb_id"],
              "x": positions[n][0], "y": positions[n][1]}
             for n, d in sorted(shown.nodes(data=True))]
    edges = [{"source": min(a, b), "target": max(a, b), "weight": d["weight"],
              "documents": d["documents"], "npmi": d["npmi"], "evidence": d["evidence"]}
             for a, b, d in sorted(shown.edges(data=True), key=lambda e: (min(e[:2]), max(e[:2])))]
    truncated = ""
    if shown.number_of_nodes() < graph.number_of_nodes():
        truncated = (f"Showing the {shown.number_of_nodes()} most mentioned of "
                     f"{graph.number_of_nodes()} entities; graph.graphml and graph.json hold all.")
    return {"graph": {"summary": summary, "truncated": truncated}, "nodes": nodes, "edges": edges}


def html_text(graph: nx.Graph, summary: str = "") -> str:
    """The whole page as one string: no external scripts, styles or requests."""
    page = _asset("graphkit", "export", "page.html")
    vis_js = _asset("pyvis", *_VIS_DIR, "vis-network.min.js").replace("</script", "<\\/script")
    vis_css = _asset("pyvis", *_VIS_DIR, "vis-network.css")
    return (page.replace("/*VIS_CSS*/", vis_css, 1)
                .replace("__GRAPH_DATA__", _script_safe_json(page_data(graph, summary)), 1)
                .replace("/*VIS_JS*/", vis_js, 1))
