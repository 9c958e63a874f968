"""Output files written side by side in forked processes: files held ahead of the rest,
writer processes, and the whole set put in place together when every file is complete."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GraphkitError, OutputError
from ..processes import (
    can_fork_safely,
    children_die_with_parent,
    ignore_sigterm,
    paused_gc,
    process_context,
    quiet_child,
)
from .atomic import Pending, discard, replace_all, write_pending

log = logging.getLogger("graphkit")
FileWriter = Callable[[], str | Iterable[str]]  # a file's text, or the text in pieces


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


def hold_files(folder: Path, writers: dict[str, FileWriter]) -> HeldFiles | None:
    """Start writing the files of `writers` in a forked process, to be put in place later
    by `write_files` (or dropped with `HeldFiles.discard`); None where forking is not
    safe."""
    if not can_fork_safely():
        return None
    with children_die_with_parent():
        process, report = _start_writer(folder, list(writers), writers)
    return HeldFiles(tuple(writers), process, report)


def write_files(folder: Path, names: tuple[str, ...], writers: dict[str, FileWriter],
                processes: int = 1, held: HeldFiles | None = None) -> None:
    """Write the files `names` into `folder` with their `writers`, and put the whole set
    in place together: each file is first written in full under a temporary name, then
    all are renamed, so a failure or a stop on the way leaves the old set intact. With
    `processes` > 1 (and forking safe) the files are shared out among that many forked
    processes; `held`: files among `names` already being written (`hold_files`)."""
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


# Relative time each file takes to write (tenths of a second each took on one large
# build, graph.gexf estimated), to share the files out evenly among writer processes.
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


def _start_writer(folder: Path, names: list[str], writers: dict[str, FileWriter]
                  ) -> tuple[Any, Any]:
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


def _write_in_child(folder: Path, names: list[str], writers: dict[str, FileWriter],
                    report: Any) -> None:
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
