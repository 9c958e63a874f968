"""Writers for every output format; `write_outputs` writes the whole contract set."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from ..errors import GraphkitError
from ..types import LinkedMention
from .atomic import prepare_folder, write_atomic
from .gexf import gexf_text
from .graphml import graphml_text
from .html import html_text
from .nodelink import node_link_text
from .read import read_graph
from .tables import edges_csv, mentions_csv, nodes_csv

OUTPUT_FILES = ("graph.html", "graph.graphml", "graph.json", "nodes.csv", "edges.csv",
                "mentions.csv", "graph.gexf")
GRAPH_FORMATS: dict[str, tuple[tuple[str, Callable[[nx.Graph], str]], ...]] = {
    "html": (("graph.html", html_text),),
    "graphml": (("graph.graphml", graphml_text),),
    "gexf": (("graph.gexf", gexf_text),),
    "json": (("graph.json", node_link_text),),
    "csv": (("nodes.csv", nodes_csv), ("edges.csv", edges_csv)),
}
FORMATS = tuple(GRAPH_FORMATS)


def write_outputs(graph: nx.Graph, links: Iterable[LinkedMention], folder: Path,
                  summary: str = "") -> list[Path]:
    """Write every contract file into `folder`, each atomically; returns the paths."""
    prepare_folder(folder)
    contents = {
        "graph.graphml": graphml_text(graph),
        "graph.json": node_link_text(graph),
        "graph.gexf": gexf_text(graph),
        "nodes.csv": nodes_csv(graph),
        "edges.csv": edges_csv(graph),
        "mentions.csv": mentions_csv(links),
        "graph.html": html_text(graph, summary),
    }
    paths = []
    for name in OUTPUT_FILES:
        write_atomic(folder / name, contents[name])
        paths.append(folder / name)
    return paths


def write_format(graph: nx.Graph, to: str, out: Path) -> list[Path]:
    """Write `graph` as one format: to a file path, or into a folder (always for csv)."""
    if to not in GRAPH_FORMATS:
        raise GraphkitError(f"--to must be one of {', '.join(FORMATS)}")
    writers = GRAPH_FORMATS[to]
    single = len(writers) == 1 and out.suffix == Path(writers[0][0]).suffix
    folder = out.parent if single else out
    prepare_folder(folder)
    paths = []
    for name, writer in writers:
        path = out if single else folder / name
        write_atomic(path, writer(graph))
        paths.append(path)
    return paths


__all__ = ["FORMATS", "OUTPUT_FILES", "read_graph", "write_format", "write_outputs"]
