"""Graph metrics over numpy edge arrays: PageRank, betweenness, Louvain communities and the
disparity filter's edge scores, set on a graph by `add_metrics`."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt

COMMUNITY_SEED = 42  # Louvain is randomised; a fixed seed makes communities reproducible
PAGERANK_DAMPING = 0.85
BETWEENNESS_EXACT = 2_000  # up to this many nodes betweenness is exact (Brandes)
BETWEENNESS_PIVOTS = 200  # above it, estimated from this many seeded pivot sources

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class EdgeArrays:
    """The graph as numpy arrays: node order, each edge once (u, v) and its weight."""

    nodes: list[str]
    u: Ints
    v: Ints
    weight: Floats

    @classmethod
    def of(cls, graph: nx.Graph, weight: str = "weight") -> EdgeArrays:
        nodes = list(graph)
        index = {node: i for i, node in enumerate(nodes)}
        flat: list[float] = []
        for a, b, w in graph.edges(data=weight, default=1):
            flat += (index[a], index[b], w)
        table = np.array(flat, dtype=np.float64).reshape(-1, 3)
        return cls(nodes, table[:, 0].astype(np.int64), table[:, 1].astype(np.int64),
                   table[:, 2].copy())

    @property
    def n(self) -> int:
        return len(self.nodes)

    def degree(self) -> Ints:
        return np.bincount(np.concatenate([self.u, self.v]), minlength=self.n)

    def strength(self) -> Floats:
        ends, weights = np.concatenate([self.u, self.v]), np.concatenate([self.weight] * 2)
        return np.bincount(ends, weights=weights, minlength=self.n).astype(np.float64)


def pagerank(graph: nx.Graph, weight: str = "weight", damping: float = PAGERANK_DAMPING,
             tolerance: float = 1e-10, max_iterations: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration over edge arrays (numpy; networkx's needs SciPy).
    Same fixed point as networkx's: dangling nodes spread their rank uniformly.

    >>> ranks = pagerank(nx.path_graph(["a", "b", "c"]))
    >>> round(ranks["b"], 4), round(sum(ranks.values()), 6)
    (0.4865, 1.0)
    """
    arrays = EdgeArrays.of(graph, weight)
    return dict(zip(arrays.nodes, _pagerank(arrays, damping, tolerance, max_iterations),
                    strict=True))


def _pagerank(arrays: EdgeArrays, damping: float = PAGERANK_DAMPING,
              tolerance: float = 1e-10, max_iterations: int = 200) -> list[float]:
    """`pagerank` of each node, in `arrays.nodes` order."""
    n = arrays.n
    if not n:
        return []
    source = np.concatenate([arrays.u, arrays.v])
    target = np.concatenate([arrays.v, arrays.u])
    strength = arrays.strength()
    dangling = strength == 0
    share = np.concatenate([arrays.weight, arrays.weight]) / np.where(dangling, 1.0,
                                                                     strength)[source]
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iterations):
        base = (1.0 - damping + damping * rank[dangling].sum()) / n
        new = base + damping * np.bincount(target, weights=rank[source] * share, minlength=n)
        done = np.abs(new - rank).sum() < tolerance * n
        rank = new
        if done:
            break
    return list(rank.tolist())


def communities(graph: nx.Graph, seed: int = COMMUNITY_SEED) -> dict[str, int]:
    """Louvain community of each node, numbered by size (0 = largest), ties by first id.

    igraph's `community_multilevel` (Blondel et al.'s Louvain method, in C: much faster
    than networkx's pure-Python Louvain on large graphs, benchmarks/graph_scale.md) on
    every edge, weighted, with vertices in sorted-id order and its random numbers drawn
    from `random.Random(seed)`, so the same graph always gives the same communities."""
    return _communities(EdgeArrays.of(graph), seed)


def _communities(arrays: EdgeArrays, seed: int = COMMUNITY_SEED) -> dict[str, int]:
    import igraph

    nodes = sorted(arrays.nodes)
    rank = np.empty(arrays.n, dtype=np.int64)
    rank[sorted(range(arrays.n), key=arrays.nodes.__getitem__)] = np.arange(arrays.n)
    u, v = rank[arrays.u], rank[arrays.v]
    low, high = np.minimum(u, v), np.maximum(u, v)
    order = np.lexsort((high, low))
    light = igraph.Graph(n=len(nodes), edges=np.column_stack((low[order], high[order]))
                         .tolist(), edge_attrs={"weight": arrays.weight[order].tolist()})
    igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 (not security)
    try:
        membership = light.community_multilevel(weights="weight").membership
    finally:
        igraph.set_random_number_generator(random)
    groups: dict[int, list[str]] = defaultdict(list)
    for index, group in enumerate(membership):
        groups[group].append(nodes[index])
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    return {node: number for number, group in enumerate(ordered) for node in group}


def betweenness(graph: nx.Graph, seed: int = COMMUNITY_SEED, exact: int = BETWEENNESS_EXACT,
                pivots: int = BETWEENNESS_PIVOTS) -> dict[str, float]:
    """Normalised betweenness on hop counts (Brandes' algorithm, vectorised with numpy).

    Co-occurrence weights are strengths, not distances, so shortest paths count hops. Up to
    `exact` nodes the value is exact (networkx's `betweenness_centrality(G)`); above, it is
    estimated from `pivots` source nodes drawn with `random.Random(seed)` from the sorted
    node ids (networkx's `k`-sampling estimator and scaling, Brandes & Pich 2007): the same
    graph always gives the same values, and the cost is `pivots` breadth-first searches.

    >>> b = betweenness(nx.path_graph(["a", "b", "c"]))
    >>> b["b"], b["a"]
    (1.0, 0.0)
    """
    arrays = EdgeArrays.of(graph)
    return dict(zip(arrays.nodes, _betweenness(arrays, seed, exact, pivots), strict=True))


def _betweenness(arrays: EdgeArrays, seed: int = COMMUNITY_SEED,
                 exact: int = BETWEENNESS_EXACT,
                 pivots: int = BETWEENNESS_PIVOTS) -> list[float]:
    """`betweenness` of each node, in `arrays.nodes` order."""
    n = arrays.n
    if n < 3:
        return [0.0] * n
    sources = list(range(n))
    if n > exact and pivots < n:
        ordered = sorted(range(n), key=arrays.nodes.__getitem__)
        sources = random.Random(seed).sample(ordered, pivots)  # noqa: S311 - not secret
    head = np.concatenate([arrays.u, arrays.v])
    tail = np.concatenate([arrays.v, arrays.u])
    order = np.argsort(head, kind="stable")
    heads, neighbours = head[order], tail[order]
    offsets = np.concatenate([[0], np.cumsum(np.bincount(head, minlength=n))])
    total = np.zeros(n)
    for source in sources:
        total += _dependencies(offsets, heads, neighbours, source, n)
    k = len(sources)
    if k == n:
        total *= 1.0 / ((n - 1) * (n - 2))
    else:
        sampled = np.zeros(n, dtype=bool)
        sampled[sources] = True
        total *= np.where(sampled, 1.0 / ((k - 1) * (n - 2)) if k > 1 else 0.0,
                          1.0 / (k * (n - 2)))
    return list(total.tolist())


def _dependencies(offsets: Ints, heads: Ints, neighbours: Ints, source: int,
                  n: int) -> Floats:
    """Brandes' dependency of `source` on every node (0 for the source itself), by a
    level-synchronous breadth-first search over the CSR arrays (directed edge i runs from
    heads[i] to neighbours[i], grouped by head; offsets[v] is v's first edge)."""
    seen = np.zeros(n, dtype=bool)
    sigma = np.zeros(n)  # number of shortest paths from the source
    seen[source], sigma[source] = True, 1.0
    frontier = np.array([source], dtype=np.int64)
    levels = []
    while True:
        starts = offsets[frontier]
        counts = offsets[frontier + 1] - starts
        total = int(counts.sum())
        if not total:
            break
        positions = np.arange(total) + np.repeat(starts - np.cumsum(counts) + counts, counts)
        positions = positions[~seen[neighbours[positions]]]
        if not positions.size:
            break
        parent, child = heads[positions], neighbours[positions]
        paths = np.bincount(child, weights=sigma[parent], minlength=n)
        frontier = np.flatnonzero(paths)
        sigma[frontier] = paths[frontier]
        seen[frontier] = True
        levels.append((parent, child))
    delta = np.zeros(n)
    for parent, child in reversed(levels):
        flow = sigma[parent] * (1.0 + delta[child]) / sigma[child]
        delta += np.bincount(parent, weights=flow, minlength=n)
    delta[source] = 0.0
    return delta


def disparities(arrays: EdgeArrays) -> Floats:
    """Disparity-filter p-value of each edge (Serrano et al. 2009): the smaller of its two
    endpoints' values; small means the edge carries an unusual share of a node's weight.
    An edge of a node with only that edge scores 1 from that side."""
    degree, strength = arrays.degree(), arrays.strength()
    sides = []
    for end in (arrays.u, arrays.v):
        share = arrays.weight / strength[end]
        sides.append(np.where(degree[end] > 1, (1.0 - share) ** (degree[end] - 1), 1.0))
    return np.minimum(sides[0], sides[1])


def disparity(graph: nx.Graph, a: str, b: str) -> float:
    """Disparity-filter p-value of one edge (see `disparities`)."""
    weight = graph[a][b].get("weight", 1)
    scores = []
    for node in (a, b):
        degree = graph.degree(node)
        share = weight / graph.degree(node, weight="weight")
        scores.append((1.0 - share) ** (degree - 1) if degree > 1 else 1.0)
    return min(scores)


@dataclass(frozen=True)
class NodeMetrics:
    """PageRank, betweenness and community of each node, in `EdgeArrays.nodes` order."""

    pagerank: list[float]
    betweenness: list[float]
    community: list[int]


def node_metrics(arrays: EdgeArrays) -> NodeMetrics:
    """The metrics of `add_metrics` that look at the whole graph, from its arrays."""
    groups = _communities(arrays)
    return NodeMetrics(_pagerank(arrays), _betweenness(arrays),
                       [groups[n] for n in arrays.nodes])


def add_metrics(graph: nx.Graph) -> nx.Graph:
    """Set node degree, weighted_degree, pagerank, betweenness, community and edge
    disparity on `graph` (in place, rounded for stable output); returns it."""
    arrays = EdgeArrays.of(graph)
    return set_metrics(graph, arrays, node_metrics(arrays))


def set_metrics(graph: nx.Graph, arrays: EdgeArrays, metrics: NodeMetrics) -> nx.Graph:
    """`add_metrics` with the metrics given; `arrays` lists the graph's nodes and edges
    in the graph's own order."""
    degrees = arrays.degree().tolist()
    strengths = arrays.strength().tolist()
    for i, (_, data) in enumerate(graph.nodes(data=True)):
        data["degree"] = degrees[i]
        data["weighted_degree"] = int(strengths[i])
        data["pagerank"] = round(metrics.pagerank[i], 6)
        data["betweenness"] = round(metrics.betweenness[i], 6)
        data["community"] = metrics.community[i]
    values = disparities(arrays).tolist()
    for (_, _, data), value in zip(graph.edges(data=True), values, strict=True):
        data["disparity"] = round(value, 6)
    return graph
