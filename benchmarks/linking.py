"""Score entity linking on the hand-annotated seeds and unseen IndoSum articles.

Writes benchmarks/linking.md: per-document entity precision/recall/F1 (micro over
documents), split entities and wrongly merged nodes, for graphkit with the shipped model,
graphkit with rules + knowledge base only, and the naive baseline (capitalised runs as
entities, the string as the node); plus the time of a rebuild after a curation edit.

usage: python benchmarks/linking.py [--data ../shared/data] [--out benchmarks/linking.md]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

import graphkit
from graphkit.corpus import read_corpus
from graphkit.evaluate import LinkingScore, load_gold, naive_links, score_linking

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
sys.path.insert(0, str(ROOT / "benchmarks"))
from indosum_text import indosum_text  # noqa: E402


def unseen_corpus(data: Path, folder: Path) -> Path:
    """The annotated IndoSum articles as a JSONL corpus (read in place, written to tmp)."""
    wanted = set(load_gold(GOLD / "indosum_unseen.json"))
    path = folder / "unseen.jsonl"
    with gzip.open(data / "indosum-dev" / "indosum_dev_folds_union.jsonl.gz", "rt",
                   encoding="utf-8") as handle, path.open("w", encoding="utf-8") as out:
        for line in handle:
            record = json.loads(line)
            if record["id"] in wanted:
                out.write(json.dumps({"id": record["id"], "text": indosum_text(record)},
                                     ensure_ascii=False) + "\n")
    return path


def people_merged(score: LinkingScore, build: graphkit.Build | None) -> int:
    if build is None:
        return 0
    return sum(1 for n in score.merged_nodes
               if build.graph.nodes.get(n, {}).get("type") == "PERSON")


def row(name: str, system: str, score: LinkingScore, people: int) -> str:
    return (f"| {name} | {system} | {score.precision:.3f} | {score.recall:.3f} | "
            f"**{score.f1:.3f}** | {score.true_positives} | {score.false_positives} | "
            f"{score.false_negatives} | {len(score.split_entities)} | "
            f"{len(score.merged_nodes)} | {people} |")


def rebuild_time(corpus: Path) -> float:
    """Seconds for `graphkit.build` after a curation edit, with the store warm."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for path in corpus.glob("*.txt"):
            (folder / path.name).write_bytes(path.read_bytes())
        graphkit.build(folder, out=Path(tmp) / "out")
        (folder / "graphkit.yaml").write_text("ignore: [Moskow]\n", encoding="utf-8")
        started = time.perf_counter()
        graphkit.build(folder, out=Path(tmp) / "out")
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "linking.md")
    args = parser.parse_args()
    lines = ["# Entity linking benchmark", "",
             "Made by `python benchmarks/linking.py`. Gold: `tests/data/gold/` (hand "
             "annotation, see its README). Scores are entity-level per document, summed over "
             "documents; optional gold entities are neither rewarded nor penalised. A split "
             "entity is one gold label reached by two or more nodes across the corpus; a "
             "wrongly merged node reaches two or more gold labels.", "",
             "| set | system | P | R | F1 | TP | FP | FN | split entities | wrongly merged "
             "nodes | merged people |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    details = []
    with tempfile.TemporaryDirectory() as tmp:
        sets = [("seeds (5 docs)", ROOT / "seeds", GOLD / "seeds.json")]
        if (args.data / "indosum-dev").is_dir():
            sets.append(("unseen IndoSum (10 docs)", unseen_corpus(args.data, Path(tmp)),
                         GOLD / "indosum_unseen.json"))
        for name, corpus, gold_path in sets:
            gold = load_gold(gold_path)
            for system, model in (("graphkit (shipped model)", None),
                                  ("graphkit (rules + KB, no model)", "blank")):
                build = graphkit.build(corpus, model=model)
                score = score_linking(gold, build.mentions)
                lines.append(row(name, system, score, people_merged(score, build)))
                details.append(f"### {name}: {system}\n")
                details += [f"- {e}" for e in score.errors] or ["- no errors"]
                details.append("")
            naive = score_linking(gold, naive_links(read_corpus([corpus])))
            lines.append(row(name, "naive baseline", naive, 0))
    seconds = rebuild_time(ROOT / "seeds")
    lines += ["", f"Rebuild of the seeds after a curation edit (store warm, NER not re-run): "
              f"**{seconds:.2f} s** (`graphkit.build`, including writing all outputs).", "",
              "## Errors, for whoever improves the linker", ""] + details
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:16]))


if __name__ == "__main__":
    main()
