"""Build graphkit/data/common_words_id.txt: Indonesian words that news writes in lowercase.

A capitalised word whose lowercase form is common ("Kunjungan", "Memperdalam") is not a
name by itself; the rule-based name proposer uses this list to tell the two apart.
Source: CLICK-ID raw articles (CC BY 4.0, William & Sari 2020), read in place.

usage: python training/common_words.py --data ../shared/data
       [--out graphkit/data/common_words_id.txt]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?\"“”]\s*$")


def count_words(folder: Path) -> tuple[Counter[str], Counter[str]]:
    """Lowercase and mid-sentence capitalised occurrences of every word form."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    csv.field_size_limit(sys.maxsize)
    for path in sorted(folder.glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for sentence in re.split(r"(?<=[.!?])\s+|,(?=\S)", row.get("content") or ""):
                    words = WORD.findall(sentence)
                    for position, word in enumerate(words):
                        if word.islower():
                            lower[word] += 1
                        elif position > 0 and word[0].isupper():
                            capital[word.lower()] += 1
    return lower, capital


def common_words(lower: Counter[str], capital: Counter[str], min_count: int = 10) -> list[str]:
    """Words seen lowercase at least `min_count` times and three times as often as capitalised."""
    return sorted(w for w, n in lower.items()
                  if n >= min_count and n >= 3 * capital[w] and len(w) > 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("graphkit/data/common_words_id.txt"))
    args = parser.parse_args()
    lower, capital = count_words(args.data / "click-id-raw-articles")
    words = common_words(lower, capital)
    header = ("# Indonesian words written in lowercase in news (CLICK-ID, CC BY 4.0,\n"
              "# William & Sari 2020). Made by training/common_words.py; one word a line.\n")
    args.out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
