"""The 300-article politics check of issue 26: build a graph of 300 CLICK-ID politics
articles and list what a user reading its top nodes would trip over; writes
benchmarks/politics300.md.

Selection (reproducible): from the kompas, tempo, okezone, sindonews and tribunnews files
of CLICK-ID (read in place), the articles whose title or text names Jokowi, Prabowo, KPK,
DPR, PDIP, Gerindra or a minister (`menteri`), with at least 800 characters of text,
ordered by the SHA-256 of their URL; the first 60 of each outlet. The corpus is written to
--corpus (a JSONL file outside the repository: the articles are the publishers'), then
built with the shipped model.

The report lists the top nodes by mentions, the name groups issue 26 names (each should be
one node: how many nodes its surfaces reach), and twin candidates: pairs of top nodes of
one type where one name is the other's first or last words, initials or spelling variant
(oe/u, dj/j, tj/c, spaces), and headline candidates: top nodes whose name holds an ordinary
word that opens, ends or joins no name; both for a reader to judge.

usage: python benchmarks/politics300.py [--data ../shared/data] [--corpus /tmp/politics300.jsonl]
       [--out benchmarks/politics300.md] [--top 200]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import graphkit
from graphkit.link.names import name_key
from graphkit.ner.bounds import OPENING_HEADS
from graphkit.words import CONNECTORS, TAILS, common_words

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = ("kompas", "tempo", "okezone", "sindonews", "tribunnews")
PER_OUTLET = 60
MIN_CHARACTERS = 800
POLITICS = re.compile(r"\b(?:Jokowi|Prabowo|KPK|DPR|PDIP|PDI-P|Gerindra|[Mm]enteri)\b")
# The twins issue 26 saw in such a corpus: each group is one referent.
GROUPS = (
    ("Alexander Marwata", "Alex Marwata"),
    ("Bambang Soesatyo", "Bamsoet"),
    ("Laode M Syarif", "Laode Muhammad Syarif", "Laode M. Syarif", "M Syarif"),
    ("Yasonna Laoly", "Yasonna H Laoly", "Yasonna H. Laoly", "Yasonna Hamonangan Laoly"),
    ("Kemenpora", "Kementerian Pemuda dan Olahraga"),
    ("KPK", "Komisi Pemberantasan Korupsi", "Komisi Pemberantasan Tindak Pidana Korupsi"),
    ("Partai Demokrat", "Demokrat"),
    ("Joko Widodo", "Jokowi"),
    ("Prabowo Subianto", "Prabowo"),
    ("Megawati Soekarnoputri", "Megawati", "Mega"),
)


def articles(data: Path) -> Iterator[dict[str, str]]:
    """The selected articles of each outlet, in the order they are chosen."""
    csv.field_size_limit(sys.maxsize)
    for outlet in OUTLETS:
        path = data / "click-id-raw-articles" / f"{outlet}.csv.gz"
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            rows = [row for row in csv.DictReader(handle)
                    if len(row.get("content") or "") >= MIN_CHARACTERS
                    and POLITICS.search(f"{row.get('title', '')} {row['content']}")]
        rows.sort(key=lambda row: hashlib.sha256(row["url"].encode()).hexdigest())
        for number, row in enumerate(rows[:PER_OUTLET]):
            yield {"id": f"{outlet}-{number:02d}", "title": row["title"], "text": row["content"],
                   "url": row["url"], "source": outlet}


def spelling_key(name: str) -> str:
    """One key for the spelling variants of a name: old spelling (oe, dj, tj) and spaces.

    >>> spelling_key("Soekarno Poetri") == spelling_key("Sukarnoputri")
    True
    """
    key = name_key(name).replace(" ", "")
    for old, new in (("oe", "u"), ("dj", "j"), ("tj", "c")):
        key = key.replace(old, new)
    return key


def twins(labels: dict[str, tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(why, node, node) for pairs of nodes of one type whose names look like one name."""
    found = []
    nodes = sorted(labels)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            (label_a, type_a), (label_b, type_b) = labels[a], labels[b]
            if type_a != type_b:
                continue
            why = _twin_reason(name_key(label_a).split(), name_key(label_b).split())
            if not why and spelling_key(label_a) == spelling_key(label_b):
                why = "spelling"
            if why:
                found.append((why, a, b))
    return found


def _twin_reason(a: list[str], b: list[str]) -> str:
    short, long = sorted((a, b), key=len)
    if not short or len(short) == len(long):
        return ""
    n = len(short)
    if long[:n] == short:
        return "first words"
    if long[-n:] == short:
        return "last words"
    if n == 1 and len(short[0]) == len(long) and short[0] == "".join(w[0] for w in long):
        return "initials"
    return ""


@dataclass
class TopNodes:
    """What the report reads off a build: mentions per node, the nodes each surface
    reaches, and the top nodes by mentions with their (label, type)."""

    mentions: Counter[str]
    surfaces: dict[str, set[str]]
    ranked: list[str]
    labels: dict[str, tuple[str, str]]


def top_nodes(build: graphkit.Build, top: int) -> TopNodes:
    """The `top` nodes of a build by mentions (ties by id), with what the report needs."""
    mentions: Counter[str] = Counter(m.entity for m in build.mentions)
    surfaces: dict[str, set[str]] = defaultdict(set)
    for m in build.mentions:
        surfaces[m.mention.text].add(m.entity)
    graph = build.graph
    ranked = [n for n, _ in sorted(mentions.items(), key=lambda x: (-x[1], x[0]))
              if n in graph][:top]
    labels = {n: (str(graph.nodes[n]["label"]), str(graph.nodes[n]["type"])) for n in ranked}
    return TopNodes(mentions, surfaces, ranked, labels)


def headline_candidates(labels: dict[str, tuple[str, str]]) -> list[str]:
    """Top nodes whose name may be a headline fragment, for a reader to judge: new nodes
    (a knowledge-base entity is a name) of two words or more, one of them an ordinary
    Indonesian word that opens, ends or joins no name ('Cari' in 'Jokowi Cari Pengganti
    Wiranto', 'Tersangka' in 'Nahrawi Tersangka')."""
    common = common_words()
    name_words = OPENING_HEADS | TAILS | CONNECTORS
    return [node for node, (label, _) in labels.items()
            if node.startswith("new:") and len(words := name_key(label).split()) > 1
            and any(w in common and w not in name_words for w in words)]


def figures(build: graphkit.Build, nodes: TopNodes) -> dict[str, int]:
    """What the report counts: nodes, mentions, twin candidates and headline candidates
    among the top nodes, nodes the issue's name groups reach, and nodes that are one
    ordinary word."""
    graph = build.graph
    groups = [set().union(*(nodes.surfaces.get(name, set()) for name in group))
              for group in GROUPS]
    common = common_words()
    return {"nodes": graph.number_of_nodes(), "mentions": len(build.mentions),
            "twin_candidates": len(twins(nodes.labels)),
            "headline_candidates": len(headline_candidates(nodes.labels)),
            "group_nodes": sum(len(g) for g in groups),
            "groups_present": sum(1 for g in groups if g),
            "ordinary_word_nodes": sum(1 for n in graph if nodes.mentions[n] and " " not in str(
                graph.nodes[n]["label"]) and str(graph.nodes[n]["label"]).lower() in common)}


def report(nodes: TopNodes, top: int) -> list[str]:
    """The markdown lines: the issue's name groups, twin and headline candidates, top nodes."""
    labels = nodes.labels
    lines = ["## Name groups of issue 26 (each is one referent)", "",
             "| names | nodes reached |", "|---|---|"]
    for group in GROUPS:
        reached = sorted(set().union(*(nodes.surfaces.get(name, set()) for name in group)))
        present = [name for name in group if name in nodes.surfaces]
        lines.append(f"| {' / '.join(present) or '(none in the corpus)'} | "
                     f"{len(reached)}: {', '.join(reached)} |")
    pairs = twins(labels)
    lines += ["", f"## Twin candidates among the top {top} nodes: {len(pairs)}", "",
              "| why | node | node |", "|---|---|---|"]
    lines += [f"| {why} | {a} ({labels[a][0]}) | {b} ({labels[b][0]}) |" for why, a, b in pairs]
    headlines = headline_candidates(labels)
    lines += ["", f"## Headline candidates among the top {top} nodes: {len(headlines)}", "",
              "New nodes whose name holds an ordinary word that opens, ends or joins no "
              "name; a reader judges which are headline fragments.", "",
              "| node | label | type | mentions |", "|---|---|---|---|"]
    lines += [f"| {n} | {labels[n][0]} | {labels[n][1]} | {nodes.mentions[n]} |"
              for n in headlines]
    lines += ["", f"## Top {top} nodes by mentions", "", "| node | label | type | mentions |",
              "|---|---|---|---|"]
    lines += [f"| {n} | {labels[n][0]} | {labels[n][1]} | {nodes.mentions[n]} |"
              for n in nodes.ranked]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--corpus", type=Path,
                        default=Path(tempfile.gettempdir()) / "politics300.jsonl")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "politics300.md")
    parser.add_argument("--top", type=int, default=200)
    args = parser.parse_args()
    with args.corpus.open("w", encoding="utf-8") as out:
        count = 0
        for article in articles(args.data):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
            count += 1
    build = graphkit.build(args.corpus)
    figures_path = args.out.with_suffix(".json")
    previous = (json.loads(figures_path.read_text(encoding="utf-8"))
                if figures_path.exists() else {})
    nodes = top_nodes(build, args.top)
    now = figures(build, nodes)
    head = ["# 300 politics articles: what a reader of the top nodes sees", "",
            "Made by `python benchmarks/politics300.py` (selection and method in its "
            f"docstring): {count} CLICK-ID articles, shipped model. *previous*: the figures "
            f"of the last run ({figures_path.name}).", "",
            "| figure | now | previous |", "|---|---|---|"]
    head += [f"| {key} | {value} | {previous.get(key, '–')} |" for key, value in now.items()]
    head += ["", "*group_nodes* over *groups_present* is 1 when every name group of issue 26 "
             "is one node; *ordinary_word_nodes* are nodes named by one ordinary Indonesian "
             "word (training/common_words.py's list).", ""]
    args.out.write_text("\n".join(head + report(nodes, args.top)) + "\n", encoding="utf-8")
    figures_path.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{count} articles, {build.graph.number_of_nodes()} nodes -> {args.out}")


if __name__ == "__main__":
    main()
