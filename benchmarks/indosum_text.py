"""Render IndoSum records as plain text.

IndoSum records (Kurniawan & Louvan 2018, CC BY-SA 4.0) have no text field:
``paragraphs`` is a list of paragraphs, each a list of sentences, each a list of
tokens.  ``indosum_text`` renders a record deterministically:

* a sentence is its tokens joined by single spaces;
* a paragraph is its sentences joined by single spaces;
* paragraphs are joined by a blank line (``"\\n\\n"``).

No detokenisation is done, so names keep IndoSum's tokenisation, e.g.
``Kim Jong - un`` or ``( PBB )``.  The gold entity annotations in
``tests/data/gold/indosum_unseen.json`` are made against exactly this rendering.

Usage (for inspection)::

    python benchmarks/indosum_text.py ID [ID ...]
    python benchmarks/indosum_text.py --data PATH.jsonl.gz ID [ID ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterable, Iterator

DEFAULT_DATA = "/work/shared/data/indosum-dev/indosum_dev_folds_union.jsonl.gz"


def indosum_text(record: dict) -> str:
    """Return the article text of an IndoSum ``record`` (see module docstring)."""
    paragraphs = []
    for paragraph in record["paragraphs"]:
        sentences = [" ".join(tokens) for tokens in paragraph]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def indosum_sentence_spans(record: dict) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``indosum_text(record)``, in order."""
    spans, offset = [], 0
    for number, paragraph in enumerate(record["paragraphs"]):
        if number:
            offset += 2  # the blank line between paragraphs
        for index, tokens in enumerate(paragraph):
            if index:
                offset += 1  # the space between sentences
            sentence = " ".join(tokens)
            spans.append((offset, offset + len(sentence)))
            offset += len(sentence)
    return spans


def iter_records(path: str) -> Iterator[dict]:
    """Yield the JSON records of a (optionally gzip-compressed) JSONL file."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line:
                yield json.loads(line)


def load_records(path: str, ids: Iterable[str]) -> dict[str, dict]:
    """Return ``{id: record}`` for the wanted ``ids`` found in ``path``."""
    wanted = set(ids)
    found = {}
    for record in iter_records(path):
        if record.get("id") in wanted:
            found[record["id"]] = record
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print IndoSum records as rendered text.")
    parser.add_argument("ids", nargs="+", help="IndoSum record ids")
    parser.add_argument("--data", default=DEFAULT_DATA, help="IndoSum JSONL(.gz) file")
    args = parser.parse_args(argv)

    records = load_records(args.data, args.ids)
    status = 0
    for record_id in args.ids:
        record = records.get(record_id)
        if record is None:
            print(f"error: id not found: {record_id}", file=sys.stderr)
            status = 1
            continue
        print(f"=== {record_id} [{record.get('source')}; {record.get('category')}]")
        print(indosum_text(record))
        print()
    return status


if __name__ == "__main__":
    sys.exit(main())
