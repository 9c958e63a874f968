"""Resolve mentions to canonical entities: knowledge base, acronyms, short forms, fuzzy, new."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx
from rapidfuzz.distance import Levenshtein

from .curation import Curation
from .kb import KnowledgeBase
from .names import (
    is_acronym,
    mixes_scripts,
    name_key,
    normalize_name,
    scripts,
    slugify,
    strip_titles,
)
from .types import Entity, Extraction, LinkedMention, Mention

log = logging.getLogger("graphkit")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_FUZZY_MIN_LENGTH = 6
_SPECIFIC_TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT")


@dataclass(slots=True)
class _Record:
    """A mention being linked, with its normalised name."""

    mention: Mention
    key: str
    tokens: tuple[str, ...]
    target: str = ""
    how: str = ""
    why: str = ""


@dataclass(frozen=True)
class Linking:
    """The linker's result: canonical entities and every mention's link."""

    entities: dict[str, Entity]
    mentions: tuple[LinkedMention, ...]


class _FuzzyIndex:
    """Known names under keys a misspelling shares with them, so a misspelling is compared
    only with the few names it could be, however many names the corpus has. One word:
    the word and its one-deletion variants (the "symmetric delete" scheme: two words one
    edit apart always share one). Several words: the other words, the position, the first
    letter and the length of the word that may differ (±1 on lookup). Keys are stored as
    hashes (a collision only adds a candidate, and every candidate is verified), which
    keeps the index small for hundreds of thousands of names."""

    def __init__(self) -> None:
        self._targets: dict[tuple[str, ...], str] = {}  # the first target of each name
        self._names: dict[int, list[tuple[str, ...]]] = defaultdict(list)

    @staticmethod
    def _keys(tokens: tuple[str, ...], lookup: bool) -> set[int]:
        """Only words of at least _FUZZY_MIN_LENGTH letters get keys: `_one_typo_apart`
        accepts no shorter word on either side, so shorter ones could only add candidates
        that are then rejected."""
        if len(tokens) == 1:
            word = tokens[0]
            if len(word) < _FUZZY_MIN_LENGTH:
                return set()
            return {hash(word)} | {hash(word[:j] + word[j + 1:]) for j in range(len(word))}
        keys: set[int] = set()
        for i, word in enumerate(tokens):
            if len(word) < _FUZZY_MIN_LENGTH:
                continue
            rest = tokens[:i] + tokens[i + 1:]
            lengths = (len(word) - 1, len(word), len(word) + 1) if lookup else (len(word),)
            keys.update(hash((i, rest, word[:1], n)) for n in lengths
                        if n >= _FUZZY_MIN_LENGTH)
        return keys

    def add(self, tokens: tuple[str, ...], target: str) -> None:
        if tokens in self._targets:
            return
        self._targets[tokens] = target
        for key in self._keys(tokens, lookup=False):
            self._names[key].append(tokens)

    def near(self, tokens: tuple[str, ...]) -> dict[tuple[str, ...], str]:
        """Known names that may be one edit from `tokens` in one word (a superset)."""
        found: set[tuple[str, ...]] = set()
        names = self._names
        for key in self._keys(tokens, lookup=True):
            if key in names:
                found.update(names[key])
        return {name: self._targets[name] for name in sorted(found)}


class _LongerNames:
    """A document's linked names longer than some length, found by first or last word:
    a short form shares its first word with the name it abbreviates (or, for a person,
    its last), so only those are worth comparing."""

    def __init__(self, records: list[_Record]) -> None:
        self.records = records
        self._ends: dict[str, list[int]] = defaultdict(list)
        for i, record in enumerate(records):
            self._ends[record.tokens[0]].append(i)
            if record.tokens[-1] != record.tokens[0]:
                self._ends[record.tokens[-1]].append(i)

    def sharing_ends(self, record: _Record) -> list[_Record]:
        """The names whose first or last word is `record`'s first or last, in order."""
        first, last = record.tokens[0], record.tokens[-1]
        found = self._ends.get(first, [])
        if last != first and last in self._ends:
            found = sorted(set(found).union(self._ends[last]))
        return [self.records[i] for i in found]


@dataclass
class _Linker:
    kb: KnowledgeBase | None
    curation: Curation
    documents: dict[str, Extraction]
    records: list[_Record]
    types: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    acronyms: dict[str, dict[str, tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(dict))
    full_counts: Counter[str] = field(default_factory=Counter)
    corpus_acronyms: dict[str, tuple[str, str]] = field(default_factory=dict)
    fuzzy: _FuzzyIndex = field(default_factory=_FuzzyIndex)
    by_doc: dict[str, list[_Record]] = field(default_factory=lambda: defaultdict(list))
    majority: dict[str, str] = field(default_factory=dict)  # target -> _majority_type
    # (computed when asked for and dropped when the target's types change: _set runs for
    # every mention, _type far less often)
    kb_types: dict[str, str] = field(init=False)  # knowledge-base id -> its type
    _context: dict[str, str] = field(default_factory=dict)
    _whys: dict[str, str] = field(default_factory=dict)
    _ids: dict[str, str] = field(default_factory=dict)  # name key -> _new_id(key)

    def __post_init__(self) -> None:
        self.kb_types = {id_: e.type for id_, e in self.kb.entities.items()} if self.kb else {}

    def run(self) -> None:
        for record in self.records:
            self.by_doc[record.mention.doc].append(record)
            self._link_curated_or_kb(record)
        if self.kb:
            for key, owner in self.kb.strong.items():
                if len(key) >= _FUZZY_MIN_LENGTH or " " in key:
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
                self.corpus_acronyms.setdefault(acronym, found)
        for record in sorted(deferred, key=lambda r: -len(r.tokens)):
            self._link_from_corpus(record, full_names)
            if len(record.tokens) > 1:
                full_names[record.tokens[0]].append(record)
                full_names[record.tokens[-1]].append(record)

    def _set(self, record: _Record, target: str, how: str, why: str) -> None:
        record.target, record.how = target, how
        record.why = self._whys.setdefault(why, why)  # one copy of each distinct reason
        self.types[target][record.mention.type] += 1
        self.majority.pop(target, None)
        if how in ("kb", "new") and (len(record.tokens) > 1 or
                                     len(record.key) >= _FUZZY_MIN_LENGTH):
            self.fuzzy.add(record.tokens, target)

    def _link_curated_or_kb(self, record: _Record) -> None:
        override = self.curation.override_for(record.key, record.mention.doc)
        if override:
            target = self._id(record.key) if override.target == "new" else \
                "ref:" + override.target
            self._set(record, target, "curation", f"curation {override.where}")
            return
        owner = self.kb.strong.get(record.key) if self.kb else None
        if owner and self.kb:
            source = self.kb.entities[owner].source
            self._set(record, owner, "kb", f"knowledge-base name of {owner} ({source})")

    def _link_document(self, records: list[_Record]) -> list[_Record]:
        """Link acronyms, short forms and full names using the document itself."""
        self._find_acronyms(records)
        deferred = []
        longer: dict[int, _LongerNames] = {}  # linked records with more words than n
        for record in sorted(records, key=lambda r: -len(r.tokens)):
            if record.target:
                continue
            acronym_of = self.acronyms[record.mention.doc].get(record.mention.text)
            if acronym_of:
                self._set(record, acronym_of[0], "acronym",
                          f"acronym defined in the document: {acronym_of[1]}")
                continue
            n = len(record.tokens)
            if n not in longer:  # records are linked longest first: fixed for this length
                longer[n] = _LongerNames([r for r in records if r.target and len(r.tokens) > n])
            target, name = self._short_form_target(record, longer[n].sharing_ends(record))
            if target:
                self._set(record, target, "short-form",
                          f"short form of {name!r} in the same document")
            elif len(record.tokens) > 1 and not self._is_weak(record):
                self._link_full_name(record)
            else:
                deferred.append(record)
        return deferred

    def _link_full_name(self, record: _Record) -> None:
        fuzzy, name = self._fuzzy_target(record)
        if fuzzy:
            self._set(record, fuzzy, "fuzzy", f"one letter away from {name!r}")
        else:
            self._set(record, self._id(record.key), "new",
                      "not in the knowledge base; merged with the same name elsewhere")

    def _find_acronyms(self, records: list[_Record]) -> None:
        """'Pengadilan Kriminal Internasional (ICC)': ICC names what precedes it."""
        for record in records:
            mention = record.mention
            start, text = self._sentence(mention.doc, mention.sentence)
            match = _ACRONYM_AFTER.match(text, mention.end - start)
            if match and len(record.tokens) > 1 and is_acronym(match.group(1)):
                target = record.target or self._id(record.key)
                definition = f"{mention.text} ({match.group(1)})"
                self.acronyms[mention.doc].setdefault(match.group(1), (target, definition))

    def _short_form_target(self, record: _Record,
                           longer: Sequence[_Record]) -> tuple[str, str]:
        """The longer name in the document this mention abbreviates, if exactly one fits best."""
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        types: dict[str, str] = {}  # target -> its type (fixed during this loop)
        for other in longer:
            if len(other.tokens) <= len(record.tokens):
                continue
            full_type = types.get(other.target)
            if full_type is None:
                full_type = types[other.target] = self._type(other.target)
            if _short_form_types(record.mention.type, full_type) and \
                    _abbreviates(record, other, full_type):
                counts[other.target] += 1
                names.setdefault(other.target, other.mention.text)
        target = self._best(record, counts)
        return target, names.get(target, "")

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
        if record.mention.text in self.corpus_acronyms:
            target, definition = self.corpus_acronyms[record.mention.text]
            self._set(record, target, "acronym", f"acronym defined elsewhere: {definition}")
            return
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        if record.mention.type in ("PERSON", "MISC"):
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
                    person = people[target] = self._type(target) == "PERSON"
                if person and target not in counts and \
                        (one_word or _abbreviates(record, other, "PERSON")):
                    counts[target] = self.full_counts[target]
                    names[target] = other.mention.text
        target = self._best(record, counts)
        if target:
            self._set(record, target, "corpus-short-form",
                      f"short form of {names[target]!r}, the corpus's most mentioned "
                      f"such name ({self.full_counts[target]} mentions)")
            return
        target = self._weak_kb_target(record)
        if target:
            self._set(record, target, "kb-weak", f"ambiguous name; {target} fits the "
                                                 "type and the document's context")
            return
        if len(record.tokens) > 1 or not self._is_weak(record):
            fuzzy, name = self._fuzzy_target(record)
            if fuzzy:
                self._set(record, fuzzy, "fuzzy", f"one letter away from {name!r}")
                return
        why = "ambiguous name without enough context; kept apart" if self._is_weak(record) \
            else "not in the knowledge base; merged with the same name elsewhere"
        self._set(record, self._id(record.key), "new", why)

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

    def _weak_kb_target(self, record: _Record) -> str:
        """A weak alias links when one candidate fits the type and the document's context."""
        if not self.kb or record.key not in self.kb.weak:
            return ""
        candidates = [c for c in self.kb.weak[record.key]
                      if _compatible(record.mention.type, self.kb.entities[c].type)]
        if len(candidates) == 1:
            return candidates[0]
        text = self._context_text(record.mention.doc)
        doc_targets = {r.target for r in self.by_doc[record.mention.doc]}
        scores = Counter({c: sum(1 for word in self.kb.entities[c].context
                                 if word in doc_targets or f" {normalize_name(word)} " in text)
                          for c in candidates})
        ranked = scores.most_common(2)
        if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return ""

    def _fuzzy_target(self, record: _Record) -> tuple[str, str]:
        """A misspelling of a known name: one long token off by one edit, the rest equal."""
        typed = len(record.tokens) == 1  # in longer names the identical words are evidence
        found = {target: " ".join(tokens) for tokens, target in self.fuzzy.near(record.tokens)
                 .items() if tokens != record.tokens and _one_typo_apart(record.tokens, tokens)
                 and (not typed or _compatible(record.mention.type, self._type(target)))}
        if len(found) == 1:
            return next(iter(found.items()))
        return "", ""

    def _type(self, target: str) -> str:
        kb_type = self.kb_types.get(target)
        if kb_type is not None:
            return kb_type
        found = self.majority.get(target)
        if found is None:
            types = self.types.get(target)
            found = self.majority[target] = _majority_type(types) if types else "MISC"
        return found

    def _id(self, key: str) -> str:
        """`_new_id(key)`, once per distinct key."""
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = _new_id(key)
        return found


def link_mentions(extractions: Iterable[Extraction], kb: KnowledgeBase | None,
                  curation: Curation | None = None) -> Linking:
    """Link every mention of the corpus to a canonical entity (deterministic)."""
    curation = curation or Curation()
    documents: dict[str, Extraction] = {}
    records = []
    for extraction in extractions:
        documents[extraction.doc.id] = extraction
        for mention in extraction.mentions:
            key = name_key(mention.text)
            if key and key not in curation.ignore:
                records.append(_Record(mention, key, tuple(key.split())))
    linker = _Linker(kb, curation, documents, records)
    linker.run()
    _apply_curation(linker, curation)
    _warn_mixed_scripts(records)
    return Linking(_entities(linker, curation), tuple(
        LinkedMention(r.mention, r.target, r.how, r.why) for r in records))


def _apply_curation(linker: _Linker, curation: Curation) -> None:
    """Resolve curated targets ('ref:' ids, labels or names) and apply merges."""
    resolve = _reference_resolver(linker)
    for record in linker.records:
        if record.target.startswith("ref:"):
            reference = record.target[4:]
            record.target = resolve(reference) or _new_id(normalize_name(reference))
    redirect = _merge_redirects(linker, resolve, curation.merges)
    for record in linker.records:
        record.target = redirect.get(record.target, record.target)


def _merge_redirects(linker: _Linker, resolve: Callable[[str], str],
                     merges: Iterable[tuple[list[str], str]]) -> dict[str, str]:
    """Node -> the node it is merged into. Merges are transitive: entries sharing a node
    make one node, whatever their order (`[A, B]` and `[B, C]`; cycles such as `[A, B]`
    and `[B, A]`, also across files). A group's node is its first knowledge-base node
    (which keeps its id), else its first node named in the overlays."""
    groups = nx.Graph()
    for references, where in merges:
        _warn_unresolved(resolve, references, where, "merge")
        targets = list(dict.fromkeys(t for t in (resolve(r) for r in references) if t))
        groups.add_nodes_from(targets)
        nx.add_path(groups, targets)
    order = {node: i for i, node in enumerate(groups)}  # insertion order: first named
    redirect = {}
    for group in nx.connected_components(groups):
        members = sorted(group, key=order.__getitem__)
        known = [t for t in members if linker.kb and t in linker.kb.entities]
        canonical = (known or members)[0]
        redirect.update({t: canonical for t in members if t != canonical})
    return redirect


def _reference_resolver(linker: _Linker) -> Callable[[str], str]:
    """A function from a node id, label or name to the node id it refers to ('' if none)."""
    ids = {r.target for r in linker.records}
    names: dict[str, set[str]] = defaultdict(set)
    for record in linker.records:
        names[record.key].add(record.target)
    kb = linker.kb

    def resolve(reference: str) -> str:
        if reference in ids or (kb and reference in kb.entities):
            return reference
        key = name_key(reference)
        if kb and key in kb.strong:
            return kb.strong[key]
        if _new_id(key) in ids:
            return _new_id(key)
        owners = names.get(key, set())
        return next(iter(owners)) if len(owners) == 1 else ""

    return resolve


def _entities(linker: _Linker, curation: Curation) -> dict[str, Entity]:
    resolve = _reference_resolver(linker)
    for section, entries in (("label", curation.labels), ("type", curation.types)):
        for ref, (_, where) in entries.items():
            _warn_unresolved(resolve, [ref], where, section)
    labels = {resolve(ref): label for ref, (label, _) in curation.labels.items()}
    types = {resolve(ref): kind for ref, (kind, _) in curation.types.items()}
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for record in linker.records:
        surfaces[record.target][record.mention.text] += 1
    entities = {}
    for target, forms in sorted(surfaces.items()):
        aliases = tuple(sorted(forms, key=lambda s: (-forms[s], s)))
        kb_entity = linker.kb.entities.get(target) if linker.kb else None
        if kb_entity:
            entity = Entity(target, kb_entity.label, kb_entity.type, target, "kb", aliases)
        else:
            label = max(aliases, key=lambda s: (len(s.split()), forms[s], s))
            entity = Entity(target, strip_titles(label), linker._type(target), "", "new",
                            aliases)
        entities[target] = Entity(entity.id, labels.get(target, entity.label),
                                  types.get(target, entity.type), entity.kb_id, entity.how,
                                  entity.aliases)
    return entities


def _warn_unresolved(resolve: Callable[[str], str], references: Iterable[str], where: str,
                     section: str) -> None:
    """Say where a curation entry names no node of this corpus (a typo, or a node of
    another corpus): it changes nothing."""
    for reference in references:
        if not resolve(reference):
            log.warning("%s: %s: %r names no node in this corpus (a typo?); the entry "
                        "changes nothing", where, section, reference)


def _warn_mixed_scripts(records: Iterable[_Record]) -> None:
    """Say which names mix scripts in one word ('Рutin' with a Cyrillic 'Р'): they are
    never merged with the Latin name they look like, so a look-alike letter (a spoof, or
    text pasted from another keyboard) gives its own node, and the user can merge it."""
    mixed = sorted({(r.mention.text, r.target) for r in records
                    if not r.key.isascii() and mixes_scripts(r.key)})
    for text, target in mixed:
        log.warning("%r mixes letters of different scripts in one word (a look-alike "
                    "letter?); kept as its own node %s, never merged with the name it "
                    "looks like: merge them in graphkit.yaml if they are one", text, target)


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
    """Only people and organisations have short forms; 'Korea' never shortens 'Korea Utara'.
    A surname the model typed as an organisation still shortens a person in the same
    document ('Pacheco Pardo'); places never do."""
    if full == "PERSON":
        return short in ("PERSON", "MISC", "ORG")
    return full == "ORG" and short in ("ORG", "MISC")


def _compatible(a: str, b: str) -> bool:
    places = ("GPE", "LOC")
    return a == b or "MISC" in (a, b) or (a in places and b in places)


def _one_typo_apart(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) != len(b):
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return (min(len(x), len(y)) >= _FUZZY_MIN_LENGTH and x[0] == y[0]
            and not x.isdigit() and Levenshtein.distance(x, y) == 1
            and (x.isascii() and y.isascii() or scripts(x) == scripts(y)))


def _majority_type(types: Counter[str]) -> str:
    specific = [(n, t) for t, n in types.items() if t in _SPECIFIC_TYPES]
    if not specific:
        return "MISC"
    return max(specific, key=lambda pair: (pair[0], -_SPECIFIC_TYPES.index(pair[1])))[1]
