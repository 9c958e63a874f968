"""Sanity checks for the hand-annotated gold entity files in this folder.

Checks, for ``seeds.json`` and ``indosum_unseen.json``:

* the schema: ``description``, ``documents[].doc``, ``documents[].entities[]`` with
  ``label``, ``type`` (one of the graphkit types), non-empty ``surfaces``, boolean
  ``optional``; entities sorted by label; labels and surfaces unique in a document;
* every surface string occurs verbatim (case-sensitive substring) in its document's
  text: seed files are read as UTF-8 from the seeds folder; IndoSum records are
  rendered with ``benchmarks/indosum_text.py``;
* with ``--uncovered``: prints, per document, capitalised tokens that no surface
  covers, as a reviewing aid for missed entities (most hits are sentence-initial
  words, titles, months, or site chrome, which is deliberately not annotated).

Usage::

    python tests/data/gold/check_gold.py [--seeds DIR] [--indosum FILE] [--uncovered]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from indosum_text import DEFAULT_DATA, indosum_text, load_records  # noqa: E402

TYPES = {"PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT", "MISC"}
DEFAULT_SEEDS = "/work/shared/seeds"


def check_file(path: Path, texts: dict[str, str], uncovered: bool) -> list[str]:
    errors = []
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data.get("description"), str) or not data["description"].strip():
        errors.append(f"{path.name}: missing description")
    docs = data.get("documents", [])
    seen_docs = set()
    for document in docs:
        doc = document["doc"]
        where = f"{path.name}:{doc}"
        if doc in seen_docs:
            errors.append(f"{where}: duplicate document")
        seen_docs.add(doc)
        text = texts.get(doc)
        if text is None:
            errors.append(f"{where}: no text found for document")
            continue
        entities = document["entities"]
        labels = [entity["label"] for entity in entities]
        if labels != sorted(labels):
            errors.append(f"{where}: entities not sorted by label")
        if len(labels) != len(set(labels)):
            errors.append(f"{where}: duplicate labels")
        owner: dict[str, str] = {}
        for entity in entities:
            label = entity["label"]
            if set(entity) != {"label", "type", "surfaces", "optional"}:
                errors.append(f"{where}: {label}: unexpected keys {sorted(entity)}")
            if entity["type"] not in TYPES:
                errors.append(f"{where}: {label}: bad type {entity['type']!r}")
            if not isinstance(entity["optional"], bool):
                errors.append(f"{where}: {label}: optional must be a boolean")
            surfaces = entity["surfaces"]
            if not surfaces or len(surfaces) != len(set(surfaces)):
                errors.append(f"{where}: {label}: empty or repeated surfaces")
            for surface in surfaces:
                if surface != surface.strip() or not surface:
                    errors.append(f"{where}: {label}: surface has stray spaces: {surface!r}")
                if surface not in text:
                    errors.append(f"{where}: {label}: surface not in text: {surface!r}")
                if surface in owner and owner[surface] != label:
                    errors.append(
                        f"{where}: surface {surface!r} claimed by {owner[surface]!r} and {label!r}"
                    )
                owner[surface] = label
        if uncovered:
            covered = [False] * len(text)
            for surface in owner:
                for match in re.finditer(re.escape(surface), text):
                    for i in range(match.start(), match.end()):
                        covered[i] = True
            missing = sorted(
                {
                    m.group(0)
                    for m in re.finditer(r"[A-Z][\w\-’']*", text)
                    if not any(covered[m.start():m.end()])
                }
            )
            print(f"--- {where}: uncovered capitalised tokens:")
            print("   ", " ".join(missing))
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default=DEFAULT_SEEDS, help="folder of seed .txt files")
    parser.add_argument("--indosum", default=DEFAULT_DATA, help="IndoSum JSONL(.gz) file")
    parser.add_argument("--uncovered", action="store_true",
                        help="list uncovered capitalised tokens")
    args = parser.parse_args(argv)

    errors: list[str] = []
    totals = []

    seeds_path = HERE / "seeds.json"
    seed_docs = [d["doc"] for d in json.loads(seeds_path.read_text(encoding="utf-8"))["documents"]]
    seed_texts = {}
    for doc in seed_docs:
        file = Path(args.seeds) / doc
        if file.exists():
            seed_texts[doc] = file.read_text(encoding="utf-8")
    errors += check_file(seeds_path, seed_texts, args.uncovered)

    indosum_path = HERE / "indosum_unseen.json"
    ids = [d["doc"] for d in json.loads(indosum_path.read_text(encoding="utf-8"))["documents"]]
    records = load_records(args.indosum, ids)
    indosum_texts = {rid: indosum_text(rec) for rid, rec in records.items()}
    errors += check_file(indosum_path, indosum_texts, args.uncovered)

    for path in (seeds_path, indosum_path):
        data = json.loads(path.read_text(encoding="utf-8"))
        ents = [e for d in data["documents"] for e in d["entities"]]
        opt = sum(e["optional"] for e in ents)
        totals.append(
            f"{path.name}: {len(data['documents'])} documents, {len(ents)} entities "
            f"({len(ents) - opt} scored, {opt} optional)"
        )

    for line in totals:
        print(line)
    if errors:
        print(f"{len(errors)} problem(s):")
        for error in errors:
            print("  " + error)
        return 1
    print("OK: all surfaces occur verbatim in their documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
