"""The `graphkit_entities` pipeline component: combine model entities, knowledge-base
matches and rule-proposed names into one set of whole, typed name spans."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from ..link.kb import KnowledgeBase
from ..link.names import REGION_WORDS
from ..words import (
    BRANCH_WORDS,
    CONNECTORS,
    HEADS,
    LOC_HEADS,
    NATIONAL_NAMES,
    OFFICE_WORDS,
    REGIONAL_BODY_HEADS,
    STATE_ORGAN_HEADS,
    TAILS,
    common_words,
)
from .bounds import (
    OPENING_HEADS,
    Candidate,
    after_leading_place,
    before_lowercase_word,
    bracketed_acronyms,
    cut_to_known,
    extend_hyphenated,
    in_quoted_title,
    join_hyphenated,
    named_after_rank,
    no_name,
    office_of_organ,
    pair_partners,
    pair_parts,
    quoted,
    spaced_words,
    split_model_span,
    tail_type,
    tiled_by,
    trim_span,
    unglue_person,
    with_given_names,
    with_heirloom_kind,
    without_owner,
    without_unit_word,
)
from .glued import person_after_organisation
from .lineups import lineup
from .propose import HEADLINE_TOKENS, WordFacts, is_headline, is_title_case, propose_names
from .spelled import spelled_out_names
from .tokenizer import MOJIBAKE_SPACES, is_mojibake_mark

# Labels of the shipped model and of common spaCy pipelines, mapped onto the contract's types.
LABEL_TYPES = {
    "PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG", "GPE": "GPE", "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC",
    "FAC": "LOC", "EVENT": "EVENT", "PRODUCT": "PRODUCT", "WORK_OF_ART": "MISC",
    "NORP": "MISC", "MISC": "MISC",
}
# On overlapping spans of equal length the knowledge base wins: its names are known entities.
_PRIORITY = {"kb": 0, "model": 1, "rule": 2}


def _name_tokenizer(tokenizer: Tokenizer) -> Callable[[str], Doc]:
    """What tokenises the knowledge-base names into matcher patterns: a tokenizer with
    `tokenizer`'s prefixes, suffixes and infixes but none of its ~16k special cases, and
    `tokenizer` itself for a name with a word that is one ('Anak-anak', 'Bangsa-Bangsa';
    tests/test_ner.py checks that both give every bundled name the same tokens). Sending
    the ~15,000 names through `tokenizer` itself fills its cache with them, and emptying
    that cache again leaves a hash table so full of deleted slots that every later text
    tokenises three times slower (measured, spaCy 3.8: 836 CLICK-ID articles 5.1 s against
    1.8 s). Another kind of tokenizer tokenises the names itself."""
    if not isinstance(tokenizer, Tokenizer):
        return cast(Callable[[str], Doc], tokenizer)
    light = Tokenizer(tokenizer.vocab, rules={}, prefix_search=tokenizer.prefix_search,
                      suffix_search=tokenizer.suffix_search,
                      infix_finditer=tokenizer.infix_finditer,
                      token_match=tokenizer.token_match, url_match=tokenizer.url_match)
    special = set(tokenizer.rules or {})

    def tokenize(name: str) -> Doc:
        words = name.split()
        if any(w in special or w.strip("()[]{}\"'.,;:!?") in special for w in words):
            return cast(Doc, tokenizer(name))
        return cast(Doc, light(name))
    return tokenize


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
    kb: KnowledgeBase | None = None

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
        patterns = map(_name_tokenizer(tokenizer), texts)
        for etype, owner in keys:
            key = f"graphkit-kb-{owner or 'weak-' + etype}"
            self.matcher.add(key, [next(patterns) for _ in by_key[(etype, owner)]])
            self.match_types[self.vocab.strings[key]] = etype
            if owner:
                self.match_owners[self.vocab.strings[key]] = owner
            else:
                self.weak_keys.add(self.vocab.strings[key])
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        strong, weak, owners = self._kb_spans(doc)
        chosen: list[Candidate] = []
        taken: set[int] = set()
        players, teams = lineup(doc, frozenset((s, e) for s, e, t, _ in strong if t != "PERSON"))
        # a line-up's layout says more than the model ('Bellusci' LOC, 'Empoli' PERSON)
        _choose([(s, e, "PERSON", "rule") for s, e in players] + [
            (s, e, t, src) for s, e, t, src in strong if (s, e) in teams] + [
            (s, e, "ORG", "rule") for s, e in teams], chosen, taken)
        if self.propose == "all":
            # Rules mode: ambiguous short names ('Kim') must not cut a longer capitalised
            # name ('Duyeon Kim'), so they only fill what the name rules leave.
            _choose(strong + self._model_spans(doc, strong, strong), chosen, taken)
            proposed = [(s, e, label, "rule")
                        for s, e, label in propose_names(doc, taken, self.word_facts)]
            _choose(weak + proposed, chosen, taken)
        else:
            _choose(strong + self._model_spans(doc, strong + weak, strong), chosen, taken)
            if self.propose == "missed":
                _choose(self._missed_names(doc, taken, weak), chosen, taken)
            _choose(weak, chosen, taken)
        # set_ents: what `doc.ents = ...` does, without spaCy building every Span a second
        # time. A span's `kb_id` is the entity a sure knowledge-base name denotes ('' otherwise);
        # its `id` is its source ("kb", "model" or "rule").
        kb_types = {(s, e): t for s, e, t, _ in strong}
        spans = [without_unit_word(doc, span, owners, kb_types)
                 for span in _attach_heads(doc, sorted(chosen), taken)]
        spans = _tournaments_named_by_place(doc, spans)
        spans = _organisation_and_person(doc, _without_mojibake(doc, spans), strong + weak)
        spans = _with_family_names(spans, self._family_names(doc, owners))
        if self.kb is not None and owners:
            spans = sorted(spans + spelled_out_names(doc, spans, owners, self.kb.may_be_named))
        spans = _with_pair_partners(doc, spans)
        doc.set_ents([Span(doc, s, e, label=label, span_id=source,
                           kb_id=owners.get((s, e), "") if source == "kb" else "")
                      for s, e, label, source in spans])
        return doc

    def _family_names(self, doc: Doc, owners: dict[tuple[int, int], str]
                      ) -> set[tuple[int, int]]:
        """The one-word sure names of known people that are their names' last word
        ('Habibie' of BJ Habibie, not 'Jokowi')."""
        if self.kb is None:
            return set()
        found = set()
        for (start, end), owner in owners.items():
            entity = self.kb.entities.get(owner)
            if end - start == 1 and entity is not None and entity.type == "PERSON":
                words = entity.label.split()
                if len(words) > 1 and words[-1].casefold() == doc[start].lower_:
                    found.add((start, end))
        return found

    def _missed_names(self, doc: Doc, taken: set[int],
                      weak: list[Candidate]) -> list[Candidate]:
        """Names of two words or more ('K-Pop' is one) the model missed, outside the `taken`
        tokens, and a one-word name after a rank ('Irjen Pol Fakhrizal'): a weak known name
        keeps its type; a person's name loses a weak known name
        of another type glued before it ('Barcelona Lionel Messi'); a name in quotes is the
        title of a work ('Chicken Noodle Soup'), no person."""
        known = {(s, e): (t, src) for s, e, t, src in weak}
        not_people = {bounds for bounds, (kind, _) in known.items() if kind != "PERSON"}
        names = []
        for start, end, label in propose_names(doc, taken, self.word_facts):
            if office_of_organ(doc, start, end) and end in taken:
                continue  # 'Kantor DPP' + 'Partai Kebangkitan Bangsa': the party's place
            if label == "PERSON":
                start = after_leading_place(start, end, not_people)
                if quoted(doc, start, end):
                    continue
            if spaced_words(doc, start, end) > 1 and label != "MISC":
                names.append((start, end, *known.get((start, end), (label, "rule"))))
            elif named_after_rank(doc, start, end):
                names.append((start, end, "PERSON", "rule"))  # 'Irjen Pol Fakhrizal'
        return names

    def _kb_spans(self, doc: Doc) -> tuple[list[Candidate], list[Candidate],
                                           dict[tuple[int, int], str]]:
        """(strong, weak) knowledge-base matches, and the entity id of each strong one;
        a strong match hides a weak one."""
        spans: dict[tuple[int, int], tuple[bool, str, str]] = {}
        for match_id, start, end in self.matcher(doc):
            if end - start == 1 and (_is_capitalised_word(doc[start])
                                     or _model_suffix(doc, start)):
                continue
            if end < len(doc) and doc[end].lower_ == "daerah" and doc[end].is_title:
                continue  # 'Dewan Perwakilan Rakyat Daerah' is a regional parliament
            found = (match_id in self.weak_keys, self.match_types[match_id],
                     self.match_owners.get(match_id, ""))
            spans[(start, end)] = min(spans.get((start, end), found), found)
        strong = [(s, e, t, "kb") for (s, e), (w, t, _) in sorted(spans.items()) if not w]
        weak = [(s, e, t, "kb") for (s, e), (w, t, _) in sorted(spans.items()) if w]
        owners = {bounds: owner for bounds, (w, _, owner) in spans.items() if not w}
        return strong, weak, owners

    def _model_spans(self, doc: Doc, kb_spans: list[Candidate],
                     sure: list[Candidate]) -> list[Candidate]:
        """The model's spans, mended or dropped by what the knowledge base knows
        (`kb_spans`; `sure`: its names that denote one entity)."""
        kb_bounds = {(s, e) for s, e, _, _ in kb_spans}
        kb_types = {(s, e): t for s, e, t, _ in kb_spans}
        places = {(s, e) for s, e, t, _ in kb_spans if t == "GPE"}
        headline = _title_case_line(doc)
        named = {i for s, e, _, _ in kb_spans for i in range(s, e)} | {
            i for ent in doc.ents for i in range(ent.start, ent.end)}
        spans = []
        for ent in doc.ents:
            label = LABEL_TYPES.get(ent.label_)
            start, end = extend_hyphenated(doc, ent.start, ent.end)
            start, end = split_model_span(doc, *trim_span(doc, start, end), places,
                                           kb_bounds)
            start, end = without_owner(doc, *cut_to_known(doc, start, end, kb_bounds), kb_types)
            if label == "PERSON":
                start = after_leading_place(start, end, places)
                end = before_lowercase_word(doc, start, end)
            if label is not None:
                start, end, label = unglue_person(doc, start, end, label, kb_types)
            if label == "PERSON" and end - start > 1 and tail_type(doc, end - 1) == "ORG":
                label = "ORG"  # 'Alibaba Group', 'Falcon Pictures': a company
            if label == "PERSON" and start == ent.start and not headline:
                start = with_given_names(doc, start, named, (start, end) in kb_bounds)
            if label is not None and start < end:
                start, label = with_heirloom_kind(doc, start, end, label)
            if label is None or start >= end or tiled_by(doc, start, end, kb_types, label) \
                    or no_name(doc, start, end, kb_bounds):
                continue
            if end - start == 1 and _is_capitalised_word(doc[start]):
                continue  # 'Dikutip', 'Usai' opening a sentence: a word, not a name
            if (start, end) not in kb_bounds and (headline and _known_person_and_more(
                    start, end, sure) or _holds_common_word(doc, start, end) and (
                    headline or in_quoted_title(doc, start, end))):
                # 'Jokowi Cari Pengganti Wiranto', 'Jokowi Lantik Budi Gunawan' (the known
                # names in them remain), or a fragment of a quoted title, an event's theme
                continue
            spans += [(s, e, label, "model") for s, e in pair_parts(doc, start, end, label)]
        return join_hyphenated(doc, spans, kb_types)


def _without_mojibake(doc: Doc, spans: list[Candidate]) -> list[Candidate]:
    """Each span cut to its longest part free of mojibake marks ('‚Äì Pelatih' is 'Pelatih',
    'Achmad Tirtosudiro‚Äîyang' 'Achmad Tirtosudiro'; `tokenizer.MOJIBAKE_MARK`); a span
    that is only marks is dropped. A no-break space's mojibake is a space, so it ends a
    span but may stand inside one ('Bima¬†Sakti'). Most spans hold none and stay as they
    are."""
    kept = []
    for start, end, label, source in spans:
        while start < end and doc[start].text in MOJIBAKE_SPACES:
            start += 1
        while end > start and doc[end - 1].text in MOJIBAKE_SPACES:
            end -= 1
        if start >= end:
            continue
        marks = [i for i in range(start, end) if is_mojibake_mark(doc[i].text)
                 and doc[i].text not in MOJIBAKE_SPACES]
        if not marks:
            kept.append((start, end, label, source))
            continue
        bounds = [start - 1, *marks, end]
        first, last = max(zip(bounds, bounds[1:], strict=False),
                          key=lambda pair: pair[1] - pair[0])
        if last - first > 1:
            kept.append((first + 1, last, label, source))
    return kept


def _with_family_names(spans: list[Candidate],
                       family_names: set[tuple[int, int]]) -> list[Candidate]:
    """A person's name the model or the rules found, followed at once by a known person's
    family name (`family_names`: the last word of a known person's name, alone) is one
    longer name: in '... Ilham Akbar Habibie dan Tareq Kemal Habibie', 'Habibie' is Tareq
    Kemal's family name, not BJ Habibie. A nickname is no family name ('Budi Santoso
    Jokowi' stays two people)."""
    joined: list[Candidate] = []
    for start, end, label, source in spans:
        if joined and label == "PERSON" and (start, end) in family_names:
            first, last, kind, made_by = joined[-1]
            if last == start and kind == "PERSON" and made_by != "kb":
                joined[-1] = (first, end, kind, made_by)
                continue
        joined.append((start, end, label, source))
    return joined


def _organisation_and_person(doc: Doc, spans: list[Candidate],
                             kb_spans: list[Candidate]) -> list[Candidate]:
    """Each model or rule span that runs an organisation's name and a person's together
    after a title, as two spans ('Menteri ESDM Ignasius Jonan'; `glued`). The organisation
    part keeps the knowledge base's type and source when it is one of its names."""
    known = {i for s, e, t, _ in kb_spans if t != "PERSON" for i in range(s, e)}
    kb_names = {(s, e): t for s, e, t, _ in kb_spans}
    result: list[Candidate] = []
    for start, end, label, source in spans:
        parts = person_after_organisation(doc, start, end, known) \
            if source != "kb" and label in ("PERSON", "ORG") else None
        if parts is None:
            result.append((start, end, label, source))
            continue
        organisation_end, person_start = parts
        known_type = kb_names.get((start, organisation_end))
        result += [(start, organisation_end, known_type or "ORG", "kb" if known_type else source),
                   (person_start, end, "PERSON", source)]
    return result


def _title_case_line(doc: Doc) -> bool:
    """A headline in title case ('Jokowi Cari Pengganti Wiranto'): there capitals say
    nothing about names, so a model span holding an ordinary word is not a name. Most
    lines end with a full stop and are rejected at the first test."""
    return len(doc) <= HEADLINE_TOKENS and is_headline([t.text for t in doc[-3:]]) and \
        is_title_case((t.text, t.is_alpha) for t in doc)


def _known_person_and_more(start: int, end: int, kb_spans: list[Candidate]) -> bool:
    """True when a span holds a known person's name and words outside every known name:
    in a headline that is a clause ('Jokowi Lantik Budi Gunawan'), not a longer name."""
    inside = [(s, e, t) for s, e, t, _ in kb_spans if start <= s and e <= end]
    covered = {i for s, e, _ in inside for i in range(s, e)}
    return any(t == "PERSON" for _, _, t in inside) and len(covered) < end - start


def _holds_common_word(doc: Doc, start: int, end: int) -> bool:
    """True when a span holds an ordinary word that is no name's head or tail ('Cari',
    'Tersangka', 'Mundur', 'Kenang')."""
    common = common_words()
    return any(doc[i].lower_ in common and doc[i].lower_ not in OPENING_HEADS
               and doc[i].lower_ not in TAILS and doc[i].lower_ not in CONNECTORS
               for i in range(start, end))


def _with_pair_partners(doc: Doc, spans: list[Candidate]) -> list[Candidate]:
    """`spans` and the other sides of the hyphenated pairs only one side of which they hold,
    and the acronyms defined in brackets right after them."""
    taken = {i for start, end, _, _ in spans for i in range(start, end)}
    partners: list[Candidate] = []
    _choose(pair_partners(doc, spans, taken) + bracketed_acronyms(doc, spans, taken),
            partners, taken)
    return sorted(spans + partners) if partners else spans


def _choose(candidates: list[Candidate], chosen: list[Candidate], taken: set[int]) -> None:
    """Add non-overlapping candidates: longest first; on equal length KB, model, rules."""
    for start, end, label, source in sorted(
            candidates, key=lambda c: (c[0] - c[1], _PRIORITY[c[3]], c[0], c[2])):
        if not taken.intersection(range(start, end)):
            chosen.append((start, end, label, source))
            taken.update(range(start, end))


def _model_suffix(doc: Doc, index: int) -> bool:
    """Token `index` ends a product's model name after its number ('XL' of 'Pixel 4 XL',
    'GT' of 'Redmi 9 GT'): no company's acronym, though it is spelt like one; after an
    ordinary word and a number it is one ('Pasal 5 KUHP', 'tahun 2019 XL')."""
    return (index >= 2 and doc[index].is_upper and doc[index - 1].is_digit
            and doc[index - 2].is_alpha and doc[index - 2].text[:1].isupper()
            and not doc[index - 2].is_upper and doc[index - 2].lower_ not in common_words())


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


# Parliaments ('DPR', 'DPRD Jawa Barat') and the words that open the names of their
# commissions and boards ('Komisi VII', 'Badan Legislasi', 'Pansus Angket').
_PARLIAMENTS = frozenset("dpr dprd mpr dpd".split())
_PARLIAMENT_BODY_HEADS = frozenset("komisi badan pansus panja panitia fraksi".split())


def _attach_heads(doc: Doc, spans: list[Candidate], taken: set[int]) -> list[Candidate]:
    """Known names inside longer names: 'Lapangan' + a person is a place named after them
    ('Lapangan Kim Il Sung'); a head word + a known name + more name words is one name
    ('Partai Britain First'); a known name + words ending in an organisation or place noun
    is one name ('Trump National Golf Club'); a state organ + a country is one organisation
    ('Departemen Luar Negeri AS'), while 'Universitas Nasional Kongju' + 'Korea Selatan'
    stay two; an organisation + 'Indonesia' is one ('Serikat Petani Indonesia'). A body
    named only by ordinary words before an organisation is part of it and makes no name of
    its own ('Dewan Pimpinan Pusat' + 'Partai Demokrat', 'Kantor Wilayah' + a ministry)."""
    result: list[Candidate] = []
    for index, (start, end, label, source) in enumerate(spans):
        following = spans[index + 1] if index + 1 < len(spans) else None
        adjacent = following if following is not None and following[0] == end else None
        head = doc[start - 1] if start > 0 else None
        continued = adjacent is not None and adjacent[3] == "rule"
        if (source == "rule" and adjacent is not None and adjacent[2] == "ORG"
                and _only_a_board(doc, start, end)):
            continue
        if (head is not None and head.i not in taken and label in ("GPE", "LOC")
                and _regional_body(head, doc[start])):
            result.append((start - 1, end, "ORG", "rule"))  # 'Pemprov Jawa Barat'
            continue
        if (head is not None and result and result[-1][1] == start and result[-1][3] != "kb"
                and label in ("GPE", "LOC") and _regional_body(head, doc[start])):
            # 'Aula Gawat Darurat Polres' + 'Boyolali': the precinct's hall; the precinct
            # is the name, the words before it a description; a commission's name is no
            # description ('Komisi III DPRD' + 'Kabupaten Bogor')
            first = (result[-1][0] if doc[result[-1][0]].lower_ in _PARLIAMENT_BODY_HEADS
                     else start - 1)
            result[-1] = (first, end, "ORG", "rule")
            continue
        if (head is not None and head.i not in taken and head.text[:1].isupper()
                and head.lower_ in HEADS and (label == "PERSON" or continued)):
            kind = "LOC" if head.lower_ in LOC_HEADS else "ORG"
            result.append((start - 1, end, kind, "rule"))
            continue
        if result and result[-1][1] == start and source == "rule" and tail_type(doc, end - 1):
            result[-1] = (result[-1][0], end, tail_type(doc, end - 1), "rule")
            continue
        if result and result[-1][1] == start and result[-1][3] == "rule" and (
                result[-1][0] < start - 1 and doc[result[-1][0]].lower_ in HEADS
                and source == "rule"):
            result[-1] = (result[-1][0], end, result[-1][2], "rule")  # ... 'Britain' + 'First'
            continue
        if result and _body_of_parliament(doc, result[-1], (start, end, label, source)):
            body_source = "rule" if result[-1][3] == "kb" else result[-1][3]
            result[-1] = (result[-1][0], end, "ORG", body_source)  # 'Komisi VII' + 'DPR'
            continue
        if (result and label == "GPE" and result[-1][1] == start and result[-1][2] == "ORG"
                and result[-1][3] != "kb" and (doc[result[-1][0]].lower_ in STATE_ORGAN_HEADS
                                               or doc[start:end].text.lower() in NATIONAL_NAMES)):
            result[-1] = (result[-1][0], end, "ORG", result[-1][3])
            continue
        result.append((start, end, label, source))
    return result


# Words that make a country's or city's name the name of a tournament held there
# ('Indonesia Terbuka', 'Australia Terbuka': the Indonesian and Australian Open; 'Malaysia
# Masters').
_TOURNAMENT_AFTER_PLACE = frozenset("terbuka open masters".split())


def _tournaments_named_by_place(doc: Doc, spans: list[Candidate]) -> list[Candidate]:
    """A place followed by 'Terbuka' ('Open') or 'Masters' is a tournament, an event, not
    the place: 'tersingkir dari Australia Terbuka' names no country; so is a place name the
    model found with that word ('New Zealand Open')."""
    result = []
    for index, (start, end, label, source) in enumerate(spans):
        following = spans[index + 1][0] if index + 1 < len(spans) else len(doc)
        if label in ("GPE", "LOC") and end < following and _tournament_word(doc[end]):
            result.append((start, end + 1, "EVENT", "rule"))
        elif label in ("GPE", "LOC") and end - start > 1 and _tournament_word(doc[end - 1]):
            result.append((start, end, "EVENT", source))
        else:
            result.append((start, end, label, source))
    return result


def _tournament_word(token: Any) -> bool:
    """'Terbuka', 'Open' or 'Masters', capitalised, as it names a tournament."""
    return bool(token.is_title) and token.lower_ in _TOURNAMENT_AFTER_PLACE


def _body_of_parliament(doc: Doc, body: Candidate, parliament: Candidate) -> bool:
    """A commission or board found on its own right before its parliament is one name
    with it ('Komisi VII' + 'DPR', 'Badan Legislasi' + 'DPR', 'Komisi A' + 'DPRD Jawa
    Barat'): the commission of that parliament, not a second body beside it. A known
    commission's name is a weak one ('Komisi III' of DPR): before a regional parliament it
    is that parliament's ('Komisi III' + 'DPRD Kabupaten Bogor')."""
    return (body[1] == parliament[0] and body[2] == "ORG"
            and parliament[2] == "ORG" and doc[body[0]].lower_ in _PARLIAMENT_BODY_HEADS
            and doc[parliament[0]].lower_ in _PARLIAMENTS)


def _only_a_board(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end are only ordinary words, heads of names and words of offices, one
    of them naming a board or branch ('Dewan Pimpinan Pusat', 'Kantor Wilayah'): they name no
    one body. A faculty ('Fakultas Ekonomi' + 'Universitas Indonesia') is a body of its own."""
    common = common_words()
    if not any(doc[i].lower_ in BRANCH_WORDS for i in range(start, end)):
        return False
    return all(doc[i].lower_ in common or doc[i].lower_ in HEADS or doc[i].lower_ in OFFICE_WORDS
               for i in range(start, end))


def _regional_body(head: Any, first: Any) -> bool:
    """A government, police, military or court body named by its region: 'Pemprov' +
    'Jawa Barat', 'Polda' + 'Jawa Timur', 'Pemerintah' + 'Provinsi Jawa Barat'."""
    if not head.text[:1].isupper():
        return False
    word = head.lower_
    return word in REGIONAL_BODY_HEADS or (word == "pemerintah"
                                           and first.lower_ in REGION_WORDS)


@Language.factory("graphkit_entities", default_config={"propose": "all"})
def make_entity_combiner(nlp: Language, name: str, propose: str) -> EntityCombiner:
    return EntityCombiner(nlp.vocab, propose)

