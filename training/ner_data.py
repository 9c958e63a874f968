"""Readers for the Indonesian NER corpora in ../shared/data and conversion to spaCy Docs.

Every corpus is CoNLL-like (one token per line, blank line between sentences, IOB2 tags).
Conversion (same for training and evaluation, so we train on the tokenisation used at
inference):

1. rebuild the sentence text from the CoNLL tokens joined by single spaces;
2. compute each gold entity's character span in that text;
3. tokenise the text with spaCy's default Indonesian tokenizer (``spacy.blank("id")``),
   which splits hyphens (``Leif-Eric`` -> ``Leif - Eric``);
4. align the spans with ``doc.char_span(..., alignment_mode="expand")`` and count failures.

Labels are normalised to PERSON / ORG / LOC; other types (TIME, QUANTITY, ...) are dropped.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LABEL_MAP = {
    "PER": "PERSON", "PERSON": "PERSON", "PPL": "PERSON",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "IND": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC", "PLC": "LOC",
}
LABELS = ("PERSON", "ORG", "LOC")

# name -> (relative path, format); format "idner" = `TOKEN POS NER` space separated (CRLF),
# "tsv" = `TOKEN<TAB>LABEL`.
CORPORA = {
    "idner_train": ("idner-news-2k/train.txt", "idner"),
    "idner_dev": ("idner-news-2k/dev.txt", "idner"),
    "idner_test": ("idner-news-2k/test.txt", "idner"),
    "nergrit_train": ("indonlu-nergrit/train_preprocess.txt", "tsv"),
    "nergrit_valid": ("indonlu-nergrit/valid_preprocess.txt", "tsv"),
}
for _k in range(1, 6):
    for _split in ("train", "dev", "test"):
        CORPORA[f"nerui_{_split}{_k}"] = (f"indolem-nerui/{_split}.0{_k}.tsv", "tsv")

# NERP (IndoNLU `nerp_ner-prosa`, MIT; Hoesen & Purwarianti 2018): news sentences released ALL
# LOWERCASED, PPL/PLC/IND -> PERSON/LOC/ORG (LABEL_MAP), EVT/FNB dropped. "nerp_cased" = train +
# valid with the case restored from CLICK-ID (restore_case) and every sentence that (nearly)
# repeats an evaluation sentence removed (drop_held_out); see training/README.md.
CORPORA["nerp_cased"] = ("indonlu-nerp", "nerp_cased")
# "nerp_partial" = "nerp_cased" with every run of untagged words that news text writes
# capitalised (`PPP`, `Demokrat`, `KPK`) marked unknown (no loss) instead of O: NERP's IND tags
# companies but leaves parties and government bodies untagged (in the 502 NERP sentences that
# are also idner-news-2k train sentences, 323 of idner's 334 ORG spans are O in NERP), so its O
# would teach the model that `Partai Demokrat` is not an entity.
CORPORA["nerp_partial"] = ("indonlu-nerp", "nerp_partial")
# "nerp_partial2" = "nerp_partial" whose unknown runs hold a word that may be a name: a run of
# only ordinary words, titles, days and months ('Sarana Air Bersih', 'Menteri', 'Senin') stays
# O, as idner-news-2k leaves it (training/README.md, session 23).
CORPORA["nerp_partial2"] = ("indonlu-nerp", "nerp_partial2")
NERP_FILES = ("indonlu-nerp/train_preprocess.txt", "indonlu-nerp/valid_preprocess.txt")

# Annotation-convention variants: "<name>_idconv" merges `X ( Y )` where X and Y are both
# ORG or both LOC into one span (idner-news-2k convention: `Mahkamah Konstitusi (MK)` is one
# ORG; NERGRIT tags `Mahkamah Konstitusi` and `MK` separately) and drops LOC spans used as
# modifiers (see NON_LOC_HEADS); "<name>_uiconv" does the
# opposite split (NER-UI convention) for spans ending in a parenthesised part.
# "<name>_idconv2" = "_idconv" with the modifier heads matched case-insensitively, more heads
# (titles: `Gubernur Jawa Barat`, ...; NON_LOC_HEADS_2) and a leading lower-case `kota` moved out
# of LOC spans; "<name>_idconv3" = "_idconv2" + place names used as actors dropped (see
# _drop_actor_loc). Experimental (training/README.md, runs R14+); "_idconv" is unchanged.
CONVENTIONS = ("_idconv", "_uiconv", "_idconv2", "_idconv3")

# Corpora whose licence allows them in the shipped model.
SHIPPABLE = {"idner_train", "idner_dev", "nergrit_train", "nergrit_valid", "nerp_cased",
             "nerp_partial", "nerp_partial2"}
SHIPPABLE |= {n + c for n in list(SHIPPABLE) for c in CONVENTIONS}


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]
    text: str = ""
    # gold entities as (start_char, end_char, label) in ``text``
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    # (start_char, end_char) ranges whose annotation is unknown: no entity and no O taught there
    unknown: list[tuple[int, int]] = field(default_factory=list)


def read_conll(path: str, fmt: str) -> list[Sentence]:
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if toks:
                    sents.append(Sentence(toks, tags))
                    toks, tags = [], []
                continue
            if fmt == "tsv":
                parts = line.split("\t")
                if len(parts) < 2:
                    parts = line.split()
            else:
                parts = line.split()
            if len(parts) < 2:
                continue
            tok, tag = parts[0].strip(), parts[-1].strip()
            if not tok:
                continue
            toks.append(tok)
            tags.append(tag)
    if toks:
        sents.append(Sentence(toks, tags))
    for s in sents:
        _build_text_and_spans(s)
    return sents


def _norm_tag(tag: str) -> tuple[str, str | None]:
    """Return (prefix, normalised label or None)."""
    if tag == "O" or "-" not in tag:
        return "O", None
    prefix, lab = tag.split("-", 1)
    return prefix.upper(), LABEL_MAP.get(lab.upper())


def _build_text_and_spans(s: Sentence) -> None:
    """seqeval-style (default, non-strict) chunking of IOB2 tags into char spans."""
    offsets = []
    pos = 0
    for t in s.tokens:
        offsets.append((pos, pos + len(t)))
        pos += len(t) + 1
    s.text = " ".join(s.tokens)
    spans = []
    cur = None  # [start_tok, end_tok, label]
    for i, tag in enumerate(s.tags):
        prefix, lab = _norm_tag(tag)
        if lab is None:
            if cur:
                spans.append(cur)
            cur = None
            continue
        if prefix == "B" or cur is None or cur[2] != lab:
            if cur:
                spans.append(cur)
            cur = [i, i, lab]
        else:
            cur[1] = i
    if cur:
        spans.append(cur)
    s.spans = [(offsets[a][0], offsets[b][1], lab) for a, b, lab in spans]


def _merge_paren(s: Sentence) -> int:
    """idner convention: ORG `X` + ` ( ` + ORG `Y` + ` )` -> one ORG span `X ( Y )` (same for LOC)."""
    sp = sorted(s.spans)
    out, i, n = [], 0, 0
    while i < len(sp):
        a, b, lab = sp[i]
        if i + 1 < len(sp):
            a2, b2, lab2 = sp[i + 1]
            if (lab == lab2 and lab in ("ORG", "LOC") and s.text[b:a2] == " ( "
                    and s.text[b2:b2 + 2] == " )"):
                out.append((a, b2 + 2, lab))
                i += 2
                n += 1
                continue
        out.append((a, b, lab))
        i += 1
    s.spans = out
    return n


# idner-news-2k tags a country/place as LOC when it is used as a location ("di Indonesia",
# "ke Jepang") but not as a nationality/modifier ("Pemerintah Indonesia", "penduduk Indonesia",
# "Tentara Jepang" are O); NERGRIT tags all of them LOC. "_idconv" drops a LOC span whose
# previous token is one of these (lower-case) modifier heads.
NON_LOC_HEADS = {
    "bahasa", "bangsa", "orang", "penduduk", "pemerintah", "pemerintahan", "masyarakat",
    "tentara", "pasukan", "presiden", "menteri", "warga", "rakyat", "suku", "budaya",
    "kebudayaan", "film", "liga", "timnas", "tim", "penjajahan", "pendudukan", "kolonial",
    "musik", "lagu", "bola", "masakan", "seni", "sastra", "militer", "angkatan", "polisi",
    "kedutaan", "duta", "kedaulatan", "perdana", "keturunan",
    "berkebangsaan", "kewarganegaraan", "mata", "aksen", "gaya", "versi",
}


# "_idconv2": more heads after which idner-news-2k leaves a place name O (idner train: LOC after
# `Gubernur` 0 of 10, after `Provinsi` 0 of 8, after `Menteri Luar Negeri` 0 of 3, ...).
NON_LOC_HEADS_2 = NON_LOC_HEADS | {
    "gubernur", "bupati", "walikota", "wali", "camat", "lurah", "kepala", "wakil", "dutabesar",
    "dubes", "konsul", "petinggi", "pejabat", "provinsi", "propinsi", "pemprov", "pemkab", "pemkot",
    "dki", "negeri", "pertahanan", "kemerdekaan", "keistimewaan", "berbahasa", "band", "grup",
    "penyanyi", "pemeran", "sutradara", "klub", "piala", "olimpiade", "politikus", "politisi",
    "parlemen", "mahasiswa", "kabinet",
}


def _drop_spans(s: Sentence, drop) -> int:
    """Remove the spans (start, end, label) for which drop(start, end, label, previous words)
    is true; returns how many were removed."""
    kept = [(a, b, lab) for a, b, lab in s.spans if not drop(a, b, lab, s.text[:a].split())]
    n = len(s.spans) - len(kept)
    s.spans = kept
    return n


def _drop_modifier_loc(s: Sentence, heads: set[str] = NON_LOC_HEADS, lower: bool = False) -> int:
    return _drop_spans(s, lambda a, b, lab, prev: lab == "LOC" and bool(prev) and (
        prev[-1].lower() if lower else prev[-1]) in heads)


def _strip_lower_kota(s: Sentence) -> int:
    """idner leaves a lower-case `kota` outside the LOC span (`kota [Medan]`, 9 of 10 in train);
    NERGRIT has `[kota Medan]`."""
    out, n = [], 0
    for a, b, lab in s.spans:
        if lab == "LOC" and s.text[a:b].startswith("kota ") and b - a > 5:
            a += 5
            n += 1
        out.append((a, b, lab))
    s.spans = out
    return n


# Previous words after which idner-news-2k tags a place name as LOC (a location: `di Jepang`,
# `ke Jepang`, `kota Bandung`, lists `X , Y dan Z`); after any other word (`dituduh Amerika
# Serikat`, `Menteri Luar Negeri Amerika Serikat`, `termasuk Amerika Serikat`) it is mostly O:
# idner train tags a frequent place name in such contexts 19 % of the time, NERGRIT 78 %.
LOCATIVE_PREV = {
    "di", "ke", "dari", "menuju", "dalam", "antara", "seluruh", "luar", "sekitar", "asal", "dan",
    "atau", ",", "seperti", "kota", "ibukota", "ibu", "arah", "khususnya", "terutama",
    "mengunjungi", "negara", "wilayah", "kawasan", "daerah", "sebelah", "utara", "selatan",
    "timur", "barat", "tengah", "pusat", "kota-kota", "negara-negara", "yakni", "yaitu", "(",
    "pulau", "desa", "kecamatan", "kabupaten", "provinsi", "kelurahan", "dusun", "kampung",
    "tiba", "berada", "terletak", "hingga", "sampai", "sepanjang", "se-", "via", "lewat",
    "melalui", "menjelajahi", "meninggalkan", "memasuki", "mencapai", "mendarat", "pindah",
    "distrik", "propinsi", "propingsi", "region", "negeri",
}
# LOC spans starting with a place-type noun (`Desa X`, `Pulau X`) are places, never dropped.
PLACE_TYPES = {
    "desa", "dusun", "kampung", "kelurahan", "kecamatan", "kabupaten", "kota", "provinsi", "pulau",
    "kepulauan", "gunung", "sungai", "danau", "teluk", "selat", "laut", "pantai", "jalan", "jl",
    "jl.", "gedung", "kawasan", "wilayah", "distrik", "region",
}


def _drop_actor_loc(sents: list[Sentence], min_count: int = 3) -> int:
    """Drop LOC spans of frequent place names (tagged LOC >= min_count times in the corpus, not
    starting with a PLACE_TYPES noun) whose previous token is a word other than a locative one
    (LOCATIVE_PREV): idner-news-2k's convention tags a country/city as LOC where it is a
    location, not where it acts as a party or modifies a noun (`studio Jepang`)."""
    from collections import Counter

    freq = Counter(s.text[a:b] for s in sents for a, b, lab in s.spans if lab == "LOC")
    return sum(_drop_spans(s, lambda a, b, lab, prev, text=s.text: (
        lab == "LOC" and freq[text[a:b]] >= min_count and bool(prev)
        and prev[-1][:1].isalpha() and prev[-1].lower() not in LOCATIVE_PREV
        and text[a:b].split()[0].lower() not in PLACE_TYPES)) for s in sents)


def _split_paren(s: Sentence) -> int:
    """NER-UI convention: span `X (Y)` / `X ( Y )` -> spans `X` and `Y` with the same label."""
    import re

    out, n = [], 0
    for a, b, lab in s.spans:
        m = re.fullmatch(r"(.*\S) ?\( ?([^()]*?\S) ?\)", s.text[a:b])
        if m and lab != "PERSON":
            out.append((a, a + len(m.group(1)), lab))
            y0 = a + m.start(2)
            out.append((y0, y0 + len(m.group(2)), lab))
            n += 1
        else:
            out.append((a, b, lab))
    s.spans = out
    return n


# "<name>_mr<K>": mention replacement (data augmentation; Dai & Adel 2020, "An Analysis of
# Simple Data Augmentation for Named Entity Recognition", COLING): the sentences of <name>
# that have entities, each entity replaced with probability MR_RATE by another name of the
# same type drawn from <name>'s own entities (so no other data enters), K copies with
# different draws. Teaches the model that context, not the particular name, marks an entity.
MR_RATE = 0.5
MR_SUFFIX = "_mr"


def mention_replaced(sents: list[Sentence], copies: int, seed: int = 0,
                     rate: float = MR_RATE) -> list[Sentence]:
    """``copies`` augmented versions of the sentences with entities (see MR_SUFFIX)."""
    import random

    pool: dict[str, list[str]] = {}
    for s in sents:
        for a, b, lab in s.spans:
            pool.setdefault(lab, []).append(s.text[a:b])
    names = {lab: sorted(set(texts)) for lab, texts in sorted(pool.items())}
    rng = random.Random(seed)  # noqa: S311 (a fixed augmentation, not security)
    out: list[Sentence] = []
    for _ in range(copies):
        for s in sents:
            if not s.spans:
                continue
            text, spans, pos, length = [], [], 0, 0
            for a, b, lab in sorted(s.spans):
                name = s.text[a:b]
                if rng.random() < rate and len(names[lab]) > 1:
                    name = rng.choice(names[lab])
                start = length + a - pos  # where `name` starts in the new text
                text += (s.text[pos:a], name)
                spans.append((start, start + len(name), lab))
                pos, length = b, start + len(name)
            text.append(s.text[pos:])
            joined = "".join(text)
            out.append(Sentence(joined.split(" "), [], joined, spans))
    return out


def load(data_dir: str, name: str, stats: dict | None = None) -> list[Sentence]:
    """Read corpus ``name`` (optionally with a CONVENTIONS suffix, then an MR_SUFFIX);
    ``stats`` gets the number of spans each conversion rule changed."""
    base, copies = split_augmentation(name)
    if base != name:
        return mention_replaced(load(data_dir, base, stats), copies)
    conv = next((c for c in CONVENTIONS if name.endswith(c)), None)
    base = name[: -len(conv)] if conv else name
    rel, fmt = CORPORA[base]
    st = stats if stats is not None else {}
    if fmt in ("nerp_cased", "nerp_partial", "nerp_partial2"):
        sents = load_nerp_cased(data_dir, st, partial=fmt != "nerp_cased",
                                strict=fmt == "nerp_partial2")
    else:
        sents = read_conll(os.path.join(data_dir, rel), fmt)

    def count(key, k):
        st[key] = st.get(key, 0) + k

    if conv:
        for s in sents:
            if conv == "_idconv":
                count("paren_merged", _merge_paren(s))
                count("modifier_loc_dropped", _drop_modifier_loc(s))
            elif conv in ("_idconv2", "_idconv3"):
                count("paren_merged", _merge_paren(s))
                count("modifier_loc_dropped", _drop_modifier_loc(s, NON_LOC_HEADS_2, lower=True))
                count("kota_stripped", _strip_lower_kota(s))
            else:
                count("paren_split", _split_paren(s))
        if conv == "_idconv3":
            count("actor_loc_dropped", _drop_actor_loc(sents))
    return sents


def to_docs(nlp, sents: Iterable[Sentence], stats: dict | None = None):
    """Tokenise with ``nlp.tokenizer`` and attach aligned gold entities."""
    from spacy.util import filter_spans

    docs = []
    st = stats if stats is not None else {}
    for s in sents:
        doc = nlp.make_doc(s.text)
        ents = []
        for a, b, lab in s.spans:
            st["spans"] = st.get("spans", 0) + 1
            sp = doc.char_span(a, b, label=lab, alignment_mode="expand")
            if sp is None:
                st["failed"] = st.get("failed", 0) + 1
                continue
            if (sp.start_char, sp.end_char) != (a, b):
                st["expanded"] = st.get("expanded", 0) + 1
            ents.append(sp)
        kept = filter_spans(ents)
        st["overlap_dropped"] = st.get("overlap_dropped", 0) + len(ents) - len(kept)
        taken = {i for sp in kept for i in range(sp.start, sp.end)}
        missing = [sp for a, b in s.unknown
                   if (sp := doc.char_span(a, b, alignment_mode="expand")) is not None
                   and not taken.intersection(range(sp.start, sp.end))]
        if missing:
            st["unknown"] = st.get("unknown", 0) + len(missing)
        doc.set_ents(kept, missing=missing, default="outside")
        docs.append(doc)
    return docs


def prf(gold: list[set], pred: list[set]) -> dict:
    """Entity-level exact-match P/R/F1 per label and micro overall (seqeval-style).

    ``gold``/``pred`` are lists (one per sentence) of sets of (start_char, end_char, label).
    """
    res = {}
    for lab in list(LABELS) + ["ALL"]:
        tp = fp = fn = 0
        for g, p in zip(gold, pred, strict=False):
            if lab != "ALL":
                g = {x for x in g if x[2] == lab}
                p = {x for x in p if x[2] == lab}
            tp += len(g & p)
            fp += len(p - g)
            fn += len(g - p)
        P = tp / (tp + fp) if tp + fp else 0.0
        R = tp / (tp + fn) if tp + fn else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        res[lab] = {"p": 100 * P, "r": 100 * R, "f": 100 * F, "support": tp + fn}
    return res


def evaluate_nlp(nlp, sents: list[Sentence], batch_size: int = 256) -> dict:
    gold = [set(s.spans) for s in sents]
    pred = []
    for doc in nlp.pipe((s.text for s in sents), batch_size=batch_size):
        pred.append({(e.start_char, e.end_char, e.label_) for e in doc.ents})
    return prf(gold, pred)


def split_augmentation(name: str) -> tuple[str, int]:
    """(corpus name, mention-replaced copies asked for by an MR_SUFFIX; 0 if none)."""
    base, mr, copies = name.rpartition(MR_SUFFIX)
    return (base, int(copies)) if mr and copies.isdigit() else (name, 0)


def base_corpus(name: str) -> str:
    """``name`` without an augmentation suffix (what its licence is judged by)."""
    return split_augmentation(name)[0]


# ---------------------------------------------------------------- NERP: case and overlaps
# Words kept lower-case inside a name (`Kementerian Energi dan Sumber Daya Mineral`).
NAME_CONNECTORS = {
    "dan", "dari", "di", "ke", "untuk", "atau", "yang", "bin", "binti", "van", "von", "der", "den",
    "de", "da", "del", "la", "le", "of", "the", "and", "for", "&",
}
# NERP tags outside PERSON/ORG/LOC whose words are names too (cased like entity words).
NERP_NAME_TAGS = ("EVT", "FNB")
WORD_RE = r"\w+(?:[-'.]\w+)*"


def clickid_case_forms(data_dir: str) -> dict[str, dict[str, int]]:
    """lower-case word -> {written form: count} over the CLICK-ID article bodies (CC BY 4.0),
    not counting a sentence's first word (capitalised whatever it is)."""
    import csv
    import gzip
    import re
    from collections import Counter, defaultdict

    cached = _CASE_FORMS.get(data_dir)
    if cached is not None:
        return cached
    csv.field_size_limit(10**8)
    counts: Counter = Counter()
    for fn in sorted(os.listdir(os.path.join(data_dir, "click-id-raw-articles"))):
        if not fn.endswith(".csv.gz"):
            continue
        with gzip.open(os.path.join(data_dir, "click-id-raw-articles", fn), "rt",
                       encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for sent in re.split(r'(?<=[.!?"])\s*,?\s*', row.get("content") or ""):
                    counts.update(re.findall(WORD_RE, sent)[1:])
    forms: dict[str, dict[str, int]] = defaultdict(dict)
    for word, n in counts.items():
        forms[word.lower()][word] = n
    _CASE_FORMS[data_dir] = dict(forms)
    return _CASE_FORMS[data_dir]


_CASE_FORMS: dict[str, dict[str, dict[str, int]]] = {}


def cased_word(word: str, in_name: bool, forms: dict[str, dict[str, int]]) -> str:
    """``word`` (lower-case) as news text writes it: its most frequent CLICK-ID form; inside a
    name its most frequent capitalised form (title case if never seen capitalised), except for
    NAME_CONNECTORS."""
    seen = forms.get(word, {})
    if not in_name:
        return max(sorted(seen), key=lambda w: seen[w]) if seen else word
    if word in NAME_CONNECTORS or not word[:1].isalpha():
        return word
    capital = sorted(w for w in seen if w[:1].isupper())
    if capital:
        return max(capital, key=lambda w: seen[w])
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def restore_case(tokens: list[str], tags: list[str], forms: dict[str, dict[str, int]]) -> list[str]:
    """NERP's lower-cased tokens with their case restored (cased_word; names are the tokens
    tagged with any label, EVT/FNB included) and the sentence's first word capitalised."""
    out = [cased_word(t, tag != "O", forms) for t, tag in zip(tokens, tags, strict=True)]
    first = next((i for i, t in enumerate(out) if t[:1].isalpha()), None)
    if first is not None:
        out[first] = out[first][:1].upper() + out[first][1:]
    return out


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"[a-z0-9]+", text.lower())


# Evaluation sentences NERP may repeat (its README: NER-UGM 714 train / 96 valid, idner-news-2k).
HELD_OUT_CORPORA = ["idner_dev", "idner_test", "nergrit_valid"] + [
    f"nerui_{split}{k}" for split in ("train", "dev", "test") for k in range(1, 6)]
HELD_OUT_FILES = ["indolem-nerugm/nerugm.txt"]
NEAR_DUPLICATE = 0.8  # word-set Jaccard at or above which two sentences are the same sentence


def drop_held_out(sents: list[Sentence], held_out: list[Sentence],
                  threshold: float = NEAR_DUPLICATE) -> tuple[list[Sentence], dict[str, int]]:
    """``sents`` without those whose lower-cased words equal, or nearly equal (word-set Jaccard
    >= threshold), a sentence of ``held_out``, and without repeats among themselves; counts
    of both."""
    from collections import defaultdict

    held_sets = [set(_words(s.text)) for s in held_out]
    exact = {tuple(_words(s.text)) for s in held_out}
    df: dict[str, int] = defaultdict(int)
    index: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(held_sets):
        for w in ws:
            df[w] += 1
            index[w].append(i)
    kept, seen, st = [], set(), {"exact": 0, "near": 0, "repeated": 0}
    for s in sents:
        words = _words(s.text)
        ws = set(words)
        if tuple(words) in exact:
            st["exact"] += 1
            continue
        rare = sorted((w for w in ws if w in df), key=lambda w: (df[w], w))[:3]
        candidates = {i for w in rare for i in index[w]}
        if any(len(ws & held_sets[i]) >= threshold * len(ws | held_sets[i]) for i in candidates):
            st["near"] += 1
            continue
        if tuple(words) in seen:
            st["repeated"] += 1
            continue
        seen.add(tuple(words))
        kept.append(s)
    return kept, st


def capitalised_unknown(s: Sentence, forms: dict[str, dict[str, int]]) -> list[tuple[int, int]]:
    """Char ranges of the runs of untagged words of ``s`` whose most frequent news form
    (cased_word) is capitalised: names NERP may have left untagged ("nerp_partial")."""
    out: list[tuple[int, int]] = []
    pos, run = 0, None
    for tok, tag in zip(s.tokens, s.tags, strict=True):
        if tag == "O" and cased_word(tok.lower(), False, forms)[:1].isupper():
            run = (run[0] if run else pos, pos + len(tok))
        elif run:
            out.append(run)
            run = None
        pos += len(tok) + 1
    return out + ([run] if run else [])


def may_be_name(words: list[str]) -> bool:
    """Some word of a capitalised run is no ordinary word, title, day or month (graphkit's
    lists): the run may be a name ("nerp_partial2")."""
    sys.path.insert(0, str(ROOT))
    from graphkit.link.names import is_title_word
    from graphkit.words import DAYS_AND_MONTHS, common_words

    common = common_words()
    return any(w.lower() not in common and w.lower() not in DAYS_AND_MONTHS
               and not is_title_word(w) for w in words)


def load_nerp_cased(data_dir: str, stats: dict | None = None, partial: bool = False,
                    strict: bool = False) -> list[Sentence]:
    """NERP train + valid, case restored (restore_case), minus every sentence that repeats an
    evaluation sentence (HELD_OUT_CORPORA, HELD_OUT_FILES; drop_held_out); ``partial``: with
    capitalised untagged runs unknown (capitalised_unknown)."""
    st = stats if stats is not None else {}
    raw = [s for rel in NERP_FILES for s in read_conll(os.path.join(data_dir, rel), "tsv")]
    held = [s for name in HELD_OUT_CORPORA for s in load(data_dir, name)]
    held += [s for rel in HELD_OUT_FILES for s in read_conll(os.path.join(data_dir, rel), "tsv")]
    kept, dropped = drop_held_out(raw, held)
    forms = clickid_case_forms(data_dir)
    out = []
    for s in kept:
        cased = Sentence(restore_case(s.tokens, s.tags, forms), s.tags)
        _build_text_and_spans(cased)
        if partial:
            cased.unknown = [(a, b) for a, b in capitalised_unknown(cased, forms)
                             if not strict or may_be_name(cased.text[a:b].split())]
        out.append(cased)
    st.update({"nerp_read": len(raw), "nerp_kept": len(out),
               **{f"nerp_dropped_{k}": v for k, v in dropped.items()}})
    return out
