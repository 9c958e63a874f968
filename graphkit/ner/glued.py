"""Split a name run together after a title into the organisation and the person:
'Direktur Utama PT Transportasi Jakarta Agung Wicaksono', 'Menteri ESDM Ignasius Jonan'.

Indonesian news writes an office, its organisation and the holder's name in one run of
capitalised words, and the model often tags the whole run as one ORG or PERSON. The knowledge
base splits it where it knows the organisation (`bounds.unglue_person`); this module splits it
where it does not, on two pieces of evidence: the organisation part ends in a word that ends
organisations' names (a known name, an acronym, 'Group', 'Tbk'), and the rest reads as a
person's name by the words of the Indonesian DBpedia's people's names
(`words.is_person_word`). A head word ('PT', 'Komite') opens a name, so what follows it is
never split off.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..link.intake import BUILDING_HEADS
from ..link.names import LEGAL_FORMS_AFTER, LEGAL_FORMS_BEFORE, RANK_WORDS
from ..words import (
    HEADS,
    LOC_HEADS,
    TAILS,
    common_words,
    english_words,
    in_people_names,
    is_person_word,
)
from .bounds import after_title

# The most words of a person's name split off ('Ida Ayu Made Wahyuni').
_MAX_PERSON_WORDS = 4
# Places and institutions are named after people: 'Rumah Sakit Pusat Angkatan Darat Gatot
# Soebroto', 'Universitas Gadjah Mada', 'Bandara Soekarno-Hatta' are one name each.
_NAMED_AFTER_PEOPLE = LOC_HEADS | BUILDING_HEADS | frozenset(
    """rumah rs rsu rsud rsup rspad universitas institut yayasan akademi sekolah lanud museum
    monumen gelanggang uin iain stain stie stikes sma sman smp smpn sd sdn smk smkn mts man
    kri""".split())


def person_after_organisation(doc: Doc, start: int, end: int,
                              known: set[int]) -> tuple[int, int] | None:
    """(end of the organisation, start of the person) in tokens start..end when they are an
    organisation's name and a person's run together after a title; None otherwise. `known`
    holds the tokens of the knowledge base's names of organisations and places. A rank
    between the two belongs to neither ('Polsek Bagor AKP Tommy')."""
    if end - start < 2 or not after_title(doc, start):
        return None
    if any(doc[i].lower_ in _NAMED_AFTER_PEOPLE for i in range(start, end)):
        return None
    last = max((i for i in range(start, end - 1) if _ends_organisation(doc, i, known)),
               default=None)
    if last is None or not _person_name(doc, last + 1, end):
        return None
    organisation_end = last + 1
    while organisation_end > start and doc[organisation_end - 1].lower_ in RANK_WORDS:
        organisation_end -= 1
    return (organisation_end, last + 1) if organisation_end > start else None


def _ends_organisation(doc: Doc, index: int, known: set[int]) -> bool:
    """A word that may end an organisation's name: part of a known name, an acronym or a
    rank ('ESDM', 'AKP'), or an organisation's tail ('Group', 'Tbk'); not a head word,
    which opens a name ('PT', 'Komite')."""
    token = doc[index]
    word = token.lower_
    if word in HEADS or word in LEGAL_FORMS_BEFORE:
        return False
    return (index in known or word in TAILS or word in LEGAL_FORMS_AFTER
            or (token.is_alpha and token.is_upper and len(token) >= 2))


def _person_name(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end read as a person's name: one to four capitalised words, the first
    a word of some person's name, none an ordinary word that is no one's name or an
    organisation's tail, at least one found mostly in people's names; a single word must
    not be an ordinary word ('Branch Rudy Sihombing' is not a name: 'Branch' names no one)."""
    if not 1 <= end - start <= _MAX_PERSON_WORDS:
        return False
    words = doc[start:end]
    common, english = common_words(), english_words()
    if not all(t.is_alpha and t.is_title for t in words) or not in_people_names(words[0].text):
        return False
    if any(t.lower_ in TAILS or t.lower_ in LEGAL_FORMS_AFTER or (
            (t.lower_ in common or t.lower_ in english) and not in_people_names(t.text))
           for t in words):
        return False
    if not any(is_person_word(t.text) for t in words):
        return False
    return end - start > 1 or words[0].lower_ not in common
