"""The linker's working state: the records, how each is linked, and what the targets are."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..types import Extraction
from ..words import HEADS
from .curation import Curation
from .fuzzy import FuzzyIndex, indexable
from .kb import KnowledgeBase
from .names import normalize_name
from .records import Record, majority_type, new_id
from .shortforms import headline_sentences
from .variants import VariantIndex

# Rules that link a shorter name to a longer one: their mentions' types say nothing about
# the longer name's type.
SHORT_FORM_RULES = frozenset(("acronym", "alias", "nickname", "initials", "short-form",
                              "acronym-elsewhere", "corpus-short-form"))


@dataclass
class LinkState:
    """Everything the rules share while linking one corpus; `link` records a decision."""

    kb: KnowledgeBase | None
    curation: Curation
    documents: dict[str, Extraction]
    records: list[Record]
    types: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    acronyms: dict[str, dict[str, tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(dict))
    aliases: dict[str, dict[str, tuple[str, str, str]]] = field(
        default_factory=lambda: defaultdict(dict))  # doc -> key -> (target, definition, how)
    full_counts: Counter[str] = field(default_factory=Counter)
    fuzzy: FuzzyIndex = field(default_factory=FuzzyIndex)
    variants: VariantIndex = field(default_factory=VariantIndex)
    by_doc: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    majority: dict[str, str] = field(default_factory=dict)  # target -> _majority_type
    # the types of each target's own names, short forms left out: what a short form may
    # stand for is fixed by the full name ('Vinales' typed ORG twice must not turn
    # 'Maverick Vinales' into an organisation that later 'Vinales' cannot shorten)
    name_types: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # (computed when asked for and dropped when the target's types change: link runs for
    # every mention, type_of far less often)
    kb_types: dict[str, str] = field(init=False)  # knowledge-base id -> its type
    _context: dict[str, str] = field(default_factory=dict)
    _whys: dict[str, str] = field(default_factory=dict)
    _ids: dict[str, str] = field(default_factory=dict)  # name key -> new_id(key)
    _headlines: dict[str, frozenset[int]] = field(default_factory=dict)  # doc -> headlines
    # target -> the documents linking a mention to it, as the documents' own rules left
    # them (filled by link.corpus for its rules)
    docs_by_target: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # target -> the targets its documents name, with in how many of them (link.corpus)
    company_of: dict[str, Counter[str]] = field(default_factory=dict)
    # (document, weak name key) -> its candidates' context scores (link.corpus)
    weak_scores: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.kb_types = {id_: e.type for id_, e in self.kb.entities.items()} if self.kb else {}

    def link(self, record: Record, target: str, how: str, why: str) -> None:
        """Link `record` to `target` by rule `how`, and count what that says of the target."""
        record.target, record.how = target, how
        record.why = self._whys.setdefault(why, why)  # one copy of each distinct reason
        self.types[target][record.mention.type] += 1
        if how not in SHORT_FORM_RULES:
            self.name_types[target][record.mention.type] += 1
        self.majority.pop(target, None)
        if how in ("kb", "new"):
            self.variants.add(record.tokens, target)
            if indexable(record.tokens):
                self.fuzzy.add(record.tokens, target)

    def unlink(self, record: Record) -> None:
        """Take a link back, with what it said of its target (a document's own definition
        of an acronym overrides the knowledge base's)."""
        self.types[record.target][record.mention.type] -= 1
        if record.how not in SHORT_FORM_RULES:
            self.name_types[record.target][record.mention.type] -= 1
        if self.full_counts[record.target] > 0:
            self.full_counts[record.target] -= 1
        self.majority.pop(record.target, None)
        record.target = record.how = record.why = ""

    def kb_owner(self, record: Record) -> str:
        """The entity a sure knowledge-base name denotes: the one the ruler matched (carried
        on the mention), else the owner of the mention's name (a model's span, or a name
        with a title before it)."""
        if not self.kb:
            return ""
        if record.mention.kb_id in self.kb.entities:
            return record.mention.kb_id
        return self.kb.strong.get(record.key, "")

    def is_weak(self, record: Record) -> bool:
        """True for a name the knowledge base gives to several entities."""
        return bool(self.kb and record.key in self.kb.weak)

    def not_a_person(self, record: Record) -> bool:
        """True for a name that is no person's short form: it opens with the head word of
        an organisation or place ('Partai Demokrat' is not the last words of a person named
        'Erwan Partai Demokrat'), or the knowledge base knows it only as something else
        ('Demokrat', 'Yamaha')."""
        if record.tokens[0] in HEADS:
            return True
        if not self.kb:
            return False
        owner = self.kb.strong.get(record.key)
        owners = (owner,) if owner else self.kb.weak.get(record.key, ())
        kinds = {self.kb_types[c] for c in owners}
        return bool(kinds) and "PERSON" not in kinds

    def may_be_a_place(self, record: Record) -> bool:
        """False only when a knowledge base is there and knows no entity by this name: a
        name NER typed as a place may then be a person's surname ('Dybala')."""
        return self.kb is None or bool(self.kb.candidates(record.key))

    def in_headline(self, record: Record) -> bool:
        """True for a mention in its document's headline: a headline's capitals say
        nothing about names ('Jokowi Cari Pengganti Wiranto'), so it is never the full
        name a short form stands for."""
        doc = record.mention.doc
        found = self._headlines.get(doc)
        if found is None:
            extraction = self.documents.get(doc)
            found = self._headlines[doc] = (headline_sentences(extraction) if extraction
                                            else frozenset())
        return record.mention.sentence in found

    def unsure_headline(self, record: Record) -> bool:
        """True for a mention in a headline that the knowledge base did not name: it may be
        a clause's words, so it stands behind no short form. A headline's 'Budi Gunawan',
        a knowledge-base name, does stand behind the text's 'BG'."""
        return record.how != "kb" and self.in_headline(record)

    def sentence(self, doc: str, index: int) -> tuple[int, str]:
        """(start offset, text) of a document's sentence; (0, '') if unknown."""
        extraction = self.documents.get(doc)
        if extraction is None:
            return 0, ""
        sentences = extraction.sentences
        if 0 <= index < len(sentences) and sentences[index].index == index:
            return sentences[index].start, sentences[index].text
        found = next((s for s in sentences if s.index == index), None)
        return (found.start, found.text) if found else (0, "")

    def context_text(self, doc: str) -> str:
        """The document's normalised text (its sentences), padded for word lookups."""
        if doc not in self._context:
            parts = [self.sentence(doc, r.mention.sentence)[1] for r in self.by_doc[doc]]
            self._context[doc] = " " + normalize_name(" ".join(dict.fromkeys(parts))) + " "
        return self._context[doc]

    def type_of(self, target: str) -> str:
        """A target's type: the knowledge base's, else its mentions' majority type."""
        kb_type = self.kb_types.get(target)
        if kb_type is not None:
            return kb_type
        found = self.majority.get(target)
        if found is None:
            types = self.types.get(target)
            found = self.majority[target] = majority_type(types) if types else "MISC"
        return found

    def name_type(self, target: str) -> str:
        """The type of a target as its own names have it (short forms left out)."""
        types = self.name_types.get(target)
        if target in self.kb_types or not types:
            return self.type_of(target)
        return majority_type(types)

    def node_id(self, key: str) -> str:
        """`new_id(key)`, once per distinct key."""
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = new_id(key)
        return found
