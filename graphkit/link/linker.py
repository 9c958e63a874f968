"""The linker: resolve every mention of a corpus to a canonical entity, trying the rules of
graphkit.link.rules in their order."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..ner.propose import HEADS, LOC_HEADS, common_words
from ..types import Entity, Extraction, LinkedMention, Mention
from .curated import apply_after_linking, curate_entities, is_ignored, overridden_target
from .curation import Curation
from .fuzzy import FUZZY_MIN_LENGTH, FuzzyIndex, indexable, one_typo_apart
from .kb import KnowledgeBase
from .names import (
    UNIT_ID_PREFIXES,
    is_acronym,
    is_strippable_title,
    is_syllabic_abbreviation,
    mixes_scripts,
    name_key,
    normalize_name,
    place_key,
    strip_titles,
)
from .records import Linking, Record, majority_type, new_id
from .rules import certainty
from .shortforms import LongerNames, abbreviates, compatible, headline_sentence, short_form_types
from .variants import VariantIndex

log = logging.getLogger("graphkit")
# A full name mentioned once is too little to call another document's bare 'Muhamad' that
# person: a corpus-wide short form needs its full name mentioned at least this often.
_CORPUS_EVIDENCE = 2
# Head words that name a kind of body, not one body: alone ('anggota Komisi III', 'pihak
# Kementerian') they never link to a specific entity, and make no node.
GENERIC_HEADS = frozenset(
    """
    komisi kementerian partai pemerintah pengadilan badan dewan lembaga departemen kantor
    majelis mahkamah kejaksaan kepolisian universitas institut yayasan perusahaan organisasi
    """.split())
# Head words of places that stand alone for the one such place a document names ('Istana'
# for 'Istana Negara', 'Mako' (markas komando) for 'Mako Brimob').
PLACE_HEADS = LOC_HEADS | frozenset("mako mapolres mapolda rutan lapas".split())
# Rules that link a shorter name to a longer one: their mentions' types say nothing about
# the longer name's type.
SHORT_FORM_RULES = frozenset(
    ("acronym", "alias", "initials", "short-form", "acronym-elsewhere", "corpus-short-form"))
_FIRST_WORD = re.compile(r"\w")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
# 'Oesman Sapta Odang alias OSO', 'Hery Susanto Gun alias Abun': the next name is another
# name of the same one
_ALIAS_AFTER = re.compile(r"\s*,?\s*(?:alias|a\.k\.a\.?)\s+", re.IGNORECASE)


@dataclass
class _Linker:
    kb: KnowledgeBase | None
    curation: Curation
    documents: dict[str, Extraction]
    records: list[Record]
    types: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    acronyms: dict[str, dict[str, tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(dict))
    aliases: dict[str, dict[str, tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(dict))  # doc -> name key -> (target, definition)
    full_counts: Counter[str] = field(default_factory=Counter)
    corpus_acronyms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    fuzzy: FuzzyIndex = field(default_factory=FuzzyIndex)
    variants: VariantIndex = field(default_factory=VariantIndex)
    by_doc: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    majority: dict[str, str] = field(default_factory=dict)  # target -> _majority_type
    # the types of each target's own names, short forms left out: what a short form may
    # stand for is fixed by the full name ('Vinales' typed ORG twice must not turn
    # 'Maverick Vinales' into an organisation that later 'Vinales' cannot shorten)
    name_types: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # (computed when asked for and dropped when the target's types change: _set runs for
    # every mention, _type far less often)
    kb_types: dict[str, str] = field(init=False)  # knowledge-base id -> its type
    _context: dict[str, str] = field(default_factory=dict)
    _whys: dict[str, str] = field(default_factory=dict)
    _ids: dict[str, str] = field(default_factory=dict)  # name key -> new_id(key)
    _headlines: dict[str, int] = field(default_factory=dict)  # doc -> its headline, or -1

    def __post_init__(self) -> None:
        self.kb_types = {id_: e.type for id_, e in self.kb.entities.items()} if self.kb else {}

    def run(self) -> None:
        for record in self.records:
            self.by_doc[record.mention.doc].append(record)
            self._link_curated_or_kb(record)
        if self.kb:
            for key, owner in self.kb.strong.items():
                self.variants.add(tuple(key.split()), owner)
                if indexable(tuple(key.split())):
                    self.fuzzy.add(tuple(key.split()), owner)
        for record in self.records:
            if len(record.tokens) > 1 or record.target:
                self.full_counts[record.target or self._id(record.key)] += 1
        deferred = []
        for doc_records in self.by_doc.values():
            deferred += self._link_document(doc_records)
        full_names = self._full_name_index()
        self.corpus_acronyms = {}
        for doc in sorted(self.acronyms):  # the first document to define it wins
            for acronym, found in self.acronyms[doc].items():
                self.corpus_acronyms.setdefault(acronym, []).append(found)
        for record in sorted(deferred, key=lambda r: -len(r.tokens)):
            self._link_from_corpus(record, full_names)
            if len(record.tokens) > 1 and not self._headline(record):
                full_names[record.tokens[0]].append(record)
                full_names[record.tokens[-1]].append(record)

    def _set(self, record: Record, target: str, how: str, why: str) -> None:
        record.target, record.how = target, how
        record.why = self._whys.setdefault(why, why)  # one copy of each distinct reason
        self.types[target][record.mention.type] += 1
        if how not in SHORT_FORM_RULES:
            self.name_types[target][record.mention.type] += 1
        self.majority.pop(target, None)
        if how in ("kb", "new"):
            self.variants.add(record.tokens, target)
            if indexable(record.tokens):
                self.fuzzy.add(record.tokens, target)

    def _link_curated_or_kb(self, record: Record) -> None:
        target, why = overridden_target(self.curation, record, self._id)
        if target:
            self._set(record, target, "curation", why)
            return
        owner = self._kb_owner(record)
        if owner and self.kb:
            source = self.kb.entities[owner].source
            self._set(record, owner, "kb", f"knowledge-base name of {owner} ({source})")

    def _kb_owner(self, record: Record) -> str:
        """The entity a sure knowledge-base name denotes: the one the ruler matched (carried
        on the mention), else the owner of the mention's name (a model's span, or a name
        with a title before it)."""
        if not self.kb:
            return ""
        if record.mention.kb_id in self.kb.entities:
            return record.mention.kb_id
        return self.kb.strong.get(record.key, "")

    def _link_document(self, records: list[Record]) -> list[Record]:
        """Link acronyms, short forms and full names using the document itself."""
        self._find_acronyms(records)
        deferred = []
        longer: dict[int, LongerNames] = {}  # linked records with more words than n
        for record in sorted(records, key=lambda r: -len(r.tokens)):
            if record.target:
                continue
            acronym_of = self.acronyms[record.mention.doc].get(record.mention.text)
            if acronym_of:
                self._set(record, acronym_of[0], "acronym",
                          f"acronym defined in the document: {acronym_of[1]}")
                continue
            alias_of = self.aliases[record.mention.doc].get(record.key)
            if alias_of:
                self._set(record, alias_of[0], "alias",
                          f"another name given in the document: {alias_of[1]}")
                continue
            initials_of, name = self._initials_target(record, records)
            if initials_of:
                self._set(record, initials_of, "initials",
                          f"the initials of {name!r} in the same document")
                continue
            n = len(record.tokens)
            if n not in longer:  # records are linked longest first: fixed for this length
                longer[n] = LongerNames([r for r in records if r.target and len(r.tokens) > n
                                         and not self._headline(r)])
            target, name = self._short_form_target(record, longer[n].sharing_ends(record))
            if target:
                self._set(record, target, "short-form",
                          f"short form of {name!r} in the same document")
            elif len(record.tokens) > 1 and not self._is_weak(record):
                self._link_full_name(record)
            else:
                deferred.append(record)
        return deferred

    def _link_full_name(self, record: Record) -> None:
        if self._link_variant(record):
            return
        fuzzy, name = self._fuzzy_target(record)
        if fuzzy:
            self._set(record, fuzzy, "fuzzy", f"one letter away from {name!r}")
        else:
            self._set(record, self._id(record.key), "new",
                      "not in the knowledge base; merged with the same name elsewhere")

    def _find_acronyms(self, records: list[Record]) -> None:
        """'Pengadilan Kriminal Internasional (ICC)': ICC names what precedes it; in
        'Hery Susanto Gun alias Abun', Abun names him too."""
        starting = {(r.mention.sentence, r.mention.start): r for r in records}
        for record in records:
            mention = record.mention
            if len(record.tokens) < 2:
                continue
            start, text = self._sentence(mention.doc, mention.sentence)
            target = record.target or self._id(record.key)
            match = _ACRONYM_AFTER.match(text, mention.end - start)
            if match and (is_acronym(match.group(1)) or
                          is_syllabic_abbreviation(match.group(1), record.tokens)):
                definition = f"{mention.text} ({match.group(1)})"
                self.acronyms[mention.doc].setdefault(match.group(1), (target, definition))
            match = _ALIAS_AFTER.match(text, mention.end - start)
            alias = match and starting.get((mention.sentence, start + match.end()))
            if alias and alias.key != record.key:
                definition = f"{mention.text} alias {alias.mention.text}"
                self.aliases[mention.doc].setdefault(alias.key, (target, definition))

    def _initials_target(self, record: Record, records: list[Record]) -> tuple[str, str]:
        """(target, name) of the one person of the document whose initials a capitalised
        short word spells ('HSG' after 'Hery Susanto Gun'); ('', '') when none or several."""
        text = record.mention.text
        if not (2 <= len(text) <= 4 and text.isalpha() and text.isupper()):
            return "", ""
        initials = text.casefold()
        found = {r.target: r.mention.text for r in records
                 if r.target and len(r.tokens) == len(initials)
                 and "".join(t[0] for t in r.tokens) == initials
                 and self.name_type(r.target) == "PERSON" and not self._headline(r)}
        return next(iter(found.items())) if len(found) == 1 else ("", "")

    def _short_form_target(self, record: Record,
                           longer: Sequence[Record]) -> tuple[str, str]:
        """The longer name in the document this mention abbreviates, if exactly one fits best."""
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        types: dict[str, str] = {}  # target -> its type (fixed during this loop)
        for other in longer:
            if len(other.tokens) <= len(record.tokens):
                continue
            full_type = types.get(other.target)
            if full_type is None:
                full_type = types[other.target] = self.name_type(other.target)
            if full_type == "PERSON" and (self._not_a_person(record) or (
                    record.mention.type in ("GPE", "LOC")
                    and other.tokens[:len(record.tokens)] != record.tokens)):
                continue  # a place word ends organisations NER took for people
                # ('Mapolres Dharmasraya'); typed a place, only a given name shortens one
            if (short_form_types(record.mention.type, full_type) and abbreviates(
                    record, other, full_type, middle=record.mention.type == "PERSON")) or \
                    _bare_head(record, other, full_type):
                counts[other.target] += 1
                names.setdefault(other.target, other.mention.text)
        target = self._best(record, counts)
        return target, names.get(target, "")

    def _best(self, record: Record, counts: Counter[str]) -> str:
        """The most mentioned candidate; ties broken by the KB's weak alias, then corpus-wide."""
        if not counts:
            return ""
        weak = set(self.kb.weak.get(record.key, ())) if self.kb else set()
        ranked = sorted(counts, key=lambda t: (-counts[t], t not in weak,
                                               -self.full_counts[t], t))
        first = ranked[0]
        if len(ranked) > 1:
            second = ranked[1]
            key = (counts[first], first in weak, self.full_counts[first])
            if key == (counts[second], second in weak, self.full_counts[second]):
                return ""  # unsure: keep a separate node
        return first

    def _not_a_person(self, record: Record) -> bool:
        """True for a name that is no person's short form: it opens with the head word of
        an organisation or place ('Partai Demokrat' is not the last words of a person named
        'Erwan Partai Demokrat'), or the knowledge base knows it only as something else
        ('Demokrat', 'Yamaha')."""
        if record.tokens[0] in HEADS:
            return True
        if not self.kb:
            return False
        owner = self.kb.strong.get(record.key)
        owners = (owner,) if owner else self.kb.weak.get(record.key, ())
        kinds = {self.kb_types[c] for c in owners}
        return bool(kinds) and "PERSON" not in kinds

    def _is_weak(self, record: Record) -> bool:
        return bool(self.kb and record.key in self.kb.weak)

    def _full_name_index(self) -> dict[str, list[Record]]:
        index: dict[str, list[Record]] = defaultdict(list)
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for record in self.records:
            if len(record.tokens) > 1 and record.target and \
                    (record.target, record.tokens) not in seen and not self._headline(record):
                seen.add((record.target, record.tokens))
                index[record.tokens[0]].append(record)
                index[record.tokens[-1]].append(record)
        return index

    def _link_from_corpus(self, record: Record, full_names: dict[str, list[Record]]) -> None:
        """Short forms a document never spells out, weak KB aliases, misspellings, new names."""
        if record.mention.text in self.corpus_acronyms:
            (target, definition), *others = self.corpus_acronyms[record.mention.text]
            self._set(record, target, "acronym-elsewhere",
                      f"acronym defined in another document: {definition}")
            record.alternative = " | ".join(sorted({d for t, d in others if t != target}))
            return
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        # a word NER could not type ('Muslim') is no evidence of a person in another document
        if record.mention.type == "PERSON" or (record.mention.type == "MISC"
                                               and len(record.tokens) > 1):
            first, last = record.tokens[0], record.tokens[-1]  # one word: the same list
            # a full name is listed under its first and last word, so one word always
            # abbreviates the names listed under it
            one_word = len(record.tokens) == 1
            people: dict[str, bool] = {}  # target -> is a person (fixed during this loop)
            for other in full_names.get(first, []) + (
                    full_names.get(last, []) if last != first else []):
                target = other.target
                person = people.get(target)
                if person is None:
                    person = people[target] = self.name_type(target) == "PERSON"
                if person and target not in counts and not self._not_a_person(record) and \
                        (one_word or abbreviates(record, other, "PERSON")):
                    counts[target] = self.full_counts[target]
                    names[target] = other.mention.text
        if len(counts) == 1 and self.full_counts[next(iter(counts))] >= _CORPUS_EVIDENCE:
            # two people sharing a name are never merged: when unsure, apart
            target = next(iter(counts))
            self._set(record, target, "corpus-short-form",
                      f"short form of {names[target]!r}, the corpus's only such name "
                      f"({self.full_counts[target]} mentions)")
            return
        if counts:
            record.alternative = " | ".join(sorted(names.values()))
        target = self._weak_kb_target(record)
        if target:
            self._set(record, target, "kb-weak", f"ambiguous name; {target} fits the "
                                                 "type and the document's context")
            return
        if (len(record.tokens) > 1 or not self._is_weak(record)) and self._link_variant(record):
            return
        if len(record.tokens) > 1 or not self._is_weak(record):
            fuzzy, name = self._fuzzy_target(record)
            if fuzzy:
                self._set(record, fuzzy, "fuzzy", f"one letter away from {name!r}")
                return
        why = "ambiguous name without enough context; kept apart" if self._is_weak(record) \
            else "not in the knowledge base; merged with the same name elsewhere"
        self._set(record, self._id(record.key), "new", why)

    def _headline(self, record: Record) -> bool:
        """True for a mention in its document's headline: a headline's capitals say
        nothing about names ('Jokowi Cari Pengganti Wiranto'), so it is never the full
        name a short form stands for."""
        doc = record.mention.doc
        found = self._headlines.get(doc)
        if found is None:
            extraction = self.documents.get(doc)
            found = self._headlines[doc] = headline_sentence(extraction) if extraction else -1
        return record.mention.sentence == found

    def _sentence(self, doc: str, index: int) -> tuple[int, str]:
        """(start offset, text) of a document's sentence; (0, '') if unknown."""
        extraction = self.documents.get(doc)
        if extraction is None:
            return 0, ""
        sentences = extraction.sentences
        if 0 <= index < len(sentences) and sentences[index].index == index:
            return sentences[index].start, sentences[index].text
        found = next((s for s in sentences if s.index == index), None)
        return (found.start, found.text) if found else (0, "")

    def _context_text(self, doc: str) -> str:
        """The document's normalised text (its sentences), padded for word lookups."""
        if doc not in self._context:
            parts = [self._sentence(doc, r.mention.sentence)[1] for r in self.by_doc[doc]]
            self._context[doc] = " " + normalize_name(" ".join(dict.fromkeys(parts))) + " "
        return self._context[doc]

    def _weak_kb_target(self, record: Record) -> str:
        """A weak alias links when one candidate fits the type and the document's context."""
        if not self.kb or record.key not in self.kb.weak:
            return ""
        candidates = [c for c in self.kb.weak[record.key]
                      if compatible(record.mention.type, self.kb.entities[c].type)]
        if len(candidates) == 1:
            record.alternative = " | ".join(c for c in self.kb.weak[record.key]
                                            if c != candidates[0])
            return candidates[0]
        text = self._context_text(record.mention.doc)
        doc_targets = {r.target for r in self.by_doc[record.mention.doc]}
        scores = Counter({c: sum(1 for word in self.kb.entities[c].context
                                 if word in doc_targets or f" {normalize_name(word)} " in text)
                          for c in candidates})
        ranked = scores.most_common(2)
        if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            record.alternative = " | ".join(c for c in candidates if c != ranked[0][0])
            return ranked[0][0]
        return ""

    def _link_variant(self, record: Record) -> bool:
        """Link a spelling variant of exactly one known name of a fitting type ('Sukarno'
        for 'Soekarno', 'Mega Wati' for 'Megawati', 'Laode M Syarif' for 'Laode Muhammad
        Syarif'); two candidates or none: False."""
        if len("".join(record.tokens)) < 5:
            return False
        found = {target: name for target, name in self.variants.variants(record.tokens).items()
                 if compatible(record.mention.type, self.name_type(target))}
        if len(found) != 1:
            return False
        target, name = next(iter(found.items()))
        self._set(record, target, "spelling", f"another spelling of {' '.join(name)!r}")
        return True

    def _fuzzy_target(self, record: Record) -> tuple[str, str]:
        """A misspelling of a known name: one long token off by one edit, the rest equal."""
        typed = len(record.tokens) == 1  # in longer names the identical words are evidence
        common = common_words()
        if any(word in common for word in record.tokens if len(word) >= FUZZY_MIN_LENGTH):
            return "", ""  # 'Perang' (war) is a word, not a misspelt 'Penang'
        found = {target: " ".join(tokens) for tokens, target in self.fuzzy.near(record.tokens)
                 .items() if tokens != record.tokens and one_typo_apart(record.tokens, tokens)
                 and (not typed or compatible(record.mention.type, self.type_of(target)))}
        if len(found) == 1:
            return next(iter(found.items()))
        return "", ""

    def type_of(self, target: str) -> str:
        kb_type = self.kb_types.get(target)
        if kb_type is not None:
            return kb_type
        found = self.majority.get(target)
        if found is None:
            types = self.types.get(target)
            found = self.majority[target] = majority_type(types) if types else "MISC"
        return found

    def name_type(self, target: str) -> str:
        """The type of a target as its own names have it (short forms left out)."""
        types = self.name_types.get(target)
        if target in self.kb_types or not types:
            return self.type_of(target)
        return majority_type(types)

    def _id(self, key: str) -> str:
        """`new_id(key)`, once per distinct key."""
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = new_id(key)
        return found


def link_mentions(extractions: Iterable[Extraction], kb: KnowledgeBase | None,
                  curation: Curation | None = None) -> Linking:
    """Link every mention of the corpus to a canonical entity (deterministic)."""
    curation = curation or Curation()
    documents: dict[str, Extraction] = {}
    records = []
    for extraction in extractions:
        documents[extraction.doc.id] = extraction
        openings = _sentence_openings(extraction)
        for mention in extraction.mentions:
            key = _mention_key(mention, kb)
            if key and key not in GENERIC_HEADS and not is_ignored(curation, key) and not (
                    mention.start in openings and _ordinary_word(mention, key)) and not (
                    is_strippable_title(key)):
                records.append(Record(mention, key, tuple(key.split())))
    linker = _Linker(kb, curation, documents, records)
    linker.run()
    resolve = apply_after_linking(records, kb, curation)
    _warn_mixed_scripts(records)
    entities = curate_entities(_entities(linker), resolve, curation)
    return Linking(entities, tuple(
        LinkedMention(r.mention, r.target, r.how, r.why, r.alternative, certainty(r.how))
        for r in records))


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
    kind = UNIT_ID_PREFIXES.get(unit)
    owners = kb.candidates(rest)
    if owners and not (kind and any(owner.startswith(kind) for owner in owners)):
        return key
    return rest


def _bare_head(short: Record, full: Record, full_type: str) -> bool:
    """'Istana' alone for the document's 'Istana Negara', 'Mako' for its 'Mako Brimob': a
    place's head word standing for the one such place the document names (whatever NER
    typed it: a head word is no one's name)."""
    return (full_type == "LOC" and len(short.tokens) == 1
            and short.tokens[0] == full.tokens[0] and short.tokens[0] in PLACE_HEADS)


def _sentence_openings(extraction: Extraction) -> set[int]:
    """Where each sentence's first word starts (after opening quotes and brackets)."""
    openings = set()
    for sentence in extraction.sentences:
        found = _FIRST_WORD.search(sentence.text)
        if found:
            openings.add(sentence.start + found.start())
    return openings


def _ordinary_word(mention: Mention, key: str) -> bool:
    """True for one ordinary word that NER took for a name only because it opens a sentence
    ('Terlihat juga ada seorang tuna netra', '" Melepas burung ...'): a sentence's capital
    says nothing, and the knowledge base did not match it."""
    return mention.source != "kb" and " " not in key and key in common_words() and \
        not mention.text.isupper()


def _entities(linker: _Linker) -> dict[str, Entity]:
    """One entity per target: a knowledge-base entity keeps its label and type; a new one
    takes its longest (then most frequent) name without titles and its mentions' type."""
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for record in linker.records:
        surfaces[record.target][record.mention.text] += 1
    entities = {}
    for target, forms in sorted(surfaces.items()):
        aliases = tuple(sorted(forms, key=lambda s: (-forms[s], s)))
        kb_entity = linker.kb.entities.get(target) if linker.kb else None
        if kb_entity:
            entities[target] = Entity(target, kb_entity.label, kb_entity.type, target, "kb",
                                      aliases)
        else:
            label = max(aliases, key=lambda s: (len(s.split()), forms[s], s))
            entities[target] = Entity(target, strip_titles(label), linker.type_of(target), "",
                                      "new", aliases)
    return entities


def _warn_mixed_scripts(records: Iterable[Record]) -> None:
    """Say which names mix scripts in one word ('Рutin' with a Cyrillic 'Р'): they are
    never merged with the Latin name they look like, so a look-alike letter (a spoof, or
    text pasted from another keyboard) gives its own node, and the user can merge it."""
    mixed = sorted({(r.mention.text, r.target) for r in records
                    if not r.key.isascii() and mixes_scripts(r.key)})
    for text, target in mixed:
        log.warning("%r mixes letters of different scripts in one word (a look-alike "
                    "letter?); kept as its own node %s, never merged with the name it "
                    "looks like: merge them in graphkit.yaml if they are one", text, target)


