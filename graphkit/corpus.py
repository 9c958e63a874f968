"""Read a corpus (folders of .txt/.md files, .jsonl and .csv records) into Documents."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import CorpusError
from .types import Document

log = logging.getLogger("graphkit")

TEXT_SUFFIXES = (".txt", ".md")
RECORD_SUFFIXES = (".jsonl", ".csv")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + RECORD_SUFFIXES
_SNIFF_BYTES = 8192
# File signatures of formats analysts often save with a text extension by mistake.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"), (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"), (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"), (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"), (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"), (b"\xfe\xff", "utf-16", "UTF-16"),
)
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_FIRST_LINE = re.compile(r"[^\s\ufeff][^\n]*")
_MAX_CONTROL_SHARE = 0.05
_OUTPUT_MARK = ".graphkit"  # in every graphkit output folder (graphkit.export.owned.MARK)


def read_corpus(paths: Iterable[str | Path], text_field: str = "text") -> Iterator[Document]:
    """Yield every document under `paths` in a stable order, skipping (with a warning naming
    the file, and line for records) what cannot be read. Raises CorpusError for a path that
    does not exist and when no document at all could be read."""
    seen: dict[str, str] = {}
    roots = [Path(p) for p in paths]
    for root in roots:
        if not root.exists():
            raise CorpusError(f"corpus not found: {root}")
        if not root.is_dir() and not root.is_file():
            raise CorpusError(f"corpus {root} is not a file or folder")
    for root in roots:
        found = False
        for path, doc_id in _corpus_files(root):
            found = True
            for doc, where in _read_file(path, doc_id, text_field):
                if doc.id in seen:
                    log.warning("skipped %s: duplicate document id %r (first read from %s)",
                                where, doc.id, seen[doc.id])
                    continue
                seen[doc.id] = where
                yield doc
        if not found:
            log.warning("%s holds no supported files (%s)", root, ", ".join(SUPPORTED_SUFFIXES))
    if not seen:
        raise CorpusError(f"no readable documents in {', '.join(str(r) for r in roots)} "
                          f"(supported: {', '.join(SUPPORTED_SUFFIXES)}; skipped files are "
                          "listed above)")


def _corpus_files(root: Path) -> Iterator[tuple[Path, str]]:
    """(path, document id) of every supported file; ids are paths relative to `root`.
    Hidden files and folders are skipped, and so are graphkit's own output folders."""
    if not root.is_dir():
        yield root, _printable_id(root.name, root)
        return
    if (root / _OUTPUT_MARK).is_dir():
        raise CorpusError(f"{root} is a graphkit output folder (it has a {_OUTPUT_MARK} "
                          "folder), not a corpus")
    visited: set[tuple[int, int]] = set()
    inside = _inside(root)

    def unreadable(exc: OSError) -> None:
        log.warning("skipped %s: %s", exc.filename, exc.strerror or exc)

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=unreadable):
        try:
            info = os.stat(folder)
        except OSError as exc:
            unreadable(exc)
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in visited:
            log.warning("skipped %s: symbolic link to a folder already read (a loop?)", folder)
            dirs[:] = []
            continue
        visited.add((info.st_dev, info.st_ino))
        if Path(folder) != root and _OUTPUT_MARK in dirs:
            log.info("skipped %s: a graphkit output folder", folder)
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")  # as hidden files
                         and inside(Path(folder) / d))
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or path.suffix.lower() not in SUPPORTED_SUFFIXES \
                    or not inside(path):
                continue
            yield path, _printable_id(path.relative_to(root).as_posix(), path)


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
        log.warning("skipped %s: symbolic link to %s, outside the corpus folder (pass it "
                    "as a corpus of its own to read it)", path, target)
        return False

    return inside


def _printable_id(doc_id: str, path: Path) -> str:
    """A file name that is not valid UTF-8 cannot be written to UTF-8 outputs: replace the
    undecodable bytes with U+FFFD (the warning shows the original)."""
    if not _SURROGATE.search(doc_id):
        return doc_id
    fixed = os.fsencode(doc_id).decode("utf-8", errors="replace")
    log.warning("%r: file name is not valid UTF-8; its document id is %r", str(path), fixed)
    return fixed


def _read_file(path: Path, doc_id: str,
               text_field: str) -> Iterator[tuple[Document, str]]:
    """(document, where it came from) for every document in one file."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            log.warning("skipped %s: not a regular file", path)
            return
        raw = path.read_bytes()
    except OSError as exc:
        log.warning("skipped %s: cannot read it (%s)", path, exc.strerror or exc)
        return
    text = decode_text(raw, path)
    if text is None:
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_records(text.removeprefix("\ufeff"), path, doc_id, text_field)
    elif suffix == ".csv":
        yield from _csv_records(text.removeprefix("\ufeff"), path, doc_id, text_field)
    else:
        yield Document(id=doc_id, text=text, title=_first_line(text)), str(path)


def decode_text(raw: bytes, path: Path) -> str | None:
    """Decode file bytes as Python's text mode would read them (universal newlines).

    Rules, in order: a UTF-32/UTF-16 byte order mark is honoured; a known binary signature
    (PDF, images, archives) or NUL bytes mean a binary file, skipped (returns None) unless
    the NULs are the zero half of BOM-less UTF-16; valid UTF-8 is UTF-8 (a UTF-8 BOM is
    kept as U+FEFF, as `Path.read_text(encoding="utf-8")` keeps it); UTF-8 with some
    invalid bytes is decoded with U+FFFD for those bytes and reported; text with no valid
    UTF-8 multi-byte sequence that decodes cleanly as Windows-1252 (a superset of Latin-1's
    printable range) is read as Windows-1252 and reported. Every choice other than plain
    UTF-8 is logged with the file name."""
    text = _decode(raw, path)
    if text is None:
        return None
    return _SURROGATE.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n")


def _decode(raw: bytes, path: Path) -> str | None:
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            return _decode_reported(raw, codec, name, path)
    head = raw[:_SNIFF_BYTES]
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            log.warning("skipped %s: binary file (%s), not text", path, what)
            return None
    if head[4:8] == b"ftyp":
        log.warning("skipped %s: binary file (a video or HEIC image), not text", path)
        return None
    if b"\x00" in head:
        utf16 = _bomless_utf16(head)
        if utf16 is None:
            log.warning("skipped %s: binary file (contains NUL bytes), not text", path)
            return None
        return _decode_reported(raw, utf16, "UTF-16 without byte order mark", path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_non_utf8(raw, exc, path)
    if _looks_binary(text):
        log.warning("skipped %s: binary file (mostly control characters), not text", path)
        return None
    if "\x00" in text:
        log.warning("%s: %d NUL bytes kept in the text (first at line %d)", path,
                    text.count("\x00"), text.count("\n", 0, text.index("\x00")) + 1)
    return text


def _decode_reported(raw: bytes, codec: str, name: str, path: Path) -> str:
    text = raw.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    if bad:
        log.warning("%s: read as %s; %d undecodable bytes replaced by U+FFFD", path, name, bad)
    else:
        log.info("%s: read as %s", path, name)
    return text


def _bomless_utf16(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when nearly every odd/even byte is zero (ASCII-heavy text)."""
    pairs = len(head) // 2
    if pairs < 4:
        return None
    odd_zero = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    even_zero = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    if odd_zero >= 0.9 * pairs and even_zero == 0:
        return "utf-16-le"
    if even_zero >= 0.9 * pairs and odd_zero == 0:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """More than 5% of the characters (in the first 8K) are control characters."""
    sample = text[:_SNIFF_BYTES]
    return bool(sample) and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample)


def _decode_non_utf8(raw: bytes, error: UnicodeDecodeError, path: Path) -> str | None:
    lenient = raw.decode("utf-8", errors="replace")
    line = raw.count(b"\n", 0, error.start) + 1
    if not any(ord(ch) > 127 and ch != "\ufffd" for ch in lenient):
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and not _looks_binary(text):
            log.warning("%s: not valid UTF-8 (first bad byte on line %d); read as "
                        "Windows-1252/Latin-1", path, line)
            return text
    if _looks_binary(lenient):
        log.warning("skipped %s: binary file (mostly control characters), not text", path)
        return None
    log.warning("%s: %d bytes are not valid UTF-8 (first on line %d, byte %d); replaced by "
                "U+FFFD", path, lenient.count("\ufffd"), line, error.start)
    return lenient


def _first_line(text: str) -> str:
    match = _FIRST_LINE.search(text)
    return match.group().strip()[:200] if match else ""


def _record_document(record: object, where: str, fallback_id: str,
                     text_field: str) -> Document | None:
    if not isinstance(record, dict):
        log.warning("skipped %s: record is a JSON %s, not an object", where, _json_type(record))
        return None
    text = record.get(text_field)
    if text is None:
        log.warning("skipped %s: no %r field", where, text_field)
        return None
    if not isinstance(text, str):
        log.warning("skipped %s: field %r is a %s, not a string", where, text_field,
                    _json_type(text))
        return None
    raw_id = record.get("id")
    if raw_id in (None, ""):
        doc_id = fallback_id
    elif isinstance(raw_id, str) or (isinstance(raw_id, int) and not isinstance(raw_id, bool)):
        doc_id = _SURROGATE.sub("\ufffd", str(raw_id))
    else:
        doc_id = fallback_id
        log.warning("%s: 'id' is a %s, not a string or integer; using %r", where,
                    _json_type(raw_id), fallback_id)
    return Document(
        id=doc_id,
        text=_SURROGATE.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n"),
        title=_field(record, "title"),
        date=_field(record, "date"),
        url=_field(record, "url"),
    )


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
             float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _field(record: dict[str, object], name: str) -> str:
    value = record.get(name)
    if value is None or isinstance(value, dict | list):
        return ""
    return _SURROGATE.sub("\ufffd", str(value))


def _jsonl_records(text: str, path: Path, doc_id: str,
                   text_field: str) -> Iterator[tuple[Document, str]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            log.warning("skipped %s: invalid JSON (%s at column %d)", where, exc.msg, exc.colno)
            continue
        except (ValueError, RecursionError) as exc:
            log.warning("skipped %s: unreadable JSON (%s)", where,
                        "nested too deeply" if isinstance(exc, RecursionError) else exc)
            continue
        doc = _record_document(record, where, f"{doc_id}#{number}", text_field)
        if doc is not None:
            yield doc, where


def _csv_records(text: str, path: Path, doc_id: str,
                 text_field: str) -> Iterator[tuple[Document, str]]:
    csv.field_size_limit(2**31 - 1)
    # strict: an unclosed quote is an error, not a field that swallows the rest of the file
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        log.warning("skipped %s: unreadable CSV header (%s)", path, exc)
        return
    if fieldnames is None or text_field not in fieldnames:
        log.warning("skipped %s: no %r column (columns: %s)", path, text_field,
                    ", ".join(fieldnames or []) or "none")
        return
    line = reader.line_num
    try:
        for record in reader:
            where = f"{path}:{line + 1}"
            line = reader.line_num
            if None in record:
                log.warning("%s: more fields than columns; extra fields ignored", where)
            doc = _record_document({k: v for k, v in record.items() if k is not None}, where,
                                   f"{doc_id}#{reader.line_num}", text_field)
            if doc is not None:
                yield doc, where
    except csv.Error as exc:
        log.warning("stopped reading %s at line %d: %s", path, reader.line_num, exc)


def _supported_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Every supported file under the existing `paths`, without reading any."""
    for root in [Path(p) for p in paths]:
        if root.exists():
            for path, _ in _corpus_files(root):
                yield path


def count_documents(paths: Iterable[str | Path], limit: int | None = None) -> int:
    """Roughly how many documents `paths` hold, without decoding them (for progress bars);
    with `limit`, counting stops once there are that many."""
    total = 0
    for path in _supported_files(paths):
        if limit is not None and total >= limit:
            break
        if path.suffix.lower() not in RECORD_SUFFIXES:
            total += 1
            continue
        try:
            if not path.is_file():
                continue
            with path.open("rb") as handle:
                total += sum(1 for _ in itertools.islice(handle, limit))
        except OSError:
            continue
    return total if limit is None else min(total, limit)


def corpus_bytes(paths: Iterable[str | Path]) -> int:
    """Total size of the corpus files, from the file system only (to size the work)."""
    total = 0
    for path in _supported_files(paths):
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total
