"""Write files atomically: a temporary file in the same folder, then one rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import OutputError


def write_atomic(path: Path, data: str | bytes | Iterable[str],
                 before_replace: Callable[[], None] | None = None) -> None:
    """Replace `path` with `data` (text, bytes, or text in chunks, written as they come)
    so readers see the old file or the new one, never half. `before_replace` runs once
    the new file is complete and synced, just before it replaces the old one (it may
    wait, or raise to leave the old file in place)."""
    chunks: Iterable[str | bytes] = [data] if isinstance(data, str | bytes) else data
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.graphkit-",
                                                 suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        if before_replace is not None:
            before_replace()
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:  # a failing chunk writer, or an interrupt: leave no temporary
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
        with contextlib.suppress(OSError):
            stale.unlink()
