#!/usr/bin/env python3
"""Sanity-check the bundled KB CSV files (and optionally rewrite them sorted).

Usage:  python check_kb.py [--sort] [FILE ...]      (default: the six bundled files)

Errors (exit 1): bad header, bad/duplicate id, id prefix not matching its file,
unknown type, empty label, empty or padded list items, a name/abbrev claimed by
two entities (compared as the README's matching rule folds them), a context
entity id that does not exist, rows not sorted by id, a UN member state without
a country row or a capital city row.
Warnings: a weak name equal to another entity's full name or abbrev (the full
name wins, so the weak entry is dead there), a label that is none of the
entity's own names.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kbcsv import (
    COLUMNS,
    KB_DIR,
    KB_FILES,
    LIST_COLUMNS,
    NAME_COLUMNS,
    TYPES,
    fold,
    loose,
    read_csv,
    write_csv,
)

ID_RE = re.compile(r"^[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*$")
PREFIX = {"countries.csv": "country", "cities.csv": "city", "organizations.csv": "org",
          "people.csv": "person", "places.csv": "place", "products.csv": "product"}
CITY_STATES = {"sg", "mc"}  # capital is the country itself


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sort", action="store_true", help="rewrite each file sorted by id in canonical quoting")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or [os.path.join(KB_DIR, f) for f in KB_FILES]
    errors: list[str] = []
    warnings: list[str] = []
    rows_by_id: dict[str, tuple[str, int, dict]] = {}
    claims: dict[str, set[str]] = defaultdict(set)  # folded strong name -> ids
    weak_claims: dict[str, set[str]] = defaultdict(set)
    loose_claims: dict[str, set[str]] = defaultdict(set)  # graphkit-style key -> ids
    loose_weak: dict[str, set[str]] = defaultdict(set)
    counts = {}

    for path in files:
        base = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\r\n")
        if header != ",".join(COLUMNS):
            errors.append(f"{base}:1: header is {header!r}, expected {','.join(COLUMNS)!r}")
            continue
        data = read_csv(path)
        counts[base] = len(data)
        ids_in_order = []
        for line, r in data:
            where = f"{base}:{line}"
            if None in r or any(v is None for v in r.values()):
                errors.append(f"{where}: wrong number of fields")
                continue
            rid = r["id"]
            ids_in_order.append(rid)
            if not ID_RE.match(rid):
                errors.append(f"{where}: bad id {rid!r}")
            if base in PREFIX and not rid.startswith(PREFIX[base] + ":"):
                errors.append(f"{where}: id {rid!r} should start with {PREFIX[base]}:")
            if rid in rows_by_id:
                errors.append(f"{where}: duplicate id {rid!r} (also {rows_by_id[rid][0]}:{rows_by_id[rid][1]})")
            rows_by_id[rid] = (base, line, r)
            if r["type"] not in TYPES:
                errors.append(f"{where}: unknown type {r['type']!r}")
            if not r["label"].strip():
                errors.append(f"{where}: empty label")
            for col in LIST_COLUMNS:
                if not r[col]:
                    continue
                for item in r[col].split("|"):
                    if not item or item != item.strip() or "  " in item:
                        errors.append(f"{where}: empty or padded item {item!r} in {col}")
            own = set()
            weak_here = {fold(n) for n in r["weak"].split("|") if n}
            # the loader counts the label as a name too (unless it is listed as weak)
            label_names = [] if fold(r["label"]) in weak_here else [r["label"]]
            for n in label_names + [n for col in NAME_COLUMNS for n in r[col].split("|") if n]:
                own.add(fold(n))
                claims[fold(n)].add(rid)
                loose_claims[loose(n)].add(rid)
            for n in filter(None, r["weak"].split("|")):
                weak_claims[fold(n)].add(rid)
                loose_weak[loose(n)].add(rid)
            if fold(r["label"]) not in own and fold(r["label"]) not in {fold(w) for w in r["weak"].split("|") if w}:
                warnings.append(f"{where}: label {r['label']!r} is not one of its names")
        if ids_in_order != sorted(ids_in_order):
            if args.sort:
                write_csv(path, [r for _, r in data])
                print(f"sorted {base}")
            else:
                errors.append(f"{base}: rows are not sorted by id (run with --sort)")

    for name, ids in sorted(claims.items()):
        if len(ids) > 1:
            errors.append(f"name {name!r} claimed by {', '.join(sorted(ids))} (put it in weak)")
    for name, ids in sorted(loose_claims.items()):
        if len(ids) > 1 and not any(len(v) > 1 for k, v in claims.items() if loose(k) == name):
            errors.append(f"name {name!r} claimed by {', '.join(sorted(ids))} once case, accents "
                          "and hyphens are ignored (put it in weak)")
        other_weak = loose_weak.get(name, set()) - ids
        if other_weak:
            warnings.append(f"name {name!r} of {', '.join(sorted(ids))} is also weak for "
                            f"{', '.join(sorted(other_weak))}: the loader demotes it to weak")
    for name, ids in sorted(weak_claims.items()):
        strong = claims.get(name, set())
        for rid in sorted(ids):
            other = strong - {rid}
            if other:
                warnings.append(f"weak {name!r} of {rid} is a full name/abbrev of {', '.join(sorted(other))}")
    for _rid, (_base, _line, r) in rows_by_id.items():
        for c in filter(None, r["context"].split("|")):
            if ID_RE.match(c) and c.split(":")[0] in PREFIX.values() and c not in rows_by_id:
                errors.append(f"{base}:{line}: context id {c!r} does not exist")

    # UN coverage (only when the bundled files are checked)
    if not args.files:
        try:
            from make_countries import UN_MEMBERS
        except Exception as e:  # pragma: no cover
            errors.append(f"cannot import UN member list: {e}")
            UN_MEMBERS = []
        capitals = defaultdict(list)
        for rid, (_base, _line, r) in rows_by_id.items():
            if rid.startswith("city:") and re.search(r"capital|seat of government", r["note"].split(";")[0]) \
                    and "former capital" not in r["note"].split(";")[0]:
                for c in r["context"].split("|"):
                    if c.startswith("country:"):
                        capitals[c].append(rid)
        for code in UN_MEMBERS:
            cid = "country:" + code.lower()
            if cid not in rows_by_id:
                errors.append(f"UN member {cid} has no row")
            elif code.lower() not in CITY_STATES and not capitals.get(cid):
                errors.append(f"UN member {cid} has no capital city row")
        print(f"UN members: {len(UN_MEMBERS)}; with capital rows: "
              f"{sum(1 for c in UN_MEMBERS if capitals.get('country:' + c.lower()))} (+{len(CITY_STATES)} city-states)")

    for base, n in counts.items():
        print(f"{base}: {n} rows")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
