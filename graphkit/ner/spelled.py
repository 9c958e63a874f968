"""Names a document spells out before a known acronym that stands for something else:
'Perjanjian Kerja Bersama (PKB)' is a labour agreement, not the party the knowledge base
knows as PKB, and 'PT Persib Bandung Bermartabat (PBB)' a club's company, not the UN.

The model rarely tags such a phrase, so the acronym alone would be read as the knowledge
base's name. The spelled-out words become a name of their own (ORG), and the linker makes
the acronym theirs (`link.document`).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from ..link.names import is_acronym
from ..words import CONNECTORS
from .bounds import Candidate

# Words a spelled-out name joins its words with, left out of its acronym.
_JOINERS = CONNECTORS | frozenset("dan serta untuk di ke dari atas".split())


def spelled_out_names(doc: Doc, spans: list[Candidate], owners: dict[tuple[int, int], str],
                      may_be_named: Callable[[str, str], bool]) -> list[Candidate]:
    """ORG spans for the capitalised words before each bracketed knowledge-base acronym
    among `spans` whose initials spell it and that are no name of the acronym's entity
    (`owners`: the entity of each sure knowledge-base span; `may_be_named(entity, text)`:
    the knowledge base's test), where no other span holds them."""
    taken = {i for start, end, _, _ in spans for i in range(start, end)}
    found = []
    for start, end, _, source in spans:
        owner = owners.get((start, end))
        if source != "kb" or not owner or not _bracketed(doc, start, end) or \
                not is_acronym(doc[start].text) or end - start != 1:
            continue
        first = _spelling_start(doc, start - 1, doc[start].text)
        if first is None or taken.intersection(range(first, start - 1)):
            continue
        if not may_be_named(owner, doc[first:start - 1].text):
            found.append((first, start - 1, "ORG", "rule"))
    return found


def _bracketed(doc: Doc, start: int, end: int) -> bool:
    """The span stands alone in brackets."""
    return start > 1 and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")"


def _spelling_start(doc: Doc, bracket: int, acronym: str) -> int | None:
    """Where the capitalised words right before `bracket` start whose initials spell
    `acronym`, joining words in between skipped ('Badan Pengkajian dan Penerapan
    Teknologi (BPPT)'; a joining word whose initial the acronym has counts: 'Bank of
    America (BOA)'), or None."""
    letters = acronym.casefold()
    index, matched = bracket - 1, len(letters)
    while index >= 0 and matched > 0:
        token = doc[index]
        if token.is_alpha and token.text[:1].isupper() and \
                token.lower_[0] == letters[matched - 1]:
            matched -= 1
        elif not (token.lower_ in _JOINERS and index < bracket - 1):
            return None
        index -= 1
    return index + 1 if matched == 0 else None
