"""Which names may be short forms of which: shared words, and types that have short forms."""

from __future__ import annotations

from collections import defaultdict

from ..types import Extraction
from .records import Record

_SENTENCE_END = frozenset('.!?"\'”’')
_HEADLINE_CHARACTERS = 200


class LongerNames:
    """A document's linked names longer than some length, found by their words: a short
    form shares its first word with the name it abbreviates (or, for a person, its last,
    and for a one-word name any word), so only those are worth comparing."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self._words: dict[str, list[int]] = defaultdict(list)
        for i, record in enumerate(records):
            for word in dict.fromkeys(record.tokens):
                self._words[word].append(i)

    def sharing_ends(self, record: Record) -> list[Record]:
        """The names holding `record`'s first or last word, in order."""
        first, last = record.tokens[0], record.tokens[-1]
        found = self._words.get(first, [])
        if last != first and last in self._words:
            found = sorted(set(found).union(self._words[last]))
        return [self.records[i] for i in found]


def headline_sentences(extraction: Extraction) -> frozenset[int]:
    """The indexes of the document's headline sentences: a first line that is one short
    sentence without closing punctuation (a text file's title line), and the sentences of
    the title that `graphkit.corpus` puts after a record's, page's or feed item's text."""
    return _first_line_headline(extraction) | _title_sentences(extraction)


def _first_line_headline(extraction: Extraction) -> frozenset[int]:
    sentences = extraction.sentences
    if not sentences or len(sentences) > 1 and sentences[1].paragraph == sentences[0].paragraph:
        return frozenset()
    first = sentences[0]
    if first.index != 0 or first.paragraph != 0 or first.end - first.start > _HEADLINE_CHARACTERS:
        return frozenset()
    text = first.text.rstrip()
    return frozenset({0}) if text and text[-1] not in _SENTENCE_END else frozenset()


def _title_sentences(extraction: Extraction) -> frozenset[int]:
    """The last paragraph's sentences when they end where the title does (their text is
    blank in an extraction where they mention nothing, so offsets are compared)."""
    title, sentences = " ".join(extraction.doc.title.split()), extraction.sentences
    if not title or not sentences:
        return frozenset()
    last = sentences[-1]
    found = [s for s in sentences if s.paragraph == last.paragraph]
    if last.end - found[0].start != len(title) or len(found) == len(sentences):
        return frozenset()
    return frozenset(s.index for s in found)


def abbreviates(short: Record, full: Record, full_type: str, middle: bool = False) -> bool:
    """'Easley' abbreviates 'Leif-Eric Easley' and 'Kim' 'Kim Jong Un' (people: first or
    last names; with `middle`, in a document, one word of the name anywhere, as Indonesian
    news calls 'Yasonna Hamonangan Laoly' 'Hamonangan'); 'Dewan Keamanan' abbreviates
    'Dewan Keamanan PBB' (organisations: a leading part only, since a trailing 'PBB' names
    the parent, not the organ)."""
    n = len(short.tokens)
    if full.tokens[:n] == short.tokens:
        return True
    if full_type != "PERSON":
        return False
    return full.tokens[-n:] == short.tokens or (middle and n == 1 and short.tokens[0]
                                                 in full.tokens)


def short_form_types(short: str, full: str) -> bool:
    """Only people and organisations have short forms; 'Korea' never shortens 'Korea Utara'.
    A name the model typed as something else still shortens a person in the same document
    ('Pacheco Pardo' typed ORG, 'Enggria' typed LOC): what a name is comes from its full
    form, and names the knowledge base knows as places or organisations are kept out by
    the linker."""
    if full == "PERSON":
        return True
    return full == "ORG" and short in ("ORG", "MISC")


def compatible(a: str, b: str) -> bool:
    """Types one entity may be mentioned as: equal, MISC, or two kinds of place."""
    places = ("GPE", "LOC")
    return a == b or "MISC" in (a, b) or (a in places and b in places)
