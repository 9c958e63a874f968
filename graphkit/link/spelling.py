"""Links by spelling: another spelling, or a one-letter misspelling, of a known name."""

from __future__ import annotations

from ..words import common_words
from .fuzzy import min_length, one_typo_apart
from .records import Record
from .shortforms import compatible
from .state import LinkState

# A one-word name may be a misspelling only from this length ('Vostochy', 8 letters).
_SINGLE_WORD_MIN_LENGTH = 8


def _same_kind(state: LinkState, record: Record, target: str) -> bool:
    """The target is of the mention's type and no person."""
    kind = state.type_of(target)
    return kind != "PERSON" and compatible(record.mention.type, kind)


def link_variant(state: LinkState, record: Record) -> bool:
    """Link a spelling variant of exactly one known name of a fitting type ('Sukarno'
    for 'Soekarno', 'Mega Wati' for 'Megawati', 'Laode M Syarif' for 'Laode Muhammad
    Syarif'); two candidates or none: False."""
    if len("".join(record.tokens)) < 5:
        return False
    found = {target: name for target, name in state.variants.variants(record.tokens).items()
             if compatible(record.mention.type, state.name_type(target))}
    if len(found) != 1:
        return False
    target, name = next(iter(found.items()))
    state.link(record, target, "spelling", f"another spelling of {' '.join(name)!r}")
    return True


def link_misspelling(state: LinkState, record: Record) -> bool:
    """Link a misspelling of exactly one known name ('fuzzy'); none or several: False."""
    fuzzy, name = fuzzy_target(state, record)
    if fuzzy:
        state.link(record, fuzzy, "fuzzy", f"one letter away from {name!r}")
    return bool(fuzzy)


def _dropped_or_doubled(word: str, known: str) -> bool:
    """`word` is `known` with a letter left out ('Vostochy', 'Indonsia', 'Changzou') or
    one letter doubled ('Tanggerang'): the typos of a known name. A letter changed or
    added elsewhere is as often another place ('Balongan' is not Balangan, 'Ciganjur'
    not Cianjur).

    >>> _dropped_or_doubled("vostochy", "vostochny"), _dropped_or_doubled("tanggerang", "tangerang")
    (True, True)
    >>> _dropped_or_doubled("balongan", "balangan"), _dropped_or_doubled("ciganjur", "cianjur")
    (False, False)
    """
    if len(word) == len(known) - 1:
        return True
    if len(word) != len(known) + 1:
        return False
    at = next((i for i, (a, b) in enumerate(zip(word, known, strict=False)) if a != b),
              len(known))
    return at > 0 and word[at] == word[at - 1]


def fuzzy_target(state: LinkState, record: Record) -> tuple[str, str]:
    """A misspelling of a known name: one long token off by one edit, the rest equal. In
    longer names the identical words are the evidence. A name of one word is as often
    another name one letter apart ('Suharyo' is not 'Suharto', 'Komodo' not 'Komoro',
    'Barron' not 'Barrot'), so only a long place or organisation name of the same type is,
    and only by a dropped or doubled letter ('Vostochy' is the cosmodrome Vostochny); a
    person's, never."""
    single = len(record.tokens) == 1
    if single and (len(record.tokens[0]) < _SINGLE_WORD_MIN_LENGTH
                   or record.mention.type == "PERSON"):
        return "", ""
    common = common_words()
    shortest = min_length(len(record.tokens))
    if any(word in common for word in record.tokens if len(word) >= shortest):
        return "", ""  # 'Perang' (war) is a word, not a misspelt 'Penang'
    found = {target: " ".join(tokens) for tokens, target in state.fuzzy.near(record.tokens)
             .items() if tokens != record.tokens and one_typo_apart(record.tokens, tokens)
             and (not single or (_same_kind(state, record, target)
                                 and _dropped_or_doubled(record.tokens[0], tokens[0])))}
    if len(found) == 1:
        return next(iter(found.items()))
    return "", ""
