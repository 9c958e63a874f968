"""nodes.csv, edges.csv and mentions.csv, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import networkx as nx

from ..types import Extraction, LinkedMention
from .evidence import evidence_refs, sentence_record
from .flatten import IN_MEMORY_ONLY, flat_value

NODE_COLUMNS = ("id", "label", "type", "aliases", "mentions", "documents", "kb_id")
EDGE_COLUMNS = ("source", "target", "weight", "documents", "npmi")
MENTION_COLUMNS = ("doc", "start", "end", "text", "entity", "sentence", "type", "how")
SENTENCE_COLUMNS = ("doc", "sentence", "date", "text")
DOCUMENT_COLUMNS = ("doc", "title", "date", "url", "source", "format", "words")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (CSV injection): prefix a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    kind = type(value)
    if kind is int or kind is float:
        return value
    if kind is str:  # the common case, without the generic checks below
        return "'" + value if value.startswith(_FORMULA_START) else value
    return safe_cell(flat_value(value))


CHUNK = 5_000  # rows per written chunk


def _csv(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    return "".join(csv_chunks(columns, rows))


def csv_chunks(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The CSV text of a header and rows, in pieces of CHUNK rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    remaining = iter(rows)
    while chunk := list(islice(remaining, CHUNK)):
        writer.writerows([[_cell(v) for v in row] for row in chunk])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def nodes_csv(graph: nx.Graph) -> str:
    """One row per node: the contract's columns first, then any other attribute."""
    return "".join(nodes_csv_chunks(graph))


def nodes_csv_chunks(graph: nx.Graph) -> Iterator[str]:
    """`nodes_csv` in pieces."""
    extra = sorted({k for _, d in graph.nodes(data=True) for k in d} - set(NODE_COLUMNS))
    columns = list(NODE_COLUMNS) + extra
    return csv_chunks(columns, ([node] + [data.get(c, "") for c in columns[1:]]
                                for node, data in sorted(graph.nodes(data=True))))


def edges_csv(graph: nx.Graph) -> str:
    """One row per edge (source < target): contract columns, then the rest."""
    return "".join(edges_csv_chunks(graph))


def edges_csv_chunks(graph: nx.Graph) -> Iterator[str]:
    """`edges_csv` in pieces."""
    keys = {tuple(d) for _, _, d in graph.edges(data=True)}
    extra = sorted({k for ks in keys for k in ks} - set(EDGE_COLUMNS) - IN_MEMORY_ONLY)
    columns = list(EDGE_COLUMNS) + extra
    rows = sorted((min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True))
    return csv_chunks(columns, ([a, b] + [d.get(c, "") for c in columns[2:]]
                                for a, b, d in rows))


def sentences_csv(graph: nx.Graph) -> str:
    """One row per sentence some edge's `evidence` refers to (doc, sentence, date, text):
    the texts once, instead of on every edge."""
    return "".join(sentences_csv_chunks(graph))


def sentences_csv_chunks(graph: nx.Graph) -> Iterator[str]:
    """`sentences_csv` in pieces."""
    return csv_chunks(SENTENCE_COLUMNS, (sentence_record(graph, ref).values()
                                         for ref in evidence_refs(graph)))


def mentions_csv(links: Iterable[LinkedMention]) -> str:
    """One row per linked mention, in document and offset order."""
    return "".join(mentions_csv_chunks(links))


def mentions_csv_chunks(links: Iterable[LinkedMention]) -> Iterator[str]:
    """`mentions_csv` in pieces."""
    ordered = sorted(links, key=lambda lk: (lk.mention.doc, lk.mention.start, lk.mention.end))
    return csv_chunks(MENTION_COLUMNS, ((lk.mention.doc, lk.mention.start, lk.mention.end,
                                   lk.mention.text, lk.entity, lk.mention.sentence,
                                   lk.mention.type, lk.how) for lk in ordered))


def documents_csv(extractions: Iterable[Extraction]) -> str:
    """One row per document read: doc, title, date (ISO, '' when unknown), url, source
    (outlet or site), format (what it was read from) and words (as NER counted them)."""
    return "".join(documents_csv_chunks(extractions))


def documents_csv_chunks(extractions: Iterable[Extraction]) -> Iterator[str]:
    """`documents_csv` in pieces."""
    ordered = sorted(extractions, key=lambda e: e.doc.id)
    return csv_chunks(DOCUMENT_COLUMNS, ((e.doc.id, e.doc.title, e.doc.date, e.doc.url,
                                         e.doc.source, e.doc.format, e.words)
                                        for e in ordered))
