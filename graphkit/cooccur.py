"""Count entity co-occurrence in windows (sentence, paragraph, document) and score pairs."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from .choices import WINDOWS
from .types import Extraction, LinkedMention


@dataclass(slots=True)
class PairCount:
    """How often two entities share a window, and where: one (doc, sentence index) per
    window, in document order (the tuples are shared between pairs of the same window)."""

    weight: int = 0
    windows: list[tuple[str, int]] = field(default_factory=list)

    @property
    def documents(self) -> set[str]:
        """The documents in which the pair co-occurs."""
        return {doc for doc, _ in self.windows}


@dataclass
class Cooccurrence:
    """Pair counts plus the per-entity window counts and the total that NPMI needs."""

    pairs: dict[tuple[str, str], PairCount]
    entity_windows: Counter[str]
    total_windows: int
    # Scores by 2x2 table: most pairs of a large corpus share a few small tables (seen
    # once together, each seen once or twice), so each table is scored once.
    _scored: dict[tuple[int, int, int, int], tuple[float, float, float, float]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def npmi(self, a: str, b: str) -> float:
        """Normalised PMI of a pair over windows, in [-1, 1].

        >>> c = Cooccurrence({("a", "b"): PairCount(weight=2)}, Counter(a=2, b=2), 4)
        >>> c.npmi("a", "b")
        1.0
        """
        return _npmi(*self._table(a, b))

    def scores(self, a: str, b: str) -> tuple[float, float, float, float]:
        """npmi, dice, jaccard and g2 of a pair at once (what every edge carries), from
        one 2x2 table."""
        table = self._table(a, b)
        found = self._scored.get(table)
        if found is None:
            found = self._scored[table] = (_npmi(*table), _dice(*table), _jaccard(*table),
                                           _g2(*table))
        return found

    def _table(self, a: str, b: str) -> tuple[int, int, int, int]:
        """2x2 window counts: both, only a, only b, neither."""
        both = self.pairs[(a, b) if a < b else (b, a)].weight
        only_a = max(self.entity_windows[a] - both, 0)
        only_b = max(self.entity_windows[b] - both, 0)
        return both, only_a, only_b, max(self.total_windows - both - only_a - only_b, 0)

    def dice(self, a: str, b: str) -> float:
        """Dice coefficient of the pair's windows, in [0, 1]: 2|A∩B| / (|A| + |B|).

        >>> c = Cooccurrence({("a", "b"): PairCount(weight=1)}, Counter(a=1, b=3), 4)
        >>> c.dice("a", "b"), c.jaccard("a", "b")
        (0.5, 0.333333)
        """
        return _dice(*self._table(a, b))

    def jaccard(self, a: str, b: str) -> float:
        """Jaccard index of the pair's windows, in [0, 1]: |A∩B| / |A∪B|."""
        return _jaccard(*self._table(a, b))

    def g2(self, a: str, b: str) -> float:
        """Dunning's log-likelihood ratio G² of the pair (>= 0; higher = less likely chance).

        >>> c = Cooccurrence({("a", "b"): PairCount(weight=2)}, Counter(a=2, b=2), 4)
        >>> c.g2("a", "b")
        5.545177
        """
        return _g2(*self._table(a, b))


def _npmi(both: int, only_a: int, only_b: int, neither: int) -> float:
    total = both + only_a + only_b + neither
    joint = both / total
    if joint >= 1.0:
        return 1.0
    pa = (both + only_a) / total
    pb = (both + only_b) / total
    return round(math.log(joint / (pa * pb)) / -math.log(joint), 6)


def _dice(both: int, only_a: int, only_b: int, _: int) -> float:
    return round(2 * both / (2 * both + only_a + only_b), 6) if both else 0.0


def _jaccard(both: int, only_a: int, only_b: int, _: int) -> float:
    return round(both / (both + only_a + only_b), 6) if both else 0.0


def _g2(both: int, only_a: int, only_b: int, neither: int) -> float:
    table = (both, only_a, only_b, neither)
    total = both + only_a + only_b + neither
    rows, cols = (both + only_a, only_b + neither), (both + only_b, only_a + neither)
    score = 0.0
    for observed, row, col in zip(table, (0, 0, 1, 1), (0, 1, 0, 1), strict=True):
        expected = rows[row] * cols[col] / total
        if observed:
            score += observed * math.log(observed / expected)
    return round(max(2 * score, 0.0), 6)


def window_key(extraction: Extraction, sentence: int, window: str) -> int:
    """Index of the window holding sentence `sentence` of a document."""
    if window == "sentence":
        return sentence
    if window == "paragraph":
        return extraction.sentences[sentence].paragraph
    return 0


def count_windows(extraction: Extraction, window: str) -> int:
    """Number of windows a document contributes (NPMI's denominator)."""
    if window == "sentence":
        return len(extraction.sentences)
    if window == "paragraph":
        return len({s.paragraph for s in extraction.sentences})
    return 1 if extraction.sentences else 0


def count_cooccurrences(extractions: Iterable[Extraction], links: Iterable[LinkedMention],
                        window: str = "sentence") -> Cooccurrence:
    """Count each pair once per window it shares; no self-loops.

    Evidence keeps the (document, sentence) of every window; for paragraph and document
    windows that is the first sentence in which both entities appear together or apart."""
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {WINDOWS}, not {window!r}")
    by_doc: dict[str, list[LinkedMention]] = defaultdict(list)
    for link in links:
        by_doc[link.mention.doc].append(link)
    pairs: dict[tuple[str, str], PairCount] = defaultdict(PairCount)
    entity_windows: Counter[str] = Counter()
    total = 0
    for extraction in extractions:
        doc = extraction.doc.id
        total += count_windows(extraction, window)
        members: dict[int, dict[str, int]] = defaultdict(dict)
        for link in by_doc.get(doc, []):
            key = window_key(extraction, link.mention.sentence, window)
            members[key].setdefault(link.entity, link.mention.sentence)
        refs: dict[int, tuple[str, int]] = {}
        for key in sorted(members):
            entities = members[key]
            entity_windows.update(entities.keys())
            for a, b in combinations(sorted(entities), 2):
                sentence = max(entities[a], entities[b])
                ref = refs.get(sentence) or refs.setdefault(sentence, (doc, sentence))
                pair = pairs[(a, b)]
                pair.weight += 1
                pair.windows.append(ref)
    return Cooccurrence(dict(pairs), entity_windows, max(total, 1))
