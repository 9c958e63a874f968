"""Write files atomically: complete temporary files in the same folder, then renames."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError

_WRITER_PID = re.compile(r"\.graphkit-(\d+)-")


@dataclass(frozen=True)
class Pending:
    """A new file, complete and synced under a temporary name beside the file it replaces."""

    temporary: Path
    path: Path


def write_atomic(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Replace `path` with `data` (text, bytes, or text in chunks, written as they come)
    so readers see the old file or the new one, never half."""
    replace_all([write_pending(path, data)])


def write_pending(path: Path, data: str | bytes | Iterable[str]) -> Pending:
    """Write `data` to a temporary file beside `path`, synced and with the mode `path`
    should have (the old file's, else what the umask allows), for `replace_all` to put in
    place with other files; on failure (or interrupt) the temporary file is removed."""
    chunks: Iterable[str | bytes] = [data] if isinstance(data, str | bytes) else data
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp",
                                            prefix=f".{path.name}.graphkit-{os.getpid()}-")
    except OSError as exc:
        raise OutputError(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
    pending = Pending(Path(name), path)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(pending.temporary, _mode_for(path))
    except OSError as exc:
        discard([pending])
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:  # a failing chunk writer, or an interrupt: leave no temporary
        discard([pending])
        raise
    return pending


def replace_all(pending: Iterable[Pending]) -> None:
    """Put finished files in place, one rename each (the last moment of a write: the
    renames of a whole set of files take milliseconds)."""
    files = list(pending)
    for i, file in enumerate(files):
        try:
            os.replace(file.temporary, file.path)
        except OSError as exc:
            discard(files[i:])
            raise OutputError(f"cannot write {file.path}: {exc.strerror or exc}") from None


def discard(pending: Iterable[Pending]) -> None:
    """Remove temporary files that will not be put in place."""
    for file in pending:
        with contextlib.suppress(OSError):
            os.unlink(file.temporary)


def _mode_for(path: Path) -> int:
    """The permission bits of the file `path` replaces, or the default for a new file."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0o022)  # (reading the umask means setting it; set it back)
        os.umask(umask)
        return 0o666 & ~umask


def prepare_folder(folder: Path) -> None:
    """Create the output folder, or explain why it cannot be used."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"output path {folder} exists and is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {folder}: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK):
        raise OutputError(f"output folder {folder} is not writable")
    for stale in folder.glob(".*.graphkit-*.tmp"):  # left by a run killed mid-write
        if not _writer_alive(stale.name):  # (not another run's file in progress)
            with contextlib.suppress(OSError):
                stale.unlink()


def _writer_alive(name: str) -> bool:
    """Whether the process that named this temporary file is still running."""
    match = _WRITER_PID.search(name)
    if not match or int(match.group(1)) <= 0:
        return False
    try:
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return False
    except OSError:  # (exists, someone else's)
        return True
    return True
