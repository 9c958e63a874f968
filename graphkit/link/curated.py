"""Apply a curation overlay to linking, all in one place: ignored names, aliases and splits,
curated references, merges, labels and types."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

import networkx as nx

from ..types import Entity
from .curation import Curation
from .kb import KnowledgeBase
from .names import name_key, normalize_name
from .records import Record, new_id

log = logging.getLogger("graphkit")
_REFERENCE = "ref:"  # a curated target not resolved yet: an id, label or name


def is_ignored(curation: Curation, key: str) -> bool:
    """True when the overlay says a name makes no node."""
    return key in curation.ignore


def overridden_target(curation: Curation, record: Record,
                      own_id: Callable[[str], str]) -> tuple[str, str]:
    """(target, why) when the overlay points this mention somewhere (alias or split), else
    ('', ''): a split gets the name's own node, an alias a reference resolved after linking."""
    override = curation.override_for(record.key, record.mention.doc)
    if not override:
        return "", ""
    target = own_id(record.key) if override.target == "new" else _REFERENCE + override.target
    return target, f"curation {override.where}"


def apply_after_linking(records: list[Record], kb: KnowledgeBase | None,
                        curation: Curation) -> Callable[[str], str]:
    """Resolve curated targets (ids, labels or names) and apply merges; returns the
    resolver of references for `curate_entities`."""
    resolve = reference_resolver(records, kb)
    for record in records:
        if record.target.startswith(_REFERENCE):
            reference = record.target[len(_REFERENCE):]
            record.target = resolve(reference) or new_id(normalize_name(reference))
    redirect = _merge_redirects(kb, resolve, curation.merges)
    for record in records:
        record.target = redirect.get(record.target, record.target)
    return reference_resolver(records, kb)


def curate_entities(entities: dict[str, Entity], resolve: Callable[[str], str],
                    curation: Curation) -> dict[str, Entity]:
    """The entities with the overlay's labels and types."""
    for section, entries in (("label", curation.labels), ("type", curation.types)):
        for ref, (_, where) in entries.items():
            warn_unresolved(resolve, [ref], where, section)
    labels = {resolve(ref): label for ref, (label, _) in curation.labels.items()}
    types = {resolve(ref): kind for ref, (kind, _) in curation.types.items()}
    return {target: Entity(e.id, labels.get(target, e.label), types.get(target, e.type),
                           e.kb_id, e.how, e.aliases)
            for target, e in entities.items()}


def _merge_redirects(kb: KnowledgeBase | None, resolve: Callable[[str], str],
                     merges: Iterable[tuple[list[str], str]]) -> dict[str, str]:
    """Node -> the node it is merged into. Merges are transitive: entries sharing a node
    make one node, whatever their order (`[A, B]` and `[B, C]`; cycles such as `[A, B]`
    and `[B, A]`, also across files). A group's node is its first knowledge-base node
    (which keeps its id), else its first node named in the overlays."""
    groups = nx.Graph()
    for references, where in merges:
        warn_unresolved(resolve, references, where, "merge")
        targets = list(dict.fromkeys(t for t in (resolve(r) for r in references) if t))
        groups.add_nodes_from(targets)
        nx.add_path(groups, targets)
    order = {node: i for i, node in enumerate(groups)}  # insertion order: first named
    redirect = {}
    for group in nx.connected_components(groups):
        members = sorted(group, key=order.__getitem__)
        known = [t for t in members if kb and t in kb.entities]
        canonical = (known or members)[0]
        redirect.update({t: canonical for t in members if t != canonical})
    return redirect


def reference_resolver(records: Iterable[Record],
                       kb: KnowledgeBase | None) -> Callable[[str], str]:
    """A function from a node id, label or name to the node id it refers to ('' if none)."""
    ids: set[str] = set()
    names: dict[str, set[str]] = defaultdict(set)
    for record in records:
        ids.add(record.target)
        names[record.key].add(record.target)

    def resolve(reference: str) -> str:
        if reference in ids or (kb and reference in kb.entities):
            return reference
        key = name_key(reference)
        if kb and key in kb.strong:
            return kb.strong[key]
        if new_id(key) in ids:
            return new_id(key)
        owners = names.get(key, set())
        return next(iter(owners)) if len(owners) == 1 else ""

    return resolve


def warn_unresolved(resolve: Callable[[str], str], references: Iterable[str], where: str,
                    section: str) -> None:
    """Say where a curation entry names no node of this corpus (a typo, or a node of
    another corpus): it changes nothing."""
    for reference in references:
        if not resolve(reference):
            log.warning("%s: %s: %r names no node in this corpus (a typo?); the entry "
                        "changes nothing", where, section, reference)
