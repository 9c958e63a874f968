"""The `graphkit_entities` pipeline component: combine model entities, knowledge-base
matches and rule-proposed names into one set of whole, typed name spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from ..link.kb import KnowledgeBase
from ..link.names import GIVEN_NAME_TITLES, TITLE_FOLLOWERS, is_title_word
from .propose import (
    CONNECTORS,
    DAYS_AND_MONTHS,
    EVENT_HEADS,
    HEADLINE_TOKENS,
    HEADS,
    LOC_HEADS,
    LOC_TAILS,
    ORG_HEADS,
    ORG_TAILS,
    REGIONAL_BODY_HEADS,
    STATE_ORGAN_HEADS,
    TAILS,
    WordFacts,
    common_words,
    is_headline,
    propose_names,
)

REGION_WORDS = frozenset("provinsi kabupaten kota".split())
# Words naming the kind of a place before its name ('Desa Blumbang', 'Kabupaten Boyolali'):
# the place is the name alone.
UNIT_WORDS = REGION_WORDS | frozenset("desa kelurahan kecamatan dusun kab pulau".split())
# Words that open a name even when they are ordinary words ("Perang Dunia II").
_OPENING_HEADS = HEADS | EVENT_HEADS
# Title words that name a portfolio, not a person: they end organisation names
# ('Kementerian Dalam Negeri', 'Departemen Luar Negeri'), so trimming never cuts them.
_PORTFOLIO_WORDS = frozenset("dalam luar negeri pertahanan keuangan".split())
# Nouns of a role a name follows with 'dari' ('Pengamat politik dari Universitas Gadjah Mada
# Erwan Agus Purwanto') that are no titles of their own.
_ROLE_NOUNS = frozenset("pengamat dosen ekonom politikus politisi".split())

# Labels of the shipped model and of common spaCy pipelines, mapped onto the contract's types.
LABEL_TYPES = {
    "PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG", "GPE": "GPE", "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC",
    "FAC": "LOC", "EVENT": "EVENT", "PRODUCT": "PRODUCT", "WORK_OF_ART": "MISC",
    "NORP": "MISC", "MISC": "MISC",
}
# On overlapping spans of equal length the knowledge base wins: its names are known entities.
_PRIORITY = {"kb": 0, "model": 1, "rule": 2}
_Candidate = tuple[int, int, str, str]  # start token, end token, type, source


def _forget_cached_names(tokenizer: Tokenizer) -> None:
    """Empty the tokenizer's cache of the knowledge-base names just tokenised. Measured
    (spaCy 3.8, 1,500 articles): after the ~7,700 names have gone through it one by one,
    the tokenizer is ~30% slower on every later text, and as fast as before once its
    cache is emptied; the tokens are the same either way (the cache only memoises)."""
    flush = getattr(tokenizer, "_flush_cache", None)  # spaCy's Tokenizer; others: nothing
    if callable(flush):
        flush()


@dataclass
class EntityCombiner:
    """Combine model entities, knowledge-base matches and proposed names into doc.ents.

    Overlaps resolve to the longest span; on equal length the knowledge base wins, then the
    model, then the rules. A model span made only of knowledge-base names joined by spaces
    or hyphens ("AS-Korea Selatan", "Putin-Kim") is split into those names."""

    vocab: Any
    propose: str  # "all" (no model), "missed" (multi-word names the model missed), "none"
    matcher: PhraseMatcher = field(init=False)
    match_types: dict[int, str] = field(default_factory=dict)
    match_owners: dict[int, str] = field(default_factory=dict)  # sure name -> its entity id
    weak_keys: set[int] = field(default_factory=set)
    word_facts: WordFacts = field(default_factory=WordFacts)  # for the name rules

    def __post_init__(self) -> None:
        self.matcher = PhraseMatcher(self.vocab)

    def add_kb(self, kb: KnowledgeBase, tokenizer: Tokenizer) -> None:
        """Match every knowledge-base name: a sure name under its entity's id, so the mention
        carries it; weak (ambiguous) names under one key per type."""
        by_key: dict[tuple[str, str], set[str]] = {}
        for text, etype, owner in kb.surface_forms():
            by_key.setdefault((etype, owner), set()).add(text)
        keys = sorted(by_key)
        texts = [text for key in keys for text in sorted(by_key[key])]
        patterns = iter(tokenizer.pipe(texts))
        for etype, owner in keys:
            key = f"graphkit-kb-{owner or 'weak-' + etype}"
            self.matcher.add(key, [next(patterns) for _ in by_key[(etype, owner)]])
            self.match_types[self.vocab.strings[key]] = etype
            if owner:
                self.match_owners[self.vocab.strings[key]] = owner
            else:
                self.weak_keys.add(self.vocab.strings[key])
        _forget_cached_names(tokenizer)

    def __call__(self, doc: Doc) -> Doc:
        strong, weak, owners = self._kb_spans(doc)
        chosen: list[_Candidate] = []
        taken: set[int] = set()
        if self.propose == "all":
            # Rules mode: ambiguous short names ('Kim') must not cut a longer capitalised
            # name ('Duyeon Kim'), so they only fill what the name rules leave.
            _choose(strong + self._model_spans(doc, strong), chosen, taken)
            proposed = [(s, e, label, "rule")
                        for s, e, label in propose_names(doc, taken, self.word_facts)]
            _choose(weak + proposed, chosen, taken)
        else:
            _choose(strong + self._model_spans(doc, strong + weak), chosen, taken)
            if self.propose == "missed":
                _choose(self._missed_names(doc, taken, weak), chosen, taken)
            _choose(weak, chosen, taken)
        # set_ents: what `doc.ents = ...` does, without spaCy building every Span a second
        # time (~1.5x faster on this step, measured). A span's `kb_id` is the entity a sure
        # knowledge-base name denotes ('' otherwise); its `id` is its source ("kb", "model"
        # or "rule").
        kb_types = {(s, e): t for s, e, t, _ in strong}
        spans = [_without_unit_word(doc, span, owners, kb_types)
                 for span in _attach_heads(doc, sorted(chosen), taken)]
        doc.set_ents([Span(doc, s, e, label=label, span_id=source,
                           kb_id=owners.get((s, e), "") if source == "kb" else "")
                      for s, e, label, source in spans])
        return doc

    def _missed_names(self, doc: Doc, taken: set[int],
                      weak: list[_Candidate]) -> list[_Candidate]:
        """Names of two words or more ('K-Pop' is one) the model missed, outside the `taken`
        tokens: a weak known name keeps its type; a person's name loses a weak known name
        of another type glued before it ('Barcelona Lionel Messi'); a name in quotes is the
        title of a work ('Chicken Noodle Soup'), no person."""
        known = {(s, e): (t, src) for s, e, t, src in weak}
        not_people = {bounds for bounds, (kind, _) in known.items() if kind != "PERSON"}
        names = []
        for start, end, label in propose_names(doc, taken, self.word_facts):
            if label == "PERSON":
                start = _after_leading_place(start, end, not_people)
                if _quoted(doc, start, end):
                    continue
            if _spaced_words(doc, start, end) > 1 and label != "MISC":
                names.append((start, end, *known.get((start, end), (label, "rule"))))
        return names

    def _kb_spans(self, doc: Doc) -> tuple[list[_Candidate], list[_Candidate],
                                           dict[tuple[int, int], str]]:
        """(strong, weak) knowledge-base matches, and the entity id of each strong one;
        a strong match hides a weak one."""
        spans: dict[tuple[int, int], tuple[bool, str, str]] = {}
        for match_id, start, end in self.matcher(doc):
            if end - start == 1 and _is_capitalised_word(doc[start]):
                continue
            found = (match_id in self.weak_keys, self.match_types[match_id],
                     self.match_owners.get(match_id, ""))
            spans[(start, end)] = min(spans.get((start, end), found), found)
        strong = [(s, e, t, "kb") for (s, e), (w, t, _) in sorted(spans.items()) if not w]
        weak = [(s, e, t, "kb") for (s, e), (w, t, _) in sorted(spans.items()) if w]
        owners = {bounds: owner for bounds, (w, _, owner) in spans.items() if not w}
        return strong, weak, owners

    def _model_spans(self, doc: Doc, kb_spans: list[_Candidate]) -> list[_Candidate]:
        kb_bounds = {(s, e) for s, e, _, _ in kb_spans}
        kb_types = {(s, e): t for s, e, t, _ in kb_spans}
        places = {(s, e) for s, e, t, _ in kb_spans if t == "GPE"}
        headline = _title_case_line(doc)
        spans = []
        for ent in doc.ents:
            label = LABEL_TYPES.get(ent.label_)
            start, end = _extend_hyphenated(doc, ent.start, ent.end)
            start, end = _split_model_span(doc, *_trim_span(doc, start, end), places,
                                           kb_bounds)
            start, end = _cut_to_known(doc, start, end, kb_bounds)
            if label == "PERSON":
                start = _after_leading_place(start, end, places)
            if label is not None:
                start, end, label = _unglue_person(doc, start, end, label, kb_types)
            if label == "PERSON" and end - start > 1 and _tail(doc, end - 1) == "ORG":
                label = "ORG"  # 'Alibaba Group', 'Falcon Pictures': a company
            if label is None or start >= end or _tiled_by(doc, start, end, kb_types, label):
                continue
            if end - start == 1 and _is_capitalised_word(doc[start]):
                continue  # 'Dikutip', 'Usai' opening a sentence: a word, not a name
            if headline and (start, end) not in kb_bounds and _holds_common_word(doc, start, end):
                continue  # 'Jokowi Cari Pengganti Wiranto': the known names in it remain
            spans += [(s, e, label, "model") for s, e in _pair_parts(doc, start, end, label)]
        return _join_hyphenated(doc, spans, kb_types)


def _without_unit_word(doc: Doc, span: _Candidate, owners: dict[tuple[int, int], str],
                       kb_types: dict[tuple[int, int], str]) -> _Candidate:
    """A place named with its administrative unit or kind is the place: 'Desa Blumbang' is
    Blumbang, 'Kecamatan Teras' Teras, 'pulau Jawa' Jawa, 'KA Madiun' (the railway line to
    it) Madiun. The word stays when the whole is a known name of something else than its
    rest ('Kota Jambi' is the city, 'Jambi' the province; 'Pulau Dewata' is Bali)."""
    start, end, label, source = span
    word = doc[start]
    if end - start < 2 or not doc[start + 1].text[:1].isupper() or not (
            word.lower_ in UNIT_WORDS or word.text == "KA"):
        return span
    whole, rest = owners.get((start, end)), owners.get((start + 1, end))
    if whole and whole != rest:
        return span
    if rest:
        return start + 1, end, kb_types.get((start + 1, end), label), "kb"
    return start + 1, end, "LOC" if word.lower_ == "pulau" else "GPE", source


def _spaced_words(doc: Doc, start: int, end: int) -> int:
    """How many words tokens start..end are, a word being what spaces separate: 'K-Pop',
    'J-Hope' and 'Irianto-Tatang' are one word of three tokens, 'Mason Richey' two."""
    return 1 + sum(1 for i in range(start, end - 1) if doc[i].whitespace_)


def _quoted(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end stand between quote marks ("berjudul ''Chicken Noodle Soup''")."""
    return start > 0 and end < len(doc) and doc[start - 1].is_quote and doc[end].is_quote


def _title_case_line(doc: Doc) -> bool:
    """A headline in title case ('Jokowi Cari Pengganti Wiranto'): there capitals say
    nothing about names, so a model span holding an ordinary word is not a name. Most
    lines end with a full stop and are rejected at the first test."""
    if len(doc) > HEADLINE_TOKENS or not is_headline([t.text for t in doc[-3:]]):
        return False
    words = [t for t in doc if t.is_alpha and t.lower_ not in CONNECTORS]
    capitals = sum(1 for t in words if t.text[:1].isupper())
    return len(words) >= 3 and capitals >= 0.8 * len(words)


def _holds_common_word(doc: Doc, start: int, end: int) -> bool:
    """True when a span holds an ordinary word that is no name's head or tail ('Cari',
    'Tersangka', 'Mundur', 'Kenang')."""
    common = common_words()
    return any(doc[i].lower_ in common and doc[i].lower_ not in _OPENING_HEADS
               and doc[i].lower_ not in TAILS and doc[i].lower_ not in CONNECTORS
               for i in range(start, end))


def _choose(candidates: list[_Candidate], chosen: list[_Candidate], taken: set[int]) -> None:
    """Add non-overlapping candidates: longest first; on equal length KB, model, rules."""
    for start, end, label, source in sorted(
            candidates, key=lambda c: (c[0] - c[1], _PRIORITY[c[3]], c[0], c[2])):
        if not taken.intersection(range(start, end)):
            chosen.append((start, end, label, source))
            taken.update(range(start, end))


def _is_capitalised_word(token: Any) -> bool:
    """'Antara' opening a sentence is the word 'between', not the news agency: a common
    word, not all capitals, and its sentence's first word (found by walking back to the
    sentence start; `Token.sent` is slow)."""
    if token.is_upper or not token.is_alpha or token.lower_ not in common_words():
        return False
    doc, i = token.doc, token.i
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
        if doc[i].is_alpha:
            return False
    return True


def _attach_heads(doc: Doc, spans: list[_Candidate], taken: set[int]) -> list[_Candidate]:
    """Known names inside longer names: 'Lapangan' + a person is a place named after them
    ('Lapangan Kim Il Sung'); a head word + a known name + more name words is one name
    ('Partai Britain First'); a known name + words ending in an organisation or place noun
    is one name ('Trump National Golf Club'); a state organ + a country is one organisation
    ('Departemen Luar Negeri AS'), while 'Universitas Nasional Kongju' + 'Korea Selatan'
    stay two."""
    result: list[_Candidate] = []
    for index, (start, end, label, source) in enumerate(spans):
        following = spans[index + 1] if index + 1 < len(spans) else None
        head = doc[start - 1] if start > 0 else None
        continued = following is not None and following[0] == end and following[3] == "rule"
        if (head is not None and head.i not in taken and label in ("GPE", "LOC")
                and _regional_body(head, doc[start])):
            result.append((start - 1, end, "ORG", "rule"))  # 'Pemprov Jawa Barat'
            continue
        if (head is not None and head.i not in taken and head.text[:1].isupper()
                and head.lower_ in HEADS and (label == "PERSON" or continued)):
            kind = "LOC" if head.lower_ in LOC_HEADS else "ORG"
            result.append((start - 1, end, kind, "rule"))
            continue
        if result and result[-1][1] == start and source == "rule" and _tail(doc, end - 1):
            result[-1] = (result[-1][0], end, _tail(doc, end - 1), "rule")
            continue
        if result and result[-1][1] == start and result[-1][3] == "rule" and (
                result[-1][0] < start - 1 and doc[result[-1][0]].lower_ in HEADS
                and source == "rule"):
            result[-1] = (result[-1][0], end, result[-1][2], "rule")  # ... 'Britain' + 'First'
            continue
        if (result and label == "GPE" and result[-1][1] == start and result[-1][2] == "ORG"
                and result[-1][3] != "kb" and doc[result[-1][0]].lower_ in STATE_ORGAN_HEADS):
            result[-1] = (result[-1][0], end, "ORG", result[-1][3])
            continue
        result.append((start, end, label, source))
    return result


def _regional_body(head: Any, first: Any) -> bool:
    """A government, police, military or court body named by its region: 'Pemprov' +
    'Jawa Barat', 'Polda' + 'Jawa Timur', 'Pemerintah' + 'Provinsi Jawa Barat'."""
    if not head.text[:1].isupper():
        return False
    word = head.lower_
    return word in REGIONAL_BODY_HEADS or (word == "pemerintah"
                                           and first.lower_ in REGION_WORDS)


def _tail(doc: Doc, index: int) -> str:
    """'ORG' or 'LOC' when token `index` is a noun that ends such names ('Club', 'Tower')."""
    word = doc[index].lower_
    return "ORG" if word in ORG_TAILS else "LOC" if word in LOC_TAILS else ""


def _trim_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading title words ('Presiden', 'Irjen Pol'), and punctuation, numbers, days
    and months at the end ('Pyongyang 24', 'Kim September'); a number written as a
    capitalised word ends many names ('Nusa Dua', 'Kelapa Dua', 'Petak Sembilan') and stays."""
    titled = False
    while start < end and (_leading_title(doc, start, end) or doc[start].is_punct or (
            titled and doc[start].lower_.rstrip(".") in TITLE_FOLLOWERS)):
        titled = titled or not doc[start].is_punct
        start += 1
    while end > start and (doc[end - 1].is_punct or (doc[end - 1].like_num
                                                     and not doc[end - 1].is_title)
                           or doc[end - 1].lower_ in DAYS_AND_MONTHS
                           or (is_title_word(doc[end - 1].text)
                               and doc[end - 1].lower_ not in _PORTFOLIO_WORDS)):
        end -= 1
    return start, end


def _leading_title(doc: Doc, start: int, end: int) -> bool:
    """A title word opening a model span, unless it is also a given name followed by a
    capitalised word ('Imam Nahrawi', 'Ratu Atut Chosiyah'): the model took it in."""
    word = doc[start]
    if not is_title_word(word.text):
        return False
    return not (word.lower_ in GIVEN_NAME_TITLES and start + 1 < end
                and doc[start + 1].text[:1].isupper())



def _extend_hyphenated(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """'Leif-' + 'Eric Easley': take in a capitalised part glued on by a hyphen."""
    while (start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_
           and not doc[start - 2].whitespace_ and doc[start - 2].text[:1].isupper()
           and doc[start - 2].is_alpha):
        start -= 2
    return start, end


def _pair_parts(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """A pair of people written with a spaced hyphen is two names: 'Wahidin - Andika' (a
    governor and his deputy) gives 'Wahidin' and 'Andika'. A hyphen without spaces joins
    one name ('Leif-Eric'), and a lowercase side is part of a name ('Kim Jong - un')."""
    if label != "PERSON":
        return [(start, end)]
    for i in range(start + 1, end - 1):
        if (doc[i].text in ("-", "–") and doc[i - 1].whitespace_ and doc[i].whitespace_
                and doc[i - 1].is_title and doc[i + 1].is_title):
            return [(start, i), *_pair_parts(doc, i + 1, end, label)]
    return [(start, end)]


def _after_leading_place(start: int, end: int, places: set[tuple[int, int]]) -> int:
    """'Spanyol Mariano Rajoy' tagged as one person starts with a known country: skip it."""
    for place_start, place_end in places:
        if place_start == start and end - place_end >= 2:
            return place_end
    return start


def _unglue_person(doc: Doc, start: int, end: int, label: str,
                   kb_types: dict[tuple[int, int], str]) -> tuple[int, int, str]:
    """A person's name the model ran together with an organisation's or place's known
    name keeps the person: after a title, 'Direktur Utama Bank Mandiri Kartika
    Wirjoatmodjo' gives 'Kartika Wirjoatmodjo'; 'Menurut Erwan Partai Demokrat perlu ...'
    gives 'Erwan' (a trailing known name of two words or more: 'Repsol Honda' stays). The
    known name is a candidate of its own."""
    for (known_start, known_end), kind in kb_types.items():
        if kind not in ("ORG", "GPE", "LOC"):
            continue
        if (known_start == start and known_end < end and _after_title(doc, start)
                and _person_words(doc, known_end, end)):
            return known_end, end, "PERSON"
        if (label == "PERSON" and known_end == end and start < known_start
                and known_end - known_start > 1 and _person_words(doc, start, known_start)):
            return start, known_start, "PERSON"
    return start, end, label


def _after_title(doc: Doc, start: int) -> bool:
    """A title right before token `start` ('Direktur Utama'), or a title and 'dari' ('Pengamat
    politik dari')."""
    before = doc[start - 1] if start > 0 else None
    if before is None:
        return False
    if is_title_word(before.text) or before.lower_ in TITLE_FOLLOWERS:
        return True
    return before.lower_ == "dari" and any(
        is_title_word(t.text) or t.lower_ in _ROLE_NOUNS for t in doc[max(0, start - 4):start])


def _person_words(doc: Doc, start: int, end: int) -> bool:
    """One to four capitalised words that may be a person's name: no title, no head or
    tail of an organisation's or place's name, and the last one no ordinary word."""
    if not 1 <= end - start <= 4 or doc[end - 1].lower_ in common_words():
        return False
    return all(doc[i].is_alpha and doc[i].text[:1].isupper() and not is_title_word(doc[i].text)
               and doc[i].lower_ not in HEADS and doc[i].lower_ not in TAILS
               for i in range(start, end))


def _cut_to_known(doc: Doc, start: int, end: int,
                  kb_bounds: set[tuple[int, int]]) -> tuple[int, int]:
    """'Korea Utara Demikian' is 'Korea Utara': a known name followed only by ordinary
    words (run-on sentences) is cut back to the known name."""
    common = common_words()
    for known_start, known_end in kb_bounds:
        if known_start == start and start < known_end < end and all(
                doc[i].lower_ in common and doc[i].lower_ not in TAILS
                for i in range(known_end, end)):
            return start, known_end
    return start, end


def _split_model_span(doc: Doc, start: int, end: int, places: set[tuple[int, int]],
                      known: set[tuple[int, int]]) -> tuple[int, int]:
    """Keep the name in a model span that ran too far: up to an opening bracket
    ('Perserikatan Bangsa-Bangsa ( PBB'), after an inner title ('Qatar Sheikh Tamim ...'),
    without leading ordinary words ('Nasib Muslim Rohingya'), and without a trailing known
    place unless the name is a state organ ('Bandara Vnukovo' in 'Bandara Vnukovo Moskow',
    but 'Kementerian Pertahanan Korea Selatan') or an organisation whose name without the
    place is not a known name ('Bursa Efek Indonesia', 'Partai Keadilan dan Persatuan
    Indonesia'; but 'Universitas Nasional Kongju' + 'Korea Selatan')."""
    for i in range(start, end):
        if doc[i].text in "([{":
            end = i
            break
    for i in range(start + 1, end - 1):
        if (doc[i].text[:1].isupper() and is_title_word(doc[i].text)
                and doc[i].lower_ not in GIVEN_NAME_TITLES | _PORTFOLIO_WORDS):
            start = i + 1
    common = common_words()
    if start < end and not _name_word_inside(doc, start):
        while (end - start > 1 and doc[start].lower_ in common
               and doc[start].lower_ not in _OPENING_HEADS):
            start += 1
    if end - start > 2 and doc[start].lower_ not in STATE_ORGAN_HEADS:
        for place_start, place_end in places:
            if (place_end == end and start + 2 <= place_start
                    and not _place_in_name(doc, start, place_start, known)):
                end = place_start
                break
    return _trim_span(doc, start, end)


def _place_in_name(doc: Doc, start: int, place_start: int,
                   known: set[tuple[int, int]]) -> bool:
    """A place ending an organisation's name ('Bursa Efek Indonesia') or following an
    organisation head or a connector ('Partai Keadilan dan Persatuan Indonesia') is part of
    the name, unless what comes before it is a known name; 'Bandara Vnukovo Moskow' is not."""
    before = doc[place_start - 1].lower_
    return (doc[start].lower_ in ORG_HEADS and (start, place_start) not in known) or (
        before in ORG_HEADS or before in CONNECTORS)


def _name_word_inside(doc: Doc, index: int) -> bool:
    """A common word the model took into a name is part of it when it is capitalised in
    the middle of a sentence, after a capitalised word ('pimpinan KPK Bibit Samad Riyanto');
    opening a sentence, after punctuation or after a lowercase word it is not ('Nasib Muslim
    Rohingya', 'Pusat Studi dan Penelitian Ilmiah')."""
    word, before = doc[index], doc[index - 1] if index else None
    if before is None or word.is_sent_start or not word.text[:1].isupper() or word.is_upper:
        return False
    return before.is_alpha and before.text[:1].isupper()


def _join_hyphenated(doc: Doc, spans: list[_Candidate],
                     kb_types: dict[tuple[int, int], str]) -> list[_Candidate]:
    """'Leif' + '-' + 'Eric Easley' from the model is one name: join same-type model spans
    around a hyphen written without spaces, unless both are known names ('Korea Utara-Rusia')."""
    joined: list[_Candidate] = []
    for span in spans:
        if joined:
            last = joined[-1]
            hyphen = doc[last[1]] if last[1] < len(doc) else None
            if (hyphen is not None and hyphen.text == "-" and span[0] == last[1] + 1
                    and not doc[last[1] - 1].whitespace_ and not hyphen.whitespace_
                    and last[3] == span[3] == "model" and last[2] == span[2]
                    and not _tiled_by(doc, last[0], span[1], kb_types)):
                joined[-1] = (last[0], span[1], last[2], "model")
                continue
        joined.append(span)
    return joined


def _tiled_by(doc: Doc, start: int, end: int, known: dict[tuple[int, int], str],
             label: str = "") -> bool:
    """True when tokens start..end are two or more known names, hyphens in between
    ('AS-Korea Selatan', 'Putin-Kim', 'Hamas Palestina'), except a person the model found
    whose name starts with a known person's and goes on, by a space, with a known name of
    another type: 'Widodo AS' is a person, not a person and the country AS."""
    position, types, hyphens = start, [], False
    pieces = 0
    while position < end:
        if doc[position].text == "-" and pieces:
            position, hyphens = position + 1, True
            continue
        nxt = max(((s, e) for s, e in known if s == position and e <= end),
                  key=lambda b: b[1], default=None)
        if nxt is None:
            return False
        position, pieces = nxt[1], pieces + 1
        types.append(known[nxt])
    person = label == "PERSON" and types[:1] == ["PERSON"] and set(types) != {"PERSON"}
    return pieces >= 2 and (hyphens or not person)


@Language.factory("graphkit_entities", default_config={"propose": "all"})
def make_entity_combiner(nlp: Language, name: str, propose: str) -> EntityCombiner:
    return EntityCombiner(nlp.vocab, propose)

