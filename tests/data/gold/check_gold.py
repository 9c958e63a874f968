"""Sanity checks for the hand-annotated gold entity files in this folder.

Checks, for ``seeds.json``, ``indosum_unseen.json`` and the issue-26 broad sets
``indosum_broad_dev.json`` (set C), ``indosum_broad_test.json`` (set D) and
``indosum_broad_test2.json`` (set E) and ``indosum_broad_dev2.json`` (set F, the second
dev part; each skipped when missing):

* the schema: ``description``, ``documents[].doc``, ``documents[].entities[]`` with
  ``label``, ``type`` (one of the graphkit types), non-empty ``surfaces``, boolean
  ``optional``; entities sorted by label; labels and surfaces unique in a document;
* every surface string occurs verbatim (case-sensitive substring) in its document's
  text: seed files are read as UTF-8 from the seeds folder; IndoSum records are
  rendered with ``benchmarks/indosum_text.py``;
* probes (sets C, D, E and F): keys ``surface``, ``occurrence`` (1-based), ``label``, ``why``
  (starting with a known probe class); the ``occurrence``-th case-sensitive,
  non-overlapping hit of ``surface`` exists in the text; ``label`` is an entity of that
  document; probes sorted by (surface, occurrence);
* the partition: sets C and F are on even record numbers of the IndoSum file
  (0-based, file order), sets D and E on odd ones, and no document is in two of the
  sets B, C, D, E and F;
* labels are global: a warning (not an error) when one label has different types in
  different documents of any file;
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
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

from indosum_text import DEFAULT_DATA, indosum_text, iter_records, load_records  # noqa: E402

TYPES = {"PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT", "MISC"}
PROBE_CLASSES = (
    "short-form", "middle-name", "nickname", "acronym", "spelling-variant", "title-or-rank",
    "headline", "nested-name", "generic-head", "same-name-other-person", "other",
)
DEFAULT_SEEDS = "/work/shared/seeds"
# issue-26 broad sets: file name -> parity of the IndoSum record numbers it may use
BROAD_SETS = {"indosum_broad_dev.json": 0, "indosum_broad_test.json": 1,
              "indosum_broad_test2.json": 1, "indosum_broad_dev2.json": 0}


def nth_occurrence(text: str, surface: str, occurrence: int) -> int:
    """Return the start of the ``occurrence``-th (1-based) non-overlapping hit, or -1."""
    start = -1
    end = 0
    for _ in range(occurrence):
        start = text.find(surface, end)
        if start < 0:
            return -1
        end = start + len(surface)
    return start


def check_probes(where: str, document: dict, text: str) -> list[str]:
    """Check the ``probes`` of one document against its text and its entities."""
    errors = []
    probes = document.get("probes", [])
    labels = {entity["label"] for entity in document["entities"]}
    keys = [(probe.get("surface", ""), probe.get("occurrence", 0)) for probe in probes]
    if keys != sorted(keys):
        errors.append(f"{where}: probes not sorted by (surface, occurrence)")
    if len(keys) != len(set(keys)):
        errors.append(f"{where}: duplicate probes")
    for probe in probes:
        if set(probe) != {"surface", "occurrence", "label", "why"}:
            errors.append(f"{where}: probe {probe!r}: unexpected keys {sorted(probe)}")
            continue
        surface, occurrence = probe["surface"], probe["occurrence"]
        name = f"probe {surface!r} #{occurrence}"
        if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
            errors.append(f"{where}: {name}: occurrence must be an integer >= 1")
            continue
        if not isinstance(surface, str) or not surface or surface != surface.strip():
            errors.append(f"{where}: {name}: empty surface or stray spaces")
            continue
        if nth_occurrence(text, surface, occurrence) < 0:
            errors.append(f"{where}: {name}: occurrence not found in text")
        if probe["label"] not in labels:
            errors.append(f"{where}: {name}: label {probe['label']!r} is not an entity here")
        why = probe["why"]
        if not isinstance(why, str) or not why.startswith(PROBE_CLASSES):
            errors.append(f"{where}: {name}: 'why' must start with a probe class: {why!r}")
    return errors


def record_numbers(path: str, ids: set[str]) -> dict[str, int]:
    """Return ``{id: record number}`` (0-based, file order) for ``ids`` in the IndoSum file."""
    return {
        record["id"]: number
        for number, record in enumerate(iter_records(path))
        if record.get("id") in ids
    }


def check_partition(numbers: dict[str, int], broad_docs: dict[str, list[str]],
                    held_out: Iterable[str] = ()) -> list[str]:
    """Sets C and F must use even record numbers, sets D and E odd ones, and no document may be
    in two of the broad sets or in a broad set and ``held_out`` (set B)."""
    errors = []
    for name, docs in broad_docs.items():
        parity = BROAD_SETS[name]
        for doc in docs:
            if doc in numbers and numbers[doc] % 2 != parity:
                errors.append(f"{name}:{doc}: record {numbers[doc]} has the wrong parity")
    owners: dict[str, list[str]] = {doc: ["indosum_unseen.json"] for doc in held_out}
    for name, docs in broad_docs.items():
        for doc in docs:
            owners.setdefault(doc, []).append(name)
    for doc, names in sorted(owners.items()):
        if len(names) > 1:
            errors.append(f"{doc}: in more than one set: {', '.join(names)}")
    return errors


def label_type_warnings(paths: list[Path]) -> list[str]:
    """Labels are global: list labels given different types in different documents."""
    types: dict[str, dict[str, list[str]]] = {}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        for document in data["documents"]:
            for entity in document["entities"]:
                where = f"{path.name}:{document['doc']}"
                types.setdefault(entity["label"], {}).setdefault(entity["type"], []).append(where)
    return [
        f"label {label!r} has types "
        + "; ".join(f"{kind} in {describe(wheres)}" for kind, wheres in sorted(by_type.items()))
        for label, by_type in sorted(types.items())
        if len(by_type) > 1
    ]


def describe(wheres: list[str], shown: int = 3) -> str:
    """Name the first ``shown`` documents and count the rest."""
    more = len(wheres) - shown
    return ", ".join(wheres[:shown]) + (f" and {more} more" if more > 0 else "")


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
        errors += check_probes(where, document, text)
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

    indosum_paths = [HERE / "indosum_unseen.json"]
    indosum_paths += [HERE / name for name in BROAD_SETS if (HERE / name).exists()]
    docs = {
        path.name: [d["doc"] for d in json.loads(path.read_text(encoding="utf-8"))["documents"]]
        for path in indosum_paths
    }
    wanted = {doc for names in docs.values() for doc in names}
    records = load_records(args.indosum, wanted)
    indosum_texts = {rid: indosum_text(rec) for rid, rec in records.items()}
    for path in indosum_paths:
        errors += check_file(path, indosum_texts, args.uncovered)
    broad_docs = {name: ids for name, ids in docs.items() if name in BROAD_SETS}
    if broad_docs:
        numbers = record_numbers(args.indosum, set().union(*broad_docs.values()))
        errors += check_partition(numbers, broad_docs, docs["indosum_unseen.json"])

    paths = [seeds_path, *indosum_paths]
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        ents = [e for d in data["documents"] for e in d["entities"]]
        opt = sum(e["optional"] for e in ents)
        probes = sum(len(d.get("probes", [])) for d in data["documents"])
        totals.append(
            f"{path.name}: {len(data['documents'])} documents, {len(ents)} entities "
            f"({len(ents) - opt} scored, {opt} optional)"
            + (f", {probes} probes" if probes else "")
        )

    for line in totals:
        print(line)
    for warning in label_type_warnings(paths):
        print("warning: " + warning)
    if errors:
        print(f"{len(errors)} problem(s):")
        for error in errors:
            print("  " + error)
        return 1
    print("OK: all surfaces occur verbatim in their documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
