"""Per-document links: acronyms, aliases, initials and short forms of a document's own names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .intake import BUILDING_HEADS, PLACE_HEADS
from .names import UNIT_WORDS, acronym_after, spells_acronym
from .nicknames import declared_nicknames
from .records import Record
from .shortforms import LongerNames, abbreviates, compatible, short_form_types
from .spelling import link_misspelling, link_variant
from .state import LinkState

# The shortest nickname cut from the end of a name's word ('Toni' of 'Antoni').
_NICKNAME_LENGTH = 4
# The shortest acronym also recognised written as a word ('Oso' for 'OSO'; 'Ai' is no 'AI').
_WORD_ACRONYM_LENGTH = 3
# 'Oesman Sapta Odang alias OSO', 'Hery Susanto Gun alias Abun': the next name is another
# name of the same one
_ALIAS_AFTER = re.compile(r"\s*,?\s*(?:alias|a\.k\.a\.?)\s+", re.IGNORECASE)


def link_document(state: LinkState, records: list[Record]) -> list[Record]:
    """Link acronyms, short forms and full names using the document itself; return the
    records left for the corpus-wide rules."""
    find_definitions(state, records)
    for record in records:
        if record.how == "kb":
            _defined_otherwise(state, record)
    deferred = []
    longer: dict[int, LongerNames] = {}  # linked records with more words than n
    for record in sorted(records, key=lambda r: -len(r.tokens)):
        if record.target or _link_defined(state, record, records):
            continue
        n = len(record.tokens)
        if n not in longer:  # records are linked longest first: fixed for this length
            longer[n] = LongerNames([r for r in records if r.target and len(r.tokens) > n
                                     and not state.unsure_headline(r)])
        target, name = short_form_target(state, record, longer[n].sharing_ends(record))
        if not target and n == 1:
            target, name = nickname_target(state, record, longer[n].records)
        if target:
            state.link(record, target, "short-form",
                       f"short form of {name!r} in the same document")
        elif len(record.tokens) > 1 and not state.is_weak(record):
            _link_full_name(state, record)
        else:
            deferred.append(record)
    return deferred


def _link_defined(state: LinkState, record: Record, records: list[Record]) -> bool:
    """Link a name the document defines: an acronym, an alias or a person's initials."""
    doc = record.mention.doc
    acronym_of = _defined_acronym(state.acronyms[doc], _without_unit_word(record.mention.text))
    if acronym_of and record.mention.text not in state.acronyms[doc] and not compatible(
            record.mention.type, state.name_type(acronym_of[0])):
        acronym_of = None  # a person's 'Ani' is not 'Asosiasi Nelayan Indonesia (ANI)'
    if acronym_of:
        state.link(record, acronym_of[0], "acronym",
                   f"acronym defined in the document: {acronym_of[1]}")
        return True
    acronym_of = _acronym_with_tail(state, record, records)
    if acronym_of:
        state.link(record, acronym_of[0], "acronym",
                   f"acronym defined in the document, with its name's last words: "
                   f"{acronym_of[1]}")
        return True
    alias_of = state.aliases[doc].get(record.key)
    if alias_of:
        target, definition, how = alias_of
        state.link(record, _where_linked(state, target, records), how,
                   f"another name given in the document: {definition}")
        return True
    initials_of, name = initials_target(state, record, records)
    if initials_of:
        state.link(record, initials_of, "initials",
                   f"the initials of {name!r} in the same document")
        return True
    return False


def _where_linked(state: LinkState, target: str, records: list[Record]) -> str:
    """The node a name's own node id stands for once the document has linked the name:
    a nickname declared for 'Ramdhan Pomanto' ('Danny - - sapaan akrab Ramdhan Pomanto')
    goes where that short form of 'Moh Ramdhan Pomanto' went, not to a node of its own."""
    for record in records:
        if record.target and record.target != target and state.node_id(record.key) == target:
            return record.target
    return target


def _defined_otherwise(state: LinkState, record: Record) -> None:
    """Relink a knowledge-base acronym the document defines as something else: the PKB of
    'Perjanjian Kerja Bersama (PKB)' is a labour agreement, not the party the knowledge base
    knows as PKB. Only a definition that spells the acronym and is no person's name counts
    ('Muhaimin Iskandar (PKB)' names his party); one that shares a word with the entity's
    names is a longer or older name of it and changes nothing ('Komisi Pemberantasan Tindak
    Pidana Korupsi (KPK)')."""
    found = state.acronyms[record.mention.doc].get(record.mention.text)
    if found is None or found[0] == record.target or state.kb is None:
        return
    owner, long_form = record.target, found[1].rsplit(" (", 1)[0]
    if owner not in state.kb.entities or state.kb.may_be_named(owner, long_form) or \
            not spells_acronym(record.mention.text, tuple(long_form.split())) or \
            state.name_type(found[0]) == "PERSON":
        return  # 'Muhaimin Iskandar (PKB)': the party of the person before it
    state.unlink(record)
    state.link(record, found[0], "acronym", f"acronym defined in the document: {found[1]} "
                                            f"(not the knowledge base's {owner})")
    record.alternative = owner


def _defined_acronym(acronyms: dict[str, tuple[str, str]], text: str
                     ) -> tuple[str, str] | None:
    """The document's definition of an acronym, also when written as a word after it:
    'Oso' in a quote after 'Oesman Sapta Odang (OSO)'.

    >>> _defined_acronym({"OSO": ("new:oesman-sapta-odang", "...")}, "Oso")[0]
    'new:oesman-sapta-odang'
    """
    found = acronyms.get(text)
    if found is None and len(text) >= _WORD_ACRONYM_LENGTH and text.isalpha() and \
            text.istitle():
        found = acronyms.get(text.upper())
    return found


def _without_unit_word(text: str) -> str:
    """A place's name without its unit word: 'Kabupaten Kukar' is 'Kukar', the acronym."""
    unit, _, rest = text.partition(" ")
    return rest if rest and unit.casefold() in UNIT_WORDS else text


def _acronym_with_tail(state: LinkState, record: Record,
                       records: list[Record]) -> tuple[str, str] | None:
    """(target, definition) of a defined acronym followed by the last words of the name
    it stands for: 'SMBC Indonesia' after 'PT Bank Sumitomo Mitsui Indonesia ( SMBC )'."""
    first, _, rest = record.mention.text.partition(" ")
    found = state.acronyms[record.mention.doc].get(first) if rest else None
    if found is None:
        return None
    tail = record.tokens[1:]
    if any(r.target == found[0] and len(r.tokens) > len(record.tokens)
           and r.tokens[-len(tail):] == tail for r in records):
        return found
    return None


def _link_full_name(state: LinkState, record: Record) -> None:
    """A full name: another spelling or a misspelling of a known name, else its own node."""
    if link_variant(state, record) or link_misspelling(state, record):
        return
    state.link(record, state.node_id(record.key), "new",
               "not in the knowledge base; merged with the same name elsewhere")


def find_definitions(state: LinkState, records: list[Record]) -> None:
    """'Pengadilan Kriminal Internasional (ICC)': ICC names what precedes it; in
    'Hery Susanto Gun alias Abun', Abun names him too, as Emil does Ridwan Kamil in
    'Emil, sapaan akrab Ridwan Kamil' (`nicknames`)."""
    starting = {(r.mention.sentence, r.mention.start): r for r in records}
    for record in records:
        mention = record.mention
        if len(record.tokens) < 2:
            continue
        start, text = state.sentence(mention.doc, mention.sentence)
        target = record.target or state.node_id(record.key)
        acronym = acronym_after(text, mention.end - start, record.tokens)
        if acronym:
            definition = f"{mention.text} ({acronym})"
            state.acronyms[mention.doc].setdefault(acronym, (target, definition))
        match = _ALIAS_AFTER.match(text, mention.end - start)
        alias = match and starting.get((mention.sentence, start + match.end()))
        if alias and alias.key != record.key:
            definition = f"{mention.text} alias {alias.mention.text}"
            state.aliases[mention.doc].setdefault(alias.key, (target, definition, "alias"))
    if records:
        doc = records[0].mention.doc
        for nickname, person, how, definition in declared_nicknames(
                records, lambda index: state.sentence(doc, index)):
            state.aliases[doc].setdefault(
                nickname.key, (person.target or state.node_id(person.key), definition, how))


def initials_target(state: LinkState, record: Record,
                    records: list[Record]) -> tuple[str, str]:
    """(target, name) of the one person of the document whose initials a capitalised
    short word spells ('HSG' after 'Hery Susanto Gun'); ('', '') when none or several."""
    text = record.mention.text
    if not (2 <= len(text) <= 4 and text.isalpha() and text.isupper()):
        return "", ""
    initials = text.casefold()
    found = {r.target: r.mention.text for r in records
             if r.target and len(r.tokens) == len(initials)
             and "".join(t[0] for t in r.tokens) == initials
             and state.name_type(r.target) == "PERSON" and not state.unsure_headline(r)}
    return next(iter(found.items())) if len(found) == 1 else ("", "")


def short_form_target(state: LinkState, record: Record,
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
            full_type = types[other.target] = state.name_type(other.target)
        if full_type == "PERSON" and (state.not_a_person(record) or (
                record.mention.type in ("GPE", "LOC") and state.may_be_a_place(record)
                and other.tokens[:len(record.tokens)] != record.tokens)):
            continue  # a place word ends organisations NER took for people
            # ('Mapolres Dharmasraya'); typed a place, only a given name shortens one,
            # unless the knowledge base knows no such name ('Dybala' typed LOC)
        if (short_form_types(record.mention.type, full_type) and abbreviates(
                record, other, full_type, middle=record.mention.type == "PERSON")) or \
                _place_short_form(record, other, full_type):
            counts[other.target] += 1
            names.setdefault(other.target, other.mention.text)
    target = _best(state, record, counts)
    return target, names.get(target, "")


def nickname_target(state: LinkState, record: Record,
                    longer: Sequence[Record]) -> tuple[str, str]:
    """(target, name) of the one person of the document a one-word name typed PERSON is a
    nickname of, cut from the end or the start of one of their name's words as Indonesian
    nicknames are ('Toni' for 'Raja Juli Antoni', 'Sylvi' for 'Sylviana Murni'); ('', '')
    when none or several fit."""
    word = record.tokens[0]
    if record.mention.type != "PERSON" or len(word) < _NICKNAME_LENGTH or not word.isalpha():
        return "", ""
    found = {r.target: r.mention.text for r in longer
             if any(len(t) > len(word) + 1 and (t.endswith(word) or t.startswith(word))
                    for t in r.tokens)
             and state.name_type(r.target) == "PERSON" and not state.unsure_headline(r)}
    return next(iter(found.items())) if len(found) == 1 else ("", "")


def _best(state: LinkState, record: Record, counts: Counter[str]) -> str:
    """The most mentioned candidate; ties broken by the KB's weak alias, then corpus-wide."""
    if not counts:
        return ""
    weak = set(state.kb.weak.get(record.key, ())) if state.kb else set()
    ranked = sorted(counts, key=lambda t: (-counts[t], t not in weak,
                                           -state.full_counts[t], t))
    first = ranked[0]
    if len(ranked) > 1:
        second = ranked[1]
        key = (counts[first], first in weak, state.full_counts[first])
        if key == (counts[second], second in weak, state.full_counts[second]):
            return ""  # unsure: keep a separate node
    return first


def _place_short_form(short: Record, full: Record, full_type: str) -> bool:
    """'Istana' alone for the document's 'Istana Negara', 'Mako' for its 'Mako Brimob': a
    place's head word standing for the one such place the document names (whatever NER
    typed it: a head word is no one's name); 'Graha Saba' for its 'Graha Saba Buana': a
    building's name without its last words. (Other places have no short forms: 'Laut
    China' is not 'Laut China Selatan'.)"""
    n = len(short.tokens)
    heads = PLACE_HEADS if n == 1 else BUILDING_HEADS
    return full_type == "LOC" and short.tokens == full.tokens[:n] and short.tokens[0] in heads
