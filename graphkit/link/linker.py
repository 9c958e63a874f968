"""The linker: resolve every mention of a corpus to a canonical entity, trying the rules of
graphkit.link.rules in their order (sure links, then each document's, then the corpus's)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from ..types import Extraction, LinkedMention
from .corpus import link_corpus
from .curated import apply_after_linking, curate_entities, overridden_target
from .curation import Curation
from .document import link_document
from .fuzzy import indexable
from .intake import records_to_link
from .kb import KnowledgeBase
from .names import mixes_scripts
from .nodes import entities
from .records import Linking, Record
from .rules import certainty
from .state import LinkState

log = logging.getLogger("graphkit")


def link_mentions(extractions: Iterable[Extraction], kb: KnowledgeBase | None,
                  curation: Curation | None = None) -> Linking:
    """Link every mention of the corpus to a canonical entity (deterministic)."""
    curation = curation or Curation()
    documents, records = records_to_link(extractions, kb, curation)
    state = LinkState(kb, curation, documents, records)
    _link(state)
    resolve = apply_after_linking(records, kb, curation)
    _warn_mixed_scripts(records)
    found = curate_entities(entities(state), resolve, curation)
    return Linking(found, tuple(
        LinkedMention(r.mention, r.target, r.how, r.why, r.alternative, certainty(r.how))
        for r in records))


def _link(state: LinkState) -> None:
    """Apply the rules in their order: curation and knowledge base, then what each
    document says, then what the rest of the corpus says."""
    for record in state.records:
        state.by_doc[record.mention.doc].append(record)
        _link_curated_or_kb(state, record)
    _index_kb_names(state)
    for record in state.records:
        if len(record.tokens) > 1 or record.target:
            state.full_counts[record.target or state.node_id(record.key)] += 1
    deferred = []
    for doc_records in state.by_doc.values():
        deferred += link_document(state, doc_records)
    link_corpus(state, deferred)


def _link_curated_or_kb(state: LinkState, record: Record) -> None:
    """Link a name the user's curation points somewhere, or a sure knowledge-base name."""
    target, why = overridden_target(state.curation, record, state.node_id)
    if target:
        state.link(record, target, "curation", why)
        return
    owner = state.kb_owner(record)
    if owner and state.kb:
        source = state.kb.entities[owner].source
        state.link(record, owner, "kb", f"knowledge-base name of {owner} ({source})")


def _index_kb_names(state: LinkState) -> None:
    """Make the knowledge base's sure names candidates for spelling variants and typos."""
    if not state.kb:
        return
    for key, owner in state.kb.strong.items():
        state.variants.add(tuple(key.split()), owner)
        if indexable(tuple(key.split())):
            state.fuzzy.add(tuple(key.split()), owner)


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
