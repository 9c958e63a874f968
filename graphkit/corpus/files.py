"""Find a corpus's files: which to read, which are skipped and why, and their document ids."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError
from .encoding import SURROGATE
from .report import info, warn

# File name ending -> format read (graphkit.types.Document.format).
FORMATS = {
    ".txt": "txt", ".md": "md", ".jsonl": "jsonl", ".csv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".mhtml": "mhtml", ".mht": "mhtml",
    ".pdf": "pdf", ".docx": "docx", ".odt": "odt",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
SUPPORTED_SUFFIXES = tuple(FORMATS)
OUTPUT_MARK = ".graphkit"  # in every graphkit output folder (graphkit.export.owned.MARK)
OVERLAY_NAME = "graphkit.yaml"  # a curation overlay beside the corpus (graphkit.link.curation)


@dataclass(frozen=True)
class CorpusFile:
    """A file found in the corpus: its document id, and the format it is read as (''
    for a file graphkit cannot read, with `reason` saying why)."""

    path: Path
    id: str
    format: str
    reason: str = ""


def check_roots(paths: Sequence[str | Path]) -> list[Path]:
    """The corpus paths, every one an existing file or folder (CorpusError otherwise)."""
    roots = [Path(p) for p in paths]
    for root in roots:
        if not root.exists():
            raise CorpusError(f"corpus not found: {root}")
        if not root.is_dir() and not root.is_file():
            raise CorpusError(f"corpus {root} is not a file or folder")
    return roots


def root_prefixes(roots: Sequence[Path]) -> list[str]:
    """What each root's document ids start with. One root: nothing (ids are paths relative
    to it, as they always were). Several: the root's name and a slash, so that y1/a.txt and
    y2/a.txt stay two documents; the root as given where two roots share a name."""
    if len(roots) < 2:
        return [""] * len(roots)
    names = [root.name or root.resolve().name for root in roots]
    if len(set(names)) < len(names):
        names = [root.as_posix() for root in roots]
    return [f"{name}/" for name in names]


def corpus_files(root: Path, prefix: str = "") -> Iterator[CorpusFile]:
    """Every file under `root` (or `root` itself), in a stable order, with its id (`prefix`
    + its path relative to `root`). Hidden files and folders are passed over, and so are
    graphkit's own output folders; files of other types come with the reason they are
    not read."""
    if not root.is_dir():  # a file given by itself: its id is its name (or the prefix)
        yield _entry(root, prefix.removesuffix("/") or root.name)
        return
    if (root / OUTPUT_MARK).is_dir():
        raise CorpusError(f"{root} is a graphkit output folder (it has a {OUTPUT_MARK} "
                          "folder), not a corpus")
    visited: set[tuple[int, int]] = set()
    inside = _inside(root)

    def unreadable(exc: OSError) -> None:
        warn("skipped %s: %s", exc.filename, exc.strerror or exc)

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=unreadable):
        try:
            found = os.stat(folder)
        except OSError as exc:
            unreadable(exc)
            dirs[:] = []
            continue
        if (found.st_dev, found.st_ino) in visited:
            warn("skipped %s: symbolic link to a folder already read (a loop?)", folder)
            dirs[:] = []
            continue
        visited.add((found.st_dev, found.st_ino))
        if Path(folder) != root and OUTPUT_MARK in dirs:
            info("skipped %s: a graphkit output folder", folder)
            dirs[:] = []
            continue
        for hidden in sorted(name for name in dirs + files if name.startswith(".")):
            info("skipped %s: hidden", Path(folder) / hidden)  # (shown with -v)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")  # as hidden files
                         and inside(Path(folder) / d))
        for name in sorted(files):
            path = Path(folder) / name
            if name == OVERLAY_NAME:
                info("%s is a curation overlay, not a document", path)
            elif not name.startswith(".") and inside(path):
                yield _entry(path, prefix + path.relative_to(root).as_posix())


def _inside(root: Path) -> Callable[[Path], bool]:
    """A test for paths met while walking `root`: a symbolic link that leads out of the
    corpus folder is skipped with a warning. A folder someone sends may hold a link to
    '../../home/you/notes.txt', which would put your own files into the graph; a folder
    of your own is read by passing it as a corpus of its own."""
    real_root = root.resolve()

    def inside(path: Path) -> bool:
        if not path.is_symlink():
            return True
        target = path.resolve()
        if target == real_root or real_root in target.parents:
            return True
        warn("skipped %s: symbolic link to %s, outside the corpus folder (pass it as a "
             "corpus of its own to read it)", path, target)
        return False

    return inside


def _entry(path: Path, doc_id: str) -> CorpusFile:
    kind = FORMATS.get(path.suffix.lower(), "")
    reason = "" if kind else f"unsupported file type ({path.suffix.lower() or 'no extension'})"
    return CorpusFile(path, printable_id(doc_id, path), kind, reason)


def printable_id(doc_id: str, path: Path) -> str:
    """A file name that is not valid UTF-8 cannot be written to UTF-8 outputs: replace the
    undecodable bytes with U+FFFD (the warning shows the original)."""
    if not SURROGATE.search(doc_id):
        return doc_id
    fixed = os.fsencode(doc_id).decode("utf-8", errors="replace")
    warn("%r: file name is not valid UTF-8; its document id is %r", str(path), fixed)
    return fixed


def _readable_files(paths: Iterable[str | Path]) -> Iterator[CorpusFile]:
    """Every supported file under the existing `paths`, without reading any."""
    roots = [Path(p) for p in paths if Path(p).exists()]
    for root, prefix in zip(roots, root_prefixes(roots), strict=True):
        yield from (entry for entry in corpus_files(root, prefix) if entry.format)


def count_documents(paths: Iterable[str | Path], limit: int | None = None) -> int:
    """Roughly how many documents `paths` hold, without decoding them (for progress bars):
    one per file, one per line of a record file (feeds count as one); with `limit`,
    counting stops once there are that many."""
    total = 0
    for entry in _readable_files(paths):
        if limit is not None and total >= limit:
            break
        if entry.format not in ("jsonl", "csv"):
            total += 1
            continue
        try:
            if not entry.path.is_file():
                continue
            with entry.path.open("rb") as handle:
                total += sum(1 for _ in itertools.islice(handle, limit))
        except OSError:
            continue
    return total if limit is None else min(total, limit)


def corpus_bytes(paths: Iterable[str | Path]) -> int:
    """Total size of the corpus files, from the file system only (to size the work)."""
    total = 0
    for entry in _readable_files(paths):
        with contextlib.suppress(OSError):
            total += entry.path.stat().st_size
    return total
