"""graph.graphml: typed attributes, lists as JSON strings (Gephi, Cytoscape, igraph)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import networkx as nx

from .flatten import Renderer, flat_type, graph_items

# Characters XML 1.0 forbids even when escaped: C0 controls other than tab/newline/CR,
# U+FFFE/U+FFFF, surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
_GRAPHML = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
GRAPHML_TYPES = {int: "int", float: "double", str: "string", bool: "boolean"}


def xml_safe(text: str) -> str:
    """`text` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def xml_text(value: str) -> str:
    """Escape character data as ElementTree does, and a carriage return as a reference
    (a parser would otherwise read it as a line feed)."""
    for char, escape in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;")):
        if char in value:
            value = value.replace(char, escape)
    return value


def xml_attribute(value: str) -> str:
    """Escape an attribute value for double quotes (as ElementTree does)."""
    value = xml_text(value)
    for char, escape in (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if char in value:
            value = value.replace(char, escape)
    return value


class _Keys:
    """GraphML <key> ids: d0, d1, ... in the order (name, type, scope) first occurs."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, type, str], str] = {}

    def id(self, name: str, kind: type, scope: str) -> str:
        key = (name, kind, scope)
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = f"d{len(self.ids)}"
        return found

    def lines(self) -> list[str]:
        """networkx's layout: the most recently created key first."""
        return [f'  <key id="{key}" for="{scope}" attr.name="{xml_attribute(name)}" '
                f'attr.type="{GRAPHML_TYPES[kind]}" />'
                for (name, kind, scope), key in reversed(self.ids.items())]


def _renderer(keys: _Keys, scope: str) -> Renderer:
    return Renderer(lambda name, kind: keys.id(name, kind, scope),
                    '      <data key="{key}">{{}}</data>', xml_text)


def _element(lines: list[str], tag: str, children: str) -> None:
    """Append an element (indented one level below <graph>) with its child lines."""
    if children:
        lines += (f"    <{tag}>", children, f"    </{tag.split(' ', 1)[0]}>")
    else:
        lines.append(f"    <{tag} />")


def _graph_data(keys: _Keys, items: list[tuple[str, Any]]) -> list[str]:
    return [f'    <data key="{keys.id(name, flat_type(type(value)), "graph")}">'
            f'{xml_text(str(value))}</data>' for name, value in items]


CHUNK = 2_000  # nodes or edges per written chunk


def graphml_text(graph: nx.Graph) -> str:
    """GraphML with ints as int, floats as double and list attributes as JSON strings;
    characters XML cannot hold become U+FFFD. Streamed (no element tree), in networkx's
    layout: the same graph gives the bytes `networkx.generate_graphml` would give.

    Key ids are d0, d1, ... (unique even where a node and an edge attribute share a name,
    such as `documents`); attr.name carries the attribute's name."""
    return "".join(graphml_chunks(graph))


def graphml_chunks(graph: nx.Graph) -> Iterator[str]:
    """`graphml_text` in pieces, so a large graph is written without holding its text.
    A first pass names the keys (they come before the graph), a second writes."""
    keys = _Keys()
    graph_data = _graph_data(keys, graph_items(graph))
    nodes, edges = _renderer(keys, "node"), _renderer(keys, "edge")
    for _, data in graph.nodes(data=True):
        nodes.declare(data)
    for _, _, data in graph.edges(data=True):
        edges.declare(data)
    yield xml_safe("\n".join([XML_DECLARATION + _GRAPHML, *keys.lines()])) + "\n"
    if not (graph_data or graph):
        yield '  <graph edgedefault="undirected" />\n</graphml>\n'
        return
    yield '  <graph edgedefault="undirected">\n'
    lines: list[str] = []
    for node, data in graph.nodes(data=True):
        _element(lines, f'node id="{xml_attribute(str(node))}"', nodes.render(data))
        if len(lines) >= CHUNK:
            yield _chunk(lines)
    for a, b, data in graph.edges(data=True):
        _element(lines, f'edge source="{xml_attribute(str(a))}" '
                        f'target="{xml_attribute(str(b))}"', edges.render(data))
        if len(lines) >= CHUNK:
            yield _chunk(lines)
    lines.extend(graph_data)  # after the edges, where networkx puts them
    if lines:
        yield _chunk(lines)
    yield "  </graph>\n</graphml>\n"


def _chunk(lines: list[str]) -> str:
    """The lines as one XML-safe piece of text (the list is emptied). An empty value is
    an empty element; values are escaped, so only those match '"></data>'."""
    text = xml_safe("\n".join(lines).replace('"></data>', '" />')) + "\n"
    lines.clear()
    return text
