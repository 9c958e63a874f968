"""Doubtful links for graph.html: each node's mentions linked by a doubtful rule, grouped by
surface text, ranked by risk and capped, with the sentences they occur in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..link.rules import RISK
from ..types import Extraction, LinkedMention

DOUBTFUL_RULES = tuple(RISK)
DOUBTS_PER_NODE = 20  # groups (surface text, rule, reason) a node's panel lists, at most
SENTENCES_PER_DOUBT = 3  # example sentences kept for each group


@dataclass
class Doubt:
    """The mentions of one node with the same surface text, rule and reason."""

    text: str
    how: str
    why: str
    count: int = 0
    refs: list[tuple[str, int]] = field(default_factory=list)  # (doc, sentence index)


@dataclass(frozen=True)
class Doubts:
    """What a build knows of its doubtful links: per node, the ranked groups (at most
    DOUBTS_PER_NODE), the number of doubtful mentions, and the texts of the cited sentences
    as {"doc#index": text}."""

    groups: dict[str, list[Doubt]]
    mentions: dict[str, int]
    texts: dict[str, str]


def doubtful_mentions(links: Iterable[LinkedMention],
                      extractions: Iterable[Extraction]) -> Doubts:
    """Group each node's doubtful mentions by (surface text, rule, reason), rank the groups
    by risk (corpus-short-form before kb-weak before fuzzy), then by count, and keep the first
    DOUBTS_PER_NODE with up to SENTENCES_PER_DOUBT sentences each, in document order."""
    grouped: dict[str, dict[tuple[str, str, str], Doubt]] = {}
    mentions: dict[str, int] = {}
    for link in links:
        if link.how not in RISK:
            continue
        key = (link.mention.text, link.how, link.why)
        doubt = grouped.setdefault(link.entity, {}).get(key)
        if doubt is None:
            doubt = grouped[link.entity][key] = Doubt(*key)
        doubt.count += 1
        doubt.refs.append((link.mention.doc, link.mention.sentence))
        mentions[link.entity] = mentions.get(link.entity, 0) + 1
    groups = {node: ranked(list(found.values()))[:DOUBTS_PER_NODE]
              for node, found in grouped.items()}
    for kept in groups.values():
        for doubt in kept:
            doubt.refs = sorted(set(doubt.refs))[:SENTENCES_PER_DOUBT]
    return Doubts(groups, mentions, _texts(groups, extractions))


def ranked(doubts: list[Doubt]) -> list[Doubt]:
    """Riskier rules first, then more mentions, then by text.

    >>> [d.text for d in ranked([Doubt("AS", "kb-weak", "", 9), Doubt("Kim", "fuzzy", "", 2),
    ...                          Doubt("Joko", "corpus-short-form", "", 5)])]
    ['Joko', 'AS', 'Kim']
    """
    return sorted(doubts, key=lambda d: (RISK[d.how], -d.count, d.text, d.how, d.why))


def _texts(groups: dict[str, list[Doubt]], extractions: Iterable[Extraction]
           ) -> dict[str, str]:
    wanted = {ref for kept in groups.values() for doubt in kept for ref in doubt.refs}
    docs = {doc for doc, _ in wanted}
    texts = {}
    for extraction in extractions:
        if extraction.doc.id in docs:
            for sentence in extraction.sentences:
                if (extraction.doc.id, sentence.index) in wanted:
                    texts[f"{extraction.doc.id}#{sentence.index}"] = sentence.text
    return texts
