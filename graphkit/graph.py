"""Assemble the networkx graph: nodes are entities, edges are scored co-mentions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from .cooccur import Cooccurrence
from .types import Entity, Extraction, LinkedMention

EVIDENCE_PER_EDGE = 5  # sentences with text kept on each edge for exports


def build_graph(entities: Mapping[str, Entity], links: Iterable[LinkedMention],
                cooccurrence: Cooccurrence, extractions: Iterable[Extraction],
                min_weight: int = 1) -> nx.Graph:
    """A plain `nx.Graph` with the contract's attributes (lists stay Python lists here).

    Nodes: label, type, aliases, mentions, documents, kb_id, linked_by.
    Edges: weight, documents, npmi, sentences (every supporting 'doc#index'), evidence
    (up to EVIDENCE_PER_EDGE dicts with doc, sentence, text)."""
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
    for (a, b), pair in sorted(cooccurrence.pairs.items()):
        if pair.weight < min_weight or a not in graph or b not in graph:
            continue
        refs = list(dict.fromkeys(pair.windows))
        graph.add_edge(a, b, weight=pair.weight, documents=len(pair.documents),
                       npmi=cooccurrence.npmi(a, b),
                       sentences=[f"{doc}#{index}" for doc, index in refs],
                       evidence=[{"doc": doc, "sentence": index,
                                  "text": sentence_text.get((doc, index), "")}
                                 for doc, index in refs[:EVIDENCE_PER_EDGE]])
    return graph
