"""Time-to-interactive of graph.html in headless chromium; writes benchmarks/html_load.md.

Usage: python benchmarks/html_load.py [--runs 5] [--screenshot docs/graph.png]
           [--corpus FOLDER --corpus-out OUT --corpus-name NAME]...
           [--scale-corpus FILE.jsonl --scale-out OUT [--data ../shared/data]]
           [--built-page NAME=graph.html]... [--as-is NAME=page.html]...
(needs Debian's chromium and the playwright package; the screenshot is the README's)

"Interactive" = `window.graphkit.ready` (the page sets `window.graphkit.readyAt`, ms since
navigation start, once vis-network has drawn the graph); physics is off, so the drawing is
final and the page takes clicks from then on. Measured: the seeds, a synthetic 2,300-node
graph (the page caps it to MAX_NODES), any real build given with --corpus (built into
--corpus-out, whose store makes a second run quick), and with --scale-corpus the 25,589
real articles of benchmarks/scale.py (written once to that JSONL file, outside the repo,
then built into --scale-out). Real builds' pages are the ones `graphkit build` writes
(doubtful mentions included). --built-page takes the data of a page an earlier build wrote
(any graphkit version) and writes them again as the current page, so a 20-minute build need
not be run again; --as-is measures a page file unchanged (an older version's, to compare in
the same run). "Texts" = ms until the sentences, documents and doubtful mentions are decoded
(`window.graphkit.loaded`; the page draws first and decodes them right after).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

import graphkit
from graphkit.export.doubts import Doubts
from graphkit.export.html import MAX_NODES, html_text, page_data_of, page_html
from graphkit.metrics import add_metrics

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def synthetic(nodes: int) -> nx.Graph:
    """A scale-free graph shaped like a graphkit graph (labels, types, one sentence each)."""
    graph = nx.relabel_nodes(nx.barabasi_albert_graph(nodes, 2, seed=1), lambda n: f"n{n:05d}")
    for node, data in graph.nodes(data=True):
        data.update(label=f"Entity {node}", type="PERSON", aliases=[node], kb_id="",
                    mentions=graph.degree(node), documents=1)
    texts = {}
    for number, (a, b, data) in enumerate(graph.edges(data=True)):
        ref = f"d{number % 500}.txt#{number}"
        texts[ref] = f"Entity {a} bertemu Entity {b}."
        data.update(weight=1, documents=1, npmi=0.5, evidence=[ref])
    graph.graph["evidence_text"] = texts
    graph.graph["document_dates"] = {f"d{i}.txt": f"2024-{1 + i % 12:02d}-01" for i in range(500)}
    return add_metrics(graph)


def page(graph: nx.Graph, summary: str = "", doubts: Doubts | None = None
         ) -> tuple[str, float]:
    """The page's text and the seconds Python took to write it (layout included)."""
    start = time.perf_counter()
    text = html_text(graph, summary, doubts)
    return text, time.perf_counter() - start


def built_page(path: Path) -> tuple[str, float]:
    """A page an earlier build wrote, written again in the current format from its data
    (an older page's data are one JSON island), and the seconds that took."""
    old = path.read_text(encoding="utf-8")
    start = time.perf_counter()
    try:
        data = page_data_of(old)
    except graphkit.GraphkitError:
        island = old.split('id="graph-data">', 1)[1].split("</script>", 1)[0]
        data = json.loads(island)
    text = page_html(data)
    return text, time.perf_counter() - start


def named(value: str) -> tuple[str, Path]:
    """NAME=PATH of --built-page and --as-is."""
    name, _, path = value.rpartition("=")
    return name, Path(path)


def scale_corpus(path: Path, data: Path) -> Path:
    """benchmarks/scale.py's corpus (IndoSum dev + CLICK-ID, its order) as one JSONL file,
    written once to `path` (never into the repo: the data stay in ../shared)."""
    if not path.exists():
        from scale import shuffled_articles, write_jsonl

        path.parent.mkdir(parents=True, exist_ok=True)
        write_jsonl(path, shuffled_articles(data))
    return path


def machine() -> str:
    """CPU model and cores, for the figures' context."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores"


def load_once(browser: object, path: Path) -> dict[str, Any]:
    """One fresh load: ms to first draw, to the texts decoded, to DOMContentLoaded, and
    the nodes and edges drawn."""
    context = browser.new_context(offline=True,  # type: ignore[attr-defined]
                                  viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("window.graphkit && window.graphkit.ready", timeout=120000)
    ready = page.evaluate("window.graphkit.readyAt")
    page.wait_for_function("() => window.graphkit.loaded !== false", timeout=120000)
    result = {"ready": ready,
              "texts": page.evaluate("window.graphkit.timings.loaded || window.graphkit.readyAt"),
              "dom": page.evaluate(
                  "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"),
              "drawn": page.evaluate("[window.graphkit.visibleNodes().length,"
                                     " window.graphkit.visibleEdges().length]")}
    context.close()
    return result


def summary(loads: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians (and the worst time to ready) over one page's loads."""
    return {"ready": statistics.median(x["ready"] for x in loads),
            "ready_max": max(x["ready"] for x in loads),
            "texts": statistics.median(x["texts"] for x in loads),
            "dom": statistics.median(x["dom"] for x in loads), "drawn": loads[-1]["drawn"]}


def screenshot(browser: object, path: Path, png: Path) -> None:
    """The seed page's first view at 1440x900, the Putin–Kim Jong Un edge's evidence open."""
    context = browser.new_context(offline=True,  # type: ignore[attr-defined]
                                  viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("window.graphkit && window.graphkit.ready")
    page.evaluate("""() => {
      const g = window.graphkit, d = g.data;
      const id = l => d.nodes.find(n => n.label === l).id;
      const [a, b] = [id("Vladimir Putin"), id("Kim Jong Un")];
      const i = d.edges.findIndex(e => (e.source === a && e.target === b) ||
                                       (e.source === b && e.target === a));
      g.showEdge(i);
    }""")
    png.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(png))
    context.close()


def chromium_version() -> str:
    try:
        return subprocess.run(["chromium", "--version"], capture_output=True, text=True,
                              check=False, timeout=30).stdout.strip()
    except OSError:
        return "chromium (version unknown)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "html_load.md")
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="also save a screenshot of the seed page here")
    parser.add_argument("--corpus", type=Path, action="append", default=[],
                        help="a real corpus to build and measure (repeatable)")
    parser.add_argument("--corpus-out", type=Path, action="append", default=[],
                        help="where to build each --corpus (keeps its store)")
    parser.add_argument("--corpus-name", action="append", default=[],
                        help="how to name each --corpus in the table")
    parser.add_argument("--scale-corpus", type=Path, default=None,
                        help="JSONL file for benchmarks/scale.py's 25,589 articles (outside "
                             "the repo; written when missing)")
    parser.add_argument("--scale-out", type=Path, default=None,
                        help="where to build --scale-corpus (keeps its store)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                        help="the shared data folder --scale-corpus is made from")
    parser.add_argument("--built-page", type=named, action="append", default=[],
                        help="NAME=graph.html: a page an earlier build wrote, its data "
                             "written again as the current page (repeatable)")
    parser.add_argument("--as-is", type=named, action="append", default=[],
                        help="NAME=page.html: a page measured unchanged (repeatable)")
    args = parser.parse_args()
    corpora = list(zip(args.corpus, args.corpus_out, args.corpus_name, strict=True))
    if args.scale_corpus:
        corpora.append((scale_corpus(args.scale_corpus, args.data), args.scale_out,
                        "IndoSum dev + CLICK-ID, 25,589 articles (benchmarks/scale.py)"))
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()[0]
    seed = graphkit.build(ROOT / "seeds")
    pages = {"empty graph (same-run baseline: the page's fixed cost, vis-network's 0.7 MB "
             "parsed)": page(nx.Graph()),
             f"seed corpus ({seed.graph.number_of_nodes()} nodes, "
             f"{seed.graph.number_of_edges()} edges)": page(seed.graph, seed.summary())}
    big = synthetic(2300)
    pages[f"synthetic 2,300 nodes, {big.number_of_edges()} edges (page shows top "
          f"{MAX_NODES})"] = page(big)
    for corpus, out, name in corpora:
        build = graphkit.build(corpus, out=out)
        pages[f"{name} ({build.graph.number_of_nodes()} nodes, "
              f"{build.graph.number_of_edges()} edges)"] = page(build.graph, build.summary(),
                                                                build.doubts())
    for name, path in args.built_page:
        pages[name] = built_page(path)
    for name, path in args.as_is:
        pages[name] = (path.read_text(encoding="utf-8"), float("nan"))
    rows = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        paths = []
        for index, (name, (html, _)) in enumerate(pages.items()):
            paths.append(Path(folder) / f"page{index}.html")
            paths[-1].write_text(html, encoding="utf-8")
            if name.startswith("seed corpus") and args.screenshot:
                screenshot(browser, paths[-1], args.screenshot)
        loads: list[list[dict[str, Any]]] = [[] for _ in paths]
        for _ in range(args.runs):  # round after round, so a burst of load hits every page
            for path, page_loads in zip(paths, loads, strict=True):
                page_loads.append(load_once(browser, path))
        browser.close()
    for (name, (html, seconds)), page_loads in zip(pages.items(), loads, strict=True):
        result = summary(page_loads)
        python = "-" if seconds != seconds else f"{seconds:.1f}"  # nan: as is
        rows.append(f"| {name} | {len(html.encode()) / 2**20:.1f} MiB | {python} | "
                    f"{result['drawn'][0]} / {result['drawn'][1]} | "
                    f"{result['dom']:.0f} | {result['ready']:.0f} | "
                    f"{result['ready_max']:.0f} | {result['texts']:.0f} |")
    args.out.write_text("\n".join([
        "# graph.html load time", "",
        f"Written by `benchmarks/html_load.py` on {datetime.date.today().isoformat()} "
        f"({args.runs} fresh loads each, the pages in turn, offline, headless, 1440x900; "
        f"{machine()}, shared "
        f"with other work while measured: load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after; {chromium_version()}, {platform.machine()}, "
        f"Python {platform.python_version()}).", "",
        "Interactive = ms from navigation start to `window.graphkit.ready` (vis-network's "
        "first drawing; positions are precomputed in Python and physics is off, so that "
        "drawing is final and the page takes clicks from then on). Python = seconds to "
        "write the page (layout included). The empty graph's row is the same run's baseline: "
        "what any page costs on this machine at this load.", "",
        "| page | size | Python (s) | nodes / edges drawn | DOM ready (ms, median) "
        "| interactive (ms, median) | interactive (ms, max) | texts (ms, median) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |", *rows, ""]), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
