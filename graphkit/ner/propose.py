"""Propose capitalised names that neither the knowledge base nor the model found."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from spacy.attrs import ORTH, SPACY
from spacy.lexeme import Lexeme
from spacy.tokens import Doc

from ..link.names import GIVEN_NAME_TITLES, follows_title, is_title_word
from ..words import (
    CONNECTORS,
    DAYS_AND_MONTHS,
    EVENT_WORDS,
    FUNCTION_WORDS,
    HEADS,
    LOC_HEADS,
    NAME_PREFIXES,
    NOT_NAMES,
    NOT_PERSON_WORDS,
    OCCASION_WORDS,
    ORG_HEADS,
    ORG_TAILS,
    POSSESSIVES,
    common_words,
    english_words,
    headline_filler,
    is_letter_label,
)


class Word(NamedTuple):
    """What the name rules need to know about one word (the same for every token of it)."""

    text: str
    lower: str  # spaCy's LOWER
    alpha: bool
    digit: bool
    capitalised: bool  # starts with a capital, has a letter, is not a day or month
    name_word: bool  # not a function word or unit ('Mereka', 'Untuk', 'KM')
    title: bool  # a role word ('Presiden') that is not an organisation head


class WordFacts:
    """`Word`s by spaCy lexeme id, each worked out once: the name rules look at every
    token of every sentence, and spaCy's `Token` properties cost more than a dict lookup.
    A document that finds more than `size` words kept starts the cache again (frequent
    words come straight back), so it holds at most `size` plus one document's words: a
    bound on memory for corpora of any size (benchmarks/scale.md measures the peak)."""

    def __init__(self, size: int = 100_000) -> None:
        self.size = size
        self.words: dict[int, Word] = {}

    def of_doc(self, doc: Doc) -> list[Word]:
        """One `Word` per token of `doc`."""
        words, vocab = self.words, doc.vocab
        if len(words) > self.size:
            words.clear()
        found = []
        for orth in doc.to_array(ORTH).tolist():
            word = words.get(orth)
            if word is None:
                word = words[orth] = _word(vocab[orth])
            found.append(word)
        return found


def _word(lexeme: Lexeme) -> Word:
    text, lower, folded = lexeme.orth_, lexeme.lower_, lexeme.orth_.casefold()
    lower = text if lower == text else lower  # one string, not two equal ones
    capitalised = text[:1].isupper() and any(ch.isalpha() for ch in text) \
        and folded not in DAYS_AND_MONTHS
    return Word(text, lower, lexeme.is_alpha, lexeme.is_digit, capitalised,
                folded not in NOT_NAMES and folded not in FUNCTION_WORDS,
                is_title_word(text) and lower not in ORG_HEADS)


HEADLINE_TOKENS = 40  # longer title-case "sentences" are not headlines (lists of names)


def propose_names(doc: Doc, taken: set[int], facts: WordFacts | None = None
                  ) -> Iterator[tuple[int, int, str]]:
    """(start, end, type) token spans of capitalised names outside the `taken` tokens
    (`facts`: a cache of word facts to reuse across documents).

    Title-case lines ("4. Bukan Hanya Menggertak Musuh") are skipped: there capitals
    say nothing about names. A headline is short: a long run of capitalised words with no
    sentence end (a list of names on one line) is read for names."""
    words = (facts or WordFacts()).of_doc(doc)
    spaced = doc.to_array(SPACY).tolist()  # 1: whitespace follows the token
    for sentence in doc.sents:
        tokens = range(sentence.start, sentence.end)
        if len(tokens) <= HEADLINE_TOKENS and is_headline(
                [words[i].text for i in tokens[-3:]]) and is_title_case(
                (words[i].text, words[i].alpha) for i in tokens if i not in taken):
            continue
        run: list[int] = []
        for i in tokens:
            if run and (i in taken or not _continues(words, spaced, run[-1], i)):
                yield from _finish(words, run)
                run = []
            if i not in taken and (run or (words[i].capitalised and words[i].name_word)):
                run.append(i)
        yield from _finish(words, run)


def is_headline(last_words: list[str]) -> bool:
    """A line whose last three words have no full stop ('4. Bukan Hanya Menggertak Musuh',
    'Tanah Papua 4G Semua!', 'Siapa Pengganti Wiranto?': headlines exclaim and ask)."""
    return "." not in last_words


def is_title_case(words: Iterable[tuple[str, bool]]) -> bool:
    """True when nearly every word ((text, is alphabetic) pairs) is capitalised, as in
    English-style headlines; the function words a headline keeps lowercase do not count."""
    counted = [text for text, alpha in words if alpha and not headline_filler(text)]
    capitals = sum(1 for text in counted if text[:1].isupper())
    return len(counted) >= 3 and capitals >= 0.8 * len(counted)


# Roman numerals, which NOT_NAMES keeps from being names alone, number a name they end
# ('Komisi III', 'Hamengku Buwono X').
_ROMAN_NUMERALS = frozenset("ii iii iv".split())


def _continues(words: list[Word], spaced: list[int], previous: int, token: int) -> bool:
    """Can token `token` extend the run of name tokens that ends at `previous`?"""
    word, before = words[token], words[previous]
    if word.capitalised:
        return word.name_word or word.lower in _ROMAN_NUMERALS  # 'Komisi III'
    if word.text == "-" and not spaced[previous] and not spaced[token]:
        return True  # Leif-Eric, Jong-un
    if before.text == "-" and not spaced[previous] and (word.alpha or word.digit):
        return True  # Jong-un, Covid-19
    if word.lower in POSSESSIVES and not spaced[previous]:
        return True
    return word.lower in CONNECTORS


def _finish(words: list[Word], run: list[int]) -> Iterator[tuple[int, int, str]]:
    common = common_words()
    while run and ((words[run[0]].title and not _given_name(words, run)) or
                   not words[run[0]].capitalised or words[run[0]].lower in OCCASION_WORDS or (
            words[run[0]].lower in common and words[run[0]].lower not in HEADS
            and words[run[0]].lower not in NAME_PREFIXES
            and not (len(run) > 1 and words[run[1]].lower in POSSESSIVES)) or (
            run[0] > 0 and follows_title(words[run[0] - 1].lower, words[run[0]].lower))):
        run = run[1:]  # ... and a title's follower after it ('Irjen Pol')
    while run and (not words[run[-1]].capitalised and not (
            len(run) > 2 and words[run[-2]].text == "-") or (
            len(run) > 1 and words[run[-1]].title
            and words[run[-1]].lower not in GIVEN_NAME_TITLES)):
        run = run[:-1]  # ... and a title after the name, which opens the next ('Pembina Pak')
    if not run:
        return
    names = [words[i].lower for i in run if words[i].alpha]
    headed = len(names) > 1 and names[0] in HEADS
    if not names or (all(w in common for w in names) and not headed):
        return
    first = words[run[0]]
    if len(run) == 1 and (len(first.text) < 2 or first.lower in NOT_NAMES
                          or first.lower in HEADS):
        return  # 'Partai' or 'Universitas' alone names nothing
    if len(run) == 2 and is_letter_label(first.text, words[run[1]].text):
        return  # 'Grup B': one group of a draw
    label = guess_type(names, common)
    if label == "PERSON" and any(_acronym(words[i].text) for i in run):
        label = "ORG"  # 'BPH Migas', 'Holding BUMN Tambang'
    yield run[0], run[-1] + 1, label


def _acronym(text: str) -> bool:
    """An acronym of three letters or more ('BPH', 'ROA'); people's initials are shorter
    ('Laode M Syarif', 'Irianto MS Syaifuddin').

    >>> _acronym("BPH"), _acronym("MS"), _acronym("Migas")
    (True, False, False)
    """
    return len(text) >= 3 and text.isalpha() and text.isupper()


def guess_type(words: list[str], common: frozenset[str] = frozenset()) -> str:
    """Entity type from head words: 'Universitas X' is an ORG, 'Lapangan X' a LOC; other
    multi-word names are people unless they contain ordinary words ('Asia Timur Laut') or
    are all English common words ('Quiet Place').

    >>> guess_type(["lapangan", "kim", "il", "sung"]), guess_type(["mason", "richey"])
    ('LOC', 'PERSON')
    """
    if any(w in EVENT_WORDS for w in words[1:]) and words[0] in ORG_HEADS:
        return "EVENT"  # 'Liga Champions'; 'Liga Arab' is an organisation
    if words[0] in ORG_HEADS or words[-1] in ORG_TAILS or "university" in words:
        return "ORG"
    if words[0] in LOC_HEADS:
        return "LOC"
    if any(w in EVENT_WORDS and (w != "open" or i == len(words) - 1)
           for i, w in enumerate(words)):
        return "EVENT"  # 'Korea Open'; 'Open House' is no tournament
    if len(words) > 1 and words[0] != "the" and not any(
            w in common or w in NOT_PERSON_WORDS or _office_title(w) for w in words) and not all(
            w in english_words() for w in words):
        return "PERSON"
    return "MISC"


def _given_name(words: list[Word], run: list[int]) -> bool:
    """A title that opens a name of three or more capitalised words is a given name
    ('Ratu Atut Chosiyah', 'Imam Nahrawi Hasan'); 'Ratu Elizabeth' keeps her title out."""
    return words[run[0]].lower in GIVEN_NAME_TITLES and sum(
        1 for i in run[1:] if words[i].capitalised) >= 2


def _office_title(word: str) -> bool:
    """A role word ('jenderal', 'menteri') that is not also a given name ('Imam')."""
    return word not in GIVEN_NAME_TITLES and is_title_word(word)
