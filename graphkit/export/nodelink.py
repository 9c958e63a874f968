"""graph.json: networkx node-link JSON with real arrays, for scripts and web front ends."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from .evidence import evidence_tables
from .flatten import GRAPH_TABLES, IN_MEMORY_ONLY

CHUNK = 5_000  # lines per written chunk
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, allow_nan=False)  # strict JSON


def _block(lines: Iterable[str], open_: str, close: str) -> Iterator[str]:
    """Items one per line between brackets ('{}' / '[]' when there are none), in chunks."""
    batch: list[str] = []
    started = False
    for line in lines:
        batch.append(line)
        if len(batch) >= CHUNK:
            yield (",\n" if started else open_ + "\n") + ",\n".join(batch)
            started, batch = True, []
    if batch:
        yield (",\n" if started else open_ + "\n") + ",\n".join(batch)
        started = True
    yield "\n" + close if started else open_ + close


def _table(table: Mapping[str, str]) -> Iterator[str]:
    return _block((f"{_ENCODER.encode(k)}: {_ENCODER.encode(v)}" for k, v in table.items()),
                  "{", "}")


def _edge(a: Any, b: Any, data: dict[str, Any]) -> str:
    edge = {k: v for k, v in data.items() if k not in IN_MEMORY_ONLY}
    edge["source"], edge["target"] = a, b
    return _ENCODER.encode(edge)


def node_link_chunks(graph: nx.Graph) -> Iterator[str]:
    """`networkx.node_link_data` (edges under "edges"), keys sorted, one node, edge or
    sentence per line. Graph attributes include `evidence_text` ({"doc#index": text} for
    every evidence ref) and `document_dates` ({doc: date}), so front ends need no other
    file; `sentences` (every supporting ref) stays in memory. Yielded in pieces, so a large
    graph is written without holding its text."""
    attributes: dict[str, Iterable[str]] = {
        k: [_ENCODER.encode(v)] for k, v in graph.graph.items() if k not in GRAPH_TABLES}
    attributes |= {k: _table(v) for k, v in evidence_tables(graph).items()}  # lazily
    yield '{"directed": false,\n"edges": '
    yield from _block((_edge(a, b, d) for a, b, d in graph.edges(data=True)), "[", "]")
    yield ',\n"graph": {'
    for number, key in enumerate(sorted(attributes)):
        yield f"{', ' if number else ''}{_ENCODER.encode(key)}: "
        yield from attributes[key]
    yield '},\n"multigraph": false,\n"nodes": '
    yield from _block((_ENCODER.encode({**data, "id": node})
                       for node, data in graph.nodes(data=True)), "[", "]")
    yield "}\n"
