"""Assemble the networkx graph: nodes are entities, edges are scored co-mentions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from .cooccur import Cooccurrence
from .dates import document_date
from .types import Entity, Extraction, LinkedMention

EVIDENCE_PER_EDGE = 5  # sentences with text kept on each edge for exports
COMMUNITY_SEED = 42  # Louvain is randomised; a fixed seed makes communities reproducible
PAGERANK_DAMPING = 0.85
BETWEENNESS_SAMPLE = 500  # above this many nodes, betweenness is estimated from a sample
NODE_METRICS = ("mentions", "documents", "degree", "weighted_degree", "pagerank",
                "betweenness")


def build_graph(entities: Mapping[str, Entity], links: Iterable[LinkedMention],
                cooccurrence: Cooccurrence, extractions: Iterable[Extraction],
                min_weight: int = 1) -> nx.Graph:
    """A plain `nx.Graph` with the contract's attributes (lists stay Python lists here).

    Nodes: label, type, aliases, mentions, documents, kb_id, linked_by, and the metrics of
    `add_metrics`. Edges: weight, documents, npmi, dice, jaccard, g2, first_date and
    last_date ('' when no document date is known), sentences (every supporting
    'doc#index'), evidence (up to EVIDENCE_PER_EDGE dicts with doc, sentence, text, date),
    and disparity."""
    extractions = tuple(extractions)
    mentions: Counter[str] = Counter()
    documents: dict[str, set[str]] = defaultdict(set)
    linked_by: dict[str, set[str]] = defaultdict(set)
    for link in links:
        mentions[link.entity] += 1
        documents[link.entity].add(link.mention.doc)
        linked_by[link.entity].add(link.how)
    graph = nx.Graph()
    for entity_id in sorted(entities):
        entity = entities[entity_id]
        graph.add_node(entity_id, label=entity.label, type=entity.type,
                       aliases=list(entity.aliases), mentions=mentions[entity_id],
                       documents=len(documents[entity_id]), kb_id=entity.kb_id,
                       linked_by=sorted(linked_by[entity_id]))
    sentence_text = {(e.doc.id, s.index): s.text for e in extractions for s in e.sentences}
    dates = {e.doc.id: document_date(e.doc) for e in extractions}
    for (a, b), pair in sorted(cooccurrence.pairs.items()):
        if pair.weight < min_weight or a not in graph or b not in graph:
            continue
        refs = list(dict.fromkeys(pair.windows))
        known = sorted(dates[d] for d in pair.documents if dates.get(d))
        graph.add_edge(a, b, weight=pair.weight, documents=len(pair.documents),
                       npmi=cooccurrence.npmi(a, b), dice=cooccurrence.dice(a, b),
                       jaccard=cooccurrence.jaccard(a, b), g2=cooccurrence.g2(a, b),
                       first_date=known[0] if known else "",
                       last_date=known[-1] if known else "",
                       sentences=[f"{doc}#{index}" for doc, index in refs],
                       evidence=[{"doc": doc, "sentence": index, "date": dates.get(doc, ""),
                                  "text": sentence_text.get((doc, index), "")}
                                 for doc, index in refs[:EVIDENCE_PER_EDGE]])
    return add_metrics(graph)


def pagerank(graph: nx.Graph, weight: str = "weight", damping: float = PAGERANK_DAMPING,
             tolerance: float = 1e-10, max_iterations: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration (pure Python: networkx's needs SciPy).

    >>> ranks = pagerank(nx.path_graph(["a", "b", "c"]))
    >>> round(ranks["b"], 4), round(sum(ranks.values()), 6)
    (0.4865, 1.0)
    """
    nodes = list(graph)
    if not nodes:
        return {}
    strength = {n: float(graph.degree(n, weight=weight)) for n in nodes}
    rank = dict.fromkeys(nodes, 1.0 / len(nodes))
    for _ in range(max_iterations):
        dangling = sum(rank[n] for n in nodes if not strength[n])
        base = (1.0 - damping + damping * dangling) / len(nodes)
        new = {n: base + damping * sum(rank[m] * graph[n][m].get(weight, 1) / strength[m]
                                       for m in graph[n]) for n in nodes}
        done = sum(abs(new[n] - rank[n]) for n in nodes) < tolerance * len(nodes)
        rank = new
        if done:
            break
    return rank


def communities(graph: nx.Graph, seed: int = COMMUNITY_SEED) -> dict[str, int]:
    """Louvain community of each node, numbered by size (0 = largest), ties by first id."""
    groups = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted((sorted(group) for group in groups), key=lambda g: (-len(g), g[0]))
    return {node: index for index, group in enumerate(ordered) for node in group}


def betweenness(graph: nx.Graph, seed: int = COMMUNITY_SEED) -> dict[str, float]:
    """Normalised betweenness with distance 1/weight (strong ties are short); sampled
    (seeded) above BETWEENNESS_SAMPLE nodes."""
    distances = nx.Graph()
    distances.add_nodes_from(graph)
    distances.add_edges_from((a, b, {"distance": 1.0 / d.get("weight", 1)})
                             for a, b, d in graph.edges(data=True))
    sample = BETWEENNESS_SAMPLE if len(graph) > BETWEENNESS_SAMPLE else None
    result: dict[str, float] = nx.betweenness_centrality(distances, k=sample, seed=seed,
                                                         weight="distance")
    return result


def disparity(graph: nx.Graph, a: str, b: str) -> float:
    """Disparity-filter p-value of an edge (Serrano et al. 2009): the smaller of its two
    endpoints' values; small means the edge carries an unusual share of a node's weight.
    An edge of a node with only that edge scores 1 from that side."""
    weight = graph[a][b].get("weight", 1)
    scores = []
    for node in (a, b):
        degree = graph.degree(node)
        share = weight / graph.degree(node, weight="weight")
        scores.append((1.0 - share) ** (degree - 1) if degree > 1 else 1.0)
    return min(scores)


def add_metrics(graph: nx.Graph) -> nx.Graph:
    """Set node degree, weighted_degree, pagerank, betweenness, community and edge
    disparity on `graph` (in place, rounded for stable output); returns it."""
    ranks = pagerank(graph)
    between = betweenness(graph)
    groups = communities(graph)
    for node, data in graph.nodes(data=True):
        data["degree"] = graph.degree(node)
        data["weighted_degree"] = int(graph.degree(node, weight="weight"))
        data["pagerank"] = round(ranks[node], 6)
        data["betweenness"] = round(between[node], 6)
        data["community"] = groups[node]
    for a, b, data in graph.edges(data=True):
        data["disparity"] = round(disparity(graph, a, b), 6)
    return graph
