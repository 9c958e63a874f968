"""The per-document store: NER results in SQLite, keyed by content and pipeline version."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .dates import without_text
from .errors import OutputError
from .types import Document, Extraction, Mention, Sentence

log = logging.getLogger("graphkit")
SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    extraction TEXT NOT NULL
);
"""


# Formats read before documents had a source and format: their digests leave out the
# format (a text file's is in its id's suffix) so that stores of earlier versions still hold.
_FIRST_FORMATS = ("", "txt", "md", "jsonl", "csv")


def document_digest(document: Document) -> str:
    """A fingerprint of everything about a document that NER and the outputs depend on
    (for a web page, PDF or Word file: the text extracted from it, not its bytes)."""
    h = hashlib.sha256()
    parts = [document.id, document.text, document.title, document.date, document.url]
    if document.source or document.format not in _FIRST_FORMATS:
        parts += [document.source, document.format]
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class Store:
    """SQLite file of extractions. Each write is a transaction, so a killed run leaves
    every document either stored completely or not at all; rerunning finishes the rest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot open the store {path}: {exc}") from None
        with self._faults():
            self._db = sqlite3.connect(path, isolation_level=None)
            self._wal()
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._check_version()

    @contextlib.contextmanager
    def _faults(self) -> Iterator[None]:
        """SQLite's errors (disk full, a damaged file) as one line saying what to do: the
        store only saves NER work, so deleting it loses nothing but time."""
        try:
            yield
        except sqlite3.Error as exc:
            raise OutputError(store_fault(self.path, exc)) from None

    def _wal(self, tries: int = 50) -> None:
        """Switch to write-ahead logging; another process opening the same new store at
        the same moment holds it locked briefly (the switch does not wait for the lock)."""
        for attempt in range(tries):
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == tries - 1:
                    raise
                time.sleep(0.1)

    def _check_version(self) -> None:
        with self._transaction():
            row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None:
                self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)",
                                 (str(SCHEMA_VERSION),))
            elif not row[0].isdigit() or int(row[0]) > SCHEMA_VERSION:
                raise OutputError(
                    f"the store {self.path} was written by a newer graphkit (store version "
                    f"{row[0]!r}; this one reads {SCHEMA_VERSION}): upgrade graphkit, or "
                    f"delete {self.path.parent} to rebuild from scratch with this one")
            elif row[0] != str(SCHEMA_VERSION):  # an older graphkit's: its results go
                self._db.execute("DELETE FROM documents")
                self._db.execute("UPDATE meta SET value=? WHERE key='schema'",
                                 (str(SCHEMA_VERSION),))

    def lookup(self, document: Document, digest: str, pipeline: str) -> Extraction | None:
        """The stored extraction of this document (`digest`: `document_digest` of it as
        read) under this pipeline, if any."""
        with self._faults():
            row = self._db.execute(
                "SELECT extraction FROM documents WHERE id=? AND digest=? AND pipeline=?",
                (document.id, digest, pipeline)).fetchone()
        if row is None:
            return None
        try:
            return extraction_from_json(document, row[0])
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
            log.warning("the store's results for %s are damaged (%s: %s); running NER on "
                        "it again", document.id, type(exc).__name__, exc)
            return None

    def save(self, extracted: Iterable[tuple[Extraction, str]], digests: Mapping[str, str],
             pipeline: str) -> None:
        """Store extractions in one transaction: (extraction, its `extraction_to_json`, or
        '' to encode it here) pairs; `digests` maps document ids to the `document_digest`
        of each document as read."""
        rows = [(e.doc.id, digests[e.doc.id], pipeline, encoded or extraction_to_json(e))
                for e, encoded in extracted]
        if not rows:
            return
        with self._faults(), self._transaction():
            self._db.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)", rows)

    def forget_except(self, keep: set[str]) -> int:
        """Remove documents no longer in the corpus; returns how many."""
        with self._faults():
            stored = [r[0] for r in self._db.execute("SELECT id FROM documents")]
            gone = [(doc_id,) for doc_id in stored if doc_id not in keep]
            if gone:
                with self._transaction():
                    self._db.executemany("DELETE FROM documents WHERE id=?", gone)
        return len(gone)

    def ids(self) -> list[str]:
        with self._faults():
            return [r[0] for r in self._db.execute("SELECT id FROM documents ORDER BY id")]

    def close(self) -> None:
        with self._faults():
            self._db.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self._db.execute("COMMIT")
        else:  # (a failed COMMIT, e.g. on a full disk, may have ended it already)
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")


def store_fault(path: Path, exc: sqlite3.Error) -> str:
    """What to do about a store error, in one line."""
    message = str(exc) or type(exc).__name__
    if "full" in message or "disk I/O" in message:
        return (f"cannot write the store {path}: {message}; free some space and build "
                "again (documents stored so far are kept, the outputs are unchanged)")
    if "locked" in message or "readonly" in message:
        return f"cannot write the store {path}: {message}"
    return (f"the store {path} is damaged ({message}): delete {path.parent} to rebuild "
            "from scratch (it only saves NER work; your corpus and outputs are not in it)")


def extraction_to_json(extraction: Extraction) -> str:
    """Compact JSON of sentences and mentions (the document itself is not stored)."""
    return json.dumps({
        "words": extraction.words,
        "sentences": [[s.start, s.end, s.paragraph, s.text] for s in extraction.sentences],
        "mentions": [[m.start, m.end, m.text, m.type, m.sentence, m.source,
                      *([m.kb_id] if m.kb_id else [])] for m in extraction.mentions],
    }, ensure_ascii=False, separators=(",", ":"))


def extraction_from_json(document: Document, text: str) -> Extraction:
    data: dict[str, Any] = json.loads(text)
    sentences = tuple(Sentence(i, s[0], s[1], s[2], s[3])
                      for i, s in enumerate(data["sentences"]))
    mentions = tuple(Mention(document.id, m[0], m[1], m[2], sys.intern(m[3]), m[4],
                             sys.intern(m[5]), *m[6:7])
                     for m in data["mentions"])  # one str per type
    return Extraction(without_text(document), sentences, mentions, int(data.get("words", 0)))
