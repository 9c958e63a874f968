"""graph.html in a real headless browser (Debian's chromium driven by playwright)."""

import shutil
from pathlib import Path

import pytest
from browsing import wait_until

import graphkit
from graphkit.export.html import MAX_NODES

CHROMIUM = shutil.which("chromium") or ""
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
XSS = ("Putin bertemu Kim Jong Un di <img src=x onerror=alert(1)> Seoul.\n"
       "</script><script>alert(1)</script> Putin dan Kim Jong Un berbicara.\n")

pytestmark = [pytest.mark.browser,
              pytest.mark.xdist_group("html_browser"),  # one browser and its fixtures per worker
              pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed")]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Page:
    """A page opened offline from disk, recording requests, console errors and dialogs."""

    def __init__(self, browser, path: Path | str, width: int = 1400, height: int = 900):
        self.context = browser.new_context(offline=True,
                                           viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.requests, self.errors, self.dialogs = [], [], []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.resolve().as_uri() if isinstance(path, Path) else path
        self.page.goto(self.url)
        wait_until(self.page,  # drawn, and the texts (sentences...) decoded
                   "() => window.graphkit && window.graphkit.ready && window.graphkit.loaded",
                   timeout=20000)

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def visible(self) -> set[str]:
        return set(self.js("window.graphkit.visibleNodes()"))

    def node_id(self, label: str) -> str:
        return self.js("l => window.graphkit.data.nodes.find(n => n.label === l).id", label)

    def click_edge(self, a: str, b: str) -> None:
        """Really click the drawn edge a–b, at a point of it no node or other edge covers.
        Big nodes drawn close together can hide the whole edge, so `b` is first moved
        well away from `a` (trying several directions) as a user would drag it."""
        point = self.js("""([a, b]) => {
          const g = window.graphkit, net = g.network;
          const index = g.data.edges.findIndex(e => (e.source === a && e.target === b) ||
                                                    (e.source === b && e.target === a));
          const from = net.getPositions([a])[a];
          for (let turn = 0; turn < 8; turn++) {
            const angle = turn * Math.PI / 4;
            const to = {x: from.x + 900 * Math.cos(angle), y: from.y + 900 * Math.sin(angle)};
            net.moveNode(b, to.x, to.y);
            for (const f of [0.5, 0.4, 0.6, 0.3, 0.7]) {
              const at = {x: from.x + f * (to.x - from.x), y: from.y + f * (to.y - from.y)};
              net.moveTo({position: at, scale: 1.5, animation: false});
              net.redraw();
              const exact = net.canvasToDOM(at);
              const dom = {x: Math.round(exact.x), y: Math.round(exact.y)};  // a mouse's point
              if (net.getNodeAt(dom) === undefined && g.edgeAt(dom) === index) return dom;
            }
          }
          return null;
        }""", [a, b])
        assert point, "no clickable point on the edge"
        box = self.page.locator("#net canvas").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def seed_page(browser, seed_out):
    page = Page(browser, seed_out / "graph.html")
    yield page
    page.close()


def test_loads_offline_without_errors_or_requests(seed_page, seed_build):
    assert seed_page.errors == []
    assert [r.split("#")[0] for r in seed_page.requests] == [seed_page.url]
    drawn = seed_page.js("Object.keys(window.graphkit.network.getPositions()).length")
    assert drawn == min(seed_build.graph.number_of_nodes(), MAX_NODES)
    assert seed_page.js("window.graphkit.network.physics.options.enabled") is False


def test_search_focuses_putin_and_escape_goes_back(seed_page, seed_build):
    putin = seed_page.node_id("Vladimir Putin")
    everything = seed_page.visible()
    seed_page.page.fill("#search", "Putin")
    seed_page.page.press("#search", "Enter")
    assert seed_page.js("window.graphkit.network.getSelectedNodes()") == [putin]
    assert seed_page.page.locator("#panel h2").first.text_content() == "Vladimir Putin"
    ties = seed_page.page.locator("#panel ol.neighbours li").all_text_contents()
    neighbours = set(seed_build.graph[putin])
    assert seed_page.visible() == neighbours | {putin}  # only Putin and his neighbours
    strongest = max(seed_build.graph[putin].items(), key=lambda item: item[1]["weight"])
    assert ties[0].startswith(seed_build.graph.nodes[strongest[0]]["label"])
    seed_page.page.keyboard.press("Escape")
    assert seed_page.visible() == everything


def test_clicking_the_putin_kim_edge_shows_evidence(seed_page):
    seed_page.click_edge(seed_page.node_id("Vladimir Putin"), seed_page.node_id("Kim Jong Un"))
    assert "Vladimir Putin" in seed_page.page.locator("#panel h2").first.text_content()
    evidence = seed_page.page.locator("#panel ol.evidence li")
    assert evidence.count() >= 1
    assert ".txt" in evidence.first.locator(".doc").text_content()
    assert "Putin" in evidence.all_text_contents()[0] or "Kim" in evidence.all_text_contents()[0]


def test_type_legend_and_weight_slider_also_hide_nodes_left_without_edges(seed_page,
                                                                          seed_build):
    graph = seed_build.graph
    seed_page.page.locator("#legend span", has_text="PERSON").click()
    others = graph.subgraph(n for n, t in graph.nodes(data="type") if t != "PERSON")
    assert seed_page.visible() == {n for n in others if others.degree(n)}
    seed_page.page.locator("#legend span", has_text="PERSON").click()
    seed_page.page.locator("#minweight").fill("3")
    heavy = {(a, b) for a, b, w in graph.edges(data="weight") if w >= 3}
    assert {tuple(sorted(e)) for e in seed_page.js("window.graphkit.visibleEdges()")} == {
        tuple(sorted(e)) for e in heavy}
    assert seed_page.visible() == {n for edge in heavy for n in edge}
    seed_page.page.locator("#minweight").fill("1")
    assert seed_page.visible() == set(graph)


def test_crafted_article_runs_nothing(browser, tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "xss.txt").write_text(XSS, encoding="utf-8")
    graphkit.build(tmp_path / "c", out=tmp_path / "o", model="blank")
    page = Page(browser, tmp_path / "o" / "graph.html")
    try:
        page.js("window.graphkit.focus('Putin')")
        page.page.locator("#panel ol.neighbours button").first.click()
        texts = " ".join(page.page.locator("#panel ol.evidence li").all_text_contents())
        assert "<img src=x onerror=alert(1)>" in texts or "</script><script>" in texts
        assert page.js("document.querySelectorAll('img').length") == 0
        assert page.dialogs == [] and page.errors == []
        assert {r.split("#")[0] for r in page.requests} == {page.url}
    finally:
        page.close()
