"""Publication dates: parse Indonesian and English date strings and find a document's date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .errors import GraphkitError
from .types import Document, Extraction

MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "pebruari": 2,
    "feb": 2, "peb": 2, "maret": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5,
    "may": 5, "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "agustus": 8,
    "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10, "november": 11, "nopember": 11,
    "nov": 11, "desember": 12, "december": 12, "des": 12, "dec": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})(?!\d)"),
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}})(?!\d)",
               re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
)
_DAYS = ("senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|"
         "thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun")
_LINE_NOISE = re.compile(
    rf"\b(?:{_DAYS}|wib|wita|wit|gmt|utc|pukul|jam|am|pm|diterbitkan|dipublikasikan|"
    r"diperbarui|terbit|published|updated|posted|on|at)\b|T?\d{1,2}[:.]\d{2}(?::\d{2})?Z?"
    r"|[+-]\d{2}:?\d{2}|[\s,.\-–—|/:()]+", re.IGNORECASE)
DATE_LINE_MAX = 80  # a date line is short: a date, perhaps a weekday, time and zone
HEAD_LINES = 12  # non-empty lines at the top of a plain-text article searched for its date
HEAD_CHARS = 4000  # ... within its first characters (never split a whole large document)


def _as_date(year: str, month: str, day: str) -> str:
    number = int(month) if month.isdigit() else MONTHS[month.lower()]
    try:
        return dt.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return ""


def _match(text: str) -> tuple[str, re.Match[str] | None]:
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _as_date(match["year"], match["month"], match["day"])
            if iso:
                return iso, match
    return "", None


def parse_date(text: str) -> str:
    """The first valid date in `text` as ISO `YYYY-MM-DD`, or '' when there is none.

    >>> parse_date("Kamis, 27 Juni 2024 - 15:25 WIB")
    '2024-06-27'
    >>> parse_date("Oktober 10, 2024"), parse_date("2024-06-19T10:00:00+07:00")
    ('2024-10-10', '2024-06-19')
    >>> parse_date("19/06/2024 10:00"), parse_date("31 Februari 2024")
    ('2024-06-19', '')
    """
    return _match(text)[0]


def date_line(line: str) -> str:
    """The date of a line that holds nothing but a date (weekday, time, zone allowed), or ''.

    >>> date_line("Kamis, 27 Juni 2024 - 15:25 WIB")
    '2024-06-27'
    >>> date_line("Putin tiba pada Rabu, 13 September 2023.")
    ''
    """
    if len(line) > DATE_LINE_MAX:
        return ""
    iso, match = _match(line)
    if match is None:
        return ""
    rest = line[:match.start()] + " " + line[match.end():]
    return iso if not _LINE_NOISE.sub("", rest) else ""


def document_date(doc: Document) -> str:
    """A document's publication date (ISO), from its `date` field or a date line at its top.

    >>> document_date(Document("a.txt", "Judul\\n\\nOktober 10, 2024\\nPutin tiba."))
    '2024-10-10'
    >>> document_date(Document("b", "Putin tiba.", date="2024-06-19 08:00"))
    '2024-06-19'
    """
    if doc.date:
        return parse_date(doc.date)
    lines = (line.strip() for line in doc.text[:HEAD_CHARS].splitlines())
    for _, line in zip(range(HEAD_LINES), (line for line in lines if line), strict=False):
        found = date_line(line)
        if found:
            return found
    return ""


def without_text(doc: Document) -> Document:
    """The document's metadata with its date resolved, and no text (for keeping in memory)."""
    return Document(doc.id, "", doc.title, document_date(doc), doc.url)


def check_bound(value: str | None, name: str) -> str:
    """A --since/--until bound as ISO, or '' when unset; unparseable bounds are an error."""
    if not value:
        return ""
    iso = parse_date(value)
    if not iso:
        raise GraphkitError(f"{name} must be a date such as 2024-06-27, not {value!r}")
    return iso


def within_dates(extractions: Iterable[Extraction], since: str | None = None,
                 until: str | None = None) -> list[Extraction]:
    """The extractions whose document date lies in [since, until]; with a bound set,
    documents without a known date are left out."""
    low, high = check_bound(since, "--since"), check_bound(until, "--until")
    kept = []
    for extraction in extractions:
        date = document_date(extraction.doc)
        if (low or high) and not date:
            continue
        if (low and date < low) or (high and date > high):
            continue
        kept.append(extraction)
    return kept
