"""A corpus of XSS payloads renders as text in graph.html and runs nothing (headless chromium).

Payloads reach every place a document string is shown: node labels and aliases (through a
user knowledge base whose labels are payloads), evidence sentences, document ids (file names
and record ids), the search list and the tooltips."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from browsing import wait_until

import graphkit

CHROMIUM = shutil.which("chromium") or ""
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
MARK = "window.__pwned=1;alert(1)"
PAYLOADS = [
    f"<script>{MARK}</script>",
    f"<img src=x onerror=\"{MARK}\">",
    f"<svg/onload={MARK}>",
    f"\"><svg onload={MARK}>",
    f"</script><script>{MARK}</script>",
    f"javascript:{MARK}",
    f"<a href=\"javascript:{MARK}\">klik</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;",
    f"<math><mtext><table><mglyph><style><img src=x onerror=\"{MARK}\">",
    f"<iframe srcdoc=\"<script>{MARK}</script>\"></iframe>",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    f"{{{{constructor.constructor('{MARK}')()}}}}",
    "'-alert(1)-'\u2028\u2029<!-- ]]> <![CDATA[ x",
    f"<details open ontoggle=\"{MARK}\">",
]
NAMES = ["Zorro Satu", "Zorro Dua", "Zorro Tiga", "Zorro Empat", "Zorro Lima", "Zorro Enam",
         "Zorro Tujuh", "Zorro Delapan", "Zorro Sembilan", "Zorro Sepuluh", "Zorro Sebelas",
         "Zorro Duabelas", "Zorro Tigabelas", "Zorro Empatbelas"]

pytestmark = [pytest.mark.browser,
              pytest.mark.xdist_group("xss_browser"),  # one browser and its fixtures per worker
              pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed")]


@pytest.fixture(scope="module")
def xss_out(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    corpus = root / "corpus"
    corpus.mkdir()
    with (root / "kb.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "type", "label", "names_id"])
        for i, (payload, name) in enumerate(zip(PAYLOADS, NAMES, strict=True)):
            writer.writerow([f"xss:{i}", "PERSON", payload, name])
    for i, payload in enumerate(PAYLOADS):
        other = NAMES[(i + 1) % len(NAMES)]
        body = f"{NAMES[i]} bertemu {other} di Seoul. {payload} {NAMES[i]} dan {other}.\n"
        file_name = payload.replace("/", "∕")[:80] + f" {i}.txt"
        (corpus / file_name).write_text(body, encoding="utf-8")
    records = [{"id": payload, "title": payload, "url": payload,
                "text": f"{NAMES[i]} bertemu Vladimir Putin. {payload}"}
               for i, payload in enumerate(PAYLOADS)]
    (corpus / "records.jsonl").write_text("\n".join(json.dumps(r) for r in records),
                                          encoding="utf-8")
    out = root / "out"
    result = graphkit.build(corpus, out=out, model="blank", kb_files=[root / "kb.csv"])
    labels = {result.graph.nodes[n]["label"] for n in result.graph}
    assert set(PAYLOADS) <= labels  # every payload is a node label the page must show
    return out


@pytest.fixture(scope="module")
def page(xss_out):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(offline=True)
        tab = context.new_page()
        tab.dialogs, tab.requests, tab.errors = [], [], []
        tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
        tab.on("request", lambda r: tab.requests.append(r.url))
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        url = (xss_out / "graph.html").resolve().as_uri()
        tab.goto(url)
        wait_until(tab, "() => window.graphkit && window.graphkit.ready && window.graphkit.loaded")
        tab.page_url = url
        yield tab
        browser.close()


def test_every_view_of_every_payload_runs_nothing(page):
    title = page.title()
    scripts = page.evaluate("document.scripts.length")
    shown = page.evaluate("""() => {
      const g = window.graphkit, seen = [], panel = document.getElementById("panel");
      g.data.nodes.forEach(n => { g.showNode(n.id); seen.push(panel.textContent); });
      g.data.edges.forEach((e, i) => { g.showEdge(i); seen.push(panel.textContent); });
      g.data.nodes.forEach(n => g.focus(n.label));
      return seen.join("\\n");
    }""")
    page.wait_for_timeout(300)  # let any injected handler (onerror, onload, ontoggle) fire
    assert page.dialogs == [] and page.errors == []
    assert page.evaluate("window.__pwned") is None
    assert page.title() == title and page.evaluate("document.scripts.length") == scripts
    injected = page.evaluate("""document.querySelectorAll(
      'img, iframe, svg, math, object, embed, details, a[href], style:not(head style)').length""")
    assert injected == 0
    assert set(page.requests) == {page.page_url}
    for payload in PAYLOADS:  # shown as text, exactly
        assert payload in shown


def test_tooltips_and_search_list_hold_text_not_markup(page):
    markup = page.evaluate("""() => {
      const body = window.graphkit.network.body, found = [];
      Object.values(body.nodes).concat(Object.values(body.edges)).forEach(item => {
        const title = item.options.title;
        if (title && typeof title !== "string") {
          if (title.querySelector("*:not(div)")) found.push(title.innerHTML);
        } else if (title && /<[a-z!\\/]/i.test(title)) found.push(title);
      });
      document.querySelectorAll("#labels option").forEach(o => {
        if (o.children.length) found.push(o.innerHTML);
      });
      return found;
    }""")
    assert markup == []
    options = page.evaluate("Array.from(document.querySelectorAll('#labels option'), o => o.value)")
    assert set(PAYLOADS) <= set(options)


def test_payloads_stay_escaped_in_the_file(xss_out):
    html = (xss_out / "graph.html").read_text(encoding="utf-8")
    data_start = html.index('id="graph-data">')
    data = html[data_start:html.index("</script>", data_start)]
    assert "<" not in data.split(">", 1)[1]  # no markup at all inside the JSON island
    for payload in PAYLOADS:
        assert payload not in html or "<" not in payload and ">" not in payload


def test_graphml_and_csv_hold_the_payloads_as_text(xss_out):
    import xml.dom.minidom

    document = xml.dom.minidom.parse(str(Path(xss_out) / "graph.graphml"))
    texts = {d.firstChild.data for d in document.getElementsByTagName("data") if d.firstChild}
    assert set(PAYLOADS) <= texts
    with (Path(xss_out) / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        labels = {row["label"] for row in csv.DictReader(handle)}
    assert set(PAYLOADS) <= labels


def test_doubtful_mentions_show_payloads_as_text(xss_out, page, tmp_path):
    """Surface texts, reasons and sentences of doubtful mentions (all from documents) are
    text in the node panels and the page's list of doubtful links."""
    from graphkit.export import read_graph
    from graphkit.export.doubts import Doubt, Doubts
    from graphkit.export.html import html_text

    graph = read_graph(Path(xss_out) / "graph.json")
    nodes = sorted(graph)[:len(PAYLOADS)]
    for node in nodes:
        graph.nodes[node]["linked_by"] = ["fuzzy"]
    doubts = Doubts({node: [Doubt(payload, "fuzzy", payload, 2, [(payload, 99)])]
                     for node, payload in zip(nodes, PAYLOADS, strict=True)},
                    dict.fromkeys(nodes, 2), {f"{p}#99": f"{p} kata {p}" for p in PAYLOADS})
    path = tmp_path / "graph.html"
    path.write_text(html_text(graph, doubts=doubts), encoding="utf-8")
    context = page.context.browser.new_context(offline=True)  # the module's browser
    try:
        tab = context.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto(path.resolve().as_uri())
        wait_until(tab, "() => window.graphkit && window.graphkit.ready && window.graphkit.loaded")
        shown = tab.evaluate("""() => {
          const g = window.graphkit, seen = [], panel = document.getElementById("panel");
          g.showDoubts(); seen.push(panel.textContent);
          g.data.nodes.forEach(n => { g.showNode(n.id); seen.push(panel.textContent); });
          return seen.join("\\n");
        }""")
        tab.wait_for_timeout(300)
        injected = tab.evaluate("""document.querySelectorAll(
          '#panel img, #panel iframe, #panel svg, #panel math, #panel details').length""")
        pwned = tab.evaluate("window.__pwned")
    finally:
        context.close()
    assert dialogs == [] and pwned is None and injected == 0
    for payload in PAYLOADS:
        assert f"{payload} kata {payload}" in shown and f"{payload} · fuzzy" in shown
