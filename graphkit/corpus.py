"""Read a corpus (folders of .txt/.md files, .jsonl and .csv records) into Documents."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import CorpusError
from .types import Document

log = logging.getLogger("graphkit")

TEXT_SUFFIXES = (".txt", ".md")
RECORD_SUFFIXES = (".jsonl", ".csv")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + RECORD_SUFFIXES
_SNIFF_BYTES = 8192


def read_corpus(paths: Iterable[str | Path], text_field: str = "text") -> Iterator[Document]:
    """Yield every document under `paths` in a stable order, skipping (with a warning)
    files that cannot be read. Raises CorpusError for a path that does not exist."""
    seen: set[str] = set()
    for root in [Path(p) for p in paths]:
        if not root.exists():
            raise CorpusError(f"corpus not found: {root}")
        for path, doc_id in _corpus_files(root):
            for doc in _read_file(path, doc_id, text_field):
                if doc.id in seen:
                    log.warning("skipped %s: duplicate document id %r", path, doc.id)
                    continue
                seen.add(doc.id)
                yield doc


def _corpus_files(root: Path) -> Iterator[tuple[Path, str]]:
    """(path, document id) of every supported file; ids are paths relative to `root`."""
    if root.is_file():
        yield root, root.name
        return
    visited: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        stat = os.stat(folder)
        if (stat.st_dev, stat.st_ino) in visited:
            log.warning("skipped %s: symbolic link loop", folder)
            dirs[:] = []
            continue
        visited.add((stat.st_dev, stat.st_ino))
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            yield path, path.relative_to(root).as_posix()


def _read_file(path: Path, doc_id: str, text_field: str) -> Iterator[Document]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        log.warning("skipped %s: %s", path, exc.strerror or exc)
        return
    text = decode_text(raw, path)
    if text is None:
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_records(text, path, doc_id, text_field)
    elif suffix == ".csv":
        yield from _csv_records(text, path, doc_id, text_field)
    else:
        yield Document(id=doc_id, text=text, title=_first_line(text))


def decode_text(raw: bytes, path: Path) -> str | None:
    """Decode file bytes as Python's text mode would read them (universal newlines).

    UTF-16 with a BOM is honoured; undecodable UTF-8 bytes are replaced and reported;
    binary files (NUL bytes) are skipped with a warning (returns None)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    elif b"\x00" in raw[:_SNIFF_BYTES]:
        log.warning("skipped %s: binary file (contains NUL bytes)", path)
        return None
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = raw.decode("utf-8", errors="replace").count("\ufffd")
            log.warning("%s: %d bytes are not valid UTF-8 (first at byte %d); replaced",
                        path, bad, exc.start)
            text = raw.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def _record_document(record: object, where: str, fallback_id: str,
                     text_field: str) -> Document | None:
    if not isinstance(record, dict):
        log.warning("skipped %s: record is not an object", where)
        return None
    text = record.get(text_field)
    if not isinstance(text, str):
        log.warning("skipped %s: no text in field %r", where, text_field)
        return None
    raw_id = record.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    return Document(
        id=doc_id,
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        title=_field(record, "title"),
        date=_field(record, "date"),
        url=_field(record, "url"),
    )


def _field(record: dict[str, object], name: str) -> str:
    value = record.get(name)
    return "" if value is None else str(value)


def _jsonl_records(text: str, path: Path, doc_id: str, text_field: str) -> Iterator[Document]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            log.warning("skipped %s: invalid JSON (%s)", where, exc.msg)
            continue
        doc = _record_document(record, where, f"{doc_id}#{number}", text_field)
        if doc is not None:
            yield doc


def _csv_records(text: str, path: Path, doc_id: str, text_field: str) -> Iterator[Document]:
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or text_field not in reader.fieldnames:
        log.warning("skipped %s: no %r column", path, text_field)
        return
    try:
        for record in reader:
            where = f"{path}:{reader.line_num}"
            doc = _record_document(record, where, f"{doc_id}#{reader.line_num}", text_field)
            if doc is not None:
                yield doc
    except csv.Error as exc:
        log.warning("stopped reading %s at line %d: %s", path, reader.line_num, exc)


def count_documents(paths: Iterable[str | Path]) -> int:
    """Roughly how many documents `paths` hold, without decoding them (for progress bars)."""
    total = 0
    for root in [Path(p) for p in paths]:
        if not root.exists():
            continue
        for path, _ in _corpus_files(root):
            if path.suffix.lower() in TEXT_SUFFIXES:
                total += 1
                continue
            try:
                with path.open("rb") as handle:
                    total += sum(1 for _ in handle)
            except OSError:
                continue
    return total
