"""Small helpers shared by the KB build and check scripts.

The CSV files in the parent folder are the source of truth; these helpers only
read and write them in the canonical form (header row, rows sorted by id,
RFC 4180 quoting, UTF-8, LF line ends).
"""
from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterable

COLUMNS = ["id", "type", "label", "names_id", "names_en", "abbrev", "weak", "context", "note"]
LIST_COLUMNS = ["names_id", "names_en", "abbrev", "weak", "context"]
NAME_COLUMNS = ["names_id", "names_en", "abbrev"]
TYPES = {"PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT", "MISC"}
KB_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "graphkit", "data", "kb")
KB_FILES = ["countries.csv", "cities.csv", "organizations.csv", "people.csv", "places.csv",
            "products.csv"]


def join(values: Iterable[str] | str | None) -> str:
    """Join names with '|', dropping empties and exact duplicates, keeping order."""
    if values is None:
        return ""
    if isinstance(values, str):
        values = values.split("|")
    out: list[str] = []
    for v in values:
        v = " ".join(v.split())
        if v and v not in out:
            out.append(v)
    return "|".join(out)


def row(id: str, type: str, label: str, names_id=None, names_en=None, abbrev=None,
        weak=None, context=None, note: str = "") -> dict:
    return {
        "id": id, "type": type, "label": label,
        "names_id": join(names_id), "names_en": join(names_en), "abbrev": join(abbrev),
        "weak": join(weak), "context": join(context), "note": " ".join(note.split()),
    }


def write_csv(path: str, rows: list[dict]) -> None:
    rows = sorted(rows, key=lambda r: r["id"])
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in COLUMNS})


def read_csv(path: str) -> list[tuple[int, dict]]:
    """Return (line number, row) pairs; line numbers are 1-based file lines."""
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        for r in reader:
            out.append((reader.line_num, r))
    return out


def fold(name: str) -> str:
    """Matching key as the README describes it: names longer than four letters
    and not all-capital acronyms are compared case- and accent-insensitively."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 4 or (letters and all(c.isupper() for c in letters)):
        return name
    nfkd = unicodedata.normalize("NFKD", name)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).casefold()


_DASHES = re.compile(r"[\u2010-\u2015\u2212\-_]+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def loose(name: str) -> str:
    """A looser key (all case folded, accents and hyphens ignored) like graphkit's
    normalize_name; two entities sharing it collide in the loader's alias index."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _DASHES.sub(" ", text.translate(_QUOTES))
    text = _EDGE.sub("", " ".join(text.split()))
    return text.casefold()
