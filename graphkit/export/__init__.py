"""Writers for every output format; `write_outputs` writes the whole contract set."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from ..choices import EXPORT_FORMATS
from ..errors import GraphkitError, OutputError
from ..processes import (
    can_fork_safely,
    children_die_with_parent,
    ignore_sigterm,
    paused_gc,
    process_context,
    quiet_child,
)
from ..types import Extraction, LinkedMention
from .atomic import Pending, discard, prepare_folder, replace_all, write_pending
from .doubts import Doubts, doubtful_mentions
from .gexf import gexf_chunks
from .graphml import graphml_chunks
from .html import html_text
from .nodelink import node_link_chunks
from .owned import claim_folder, record_written, recorded_by_graphkit
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


@dataclass
class HeldFiles:
    """Files a forked process writes ahead of the rest of the outputs (`write_link_files`).
    They wait, complete and synced under temporary names, until `write_outputs` puts the
    whole set in place, so a build stopped before then leaves the old files."""

    names: tuple[str, ...]
    process: Any
    report: Any  # child -> parent: its finished files, or what went wrong

    def discard(self) -> None:
        """Stop the process and drop its files."""
        self.process.terminate()  # it removes the temporary file it is writing and stops
        self.process.join()
        _drop_unclaimed(self.report)


def write_link_files(links: Sequence[LinkedMention], folder: Path) -> HeldFiles | None:
    """Start writing the files that need only the linked mentions (mentions.csv) in a
    forked process, while this one builds the graph; None where forking is not safe.
    Give the result to `write_outputs`, or `discard` it."""
    if not can_fork_safely():
        return None
    writers = _link_writers(links)
    with children_die_with_parent():
        process, report = _start_writer(folder, list(writers), writers)
    return HeldFiles(tuple(writers), process, report)


def _link_writers(links: Iterable[LinkedMention]
                  ) -> dict[str, Callable[[], str | Iterable[str]]]:
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
    writers: dict[str, Callable[[], str | Iterable[str]]] = {
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
    ahead = held.names if held else ()
    groups = _share_out(tuple(n for n in names if n not in ahead),
                        processes if can_fork_safely() else 1)
    if processes > 1:
        log.info("writing %d files in %d processes", len(names), len(groups) + bool(held))
    children: list[tuple[Any, Any]] = [(held.process, held.report)] if held else []
    pending: list[Pending] = []
    with paused_gc(), children_die_with_parent():
        try:
            for group in groups[1:]:
                children.append(_start_writer(folder, group, writers))
            for name in groups[0]:
                pending.append(write_pending(folder / name, writers[name]()))
            failures = []
            for child in children:  # their finished files are this process's to place
                failure, finished = _await_finished(child)
                pending += finished
                failures += [failure] if failure else []
            if failures:
                raise OutputError(failures[0])
            replace_all(pending)  # every file is complete: the whole set, one rename each
            pending = []
        except BaseException as exc:
            for child, _ in children:
                child.terminate()  # it removes the temporary file it is writing and stops
            if isinstance(exc, OSError):  # no process or pipe to be had
                raise OutputError(f"cannot start a process to write {folder}: "
                                  f"{exc.strerror or exc}") from None
            raise
        finally:
            for child, report in children:
                child.join()
                _drop_unclaimed(report)  # (files of a writer this process never heard from)
            discard(pending)
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


# Tenths of a second each file took to write on a 25,589-article build (graph.gexf
# estimated), to share the files out evenly among writer processes.
_WRITE_COST = {"graph.gexf": 120, "graph.graphml": 92, "graph.json": 60, "edges.csv": 55,
               "mentions.csv": 26, "graph.html": 17, "sentences.csv": 15, "nodes.csv": 12,
               "documents.csv": 3}


def _share_out(names: tuple[str, ...], processes: int) -> list[list[str]]:
    """`names` in at most `processes` groups of about equal writing time (the first group
    is written by this process), each group in the order of `names`."""
    groups: list[list[str]] = [[] for _ in range(max(1, min(processes, len(names))))]
    loads = [0] * len(groups)
    for name in sorted(names, key=lambda n: (-_WRITE_COST.get(n, 1), names.index(n))):
        lightest = loads.index(min(loads))
        groups[lightest].append(name)
        loads[lightest] += _WRITE_COST.get(name, 1)
    return [sorted(group, key=names.index) for group in groups if group]


def _start_writer(folder: Path, names: list[str],
                  writers: dict[str, Callable[[], str | Iterable[str]]]) -> tuple[Any, Any]:
    """A forked process writing `names` under temporary names: (process, report). It
    sends the finished files on `report` (or what went wrong, as one line) and ends; the
    parent puts them in place with its own, or removes them."""
    context = process_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_write_in_child, args=(folder, names, writers, sender),
                            daemon=True)
    child.start()
    sender.close()
    return child, receiver


def _write_in_child(folder: Path, names: list[str],
                    writers: dict[str, Callable[[], str | Iterable[str]]], report: Any) -> None:
    quiet_child(unwind_on_sigterm=True)
    pending: list[Pending] = []
    failure = ""
    try:
        for name in names:
            pending.append(write_pending(folder / name, writers[name]()))
        report.send([(str(p.temporary), str(p.path)) for p in pending])
        pending = []  # the parent's now
    except GraphkitError as exc:
        failure = str(exc)
    except Exception as exc:  # reported to the parent as an error
        failure = f"writing {', '.join(names)} failed: {type(exc).__name__}: {exc}"
    finally:
        ignore_sigterm()  # (the parent stops its writers on a failure: finish cleaning up)
        discard(pending)  # (also on SIGTERM, which unwinds to here)
    if failure:
        report.send(failure)  # only now: its temporary files are gone
    report.close()


def _await_finished(writer: tuple[Any, Any]) -> tuple[str, list[Pending]]:
    """Wait for a writer process's files: ('', the files) or (what went wrong, [])."""
    child, receiver = writer
    try:
        message = receiver.recv()
    except EOFError:  # it ended without a word
        child.join()
        return f"an output writer process ended with exit code {child.exitcode}", []
    if isinstance(message, list):
        return "", _pending_from(message)
    return str(message), []


def _drop_unclaimed(report: Any) -> None:
    """Remove the files a stopped writer process finished but this one did not place."""
    with contextlib.suppress(EOFError, OSError):
        while report.poll():
            message = report.recv()
            if isinstance(message, list):
                discard(_pending_from(message))
    report.close()


def _pending_from(message: list[tuple[str, str]]) -> list[Pending]:
    return [Pending(Path(temporary), Path(path)) for temporary, path in message]


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
