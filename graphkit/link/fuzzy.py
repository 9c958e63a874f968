"""The fuzzy index: known names a misspelling may be, found without comparing every name."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz.distance import Levenshtein

from .names import scripts

FUZZY_MIN_LENGTH = 6
# In a name of three words or more, two identical words are evidence enough for a shorter
# misspelt word ('Anie Rasyid Baswedan' for 'Anies Rasyid Baswedan').
_LONG_NAME_MIN_LENGTH = 4


def min_length(words: int) -> int:
    """The shortest word a misspelling may be found in, in a name of `words` words."""
    return _LONG_NAME_MIN_LENGTH if words >= 3 else FUZZY_MIN_LENGTH


class FuzzyIndex:
    """Known names under keys a misspelling shares with them, so a misspelling is compared
    only with the few names it could be, however many names the corpus has. One word:
    the word and its one-deletion variants (the "symmetric delete" scheme: two words one
    edit apart always share one). Several words: the other words, the position, the first
    letter and the length of the word that may differ (±1 on lookup). Keys are stored as
    hashes (a collision only adds a candidate, and every candidate is verified), which
    keeps the index small for hundreds of thousands of names."""

    def __init__(self) -> None:
        self._targets: dict[tuple[str, ...], str] = {}  # the first target of each name
        self._names: dict[int, list[tuple[str, ...]]] = defaultdict(list)

    @staticmethod
    def _keys(tokens: tuple[str, ...], lookup: bool) -> set[int]:
        """Only words of at least `min_length` letters get keys: `one_typo_apart`
        accepts no shorter word on either side, so shorter ones could only add candidates
        that are then rejected."""
        if len(tokens) == 1:
            word = tokens[0]
            if len(word) < FUZZY_MIN_LENGTH:
                return set()
            return {hash(word)} | {hash(word[:j] + word[j + 1:]) for j in range(len(word))}
        keys: set[int] = set()
        shortest = min_length(len(tokens))
        for i, word in enumerate(tokens):
            if len(word) < shortest:
                continue
            rest = tokens[:i] + tokens[i + 1:]
            lengths = (len(word) - 1, len(word), len(word) + 1) if lookup else (len(word),)
            keys.update(hash((i, rest, word[:1], n)) for n in lengths if n >= shortest)
        return keys

    def add(self, tokens: tuple[str, ...], target: str) -> None:
        if tokens in self._targets:
            return
        self._targets[tokens] = target
        for key in self._keys(tokens, lookup=False):
            self._names[key].append(tokens)

    def near(self, tokens: tuple[str, ...]) -> dict[tuple[str, ...], str]:
        """Known names that may be one edit from `tokens` in one word (a superset)."""
        found: set[tuple[str, ...]] = set()
        names = self._names
        for key in self._keys(tokens, lookup=True):
            if key in names:
                found.update(names[key])
        return {name: self._targets[name] for name in sorted(found)}


def indexable(tokens: tuple[str, ...]) -> bool:
    """Names worth indexing: several words, or one word long enough to have a typo."""
    return len(tokens) > 1 or len(tokens[0]) >= FUZZY_MIN_LENGTH


def one_typo_apart(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same number of words, and exactly one long word one letter off, same first letter
    (in a name of three words or more, a word of four letters is long enough)."""
    if len(a) != len(b):
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return (min(len(x), len(y)) >= min_length(len(a)) and x[0] == y[0]
            and not x.isdigit() and Levenshtein.distance(x, y) == 1
            and (x.isascii() and y.isascii() or scripts(x) == scripts(y)))
