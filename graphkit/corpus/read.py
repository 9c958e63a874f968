"""Read every file of a corpus into Documents, each by its format, naming what is skipped."""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import CorpusError
from ..types import Document
from .encoding import decode_text
from .feeds import feed_items
from .files import SUPPORTED_SUFFIXES, CorpusFile, check_roots, corpus_files, root_prefixes
from .office import docx_document, odt_document
from .pdf import pdf_document
from .records import Read, RecordFields, csv_records, jsonl_records
from .report import reported_once, warn
from .web import html_document, mhtml_document

_FIRST_LINE = re.compile(r"[^\s\ufeff][^\n]*")
Reader = Callable[[bytes, CorpusFile, RecordFields], Iterator[Read]]


def read_corpus(paths: Iterable[str | Path], text_field: str = "text", *,
                fields: RecordFields | None = None) -> Iterator[Document]:
    """Yield every document under `paths` in a stable order, skipping (with a warning naming
    the file, and line for records, and why) what cannot be read. Raises CorpusError for a
    path that does not exist and when no document at all could be read. `fields`: which
    record fields hold text, title, date and url (`text_field` alone: the text's)."""
    fields = fields or RecordFields(text=text_field)
    roots = check_roots(list(paths))
    seen: dict[str, str] = {}
    with reported_once():
        for root, prefix in zip(roots, root_prefixes(roots), strict=True):
            found = 0
            unread: Counter[str] = Counter()
            for entry in corpus_files(root, prefix):
                before = found
                documents = read_file(entry, fields) if entry.format else iter(())
                if not entry.format:
                    warn("skipped %s: %s", entry.path, entry.reason)
                for doc, where in documents:
                    if doc.id in seen:
                        warn("skipped %s: duplicate document id %r (first read from %s)",
                             where, doc.id, seen[doc.id])
                        continue
                    seen[doc.id] = where
                    found += 1
                    yield doc
                if found == before:
                    unread[entry.path.suffix.lower() or "(no extension)"] += 1
            if not found:
                _nothing_read(root, unread)
    if not seen:
        raise CorpusError(f"no readable documents in {', '.join(str(r) for r in roots)} "
                          f"(supported: {', '.join(SUPPORTED_SUFFIXES)}; skipped files are "
                          "listed above)")


def _nothing_read(root: Path, files: Counter[str]) -> None:
    kinds = ", ".join(f"{count} {suffix}" for suffix, count in sorted(files.items()))
    warn("%s holds no readable documents (%s; supported: %s)", root,
         f"found {kinds}" if kinds else "no files", ", ".join(SUPPORTED_SUFFIXES))


def read_file(entry: CorpusFile, fields: RecordFields | None = None) -> Iterator[Read]:
    """(document, where it came from) for every document in one corpus file; problems are
    warnings naming the file, never exceptions (one bad file must not stop a build)."""
    try:
        found = os.stat(entry.path)
        if not stat.S_ISREG(found.st_mode):
            warn("skipped %s: not a regular file", entry.path)
            return
        raw = entry.path.read_bytes()
    except OSError as exc:
        warn("skipped %s: cannot read it (%s)", entry.path, exc.strerror or exc)
        return
    try:
        yield from _READERS[entry.format](raw, entry, fields or RecordFields())
    except Exception as exc:  # a third-party reader's error on one bad file
        first = str(exc).splitlines()[0][:200] if str(exc) else ""
        warn("skipped %s: cannot read it as %s (%s%s)", entry.path, entry.format,
             type(exc).__name__, f": {first}" if first else "")


def _text_file(raw: bytes, entry: CorpusFile, _: RecordFields) -> Iterator[Read]:
    text = decode_text(raw, entry.path)
    if text is not None:
        yield Document(id=entry.id, text=text, title=_first_line(text),
                       format=entry.format), str(entry.path)


def _record_file(raw: bytes, entry: CorpusFile, fields: RecordFields) -> Iterator[Read]:
    text = decode_text(raw, entry.path)
    if text is None:
        return
    records = jsonl_records if entry.format == "jsonl" else csv_records
    yield from records(text.removeprefix("\ufeff"), entry.path, entry.id, fields)


def _one(read: Callable[[bytes, CorpusFile], Document | None]) -> Reader:
    """A reader of formats that hold one document per file."""
    def reader(raw: bytes, entry: CorpusFile, _: RecordFields) -> Iterator[Read]:
        doc = read(raw, entry)
        if doc is not None:
            yield doc, str(entry.path)
    return reader


def _feed_file(raw: bytes, entry: CorpusFile, _: RecordFields) -> Iterator[Read]:
    yield from feed_items(raw, entry)


_READERS: dict[str, Reader] = {
    "txt": _text_file, "md": _text_file, "jsonl": _record_file, "csv": _record_file,
    "html": _one(html_document), "mhtml": _one(mhtml_document), "pdf": _one(pdf_document),
    "docx": _one(docx_document), "odt": _one(odt_document), "feed": _feed_file,
}


def _first_line(text: str) -> str:
    match = _FIRST_LINE.search(text)
    return match.group().strip()[:200] if match else ""
