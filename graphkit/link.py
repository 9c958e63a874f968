"""Resolve mentions to canonical entities: knowledge base, acronyms, short forms, fuzzy, new."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from .kb import KnowledgeBase
from .names import is_acronym, normalize_name, slugify, strip_titles
from .types import Entity, Extraction, LinkedMention, Mention

# How a mention was linked, from most to least certain.
HOW = ("kb", "acronym", "short-form", "corpus-short-form", "kb-weak", "fuzzy", "new")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_FUZZY_MIN_LENGTH = 6
_SPECIFIC_TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT")


@dataclass
class _Record:
    """A mention being linked, with its normalised name."""

    mention: Mention
    key: str
    tokens: tuple[str, ...]
    target: str = ""
    how: str = ""


@dataclass(frozen=True)
class Linking:
    """The linker's result: canonical entities and every mention's link."""

    entities: dict[str, Entity]
    mentions: tuple[LinkedMention, ...]


@dataclass
class _Linker:
    kb: KnowledgeBase | None
    texts: dict[str, str]
    records: list[_Record]
    types: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    acronyms: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    full_counts: Counter[str] = field(default_factory=Counter)

    def run(self) -> None:
        for record in self.records:
            owner = self.kb.strong.get(record.key) if self.kb else None
            if owner:
                self._set(record, owner, "kb")
        for record in self.records:
            if len(record.tokens) > 1 or record.target:
                self.full_counts[record.target or _new_id(record.key)] += 1
        by_doc: dict[str, list[_Record]] = defaultdict(list)
        for record in self.records:
            by_doc[record.mention.doc].append(record)
        deferred = []
        for doc_records in by_doc.values():
            deferred += self._link_document(doc_records)
        full_names = self._full_name_index()
        for record in sorted(deferred, key=lambda r: -len(r.tokens)):
            self._link_from_corpus(record, full_names)
            if len(record.tokens) > 1:
                full_names[record.tokens[0]].append(record)
                full_names[record.tokens[-1]].append(record)

    def _set(self, record: _Record, target: str, how: str) -> None:
        record.target, record.how = target, how
        self.types[target][record.mention.type] += 1

    def _link_document(self, records: list[_Record]) -> list[_Record]:
        """Link acronyms and short forms using the document's own longer names."""
        self._find_acronyms(records)
        deferred = []
        for record in sorted(records, key=lambda r: -len(r.tokens)):
            if record.target:
                continue
            acronym_of = self.acronyms[record.mention.doc].get(record.mention.text)
            if acronym_of:
                self._set(record, acronym_of, "acronym")
                continue
            target = self._short_form_target(record, [r for r in records if r.target])
            if target:
                self._set(record, target, "short-form")
            elif len(record.tokens) > 1 and not self._is_weak(record):
                fuzzy = self._fuzzy_target(record)
                self._set(record, fuzzy or _new_id(record.key), "fuzzy" if fuzzy else "new")
            else:
                deferred.append(record)
        return deferred

    def _find_acronyms(self, records: list[_Record]) -> None:
        """'Pengadilan Kriminal Internasional (ICC)': ICC names what precedes it."""
        for record in records:
            mention = record.mention
            match = _ACRONYM_AFTER.match(self.texts.get(mention.doc, ""), mention.end)
            if match and len(record.tokens) > 1 and is_acronym(match.group(1)):
                target = record.target or _new_id(record.key)
                self.acronyms[mention.doc].setdefault(match.group(1), target)

    def _short_form_target(self, record: _Record, longer: Sequence[_Record]) -> str:
        """The longer name in the document this mention abbreviates, if exactly one fits best."""
        counts: Counter[str] = Counter()
        for other in longer:
            full_type = self._type(other.target)
            if len(other.tokens) > len(record.tokens) and _short_form_types(
                    record.mention.type, full_type) and _abbreviates(record, other, full_type):
                counts[other.target] += 1
        return self._best(record, counts)

    def _best(self, record: _Record, counts: Counter[str]) -> str:
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

    def _is_weak(self, record: _Record) -> bool:
        return bool(self.kb and record.key in self.kb.weak)

    def _full_name_index(self) -> dict[str, list[_Record]]:
        index: dict[str, list[_Record]] = defaultdict(list)
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for record in self.records:
            if len(record.tokens) > 1 and record.target and \
                    (record.target, record.tokens) not in seen:
                seen.add((record.target, record.tokens))
                index[record.tokens[0]].append(record)
                index[record.tokens[-1]].append(record)
        return index

    def _link_from_corpus(self, record: _Record, full_names: dict[str, list[_Record]]) -> None:
        """Short forms a document never spells out, weak KB aliases, misspellings, new names."""
        for doc_acronyms in self.acronyms.values():
            if record.mention.text in doc_acronyms:
                self._set(record, doc_acronyms[record.mention.text], "acronym")
                return
        counts: Counter[str] = Counter()
        if record.mention.type in ("PERSON", "MISC"):
            for other in full_names.get(record.tokens[0], []) + \
                    full_names.get(record.tokens[-1], []):
                if self._type(other.target) == "PERSON" and _abbreviates(record, other, "PERSON"):
                    counts[other.target] = self.full_counts[other.target]
        target = self._best(record, counts)
        if target:
            self._set(record, target, "corpus-short-form")
            return
        target = self._weak_kb_target(record)
        if target:
            self._set(record, target, "kb-weak")
            return
        target = self._fuzzy_target(record)
        if target:
            self._set(record, target, "fuzzy")
            return
        self._set(record, _new_id(record.key), "new")

    def _weak_kb_target(self, record: _Record) -> str:
        """A weak alias links when one candidate fits the type and the document's context."""
        if not self.kb or record.key not in self.kb.weak:
            return ""
        candidates = [c for c in self.kb.weak[record.key]
                      if _compatible(record.mention.type, self.kb.entities[c].type)]
        if len(candidates) == 1:
            return candidates[0]
        text = normalize_name(self.texts.get(record.mention.doc, ""))
        doc_targets = {r.target for r in self.records if r.mention.doc == record.mention.doc}
        scores = Counter({c: sum(1 for word in self.kb.entities[c].context
                                 if word in doc_targets or normalize_name(word) in text)
                          for c in candidates})
        ranked = scores.most_common(2)
        if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return ""

    def _fuzzy_target(self, record: _Record) -> str:
        """A misspelling of a known name: one long token off by one edit, the rest equal."""
        if self._is_weak(record):
            return ""
        known = {r.tokens: r.target for r in self.records
                 if r.target and r.how in ("kb", "new") and len(r.tokens) == len(record.tokens)}
        if self.kb:
            for key, owner in self.kb.strong.items():
                tokens = tuple(key.split())
                if len(tokens) == len(record.tokens):
                    known.setdefault(tokens, owner)
        found = {target for tokens, target in known.items()
                 if _one_typo_apart(record.tokens, tokens)
                 and _compatible(record.mention.type, self._type(target))}
        return found.pop() if len(found) == 1 else ""

    def _type(self, target: str) -> str:
        if self.kb and target in self.kb.entities:
            return self.kb.entities[target].type
        return _majority_type(self.types.get(target, Counter()))


def link_mentions(extractions: Iterable[Extraction], kb: KnowledgeBase | None) -> Linking:
    """Link every mention of the corpus to a canonical entity (deterministic)."""
    extractions = list(extractions)
    texts = {e.doc.id: e.doc.text for e in extractions}
    records = []
    for extraction in extractions:
        for mention in extraction.mentions:
            key = normalize_name(strip_titles(mention.text))
            if key:
                records.append(_Record(mention, key, tuple(key.split())))
    linker = _Linker(kb, texts, records)
    linker.run()
    return Linking(_entities(linker), tuple(
        LinkedMention(r.mention, r.target, r.how) for r in records))


def _entities(linker: _Linker) -> dict[str, Entity]:
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
            entities[target] = Entity(target, strip_titles(label), linker._type(target), "",
                                      "new", aliases)
    return entities


def _new_id(key: str) -> str:
    return "new:" + slugify(key)


def _abbreviates(short: _Record, full: _Record, full_type: str) -> bool:
    """'Easley' abbreviates 'Leif-Eric Easley' and 'Kim' 'Kim Jong Un' (people: first or
    last names); 'Dewan Keamanan' abbreviates 'Dewan Keamanan PBB' (organisations: a
    leading part only, since a trailing 'PBB' names the parent, not the organ)."""
    n = len(short.tokens)
    if full.tokens[:n] == short.tokens:
        return True
    return full_type == "PERSON" and full.tokens[-n:] == short.tokens


def _short_form_types(short: str, full: str) -> bool:
    """Only people and organisations have short forms; 'Korea' never shortens 'Korea Utara'."""
    return full in ("PERSON", "ORG") and short in (full, "MISC")


def _compatible(a: str, b: str) -> bool:
    places = ("GPE", "LOC")
    return a == b or "MISC" in (a, b) or (a in places and b in places)


def _one_typo_apart(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return (min(len(x), len(y)) >= _FUZZY_MIN_LENGTH and x[0] == y[0]
            and not x.isdigit() and Levenshtein.distance(x, y) == 1)


def _majority_type(types: Counter[str]) -> str:
    specific = [(n, t) for t, n in types.items() if t in _SPECIFIC_TYPES]
    if not specific:
        return "MISC"
    return max(specific, key=lambda pair: (pair[0], -_SPECIFIC_TYPES.index(pair[1])))[1]
