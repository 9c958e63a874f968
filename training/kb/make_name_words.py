#!/usr/bin/env python3
"""Write graphkit/data/name_words.tsv: how often each word appears in the names of people,
organisations and places of the Indonesian DBpedia lists, so the span rules can tell a
person's name from an organisation's where the model ran the two together ('Direktur
Ombudsman Ahmad Suaedy').

Usage:  python make_name_words.py [--data DIR]   (default DIR: shared/data)

Source: `id-dbpedia-entity-lists/{person,organization,place}.txt` (Alfina, Manurung &
Fanany 2016, from Indonesian DBpedia, CC BY-SA 3.0). A title's disambiguator in brackets
and after a comma is left out ('Tatang (koki)', 'Bangsal, Mojokerto'); people's names count
only when of two words or more (one-word titles are often not names: 'The Who'). Only
words of letters, lower-cased, that appear in a person's or an organisation's name are
written (a place-only word tells nothing here).
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "graphkit" / "data" / "name_words.tsv"
HEADER = ("# Words of the names in the Indonesian DBpedia lists (Alfina, Manurung & Fanany\n"
          "# 2016; DBpedia data CC BY-SA 3.0), made by training/kb/make_name_words.py:\n"
          "# word, then how many people's (two words or more), organisations' and places'\n"
          "# names hold it.\n")


def word_counts(path: Path, min_words: int = 1) -> Counter[str]:
    """Lower-cased words of letters in the list's names, each name counted once a word."""
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        name = re.sub(r"\s*\(.*?\)\s*", " ", line).split(",")[0].split()
        if len(name) >= min_words:
            counts.update({w.lower() for w in name if w.isalpha()})
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    folder = args.data / "id-dbpedia-entity-lists"
    people = word_counts(folder / "person.txt", min_words=2)
    orgs = word_counts(folder / "organization.txt")
    places = word_counts(folder / "place.txt")
    rows = [f"{w}\t{people[w]}\t{orgs[w]}\t{places[w]}" for w in sorted(set(people) | set(orgs))]
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main()
