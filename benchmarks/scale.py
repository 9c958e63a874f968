"""Scale benchmark: time, throughput and memory of `graphkit build` on 1k/5k/25k real articles.

Corpus: IndoSum dev folds (3,453 articles, CC BY-SA 4.0) + CLICK-ID raw articles (22,136,
CC BY 4.0) from ../shared/data, read in place and rendered to temporary JSONL files (never
committed). Each build runs in its own process so peak RSS is measured per run. Writes
benchmarks/scale.md.

usage: python benchmarks/scale.py [--data ../shared/data] [--sizes 1000,5000,25589]
       [--out benchmarks/scale.md] [--skip-jobs2]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from indosum_text import indosum_text  # noqa: E402

RUNNER = r"""
import json, logging, os, sys, threading, time
import graphkit
from graphkit.pipeline import unchanged_build
from graphkit.processes import largest_peak_mb, peak_rss_mb
child_peak = [0]  # NER workers and writers, read from /proc while they run (peak_rss_mb)
def watch_children():
    while True:
        child_peak[0] = max(child_peak[0], largest_peak_mb(os.getpid(), descendants_only=True))
        time.sleep(0.05)
threading.Thread(target=watch_children, daemon=True).start()
corpus, out, jobs, model = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
window = sys.argv[5] if len(sys.argv) > 5 else "sentence"
curation = sys.argv[6:]  # curation overlay files
stages = {}
class Stages(logging.Handler):  # the build logs "STAGE: N.N s" for each stage
    def emit(self, record):
        name, _, seconds = record.getMessage().rpartition(": ")
        if seconds.endswith(" s") and name:
            stages[name] = float(seconds[:-2])
logging.getLogger("graphkit").addHandler(Stages())
logging.getLogger("graphkit").setLevel(logging.INFO)
words = sum(len(json.loads(line)["text"].split()) for line in open(corpus, encoding="utf-8"))
started = time.perf_counter()
summary = unchanged_build(corpus, out, jobs=jobs, model=model,  # what `graphkit build` does
                          window=window, curation_files=curation)
if summary:
    counts = dict((v, int(n)) for n, v in (p.split()[:2] for p in summary.split(", ")))
    row = {"documents": counts["documents"], "mentions": counts["mentions"],
           "nodes": counts["nodes"], "edges": counts["edges"], "up_to_date": True}
else:
    result = graphkit.build(corpus, out=out, jobs=jobs, model=model, window=window,
                            curation_files=curation)
    row = {"documents": result.documents, "mentions": len(result.mentions),
           "nodes": result.graph.number_of_nodes(), "edges": result.graph.number_of_edges()}
row["seconds"] = time.perf_counter() - started
row["words"] = words
row["rss_mb"] = peak_rss_mb()  # not ru_maxrss: it starts at this script's own peak
row["child_rss_mb"] = child_peak[0]
row["stages"] = stages
print(json.dumps(row))
"""

NAIVE = r"""
import itertools, json, sys, time
import networkx as nx
import graphkit
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = graphkit.load_pipeline(sys.argv[2])
started = time.perf_counter()
graph, words = nx.Graph(), 0
for text in texts:
    doc = nlp(text[:1_000_000])
    words += len(text.split())
    for sent in doc.sents:
        names = [e.text for e in sent.ents]
        for a, b in itertools.combinations(names, 2):
            if a != b:
                weight = graph.get_edge_data(a, b, {"weight": 0})["weight"]
                graph.add_edge(a, b, weight=weight + 1)
print(json.dumps({"seconds": time.perf_counter() - started, "words": words}))
"""

# The 'curation edited' re-run: the most mentioned name stops making mentions (its node keeps
# its other names: RI, Republik Indonesia, ...), a correction that touches much of the graph.
CURATION_EDIT = """ignore:
  - Indonesia
"""

TOKENIZER = r"""
import json, sys, time
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
tokenizer = spacy.blank("id").tokenizer
started = time.perf_counter()
tokens = sum(len(doc) for doc in tokenizer.pipe(texts, batch_size=256))
words = sum(len(text.split()) for text in texts)
print(json.dumps({"seconds": time.perf_counter() - started, "words": words}))
"""


def articles(data: Path) -> list[dict[str, str]]:
    """Every benchmark article as {"id", "text", "date"}, in a fixed order."""
    records = []
    with gzip.open(data / "indosum-dev" / "indosum_dev_folds_union.jsonl.gz", "rt",
                   encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records.append({"id": "indosum/" + record["id"], "text": indosum_text(record)})
    csv.field_size_limit(sys.maxsize)
    for path in sorted((data / "click-id-raw-articles").glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle)):
                text = (row.get("title") or "") + "\n\n" + (row.get("content") or "")
                records.append({"id": f"click/{path.name.split('.')[0]}/{number}",
                                "text": text, "date": row.get("date") or ""})
    return records


def shuffled_articles(data: Path) -> list[dict[str, str]]:
    """Every benchmark article in the benchmark's fixed shuffled order (its sizes are the
    first N); benchmarks/html_load.py measures the page of the same corpus."""
    records = articles(data)
    random.Random(7).shuffle(records)  # noqa: S311 (a fixed sample, not security)
    return records


def write_jsonl(path: Path, records: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    wall = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=env, check=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - wall
    return result


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()
               and ".graphkit" not in p.parts) / 1e6


def folder_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every output file (to check that --jobs 1 and 2 write the same bytes)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sizes", default="1000,5000,25589")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "scale.md")
    parser.add_argument("--skip-jobs2", action="store_true")
    args = parser.parse_args()
    records = shuffled_articles(args.data)
    sizes = [min(int(s), len(records)) for s in args.sizes.split(",")]
    rows: list[tuple[int, int, str, dict[str, Any], float]] = []
    notes: list[dict[str, float]] = []
    work = Path(tempfile.mkdtemp(prefix="graphkit-scale-"))
    model = work / "model"  # a snapshot, so the model cannot change during the benchmark
    shutil.copytree(ROOT / "graphkit" / "models" / "id_news_ner", model)
    curation = work / "curation.yaml"
    curation.write_text(CURATION_EDIT, encoding="utf-8")
    try:
        for size in sizes:
            corpus = work / f"corpus-{size}.jsonl"
            write_jsonl(corpus, records[:size])
            for jobs in ([1] if args.skip_jobs2 else [1, 2]):
                out = work / f"out-{size}-{jobs}"
                first = run(RUNNER, str(corpus), str(out), str(jobs), str(model))
                first["hashes"] = folder_hashes(out)  # type: ignore[assignment]
                rows.append((size, jobs, "full build", first, folder_mb(out)))
                again = run(RUNNER, str(corpus), str(out), str(jobs), str(model))
                rows.append((size, jobs, "re-run, nothing changed", again, folder_mb(out)))
                changed = [dict(r, text=r["text"] + "\n\nDiperbarui.") if i % 100 == 0
                           else r for i, r in enumerate(records[:size])]
                write_jsonl(corpus, changed)
                partial = run(RUNNER, str(corpus), str(out), str(jobs), str(model))
                rows.append((size, jobs, "re-run, 1% changed", partial, folder_mb(out)))
                edited = run(RUNNER, str(corpus), str(out), str(jobs), str(model), "sentence",
                             str(curation))  # an analyst's correction: re-linked, no NER
                rows.append((size, jobs, "re-run, curation edited (no NER)", edited,
                             folder_mb(out)))
                relinked = run(RUNNER, str(corpus), str(out), str(jobs), str(model),
                               "paragraph")  # a setting that needs no NER: stored results
                rows.append((size, jobs, "re-run, window changed (no NER)", relinked,
                             folder_mb(out)))
                write_jsonl(corpus, records[:size])
                shutil.rmtree(out / ".graphkit", ignore_errors=True)
            if size == sizes[-1]:
                tokenizer = run(TOKENIZER, str(corpus))
                naive_corpus = work / "naive.jsonl"
                write_jsonl(naive_corpus, records[:min(size, 1000)])
                naive = run(NAIVE, str(naive_corpus), str(model))
                notes = [tokenizer, naive]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_report(args.out, rows, notes)


STAGES = (("read and NER (or stored results)", "NER s"), ("linking", "link s"),
          ("co-occurrence counts", "count s"), ("graph and metrics", "graph s"),
          ("writing the outputs", "write s"))


def write_report(path: Path, rows: list[tuple[int, int, str, dict[str, Any], float]],
                 notes: list[dict[str, float]]) -> None:
    lines = ["# Scale benchmark", "",
             f"Made by `python benchmarks/scale.py` on {time.strftime('%Y-%m-%d')}, "
             f"{os.cpu_count()} cores. Real articles: IndoSum dev + CLICK-ID (see the script). "
             "Seconds are `graphkit.build` inside the process (wall includes Python start-up); "
             "every rate is input words (whitespace-separated words of the articles as given) "
             "per second, so the systems compare directly; RSS is the build process's peak "
             "(child = largest NER worker or writer process). A re-run goes through the same "
             "up-to-date check as `graphkit build` (one read of the corpus; nothing else when "
             "nothing changed). Stage columns are the build's own log (`graphkit -v build`): "
             "NER = reading the corpus, NER of new/changed documents and loading stored "
             "results. 'Curation edited (no NER)' rebuilds the 1%-changed corpus from the stored "
             "NER results with a curation overlay (`ignore: [Indonesia]`, the most mentioned "
             "name): an analyst's correction, redone from linking on. "
             "'Window changed (no NER)' rebuilds from the stored NER results with "
             "`--window paragraph`: a changed setting, redone from linking on (no NER); "
             "paragraph windows make a larger graph than sentence windows (see edges), so it "
             "costs more than a curation edit. Outputs are the seven contract files (no "
             "`--gexf`).", "",
             "| documents | jobs | run | seconds | wall s | words/s | docs/s | "
             + " | ".join(label for _, label in STAGES) + " | peak RSS MB | "
             "child RSS MB | mentions | nodes | edges | outputs MB |",
             "|---" * (13 + len(STAGES)) + "|"]
    for size, jobs, kind, r, mb in rows:
        stages = r.get("stages", {})
        cells = " | ".join(f"{stages[name]:.1f}" if name in stages else "–"
                           for name, _ in STAGES)
        lines.append(f"| {size} | {jobs} | {kind} | {r['seconds']:.1f} | {r['wall']:.1f} | "
                     f"{r['words'] / r['seconds']:,.0f} | {r['documents'] / r['seconds']:,.1f} | "
                     f"{cells} | {r['rss_mb']:.0f} | {r['child_rss_mb']:.0f} | "
                     f"{r['mentions']:.0f} | {r['nodes']:.0f} | {r['edges']:.0f} | {mb:.1f} |")
    fulls = {(s, j): r for s, j, k, r, _ in rows if k == "full build"}
    same = [s for (s, j), r in fulls.items() if j == 2 and (s, 1) in fulls
            and r["hashes"] == fulls[(s, 1)]["hashes"]]
    differ = [s for (s, j), r in fulls.items() if j == 2 and (s, 1) in fulls and s not in same]
    lines += ["", f"Output files byte-identical for --jobs 1 and --jobs 2: "
              f"{', '.join(map(str, same)) or 'none'} documents"
              + (f"; DIFFERENT for {', '.join(map(str, differ))}" if differ else "") + "."]
    if notes:
        tokenizer, naive = notes
        size = max(s for s, _, _, _, _ in rows)
        full = fulls[(size, 1)]
        rate = full["words"] / full["seconds"]
        ceiling = tokenizer["words"] / tokenizer["seconds"]
        lines += ["", "## Reference points (same text, one core)", "",
                  f"- spaCy's bare Indonesian tokenizer: **{ceiling:,.0f} words/s** "
                  "(the practical ceiling)",
                  f"- naive script (shipped pipeline per document, `itertools.combinations`, "
                  f"`networkx.Graph.add_edge` per pair), first 1,000 articles: "
                  f"**{naive['words'] / naive['seconds']:,.0f} words/s**",
                  f"- graphkit end to end, largest corpus, 1 job: **{rate:,.0f} words/s** = "
                  f"{100 * rate / ceiling:.1f}% of the tokenizer"]
        rerun = {(j, k): r for s, j, k, r, _ in rows if s == size and k != "full build"}
        two = fulls.get((size, 2))
        targets = [("throughput, 1 job", ">= 20% of the tokenizer",
                    f"{100 * rate / ceiling:.1f}%", rate >= 0.2 * ceiling)]
        if two:
            speedup = full["seconds"] / two["seconds"]
            lines.append(f"- 2 jobs vs 1 job on the largest corpus: **{speedup:.2f}x**")
            targets.append(("2 jobs vs 1", ">= 1.8x", f"{speedup:.2f}x", speedup >= 1.8))
        for jobs in (1, 2):
            if (jobs, "re-run, nothing changed") in rerun:
                seconds = rerun[(jobs, "re-run, nothing changed")]["seconds"]
                targets.append((f"re-run, nothing changed ({jobs} job{'s' * (jobs > 1)})",
                                "< 10 s", f"{seconds:.1f} s", seconds < 10))
            if (jobs, "re-run, 1% changed") in rerun and (size, jobs) in fulls:
                share = rerun[(jobs, "re-run, 1% changed")]["seconds"] / fulls[
                    (size, jobs)]["seconds"]
                targets.append((f"1% changed ({jobs} job{'s' * (jobs > 1)}), share of the "
                                "full build", "< 5%", f"{100 * share:.1f}%", share < 0.05))
        peak = max(full["rss_mb"], two["rss_mb"] if two else 0)
        targets.append((f"peak RSS, {size} documents", "< 1.5 GiB (1,536 MB)",
                        f"{peak:,.0f} MB", peak < 1536))
        if two:  # with --skip-jobs2 there is nothing to compare
            targets.append(("identical outputs --jobs 1 / 2", "yes",
                            "yes" if not differ else "no", not differ))
        lines += ["", "## Targets (issue 6)", "", "| target | goal | measured | met |",
                  "|---|---|---|---|"]
        lines += [f"| {name} | {goal} | {value} | {'yes' if ok else '**no**'} |"
                  for name, goal, value, ok in targets]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
