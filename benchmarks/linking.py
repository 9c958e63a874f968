"""Score entity linking, end to end, on every hand-annotated set: seeds, IndoSum sets B-F.

Writes benchmarks/linking.md (and benchmarks/linking.json, the figures the next run shows as
"previous"): per-document entity precision/recall/F1 (micro over documents), the share of
probes (hard mentions: short forms, acronyms, titles, headlines...) linked right, sentence
co-mention edges P/R/F1, split entities and wrongly merged nodes, for graphkit with the
shipped model, with rules + knowledge base only, and the naive baseline (capitalised runs as
entities); plus the time of a rebuild after a curation edit. Sets C and F are the dev parts
(errors listed); sets D and E are the test parts: their figures are reported, their errors
are not listed (nobody tunes on them).

usage: python benchmarks/linking.py [--data ../shared/data] [--out benchmarks/linking.md]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import graphkit
from graphkit.corpus import read_corpus
from graphkit.evaluate import (
    GoldEntity,
    LinkingScore,
    ProbeScore,
    found_edges,
    gold_edges,
    load_gold,
    load_probes,
    naive_links,
    score_linking,
    score_probes,
)
from graphkit.types import LinkedMention

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
sys.path.insert(0, str(ROOT / "benchmarks"))
from indosum_text import indosum_sentence_spans, indosum_text, load_records  # noqa: E402

SYSTEMS = (("graphkit (shipped model)", None), ("graphkit (rules + KB, no model)", "blank"))


@dataclass
class GoldSet:
    """One annotated set: its name, corpus, gold entities, probes and co-mention edges."""

    name: str
    key: str
    corpus: Path
    gold: dict[str, list[GoldEntity]]
    gold_path: Path
    texts: dict[str, str]
    edges: dict[str, set[tuple[str, str]]] | None
    list_errors: bool


def indosum_set(name: str, key: str, gold_path: Path, data: Path, folder: Path,
                list_errors: bool) -> GoldSet:
    """An annotated IndoSum set as a JSONL corpus (read in place, written to tmp)."""
    gold = load_gold(gold_path)
    records = load_records(str(data / "indosum-dev" / "indosum_dev_folds_union.jsonl.gz"),
                           gold)
    missing = sorted(set(gold) - set(records))
    if missing:
        raise SystemExit(f"{gold_path.name}: records not in the data: {missing[:3]}")
    path = folder / f"{key}.jsonl"
    texts = {doc: indosum_text(records[doc]) for doc in sorted(gold)}
    with path.open("w", encoding="utf-8") as out:
        for doc, text in texts.items():
            out.write(json.dumps({"id": doc, "text": text}, ensure_ascii=False) + "\n")
    edges = {doc: gold_edges(gold[doc], texts[doc], indosum_sentence_spans(records[doc]))
             for doc in texts}
    return GoldSet(name, key, path, gold, gold_path, texts, edges, list_errors)


def gold_sets(data: Path, folder: Path) -> list[GoldSet]:
    seeds = load_gold(GOLD / "seeds.json")
    texts = {doc: (ROOT / "seeds" / doc).read_text(encoding="utf-8") for doc in seeds}
    sets = [GoldSet("seeds (5 docs)", "seeds", ROOT / "seeds", seeds, GOLD / "seeds.json",
                    texts, None, True)]
    if not (data / "indosum-dev").is_dir():
        return sets
    for file, name, key, list_errors in (
            ("indosum_unseen.json", "B: unseen IndoSum, international", "B", True),
            ("indosum_broad_dev.json", "C: IndoSum broad, dev part", "C", True),
            ("indosum_broad_test.json", "D: IndoSum broad, TEST part", "D", False),
            ("indosum_broad_test2.json", "E: IndoSum broad, second TEST part", "E", False),
            ("indosum_broad_dev2.json", "F: IndoSum broad, second dev part", "F", True)):
        if (GOLD / file).exists():
            gold_set = indosum_set(name, key, GOLD / file, data, folder, list_errors)
            count = len(gold_set.gold)
            gold_set.name = f"{name} ({count} docs)"
            sets.append(gold_set)
    return sets


@dataclass
class Result:
    score: LinkingScore
    probes: ProbeScore
    edges: tuple[int, int, int]  # true positive, found, gold
    people: int

    def figures(self) -> dict[str, float]:
        tp, found, wanted = self.edges
        return {"f1": round(self.score.f1, 3), "probes": round(self.probes.share, 3),
                "edge_f1": round(2 * tp / (found + wanted), 3) if found + wanted else 0.0,
                "merged_people": self.people}


def evaluate(gold_set: GoldSet, links: Sequence[LinkedMention], types: dict[str, str]) -> Result:
    score = score_linking(gold_set.gold, links)
    probes = score_probes(gold_set.gold, load_probes(gold_set.gold_path, gold_set.texts), links)
    edges = (0, 0, 0)
    if gold_set.edges is not None:
        found = found_edges(gold_set.gold, links)
        tp = sum(len(found.get(doc, set()) & want) for doc, want in gold_set.edges.items())
        edges = (tp, sum(len(v) for v in found.values()),
                 sum(len(v) for v in gold_set.edges.values()))
    people = sum(1 for n in score.merged_nodes if types.get(n) == "PERSON")
    return Result(score, probes, edges, people)


def row(name: str, system: str, result: Result, previous: dict[str, float] | None) -> str:
    score, probes = result.score, result.probes
    tp, found, wanted = result.edges
    edge = (f"{tp / found if found else 0:.2f} / {tp / wanted if wanted else 0:.2f} / "
            f"{result.figures()['edge_f1']:.2f}") if wanted else "–"
    was_probes = f"{previous['probes']:.2f}" if previous and probes.total else "–"
    was = (f"{previous['f1']:.3f} / {was_probes} / {previous['merged_people']}"
           if previous else "–")
    probe_cell = f"{probes.passed}/{probes.total} ({probes.share:.0%})" if probes.total else "–"
    return (f"| {name} | {system} | {score.precision:.3f} | {score.recall:.3f} | "
            f"**{score.f1:.3f}** | {probe_cell} | {edge} | {len(score.split_entities)} | "
            f"{len(score.merged_nodes)} | {result.people} | {was} |")


FP_KINDS = ("spurious: model", "spurious: kb", "spurious: rule", "split", "merge")
STAGES = ("model", "kb", "rule")
KINDS_HEADER = [
    "", "What the false positives of graphkit (shipped model) are: a *spurious* node reaches "
    "no gold entity of its document, counted by the NER stage behind its mentions (the "
    "knowledge base when it named one of them, else the model, post-processing included, "
    "else the name rules); a *split* is a second node of one entity in a document; a "
    "*merge* a node of two entities. True positives are counted by the stage behind the "
    "node that found the entity. Counts only, also for the test parts (whose errors are "
    "not read).", "",
    "| set | true positives: model / kb / rule | false positives | " + " | ".join(FP_KINDS)
    + " |",
    "|---|---|---|" + "---|" * len(FP_KINDS)]


def kind_row(name: str, score: LinkingScore) -> str:
    """One row of the false-positive kinds table."""
    found = " / ".join(str(score.true_positive_sources[s]) for s in STAGES)
    cells = " | ".join(str(score.false_positive_kinds[k]) for k in FP_KINDS)
    return f"| {name} | {found} | {score.false_positives} | {cells} |"


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


HEADER = [
    "# Entity linking benchmark", "",
    "Made by `python benchmarks/linking.py` (end to end: `graphkit.build` on the raw text, as a "
    "user runs it). Gold: `tests/data/gold/` (hand annotation, see its README). Entity scores "
    "are per document, summed over documents; optional gold entities are neither rewarded nor "
    "penalised. A *probe* is one hard mention (a short form, acronym, name after a title, name "
    "in a headline, ...) that must be a mention linked to its entity's one node, a node that "
    "holds no other gold entity anywhere in the set. *Edges* are sentence co-mentions of "
    "scored entities (P / R / F1), the gold ones derived from the annotated surfaces and "
    "IndoSum's own sentence boundaries. A split entity is one gold label reached by two or "
    "more nodes across the set; a wrongly merged node reaches two or more gold labels; "
    "*merged people* counts those of type PERSON (the worst error). *previous* is F1 / probe "
    "share / merged people of the last run of this script (benchmarks/linking.json).", "",
    "Sets C and F are the development parts (tuned on); **sets D and E are the test parts, "
    "never tuned on**: their errors are not listed below.", "",
    "| set | system | P | R | F1 | probes | edges P / R / F1 | split entities | wrongly merged "
    "nodes | merged people | previous |",
    "|---|---|---|---|---|---|---|---|---|---|---|"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "linking.md")
    args = parser.parse_args()
    figures_path = args.out.with_suffix(".json")
    previous = (json.loads(figures_path.read_text(encoding="utf-8"))
                if figures_path.exists() else {})
    lines, details, figures, kinds = list(HEADER), [], {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for gold_set in gold_sets(args.data, Path(tmp)):
            for system, model in SYSTEMS:
                build = graphkit.build(gold_set.corpus, model=model)
                types = {n: str(d.get("type")) for n, d in build.graph.nodes(data=True)}
                result = evaluate(gold_set, build.mentions, types)
                key = f"{gold_set.key}/{'model' if model is None else 'blank'}"
                figures[key] = result.figures()
                lines.append(row(gold_set.name, system, result, previous.get(key)))
                if model is None:
                    kinds.append(kind_row(gold_set.name, result.score))
                details.append(f"### {gold_set.name}: {system}\n")
                if gold_set.list_errors:
                    errors = result.score.errors + ["probe " + f for f in result.probes.failures]
                    details += [f"- {e}" for e in errors] or ["- no errors"]
                else:
                    details.append("- test part: errors not listed")
                details.append("")
            naive = evaluate(gold_set, naive_links(read_corpus([gold_set.corpus])), {})
            lines.append(row(gold_set.name, "naive baseline", naive, None))
    seconds = rebuild_time(ROOT / "seeds")
    lines += KINDS_HEADER + kinds
    lines += ["", f"Rebuild of the seeds after a curation edit (store warm, NER not re-run): "
              f"**{seconds:.2f} s** (`graphkit.build`, including writing all outputs).", "",
              "## Errors, for whoever improves the linker", ""] + details
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    figures_path.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n",
                            encoding="utf-8")
    print("\n".join(lines[:lines.index("## Errors, for whoever improves the linker")]))


if __name__ == "__main__":
    main()
