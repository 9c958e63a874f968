"""Build graphkit/data/common_words_en.txt: English common words that Indonesian news uses.

Sport, technology and entertainment news names products, songs, films and teams with English
words ('A Quiet Place', 'Night Sight', 'Navy Blue'); a capitalised run made only of such words
is no person's name. Source: SCOWL's American English list as Debian's `wamerican` installs it
(/usr/share/dict/american-english; its copyright notice is kept in the output's header).
Kept: lowercase entries of three letters or more that the list does not also have as a
capitalised name ('rose' and 'Rose', 'miller' and 'Miller' are left out: people are named so)
and that CLICK-ID's articles use at least `--min-count` times (so the file stays small).

usage: apt-get install wamerican
       python training/english_words.py --data ../shared/data
       [--out graphkit/data/common_words_en.txt]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from common_words import count_words

SCOWL = Path("/usr/share/dict/american-english")
NOTICE = """# English common words used in Indonesian news. Made by training/english_words.py
# from SCOWL's American English word list (Debian wamerican), kept where the CLICK-ID
# articles (CC BY 4.0, William & Sari 2020) use them; one word a line.
# SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify,
# distribute and sell these word lists, the associated scripts, the output created from
# the scripts, and its documentation for any purpose is hereby granted without fee,
# provided that the above copyright notice appears in all copies and that both that
# copyright notice and this permission notice appear in supporting documentation. Kevin
# Atkinson makes no representations about the suitability of this array for any purpose.
# It is provided "as is" without express or implied warranty.
"""


def english_words(entries: list[str], used: Counter[str], min_count: int) -> list[str]:
    """Lowercase alphabetic entries of 3+ letters, not also capitalised names, used
    `min_count` times or more."""
    names = {e.lower() for e in entries if e[:1].isupper()}
    return sorted({e for e in entries if e.isascii() and e.isalpha() and e.islower()
                   and len(e) >= 3 and e not in names and used[e] >= min_count})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("graphkit/data/common_words_en.txt"))
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    lower, capital = count_words(args.data / "click-id-raw-articles")
    entries = SCOWL.read_text(encoding="utf-8").split()
    words = english_words(entries, lower + capital, args.min_count)
    args.out.write_text(NOTICE + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
