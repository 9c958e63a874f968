#!/usr/bin/env python3
"""Add Indonesia's regencies (kabupaten) to ../places.csv from the Indonesian DBpedia
place list, replacing the rows this script made before (ids `place:kab-*`).

Usage:  python make_regencies.py [--data DIR]   (default DIR: shared/data)

Source: `id-dbpedia-entity-lists/place.txt` (Alfina, Manurung & Fanany 2016, from
Indonesian DBpedia, CC BY-SA 3.0): its `Kabupaten X` titles, less the foreign ones
(Croatian counties and a few others Indonesian Wikipedia also calls kabupaten) and
those whose bare name is another entity's (cities such as Bogor or Malang, provinces).

Each regency is named `Kabupaten X` and `Kab. X`. The bare `X` is left out when another
entity owns it, a part of Jakarta is so named ('Kuningan Barat, Mampang Prapatan, Jakarta
Selatan') or it is one ordinary Indonesian word ('Puncak', 'Batang'); it is weak (it names
the regency only when nothing else fits) when it is one English word, a word of people's
names (DBpedia's person list) or four letters or fewer; otherwise it is a sure name.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kbcsv import KB_DIR, read_csv, row, write_csv

from graphkit.link.kb import load_kb
from graphkit.link.names import normalize_name, slugify
from graphkit.words import common_words, english_words

PREFIX = "place:kab-"
# Called kabupaten on Indonesian Wikipedia, but not in Indonesia; Kepulauan Seribu is a
# city row already (cities.csv).
FOREIGN = frozenset("Istria Karlovac Zadar Zagreb Covalima Eumseong Wenchuan".split())
SKIP = frozenset({"Administrasi Kepulauan Seribu", "Pontianak"})  # Pontianak: now Mempawah
# Kota and kabupaten of one name: the bare name is most often the city (not in the KB)
CITY_TOO = frozenset(
    """Bandung Bekasi Bima Blitar Bogor Cirebon Jayapura Kediri Kupang Madiun Magelang
    Malang Mojokerto Pasuruan Pekalongan Probolinggo Semarang Serang Solok Sorong Sukabumi
    Tangerang Tasikmalaya Tegal Banjar""".split())
_DIRECTIONS = frozenset("barat timur utara selatan tengah".split())
_NUMERALS = frozenset("i ii iii iv v".split())
NOTE = ("regency (kabupaten) of Indonesia (source: Indonesian DBpedia place list, "
        "Alfina et al. 2016, CC BY-SA 3.0)")


def regencies(data: Path) -> list[str]:
    """The bare names of the Indonesian regencies the DBpedia list holds, sorted."""
    found = set()
    for line in (data / "id-dbpedia-entity-lists" / "place.txt").read_text(
            encoding="utf-8").splitlines():
        if line.startswith("Kabupaten "):
            name = line[len("Kabupaten "):].strip()
            if name.isascii() and "-" not in name and "?" not in name and \
                    name not in FOREIGN | SKIP:
                found.add(name)
    return sorted(found)


def named_in_jakarta(data: Path) -> set[str]:
    """Folded names the place list also gives to a part of Jakarta, where national news
    happens ('Kuningan Barat, Mampang Prapatan, Jakarta Selatan'): as a bare name they name
    the regency too seldom. (Villages and districts elsewhere named like a regency,
    'Banyumas, Pringsewu', 'Kendal, Ngawi', are too small to count.)"""
    found = set()
    for line in (data / "id-dbpedia-entity-lists" / "place.txt").read_text(
            encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split(",")]
        if not parts[-1].startswith("Jakarta") or len(parts) < 2:
            continue
        words = normalize_name(parts[0]).split()
        while len(words) > 1 and (words[-1] in _DIRECTIONS or words[-1] in _NUMERALS):
            words = words[:-1]
        if " ".join(words) != normalize_name(parts[-1]):
            found.add(" ".join(words))
    return found


def person_words(data: Path) -> set[str]:
    """Words of two or more people's names in DBpedia's person list, folded."""
    counts: Counter[str] = Counter()
    for line in (data / "id-dbpedia-entity-lists" / "person.txt").read_text(
            encoding="utf-8").splitlines():
        counts.update(normalize_name(line).split())
    return {word for word, n in counts.items() if n >= 2}


def regency_row(name: str, claimed: set[str], people: set[str]) -> dict[str, str]:
    """The KB row of one regency (see the module docstring for its names); `claimed`:
    folded names that are not the regency's alone."""
    key = normalize_name(name)
    words = key.split()  # a name of several words is nobody's given name or a word
    names = [f"Kabupaten {name}", f"Kab. {name}"]
    if key in claimed or name in CITY_TOO or (len(words) == 1 and key in common_words()):
        return row(f"{PREFIX}{slugify(key)}", "GPE", names[0], names_id=names,
                   context=["country:id"], note=NOTE)
    risky = len(words) == 1 and (len(key) <= 4 or key in english_words() or key in people)
    return row(f"{PREFIX}{slugify(key)}", "GPE", name, names_id=names + [name],
               weak=[name] if risky else None, context=["country:id"], note=NOTE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(KB_DIR).parents[2].parent / "shared" / "data")
    args = parser.parse_args()
    path = os.path.join(KB_DIR, "places.csv")
    kept = [r for _, r in read_csv(path) if not r["id"].startswith(PREFIX)]
    kb = load_kb()
    claimed = {k for k, owner in kb.strong.items() if not owner.startswith(PREFIX)}
    claimed |= {k for k, owners in kb.weak.items()
                if any(not o.startswith(PREFIX) for o in owners)}
    claimed |= named_in_jakarta(args.data)
    people = person_words(args.data)
    added = [regency_row(name, claimed, people) for name in regencies(args.data)]
    write_csv(path, kept + added)
    weak = sum(1 for r in added if r["weak"])
    print(f"{len(added)} regencies ({weak} with a weak bare name) -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
