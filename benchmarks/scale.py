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
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from indosum_text import indosum_text  # noqa: E402

RUNNER = r"""
import json, resource, sys, time
import graphkit
from graphkit.pipeline import unchanged_build
corpus, out, jobs, model = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
words = sum(len(json.loads(line)["text"].split()) for line in open(corpus, encoding="utf-8"))
started = time.perf_counter()
summary = unchanged_build(corpus, out, jobs=jobs, model=model)  # what `graphkit build` does
if summary:
    counts = dict((v, int(n)) for n, v in (p.split()[:2] for p in summary.split(", ")))
    row = {"documents": counts["documents"], "mentions": counts["mentions"],
           "nodes": counts["nodes"], "edges": counts["edges"], "up_to_date": True}
else:
    result = graphkit.build(corpus, out=out, jobs=jobs, model=model)
    row = {"documents": result.documents, "mentions": len(result.mentions),
           "nodes": result.graph.number_of_nodes(), "edges": result.graph.number_of_edges()}
row["seconds"] = time.perf_counter() - started
row["words"] = words
row["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
row["child_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sizes", default="1000,5000,25589")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "scale.md")
    parser.add_argument("--skip-jobs2", action="store_true")
    args = parser.parse_args()
    records = articles(args.data)
    random.Random(7).shuffle(records)  # noqa: S311 (a fixed sample, not security)
    sizes = [min(int(s), len(records)) for s in args.sizes.split(",")]
    rows, notes = [], []
    work = Path(tempfile.mkdtemp(prefix="graphkit-scale-"))
    model = work / "model"  # a snapshot, so the model cannot change during the benchmark
    shutil.copytree(ROOT / "graphkit" / "models" / "id_news_ner", model)
    try:
        for size in sizes:
            corpus = work / f"corpus-{size}.jsonl"
            write_jsonl(corpus, records[:size])
            for jobs in ([1] if args.skip_jobs2 else [1, 2]):
                out = work / f"out-{size}-{jobs}"
                first = run(RUNNER, str(corpus), str(out), str(jobs), str(model))
                rows.append((size, jobs, "full build", first, folder_mb(out)))
                if jobs == 1:
                    again = run(RUNNER, str(corpus), str(out), "1", str(model))
                    rows.append((size, 1, "re-run, nothing changed", again, folder_mb(out)))
                    changed = [dict(r, text=r["text"] + "\n\nDiperbarui.") if i % 100 == 0
                               else r for i, r in enumerate(records[:size])]
                    write_jsonl(corpus, changed)
                    partial = run(RUNNER, str(corpus), str(out), "1", str(model))
                    rows.append((size, 1, "re-run, 1% changed", partial, folder_mb(out)))
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


def write_report(path: Path, rows: list[tuple[int, int, str, dict[str, float], float]],
                 notes: list[dict[str, float]]) -> None:
    lines = ["# Scale benchmark", "",
             f"Made by `python benchmarks/scale.py` on {time.strftime('%Y-%m-%d')}, "
             f"{os.cpu_count()} cores. Real articles: IndoSum dev + CLICK-ID (see the script). "
             "Seconds are `graphkit.build` inside the process (wall includes Python start-up); "
             "every rate is input words (whitespace-separated words of the articles as given) "
             "per second, so the systems compare directly; RSS is the build process's peak "
             "(child = largest NER worker process). A re-run goes through the same up-to-date "
             "check as `graphkit build` (one read of the corpus; nothing else when nothing "
             "changed). The machine was shared with other work "
             "while this ran, so times are upper bounds.", "",
             "| documents | jobs | run | seconds | wall s | words/s | docs/s | peak RSS MB | "
             "child RSS MB | mentions | nodes | edges | outputs MB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for size, jobs, kind, r, mb in rows:
        lines.append(f"| {size} | {jobs} | {kind} | {r['seconds']:.1f} | {r['wall']:.1f} | "
                     f"{r['words'] / r['seconds']:,.0f} | {r['documents'] / r['seconds']:,.1f} | "
                     f"{r['rss_mb']:.0f} | {r['child_rss_mb']:.0f} | {r['mentions']:.0f} | "
                     f"{r['nodes']:.0f} | {r['edges']:.0f} | {mb:.1f} |")
    if notes:
        tokenizer, naive = notes
        full = [r for s, j, k, r, _ in rows if j == 1 and k == "full build"][-1]
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
        two = [r for s, j, k, r, _ in rows if j == 2 and k == "full build"]
        if two:
            lines.append(f"- 2 jobs vs 1 job on the largest corpus: "
                         f"**{full['seconds'] / two[-1]['seconds']:.2f}x**")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
