"""Score entity linking against a hand annotation: per-document P/R/F1, splits, wrong merges."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .link.names import name_key, slugify
from .types import Document, LinkedMention, Mention


@dataclass(frozen=True)
class GoldEntity:
    """One annotated referent in one document."""

    label: str
    type: str
    surfaces: frozenset[str]
    optional: bool


@dataclass
class LinkingScore:
    """Counts behind precision and recall, plus the merge errors an analyst would notice."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    split_entities: list[str] = field(default_factory=list)
    merged_nodes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

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


def load_gold(path: str | Path) -> dict[str, list[GoldEntity]]:
    """Gold entities per document id from a gold JSON file (tests/data/gold/README.md)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {d["doc"]: [GoldEntity(e["label"], e["type"],
                                  frozenset(name_key(s) for s in e["surfaces"]),
                                  bool(e.get("optional"))) for e in d["entities"]]
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
    surfaces: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        if link.mention.doc in gold:
            surfaces[(link.mention.doc, link.entity)].add(name_key(link.mention.text))
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
                score.errors.append(f"{doc}: spurious node {node} {sorted(forms)}")
            elif len(required) > 1:
                score.false_positives += 1
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
                score.false_positives += len(nodes) - 1
                if len(nodes) > 1:
                    score.errors.append(f"{doc}: {entity.label} split into {nodes}")
            else:
                score.false_negatives += 1
                score.errors.append(f"{doc}: missed {entity.label} ({entity.type})")
    score.split_entities = sorted(k for k, v in nodes_of_label.items() if len(v) > 1)
    score.merged_nodes = sorted(k for k, v in labels_of_node.items() if len(v) > 1)
    return score


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
