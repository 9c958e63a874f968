"""Records: one document per .jsonl line or .csv row, with named text/title/date/url fields."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..types import Document
from .encoding import SURROGATE, clean_text
from .report import warn
from .titles import with_title

Read = tuple[Document, str]  # a document and where it came from (file, or file:line)


@dataclass(frozen=True)
class RecordFields:
    """Which fields of a .jsonl/.csv record hold what (`--text-field`, `--title-field`,
    `--date-field`, `--url-field`). A record's `source` field, if any, names its outlet."""

    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    source: str = "source"


def jsonl_records(text: str, path: Path, doc_id: str, fields: RecordFields) -> Iterator[Read]:
    """Every record of a JSON Lines file; bad lines are skipped with file and line named."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            warn("skipped %s: invalid JSON (%s at column %d)", where, exc.msg, exc.colno)
            continue
        except (ValueError, RecursionError) as exc:
            warn("skipped %s: unreadable JSON (%s)", where,
                 "nested too deeply" if isinstance(exc, RecursionError) else exc)
            continue
        doc = _record_document(record, where, f"{doc_id}#{number}", fields, "jsonl")
        if doc is not None:
            yield doc, where


def csv_records(text: str, path: Path, doc_id: str, fields: RecordFields) -> Iterator[Read]:
    """Every row of a CSV file with a header; bad rows are skipped with file and line named."""
    csv.field_size_limit(2**31 - 1)
    # strict: an unclosed quote is an error, not a field that swallows the rest of the file
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as exc:
        warn("skipped %s: unreadable CSV header (%s)", path, exc)
        return
    if fieldnames is None or fields.text not in fieldnames:
        warn("skipped %s: no %r column (columns: %s)", path, fields.text,
             ", ".join(fieldnames or []) or "none")
        return
    line = reader.line_num
    try:
        for record in reader:
            where = f"{path}:{line + 1}"
            line = reader.line_num
            if None in record:
                warn("%s: more fields than columns; extra fields ignored", where)
            doc = _record_document({k: v for k, v in record.items() if k is not None}, where,
                                   f"{doc_id}#{reader.line_num}", fields, "csv")
            if doc is not None:
                yield doc, where
    except csv.Error as exc:
        warn("stopped reading %s at line %d: %s", path, reader.line_num, exc)


def _record_document(record: object, where: str, fallback_id: str, fields: RecordFields,
                     kind: str) -> Document | None:
    if not isinstance(record, dict):
        warn("skipped %s: record is a JSON %s, not an object", where, _json_type(record))
        return None
    text = record.get(fields.text)
    if text is None:
        warn("skipped %s: no %r field", where, fields.text)
        return None
    if not isinstance(text, str):
        warn("skipped %s: field %r is a %s, not a string", where, fields.text,
             _json_type(text))
        return None
    title = _field(record, fields.title)
    return Document(id=_record_id(record, where, fallback_id),
                    text=with_title(clean_text(text), title),
                    title=title, date=_field(record, fields.date),
                    url=_field(record, fields.url), source=_field(record, fields.source),
                    format=kind)


def _record_id(record: dict[str, object], where: str, fallback_id: str) -> str:
    raw_id = record.get("id")
    if raw_id in (None, ""):
        return fallback_id
    if isinstance(raw_id, str) or (isinstance(raw_id, int) and not isinstance(raw_id, bool)):
        return SURROGATE.sub("\ufffd", str(raw_id))
    warn("%s: 'id' is a %s, not a string or integer; using %r", where, _json_type(raw_id),
         fallback_id)
    return fallback_id


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
             float: "number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _field(record: dict[str, object], name: str) -> str:
    value = record.get(name)
    if value is None or isinstance(value, dict | list):
        return ""
    return SURROGATE.sub("\ufffd", str(value))
