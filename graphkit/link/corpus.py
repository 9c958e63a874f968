"""Corpus-wide links: what a document leaves open, resolved from the other documents."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..words import DAYS_AND_MONTHS
from .names import normalize_name
from .records import Record, document_node_id
from .shortforms import abbreviates, compatible
from .spelling import link_misspelling, link_variant
from .state import LinkState

# A full name mentioned once is too little to call another document's bare 'Muhamad' that
# person: a corpus-wide short form needs its full name mentioned at least this often.
_CORPUS_EVIDENCE = 2
# How many more of its context words a weak name's candidate must find in the document than
# any other candidate to win whatever type NER gave the mention.
_CLEAR_CONTEXT = 2
# The share of the corpus's documents above which a co-mentioned name is too common to tie
# a bare name in one document to a full name in another.
_COMMON_SHARE = 0.05


def link_corpus(state: LinkState, deferred: list[Record]) -> None:
    """Link the records no document resolved, longest first; each linked full name may
    then stand behind a shorter one."""
    full_names = _full_name_index(state)
    acronyms = _corpus_acronyms(state)
    for linked in state.records:
        if linked.target:
            state.docs_by_target[linked.target].add(linked.mention.doc)
    for record in sorted(deferred, key=lambda r: -len(r.tokens)):
        _link_from_corpus(state, record, full_names, acronyms)
        if len(record.tokens) > 1 and not state.in_headline(record):
            full_names[record.tokens[0]].append(record)
            full_names[record.tokens[-1]].append(record)


def _full_name_index(state: LinkState) -> dict[str, list[Record]]:
    """The linked names of more than one word outside headlines, under their first and
    last word (one record per target and name)."""
    index: dict[str, list[Record]] = defaultdict(list)
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for record in state.records:
        if len(record.tokens) > 1 and record.target and \
                (record.target, record.tokens) not in seen and not state.in_headline(record):
            seen.add((record.target, record.tokens))
            index[record.tokens[0]].append(record)
            index[record.tokens[-1]].append(record)
    return index


def _corpus_acronyms(state: LinkState) -> dict[str, list[tuple[str, str]]]:
    """Each acronym's (target, definition) in the documents defining it, in document order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for doc in sorted(state.acronyms):  # the first document to define it wins
        for acronym, definition in state.acronyms[doc].items():
            found.setdefault(acronym, []).append(definition)
    return found


def _link_from_corpus(state: LinkState, record: Record, full_names: dict[str, list[Record]],
                      acronyms: dict[str, list[tuple[str, str]]]) -> None:
    """Short forms a document never spells out, weak KB aliases, misspellings, new names."""
    if _link_acronym_elsewhere(state, record, acronyms) or \
            _link_corpus_short_form(state, record, full_names):
        return
    target = weak_kb_target(state, record)
    if target:
        state.link(record, target, "kb-weak", f"ambiguous name; {target} fits the "
                                              "type and the document's context")
        return
    weak = state.is_weak(record)
    if (len(record.tokens) > 1 or not weak) and (
            link_variant(state, record) or link_misspelling(state, record)):
        return
    if len(record.tokens) == 1 and not weak and _only_a_person(state, record) and \
            _corpus_people(state, record, full_names):
        # 'Arief' in one article and 'Arief' in another are as often two people as one
        state.link(record, document_node_id(record.key, record.mention.doc), "new",
                   "a person's one-word name no document spells out, a word of other "
                   "people's names: its own node in this document")
        return
    why = "ambiguous name without enough context; kept apart" if weak \
        else "not in the knowledge base; merged with the same name elsewhere"
    state.link(record, state.node_id(record.key), "new", why)


def _link_acronym_elsewhere(state: LinkState, record: Record,
                            acronyms: dict[str, list[tuple[str, str]]]) -> bool:
    """Link an acronym another document defines (the first one to); False if none does."""
    if record.mention.text not in acronyms:
        return False
    (target, definition), *others = acronyms[record.mention.text]
    state.link(record, target, "acronym-elsewhere",
               f"acronym defined in another document: {definition}")
    record.alternative = " | ".join(sorted({d for t, d in others if t != target}))
    return True


def _link_corpus_short_form(state: LinkState, record: Record,
                            full_names: dict[str, list[Record]]) -> bool:
    """Link the short form of the corpus's only person it fits, named often enough; with
    several candidates, keep them as the alternative and return False."""
    names = _corpus_people(state, record, full_names)
    if len(names) == 1 and state.full_counts[next(iter(names))] >= _CORPUS_EVIDENCE and \
            _shares_company(state, record, next(iter(names))):
        # two people sharing a name are never merged: when unsure, apart
        target = next(iter(names))
        state.link(record, target, "corpus-short-form",
                   f"short form of {names[target]!r}, the corpus's only such name "
                   f"({state.full_counts[target]} mentions)")
        return True
    if names:
        record.alternative = " | ".join(sorted(names.values()))
    return False


def _shares_company(state: LinkState, record: Record, target: str) -> bool:
    """True when the mention's document names something, neither a country nor a name found
    in many of the corpus's documents (`_is_common`: 'Jakarta' in most), that a document
    naming `target` also names: 'Messi' beside 'Barcelona' is the Lionel Messi of the
    articles on Barcelona, while a soap opera's 'Didi', in a synopsis naming nothing of
    Didi Kempot's articles, is someone else."""
    doc = record.mention.doc
    company = state.company_of.get(target)
    if company is None:
        company = state.company_of[target] = Counter(
            t for other in state.docs_by_target.get(target, ()) for t in
            {r.target for r in state.by_doc[other] if r.target and r.target != target})
    mine = {r.target for r in state.by_doc[doc] if r.target and r.target != target}
    own = 1 if doc in state.docs_by_target.get(target, ()) else 0  # this document's share
    return any(company[t] > own and not _is_common(state, t) for t in mine)


def _is_common(state: LinkState, target: str) -> bool:
    """A country, or a name found in more than `_COMMON_SHARE` of the corpus's documents
    (and more than two): co-mentioning it says nothing of who a bare name is."""
    found = len(state.docs_by_target.get(target, ()))
    return target.startswith("country:") or (
        found > 2 and found > _COMMON_SHARE * len(state.by_doc))


def _corpus_people(state: LinkState, record: Record,
                   full_names: dict[str, list[Record]]) -> dict[str, str]:
    """The people of the corpus (target -> a full name) the mention may be a short form of."""
    names: dict[str, str] = {}
    # a word NER could not type ('Muslim') is no evidence of a person in another document
    if not (record.mention.type == "PERSON" or (record.mention.type == "MISC"
                                                and len(record.tokens) > 1)):
        return names
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
            person = people[target] = state.name_type(target) == "PERSON"
        if person and target not in names and not state.not_a_person(record) and \
                (one_word or abbreviates(record, other, "PERSON")):
            names[target] = other.mention.text
    return names


def weak_kb_target(state: LinkState, record: Record) -> str:
    """A weak alias links where the document's context clearly points
    (`_clear_context_winner`), else when one candidate fits the type and the context. The
    context is needed even when only one candidate fits: for a person ('Salman' in a soap
    opera's synopsis is not King Salman, 'Alex' of Alex dos Santos not Alexander Marwata:
    a one-word name is shared by many people) and for an alias that is also a day or a
    month ('May' of 'May Day', 'hari buruh')."""
    if not state.kb or record.key not in state.kb.weak:
        return ""
    scores = _weak_scores(state, record)
    candidates = [c for c in state.kb.weak[record.key]
                  if compatible(record.mention.type, state.kb.entities[c].type)]
    clear = _clear_context_winner(state, record, scores, candidates)
    if clear:
        return clear
    if len(candidates) == 1 and record.key not in DAYS_AND_MONTHS and \
            state.kb.entities[candidates[0]].type != "PERSON":
        record.alternative = " | ".join(c for c in state.kb.weak[record.key]
                                        if c != candidates[0])
        return candidates[0]
    ranked = Counter({c: scores[c] for c in candidates}).most_common(2)
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        record.alternative = " | ".join(c for c in candidates if c != ranked[0][0])
        return ranked[0][0]
    return ""


def _weak_scores(state: LinkState, record: Record) -> Counter[str]:
    """The context scores of a weak name's candidates in the mention's document, computed
    once per document and name (every 'Madrid' of a document is decided alike)."""
    key = (record.mention.doc, record.key)
    found = state.weak_scores.get(key)
    if found is None:
        assert state.kb is not None
        text = state.context_text(record.mention.doc)
        doc_targets = {r.target for r in state.by_doc[record.mention.doc]}
        found = state.weak_scores[key] = _context_scores(
            state, list(state.kb.weak[record.key]), text, doc_targets)
    return found


def _context_scores(state: LinkState, candidates: list[str], text: str,
                    doc_targets: set[str]) -> Counter[str]:
    """How many of each candidate's context words or entities the document holds."""
    assert state.kb is not None
    return Counter({c: sum(1 for word in state.kb.entities[c].context
                           if word in doc_targets or f" {normalize_name(word)} " in text)
                    for c in candidates})


def _clear_context_winner(state: LinkState, record: Record, scores: Counter[str],
                          typed: list[str]) -> str:
    """The candidate the document's context favours, whatever type NER gave the mention,
    when it leads every other candidate by `_CLEAR_CONTEXT` context words, or leads by one
    and no candidate of the mention's type has any: a match report's 'Madrid' (gol, laga,
    pelatih) is Real Madrid though the model tags a city, a car sales report's 'Suzuki'
    (mobil, pabrikan) the company though it tags a person, and 'Madrid' typed ORG in an
    article on Spain (country:es) the city, not the club. `typed`: the candidates of the
    mention's type; when one of them is the leader by one word, or has context words of its
    own, the usual rules decide (a person needs the context anyway)."""
    assert state.kb is not None
    weak = state.kb.weak[record.key]
    ranked = scores.most_common(2)
    best, score = ranked[0]
    lead = score - (ranked[1][1] if len(ranked) > 1 else 0)
    if score < 1 or lead < 1:
        return ""
    if lead < _CLEAR_CONTEXT and (best in typed or any(scores[c] for c in typed)):
        return ""
    record.alternative = " | ".join(c for c in weak if c != best)
    return best


def _only_a_person(state: LinkState, record: Record) -> bool:
    """Every mention of the record's name in its document is typed a person."""
    return all(r.mention.type == "PERSON" for r in state.by_doc[record.mention.doc]
               if r.key == record.key)
