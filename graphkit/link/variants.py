"""Spelling variants of one name: old and new Indonesian spelling, spacing, initials and
organisation words in English or Indonesian."""

from __future__ import annotations

from collections import defaultdict

# Old (Van Ophuijsen and Soewandi) spellings that names keep beside the current one:
# 'Soekarno' and 'Sukarno', 'Djoko' and 'Joko', 'Tjahjo' and 'Cahyo'.
_OLD_SPELLINGS = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("nj", "ny"), ("sj", "sy"))
# Words of organisations' names that Indonesian news writes in English or in Indonesian
# ('OSO Securities', 'OSO Sekuritas'): the Indonesian word stands for both.
_ORG_WORDS = {"securities": "sekuritas", "insurance": "asuransi", "group": "grup",
              "university": "universitas", "international": "internasional",
              "technology": "teknologi", "foundation": "yayasan",
              # syllabic abbreviations of government bodies' head words ('Ditjen
              # Perkeretaapian' is 'Direktorat Jenderal Perkeretaapian')
              "ditjen": "direktoratjenderal", "kanwil": "kantorwilayah",
              "pemprov": "pemerintahprovinsi", "pemkab": "pemerintahkabupaten",
              "pemkot": "pemerintahkota", "kejati": "kejaksaantinggi",
              "kejari": "kejaksaannegeri", "mabes": "markasbesar"}


def spelling_key(tokens: tuple[str, ...]) -> str:
    """One key for the spellings of a name: current spelling, without spaces.

    >>> spelling_key(("soekarno",)) == spelling_key(("sukarno",))
    True
    >>> spelling_key(("mega", "wati")) == spelling_key(("megawati",))
    True
    >>> spelling_key(("oso", "securities")) == spelling_key(("oso", "sekuritas"))
    True
    >>> spelling_key(("ditjen", "pajak")) == spelling_key(("direktorat", "jenderal", "pajak"))
    True
    """
    key = "".join(_ORG_WORDS.get(token, token) for token in tokens)
    for old, new in _OLD_SPELLINGS:
        key = key.replace(old, new)
    return key


def initials_of(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True when `short` is `full` with some words written as their initial ('laode m
    syarif' for 'laode muhammad syarif'), the first and the last word written out.

    >>> initials_of(("laode", "m", "syarif"), ("laode", "muhammad", "syarif"))
    True
    >>> initials_of(("laode", "m", "syarif"), ("laode", "mustafa", "syarif", "hasan"))
    False
    """
    if len(short) != len(full) or len(short) < 3 or short == full:
        return False
    if short[0] != full[0] or short[-1] != full[-1]:
        return False
    return all(s == f or (len(s) == 1 and f.startswith(s) and len(f) > 1)
               for s, f in zip(short[1:-1], full[1:-1], strict=True))


class VariantIndex:
    """Known names by spelling key and by first and last word, to find the variants of a
    new name among them."""

    def __init__(self) -> None:
        self._spellings: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
        self._ends: dict[tuple[str, str, int], dict[str, tuple[str, ...]]] = defaultdict(dict)

    def add(self, tokens: tuple[str, ...], target: str) -> None:
        self._spellings[spelling_key(tokens)].setdefault(target, tokens)
        if len(tokens) >= 3:
            self._ends[(tokens[0], tokens[-1], len(tokens))].setdefault(target, tokens)

    def variants(self, tokens: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        """Targets (with the name found) spelt like `tokens` but not the same words, or
        of which `tokens` writes some middle words as initials."""
        found = {t: n for t, n in self._spellings.get(spelling_key(tokens), {}).items()
                 if n != tokens}
        if len(tokens) >= 3:
            found.update({t: n for t, n in self._ends.get(
                (tokens[0], tokens[-1], len(tokens)), {}).items() if initials_of(tokens, n)})
        return found
