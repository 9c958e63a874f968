"""Greedy decoding of spaCy's transition-based NER (one model or an ensemble), vectorised
over a batch with numpy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

import numpy as np
import numpy.typing as npt
from blis.py import gemm as blis_gemm
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, IS_SPACE, SENT_START
from spacy.tokens import Doc, Span

# Documents read ahead and sorted by length, so that each decoded part holds documents of
# about the same length: a part takes as many steps as its longest document has tokens.
DECODE_WINDOW = 256
# Tokens decoded together (the lower layer's output for them: 384 floats a token, ~30 MB).
DECODE_TOKENS = 20_000
_B, _I, _L, _U, _O = range(5)
_MOVES = {"B": _B, "I": _I, "L": _L, "U": _U}

Ints = npt.NDArray[np.int64]
# What reading a component that this module cannot decode raises (TypeError: weights that
# are not numpy arrays, on a GPU).
_NOT_DECODABLE = (KeyError, ValueError, AttributeError, TypeError)


@dataclass(frozen=True)
class _Plan:
    """What decoding needs of a trained NER component, read once."""

    tok2vec: Any  # the component's tok2vec (listener) chain
    lower: Any  # the precomputable affine layer
    upper_w: npt.NDArray[np.float32]  # (classes, hidden)
    upper_b: npt.NDArray[np.float32]  # (classes,)
    labels: tuple[str, ...]  # entity labels, by index
    move_of_class: Ints  # _B.._O for each output class
    label_of_class: Ints  # label index of each class (-1: none)
    valid: npt.NDArray[np.bool_]  # (situations, classes): see _situations
    score_gain: float  # largest sum of |weights| into one output class
    score_bias: float  # largest |bias| of an output class


class FastEntityRecognizer:
    """Stands in for a spaCy `EntityRecognizer` in a pipeline at inference: `pipe` and
    calls decode greedily over whole batches with numpy (the same features, maxout layer,
    output scores through BLIS as spaCy's C loop, and the same BILUO rules), instead of
    spaCy's loop, which pays fixed costs on every state at every step
    (benchmarks/code-figures.md). Documents with any entity annotation already set (IOB,
    type or KB id) go to spaCy's own code, and so does everything when the component can
    no longer be decoded here (e.g. beam search switched on). Everything else (labels,
    serialisation, training) is the wrapped component's: the model's weights are read at
    every `pipe` call, so loading or training the component is seen at once.

    Differences that do not touch the results: documents are read `DECODE_WINDOW` at a
    time, so a non-raising error handler (spaCy's default raises) is given, and drops,
    that many documents instead of `batch_size`; and identical numbers rely, as spaCy's
    own batching does, on BLAS results not depending on how many rows a product has.

    `members`: further trained NER components with the same moves (an ensemble, e.g. the
    same recipe trained with other seeds), each with its own tok2vec inside (no listener).
    Every step then takes the move with the highest sum of all models' scores for the
    shared state, the usual ensemble of greedy transition-based models. Documents that go
    to spaCy's own code are decoded by `ner` alone."""

    def __init__(self, ner: Any, members: Sequence[Any] = ()) -> None:
        self.ner = ner
        self.members = tuple(members)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or "ner" not in self.__dict__:  # copying, serialising
            raise AttributeError(name)
        return getattr(self.ner, name)

    # spaCy finds trainable and initialisable components by these members, and from
    # Python 3.12 on such checks do not see `__getattr__`.
    @property
    def model(self) -> Any:
        return self.ner.model

    @property
    def is_trainable(self) -> bool:
        return bool(self.ner.is_trainable)

    def update(self, *args: Any, **kwargs: Any) -> Any:
        return self.ner.update(*args, **kwargs)

    def finish_update(self, sgd: Any) -> None:
        self.ner.finish_update(sgd)

    def initialize(self, *args: Any, **kwargs: Any) -> Any:
        return self.ner.initialize(*args, **kwargs)

    def __call__(self, doc: Doc) -> Doc | None:
        done = list(self.pipe([doc]))  # empty if a non-raising error handler dropped it
        return done[0] if done else None

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        try:
            plans = _plans(self.ner, self.members)
        except _NOT_DECODABLE:
            yield from self.ner.pipe(docs, batch_size=batch_size)
            return
        error_handler = self.ner.get_error_handler()
        remaining = iter(docs)
        while batch := list(islice(remaining, max(batch_size, DECODE_WINDOW))):
            if any(doc.to_array([ENT_IOB, ENT_TYPE, ENT_KB_ID]).any() for doc in batch):
                yield from self.ner.pipe(batch, batch_size=batch_size)  # preset annotation
                continue
            try:
                for part in _by_tokens(sorted(batch, key=len), DECODE_TOKENS // len(plans)):
                    if not decode(plans, part):
                        list(self.ner.pipe(part, batch_size=len(part)))
            except Exception as exc:  # spaCy's error-handler protocol
                error_handler(self.ner.name, self.ner, batch, exc)
                continue
            yield from batch


def can_decode(ner: Any, members: Sequence[Any] = ()) -> bool:
    """Whether `ner` (with ensemble `members`, if any) is greedy transition-based NER that
    this module decodes like spaCy."""
    try:
        _plans(ner, members)
    except _NOT_DECODABLE:
        return False
    return True


def _plans(ner: Any, members: Sequence[Any]) -> list[_Plan]:
    first = _plan(ner)
    return [first] + [_in_order_of(_plan(member), first) for member in members]


def _in_order_of(plan: _Plan, first: _Plan) -> _Plan:
    """A member's plan with its output classes in the order of the first model's: models
    trained on different data number the same moves differently (a move's number follows
    how often its label occurs), and their scores add up move by move."""
    if plan.labels != first.labels:
        raise ValueError("ensemble members have different labels")
    index = {(int(m), int(lab)): i for i, (m, lab) in
             enumerate(zip(plan.move_of_class, plan.label_of_class, strict=True))}
    wanted = list(zip(first.move_of_class.tolist(), first.label_of_class.tolist(), strict=True))
    if len(index) != len(wanted) or set(index) != set(wanted):
        raise ValueError("ensemble members have different moves")
    order = np.array([index[move] for move in wanted], dtype=np.int64)
    return replace(plan, upper_w=np.ascontiguousarray(plan.upper_w[order]),
                   upper_b=np.ascontiguousarray(plan.upper_b[order]),
                   move_of_class=first.move_of_class, label_of_class=first.label_of_class,
                   valid=first.valid)


def _plan(ner: Any) -> _Plan:
    model = ner.model
    if ner.cfg.get("beam_width", 1) != 1 or not model.attrs.get("has_upper") or \
            model.attrs.get("unseen_classes") or type(ner.moves).__name__ != "BiluoPushDown":
        raise ValueError("not a greedy NER with an output layer and every class seen")
    lower, upper = model.get_ref("lower"), model.get_ref("upper")
    if lower.get_dim("nF") != 3:
        raise ValueError("not NER's three state features")
    names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    if upper.get_dim("nO") != len(names):
        raise ValueError("output layer and moves differ")
    labels = tuple(sorted({n.split("-", 1)[1] for n in names if "-" in n} - {""}))
    moves, label_of = [], []
    for name in names:
        move, _, label = name.partition("-")
        if name == "O":
            moves.append(_O)
        elif move in _MOVES:
            moves.append(_MOVES[move])
        else:
            raise ValueError(f"unknown move {name}")
        label_of.append(labels.index(label) if label else -1)
    move_of_class = np.array(moves, dtype=np.int64)
    label_of_class = np.array(label_of, dtype=np.int64)
    if not isinstance(upper.get_param("W"), np.ndarray):
        raise TypeError("weights are not numpy arrays")
    upper_w = np.ascontiguousarray(upper.get_param("W"), dtype=np.float32)
    upper_b = np.ascontiguousarray(upper.get_param("b"), dtype=np.float32)
    with np.errstate(over="ignore", invalid="ignore"):
        gain, bias = float(np.abs(upper_w).sum(axis=1).max()), float(np.abs(upper_b).max())
    return _Plan(model.get_ref("tok2vec"), lower, upper_w, upper_b, labels, move_of_class,
                 label_of_class, _situations(move_of_class, label_of_class, len(labels)),
                 gain, bias)


def _situations(move: Ints, label: Ints, n_labels: int) -> npt.NDArray[np.bool_]:
    """Which classes are valid in each situation a state can be in without preset
    entities (spaCy's `Begin/In/Last/Unit/Out.is_valid`, ner.pyx). Situations 0-3: no
    entity open; bit 1 = B possible (two or more tokens left, the next one starts no
    sentence, this one is no space), bit 0 = this token is a space. Situation
    4 + 2*label + I-possible: an entity of `label` is open."""
    labelled = label >= 0
    table = np.zeros((4 + 2 * n_labels, len(move)), dtype=bool)
    for can_begin in (0, 1):
        for space in (0, 1):
            row = table[2 * can_begin + space]
            row[(move == _B) & labelled] = bool(can_begin)
            row[(move == _U) & labelled] = not space
            row[move == _O] = True
    for index in range(n_labels):
        for can_in in (0, 1):
            row = table[4 + 2 * index + can_in]
            row[(move == _I) & (label == index)] = bool(can_in)
            row[(move == _L) & (label == index)] = True
    return table


def _by_tokens(docs: list[Doc], tokens: int) -> Iterator[list[Doc]]:
    part: list[Doc] = []
    size = 0
    for doc in docs:
        if part and size + len(doc) > tokens:
            yield part
            part, size = [], 0
        part.append(doc)
        size += len(doc)
    if part:
        yield part


def decode(plans: Sequence[_Plan], docs: list[Doc]) -> bool:
    """Set each doc's entities (and every other token to O), as spaCy's greedy parse
    followed by `BiluoPushDown.set_annotations` would (with several plans: on the summed
    scores); False, with the docs untouched, where the scores could be infinite or NaN
    (numpy's argmax and maxout would then differ from spaCy's)."""
    lengths = np.array([len(doc) for doc in docs], dtype=np.int64)
    found: list[tuple[Ints, Ints, Ints, Ints]] | None = []
    if lengths.sum():
        found = _entities(plans, docs, lengths)
        if found is None:
            return False
    spans: list[list[tuple[int, int, int]]] = [[] for _ in docs]
    if found:
        which, starts, ends, labels = (np.concatenate(parts) for parts in zip(*found,
                                                                              strict=True))
        for d, s, e, lab in sorted(zip(which.tolist(), starts.tolist(), ends.tolist(),
                                       labels.tolist(), strict=True)):
            spans[d].append((s, e, lab))
    for doc, entities in zip(docs, spans, strict=True):
        doc.set_ents([Span(doc, s, e, label=plans[0].labels[lab]) for s, e, lab in entities],
                     default="outside")
    return True


def _entities(plans: Sequence[_Plan], docs: list[Doc], lengths: Ints
              ) -> list[tuple[Ints, Ints, Ints, Ints]] | None:
    """(doc, start, end, label) arrays of the entities found, step by step (None: scores
    could overflow). A state is its doc's buffer token (`token`, in the batch) and the
    row of its open entity's first token (`ent_row`, 0 when none is open); what does not
    change within a step is looked up per token or per class, so that each step is a few
    dozen numpy operations on all states at once."""
    models = []
    for plan in plans:
        model = _state_features(plan, docs, int(lengths.sum()))
        if model is None:
            return None
        models.append(model)
    plan = plans[0]
    ends = np.cumsum(lengths)
    starts, lasts = ends - lengths, ends - 1
    attrs = np.concatenate([doc.to_array([SENT_START, IS_SPACE]) for doc in docs if len(doc)])
    space = attrs[:, 1].astype(np.int64)
    # An entity may go on past a token (B, I) unless it is its document's last or the next
    # token starts a sentence.
    free = np.append(attrs[1:, 0] != 1, False)
    free[lasts[lengths > 0]] = False
    closed_situation = 2 * (free & (space == 0)) + space
    open_situation = free.astype(np.int64)

    doc_index = np.flatnonzero(lengths > 0)
    offset = starts[doc_index]
    token = offset.copy()
    end = offset + lengths[doc_index]
    ent_row = np.zeros(len(token), dtype=np.int64)
    open_base = np.zeros(len(token), dtype=np.int64)
    found = []
    label_of, valid_in = plan.label_of_class, plan.valid
    begins_of, unit_of = plan.move_of_class == _B, plan.move_of_class == _U
    closes_of = unit_of | (plan.move_of_class == _L)
    open_base_of = 4 + 2 * label_of
    while len(token):
        is_open = ent_row > 0
        scores = _scores(models[0], token, ent_row, is_open)
        for model in models[1:]:
            scores += _scores(model, token, ent_row, is_open)
        situation = np.where(is_open, open_base + open_situation[token],
                             closed_situation[token])
        valid = valid_in[situation]
        guess = np.where(valid, scores, -np.inf).argmax(axis=1)
        closes, begins = closes_of[guess], begins_of[guess]
        if closes.any():
            where = np.flatnonzero(closes)
            pos = token[where] - offset[where]
            found.append((doc_index[where],
                          np.where(unit_of[guess[where]], pos, ent_row[where] - 1 - offset[where]),
                          pos + 1, label_of[guess[where]]))  # L-X is valid only for X open
        open_base = np.where(begins, open_base_of[guess], open_base)
        ent_row = np.where(begins, token + 1, ent_row)
        ent_row[closes] = 0
        token += 1
        going = token < end
        if not going.all():
            doc_index, offset, token, end = doc_index[going], offset[going], token[going], \
                end[going]
            ent_row, open_base = ent_row[going], open_base[going]
    return found


@dataclass(frozen=True)
class _StateFeatures:
    """One model's precomputed state layer for a batch of tokens."""

    plan: _Plan
    features: tuple[npt.NDArray[np.float32], ...]  # 3 x (1 + tokens, hidden * pieces)
    bias: npt.NDArray[np.float32]  # (hidden * pieces,)
    hidden: int
    pieces: int


def _state_features(plan: _Plan, docs: list[Doc], n_tokens: int) -> _StateFeatures | None:
    """The model's lower layer for every token of `docs` (None: scores could overflow)."""
    tokvecs = plan.tok2vec.predict(docs)
    lower = plan.lower.predict(tokvecs)  # (1 + tokens, 3, hidden, pieces); row 0: padding
    hidden, pieces = lower.shape[2], lower.shape[3]
    # Features (StateC.set_context_tokens, n=3): B(0), the open entity's first token, and
    # B(0)-1 while an entity is open; feature -1 is the padding row 0, token t is row t + 1.
    features = tuple(lower[:, f].reshape(n_tokens + 1, hidden * pieces) for f in range(3))
    bias = np.asarray(plan.lower.get_param("b"), dtype=np.float32).reshape(hidden * pieces)
    if not _scores_are_finite(plan, lower, bias):
        return None
    return _StateFeatures(plan, features, bias, hidden, pieces)


def _scores(model: _StateFeatures, token: Ints, ent_row: Ints, is_open: npt.NDArray[np.bool_]
            ) -> npt.NDArray[np.float32]:
    """One model's output scores for every state of a step."""
    f0, f1, f2 = model.features
    unmaxed = f0[token + 1]
    unmaxed += f1[ent_row]
    unmaxed += f2[token * is_open]
    unmaxed += model.bias
    state = _maxout(unmaxed.reshape(len(token), model.hidden, model.pieces))
    scores: npt.NDArray[np.float32] = blis_gemm(state, model.plan.upper_w, trans2=True,
                                                beta=0.0)
    scores += model.plan.upper_b
    return scores


def _scores_are_finite(plan: _Plan, lower: npt.NDArray[np.float32],
                       bias: npt.NDArray[np.float32]) -> bool:
    """Whether no score can overflow (and nothing is NaN): then every valid class has a
    finite score, and numpy's maxout and argmax over the valid ones are spaCy's."""
    with np.errstate(over="ignore", invalid="ignore"):
        # max |x| without an array of |x| (numpy's max and min both carry a NaN)
        largest = max(float(lower.max()), -float(lower.min()))
        state = 3 * largest + float(np.abs(bias).max())
        score = state * plan.score_gain + plan.score_bias
    return bool(np.isfinite(score) and score < 1e30)


def _maxout(pieces: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The largest piece of each unit (`.max(axis=2)`, but elementwise: numpy reduces
    a short last axis slowly)."""
    best = pieces[:, :, 0].copy()
    for piece in range(1, pieces.shape[2]):
        np.maximum(best, pieces[:, :, piece], out=best)
    return best
