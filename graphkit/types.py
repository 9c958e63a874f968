"""Frozen records passed between the pipeline's stages."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "PRODUCT", "MISC")


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from the corpus; `text` is what NER reads and mentions' offsets
    index into (`graphkit text FILE` prints it): a text file's decoded text, a record's text
    field, a web page's main text or a feed item's content (each followed by its title as a
    last paragraph when it does not open with it), a PDF's or Word file's text. `source`:
    the outlet or site name where known; `format`: what it was read from (txt, md, jsonl,
    csv, html, mhtml, pdf, docx, odt, feed)."""

    id: str
    text: str
    title: str = ""
    date: str = ""
    url: str = ""
    source: str = ""
    format: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """A span of content the cleaner kept: one line of text, never crossing a line break."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence window inside a document, with its character span."""

    index: int
    start: int
    end: int
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention found by NER, before linking."""

    doc: str
    start: int
    end: int
    text: str
    type: str
    sentence: int
    source: str  # "kb" (entity ruler), "model" (statistical NER) or "rule" (name proposer)
    kb_id: str = ""  # the knowledge-base entity the ruler matched by one of its sure names


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything NER learned about one document: its sentences and mentions.

    To keep memory proportional to the mentions, not the corpus, `doc` carries no text
    (its date is resolved first) and sentences without a mention keep no text."""

    doc: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    words: int = 0


@dataclass(frozen=True, slots=True)
class LinkedMention:
    """A mention resolved to a canonical entity id, with how and why it was resolved."""

    mention: Mention
    entity: str
    how: str
    why: str = ""
    alternative: str = ""  # the other node(s) a doubtful link was chosen over, if any
    certainty: str = ""  # how sure the link is: "sure", "likely" or "doubtful" (link.rules)


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical node: a knowledge-base entity or a new one found in the corpus."""

    id: str
    label: str
    type: str
    kb_id: str = ""
    how: str = "new"
    aliases: tuple[str, ...] = field(default=())
