"""graph.gexf: Gephi's own format, typed attributes, colour by type and size by mentions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from .colors import OTHER_COLOR, TYPE_COLORS, rgb
from .flatten import Renderer
from .graphml import XML_DECLARATION, xml_attribute, xml_safe

GEXF_TYPES = {int: "long", float: "double", str: "string", bool: "boolean"}
_GEXF = ('<gexf xmlns:viz="http://www.gexf.net/1.2draft/viz" '
         'xmlns="http://www.gexf.net/1.2draft" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://www.gexf.net/1.2draft '
         'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">')
_META = ["  <meta>", "    <creator>graphkit</creator>", "  </meta>"]
# GEXF carries these edge attributes as XML attributes of <edge>, not as attvalues.
_EDGE_ATTRIBUTES = ("label", "weight", "type", "start", "end")


class _Attributes:
    """GEXF attribute ids 0, 1, ... by title in first-use order, per class (node, edge)."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
        self.count = 0
        self.created: list[str] = []  # classes in the order their first attribute came

    def id(self, kind: str, title: str, value_type: type) -> str:
        found = self.ids[kind].get(title)
        if found is None:
            if not self.ids[kind]:
                self.created.append(kind)
            found = self.ids[kind][title] = (str(self.count), GEXF_TYPES[value_type])
            self.count += 1
        return found[0]

    def renderer(self, kind: str, skip: frozenset[str]) -> Renderer:
        return Renderer(lambda title, value_type: self.id(kind, title, value_type),
                        '          <attvalue for="{key}" value="{{}}" />', xml_attribute,
                        skip, gexf=True)

    def lines(self) -> list[str]:
        """networkx's layout: the class declared last comes first."""
        lines = []
        for kind in reversed(self.created):
            lines.append(f'    <attributes mode="static" class="{kind}">')
            lines += [f'      <attribute id="{id_}" title="{xml_attribute(title)}" '
                      f'type="{kind_}" />' for title, (id_, kind_) in self.ids[kind].items()]
            lines.append("    </attributes>")
        return lines


def _viz(data: Mapping[str, Any]) -> str:
    """Gephi colour (by type) and size (by mentions) of a node."""
    r, g, b = rgb(TYPE_COLORS.get(str(data.get("type", "")), OTHER_COLOR))
    size = round(4.0 + 2.0 * float(data.get("mentions", 0)) ** 0.5, 3)
    return (f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />\n'
            f'        <viz:size value="{size}" />')


def _element(lines: list[str], tag: str, *children: str) -> None:
    """Append an element (inside <nodes> or <edges>); children: XML lines, or '' for none."""
    children = tuple(child for child in children if child)
    if not children:
        lines.append(f"      <{tag} />")
        return
    lines += (f"      <{tag}>", *children, f"      </{tag.split(' ', 1)[0]}>")


def _attvalues(renderer: Renderer, data: Mapping[str, Any]) -> str:
    values = renderer.render(data)
    return f"        <attvalues>\n{values}\n        </attvalues>" if values else ""


CHUNK = 2_000  # nodes or edges per written chunk


def gexf_text(graph: nx.Graph) -> str:
    """GEXF 1.2 with ints as long, floats as double, lists as JSON strings, node colour by
    type and size by mentions; no timestamp, so the same graph always gives the same bytes;
    characters XML cannot hold become U+FFFD. Streamed (no element tree), in the layout of
    `networkx.generate_gexf`, which reads it back."""
    return "".join(gexf_chunks(graph))


def gexf_chunks(graph: nx.Graph) -> Iterator[str]:
    """`gexf_text` in pieces: a first pass declares the attributes, a second writes."""
    attributes = _Attributes()
    node_values = attributes.renderer("node", frozenset({"label"}))
    edge_values = attributes.renderer("edge", frozenset(_EDGE_ATTRIBUTES))
    for _, data in graph.nodes(data=True):
        node_values.declare(data)
    for _, _, data in graph.edges(data=True):
        edge_values.declare(data)
    yield xml_safe("\n".join([XML_DECLARATION + _GEXF, *_META,
                              '  <graph defaultedgetype="undirected" mode="static" name="">',
                              *attributes.lines()])) + "\n"
    yield from _section("nodes", (_node(node, data, node_values)
                                  for node, data in graph.nodes(data=True)))
    yield from _section("edges", (_edge(number, a, b, data, edge_values) for number, (a, b, data)
                                  in enumerate(graph.edges(data=True))))
    yield "  </graph>\n</gexf>\n"


def _node(node: Any, data: Mapping[str, Any], values: Renderer) -> list[str]:
    label = xml_attribute(str(data.get("label", node)))
    lines: list[str] = []
    _element(lines, f'node id="{xml_attribute(str(node))}" label="{label}"', _viz(data),
             _attvalues(values, data))
    return lines


def _edge(number: int, a: Any, b: Any, data: Mapping[str, Any], values: Renderer) -> list[str]:
    tag = (f'edge source="{xml_attribute(str(a))}" target="{xml_attribute(str(b))}" '
           f'id="{number}"')
    for name in _EDGE_ATTRIBUTES:
        if name in data:
            tag += f' {name}="{xml_attribute(str(data[name]))}"'
    lines: list[str] = []
    _element(lines, tag, _attvalues(values, data))
    return lines


def _section(name: str, elements: Iterator[list[str]]) -> Iterator[str]:
    """<nodes> or <edges> with its elements, in XML-safe chunks."""
    lines: list[str] = []
    started = False
    for element in elements:
        if not started:
            lines.append(f"    <{name}>")
            started = True
        lines += element
        if len(lines) >= CHUNK:
            yield xml_safe("\n".join(lines)) + "\n"
            lines.clear()
    lines.append(f"    </{name}>" if started else f"    <{name} />")
    yield xml_safe("\n".join(lines)) + "\n"
