"""Assemble the networkx graph: nodes are entities, edges are scored co-mentions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np

from .cooccur import Cooccurrence, PairCount
from .dates import document_date
from .metrics import EdgeArrays, node_metrics, set_metrics
from .processes import computed_aside, paused_gc
from .types import Document, Entity, Extraction, LinkedMention

EVIDENCE_PER_EDGE = 5  # sentence refs kept on each edge for exports (texts: EVIDENCE_TEXT)
EVIDENCE_TEXT = "evidence_text"  # graph attribute: {"doc#index": sentence text}
DOCUMENT_DATES = "document_dates"  # graph attribute: {doc: "YYYY-MM-DD"} of dated documents
# graph attribute: {doc: {"title", "url", "source"}} of documents with any of them (only the
# keys known): what a front end shows with a document's evidence
DOCUMENT_INFO = "document_info"
DOCUMENT_INFO_KEYS = ("title", "url", "source")


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
            return set_metrics(graph, arrays, metrics())


def _kept_pairs(nodes: list[str], cooccurrence: Cooccurrence, min_weight: int
                ) -> tuple[list[tuple[tuple[str, str], PairCount]], EdgeArrays]:
    """The pairs that become edges, sorted (the order in which networkx then lists them),
    and the `EdgeArrays` of that graph, which `EdgeArrays.of` would give once it is
    built. Sorted by the ids' ranks in `nodes` (sorted ids) as numbers: the order of the
    id pairs themselves, faster to get than comparing the strings
    (benchmarks/code-figures.md)."""
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
