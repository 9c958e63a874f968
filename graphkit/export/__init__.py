"""Writers for every output format; `write_outputs` writes the whole contract set."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from ..types import LinkedMention
from .atomic import prepare_folder, write_atomic
from .graphml import graphml_text
from .html import html_text
from .nodelink import node_link_text
from .tables import edges_csv, mentions_csv, nodes_csv

OUTPUT_FILES = ("graph.html", "graph.graphml", "graph.json", "nodes.csv", "edges.csv",
                "mentions.csv")


def write_outputs(graph: nx.Graph, links: Iterable[LinkedMention], folder: Path,
                  summary: str = "") -> list[Path]:
    """Write every contract file into `folder`, each atomically; returns the paths."""
    prepare_folder(folder)
    contents = {
        "graph.graphml": graphml_text(graph),
        "graph.json": node_link_text(graph),
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


__all__ = ["OUTPUT_FILES", "write_outputs"]
