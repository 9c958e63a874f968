"""Select a fixed sample of non-politics CLICK-ID articles (sport, technology, economy,
entertainment) as a JSONL corpus, to read the graph's nodes as a user of such news would.

The corpus is written outside the repository (CLICK-ID article texts are the publishers'
copyright; benchmarks/ner_pipeline.md says what was seen in the graph built from it).

usage: python benchmarks/nonpolitics_corpus.py [--data ../shared/data]
       [--per-section 75] --out /tmp/nonpolitics/corpus.jsonl
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# CLICK-ID (publisher, category) pairs by section; politics, crime and regional news left out.
SECTIONS: dict[str, list[tuple[str, str]]] = {
    "sport": [("kompas", "Bola"), ("okezone", "Bola"), ("okezone", "Sports"),
              ("sindonews", "Sports"), ("tempo", "bola"), ("tempo", "sport"),
              ("tribunnews", "Super Skor")],
    "technology": [("kompas", "Tekno"), ("okezone", "Techno"), ("sindonews", "Autotekno"),
                   ("tempo", "tekno"), ("tribunnews", "Techno")],
    "economy": [("kompas", "Money"), ("okezone", "Economy"), ("sindonews", "Ekbis"),
                ("tempo", "bisnis"), ("tribunnews", "Bisnis")],
    "entertainment": [("kapanlagi", "SELEBRITI"), ("kapanlagi", "KOREA"),
                      ("kompas", "Entertainment"), ("okezone", "Celebrity"),
                      ("tempo", "seleb"), ("wowkeren", "Musik"), ("wowkeren", "Film"),
                      ("tribunnews", "Seleb")],
}


def section_articles(data: Path) -> dict[str, list[dict[str, str]]]:
    """Every CLICK-ID article of each section, as {"id", "title", "text", "date", "url"},
    in file order."""
    wanted = {pair: name for name, pairs in SECTIONS.items() for pair in pairs}
    found: dict[str, list[dict[str, str]]] = {name: [] for name in SECTIONS}
    csv.field_size_limit(sys.maxsize)
    for path in sorted((data / "click-id-raw-articles").glob("*.csv.gz")):
        publisher = path.name.split(".")[0]
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle)):
                section = wanted.get((publisher, row.get("category") or ""))
                if section and (row.get("content") or "").strip():
                    found[section].append({
                        "id": f"click/{publisher}/{number}", "title": row.get("title") or "",
                        "text": row["content"], "date": row.get("date") or "",
                        "url": row.get("url") or ""})
    return found


def sample(found: dict[str, list[dict[str, str]]], per_section: int) -> list[dict[str, str]]:
    """`per_section` articles of each section, drawn with a fixed seed."""
    chosen = []
    for name in SECTIONS:
        articles = found[name]
        chosen += random.Random(27).sample(articles, min(per_section, len(articles)))  # noqa: S311
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--per-section", type=int, default=75)
    parser.add_argument("--out", type=Path, required=True,
                        help="JSONL file to write (outside the repository)")
    args = parser.parse_args()
    chosen = sample(section_articles(args.data), args.per_section)
    with args.out.open("w", encoding="utf-8") as handle:
        for record in chosen:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(chosen)} articles to {args.out}")


if __name__ == "__main__":
    main()
