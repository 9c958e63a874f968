"""Writers for every output format; `write_outputs` writes the whole contract set."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from ..errors import GraphkitError
from ..graph import paused_gc
from ..types import LinkedMention
from .atomic import prepare_folder, write_atomic
from .gexf import gexf_chunks
from .graphml import graphml_chunks
from .html import html_text
from .nodelink import node_link_chunks
from .read import read_graph
from .tables import (
    edges_csv_chunks,
    mentions_csv_chunks,
    nodes_csv_chunks,
    sentences_csv_chunks,
)

log = logging.getLogger("graphkit")
OUTPUT_FILES = ("graph.html", "graph.graphml", "graph.json", "nodes.csv", "edges.csv",
                "mentions.csv", "sentences.csv")
# Written only on request (`gexf=True`, `graphkit build --gexf`): Gephi reads GraphML as
# well, and GEXF is the largest file of all (a third of the output of a large corpus).
OPTIONAL_FILES = ("graph.gexf",)
Writer = Callable[[nx.Graph], str | Iterable[str]]  # the text, or the text in pieces
GRAPH_FORMATS: dict[str, tuple[tuple[str, Writer], ...]] = {
    "html": (("graph.html", html_text),),
    "graphml": (("graph.graphml", graphml_chunks),),
    "gexf": (("graph.gexf", gexf_chunks),),
    "json": (("graph.json", node_link_chunks),),
    "csv": (("nodes.csv", nodes_csv_chunks), ("edges.csv", edges_csv_chunks),
            ("sentences.csv", sentences_csv_chunks)),
}
FORMATS = tuple(GRAPH_FORMATS)


def write_outputs(graph: nx.Graph, links: Iterable[LinkedMention], folder: Path,
                  summary: str = "", gexf: bool = False) -> list[Path]:
    """Write every contract file (and graph.gexf if `gexf`) into `folder`, each atomically,
    streaming the large ones (no file's whole text is held in memory); returns the paths.
    A graph.gexf left by an earlier build is removed when not written: it would no longer
    match the other files."""
    prepare_folder(folder)
    writers: dict[str, Callable[[], str | Iterable[str]]] = {
        "graph.graphml": lambda: graphml_chunks(graph),
        "graph.json": lambda: node_link_chunks(graph),
        "graph.gexf": lambda: gexf_chunks(graph),
        "nodes.csv": lambda: nodes_csv_chunks(graph),
        "edges.csv": lambda: edges_csv_chunks(graph),
        "sentences.csv": lambda: sentences_csv_chunks(graph),
        "mentions.csv": lambda: mentions_csv_chunks(links),
        "graph.html": lambda: html_text(graph, summary),
    }
    names = OUTPUT_FILES + (OPTIONAL_FILES if gexf else ())
    paths = []
    with paused_gc():
        for name in names:
            write_atomic(folder / name, writers[name]())
            paths.append(folder / name)
    for name in set(OPTIONAL_FILES) - set(names):
        if (folder / name).is_file():
            (folder / name).unlink()
            log.info("removed %s from an earlier build (not requested now)", folder / name)
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


__all__ = ["FORMATS", "OPTIONAL_FILES", "OUTPUT_FILES", "read_graph", "write_format",
           "write_outputs"]
