"""The sentences behind edges: evidence refs ('doc#index'), their texts and dates."""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..graph import DOCUMENT_DATES, EVIDENCE_TEXT


def split_ref(ref: str) -> tuple[str, int]:
    """('doc', index) of a 'doc#index' ref (document ids may contain '#').

    >>> split_ref("a#b.txt#3")
    ('a#b.txt', 3)
    """
    doc, _, index = ref.rpartition("#")
    return doc, int(index)


def evidence_refs(graph: nx.Graph) -> list[str]:
    """Every ref in some edge's `evidence`, in document and sentence order."""
    refs = {ref for _, _, refs in graph.edges(data="evidence", default=()) for ref in refs}
    return sorted(refs, key=split_ref)


def sentence_record(graph: nx.Graph, ref: str) -> dict[str, Any]:
    """doc, sentence, date and text of one evidence ref ('' where unknown)."""
    doc, index = split_ref(ref)
    return {"doc": doc, "sentence": index,
            "date": graph.graph.get(DOCUMENT_DATES, {}).get(doc, ""),
            "text": graph.graph.get(EVIDENCE_TEXT, {}).get(ref, "")}


def evidence_tables(graph: nx.Graph) -> dict[str, dict[str, str]]:
    """The graph's text and date tables cut to what its edges' evidence refers to."""
    refs = evidence_refs(graph)
    texts = graph.graph.get(EVIDENCE_TEXT, {})
    dates = graph.graph.get(DOCUMENT_DATES, {})
    docs = sorted({split_ref(ref)[0] for ref in refs})
    return {EVIDENCE_TEXT: {ref: texts.get(ref, "") for ref in refs},
            DOCUMENT_DATES: {doc: dates[doc] for doc in docs if doc in dates}}
