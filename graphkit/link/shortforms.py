"""Which names may be short forms of which: shared words, and types that have short forms."""

from __future__ import annotations

from collections import defaultdict

from .records import Record


class LongerNames:
    """A document's linked names longer than some length, found by first or last word:
    a short form shares its first word with the name it abbreviates (or, for a person,
    its last), so only those are worth comparing."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self._ends: dict[str, list[int]] = defaultdict(list)
        for i, record in enumerate(records):
            self._ends[record.tokens[0]].append(i)
            if record.tokens[-1] != record.tokens[0]:
                self._ends[record.tokens[-1]].append(i)

    def sharing_ends(self, record: Record) -> list[Record]:
        """The names whose first or last word is `record`'s first or last, in order."""
        first, last = record.tokens[0], record.tokens[-1]
        found = self._ends.get(first, [])
        if last != first and last in self._ends:
            found = sorted(set(found).union(self._ends[last]))
        return [self.records[i] for i in found]


def abbreviates(short: Record, full: Record, full_type: str) -> bool:
    """'Easley' abbreviates 'Leif-Eric Easley' and 'Kim' 'Kim Jong Un' (people: first or
    last names); 'Dewan Keamanan' abbreviates 'Dewan Keamanan PBB' (organisations: a
    leading part only, since a trailing 'PBB' names the parent, not the organ)."""
    n = len(short.tokens)
    if full.tokens[:n] == short.tokens:
        return True
    return full_type == "PERSON" and full.tokens[-n:] == short.tokens


def short_form_types(short: str, full: str) -> bool:
    """Only people and organisations have short forms; 'Korea' never shortens 'Korea Utara'.
    A surname the model typed as an organisation still shortens a person in the same
    document ('Pacheco Pardo'); places never do."""
    if full == "PERSON":
        return short in ("PERSON", "MISC", "ORG")
    return full == "ORG" and short in ("ORG", "MISC")


def compatible(a: str, b: str) -> bool:
    """Types one entity may be mentioned as: equal, MISC, or two kinds of place."""
    places = ("GPE", "LOC")
    return a == b or "MISC" in (a, b) or (a in places and b in places)
