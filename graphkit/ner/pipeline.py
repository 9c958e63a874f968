"""Load the spaCy pipeline (model + knowledge-base ruler + name rules) and extract mentions."""

from __future__ import annotations

import gc
import logging
import sys
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..clean import content_blocks, original_span, visible_text
from ..dates import without_text
from ..errors import ModelError
from ..link.kb import KnowledgeBase
from ..types import Block, Document, Extraction, Mention, Sentence
from .config import resolve_model, shipped_model_path
from .fast.inference import speed_up
from .spans import EntityCombiner
from .tokenizer import GLUED_TOKENIZER_CONFIG

log = logging.getLogger("graphkit")


def load_pipeline(model: str | None = None, kb: KnowledgeBase | None = None,
                  propose: bool | None = None, with_kb: bool = True) -> Language:
    """The spaCy pipeline graphkit runs: a statistical NER model (the shipped Indonesian
    one by default, `"blank"` for none, or any installed spaCy pipeline name or path),
    a sentencizer, and the `graphkit_entities` component that adds knowledge-base names
    (the bundled knowledge base unless `kb` is given or `with_kb=False`) and rule-proposed
    capitalised names: all of them without a model, only multi-word names the model
    missed with one (`propose=True/False` forces either).

    >>> nlp = load_pipeline("blank", with_kb=False)
    >>> [(e.text, e.label_) for e in nlp("Kemarin Mason Richey tiba di Seoul.").ents]
    [('Mason Richey', 'PERSON'), ('Seoul', 'MISC')]
    """
    collecting = gc.isenabled()
    try:
        nlp = _load_model(model)
    finally:  # srsly's msgpack reader turns the cyclic GC back on; keep the caller's choice
        if not collecting:  # (a build pauses it: its passes would cost seconds at 25k)
            gc.disable()
    has_ner = "ner" in nlp.pipe_names
    if not any(nlp.has_factory(n) and n in nlp.pipe_names
               for n in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer", first=True)
    for unused in ("lemmatizer", "attribute_ruler", "tagger", "morphologizer"):
        if unused in nlp.pipe_names:
            nlp.disable_pipe(unused)
    mode = ("all" if propose or (propose is None and not has_ner) else
            "missed" if propose is None else "none")
    combiner = cast(EntityCombiner, nlp.add_pipe("graphkit_entities", last=True,
                                                 config={"propose": mode}))
    if kb is None and with_kb:
        from ..link.kb import load_kb

        kb = load_kb()
    if kb is not None:
        combiner.add_kb(kb, nlp.tokenizer)
    return nlp


def _load_model(model: str | None) -> Language:
    """The statistical pipeline `model` names; the shipped model and "blank" get spaCy's
    default Indonesian tokenizer with glued punctuation split (graphkit.ner.tokenizer),
    another model keeps its own tokenizer."""
    model = resolve_model(model)
    if model == "blank":
        log.info("no statistical NER model; using rules and the knowledge base only")
        return spacy.blank("id", config=GLUED_TOKENIZER_CONFIG)
    # The shipped model uses spaCy's default Indonesian tokenizer, which spacy.load builds
    # from the config (here with the glued-punctuation patterns); reading it again from disk
    # would add its ~16k special cases a second time (~2 s). tests/test_model.py checks
    # that the shipped one is the default.
    shipped = model == str(shipped_model_path())
    try:
        nlp = (spacy.load(model, exclude=["tokenizer"], config=GLUED_TOKENIZER_CONFIG)
               if shipped else spacy.load(model))
    except (OSError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelError(f"cannot load spaCy pipeline {model!r}: {first}") from None
    return speed_up(nlp)


def extract(documents: Iterable[Document], nlp: Language, clean: bool = True,
            batch_size: int = 64) -> Iterator[Extraction]:
    """Run the pipeline over the content lines of each document, in order, streaming
    (`graphkit.engines` spreads documents over processes or a Dask cluster)."""
    pending: deque[_Pending] = deque()

    def lines() -> Iterator[tuple[str, tuple[str, Block, list[int] | None]]]:
        for document in documents:
            blocks = content_blocks(document.text, clean)
            pending.append(_Pending(document, len(blocks)))
            for block in blocks:
                visible, where = visible_text(document.text[block.start:block.end])
                yield visible, (visible, block, where)

    for spacy_doc, (visible, block, where) in nlp.pipe(lines(), as_tuples=True,
                                                       batch_size=batch_size):
        while pending[0].remaining == 0:
            yield pending.popleft().finish()
        pending[0].add(spacy_doc, block, where, visible)
    while pending:
        yield pending.popleft().finish()


@dataclass
class _Pending:
    """A document whose lines are still going through the pipeline."""

    document: Document
    remaining: int
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def add(self, doc: Doc, block: Block, where: list[int] | None = None,
            visible: str | None = None) -> None:
        """Sentences and mentions of one block; spaCy saw the block without invisible
        characters (`visible`, the text of `doc`), so its offsets are mapped back through
        `where`."""
        text = self.document.text
        seen = doc.text if visible is None else visible
        first = len(self.sentences)
        for sent in doc.sents:
            if seen[sent.start_char:sent.end_char].strip():  # = sent.text, without a join
                s, e = original_span(where, sent.start_char, sent.end_char)
                self.sentences.append(Sentence(len(self.sentences), block.start + s,
                                               block.start + e, block.paragraph,
                                               text[block.start + s:block.start + e]))
        starts = [s.start - block.start for s in self.sentences[first:]]
        for ent in doc.ents:
            s, e = original_span(where, ent.start_char, ent.end_char)
            index = first + max(bisect_right(starts, s) - 1, 0)
            self.mentions.append(Mention(
                doc=self.document.id, start=block.start + s, end=block.start + e,
                text=text[block.start + s:block.start + e], type=sys.intern(ent.label_),
                sentence=index, source=sys.intern(ent.id_ or "model"),
                kb_id=sys.intern(ent.kb_id_)))
        self.remaining -= 1

    def finish(self) -> Extraction:
        """The extraction, without the text nothing downstream needs."""
        words = sum(len(s.text.split()) for s in self.sentences)
        mentioned = {m.sentence for m in self.mentions}
        sentences = tuple(s if s.index in mentioned else
                          Sentence(s.index, s.start, s.end, s.paragraph, "")
                          for s in self.sentences)
        return Extraction(without_text(self.document), sentences, tuple(self.mentions), words)
