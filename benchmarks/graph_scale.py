"""The graph stage at corpus scale, without NER; writes benchmarks/graph_scale.md.

Usage: python benchmarks/graph_scale.py [--docs 25000] [--entities 60000] [--out DIR]
       [--markdown benchmarks/graph_scale.md]

A synthetic corpus shaped like news: each document is about a handful of entities drawn
from a long-tailed popularity (a few very common, most rare), and each sentence mentions
one to four of them. With the defaults that is ~60k nodes and ~400k edges, the size
expected from the 25,589-article target corpus. Timed: pair counting, graph building (edge
scores), each metric, each writer, and `write_outputs`; measured: output sizes, the
resident memory the graph adds, and peak RSS of the process.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from graphkit.cooccur import count_cooccurrences
from graphkit.export import write_outputs
from graphkit.export.gexf import gexf_chunks
from graphkit.export.graphml import graphml_chunks
from graphkit.export.html import html_text
from graphkit.export.nodelink import node_link_chunks
from graphkit.export.tables import (
    edges_csv_chunks,
    mentions_csv_chunks,
    nodes_csv_chunks,
    sentences_csv_chunks,
)
from graphkit.graph import build_graph
from graphkit.metrics import (
    EdgeArrays,
    _betweenness,
    _communities,
    _pagerank,
    add_metrics,
    disparities,
)
from graphkit.processes import paused_gc
from graphkit.types import Document, Entity, Extraction, LinkedMention, Mention, Sentence

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT", "MISC")


def synthetic_corpus(docs: int, entities: int, seed: int = 1) -> tuple[
        dict[str, Entity], list[Extraction], list[LinkedMention]]:
    """Entities, extractions and linked mentions of a news-like synthetic corpus."""
    rng = np.random.default_rng(seed)
    ids = [f"e{i:06d}" for i in range(entities)]
    popularity = 1.0 / np.arange(1, entities + 1) ** 0.75
    popularity /= popularity.sum()
    table = {e: Entity(e, f"Entity {e}", TYPES[i % len(TYPES)], "", "new", (f"Entity {e}",))
             for i, e in enumerate(ids)}
    extractions, links = [], []
    for d in range(docs):
        doc = f"news/{d:06d}.txt"
        cast = np.unique(rng.choice(entities, size=4 + rng.poisson(5), p=popularity))
        sentences, mentions = [], []
        for s in range(12 + int(rng.integers(0, 12))):
            chosen = rng.choice(cast, size=min(len(cast), 1 + rng.binomial(3, 0.45)),
                                replace=False)
            text = f"Sentence {s} of {doc} mentions " + ", ".join(ids[c] for c in chosen) + "."
            sentences.append(Sentence(s, 0, len(text), s // 3, text))
            for c in chosen:
                mention = Mention(doc, 0, 1, ids[c], table[ids[c]].type, s, "kb")
                mentions.append(mention)
                links.append(LinkedMention(mention, ids[c], "kb"))
        date = f"2024-{1 + d % 12:02d}-{1 + d % 28:02d}"
        extractions.append(Extraction(Document(doc, "", date=date), tuple(sentences),
                                      tuple(mentions)))
    return table, extractions, links


def rss() -> float:
    """Resident memory of this process now, MiB (Linux; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(times: dict[str, float], name: str, function: Callable[..., Any],
          *args: Any) -> Any:
    started = time.perf_counter()
    result = function(*args)
    times[name] = time.perf_counter() - started
    return result


def _size(writer: Callable[..., Any], source: Any) -> int:
    """Bytes of UTF-8 a writer produces (its text, or its text in chunks)."""
    output = writer(source)
    chunks = [output] if isinstance(output, str) else output
    return sum(len(chunk.encode("utf-8")) for chunk in chunks)


def run(docs: int, entities: int, out: Path) -> dict[str, Any]:
    times: dict[str, float] = {}
    table, extractions, links = timed(times, "generate corpus", synthetic_corpus, docs,
                                      entities)
    counted = timed(times, "count pairs (cooccur)", count_cooccurrences, extractions, links)
    before = rss()
    graph = timed(times, "build_graph (scores + all metrics)", build_graph, table, links,
                  counted, extractions)
    graph_mb = rss() - before
    arrays = timed(times, "metric: edge arrays", EdgeArrays.of, graph)
    timed(times, "metric: pagerank", _pagerank, arrays)
    timed(times, "metric: betweenness", _betweenness, arrays)
    timed(times, "metric: communities (Louvain)", _communities, arrays)
    timed(times, "metric: disparity", disparities, arrays)
    with paused_gc():  # as build_graph and write_outputs do
        timed(times, "add_metrics (all)", add_metrics, graph)
    sizes: dict[str, int] = {}
    writers: list[tuple[str, Callable[..., Any], Any]] = [
        ("graph.graphml", graphml_chunks, graph), ("graph.gexf", gexf_chunks, graph),
        ("graph.json", node_link_chunks, graph), ("nodes.csv", nodes_csv_chunks, graph),
        ("edges.csv", edges_csv_chunks, graph), ("sentences.csv", sentences_csv_chunks, graph),
        ("mentions.csv", mentions_csv_chunks, links), ("graph.html", html_text, graph)]
    for name, writer, source in writers:
        with paused_gc():
            sizes[name] = timed(times, f"write {name} (text only)", _size, writer, source)
    timed(times, "write_outputs (all files, atomic)", write_outputs, graph, links, out)
    return {"docs": docs, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "mentions": len(links), "times": times, "sizes": sizes, "graph_mb": graph_mb,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def markdown(result: dict[str, Any]) -> str:
    lines = ["# Graph stage at scale (synthetic, no NER)", "",
             f"`python benchmarks/graph_scale.py --docs {result['docs']}` on "
             f"{platform.machine()} with {os.cpu_count()} cores shared with other work "
             f"(Python {platform.python_version()}); timings are noisy.", "",
             f"{result['docs']:,} documents, {result['mentions']:,} mentions -> "
             f"**{result['nodes']:,} nodes, {result['edges']:,} edges**.", "",
             "| step | seconds |", "| --- | ---: |"]
    lines += [f"| {name} | {seconds:.2f} |" for name, seconds in result["times"].items()]
    lines += ["", "| file | MB |", "| --- | ---: |"]
    lines += [f"| {name} | {size / 1e6:.1f} |" for name, size in result["sizes"].items()]
    lines += [f"| total | {sum(result['sizes'].values()) / 1e6:.1f} |", "",
              f"Resident memory added by the graph (attributes, shared ref strings, text "
              f"table): {result['graph_mb']:.0f} MiB. Peak RSS of the whole run (synthetic "
              f"corpus, counts, graph, one output text at a time): "
              f"{result['peak_mb']:.0f} MiB.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=25_000)
    parser.add_argument("--entities", type=int, default=60_000)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--markdown", type=Path, default=ROOT / "benchmarks" / "graph_scale.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        result = run(args.docs, args.entities, args.out or Path(temporary))
    text = markdown(result)
    args.markdown.write_text(text, encoding="utf-8")
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
