"""Writers for every output format; `write_outputs` writes the whole contract set."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import networkx as nx

from ..choices import EXPORT_FORMATS
from ..errors import GraphkitError
from ..types import Extraction, LinkedMention
from .atomic import Pending, discard, prepare_folder, replace_all, write_pending
from .doubts import Doubts, doubtful_mentions
from .gexf import gexf_chunks
from .graphml import graphml_chunks
from .html import html_text
from .nodelink import node_link_chunks
from .owned import claim_folder, record_written, recorded_by_graphkit
from .parallel import FileWriter, HeldFiles, hold_files, write_files
from .read import read_graph
from .svg import svg_text
from .tables import (
    documents_csv_chunks,
    edges_csv_chunks,
    mentions_csv_chunks,
    nodes_csv_chunks,
    sentences_csv_chunks,
)

log = logging.getLogger("graphkit")
OUTPUT_FILES = ("graph.html", "graph.graphml", "graph.json", "nodes.csv", "edges.csv",
                "mentions.csv", "sentences.csv", "documents.csv")
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
    "svg": (("graph.svg", svg_text),),  # only on request: `graphkit export --to svg`
}
FORMATS = EXPORT_FORMATS  # the keys of GRAPH_FORMATS, in this order


def write_link_files(links: Sequence[LinkedMention], folder: Path) -> HeldFiles | None:
    """Start writing the files that need only the linked mentions (mentions.csv) in a
    forked process, while this one builds the graph; None where forking is not safe.
    Give the result to `write_outputs`, or `discard` it."""
    return hold_files(folder, _link_writers(links))


def _link_writers(links: Iterable[LinkedMention]) -> dict[str, FileWriter]:
    """The writers of the files that need only the linked mentions, not the graph."""
    return {"mentions.csv": lambda: mentions_csv_chunks(links)}


def write_outputs(graph: nx.Graph, links: Iterable[LinkedMention], folder: Path,
                  summary: str = "", gexf: bool = False, processes: int = 1,
                  held: HeldFiles | None = None, extractions: Sequence[Extraction] = (),
                  doubts: Doubts | None = None) -> list[Path]:
    """Write every contract file (and graph.gexf if `gexf`) into `folder`, streaming the
    large ones (no file's whole text is held in memory); returns the paths. The set is
    replaced together: every file is first written in full under a temporary name, then
    all are renamed, so a build stopped or failing on the way leaves the old set intact.
    With `processes` > 1 (and fork available) the files are shared out among that many
    processes (forked, so they read the graph without copying it); the bytes are the
    same. `held`: files already being written by `write_link_files`, put in place now. A
    graph.gexf an earlier build wrote is removed when not written now: it would no longer
    match the other files. A folder graphkit has not written to before must not hold files
    with the outputs' names (they are someone else's: OutputError). `extractions`: the
    documents read, for documents.csv. `doubts`: the build's doubtful mentions, listed by
    graph.html's node panels."""
    if held is None:  # (held files are temporary files in a folder already claimed)
        claim_folder(folder, OUTPUT_FILES + OPTIONAL_FILES)
    writers: dict[str, FileWriter] = {
        "graph.graphml": lambda: graphml_chunks(graph),
        "graph.json": lambda: node_link_chunks(graph),
        "graph.gexf": lambda: gexf_chunks(graph),
        "nodes.csv": lambda: nodes_csv_chunks(graph),
        "edges.csv": lambda: edges_csv_chunks(graph),
        "sentences.csv": lambda: sentences_csv_chunks(graph),
        "documents.csv": lambda: documents_csv_chunks(extractions),
        "graph.html": lambda: html_text(graph, summary, doubts),
        **_link_writers(links),
    }
    names = OUTPUT_FILES + (OPTIONAL_FILES if gexf else ())
    write_files(folder, names, writers, processes, held)
    for name in sorted(set(OPTIONAL_FILES) - set(names)):
        _remove_unrequested(folder / name)
    record_written(folder, [folder / name for name in names])
    return [folder / name for name in names]


def _remove_unrequested(path: Path) -> None:
    """Remove an optional file an earlier build wrote and this one did not (it would no
    longer match the other files); a file of that name graphkit did not write stays."""
    if not path.is_file():
        return
    if recorded_by_graphkit(path.parent, path.name):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        log.info("removed %s from an earlier build (not requested now)", path)
    else:
        log.warning("left %s in place: this build did not write it, and it does not "
                    "match the new outputs", path)


def write_format(graph: nx.Graph, to: str, out: Path, doubts: Doubts | None = None
                 ) -> list[Path]:
    """Write `graph` as one format: to a file path, or into a folder (always for csv).
    `doubts`: a build's doubtful mentions, for graph.html's node panels."""
    if to not in GRAPH_FORMATS:
        raise GraphkitError(f"--to must be one of {', '.join(FORMATS)}")
    writers = GRAPH_FORMATS[to]
    single = len(writers) == 1 and out.suffix == Path(writers[0][0]).suffix
    folder = out.parent if single else out
    if single:  # a file the caller named
        prepare_folder(folder)
    else:  # files graphkit names: never replace someone else's (as a build refuses to)
        claim_folder(folder, [name for name, _ in writers])
    pending: list[Pending] = []
    try:
        for name, writer in writers:  # (csv: three files, replaced together)
            text = html_text(graph, doubts=doubts) if writer is html_text else writer(graph)
            pending.append(write_pending(out if single else folder / name, text))
        replace_all(pending)
    except BaseException:
        discard(pending)
        raise
    if not single:
        record_written(folder, [file.path for file in pending], keep_others=True)
    return [file.path for file in pending]


__all__ = ["FORMATS", "OPTIONAL_FILES", "OUTPUT_FILES", "Doubts", "HeldFiles",
           "doubtful_mentions", "read_graph", "write_format", "write_link_files", "write_outputs"]
