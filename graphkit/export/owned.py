"""Which files in an output folder graphkit wrote: its marker folder and build record."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import OutputError
from .atomic import prepare_folder

MARK = Path(".graphkit")  # in every folder graphkit writes outputs to (the store lives there)
RECORD = MARK / "build.json"  # the last build's inputs and files (graphkit.state)


def claim_folder(folder: Path, names: Sequence[str]) -> None:
    """Make `folder` an output folder (created if needed, marked as graphkit's), refusing a
    folder graphkit has not written to that already holds files with these `names`: they
    are someone else's, and writing would replace them."""
    if folder.is_dir() and not (folder / MARK).is_dir():
        theirs = [name for name in names if os.path.lexists(folder / name)]
        if theirs:
            raise OutputError(f"output folder {folder} already holds {', '.join(theirs)}, "
                              f"not written by graphkit (no {MARK} folder there): move "
                              "them away or choose another output folder")
    for name in names:
        if (folder / name).is_dir():
            raise OutputError(f"{folder / name} is a folder: graphkit writes a file of that "
                              "name there")
    prepare_folder(folder)
    try:
        (folder / MARK).mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {exc.strerror or exc}") from None


def recorded_by_graphkit(folder: Path, name: str) -> bool:
    """Whether `folder/name` is exactly the file the last build recorded writing there
    (same size and modification time), not a file someone put or changed there since."""
    try:
        files = json.loads((folder / RECORD).read_text(encoding="utf-8"))["files"]
        size, mtime = files[name]
        info = os.stat(folder / name)
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return (info.st_size, info.st_mtime_ns) == (size, mtime)
