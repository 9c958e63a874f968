"""graph.html: a self-contained interactive page (vis-network from pyvis, inlined)."""

from __future__ import annotations

import base64
import json
import re
import zlib
from collections import Counter
from importlib import resources
from typing import Any

import networkx as nx

from ..errors import GraphkitError
from ..filters import induced_subgraph, top_nodes
from ..graph import DOCUMENT_DATES, DOCUMENT_INFO, EVIDENCE_PER_EDGE, EVIDENCE_TEXT
from .colors import COMMUNITY_COLORS, OTHER_COLOR, TYPE_COLORS
from .doubts import DOUBTFUL_RULES, Doubts
from .evidence import split_ref
from .layout import layout

MAX_NODES = 2_000  # drawn with physics off and labels by a density rule, still quick
MAX_EDGES = 20_000  # the strongest edges among the shown nodes (the page draws them itself)
SENTENCES_PER_EDGE = 100  # evidence sentences an edge's panel pages through, at most
PAGE_SENTENCES = 30_000  # sentence citations per page; fewer per edge above it (size)
PAGE_DOUBTS = 2_000  # doubtful-mention groups listed in node panels per page (size)
_VIS_DIR = ("lib", "vis-9.1.2")
_SLOT = re.compile(r"/\*VIS_CSS\*/|__GRAPH_DATA__|__GRAPH_TEXTS__|/\*VIS_JS\*/")
_BLOCK = '<script type="application/octet-stream" id="{}">([A-Za-z0-9+/=]*)</script>'
_WEB_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.IGNORECASE)


def _asset(package: str, *parts: str) -> str:
    resource = resources.files(package)
    for part in parts:
        resource = resource / part
    return resource.read_text(encoding="utf-8")


def packed(value: Any) -> str:
    """`value` as the page carries it: JSON, zlib-compressed (deterministic), in base64, so
    it holds no markup and parses in a third of the bytes (the page inflates it with the
    browser's DecompressionStream).

    >>> unpacked(packed({"a": ["<b>", 1]}))
    {'a': ['<b>', 1]}
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def unpacked(text: str) -> Any:
    """The value `packed` wrote."""
    return json.loads(zlib.decompress(base64.b64decode(text)).decode("utf-8"))


def visible_subgraph(graph: nx.Graph, max_nodes: int = MAX_NODES) -> nx.Graph:
    """The `max_nodes` most mentioned nodes (ties by id), for a page that stays fast."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    return induced_subgraph(graph, top_nodes(graph, max_nodes, "mentions"))


def strongest_edges(graph: nx.Graph, max_edges: int = MAX_EDGES
                    ) -> list[tuple[str, str, dict[str, Any]]]:
    """The `max_edges` heaviest edges (ties by ids) as (low id, high id, data), sorted."""
    edges = [(min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True)]
    if len(edges) > max_edges:
        edges = sorted(edges, key=lambda e: (-_number(e[2].get("weight", 1)), e[0], e[1]))
        edges = edges[:max_edges]
    return sorted(edges, key=lambda e: (e[0], e[1]))


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


NODE_FIELDS = ("label", "type", "aliases", "mentions", "documents", "kb_id", "degree",
               "weighted_degree", "pagerank", "betweenness", "community")
EDGE_FIELDS = ("weight", "documents", "npmi", "dice", "g2", "first_date", "last_date")


MAX_NAME = 200  # characters of a label or an alias shown on the page
MAX_ALIASES = 50  # aliases listed per node on the page


def _fields(data: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: data[name] for name in names if name in data}


def shortened_names(fields: dict[str, Any]) -> dict[str, Any]:
    """A node's label and aliases as the page shows them: each at most MAX_NAME characters
    and at most MAX_ALIASES aliases, cut with an ellipsis (a 200 MB 'name' in a hostile
    corpus would otherwise go into the page whole). The data files keep them whole.

    >>> shortened_names({"label": "x" * 300, "aliases": ["a"] * 60})["label"][-3:]
    'xx…'
    >>> shortened_names({"label": "Putin", "aliases": ["a"] * 60})["aliases"][-1]
    '… 10 more'
    """
    def cut(text: Any) -> Any:
        if isinstance(text, str) and len(text) > MAX_NAME:
            return text[:MAX_NAME - 1] + "…"
        return text

    if "label" in fields:
        fields["label"] = cut(fields["label"])
    aliases = fields.get("aliases")
    if isinstance(aliases, list):
        shown = [cut(alias) for alias in aliases[:MAX_ALIASES]]
        more = len(aliases) - MAX_ALIASES
        fields["aliases"] = shown + [f"… {more} more"] if more > 0 else shown
    return fields


def web_url(value: Any) -> str:
    """`value` when it is one plain http(s) address, else '' (the page links only these).

    >>> web_url("https://example.org/a?b=1"), web_url("javascript:alert(1)")
    ('https://example.org/a?b=1', '')
    """
    return value if isinstance(value, str) and _WEB_URL.fullmatch(value) else ""


class Tables:
    """Documents, dates and sentence texts, each written once and cited by index, so a
    sentence behind a thousand edges costs its text once (issue 30, D12)."""

    def __init__(self, graph: nx.Graph, per_edge: int = SENTENCES_PER_EDGE,
                 more_texts: dict[str, str] | None = None) -> None:
        self.per_edge = per_edge
        self.texts: dict[str, str] = graph.graph.get(EVIDENCE_TEXT, {}) or {}
        self.more_texts = more_texts or {}  # sentences no edge cites (doubtful mentions')
        self.dates: dict[str, str] = graph.graph.get(DOCUMENT_DATES, {}) or {}
        info = graph.graph.get(DOCUMENT_INFO)
        self.info: dict[str, Any] = info if isinstance(info, dict) else {}
        self.docs: dict[str, int] = {}
        self.sentences: dict[str, int] = {}
        self.day: dict[str, int] = {}

    def doc(self, doc: str) -> int:
        if doc not in self.docs:
            self.docs[doc] = len(self.docs)
        return self.docs[doc]

    def sentence(self, ref: str) -> int:
        if ref not in self.sentences:
            self.sentences[ref] = len(self.sentences)
        return self.sentences[ref]

    def evidence(self, refs: list[str]) -> list[int]:
        return [self.sentence(ref) for ref in refs[:self.per_edge]]

    def timeline(self, refs: list[str]) -> list[int]:
        """Sentences per document date, flat: [date index, count, ...] ('' dates left out)."""
        counts = Counter(self.dates.get(split_ref(ref)[0], "") for ref in refs)
        counts.pop("", None)
        return [n for date, count in sorted(counts.items()) for n in (self._date(date), count)]

    def _date(self, date: str) -> int:
        return self.day.setdefault(date, len(self.day))

    def doc_rows(self) -> list[dict[str, Any]]:
        rows = []
        for doc in self.docs:
            info = self.info.get(doc)
            info = info if isinstance(info, dict) else {}
            row = {"id": doc, "date": self.dates.get(doc, "")}
            row |= {key: str(info[key]) for key in ("title", "source") if info.get(key)}
            if web_url(info.get("url")):
                row["url"] = info["url"]
            rows.append(row)
        return rows

    def sentence_rows(self) -> list[list[Any]]:
        """[doc index, sentence number, text] per sentence, in citation order."""
        rows = []
        for ref in self.sentences:
            doc, index = split_ref(ref)
            text = self.texts.get(ref) or self.more_texts.get(ref, "")
            rows.append([self.doc(doc), index, text])
        return rows


def sentences_per_edge(counts: list[int], budget: int = PAGE_SENTENCES) -> int:
    """The most sentences each edge may cite (up to SENTENCES_PER_EDGE, at least
    EVIDENCE_PER_EDGE) for the page's citations to stay within `budget`.

    >>> sentences_per_edge([3, 500, 40]), sentences_per_edge([3, 500, 40], budget=100)
    (100, 57)
    """
    low, high = EVIDENCE_PER_EDGE, SENTENCES_PER_EDGE
    while low < high:  # the largest cap whose citations fit
        middle = (low + high + 1) // 2
        if sum(min(count, middle) for count in counts) <= budget:
            low = middle
        else:
            high = middle - 1
    return low


def _refs(data: dict[str, Any]) -> list[str]:
    """Every sentence ref of an edge: `sentences` in memory, `evidence` read from a file."""
    return [r for r in (data.get("sentences") or data.get("evidence") or []) if isinstance(r, str)]


def _edge(tables: Tables, a: str, b: str, data: dict[str, Any]) -> dict[str, Any]:
    refs = _refs(data)
    edge = {"source": a, "target": b, **_fields(data, EDGE_FIELDS),
            "evidence": tables.evidence(refs)}
    timeline = tables.timeline(refs)
    if timeline:
        edge["timeline"] = timeline
    return edge


def _node(data: dict[str, Any], node: str, position: tuple[float, float]) -> dict[str, Any]:
    fields = shortened_names(_fields(data, NODE_FIELDS))
    doubtful = sorted(set(data.get("linked_by") or ()) & set(DOUBTFUL_RULES))
    return {"id": node, "x": position[0], "y": position[1], **fields,
            **({"doubtful": doubtful} if doubtful else {})}


def _add_doubts(nodes: list[dict[str, Any]], doubts: Doubts, tables: Tables,
                budget: int = PAGE_DOUBTS) -> None:
    """Each node's doubtful mentions (count, and the ranked groups with their sentences by
    index) from a build; `budget` groups in all, so the page stays small, shared out round
    by round (every node's riskiest group before any node's second), nodes with the most
    doubtful mentions first in each round; a node past the budget keeps its count."""
    ranked = sorted((n for n in nodes if n["id"] in doubts.mentions),
                    key=lambda n: (-doubts.mentions[n["id"]], n["id"]))
    shares = dict.fromkeys((n["id"] for n in ranked), 0)
    for level in range(max((len(g) for g in doubts.groups.values()), default=0)):
        for node in ranked:
            if budget > 0 and len(doubts.groups.get(node["id"], [])) > level:
                shares[node["id"]] += 1
                budget -= 1
    for node in ranked:
        node["doubtful_mentions"] = doubts.mentions[node["id"]]
        groups = doubts.groups.get(node["id"], [])[:shares[node["id"]]]
        node["doubts"] = [{"text": d.text, "how": d.how, "why": d.why, "count": d.count,
                           "sentences": [tables.sentence(f"{doc}#{index}")
                                         for doc, index in d.refs]} for d in groups]


def page_data(graph: nx.Graph, summary: str = "", doubts: Doubts | None = None
              ) -> dict[str, Any]:
    """What the page's script reads: nodes with positions, the strongest edges among them
    citing sentences by index, and the tables of sentences, documents and dates. With a
    build's `doubts`, nodes also list their doubtful mentions (a graph file has none)."""
    shown = visible_subgraph(graph)
    positions = layout(shown)
    nodes = [_node(d, n, positions[n]) for n, d in sorted(shown.nodes(data=True))]
    kept = strongest_edges(shown)
    tables = Tables(graph, sentences_per_edge([len(_refs(d)) for *_, d in kept]),
                    doubts.texts if doubts else None)
    edges = [_edge(tables, a, b, d) for a, b, d in kept]
    if doubts is not None:
        _add_doubts(nodes, doubts, tables)
    sentences = tables.sentence_rows()
    day = sorted(tables.day, key=tables.day.__getitem__)
    summary = summary or (f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    return {"graph": {"summary": summary, "truncated": _left_out(graph, shown, len(kept))},
            "colors": {"types": TYPE_COLORS, "other": OTHER_COLOR,
                       "communities": list(COMMUNITY_COLORS)},
            "nodes": nodes, "edges": edges, "sentences": sentences,
            "docs": tables.doc_rows(), "dates": day}


def split_page_data(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The page's data in two parts: what the first drawing needs (nodes, edges without
    their sentences, dates, documents per date), and the texts the page decodes after it
    (sentences, documents, each edge's `evidence`, each node's `doubts`)."""
    nodes, doubts = [], {}
    for node in data["nodes"]:
        node = dict(node)
        if "doubts" in node:
            doubts[node["id"]] = node.pop("doubts")
        nodes.append(node)
    edges, evidence = [], []
    for edge in data["edges"]:
        edge = dict(edge)
        evidence.append(edge.pop("evidence", []))
        edges.append(edge)
    per_date = Counter(doc["date"] for doc in data["docs"] if doc.get("date"))
    graph = {key: value for key, value in data.items() if key not in ("sentences", "docs")}
    graph |= {"nodes": nodes, "edges": edges, "doc_dates": sorted(map(list, per_date.items()))}
    return graph, {"sentences": data["sentences"], "docs": data["docs"], "evidence": evidence,
                   "doubts": doubts}


def joined_page_data(graph: dict[str, Any], texts: dict[str, Any]) -> dict[str, Any]:
    """The inverse of `split_page_data`: `page_data`'s dict again."""
    data = {key: value for key, value in graph.items() if key != "doc_dates"}
    data["nodes"] = [node | ({"doubts": texts["doubts"][node["id"]]}
                             if node["id"] in texts["doubts"] else {}) for node in graph["nodes"]]
    data["edges"] = [edge | {"evidence": cited}
                     for edge, cited in zip(graph["edges"], texts["evidence"], strict=True)]
    return data | {"sentences": texts["sentences"], "docs": texts["docs"]}


def page_data_of(html: str) -> dict[str, Any]:
    """The data a page written by `html_text` carries (`page_data`'s dict), for tests and
    for anyone reading a page with a script."""
    blocks = []
    for name in ("graph-data", "graph-texts"):
        found = re.search(_BLOCK.format(name), html)
        if found is None:
            raise GraphkitError(f"not a graphkit page: no {name} block")
        blocks.append(unpacked(found.group(1)))
    return joined_page_data(*blocks)


def _left_out(graph: nx.Graph, shown: nx.Graph, edges: int) -> str:
    """What the page leaves out and how to see it, or '' when it shows everything."""
    notes = []
    if shown.number_of_nodes() < graph.number_of_nodes():
        notes.append(f"Showing the {shown.number_of_nodes():,} most mentioned of "
                     f"{graph.number_of_nodes():,} entities")
    if edges < shown.number_of_edges():
        notes.append(f"the {edges:,} strongest of their {shown.number_of_edges():,} edges")
    if not notes:
        return ""
    return ("; ".join(notes) + ". graph.graphml and graph.json hold all; for another part, "
            "`graphkit export graph.json --to html --top N` (or --types, --min-weight).")


def html_text(graph: nx.Graph, summary: str = "", doubts: Doubts | None = None) -> str:
    """The whole page as one string: no external scripts, styles or requests. `doubts`
    (`doubtful_mentions` of a build) lets node panels list their doubtful mentions."""
    return page_html(page_data(graph, summary, doubts))


def page_html(data: dict[str, Any]) -> str:
    """The page carrying `data` (`page_data`'s dict)."""
    page = _asset("graphkit", "export", "page.html")
    vis_js = _asset("pyvis", *_VIS_DIR, "vis-network.min.js").replace("</script", "<\\/script")
    vis_css = _asset("pyvis", *_VIS_DIR, "vis-network.css")
    first, texts = split_page_data(data)
    slots = {"/*VIS_CSS*/": vis_css, "__GRAPH_DATA__": packed(first),
             "__GRAPH_TEXTS__": packed(texts), "/*VIS_JS*/": vis_js}
    # One pass over the template: a slot's name inside inserted text (an article may say
    # "/*VIS_JS*/") is never taken for the slot itself.
    return _SLOT.sub(lambda match: slots[match.group(0)], page)
