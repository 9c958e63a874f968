"""nodes.csv, edges.csv and mentions.csv, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..types import LinkedMention
from .flatten import flat_value

NODE_COLUMNS = ("id", "label", "type", "aliases", "mentions", "documents", "kb_id")
EDGE_COLUMNS = ("source", "target", "weight", "documents", "npmi")
MENTION_COLUMNS = ("doc", "start", "end", "text", "entity", "sentence", "type", "how")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (CSV injection): prefix a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(flat_value(v)) for v in row])
    return buffer.getvalue()


def nodes_csv(graph: nx.Graph) -> str:
    """One row per node: the contract's columns first, then any other attribute."""
    extra = sorted({k for _, d in graph.nodes(data=True) for k in d} - set(NODE_COLUMNS))
    columns = list(NODE_COLUMNS) + extra
    return _csv(columns, ([node] + [data.get(c, "") for c in columns[1:]]
                          for node, data in sorted(graph.nodes(data=True))))


def edges_csv(graph: nx.Graph) -> str:
    """One row per edge (source < target): contract columns, then the rest."""
    extra = sorted({k for _, _, d in graph.edges(data=True) for k in d} - set(EDGE_COLUMNS))
    columns = list(EDGE_COLUMNS) + extra
    rows = sorted((min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True))
    return _csv(columns, ([a, b] + [d.get(c, "") for c in columns[2:]] for a, b, d in rows))


def mentions_csv(links: Iterable[LinkedMention]) -> str:
    """One row per linked mention, in document and offset order."""
    ordered = sorted(links, key=lambda lk: (lk.mention.doc, lk.mention.start, lk.mention.end))
    return _csv(MENTION_COLUMNS, ((lk.mention.doc, lk.mention.start, lk.mention.end,
                                   lk.mention.text, lk.entity, lk.mention.sentence,
                                   lk.mention.type, lk.how) for lk in ordered))
