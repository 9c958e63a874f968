"""The result of a build: the graph, its mentions and entities, and ways to look at them.

In a notebook (`g` is the seed build, `graphkit.build("seeds")`):

>>> g.summary()                                                   # doctest: +ELLIPSIS
'5 documents, ... mentions, ... nodes, ... edges'
>>> g.node("Putin"), g.node("Kim Jong Un")
('person:vladimir-putin', 'person:kim-jong-un')
>>> g.nodes_frame().loc["person:vladimir-putin", ["label", "type"]].tolist()
['Vladimir Putin', 'PERSON']
>>> list(g.edges_frame().columns[:5])
['source', 'target', 'source_label', 'target_label', 'weight']
>>> g.edges_frame().query("source_label == 'Kim Jong Un'").iloc[0].target_label
'Vladimir Putin'
>>> first = g.evidence("Putin", "Kim Jong Un")[0]
>>> sorted(first)
['date', 'doc', 'sentence', 'text']
>>> ego = g.subgraph(ego="Kim Jong Un")
>>> all(ego.graph.has_edge("person:kim-jong-un", n) for n in ego.graph if n != ego.node("Kim"))
True
>>> g.filter(types=["PERSON"], top=5).graph.number_of_nodes()
5
>>> g.show()                                                      # doctest: +ELLIPSIS
<graphkit page: ... nodes, ... edges>
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .dates import document_date
from .export import FORMATS, Doubts, HeldFiles, doubtful_mentions, write_format, write_outputs
from .export.evidence import split_ref
from .filters import filter_graph, induced_subgraph
from .link.names import normalize_name

if TYPE_CHECKING:
    from .types import Entity, Extraction, LinkedMention

NODE_COLUMNS = ("label", "type", "mentions", "documents", "degree", "weighted_degree",
                "pagerank", "betweenness", "community", "kb_id", "aliases")
EDGE_COLUMNS = ("source", "target", "source_label", "target_label", "weight", "documents",
                "npmi", "dice", "jaccard", "g2", "disparity", "first_date", "last_date")


@dataclass(frozen=True)
class Page:
    """The interactive graph page; a notebook shows it inline (in an iframe)."""

    html: str
    nodes: int
    edges: int
    height: int = 600

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
                'sandbox="allow-scripts"></iframe>')

    def __repr__(self) -> str:
        return f"<graphkit page: {self.nodes} nodes, {self.edges} edges>"

    def save(self, path: str | Path) -> Path:
        """Write the page as a self-contained HTML file."""
        Path(path).write_text(self.html, encoding="utf-8")
        return Path(path)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the environment
        from .errors import GraphkitError

        raise GraphkitError("tables need pandas: pip install 'graphkit[notebook]'") from None
    return pandas


@dataclass(frozen=True)
class Build:
    """The result of a build: the graph plus the mentions and entities behind it, and
    whether its outputs include graph.gexf (`gexf`)."""

    graph: nx.Graph
    entities: dict[str, Entity]
    mentions: tuple[LinkedMention, ...]
    extractions: tuple[Extraction, ...]
    gexf: bool = False

    @property
    def documents(self) -> int:
        return len(self.extractions)

    def summary(self) -> str:
        """One line: documents, mentions, nodes, edges."""
        return (f"{self.documents} documents, {len(self.mentions)} mentions, "
                f"{self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges")

    def write(self, out: str | Path, gexf: bool | None = None, processes: int = 1,
              held: HeldFiles | None = None) -> list[Path]:
        """Write every output-contract file into `out` (atomically, file by file), and
        graph.gexf if `gexf` (default: as the build was asked); `processes` > 1
        writes files side by side in forked processes; `held`: files of these mentions
        already being written (`graphkit.export.write_link_files`)."""
        return write_outputs(self.graph, self.mentions, Path(out), self.summary(),
                             self.gexf if gexf is None else gexf, processes, held,
                             self.extractions, self.doubts())

    def doubts(self) -> Doubts:
        """Each node's mentions linked by a doubtful rule, grouped and ranked (graph.html
        lists them in node panels)."""
        return doubtful_mentions(self.mentions, self.extractions)

    def export(self, to: str, out: str | Path) -> list[Path]:
        """Write the graph in one format (html, graphml, gexf, json, csv) to a file or folder
        (the html page lists doubtful mentions, as the build's does)."""
        return write_format(self.graph, to, Path(out), self.doubts() if to == "html" else None)

    def node(self, name: str) -> str:
        """The node id for an id, a label or an alias (case- and accent-insensitive); the
        most mentioned node wins when a short name fits several."""
        if name in self.graph:
            return name
        key = normalize_name(name)
        matches = [n for n, d in self.graph.nodes(data=True)
                   if key == normalize_name(d.get("label", ""))
                   or key in (normalize_name(a) for a in d.get("aliases", []))]
        if not matches:
            raise KeyError(f"no node called {name!r}")
        best: str = min(matches, key=lambda n: (-self.graph.nodes[n].get("mentions", 0), n))
        return best

    def nodes_frame(self) -> Any:
        """Nodes as a pandas DataFrame indexed by id, most mentioned first (needs pandas)."""
        rows = [{"id": n, **{c: d.get(c) for c in NODE_COLUMNS}}
                for n, d in self.graph.nodes(data=True)]
        frame = _pandas().DataFrame(rows, columns=["id", *NODE_COLUMNS]).set_index("id")
        return frame.sort_values(["mentions", "pagerank"], ascending=False, kind="stable")

    def edges_frame(self) -> Any:
        """Edges as a pandas DataFrame (source < target), heaviest first."""
        label = dict(self.graph.nodes(data="label"))
        rows = [{"source": min(a, b), "target": max(a, b), "source_label": label[min(a, b)],
                 "target_label": label[max(a, b)], **{c: d.get(c) for c in EDGE_COLUMNS[4:]}}
                for a, b, d in self.graph.edges(data=True)]
        frame = _pandas().DataFrame(rows, columns=list(EDGE_COLUMNS))
        frame = frame.sort_values(["source", "target"]).sort_values(
            ["weight", "npmi"], ascending=False, kind="stable")
        return frame.reset_index(drop=True)

    @cached_property
    def _texts(self) -> dict[tuple[str, int], str]:
        return {(e.doc.id, s.index): s.text for e in self.extractions for s in e.sentences}

    @cached_property
    def _dates(self) -> dict[str, str]:
        return {e.doc.id: document_date(e.doc) for e in self.extractions}

    def _sentence(self, doc: str, index: int) -> dict[str, Any]:
        return {"doc": doc, "sentence": index, "date": self._dates.get(doc, ""),
                "text": self._texts.get((doc, index), "")}

    def evidence(self, a: str, b: str | None = None) -> list[dict[str, Any]]:
        """Every sentence behind the edge a–b (doc, sentence, date, text), in document order;
        with one name, every sentence that mentions that node."""
        first = self.node(a)
        if b is None:
            mentioned = {(lk.mention.doc, lk.mention.sentence) for lk in self.mentions
                         if lk.entity == first}
            return [self._sentence(doc, index) for doc, index in sorted(mentioned)]
        second = self.node(b)
        if not self.graph.has_edge(first, second):
            return []
        edge = self.graph.edges[first, second]
        refs = edge.get("sentences") or edge.get("evidence", [])
        return [self._sentence(*split_ref(ref)) for ref in refs]

    def filter(self, **filters: Any) -> Build:
        """A new Build whose graph is filtered (see `graphkit.filters.filter_graph`:
        min_weight, top, by, types, drop_isolates, backbone)."""
        return self._with(filter_graph(self.graph, **filters))

    def subgraph(self, nodes: list[str] | None = None, *, ego: str | None = None,
                 radius: int = 1) -> Build:
        """A new Build on some nodes (ids, labels or aliases), or the ego network of `ego`
        (its neighbours within `radius` hops); metrics are recomputed."""
        keep: set[str] = {self.node(n) for n in nodes or []}
        if ego is not None:
            keep |= set(nx.ego_graph(self.graph, self.node(ego), radius=radius))
        return self._with(filter_graph(induced_subgraph(self.graph, keep)))

    def _with(self, graph: nx.Graph) -> Build:
        mentions = tuple(lk for lk in self.mentions if lk.entity in graph)
        return replace(self, graph=graph, mentions=mentions)

    def to_networkx(self) -> nx.Graph:
        """A copy of the graph (lists stay lists) to analyse with networkx."""
        return self.graph.copy()

    def show(self, height: int = 600) -> Page:
        """The interactive page, shown inline by Jupyter; `.save(path)` writes it."""
        from .export.html import html_text

        return Page(html_text(self.graph, self.summary(), self.doubts()),
                    self.graph.number_of_nodes(),
                    self.graph.number_of_edges(), height)


__all__ = ["FORMATS", "Build", "Page"]
