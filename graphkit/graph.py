"""Assemble the networkx graph: nodes are entities, edges are scored co-mentions."""

from __future__ import annotations

import gc
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt

from .cooccur import Cooccurrence, PairCount
from .dates import document_date
from .processes import computed_aside
from .types import Document, Entity, Extraction, LinkedMention

EVIDENCE_PER_EDGE = 5  # sentence refs kept on each edge for exports (texts: EVIDENCE_TEXT)
EVIDENCE_TEXT = "evidence_text"  # graph attribute: {"doc#index": sentence text}
DOCUMENT_DATES = "document_dates"  # graph attribute: {doc: "YYYY-MM-DD"} of dated documents
# graph attribute: {doc: {"title", "url", "source"}} of documents with any of them (only the
# keys known): what a front end shows with a document's evidence
DOCUMENT_INFO = "document_info"
DOCUMENT_INFO_KEYS = ("title", "url", "source")
COMMUNITY_SEED = 42  # Louvain is randomised; a fixed seed makes communities reproducible
PAGERANK_DAMPING = 0.85
BETWEENNESS_EXACT = 2_000  # up to this many nodes betweenness is exact (Brandes)
BETWEENNESS_PIVOTS = 200  # above it, estimated from this many seeded pivot sources

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building millions of acyclic objects
    (attribute dicts, lists, XML lines): its full passes over an ever larger heap would
    otherwise cost more than the building itself. Reference counting still frees memory."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_graph(entities: Mapping[str, Entity], links: Iterable[LinkedMention],
                cooccurrence: Cooccurrence, extractions: Iterable[Extraction],
                min_weight: int = 1, processes: int = 1) -> nx.Graph:
    """A plain `nx.Graph` with the contract's attributes (lists stay Python lists here).

    Nodes: label, type, aliases, mentions, documents, kb_id, linked_by, and the metrics of
    `add_metrics`. Edges: weight, documents, npmi, dice, jaccard, g2, first_date and
    last_date ('' when no document date is known), sentences (every supporting
    'doc#index', in memory only: exports keep `evidence`), evidence (the first
    EVIDENCE_PER_EDGE of them), and disparity. Sentence texts are stored once, in the graph
    attribute EVIDENCE_TEXT ({ref: text} for every sentence ref: exports cut it to the
    evidence refs, graph.html pages through them all), document dates in
    DOCUMENT_DATES, titles, URLs and sources in DOCUMENT_INFO; ref strings are shared
    between edges, and an edge with at most EVIDENCE_PER_EDGE sentences holds one list as
    both `sentences` and `evidence`.
    With `processes` > 1 the node metrics are computed in a second process (forked) while
    this one builds the graph; the values are the same."""
    with paused_gc():
        nodes = sorted(entities)
        kept, arrays = _kept_pairs(nodes, cooccurrence, min_weight)
        with computed_aside(node_metrics, arrays, enabled=processes > 1) as metrics:
            graph = _graph(entities, nodes, links, cooccurrence, kept, extractions)
            return _set_metrics(graph, arrays, metrics())


def _kept_pairs(nodes: list[str], cooccurrence: Cooccurrence, min_weight: int
                ) -> tuple[list[tuple[tuple[str, str], PairCount]], EdgeArrays]:
    """The pairs that become edges, sorted (the order in which networkx then lists them),
    and the `EdgeArrays` of that graph, which `EdgeArrays.of` would give once it is
    built. Sorted by the ids' ranks in `nodes` (sorted ids) as numbers: the order of the
    id pairs themselves, four times faster to get than comparing the strings."""
    rank = {node: i for i, node in enumerate(nodes)}
    kept = [(key, pair) for key, pair in cooccurrence.pairs.items()
            if pair.weight >= min_weight and key[0] in rank and key[1] in rank]
    n = max(len(nodes), 1)
    keys = np.fromiter((rank[a] * n + rank[b] for (a, b), _ in kept), dtype=np.int64,
                       count=len(kept))
    order = np.argsort(keys, kind="stable")
    kept = [kept[i] for i in order.tolist()]
    weight = np.fromiter((p.weight for _, p in kept), dtype=np.float64, count=len(kept))
    return kept, EdgeArrays(nodes, keys[order] // n, keys[order] % n, weight)


def _graph(entities: Mapping[str, Entity], nodes: list[str], links: Iterable[LinkedMention],
           cooccurrence: Cooccurrence, kept: list[tuple[tuple[str, str], PairCount]],
           extractions: Iterable[Extraction]) -> nx.Graph:
    by_doc = {e.doc.id: e for e in extractions}
    mentions: Counter[str] = Counter()
    documents: dict[str, set[str]] = defaultdict(set)
    linked_by: dict[str, set[str]] = defaultdict(set)
    for link in links:
        mentions[link.entity] += 1
        documents[link.entity].add(link.mention.doc)
        linked_by[link.entity].add(link.how)
    graph = nx.Graph()
    for entity_id in nodes:
        entity = entities[entity_id]
        graph.add_node(entity_id, label=entity.label, type=entity.type,
                       aliases=list(entity.aliases), mentions=mentions[entity_id],
                       documents=len(documents[entity_id]), kb_id=entity.kb_id,
                       linked_by=sorted(linked_by[entity_id]))
    dates = {doc: date for doc, date in
             ((d, document_date(e.doc)) for d, e in sorted(by_doc.items())) if date}
    refs: dict[tuple[str, int], str] = {}  # one shared "doc#index" string per sentence
    texts: dict[str, str] = {}
    for (a, b), pair in kept:
        windows = pair.windows  # one per window: distinct (doc, sentence) refs
        sentences = [refs.get(w) or refs.setdefault(w, f"{w[0]}#{w[1]}") for w in windows]
        for (doc, index), ref in zip(windows, sentences, strict=True):
            if ref not in texts:  # every sentence, for the page's paged evidence
                texts[ref] = _sentence_text(by_doc.get(doc), index)
        docs = {doc for doc, _ in windows}
        known = [dates[d] for d in docs if d in dates]
        npmi, dice, jaccard, g2 = cooccurrence.scores(a, b)
        graph.add_edge(a, b, weight=pair.weight, documents=len(docs), npmi=npmi, dice=dice,
                       jaccard=jaccard, g2=g2, first_date=min(known) if known else "",
                       last_date=max(known) if known else "", sentences=sentences,
                       evidence=sentences if len(sentences) <= EVIDENCE_PER_EDGE
                       else sentences[:EVIDENCE_PER_EDGE])
    graph.graph[EVIDENCE_TEXT] = texts
    graph.graph[DOCUMENT_DATES] = dates
    graph.graph[DOCUMENT_INFO] = document_info(e.doc for _, e in sorted(by_doc.items()))
    return graph


def document_info(documents: Iterable[Document]) -> dict[str, dict[str, str]]:
    """{doc: {"title": ..., "url": ..., "source": ...}} with only the non-empty keys, for
    the documents that have any."""
    info = {}
    for doc in documents:
        known = {key: getattr(doc, key) for key in DOCUMENT_INFO_KEYS if getattr(doc, key)}
        if known:
            info[doc.id] = known
    return info


def _sentence_text(extraction: Extraction | None, index: int) -> str:
    if extraction is None:
        return ""
    sentences = extraction.sentences
    if 0 <= index < len(sentences) and sentences[index].index == index:
        return sentences[index].text
    return next((s.text for s in sentences if s.index == index), "")


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

    igraph's `community_multilevel` (Blondel et al.'s Louvain method, in C: about a
    second for 400k edges, where networkx's pure-Python Louvain takes ~20 s) on every
    edge, weighted, with vertices in sorted-id order and its random numbers drawn from
    `random.Random(seed)`, so the same graph always gives the same communities."""
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
    return _set_metrics(graph, arrays, node_metrics(arrays))


def _set_metrics(graph: nx.Graph, arrays: EdgeArrays, metrics: NodeMetrics) -> nx.Graph:
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
