"""Which files in an output folder graphkit wrote: its marker folder, records and lock."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import OutputError
from .atomic import prepare_folder, write_atomic

MARK = Path(".graphkit")  # in every folder graphkit writes outputs to (the store lives there)
RECORD = MARK / "build.json"  # the last build's inputs and files (graphkit.state)
WRITTEN = MARK / "outputs.json"  # the files the last write put there, with size and time
LOCK = MARK / "lock"  # held by the build writing to the folder
# The first columns of nodes.csv in every graphkit version (its folders before the marker).
_NODES_HEADER = "id,label,type,aliases,mentions,documents,kb_id"


def claim_folder(folder: Path, names: Sequence[str]) -> None:
    """Make `folder` an output folder (created if needed, with the marker folder), refusing
    a folder that holds files with these `names` that graphkit did not write: they are
    someone else's, and writing would replace them."""
    if folder.is_dir() and not _written_by_graphkit(folder):
        theirs = [name for name in names if os.path.lexists(folder / name)]
        if theirs:
            raise OutputError(f"output folder {folder} already holds {', '.join(theirs)}, "
                              "not written by graphkit: move them away or choose another "
                              "output folder")
    for name in names:
        if (folder / name).is_dir():
            raise OutputError(f"{folder / name} is a folder: graphkit writes a file of that "
                              "name there")
    prepare_folder(folder)
    try:
        (folder / MARK).mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {exc.strerror or exc}") from None


def _written_by_graphkit(folder: Path) -> bool:
    """Whether graphkit has written outputs to `folder` (a record, or, from versions before
    the records, a nodes.csv with graphkit's columns)."""
    if (folder / WRITTEN).is_file() or (folder / RECORD).is_file():
        return True
    try:
        with (folder / "nodes.csv").open(encoding="utf-8", errors="replace") as handle:
            return handle.readline().startswith(_NODES_HEADER)
    except OSError:
        return False


def stamp(path: Path) -> list[int]:
    """A file's size and modification time, as the records keep them (raises OSError)."""
    info = os.stat(path)
    return [info.st_size, info.st_mtime_ns]


def record_written(folder: Path, paths: Sequence[Path], keep_others: bool = False) -> None:
    """Remember the files just written to `folder` (their `stamp`s); `keep_others`: and
    the files recorded before (an export of some files into a build's folder)."""
    files = {}
    if keep_others:
        with contextlib.suppress(OSError, ValueError):
            recorded = json.loads((folder / WRITTEN).read_text(encoding="utf-8"))
            files = recorded if isinstance(recorded, dict) else {}
    files.update({p.name: stamp(p) for p in paths})
    write_atomic(folder / WRITTEN, json.dumps(files, sort_keys=True, indent=1))


def recorded_by_graphkit(folder: Path, name: str) -> bool:
    """Whether `folder/name` is exactly the file graphkit last recorded writing there
    (same size and modification time), not a file someone put or changed there since."""
    for record in (WRITTEN, RECORD):
        try:
            files = json.loads((folder / record).read_text(encoding="utf-8"))
            files = files["files"] if record == RECORD else files
            if stamp(folder / name) == list(files[name]):
                return True
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return False


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold `folder`'s lock while a build writes there: a second build on the same output
    folder at the same time is refused (their files and store writes would interleave)."""
    try:
        import fcntl
    except ImportError:  # (not on Windows: no lock there)
        yield
        return
    try:
        (folder / MARK).mkdir(parents=True, exist_ok=True)
        handle = (folder / LOCK).open("a")
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputError(f"another graphkit build is writing to {folder}; wait for it "
                              "to finish, or choose another output folder") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
