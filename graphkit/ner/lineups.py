"""Football line-ups ('Juventus : Buffon ; Barzagli , Bonucci'): every listed name is a player."""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from ..words import common_words, english_words

# Fewest names after a colon that make a line-up (a team's starting eleven lists eleven; a
# bench or a short list of substitutes fewer, but never as few as a sentence's list).
MIN_PLAYERS = 6
# Most words of one player's name ('Dandi Maulana Abdulhak', 'Corbin Ong La Vere').
MAX_NAME_WORDS = 4
# Share of a list's words that must belong to names: prose has lowercase words between.
MIN_NAME_SHARE = 0.8
# Lowercase particles inside players' names ('Cassio de Jesus', 'Van der Sar').
_PARTICLES = frozenset("de da do dos das van der den von di la le el al bin".split())
# What marks a line-up rather than any list after a colon: the formation's or the list's
# semicolons, shirt numbers and minutes, or the words that open a team's lists.
_LINEUP_MARK = re.compile(r";|\d|\b(?:[Cc]adangan|[Pp]emain|[Pp]elatih|[Ss]usunan|[Ss]tarter)\b")
_AFTER_COLON = re.compile(r":([^:]+)")
_WORD = re.compile(r"[^\W\d_]+")


class Lineup(NamedTuple):
    """The players a line-up line lists, and the teams its lists are headed by."""

    players: list[tuple[int, int]]
    teams: list[tuple[int, int]]


def lineup(doc: Doc, known: frozenset[tuple[int, int]] = frozenset()) -> Lineup:
    """Token spans of the players a line-up line lists after each colon ('Persipura ( 4 - 5
    - 1 ) : 1 - Yoo Jae - hoon ; 21 - Yustinus Pae , ...'; substitutes in brackets too),
    and of the teams before the colons; none for any other line. The model types many
    surnames of a line-up as places or misses them ('Bellusci', 'Zambelli'); here the
    layout says what they are. The name before a colon is the team (an organisation) or
    the list's label ('Cadangan'), not a player. A list needs a line-up's marks
    (semicolons, numbers, 'Cadangan'); a list holding two or more `known` names of bodies
    or places, or mostly capitals (stock codes), or ordinary words, is no line-up.

    >>> import spacy
    >>> doc = spacy.blank("id")("Empoli : Skorupski ; Zambelli , Cosic , Bellusci , Pasqual ; "
    ...                         "Tello , Mauri ( Croce 70 ' ) ; Pucciarelli")
    >>> found = lineup(doc)
    >>> [doc[s:e].text for s, e in found.players][:4], [doc[s:e].text for s, e in found.teams]
    (['Skorupski', 'Zambelli', 'Cosic', 'Bellusci'], ['Empoli'])
    """
    none = Lineup([], [])
    colons = _colons(doc)
    if not colons:
        return none  # most lines: decided without building the line's text
    text = doc.text
    if not _LINEUP_MARK.search(text) or not _may_list_names(text):
        return none
    players: list[tuple[int, int]] = []
    teams: list[tuple[int, int]] = []
    for number, colon in enumerate(colons):
        end = colons[number + 1] if number + 1 < len(colons) else len(doc)
        listed = _listed_names(doc, colon + 1, end)
        if listed:
            players += listed
            teams += _team_before(doc, colon)
    if sum(1 for s, e in players if any(s <= ks and ke <= e for ks, ke in known)) >= 2:
        return none  # 'Partai pengusung : PDIP ; Golkar , NasDem ...': known bodies
    return Lineup(players, teams)


def _colons(doc: Doc) -> list[int]:
    """Where the line's colon tokens are (read from the token array, not token by token)."""
    orths = doc.to_array(ORTH)
    return [int(i) for i in numpy.flatnonzero(orths == doc.vocab.strings.add(":"))]


def _may_list_names(text: str) -> bool:
    """A cheap look at the characters before any token is read (most lines are prose, and
    CLICK-ID gives a whole article as one line): some colon is followed by a stretch with
    enough separators whose words are nearly all capitalised."""
    for segment in _AFTER_COLON.findall(text):
        if segment.count(",") + segment.count(";") < MIN_PLAYERS - 1:
            continue
        words = _WORD.findall(segment)
        capitals = sum(1 for word in words if word[0].isupper())
        if capitals >= MIN_NAME_SHARE * len(words):
            return True
    return False


def _team_before(doc: Doc, colon: int) -> list[tuple[int, int]]:
    """The name heading a list ('Empoli', 'Persela Lamongan', 'Swansea City ( 5 - 3 - 2 )'),
    unless it is a list's label ('Cadangan', 'Susunan pemain')."""
    end = colon
    while end > 0 and not doc[end - 1].is_alpha and doc[end - 1].text not in ".,;":
        end -= 1
    start = end
    while start > 0 and _name_word(doc[start - 1]) and end - start < MAX_NAME_WORDS:
        start -= 1
    if start == end or _LINEUP_MARK.search(doc[start:end].text.lower()):
        return []
    return [(start, end)]


def _listed_names(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The names of one colon's list, without the label that opens the next list."""
    runs = _name_runs(doc, start, end)
    if end < len(doc) and runs and not any(t.is_alpha for t in doc[runs[-1][1]:end]):
        runs = runs[:-1]  # '... Addison Alves . Cadangan :', '... , Milan ( 4-3-3 ) :':
        # the next list's label
    words = _words(doc, start, end)
    named = sum(e - s for s, e in runs)
    if len(runs) < MIN_PLAYERS or named < MIN_NAME_SHARE * words or any(
            _words(doc, s, e) > MAX_NAME_WORDS for s, e in runs):
        return []
    shouted = sum(1 for s, e in runs if doc[s:e].text.isupper())
    ordinary = sum(1 for s, e in runs if e - s == 1 and _ordinary(doc[s].lower_))
    if shouted * 2 >= len(runs) or ordinary * 3 >= len(runs):
        return []  # stock codes ('GGRM , HMSP , BBNI'), categories ('Fashion , Apparel')
    return runs


def _name_runs(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words, lowercase particles inside them and hyphens
    between two of them ('Alexander - Arnold', 'Yoo Jae - hoon')."""
    runs: list[tuple[int, int]] = []
    run_start = -1
    for i in range(start, end + 1):
        inside = i < end and (_name_word(doc[i]) or run_start >= 0 and (
            _joins(doc, i, end) or doc[i].is_alpha and doc[i - 1].text == "-"))
        if inside and run_start < 0:
            run_start = i
        elif not inside and run_start >= 0:
            runs.append((run_start, i))
            run_start = -1
    return runs


def _name_word(token: Token) -> bool:
    """A capitalised word, or an initial with its full stop ('M.' of 'M. Zainal Haq')."""
    text = token.text
    return (token.is_alpha and text[:1].isupper()) or (
        len(text) == 2 and text[0].isupper() and text[1] == ".")


def _joins(doc: Doc, i: int, end: int) -> bool:
    """A particle, a hyphen or an initial's full stop inside a name ('M. Zainal Haq'): a
    name word follows it."""
    token = doc[i]
    if token.text == "." and len(doc[i - 1].text) == 1 and doc[i - 1].is_upper:
        return i + 1 < end and _name_word(doc[i + 1])
    if token.text == "-" or token.lower_ in _PARTICLES and token.is_lower:
        return i + 1 < end and (doc[i + 1].is_alpha and (
            _name_word(doc[i + 1]) or token.text == "-"))
    return False


def _ordinary(word: str) -> bool:
    return word in common_words() or word in english_words()


def _words(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if t.is_alpha)
