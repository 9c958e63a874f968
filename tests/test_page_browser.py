"""The page's JavaScript API (`window.graphkit`) in headless chromium, on synthetic graphs:
focus, date window, filters, URL fragment, evidence panel, pictures, legible labels."""

from __future__ import annotations

import base64
import random
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from browsing import wait_until
from test_html_browser import CHROMIUM, Page, browser  # noqa: F401 (browser: a fixture)

from graphkit.export.html import MAX_NODES, html_text
from graphkit.metrics import add_metrics

pytestmark = [pytest.mark.browser,
              pytest.mark.xdist_group("page_browser"),  # one browser and its fixtures per worker
              pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed")]
TYPES = ("PERSON", "ORG", "GPE")
PAGED = ("n0000", "n0001")  # the edge with 25 sentences


def dated_graph(groups: int = 5, size: int = 40, seed: int = 3) -> nx.Graph:
    """Communities of entities co-mentioned in 60 dated documents (January to June 2024),
    each document with a title and a web address; edges carry their sentences."""
    graph = nx.planted_partition_graph(groups, size, 0.15, 0.004, seed=seed)
    graph = nx.relabel_nodes(graph, lambda n: f"n{n:04d}")
    graph.add_edge(*PAGED)
    rng = random.Random(seed)
    for node, data in graph.nodes(data=True):
        data.update(label=f"Tokoh {node[1:]}", type=TYPES[int(node[1:]) % 3], aliases=[],
                    mentions=graph.degree(node) * 2 + rng.randrange(3), documents=1, kb_id="",
                    linked_by=["kb"])
    graph.nodes["n0002"]["linked_by"] = ["fuzzy", "kb"]
    days = {f"d{d:02d}.txt": f"2024-{1 + d // 10:02d}-{1 + 2 * (d % 10):02d}" for d in range(60)}
    texts: dict[str, str] = {}
    for number, (a, b, data) in enumerate(sorted(graph.edges(data=True))):
        count = 25 if (a, b) == PAGED else 1 + rng.randrange(4)
        refs = []
        for k in range(count):
            ref = f"d{rng.randrange(60):02d}.txt#{number * 30 + k}"
            texts[ref] = f"{graph.nodes[a]['label']} bertemu {graph.nodes[b]['label']} ({k})."
            refs.append(ref)
        data.update(weight=count, documents=count, npmi=0.5, dice=0.1, g2=1.0,
                    sentences=refs, evidence=refs[:5])
    graph.graph.update(evidence_text=texts, document_dates=days, document_info={
        doc: {"title": f"Berita {doc}", "url": f"https://example.org/{doc}",
              "source": "contoh"} for doc in days})
    return add_metrics(graph)


def in_window(graph: nx.Graph, first: str, last: str) -> set[tuple[str, str]]:
    dates = graph.graph["document_dates"]
    return {tuple(sorted((a, b))) for a, b, refs in graph.edges(data="sentences")
            if any(first <= dates[r.split("#")[0]] <= last for r in refs)}


@pytest.fixture(scope="module")
def graph() -> nx.Graph:
    return dated_graph()


@pytest.fixture(scope="module")
def page(browser, graph, tmp_path_factory):  # noqa: F811 (the imported fixture)
    path = tmp_path_factory.mktemp("page") / "graph.html"
    path.write_text(html_text(graph), encoding="utf-8")
    opened = Page(browser, path)
    yield opened
    opened.close()


@pytest.fixture
def fresh(page):
    """The page back at its first view, and no error left behind."""
    page.js("window.graphkit.unfocus(); window.graphkit.setDateRange(null, null)")
    yield page
    assert page.errors == [] and {r.split("#")[0] for r in page.requests} == {
        page.url.split("#")[0]}


def edges_shown(page: Page) -> set[tuple[str, str]]:
    return {tuple(sorted(e)) for e in page.js("window.graphkit.visibleEdges()")}


def test_first_view_shows_everything_with_legible_labels(fresh, graph):
    assert fresh.js("window.graphkit.ready") is True
    assert fresh.visible() == set(graph)
    assert edges_shown(fresh) == {tuple(sorted(e)) for e in graph.edges}
    labels = fresh.js("window.graphkit.labels()")
    assert labels and all(label["px"] >= 10 for label in labels)
    top = max(graph, key=lambda n: (graph.nodes[n]["mentions"], n))
    assert top in {label["id"] for label in labels}


def test_focus_shows_one_or_two_hops_and_escape_goes_back(fresh, graph):
    assert fresh.js("window.graphkit.focus('n0010', 1)") is True
    assert fresh.visible() == set(graph["n0010"]) | {"n0010"}
    ties = fresh.page.locator("#panel ol.neighbours li").all_text_contents()
    weights = sorted((d["weight"] for d in graph["n0010"].values()), reverse=True)
    assert [int(t.rsplit("(", 1)[1].rstrip(")")) for t in ties] == weights[:10]
    fresh.js("window.graphkit.focus('n0010', 2)")
    assert fresh.visible() == set(nx.ego_graph(graph, "n0010", radius=2))
    assert "n0010" in fresh.js("window.graphkit.labels().map(l => l.id)")
    fresh.page.keyboard.press("Escape")
    assert fresh.visible() == set(graph)
    fresh.page.select_option("#hops", "1")
    fresh.page.fill("#search", "Tokoh 0011")  # the keyboard way in: search, Enter
    fresh.page.press("#search", "Enter")
    assert fresh.visible() == set(graph["n0011"]) | {"n0011"}
    fresh.page.keyboard.press("Escape")
    assert fresh.js("window.graphkit.unfocus()") is None and fresh.visible() == set(graph)


def test_date_window_recomputes_weights_and_hides_nodes_left_without_edges(fresh, graph):
    assert fresh.js("window.graphkit.dateRange()") == ["2024-01-01", "2024-06-19"]
    fresh.js("window.graphkit.setDateRange('2024-02-01', '2024-03-09')")
    assert fresh.js("window.graphkit.dateRange()") == ["2024-02-01", "2024-03-09"]
    expected = in_window(graph, "2024-02-01", "2024-03-09")
    assert expected and expected != {tuple(sorted(e)) for e in graph.edges}
    assert edges_shown(fresh) == expected
    assert fresh.visible() == {n for edge in expected for n in edge}
    fresh.js("window.graphkit.showEdge(window.graphkit.data.edges.findIndex("
             "e => e.source === 'n0000' && e.target === 'n0001'))")
    dates = graph.graph["document_dates"]
    inside = sum("2024-02-01" <= dates[r.split("#")[0]] <= "2024-03-09"
                 for r in graph.edges[PAGED]["sentences"])
    stats = fresh.page.locator("#panel .muted").first.text_content()
    assert f"({inside} in the date window)" in stats
    assert fresh.page.locator("#histogram div.in").count() >= 1
    fresh.js("window.graphkit.setDateRange(null, null)")
    assert fresh.visible() == set(graph)


def test_weight_slider_in_a_date_window_uses_the_window_weights(fresh, graph):
    fresh.js("window.graphkit.setDateRange('2024-01-01', '2024-04-30')")
    fresh.page.locator("#minweight").fill("2")
    dates = graph.graph["document_dates"]
    heavy = {tuple(sorted((a, b))) for a, b, refs in graph.edges(data="sentences")
             if sum(dates[r.split("#")[0]] <= "2024-04-30" for r in refs) >= 2}
    assert edges_shown(fresh) == heavy
    fresh.page.locator("#minweight").fill("1")


def test_the_url_fragment_reopens_the_same_view(fresh, graph, browser):  # noqa: F811
    fresh.page.locator("#legend span", has_text="GPE").click()
    fresh.js("window.graphkit.setDateRange('2024-01-01', '2024-05-31')")
    fresh.js("window.graphkit.focus('n0003', 2)")
    fresh.js("window.graphkit.network.moveTo({scale: 1.7, position: {x: 10, y: -20}})")
    fresh.page.wait_for_timeout(400)  # the view is written to the URL after a pause
    url = fresh.page.url
    assert "focus=n0003" in url and "from=2024-01-01" in url and "hide=GPE" in url
    shown, edges = fresh.visible(), edges_shown(fresh)
    again = Page(browser, url)
    try:
        assert again.visible() == shown and edges_shown(again) == edges
        assert again.js("window.graphkit.dateRange()") == ["2024-01-01", "2024-05-31"]
        assert again.js("window.graphkit.network.getScale()") == pytest.approx(1.7, abs=1e-3)
        assert again.js("window.graphkit.network.getSelectedNodes()") == ["n0003"]
        assert again.page.locator("#legend span.off").all_text_contents() == ["GPE"]
        assert again.errors == []
    finally:
        again.close()
    fresh.page.locator("#legend span", has_text="GPE").click()


def test_evidence_is_paged_linked_and_highlighted(fresh, graph):
    fresh.js("window.graphkit.showEdge(window.graphkit.data.edges.findIndex("
             "e => e.source === 'n0000' && e.target === 'n0001'))")
    count = fresh.page.locator("#panel .evidence-count")
    assert count.text_content().startswith("sentences 1–10 of 25")
    fresh.page.locator("#panel button.next").click()
    fresh.page.locator("#panel button.next").click()
    assert fresh.page.locator("#panel .evidence-count").text_content().startswith(
        "sentences 21–25 of 25")
    items = fresh.page.locator("#panel ol.evidence li")
    assert items.count() == 5
    texts = set(items.all_text_contents())
    wanted = {graph.graph["evidence_text"][r] for r in graph.edges[PAGED]["sentences"][20:]}
    assert all(any(w in t for t in texts) for w in wanted)
    links = fresh.js("""Array.from(document.querySelectorAll('#panel ol.evidence a'),
                        a => [a.href, a.rel, a.textContent])""")
    assert len(links) == 5
    assert all(h.startswith("https://example.org/d") and r == "noopener noreferrer"
               and t.startswith("Berita d") for h, r, t in links)
    marks = fresh.js("Array.from(document.querySelectorAll('#panel mark'), m => m.textContent)")
    assert set(marks) == {"Tokoh 0000", "Tokoh 0001"} and len(marks) == 10
    assert "Sentences per" in fresh.page.locator("#panel").text_content()


def test_doubtful_links_are_marked_on_the_node_and_its_panel(fresh):
    assert fresh.js("window.graphkit.network.body.nodes['n0002'].options"
                    ".shapeProperties.borderDashes") == [3, 2]
    assert fresh.js("window.graphkit.network.body.nodes['n0003'].options"
                    ".shapeProperties.borderDashes") is False
    fresh.js("window.graphkit.showNode('n0002')")
    note = fresh.page.locator("#panel .doubt").text_content()
    assert "fuzzy" in note and "written from a graph file" in note  # no mentions to list
    assert "graphkit explain" in note
    assert fresh.page.locator("#doubts").text_content() == "Doubtful links (1)"


def test_doubtful_mentions_listed_on_their_nodes_of_the_seed_page(browser, seed_build,  # noqa: F811
                                                                  tmp_path):
    """The seeds link 'Kim' to Kim Jong Un by kb-weak (3 mentions: three people are called
    Kim, so no corpus-wide short form; the knowledge base's context decides), 'Washington'
    by kb-weak (2), and three more nodes by one doubtful mention each."""
    path = tmp_path / "graph.html"
    seed_build.show().save(path)
    page = Page(browser, path)
    try:
        page.page.click("#doubts")
        listed = page.js("Array.from(document.querySelectorAll('#panel .doubtful-nodes button'),"
                         " b => b.dataset.id)")
        assert listed[:2] == ["person:kim-jong-un", "city:washington"] and len(listed) == 5
        assert page.page.locator("#panel h2").text_content() == "Doubtful links (5)"
        page.page.click("#panel .doubtful-nodes button >> nth=0")
        assert page.visible() == set(seed_build.graph["person:kim-jong-un"]) | {
            "person:kim-jong-un"}
        doubt = page.page.locator("#panel .doubts > ol > li").first
        assert doubt.locator("b").text_content() == "Kim"
        assert "kb-weak · 3 mentions" in doubt.text_content()
        assert "person:kim-jong-un fits" in doubt.locator(".why").text_content()
        sentences = doubt.locator("ul.sentences > li")
        assert sentences.count() == 3
        assert set(sentences.locator("mark").all_text_contents()) == {"Kim"}
        assert all("000_6ddc3e2aa6a6e817.txt" in t for t in
                   sentences.locator(".doc").all_text_contents())
        assert page.page.locator("#panel .doubts .more").count() == 0  # all 3 listed
        assert page.errors == []
    finally:
        page.close()


def _png_size(data_url: str) -> tuple[int, int]:
    assert data_url.startswith("data:image/png;base64,")
    png = base64.b64decode(data_url.split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_export_image_png_at_2x_and_svg_with_caption_and_legend(fresh):
    fresh.js("window.graphkit.setDateRange('2024-02-01', '2024-03-31')")
    width = fresh.js("document.getElementById('net').clientWidth")
    png_width, png_height = _png_size(fresh.js("window.graphkit.exportImage('png')"))
    assert png_width == 2 * width and png_height > 2 * 800
    svg = fresh.js("window.graphkit.exportImage('svg')")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert any("dates 2024-02-01 – 2024-03-31" in (t or "") for t in texts)  # the caption
    assert len(root.findall(f".//{ns}circle")) >= len(fresh.visible())
    legend = fresh.js("Array.from(document.querySelectorAll('#communities span'),"
                      " s => s.textContent)")
    assert legend and all(name in texts for name in legend)
    assert fresh.js("window.graphkit.exportImage('gif').then(() => 'ok', e => e.message)") \
        .startswith("exportImage")


@pytest.mark.slow
def test_a_graph_past_the_cap_shows_2000_nodes_with_labels_by_density(browser, tmp_path):  # noqa: F811
    big = dated_graph(groups=10, size=230, seed=5)  # 2,300 nodes
    path = tmp_path / "big.html"
    path.write_text(html_text(big), encoding="utf-8")
    page = Page(browser, path, width=1440, height=900)
    try:
        assert len(page.js("window.graphkit.visibleNodes()")) == MAX_NODES
        assert f"of {big.number_of_nodes():,} entities" in page.page.locator(
            "#truncated").text_content()
        first = page.js("window.graphkit.labels()")
        assert len(first) >= 10 and all(label["px"] >= 10 for label in first)
        shown = page.js("window.graphkit.data.nodes").copy()
        top = max(shown, key=lambda n: (n["mentions"], n["id"]))["id"]
        assert top in {label["id"] for label in first}
        cells = page.js("""() => {
          const g = window.graphkit, cells = {};
          g.labels().forEach(l => {
            const p = g.network.getPositions([l.id])[l.id], d = g.network.canvasToDOM(p);
            const key = Math.floor(d.x / 160) + ":" + Math.floor(d.y / 80);
            cells[key] = (cells[key] || 0) + 1;
          });
          return Object.values(cells);
        }""")
        assert max(cells) <= 3  # never a carpet: a few labels per screen cell
        page.js("window.graphkit.network.moveTo({scale: window.graphkit.network.getScale() * 4});"
                "window.graphkit.network.redraw()")
        zoomed = {label["id"] for label in page.js("window.graphkit.labels()")}
        assert zoomed - {label["id"] for label in first}  # more names as you zoom
        assert page.errors == []
    finally:
        page.close()



HOLD_TEXTS = """(() => {  // the page's second decoding (its texts) waits for __release()
  const json = Response.prototype.json;
  let calls = 0;
  Response.prototype.json = function () {
    const parsed = json.call(this);
    if (++calls !== 2) return parsed;
    return new Promise(resolve => { window.__release = () => resolve(parsed); });
  };
})()"""


def test_panels_opened_before_the_texts_are_decoded_fill_in_after(browser, seed_build,  # noqa: F811
                                                                  tmp_path):
    """The page draws before it decodes sentences and doubtful mentions: an edge's or a
    node's panel opened in between says so, then shows them once they are there."""
    path = seed_build.show().save(tmp_path / "graph.html")
    context = browser.new_context(offline=True, viewport={"width": 1440, "height": 900})
    try:
        context.add_init_script(HOLD_TEXTS)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(path.resolve().as_uri())
        wait_until(tab, "() => window.graphkit && window.graphkit.ready && window.__release",
                   timeout=30000)
        assert tab.evaluate("window.graphkit.loaded") is False
        kim = "person:kim-jong-un"
        tab.evaluate("id => window.graphkit.showNode(id)", kim)
        assert "Reading its doubtful mentions" in tab.locator("#panel .doubt").text_content()
        edge = tab.evaluate("""id => window.graphkit.data.edges.findIndex(
                                 e => e.source === id || e.target === id)""", kim)
        tab.evaluate("i => window.graphkit.showEdge(i)", edge)
        assert "Reading the sentences" in tab.locator("#panel").text_content()
        assert tab.locator("#panel ol.evidence li").count() == 0
        tab.evaluate("window.__release()")
        wait_until(tab, "() => window.graphkit.loaded", timeout=30000)
        assert tab.locator("#panel ol.evidence li").count() >= 1  # the edge's panel, filled
        assert "Reading" not in tab.locator("#panel").text_content()
        tab.evaluate("id => window.graphkit.showNode(id)", kim)
        assert tab.locator("#panel .doubts > ol > li").first.locator("b").text_content() == "Kim"
        assert errors == []
    finally:
        context.close()


def test_the_notebook_page_is_the_same_page_and_works_in_its_frame(browser, seed_build,  # noqa: F811
                                                                   tmp_path):
    from graphkit.export.html import html_text as page_text

    shown = seed_build.show()
    assert shown.html == page_text(seed_build.graph, seed_build.summary(), seed_build.doubts())
    host = tmp_path / "notebook.html"
    host.write_text(f"<html><body>{shown._repr_html_()}</body></html>", encoding="utf-8")
    context = browser.new_context(offline=True)
    try:
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(host.resolve().as_uri())
        frame = tab.frames[1]
        wait_until(frame, "() => window.graphkit && window.graphkit.ready")
        assert frame.evaluate("window.graphkit.focus('Vladimir Putin', 1)") is True
        putin = "person:vladimir-putin"
        assert set(frame.evaluate("window.graphkit.visibleNodes()")) == set(
            seed_build.graph[putin]) | {putin}
        assert errors == []
    finally:
        context.close()


CLICK_ID = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / \
    "click-id-raw-articles"
CLICK_PUBLISHERS = ("kompas", "tempo", "okezone", "sindonews")  # 500 dated articles each


@pytest.fixture(scope="module")
def click_build(tmp_path_factory):
    """2,000 dated Indonesian news articles (September-October 2019) built once for the
    module with rules and the knowledge base only (`model="blank"`: about 45 s on 2 shared
    cores), and the page `graphkit build` would write for them."""
    if not CLICK_ID.is_dir():
        pytest.skip("needs ../shared/data/click-id-raw-articles")
    import csv
    import gzip

    import graphkit

    csv.field_size_limit(2**31 - 1)
    rows = []
    for publisher in CLICK_PUBLISHERS:
        with gzip.open(CLICK_ID / f"{publisher}.csv.gz", "rt", encoding="utf-8") as handle:
            found = [r for r in csv.DictReader(handle) if r["date"][:4] == "2019"][:500]
        rows += [{"id": f"{publisher}-{i}", "title": r["title"], "date": r["date"],
                  "url": r["url"], "text": r["content"]} for i, r in enumerate(found)]
    root = tmp_path_factory.mktemp("click")
    (root / "corpus").mkdir()
    with (root / "corpus" / "click.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "title", "date", "url", "text"])
        writer.writeheader()
        writer.writerows(rows)
    build = graphkit.build(root / "corpus", model="blank")
    assert build.documents == 2000
    return build, build.show().save(root / "graph.html")


@pytest.fixture
def click_page(browser, click_build):  # noqa: F811 (the imported fixture)
    page = Page(browser, click_build[1], width=1440, height=900)
    yield page
    assert page.errors == []
    page.close()


@pytest.mark.slow
def test_a_real_build_opens_with_legible_labels_and_distinct_communities(click_build,
                                                                         click_page):
    build, _ = click_build
    labels = click_page.js("window.graphkit.labels()")
    assert len(labels) >= 15 and all(label["px"] >= 10 for label in labels)
    shown = click_page.js("window.graphkit.data.nodes")
    top = max(shown, key=lambda n: (n["mentions"], n["id"]))["id"]
    assert top in {label["id"] for label in labels}
    assert len(click_page.visible()) == MAX_NODES < build.graph.number_of_nodes()
    legend = click_page.js("Array.from(document.querySelectorAll('#communities i'),"
                           " i => getComputedStyle(i).backgroundColor)")
    assert len(legend) >= 5 and len(set(legend)) == len(legend)  # one colour a community
    drawn = click_page.js("""() => Object.values(window.graphkit.network.body.nodes)
                             .map(n => n.options.color.background)""")
    assert len(set(drawn) - {"#bbbbbb"}) >= 5  # communities, not one colour


@pytest.mark.slow
def test_a_real_build_focus_date_window_and_permalink(browser, click_build,  # noqa: F811
                                                      click_page):
    build, _ = click_build
    top = max(click_page.js("window.graphkit.data.nodes"),
              key=lambda n: (n["mentions"], n["id"]))["id"]
    assert click_page.js("id => window.graphkit.focus(id, 1)", top) is True
    edges = click_page.js("window.graphkit.data.edges.map(e => [e.source, e.target])")
    assert click_page.visible() == {n for edge in edges if top in edge for n in edge}
    assert click_page.page.locator("#panel ol.neighbours li").count() == 10
    click_page.page.keyboard.press("Escape")
    assert len(click_page.visible()) == MAX_NODES
    first, last = click_page.js("window.graphkit.dateRange()")
    assert first.startswith("2019") and first < last
    click_page.js(f"window.graphkit.setDateRange('{first}', '{first}')")
    day = click_page.visible()
    assert 0 < len(day) < MAX_NODES
    click_page.page.wait_for_timeout(400)  # the view is written to the URL after a pause
    again = Page(browser, click_page.page.url, width=1440, height=900)
    try:
        assert again.visible() == day
        assert again.js("window.graphkit.dateRange()") == [first, first]
        assert again.errors == []
    finally:
        again.close()


@pytest.mark.slow
def test_a_real_build_pictures_and_doubtful_links(click_page):
    width = click_page.js("document.getElementById('net').clientWidth")
    assert _png_size(click_page.js("window.graphkit.exportImage('png')"))[0] == 2 * width
    root = ET.fromstring(click_page.js("window.graphkit.exportImage('svg')"))
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any("2000 documents" in t for t in texts)  # the caption
    click_page.page.click("#doubts")
    listed = click_page.page.locator("#panel .doubtful-nodes button")
    assert listed.count() >= 10
    first = listed.first.get_attribute("data-id")
    listed.first.click()
    assert click_page.js("window.graphkit.network.getSelectedNodes()") == [first]
    doubt = click_page.page.locator("#panel .doubts > ol > li").first
    assert doubt.locator("b").text_content()  # the surface text linked by a doubtful rule
    assert doubt.locator("ul.sentences > li").count() >= 1


def test_histogram_drag_moves_the_window_and_play_steps_it(fresh):
    bars = fresh.page.locator("#histogram div")
    count = bars.count()
    assert count >= 20  # one bar a week from January to June
    box = fresh.page.locator("#histogram").bounding_box()
    y = box["y"] + box["height"] / 2

    def x(bar):
        return box["x"] + (bar + 0.5) * box["width"] / count
    fresh.page.mouse.move(x(2), y)
    fresh.page.mouse.down()
    fresh.page.mouse.move(x(5), y, steps=4)
    fresh.page.mouse.up()
    assert fresh.page.locator("#histogram div.in").count() == 4
    first = fresh.js("window.graphkit.dateRange()")
    fresh.page.mouse.move(x(3), y)  # drag the window itself two bars on
    fresh.page.mouse.down()
    fresh.page.mouse.move(x(5), y, steps=4)
    fresh.page.mouse.up()
    moved = fresh.js("window.graphkit.dateRange()")
    assert moved[0] > first[0] and moved[1] > first[1]
    assert fresh.page.locator("#histogram div.in").count() == 4
    fresh.page.locator("#play").click()
    wait_until(fresh.page, "start => window.graphkit.dateRange()[0] > start", arg=moved[0],
               timeout=5000)
    fresh.page.locator("#play").click()  # pause
    assert fresh.page.locator("#play").text_content() == "Play"


def test_hovering_an_edge_names_it(fresh):
    point = fresh.js("""() => {
      const g = window.graphkit, net = g.network, e = g.data.edges.findIndex(
        x => x.source === 'n0000' && x.target === 'n0001');
      const p = net.getPositions(['n0000', 'n0001']);
      for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
        const at = net.canvasToDOM({x: p.n0000.x + f * (p.n0001.x - p.n0000.x),
                                    y: p.n0000.y + f * (p.n0001.y - p.n0000.y)});
        const dom = {x: Math.round(at.x), y: Math.round(at.y)};  // where a mouse can be
        if (net.getNodeAt(dom) === undefined && g.edgeAt(dom) === e) return dom;
      }
      return null;
    }""")
    assert point
    box = fresh.page.locator("#net").bounding_box()
    fresh.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    wait_until(fresh.page,
               "() => document.getElementById('net').title.startsWith('Tokoh 0000 – Tokoh 0001')",
               timeout=3000)


def test_the_most_mentioned_nodes_are_labelled_even_side_by_side(browser, seed_build,  # noqa: F811
                                                                  tmp_path):
    """A label that would cover a bigger node's label tries above, right, left and the four
    corners of its node before it is left out: on the seeds Kim Jong Un sits just below
    Vladimir Putin and lost his label, though he is the fourth most mentioned, and with
    four sides only North Korea, the third, lost its label among the three."""
    path = seed_build.show().save(tmp_path / "graph.html")
    page = Page(browser, path, width=1440)  # the first view of the issue
    try:
        labelled = {label["id"] for label in page.js("window.graphkit.labels()")}
        nodes = seed_build.graph.nodes
        top = sorted(nodes, key=lambda n: (-nodes[n]["mentions"], n))[:6]
        assert set(top) <= labelled, set(top) - labelled
    finally:
        page.close()
