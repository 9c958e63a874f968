"""The doubtful links of a build, ranked by risk, for review: which mentions the linker
guessed, with the evidence sentence and the alternative each was chosen over."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..result import Build
from ..terminal import printable
from ..types import LinkedMention
from .review import cut_text
from .rules import RISK

DOUBT_COLUMNS = ("risk", "mentions", "text", "how", "node", "label", "alternative", "why",
                 "doc", "sentence")


@dataclass
class DoubtfulLink:
    """The mentions of one surface text linked to one node by one doubtful rule."""

    text: str
    how: str
    node: str
    why: str
    alternative: str
    mentions: int = 0
    evidence: list[tuple[str, int]] = field(default_factory=list)  # (doc, sentence index)

    @property
    def risk(self) -> int:
        """0 is the riskiest (corpus-wide short forms, fuzzy), then weak names, acronyms."""
        return RISK[self.how]


def doubtful_links(links: Iterable[LinkedMention]) -> list[DoubtfulLink]:
    """Every doubtful link, grouped by (text, rule, node), riskiest first, then the most
    mentioned: an analyst reviews the first twenty instead of every node.

    >>> from graphkit.types import Mention
    >>> m = Mention("d", 0, 3, "Kim", "PERSON", 0, "model")
    >>> [(d.text, d.how) for d in doubtful_links([LinkedMention(m, "x", "kb-weak", "", "",
    ...     "doubtful"), LinkedMention(m, "y", "kb", "", "", "sure")])]
    [('Kim', 'kb-weak')]
    """
    grouped: dict[tuple[str, str, str], DoubtfulLink] = {}
    for link in links:
        if link.certainty != "doubtful" or link.how not in RISK:
            continue
        key = (link.mention.text, link.how, link.entity)
        doubt = grouped.get(key)
        if doubt is None:
            doubt = grouped[key] = DoubtfulLink(*key, link.why, link.alternative)
        doubt.mentions += 1
        doubt.evidence.append((link.mention.doc, link.mention.sentence))
    return sorted(grouped.values(), key=lambda d: (d.risk, -d.mentions, d.text, d.node))


def doubt_rows(build: Build, limit: int | None = None) -> list[dict[str, object]]:
    """One row per doubtful link of `build` (graphkit doubts), with its first sentence."""
    doubts = doubtful_links(build.mentions)[:limit] if limit else doubtful_links(build.mentions)
    wanted = {min(d.evidence) for d in doubts}
    sentences = {(e.doc.id, s.index): s.text for e in build.extractions for s in e.sentences
                 if (e.doc.id, s.index) in wanted}
    rows = []
    for doubt in doubts:
        doc, index = min(doubt.evidence)
        label = build.graph.nodes[doubt.node]["label"] if doubt.node in build.graph else ""
        rows.append({"risk": doubt.risk, "mentions": doubt.mentions, "text": doubt.text,
                     "how": doubt.how, "node": doubt.node, "label": label,
                     "alternative": doubt.alternative or "its own node", "why": doubt.why,
                     "doc": doc, "sentence": sentences.get((doc, index), "")})
    return rows


def format_doubts(rows: list[dict[str, object]], total: int) -> str:
    """What `graphkit doubts` prints: each doubt, its alternative and its evidence."""
    if not rows:
        return "no doubtful links"
    lines = [f"{len(rows)} of {total} doubtful links, riskiest first:", ""]
    for row in rows:
        lines.append(f"{row['text']!r} -> {row['node']} ({row['label']}) [{row['how']}, "
                     f"mentions: {row['mentions']}, risk {row['risk']}]")
        lines.append(f"    instead of: {row['alternative']}")
        lines.append(f"    why: {row['why']}")
        lines.append(f"    {row['doc']}: {cut_text(str(row['sentence']), 160)}")
    return "\n".join(map(printable, lines))
