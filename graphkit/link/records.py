"""The records linking works on: a mention being linked, and the linker's result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..types import Entity, LinkedMention, Mention
from .names import slugify

SPECIFIC_TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT")


@dataclass(slots=True)
class Record:
    """A mention being linked, with its normalised name, and where it links once known."""

    mention: Mention
    key: str
    tokens: tuple[str, ...]
    target: str = ""
    how: str = ""
    why: str = ""
    alternative: str = ""  # what a doubtful link was chosen over, or could have been


@dataclass(frozen=True)
class Linking:
    """The linker's result: canonical entities and every mention's link."""

    entities: dict[str, Entity]
    mentions: tuple[LinkedMention, ...]


def new_id(key: str) -> str:
    """The id of a node the knowledge base does not know: 'new:' + the name's slug."""
    return "new:" + slugify(key)


def majority_type(types: Counter[str]) -> str:
    """The most frequent specific type of a node's mentions (MISC when none is specific);
    ties go to the type listed first in SPECIFIC_TYPES."""
    specific = [(n, t) for t, n in types.items() if t in SPECIFIC_TYPES]
    if not specific:
        return "MISC"
    return max(specific, key=lambda pair: (pair[0], -SPECIFIC_TYPES.index(pair[1])))[1]
