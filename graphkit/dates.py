"""Publication dates: parse Indonesian and English date strings and find a document's date."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable

from .errors import GraphkitError
from .types import Document, Extraction

log = logging.getLogger("graphkit")

# The one list of month and weekday names (Indonesian, with old spellings, and English):
# dates are parsed with them, and the cleaner and the name proposer build on them.
MONTH_NAMES = (
    ("januari", "january"), ("februari", "pebruari", "february"), ("maret", "march"),
    ("april",), ("mei", "may"), ("juni", "june"), ("juli", "july"), ("agustus", "august"),
    ("september",), ("oktober", "october"), ("november", "nopember"),
    ("desember", "december"),
)
MONTH_ABBREVIATIONS = (
    ("jan",), ("feb", "peb"), ("mar",), ("apr",), (), ("jun",), ("jul",),
    ("agu", "agt", "ags", "aug"), ("sep", "sept"), ("okt", "oct"), ("nov",), ("des", "dec"),
)
WEEKDAY_NAMES = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu",
                 "ahad", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                 "sunday")
WEEKDAY_ABBREVIATIONS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTHS = {name: number for number, names in enumerate(zip(MONTH_NAMES, MONTH_ABBREVIATIONS,
                                                          strict=True), start=1)
          for group in names for name in group}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR2 = r"(?P<year>\d{4}|\d{2})"  # "10-Sep-19": a two-digit year with a month name
_PATTERNS = (
    re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})(?!\d)"),
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>\d{{4}})(?!\d)",
               re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})([-/ ]){_MONTH}\2{_YEAR2}(?!\d)", re.IGNORECASE),
)
_NUMERIC_DAY_FIRST = _PATTERNS[1]  # 10/09/2019 is 10 September, as Indonesian sources write
_DAYS = "|".join(WEEKDAY_NAMES + WEEKDAY_ABBREVIATIONS)
_LINE_NOISE = re.compile(
    rf"\b(?:{_DAYS}|wib|wita|wit|gmt|utc|pukul|jam|am|pm|diterbitkan|dipublikasikan|"
    r"diperbarui|terbit|published|updated|posted|on|at)\b|T?\d{1,2}[:.]\d{2}(?::\d{2})?Z?"
    r"|[+-]\d{2}:?\d{2}|[\s,.\-–—|/:()]+", re.IGNORECASE)
DATE_LINE_MAX = 80  # a date line is short: a date, perhaps a weekday, time and zone
HEAD_LINES = 12  # non-empty lines at the top of a plain-text article searched for its date
HEAD_CHARS = 4000  # ... within its first characters (never split a whole large document)


def _as_date(year: str, month: str, day: str) -> str:
    number = int(month) if month.isdigit() else MONTHS[month.lower()]
    full_year = int(year) if len(year) == 4 else 2000 + int(year) if int(year) < 70 \
        else 1900 + int(year)
    try:
        return dt.date(full_year, number, int(day)).isoformat()
    except ValueError:
        return ""


def _match(text: str) -> tuple[str, re.Match[str] | None]:
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _as_date(match["year"], match["month"], match["day"])
            if not iso and pattern is _NUMERIC_DAY_FIRST:  # 09/25/2019: month first
                iso = _as_date(match["year"], match["day"], match["month"])
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
    >>> parse_date("10-Sep-19"), parse_date("Selasa, 10/09/2019 14:05 WIB")
    ('2019-09-10', '2019-09-10')
    >>> parse_date("Tue, 10 Sep 2019 07:05:00 +0700"), parse_date("09/25/2019")
    ('2019-09-10', '2019-09-25')
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
    return Document(doc.id, "", doc.title, document_date(doc), doc.url, doc.source, doc.format)


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
    documents without a known date are left out, and how many is logged (a warning)."""
    low, high = check_bound(since, "--since"), check_bound(until, "--until")
    kept = []
    undated = 0
    for extraction in extractions:
        date = document_date(extraction.doc)
        if (low or high) and not date:
            undated += 1
            continue
        if (low and date < low) or (high and date > high):
            continue
        kept.append(extraction)
    if undated:
        log.warning("--since/--until left out %d document%s without a known date", undated,
                    "" if undated == 1 else "s")
    return kept
