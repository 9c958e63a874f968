"""Score entity linking against a hand annotation: entities, hard-mention probes, co-mentions."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .link.names import UNIT_WORDS, name_key, place_key, slugify
from .types import Document, LinkedMention, Mention


@dataclass(frozen=True)
class GoldEntity:
    """One annotated referent in one document."""

    label: str
    type: str
    surfaces: frozenset[str]
    optional: bool
    raw_surfaces: tuple[str, ...] = ()  # as written in the text (surfaces holds name keys)


@dataclass
class LinkingScore:
    """Counts behind precision and recall, plus the merge errors an analyst would notice."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    split_entities: list[str] = field(default_factory=list)
    merged_nodes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # false positives by kind: a spurious node by the NER stage that made its mentions
    # ('spurious: kb' when the knowledge base named it, else the model, else the rules),
    # 'split' (a second node of one entity) and 'merge' (a node of two entities)
    false_positive_kinds: Counter[str] = field(default_factory=Counter)
    # true positives by the NER stage behind the node that found the entity (as above)
    true_positive_sources: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def surface_key(surface: str, kind: str) -> str:
    """The key a surface is matched on, as linking keys it: a place's without its unit word
    ('Desa Blumbang' names Blumbang as 'Presiden Putin' names Putin).

    >>> surface_key("Desa Blumbang", "GPE") == surface_key("Blumbang", "GPE")
    True
    """
    key = name_key(surface)
    return place_key(key) if kind in ("GPE", "LOC") else key


def load_gold(path: str | Path) -> dict[str, list[GoldEntity]]:
    """Gold entities per document id from a gold JSON file (tests/data/gold/README.md)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {d["doc"]: [GoldEntity(e["label"], e["type"],
                                  frozenset(surface_key(s, e["type"]) for s in e["surfaces"]),
                                  bool(e.get("optional")), tuple(e["surfaces"]))
                 for e in d["entities"]]
            for d in data["documents"]}


def score_linking(gold: Mapping[str, list[GoldEntity]],
                  links: Iterable[LinkedMention]) -> LinkingScore:
    """Entity-level score per document, summed over documents (micro average).

    A node in a document matches the gold entities that share one of its surfaces. A node
    matching one gold entity is a true positive (a second node for the same entity is a
    false positive: a split); a node matching none is a false positive unless it matches
    an optional entity; a node matching two or more is a wrong merge (false positive).
    Across documents, a gold label reached by two nodes is a split entity and a node
    reaching two gold labels a wrongly merged node."""
    links = list(links)
    surfaces = _node_surfaces(gold, links)
    sources = _node_sources(gold, links)
    score = LinkingScore()
    nodes_of_label: dict[str, set[str]] = defaultdict(set)
    labels_of_node: dict[str, set[str]] = defaultdict(set)
    for doc, entities in sorted(gold.items()):
        matched: dict[int, list[str]] = defaultdict(list)
        for (node_doc, node), forms in sorted(surfaces.items()):
            if node_doc != doc:
                continue
            hits = [i for i, g in enumerate(entities) if g.surfaces & forms]
            required = [i for i in hits if not entities[i].optional]
            for i in hits:
                nodes_of_label[entities[i].label].add(node)
                labels_of_node[node].add(entities[i].label)
            if not hits:
                score.false_positives += 1
                score.false_positive_kinds[f"spurious: {sources[(doc, node)]}"] += 1
                score.errors.append(f"{doc}: spurious node {node} {sorted(forms)}")
            elif len(required) > 1:
                score.false_positives += 1
                score.false_positive_kinds["merge"] += 1
                score.errors.append(f"{doc}: {node} merges "
                                    f"{[entities[i].label for i in required]}")
            elif required:
                matched[required[0]].append(node)
        for i, entity in enumerate(entities):
            if entity.optional:
                continue
            nodes = matched.get(i, [])
            if nodes:
                score.true_positives += 1
                score.true_positive_sources[sources[(doc, nodes[0])]] += 1
                score.false_positives += len(nodes) - 1
                score.false_positive_kinds["split"] += len(nodes) - 1
                if len(nodes) > 1:
                    score.errors.append(f"{doc}: {entity.label} split into {nodes}")
            else:
                score.false_negatives += 1
                score.errors.append(f"{doc}: missed {entity.label} ({entity.type})")
    score.split_entities = sorted(k for k, v in nodes_of_label.items() if len(v) > 1)
    score.merged_nodes = sorted(k for k, v in labels_of_node.items() if len(v) > 1)
    return score


@dataclass(frozen=True)
class Probe:
    """One hard mention of the annotation: this exact span must link to the node of `label`."""

    doc: str
    start: int
    end: int
    surface: str
    label: str
    why: str


@dataclass
class ProbeScore:
    """How many probes held, and why each failing one failed."""

    passed: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.passed + len(self.failures)

    @property
    def share(self) -> float:
        return self.passed / self.total if self.total else 0.0


def find_occurrence(text: str, surface: str, occurrence: int) -> int:
    """Start of the `occurrence`-th (1-based) non-overlapping, case-sensitive `surface` in
    `text`, or -1.

    >>> find_occurrence("Bambang dan Bambang", "Bambang", 2)
    12
    """
    start = -len(surface)
    for _ in range(occurrence):
        start = text.find(surface, start + len(surface))
        if start < 0:
            return -1
    return start


def load_probes(path: str | Path, texts: Mapping[str, str]) -> list[Probe]:
    """The probes of a gold file whose documents are in `texts`, located in their text."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    probes = []
    for document in data["documents"]:
        if document["doc"] not in texts:
            continue
        text = texts[document["doc"]]
        for probe in document.get("probes", []):
            start = find_occurrence(text, probe["surface"], probe["occurrence"])
            if start < 0:
                raise ValueError(f"{document['doc']}: probe {probe['surface']!r} "
                                 f"#{probe['occurrence']} is not in the text")
            probes.append(Probe(document["doc"], start, start + len(probe["surface"]),
                                probe["surface"], probe["label"], probe.get("why", "")))
    return probes


def gold_labels_of_nodes(gold: Mapping[str, list[GoldEntity]],
                         links: Iterable[LinkedMention]) -> dict[tuple[str, str], set[str]]:
    """The gold labels each (document, node) reaches through its surfaces (as score_linking
    matches them)."""
    return {(doc, node): {g.label for g in gold[doc] if g.surfaces & forms}
            for (doc, node), forms in _node_surfaces(gold, links).items()}


def _node_surfaces(gold: Mapping[str, list[GoldEntity]],
                   links: Iterable[LinkedMention]) -> dict[tuple[str, str], set[str]]:
    """The name keys each (annotated document, node) is reached by."""
    surfaces: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        if link.mention.doc in gold:
            surfaces[(link.mention.doc, link.entity)].add(
                surface_key(link.mention.text, link.mention.type))
    return surfaces


def _node_sources(gold: Mapping[str, list[GoldEntity]],
                  links: Iterable[LinkedMention]) -> dict[tuple[str, str], str]:
    """The NER stage behind each (annotated document, node): 'kb' when the knowledge base
    named one of its mentions, else 'model' when the model did (post-processing included),
    else 'rule'."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        if link.mention.doc in gold:
            found[(link.mention.doc, link.entity)].add(link.mention.source)
    return {key: next((s for s in ("kb", "model") if s in kinds), "rule")
            for key, kinds in found.items()}


def score_probes(gold: Mapping[str, list[GoldEntity]], probes: Iterable[Probe],
                 links: Iterable[LinkedMention]) -> ProbeScore:
    """A probe holds when a mention has exactly its span (or is its place with the unit word
    before it), and that mention's node is the only
    node of the probe's entity in the document and reaches no other gold label anywhere in
    the corpus (so a short form split from its full name, or linked to a namesake, fails)."""
    links = list(links)
    reached = gold_labels_of_nodes(gold, links)
    corpus_labels: dict[str, set[str]] = defaultdict(set)
    for (_, node), labels in reached.items():
        corpus_labels[node] |= labels
    at_span = {(link.mention.doc, link.mention.start, link.mention.end): link for link in links}
    score = ProbeScore()
    for probe in probes:
        failure = _probe_failure(probe, at_span, reached, corpus_labels, links)
        if failure:
            score.failures.append(f"{probe.doc}: {probe.surface!r} ({probe.why}) {failure}")
        else:
            score.passed += 1
    return score


def _with_unit_word(probe: Probe, links: list[LinkedMention]) -> LinkedMention | None:
    """The mention that is the probe's place with its unit word before it ('pulau Jawa' for
    the probe 'Jawa'): the unit word is part of the name in NER's convention, and linking
    keys the place without it (graphkit.link.names.place_key)."""
    for link in links:
        mention = link.mention
        if (mention.doc == probe.doc and mention.end == probe.end and mention.start < probe.start
                and mention.text[:probe.start - mention.start].strip().lower() in UNIT_WORDS):
            return link
    return None


def _probe_failure(probe: Probe, at_span: Mapping[tuple[str, int, int], LinkedMention],
                   reached: Mapping[tuple[str, str], set[str]],
                   corpus_labels: Mapping[str, set[str]],
                   links: list[LinkedMention]) -> str:
    """Why a probe fails, or "" when it holds."""
    link = at_span.get((probe.doc, probe.start, probe.end)) or _with_unit_word(probe, links)
    if link is None:
        around = [repr(x.mention.text) for x in links if x.mention.doc == probe.doc
                  and x.mention.start < probe.end and probe.start < x.mention.end]
        return "is no mention" + (f" (inside {', '.join(around)})" if around else "")
    node = link.entity
    nodes_here = sorted(n for (doc, n), labels in reached.items()
                        if doc == probe.doc and probe.label in labels)
    if corpus_labels.get(node, set()) - {probe.label}:
        return f"-> {node}, which also holds {sorted(corpus_labels[node] - {probe.label})}"
    if nodes_here != [node]:
        return f"-> {node}, but {probe.label} is split over {nodes_here}"
    return ""


def gold_edges(entities: Iterable[GoldEntity], text: str,
               sentences: Iterable[tuple[int, int]]) -> set[tuple[str, str]]:
    """Pairs of scored gold entities named in one sentence (character spans of `text`).

    Surfaces are found longest first and never inside a longer surface, case-sensitively,
    as the annotation guidelines define a mention."""
    spans: list[tuple[int, int, str]] = []
    forms = sorted(((s, g.label) for g in entities if not g.optional for s in g.raw_surfaces),
                   key=lambda item: -len(item[0]))
    for surface, label in forms:
        for match in re.finditer(re.escape(surface), text):
            if not any(a < match.end() and match.start() < b for a, b, _ in spans):
                spans.append((match.start(), match.end(), label))
    pairs: set[tuple[str, str]] = set()
    for first, last in sentences:
        labels = sorted({label for a, _, label in spans if first <= a < last})
        pairs |= {(x, y) for i, x in enumerate(labels) for y in labels[i + 1:]}
    return pairs


def found_edges(gold: Mapping[str, list[GoldEntity]],
                links: Iterable[LinkedMention]) -> dict[str, set[tuple[str, str]]]:
    """The sentence co-mentions a build found, per document, as pairs of gold labels; a node
    reaching no gold label (a spurious node) stands for itself, so its pairs count as wrong,
    and a node reaching only optional entities is left out."""
    links = list(links)
    reached = gold_labels_of_nodes(gold, links)
    optional = {(doc, g.label) for doc, entities in gold.items() for g in entities
                if g.optional}
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for link in links:
        doc = link.mention.doc
        labels = reached.get((doc, link.entity), set())
        required = sorted(x for x in labels if (doc, x) not in optional)
        if len(required) == 1:
            by_sentence[(doc, link.mention.sentence)].add(required[0])
        elif not labels:
            by_sentence[(doc, link.mention.sentence)].add("<spurious:" + link.entity + ">")
    edges: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for (doc, _), labels in by_sentence.items():
        ordered = sorted(labels)
        edges[doc] |= {(x, y) for i, x in enumerate(ordered) for y in ordered[i + 1:]}
    return edges


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def naive_links(documents: Iterable[Document]) -> list[LinkedMention]:
    """The naive baseline: every run of capitalised words is an entity; the string is the node."""
    links = []
    for document in documents:
        for match in _CAPITALISED_RUN.finditer(document.text):
            mention = Mention(document.id, match.start(), match.end(), match.group(), "MISC",
                              0, "naive")
            links.append(LinkedMention(mention, "naive:" + slugify(match.group()), "new"))
    return links
