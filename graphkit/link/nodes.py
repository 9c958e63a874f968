"""Node assembly: one entity per target of the linked records, with its label and type."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..types import Entity
from ..words import LOC_HEADS, ORG_HEADS
from .names import LEGAL_FORMS_AFTER, LEGAL_FORMS_BEFORE, strip_titles
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
            label = strip_titles(max(aliases, key=lambda s: (len(s.split()), forms[s], s)))
            found[target] = Entity(target, label,
                                   _type_of_named(label, aliases, state.type_of(target)),
                                   "", "new", aliases)
    return found


def _type_of_named(label: str, aliases: tuple[str, ...], mentions_type: str) -> str:
    """A new node's type: its mentions' majority, save that no person's name opens with the
    head word of an organisation's or a place's ('Asosiasi Pengusaha Truk Indonesia', whose
    mentions the model typed PERSON more often than not, is an organisation), and no person
    is named with a company's legal form ('PT Hero Supermarket Tbk').

    >>> _type_of_named("Asosiasi Pengusaha Truk Indonesia", (), "PERSON")
    'ORG'
    >>> _type_of_named("Hero Supermarket", ("Hero Supermarket", "PT Hero Supermarket Tbk"),
    ...                "PERSON")
    'ORG'
    >>> [_type_of_named(name, (), "PERSON") for name in ("Imam Nahrawi", "Lapangan Banteng")]
    ['PERSON', 'LOC']
    """
    if mentions_type != "PERSON":
        return mentions_type
    words = [name.casefold().split() for name in aliases]
    if any(w[0] in LEGAL_FORMS_BEFORE or w[-1] in LEGAL_FORMS_AFTER for w in words if len(w) > 1):
        return "ORG"
    if " " not in label:
        return mentions_type
    head = label.split(" ", 1)[0].casefold()
    return "ORG" if head in ORG_HEADS else "LOC" if head in LOC_HEADS else mentions_type
