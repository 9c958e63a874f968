"""Graph filters shared by the CLI and the API: weight, types, backbone, top N, isolates."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .choices import NODE_METRICS
from .errors import GraphkitError
from .metrics import add_metrics
from .types import ENTITY_TYPES


def check_filters(top: int | None = None, by: str = "mentions",
                  types: Iterable[str] = (), backbone: float | None = None,
                  min_weight: int = 1) -> None:
    """Raise GraphkitError for an option no filter can apply."""
    if top is not None and top < 1:
        raise GraphkitError("--top must be at least 1")
    if by not in NODE_METRICS:
        raise GraphkitError(f"--top-by must be one of {', '.join(NODE_METRICS)}")
    unknown = sorted(set(types) - set(ENTITY_TYPES))
    if unknown:
        raise GraphkitError(f"unknown entity type(s) {', '.join(unknown)}; "
                            f"choose from {', '.join(ENTITY_TYPES)}")
    if backbone is not None and not 0 < backbone < 1:
        raise GraphkitError("--backbone must be a significance level between 0 and 1")
    if min_weight < 1:
        raise GraphkitError("--min-weight must be at least 1")


def top_nodes(graph: nx.Graph, top: int, by: str = "mentions") -> list[str]:
    """The `top` nodes with the highest `by` (ties: more mentions, then id)."""
    ranked = sorted(graph.nodes(data=True),
                    key=lambda item: (-item[1].get(by, 0), -item[1].get("mentions", 0), item[0]))
    return [node for node, _ in ranked[:top]]


def induced_subgraph(graph: nx.Graph, nodes: Iterable[str]) -> nx.Graph:
    """A view of `graph` on `nodes`, in the graph's own order of nodes and edges: networkx's
    `graph.subgraph(nodes)` iterates a set of `nodes` when they are fewer than half the
    graph, whose order changes with PYTHONHASHSEED, so files written from it (and the
    communities found in it) differed from one run to the next."""
    keep = set(nodes)
    return nx.subgraph_view(graph, filter_node=keep.__contains__)


def filter_graph(graph: nx.Graph, *, min_weight: int = 1, top: int | None = None,
                 by: str = "mentions", types: Iterable[str] = (),
                 drop_isolates: bool = False, backbone: float | None = None) -> nx.Graph:
    """A filtered copy of `graph` (the input is not changed), with metrics recomputed.

    In order: edges below `min_weight` go; only nodes of `types` stay (all when empty);
    with `backbone` (e.g. 0.05) only edges the disparity filter finds significant stay;
    then the `top` nodes by metric `by`; then, with `drop_isolates`, nodes without edges.

    >>> g = nx.Graph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 1})])
    >>> nx.set_node_attributes(g, {"a": "PERSON", "b": "GPE", "c": "GPE"}, "type")
    >>> sorted(filter_graph(g, min_weight=2, drop_isolates=True))
    ['a', 'b']
    >>> sorted(filter_graph(g, types=["GPE"]).edges)
    [('b', 'c')]
    """
    types = tuple(types)
    check_filters(top, by, types, backbone, min_weight)
    result = graph.copy()
    result.remove_edges_from([(a, b) for a, b, w in graph.edges(data="weight", default=1)
                              if w < min_weight])
    if types:
        result.remove_nodes_from([n for n, t in graph.nodes(data="type") if t not in types])
    if backbone is not None or top is not None:  # both read metrics of the reduced graph
        add_metrics(result)
    if backbone is not None:
        result.remove_edges_from([(a, b) for a, b, p in result.edges(data="disparity")
                                  if p >= backbone])
    if top is not None:
        result = induced_subgraph(result, top_nodes(result, top, by)).copy()
    if drop_isolates:
        result.remove_nodes_from(list(nx.isolates(result)))
    return add_metrics(result)
