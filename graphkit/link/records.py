"""The records linking works on: a mention being linked, and the linker's result."""

from __future__ import annotations

import hashlib
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


def document_node_id(key: str, doc: str) -> str:
    """The id of a node that holds one document's mentions of a name only: `new_id(key)` and
    a short digest of the document id ('new:arief-3f9a0c')."""
    digest = hashlib.blake2b(doc.encode("utf-8", "surrogatepass"), digest_size=3).hexdigest()
    return f"{new_id(key)}-{digest}"


def majority_type(types: Counter[str]) -> str:
    """The most frequent specific type of a node's mentions (MISC when none is specific);
    ties go to the type listed first in SPECIFIC_TYPES."""
    specific = [(n, t) for t, n in types.items() if t in SPECIFIC_TYPES]
    if not specific:
        return "MISC"
    return max(specific, key=lambda pair: (pair[0], -SPECIFIC_TYPES.index(pair[1])))[1]
