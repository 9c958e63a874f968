"""Node positions for the page and the SVG picture: deterministic, communities apart."""

from __future__ import annotations

import math
import random

import networkx as nx

LAYOUT_SEED = 7  # igraph's layouts are randomised; a fixed seed makes them reproducible
NODE_SPACING = 70.0  # page pixels per sqrt(node) of a component's radius
SAME_COMMUNITY_PULL = 4.0  # edges inside a community pull this much harder than across
LAYOUT_ITERATIONS = 500
EXACT_REPULSION = 500  # up to this many nodes every pair repels; above, igraph's grid


def _pull(graph: nx.Graph, a: str, b: str) -> float:
    """How hard an edge pulls its ends together: log-damped weight, more inside a community."""
    weight = float(graph.edges[a, b].get("weight", 1) or 1)
    same = graph.nodes[a].get("community") == graph.nodes[b].get("community")
    return (1.0 + math.log(max(weight, 1.0))) * (SAME_COMMUNITY_PULL if same else 1.0)


def _component_layout(graph: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1] for one connected component (igraph's Fruchterman-Reingold,
    seeded, so the same graph always gets the same picture). Above EXACT_REPULSION nodes
    only nearby nodes repel (igraph's grid): linear time, a second for 2,000 nodes."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    import igraph

    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted((min(index[a], index[b]), max(index[a], index[b]))
                   for a, b in graph.subgraph(nodes).edges)
    light = igraph.Graph(n=len(nodes), edges=pairs)
    weights = [_pull(graph, nodes[a], nodes[b]) for a, b in pairs]
    igraph.set_random_number_generator(random.Random(LAYOUT_SEED))  # noqa: S311 (not security)
    try:
        coords = light.layout_fruchterman_reingold(weights=weights, niter=LAYOUT_ITERATIONS,
                                                   grid="nogrid" if len(nodes) <= EXACT_REPULSION
                                                   else "grid")
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {node: ((xs[i] - cx) / half, (ys[i] - cy) / half) for node, i in index.items()}


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
