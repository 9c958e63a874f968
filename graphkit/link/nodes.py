"""Node assembly: one entity per target of the linked records, with its label and type."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..types import Entity
from .names import strip_titles
from .state import LinkState


def entities(state: LinkState) -> dict[str, Entity]:
    """One entity per target: a knowledge-base entity keeps its label and type; a new one
    takes its longest (then most frequent) name without titles and its mentions' type."""
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for record in state.records:
        surfaces[record.target][record.mention.text] += 1
    found = {}
    for target, forms in sorted(surfaces.items()):
        aliases = tuple(sorted(forms, key=lambda s: (-forms[s], s)))
        kb_entity = state.kb.entities.get(target) if state.kb else None
        if kb_entity:
            found[target] = Entity(target, kb_entity.label, kb_entity.type, target, "kb",
                                   aliases)
        else:
            label = max(aliases, key=lambda s: (len(s.split()), forms[s], s))
            found[target] = Entity(target, strip_titles(label), state.type_of(target), "",
                                   "new", aliases)
    return found
