"""Score graphkit's full NER pipeline and its bare model on gold sentences, by stage.

`graphkit.load_pipeline()` runs the statistical model, then the `graphkit_entities`
component (knowledge base, name rules, span post-processing). Running the pipeline once with
that component held back gives the bare model's entities; running the component on the same
Doc gives what users get. Each output span carries its source in `Span.id` ("kb",
"model", "rule"); a "model" span that differs from every bare-model span was changed by the
post-processing (trimming, splitting, cutting, extending).

Types: graphkit's GPE and LOC are both the gold's LOC (idner-news-2k, NERGRIT and NER-UI tag
countries and cities LOC); EVENT, PRODUCT and MISC have no gold counterpart and are left out
of the score (neither right nor wrong); PERSON and ORG are themselves.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

GOLD_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
STAGES = ("model", "kb", "rule", "post")  # post: a model span changed after the model
STAGE_NAMES = {"model": "model", "kb": "knowledge base", "rule": "name rules",
               "post": "post-processing (trimming, splitting, cutting)"}
Span3 = tuple[int, int, str]  # start char, end char, gold type


@dataclass
class SentenceResult:
    """One sentence: gold spans, the bare model's spans and the pipeline's (with stages)."""

    text: str
    gold: set[Span3]
    bare: set[Span3]
    full: dict[Span3, str]  # span -> stage


@dataclass
class StageCounts:
    """True/false positives by the stage that produced them; false negatives by cause."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def note(self, key: str, example: str) -> None:
        self.examples.setdefault(key, []).append(example)


def gold_type(label: str) -> str | None:
    """The gold corpora's type for a graphkit type, None when they have none.

    >>> gold_type("GPE"), gold_type("PERSON"), gold_type("EVENT")
    ('LOC', 'PERSON', None)
    """
    return GOLD_TYPES.get(label)


def stage_of(span: Span3, source: str, bare: set[Span3]) -> str:
    """The stage that produced an output span: its source, or "post" for a model span
    the bare model did not produce as such.

    >>> stage_of((0, 4, "ORG"), "model", {(0, 10, "ORG")})
    'post'
    """
    if source == "model" and span not in bare:
        return "post"
    return source if source in STAGES else "model"


def scored_spans(ents: Iterable[Any]) -> dict[Span3, str]:
    """Output entities in gold types with their source (`Span.id_`; `kb_id_` holds the
    knowledge-base id), other types left out."""
    spans: dict[Span3, str] = {}
    for ent in ents:
        label = gold_type(ent.label_)
        if label is not None:
            spans[(ent.start_char, ent.end_char, label)] = ent.id_ or "model"
    return spans


def run_both(nlp: Any, sentences: Iterable[Any], batch_size: int = 256
             ) -> Iterator[SentenceResult]:
    """Bare-model and full-pipeline entities of each gold sentence, from one model pass."""
    combiner = nlp.get_pipe("graphkit_entities")
    texts = [s.text for s in sentences]
    golds = [set(s.spans) for s in sentences]
    with nlp.select_pipes(disable=["graphkit_entities"]):
        docs = list(nlp.pipe(texts, batch_size=batch_size))
    for doc, gold in zip(docs, golds, strict=True):
        bare = set(scored_spans(doc.ents))
        full = scored_spans(combiner(doc).ents)
        yield SentenceResult(doc.text, gold, bare,
                             {s: stage_of(s, src, bare) for s, src in full.items()})


def fn_cause(gold: Span3, result: SentenceResult) -> str:
    """Why a gold span is missing from the output: 'model missed' (the bare model did not
    have it either) or 'lost to <stage>' (the bare model had it and the stage whose span
    overlaps it replaced it; 'lost to post' when nothing overlaps: dropped)."""
    if gold not in result.bare:
        return "model missed"
    for (start, end, _), stage in sorted(result.full.items()):
        if start < gold[1] and gold[0] < end:
            return f"lost to {stage}"
    return "lost to post"


def count_stages(results: Iterable[SentenceResult]) -> StageCounts:
    """TP/FP by stage and FN by cause, with the texts of each error as examples."""
    counts = StageCounts()
    for r in results:
        for span, stage in sorted(r.full.items()):
            shown = f"{r.text[span[0]:span[1]]} ({span[2]})"
            if span in r.gold:
                counts.tp[stage] += 1
            else:
                counts.fp[stage] += 1
                counts.note(f"fp {stage}", f"{shown} | {r.text}")
        for span in sorted(r.gold - set(r.full)):
            cause = fn_cause(span, r)
            counts.fn[cause] += 1
            counts.note(f"fn {cause}", f"{r.text[span[0]:span[1]]} ({span[2]}) | {r.text}")
    return counts


def prf_of(results: list[SentenceResult], which: str) -> dict[str, Any]:
    """ner_data.prf of the bare model ("bare") or the full pipeline ("full")."""
    import ner_data as nd

    return nd.prf([r.gold for r in results], [set(getattr(r, which)) for r in results])


def marked_elsewhere(results: list[SentenceResult]) -> list[set[Span3]]:
    """Per sentence, the full pipeline's false positives whose text the gold marks, with
    the same type, in another sentence of the set: idner-news-2k dev marks 'Israel' LOC in
    some sentences and leaves it unmarked in most. Such a span is the gold's inconsistency as much
    as the pipeline's error; counted apart, never dropped from the headline figures."""
    marked = {(r.text[s:e], t) for r in results for s, e, t in r.gold}
    return [{span for span in set(r.full) - r.gold
             if (r.text[span[0]:span[1]], span[2]) in marked} for r in results]


def prf_forgiving(results: list[SentenceResult], forgiven: list[set[Span3]]) -> dict[str, Any]:
    """ner_data.prf of the full pipeline with the `forgiven` false positives left out."""
    import ner_data as nd

    return nd.prf([r.gold for r in results],
                  [set(r.full) - f for r, f in zip(results, forgiven, strict=True)])


def score_set(nlp: Any, sentences: list[Any]) -> dict[str, Any]:
    """Bare-model and full-pipeline scores of one gold set, with the stage breakdown and
    the false positives the gold marks elsewhere (`marked_elsewhere`)."""
    results = list(run_both(nlp, sentences))
    counts = count_stages(results)
    forgiven = marked_elsewhere(results)
    return {"sentences": len(results), "bare": prf_of(results, "bare"),
            "full": prf_of(results, "full"), "tp": dict(counts.tp), "fp": dict(counts.fp),
            "fn": dict(counts.fn), "examples": counts.examples,
            "fp_marked_elsewhere": sum(len(f) for f in forgiven),
            "full_forgiving": prf_forgiving(results, forgiven)}


def unique_sentences(sentences: Iterable[Any]) -> list[Any]:
    """The sentences, each text once (NER-UI's dev folds share most of their sentences)."""
    seen: set[str] = set()
    kept = []
    for s in sentences:
        if s.text not in seen:
            seen.add(s.text)
            kept.append(s)
    return kept
