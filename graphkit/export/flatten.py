"""What the exports write of each node and edge: lists and dicts as JSON strings, keys
sorted, in-memory-only attributes left out; and a fast renderer for XML formats."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from ..graph import DOCUMENT_DATES, EVIDENCE_TEXT

# Every supporting sentence of an edge: kept in memory for `Build.evidence`, not exported
# (`weight` is their count; `evidence` holds the first EVIDENCE_PER_EDGE of them).
IN_MEMORY_ONLY = frozenset({"sentences"})
# Graph attributes that are tables: written as sentences.csv, and into graph.json only.
GRAPH_TABLES = frozenset({EVIDENCE_TEXT, DOCUMENT_DATES})
SCALARS = (int, float, bool, str)  # written as they are; anything else becomes a string
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                            allow_nan=False)  # strict JSON: no NaN or Infinity


def to_json(value: Any) -> str:
    """Stable compact JSON (keys sorted, UTF-8 kept)."""
    return _ENCODER.encode(value)


def flat_value(value: Any) -> Any:
    """Lists and dicts become JSON strings; None becomes ''; scalars stay as they are."""
    if isinstance(value, list | tuple | dict):
        return to_json(value)
    return "" if value is None else value


def flat_type(kind: type) -> type:
    """The type an exported value of Python type `kind` has (lists etc. become str)."""
    return kind if kind in SCALARS else str


def graph_items(graph: nx.Graph) -> list[tuple[str, Any]]:
    """The graph-level attributes the flat formats write (not the tables)."""
    return [(k, flat_value(v)) for k, v in sorted(graph.graph.items())
            if k not in GRAPH_TABLES]


class Renderer:
    """Renders the exported attributes of nodes or edges as XML lines, one template per
    (attribute names, value types) signature, which large graphs share across almost all
    of their elements: the per-value work is one `str.format` slot.

    `key(name, type)` names the attribute's key (GraphML key id, GEXF attribute id);
    `line` is the XML of one value with `{key}` and `{{}}` (the value) in it; `escape`
    quotes text for where the value goes. GEXF style (`gexf=True`): booleans lower case,
    infinite floats and NaN as INF, -INF, NaN; GraphML style: str() of every value."""

    def __init__(self, key: Callable[[str, type], str], line: str,
                 escape: Callable[[str], str], skip: frozenset[str] = frozenset(),
                 gexf: bool = False) -> None:
        self.key, self.line, self.escape, self.gexf = key, line, escape, gexf
        self.skip = IN_MEMORY_ONLY | skip
        self._orders: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._plans: dict[tuple[tuple[str, ...], tuple[type, ...]],
                          tuple[str, tuple[int, ...], tuple[int, ...]]] = {}

    def declare(self, data: Mapping[str, Any]) -> None:
        """Name the keys of one element's attributes (as `render` would) without
        rendering: a first pass, for formats that list every key before any element."""
        order = self._order(data)
        self._plan_of(order, tuple(type(data[name]) for name in order))

    def render(self, data: Mapping[str, Any]) -> str:
        """The lines of one element's attributes ('' when it has none)."""
        order = self._order(data)
        values = [data[name] for name in order]
        template, texts, floats = self._plan_of(order, tuple(map(type, values)))
        for i in texts:
            value = values[i]
            if type(value) is not str:
                value = str(value).lower() if self.gexf and type(value) is bool else str(
                    flat_value(value))
            values[i] = self.escape(value)
        for i in floats:
            if not math.isfinite(values[i]):
                values[i] = {"inf": "INF", "-inf": "-INF"}.get(str(values[i]), "NaN")
        return template.format(*values)

    def _order(self, data: Mapping[str, Any]) -> tuple[str, ...]:
        names = tuple(data)
        order = self._orders.get(names)
        if order is None:
            order = self._orders[names] = tuple(sorted(set(names) - self.skip))
        return order

    def _plan_of(self, order: tuple[str, ...], kinds: tuple[type, ...]) -> tuple[
            str, tuple[int, ...], tuple[int, ...]]:
        plan = self._plans.get((order, kinds))
        if plan is None:
            plan = self._plans[(order, kinds)] = self._plan(order, kinds)
        return plan

    def _plan(self, order: tuple[str, ...], kinds: tuple[type, ...]) -> tuple[
            str, tuple[int, ...], tuple[int, ...]]:
        lines = [self.line.format(key=self.key(name, flat_type(kind)))
                 for name, kind in zip(order, kinds, strict=True)]
        texts = tuple(i for i, kind in enumerate(kinds) if kind not in (int, float)
                      and (kind is not bool or self.gexf))
        floats = tuple(i for i, kind in enumerate(kinds) if kind is float and self.gexf)
        return "\n".join(lines), texts, floats
