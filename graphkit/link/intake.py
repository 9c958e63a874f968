"""Which mentions are linked at all: names, not generic head words, titles or ordinary words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import cast

from spacy.lang.id.lex_attrs import like_num as _spacy_like_num

from ..types import Extraction, Mention
from ..words import LOC_HEADS, NOT_NAMES, REGIONAL_BODY_HEADS, common_words
from .curated import is_ignored
from .curation import Curation
from .kb import KnowledgeBase
from .names import (
    UNIT_WORDS,
    acronym_after,
    has_legal_form,
    is_strippable_title,
    is_unit_of,
    name_key,
    place_key,
)
from .records import Record
from .shortforms import headline_sentences

# spaCy's Indonesian number words ('Sembilan', 'Dua', '2'); spaCy leaves it untyped.
_like_num = cast(Callable[[str], bool], _spacy_like_num)
# Head words that name a kind of body, not one body: alone ('anggota Komisi III', 'pihak
# Kementerian') they never link to a specific entity, and make no node.
GENERIC_HEADS = frozenset(
    """
    komisi kementerian partai pemerintah pengadilan badan dewan lembaga departemen kantor
    majelis mahkamah kejaksaan kepolisian universitas institut yayasan perusahaan organisasi
    bank dinas asosiasi sekolah university
    """.split())
# Head words of places that stand alone for the one such place a document names ('Istana'
# for 'Istana Negara', 'Mako' (markas komando) for 'Mako Brimob', 'Wihara' for 'Wihara
# Dharma Bhakti').
PLACE_HEADS = LOC_HEADS | frozenset(
    "mako mapolres mapolda rutan lapas hotel terminal stasiun wihara vihara klenteng".split())
# Head words of buildings and compounds: their names' leading words name them too
# ('Graha Saba' for 'Graha Saba Buana').
BUILDING_HEADS = frozenset(
    """gedung graha wisma balai aula stadion istana hotel menara masjid gereja candi pura
    terminal stasiun bandara pelabuhan rutan lapas mako wihara vihara klenteng""".split())
# With a regional body's kind ('DPRD', 'Pemkot', 'Polres' of NER's 'DPRD Banyumas'): alone,
# the document's one such place or body, or a kind ('anggota DPRD di sejumlah daerah').
_KIND_WORDS = PLACE_HEADS | REGIONAL_BODY_HEADS | UNIT_WORDS
_FIRST_WORD = re.compile(r"\w")
# An ordinary word in capitals this long is shouted, not an acronym ('PERHATIAN'; 'PETA').
_SHOUTED_LENGTH = 6
# A news site's web address ('kepada CNNIndonesia.com', 'Pantauan kumparan.com',
# 'TEMPO.CO'): the outlet reporting, site chrome rather than content.
_WEB_ADDRESS = re.compile(r"^\S+\.(?:com|co\.id|co|id|net)$", re.IGNORECASE)


def records_to_link(extractions: Iterable[Extraction], kb: KnowledgeBase | None,
                    curation: Curation) -> tuple[dict[str, Extraction], list[Record]]:
    """The corpus's documents by id, and a record for each mention worth linking."""
    documents: dict[str, Extraction] = {}
    records = []
    for extraction in extractions:
        documents[extraction.doc.id] = extraction
        context = _Context(_sentence_openings(extraction), _kinds_with_names(extraction),
                           _words_of_longer_names(extraction),
                           _headline_only_names(extraction, kb),
                           _acronyms_of_ordinary_phrases(extraction, kb))
        for mention in extraction.mentions:
            key = _mention_key(mention, kb)
            if key and not is_ignored(curation, key) and _worth_linking(mention, key, kb,
                                                                         context):
                records.append(Record(mention, key, tuple(key.split())))
    return documents, records


@dataclass(frozen=True)
class _Context:
    """What a document says about its own mentions."""

    openings: set[int]  # where sentences start
    named_kinds: set[str]  # kind words its longer names open with
    name_words: set[str]  # words of its names of two words or more
    unsupported: set[int]  # where its headline's unsupported names start
    ordinary_acronyms: set[str]  # acronyms it defines for ordinary phrases


def _worth_linking(mention: Mention, key: str, kb: KnowledgeBase | None,
                   context: _Context) -> bool:
    """False for a generic head word, a common noun's abbreviation or unit ('USD'), an
    ordinary word that is no short form or known name (or is written in lowercase), a
    title, a lone kind word (or one in lowercase: 'pulau dari kecamatan kepulauan'), a web
    address, or a headline name nothing supports."""
    if key in GENERIC_HEADS or key in NOT_NAMES or is_strippable_title(key) or \
            mention.start in context.unsupported:
        return False
    if _ordinary_word(mention, key) and (
            mention.start in context.openings or mention.text.islower() or not (
            key in context.name_words or (kb and kb.candidates(key)))):
        return False
    if key in context.ordinary_acronyms or _ordinary_phrase(mention, key, kb):
        return False
    if _lone_kind_word(mention, key) and (key not in context.named_kinds
                                          or mention.text.islower()):
        return False
    return not _WEB_ADDRESS.match(mention.text)


def _mention_key(mention: Mention, kb: KnowledgeBase | None) -> str:
    """The key a mention links by: its name key; a new place's without its unit word
    ('Desa Blumbang' is Blumbang), unless the rest is a known place of another kind than the
    unit says ('Kabupaten Bogor' is not the city Bogor, 'Kecamatan Bandung' not the city
    Bandung; an island is its known place: 'Pulau Bali')."""
    key = name_key(mention.text)
    if mention.type not in ("GPE", "LOC") or mention.kb_id:
        return key
    rest, unit = place_key(key), key.partition(" ")[0]
    if rest == key or kb is None or unit == "pulau":
        return rest
    owners = kb.candidates(rest)
    if owners and not any(is_unit_of(unit, owner) for owner in owners):
        return key
    return rest


def _headline_only_names(extraction: Extraction, kb: KnowledgeBase | None) -> set[int]:
    """Where the headline's mentions start that neither the knowledge base knows nor the
    text repeats within one of its own names: in a headline every word is capitalised, so
    the model's 'Rayu Alibaba' or 'KPAI Kesampingkan' are words of a clause, while
    'Johan Budi' (the text's 'Johan Budi Sapto Pribowo') and a known 'Budi Gunawan' (the
    text's 'BG') are names."""
    headlines = headline_sentences(extraction)
    if not headlines:
        return set()
    body = [name_key(m.text).split() for m in extraction.mentions
            if m.sentence not in headlines]
    keys = {m.start: name_key(m.text) for m in extraction.mentions
            if m.sentence in headlines and not m.kb_id}
    return {start for start, key in keys.items() if not _within_a_name(key, body)
            and not (kb and kb.candidates(key))}


def _within_a_name(key: str, names: list[list[str]]) -> bool:
    """True when the words of `key` run, in order, inside one of `names`."""
    words = key.split()
    n = len(words)
    return any(name[i:i + n] == words for name in names for i in range(len(name) - n + 1))


def _kinds_with_names(extraction: Extraction) -> set[str]:
    """The kind words ('hotel', 'dprd') the document's longer names open with."""
    found = set()
    for mention in extraction.mentions:
        words = name_key(mention.text).split()
        if len(words) > 1 and words[0] in _KIND_WORDS:
            found.add(words[0])
    return found


def _lone_kind_word(mention: Mention, key: str) -> bool:
    """True for a place's or regional body's kind word alone ('di Hotel', 'anggota DPRD'),
    not from the knowledge base: it names no place or body of its own, only the one of its
    kind its document names in full, if any."""
    return mention.source != "kb" and key in _KIND_WORDS


def _sentence_openings(extraction: Extraction) -> set[int]:
    """Where each sentence's first word starts (after opening quotes and brackets)."""
    openings = set()
    for sentence in extraction.sentences:
        found = _FIRST_WORD.search(sentence.text)
        if found:
            openings.add(sentence.start + found.start())
    return openings


def _words_of_longer_names(extraction: Extraction) -> set[str]:
    """The words of the document's names of two words or more ('bunga' of 'Bunga Citra
    Lestari'): a one-word name among them is a short form, even when it is also an ordinary
    word."""
    found: set[str] = set()
    for mention in extraction.mentions:
        words = name_key(mention.text).split()
        if len(words) > 1:
            found.update(words)
    return found


def _acronyms_of_ordinary_phrases(extraction: Extraction, kb: KnowledgeBase | None
                                  ) -> set[str]:
    """The keys of the acronyms a document defines for ordinary phrases ('Kawasan Ekonomi
    Khusus (KEK)', 'Kelompok Penerima Manfaat (KPM)'): common nouns' abbreviations, like
    the phrases they stand for, name nothing, even where the knowledge base knows the
    acronym as another name ('Perjanjian Kerja Bersama (PKB)' is no party)."""
    found = set()
    for mention in extraction.mentions:
        key = name_key(mention.text)
        if not _ordinary_phrase(mention, key, kb):
            continue
        sentence = extraction.sentences[mention.sentence]
        acronym = acronym_after(sentence.text, mention.end - sentence.start, tuple(key.split()))
        if acronym and not (kb and any(kb.may_be_named(c, key)
                                       for c in kb.candidates(name_key(acronym)))):
            found.add(name_key(acronym))
    return found


def _ordinary_phrase(mention: Mention, key: str, kb: KnowledgeBase | None) -> bool:
    """True for a phrase of ordinary words that NER took for an organisation, a place or a
    thing, and that the knowledge base does not know: 'Pasukan Pengaman', 'Satuan Reserse',
    'Organisasi Massa', 'Jembatan Desa' are what they say, not one body's or place's name.
    A number word ends many place names and keeps them ('Petak Sembilan', 'Nusa Dua');
    people are left alone ('Bunga Citra Lestari'), and so are companies."""
    if mention.source == "kb" or mention.type == "PERSON" or " " not in key:
        return False
    common = common_words()
    return all(w in common and not _like_num(w) for w in key.split()) and not (
        has_legal_form(mention.text)  # 'PT Media Bangun Bersama' is a company
        or (kb and kb.candidates(key)))


def _ordinary_word(mention: Mention, key: str) -> bool:
    """True for one ordinary word that NER took for a name, not from the knowledge base.
    Opening a sentence ('Terlihat juga ada seorang tuna netra', '" Melepas burung ...') it
    is never a name: a sentence's capital says nothing. Elsewhere ('kata Satpam pendopo',
    'Pasar Sembako Murah', 'tahun Anjing Tanah') it is one only as a short form of a longer
    name of its document or as a name the knowledge base knows (records_to_link). An
    ordinary word with the possessive '-nya' ('Bodinya', 'Kantornya') is one too; written
    in capitals, a long ordinary word ('PERHATIAN') is shouted, a short one may be an
    acronym ('PETA')."""
    if mention.source == "kb" or " " in key:
        return False
    common = common_words()
    word = key if key in common or not key.endswith("nya") else key[:-3]
    return word in common and (not mention.text.isupper() or len(word) >= _SHOUTED_LENGTH)
