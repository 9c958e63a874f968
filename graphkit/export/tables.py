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


def csv_chunks(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The CSV text of a header and rows, in pieces of CHUNK rows, safe to open in a
    spreadsheet (every CSV graphkit writes goes through here)."""
    buffer = io.StringIO()
    plain = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    _write_rows([[_cell(name) for name in columns]], plain, quoted)
    remaining = iter(rows)
    while chunk := [[_cell(v) for v in row] for row in islice(remaining, CHUNK)]:
        _write_rows(chunk, plain, quoted)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _write_rows(rows: list[list[Any]], plain: Any, quoted: Any) -> None:
    """Write rows; a row with a cell holding a bare carriage return is quoted whole: the
    csv module quotes only cells holding the line terminator ('\\n'), and a spreadsheet
    would start a new row (whose first cell could be a formula) at an unquoted '\\r'."""
    if not any(type(c) is str and "\r" in c for row in rows for c in row):
        plain.writerows(rows)  # the common case, in one call
        return
    for row in rows:
        (quoted if any(type(c) is str and "\r" in c for c in row) else plain).writerow(row)


def nodes_csv_chunks(graph: nx.Graph) -> Iterator[str]:
    """One row per node: the contract's columns first, then any other attribute."""
    extra = sorted({k for _, d in graph.nodes(data=True) for k in d} - set(NODE_COLUMNS))
    columns = list(NODE_COLUMNS) + extra
    return csv_chunks(columns, ([node] + [data.get(c, "") for c in columns[1:]]
                                for node, data in sorted(graph.nodes(data=True))))


def edges_csv_chunks(graph: nx.Graph) -> Iterator[str]:
    """One row per edge (source < target): contract columns, then the rest."""
    keys = {tuple(d) for _, _, d in graph.edges(data=True)}
    extra = sorted({k for ks in keys for k in ks} - set(EDGE_COLUMNS) - IN_MEMORY_ONLY)
    columns = list(EDGE_COLUMNS) + extra
    rows = sorted((min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True))
    return csv_chunks(columns, ([a, b] + [d.get(c, "") for c in columns[2:]]
                                for a, b, d in rows))


def sentences_csv_chunks(graph: nx.Graph) -> Iterator[str]:
    """One row per sentence some edge's `evidence` refers to (doc, sentence, date, text):
    the texts once, instead of on every edge."""
    return csv_chunks(SENTENCE_COLUMNS, (sentence_record(graph, ref).values()
                                         for ref in evidence_refs(graph)))


def mentions_csv_chunks(links: Iterable[LinkedMention]) -> Iterator[str]:
    """One row per linked mention, in document and offset order."""
    ordered = sorted(links, key=lambda lk: (lk.mention.doc, lk.mention.start, lk.mention.end))
    return csv_chunks(MENTION_COLUMNS, ((lk.mention.doc, lk.mention.start, lk.mention.end,
                                   lk.mention.text, lk.entity, lk.mention.sentence,
                                   lk.mention.type, lk.how) for lk in ordered))


def documents_csv_chunks(extractions: Iterable[Extraction]) -> Iterator[str]:
    """One row per document read: doc, title, date (ISO, '' when unknown), url, source
    (outlet or site), format (what it was read from) and words (as NER counted them)."""
    ordered = sorted(extractions, key=lambda e: e.doc.id)
    return csv_chunks(DOCUMENT_COLUMNS, ((e.doc.id, e.doc.title, e.doc.date, e.doc.url,
                                         e.doc.source, e.doc.format, e.words)
                                        for e in ordered))
