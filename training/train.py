#!/usr/bin/env python
"""One command from the raw corpora in ../shared/data to graphkit's packaged NER model.

    .venv/bin/python training/train.py --data ../shared/data --out graphkit/models/id_news_ner

Steps (each cached under --workdir, default training/corpus/, unless --force):
  1. convert the CoNLL corpora to .spacy (spaCy's default Indonesian tokenizer, gold spans
     aligned with char_span(alignment_mode="expand"));
  2. train floret subword vectors on the CLICK-ID raw articles (CC BY 4.0) and convert them
     with `spacy init vectors --mode floret`;
  3. train tok2vec + ner with training/config.cfg (early stopping on idner-news-2k dev);
  4. copy model-best to --out with labels PERSON / ORG / LOC.

Only licence-permitted corpora go into the shipped model: idner-news-2k train and
NERGRIT (IndoNLU) train + valid (NERGRIT converted to idner-news-2k's annotation convention,
`nergrit_*_idconv`, see ner_data.py), and, if asked for, NERP (IndoNLU, MIT) with its case
restored (`nerp_cased`). NER-UI / NER-UGM are never used here.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import ner_data as nd  # noqa: E402

DEFAULT_TRAIN = ["idner_train*2", "nergrit_train_idconv3", "nergrit_valid_idconv3"]
# Training seed of the shipped model: of the default recipe's seeds 0/1/2 (runs R16/R17/R21),
# seed 2 scored best on idner-news-2k dev (84.8 / 84.5 / 85.1), the model-selection set.
DEFAULT_SEED = 2
DEFAULT_DEV = "idner_dev"

MOJIBAKE = {
    "\u201a\u00c4\u00fa": '"', "\u201a\u00c4\u00f9": '"', "\u201a\u00c4\u00f4": "'",
    "\u201a\u00c4\u00ec": "-", "\u201a\u00c4\u00ee": "-", "\u00ac\u2020": " ", "\u00a0": " ",
}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- step 1: corpora
def convert(data: str, names, out_path: Path, extra_docs=None) -> dict:
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("id")
    db = DocBin(store_user_data=False)
    stats: dict = {}
    n = 0
    for spec in names:
        # "name*N" repeats a corpus N times (oversampling)
        name, _, rep = spec.partition("*")
        conv_stats: dict = {}
        sents = nd.load(data, name, conv_stats)
        if any(conv_stats.values()):
            log(f"{name}: conversion changed spans {conv_stats}")
        docs = nd.to_docs(nlp, sents, stats)
        for _ in range(int(rep or 1)):
            for doc in docs:
                db.add(doc)
                n += 1
    for doc in extra_docs or []:
        # keep only tokens and entities (no tok2vec tensors etc. from the labelling model)
        d = Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        d.ents = [d.char_span(e.start_char, e.end_char, label=e.label_) for e in doc.ents]
        db.add(d)
        n += 1
    out_path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out_path)
    stats["docs"] = n
    log(f"wrote {out_path} from {names}: {stats}")
    return stats


# ---------------------------------------------------------------- step 1b: self-training
# CLICK-ID sections (the `category` column, lower-cased) that are not politics or general news:
# sport, business, technology, cars, entertainment, lifestyle. Their sentences carry the clubs,
# athletes, brands, products and artists that idner-news-2k and NERGRIT (mostly politics) lack.
NON_POLITICS_SECTIONS = {
    "bola", "sport", "sports", "super skor", "money", "economy", "ekbis", "bisnis", "ekonomi",
    "properti", "tekno", "techno", "teknologi", "autotekno", "sains", "otomotif",
    "entertainment", "celebrity", "seleb", "selebriti", "tv", "televisi", "musik", "film",
    "film indonesia", "film internasional", "hollywood", "korea", "sinetron", "hiburan",
    "serbaserbi", "news & entertainment", "lifestyle", "gaya", "cantik", "beauty", "health",
    "kesehatan", "parenting", "kuliner", "travel", "pariwisata",
}


def click_sentences(txt: Path) -> list[str]:
    """The tokenised CLICK-ID text cut into sentences at `.`/`!`/`?` tokens, those of 8-60
    tokens, each once, sorted."""
    sents = set()
    with open(txt, encoding="utf-8") as f:
        for line in f:
            cur: list[str] = []
            for tok in line.split():
                cur.append(tok)
                if tok in (".", "!", "?"):
                    if 8 <= len(cur) <= 60:
                        sents.add(" ".join(cur))
                    cur = []
    return sorted(sents)


def silver_docs(models: list[str], data: str, workdir: Path, n_sents: int, min_ents: int = 1,
                seed: int = 0, held_out_sets: tuple[str, ...] = ("idner_dev", "idner_test"),
                sections: str = "all", exclude: frozenset[str] = frozenset()) -> list:
    """Sentences of the tokenised CLICK-ID text (unlabelled, CC BY 4.0) labelled by ``models``
    (one: self-training; several: their ensemble, `ensemble.py`, as a distillation teacher). Sentences are cut at `.`/`!`/`?` tokens, kept if 8-60 tokens long, shuffled
    with a fixed seed, minus any sentence of the ``held_out_sets`` (evaluation sets: idner-news-2k
    dev/test by default) and of ``exclude``; only sentences with at least ``min_ents`` predicted
    entities are kept, until ``n_sents`` are collected. ``sections="nonpolitics"`` reads only
    the articles of NON_POLITICS_SECTIONS."""
    import random

    import spacy

    if n_sents <= 0:
        return []
    txt = workdir / ("clickid_tokens.txt" if sections == "all" else f"clickid_{sections}_tokens.txt")
    if not txt.exists():
        clickid_text(data, txt, NON_POLITICS_SECTIONS if sections == "nonpolitics" else None)
    held_out = {s.text for name in held_out_sets for s in nd.load(data, name)}
    sents = [s for s in click_sentences(txt) if s not in held_out and s not in exclude]
    random.Random(seed).shuffle(sents)  # noqa: S311 (a fixed sample, not security)
    from ensemble import load_ensemble

    nlp = spacy.load(models[0]) if len(models) == 1 else load_ensemble(models)
    docs, seen = [], 0
    for start in range(0, len(sents), 4 * n_sents):
        for doc in nlp.pipe(sents[start:start + 4 * n_sents], batch_size=256):
            seen += 1
            if len(doc.ents) >= min_ents:
                docs.append(doc)
                if len(docs) >= n_sents:
                    break
        if len(docs) >= n_sents:
            break
    n_ents = sum(len(d.ents) for d in docs)
    log(f"silver ({sections}): {len(docs):,} CLICK-ID sentences ({n_ents:,} entities) labelled by "
        f"{' + '.join(models)} out of {seen:,} read")
    return docs


# ---------------------------------------------------------------- step 2: vectors
def clickid_text(data: str, out_txt: Path, sections: set[str] | None = None) -> int:
    """Tokenise CLICK-ID article bodies with the spaCy tokenizer, one paragraph per line; only
    the articles whose lower-cased `category` is in ``sections`` if given."""
    import spacy

    nlp = spacy.blank("id")
    folder = Path(data) / "click-id-raw-articles"
    csv.field_size_limit(10**8)

    def paragraphs():
        for fn in sorted(folder.glob("*.csv.gz")):
            with gzip.open(fn, "rt", encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    if sections is not None and (row.get("category") or "").lower() not in sections:
                        continue
                    for field in ("title", "content"):
                        t = row.get(field) or ""
                        for k, v in MOJIBAKE.items():
                            t = t.replace(k, v)
                        # paragraphs were joined with "," by the scraper
                        for p in re.split(r'(?<=[.!?"\u201d])\s*,\s*', t):
                            p = " ".join(p.split())
                            if p:
                                yield p

    ntok = 0
    with open(out_txt, "w", encoding="utf-8") as out:
        for doc in nlp.tokenizer.pipe(paragraphs(), batch_size=1000):
            toks = [t.text for t in doc if not t.is_space]
            if toks:
                ntok += len(toks)
                out.write(" ".join(toks) + "\n")
    log(f"wrote {out_txt}: {ntok:,} tokens")
    return ntok


def build_vectors(data: str, workdir: Path, dim: int, bucket: int, epoch: int, threads: int,
                  force: bool = False) -> Path:
    vec_dir = workdir / f"vectors_floret_d{dim}_b{bucket}"
    if vec_dir.exists() and not force:
        log(f"reusing {vec_dir}")
        return vec_dir
    import floret

    txt = workdir / "clickid_tokens.txt"
    if not txt.exists() or force:
        clickid_text(data, txt)
    t0 = time.time()
    model = floret.train_unsupervised(
        str(txt), model="cbow", mode="floret", hashCount=2, bucket=bucket,
        minn=3, maxn=5, dim=dim, epoch=epoch, minCount=3, thread=threads, verbose=0,
    )
    fl = workdir / f"clickid_d{dim}_b{bucket}.floret"
    model.save_floret_vectors(str(fl))
    log(f"floret trained in {time.time() - t0:.0f}s -> {fl}")
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "id", str(fl), str(vec_dir),
                    "--mode", "floret", "--name", "clickid_floret"], check=True)
    return vec_dir


# ---------------------------------------------------------------- step 2b: pretraining
def pretrain_tok2vec(config: Path, workdir: Path, vectors: Path | None, n_words: int,
                     overrides: dict | None = None, force: bool = False) -> Path:
    """`spacy pretrain` (characters objective) of the tok2vec layer on CLICK-ID text.

    spaCy's pretrain does not load [initialize] vectors, so with static vectors in the
    tok2vec we load them into the nlp object ourselves (otherwise StaticVectors raises E896).
    """
    import random

    import spacy.training.pretrain as sp_pretrain
    from spacy.training.initialize import load_vectors_into_model
    from spacy.util import load_config

    ov = dict(overrides or {})
    key = hashlib.sha256(json.dumps([n_words, str(vectors), sorted(ov.items())], default=str)
                      .encode()).hexdigest()[:8]
    out_dir = workdir / f"pretrain_{key}"
    weights = out_dir / "model-last.bin"
    if weights.exists() and not force:
        log(f"reusing {weights}")
        return weights
    jsonl = workdir / f"pretrain_text_{n_words}.jsonl"
    if not jsonl.exists() or force:
        lines = (workdir / "clickid_tokens.txt").read_text(encoding="utf-8").splitlines()
        random.Random(0).shuffle(lines)  # noqa: S311 (a fixed sample, not security)
        nw = 0
        with open(jsonl, "w", encoding="utf-8") as f:
            for ln in lines:
                k = ln.count(" ") + 1
                if k < 5:
                    continue
                f.write(json.dumps({"text": ln}, ensure_ascii=False) + "\n")
                nw += k
                if nw >= n_words:
                    break
        log(f"wrote {jsonl}: {nw:,} words")
    ov["paths.raw_text"] = str(jsonl)
    if vectors is None:
        ov["components.tok2vec.model.embed.include_static_vectors"] = False
    else:
        ov["paths.vectors"] = str(vectors)
    cfg = load_config(config, overrides=ov, interpolate=False).interpolate()
    orig = sp_pretrain.load_model_from_config

    def _load_with_vectors(*a, **k):
        nlp = orig(*a, **k)
        if vectors is not None:
            load_vectors_into_model(nlp, vectors)
        return nlp

    sp_pretrain.load_model_from_config = _load_with_vectors
    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    try:
        sp_pretrain.pretrain(cfg, out_dir, use_gpu=-1, silent=False)
    finally:
        sp_pretrain.load_model_from_config = orig
    log(f"pretraining took {time.time() - t0:.0f}s -> {weights}")
    return weights


# ---------------------------------------------------------------- step 3: training
def train_model(config: Path, train_spacy: Path, dev_spacy: Path, out_dir: Path,
                vectors: Path | None, overrides: dict | None = None) -> Path:
    from spacy.cli.train import train as spacy_train

    ov = {"paths.train": str(train_spacy), "paths.dev": str(dev_spacy)}
    if vectors is not None:
        ov["paths.vectors"] = str(vectors)
    else:
        ov["components.tok2vec.model.embed.include_static_vectors"] = False
    ov.update(overrides or {})
    t0 = time.time()
    spacy_train(config, out_dir, use_gpu=-1, overrides=ov)
    log(f"training took {time.time() - t0:.0f}s")
    return out_dir / "model-best"


def package(best: Path, out: Path, meta_extra: dict) -> None:
    import spacy

    nlp = spacy.load(best)
    assert nlp.pipe_names == ["tok2vec", "ner"], nlp.pipe_names
    labels = set(nlp.get_pipe("ner").labels)
    assert labels == set(nd.LABELS), labels
    nlp.meta.update(meta_extra)
    for key in nlp.config["paths"]:  # this machine's training files: meaningless elsewhere
        nlp.config["paths"][key] = None
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    log(f"packaged model at {out} ({size / 1e6:.1f} MB)")


def _max_steps(model_dir: Path):
    from spacy.util import load_config

    try:
        return load_config(model_dir / "config.cfg", interpolate=False)["training"]["max_steps"]
    except Exception:  # informational only
        return None


def teacher_recipe(model: str) -> str:
    """How a teacher model was trained, as the train.py command line its meta.json records
    (its path if it was not packaged by train.py), so a student's meta names its teachers'
    recipe rather than a temporary folder."""
    meta = Path(model) / "meta.json"
    training = json.loads(meta.read_text()).get("graphkit_training") if meta.exists() else None
    if not training:
        return str(model)
    overrides = dict(training.get("overrides") or {})
    seed = overrides.pop("system.seed", None)
    line = "training/train.py" + (f" --seed {seed}" if seed is not None else "")
    line += "".join(f" -o '{k}={json.dumps(v)}'" for k, v in overrides.items())
    train_sets = training.get("train_sets")
    if train_sets and train_sets != DEFAULT_TRAIN:
        line += " --train-sets " + " ".join(f"'{t}'" if "*" in t else t for t in train_sets)
    if training.get("silver"):
        line += f" --silver-model ({len(training['silver']['model'])} teachers)"
    return line


def parse_overrides(items):
    ov = {}
    for it in items or []:
        k, v = it.split("=", 1)
        with contextlib.suppress(json.JSONDecodeError):
            v = json.loads(v)
        ov[k] = v
    return ov


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(HERE.parent.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(HERE.parent / "graphkit" / "models" / "id_news_ner"))
    ap.add_argument("--workdir", default=str(HERE / "corpus"))
    ap.add_argument("--config", default=str(HERE / "config.cfg"))
    ap.add_argument("--train-sets", nargs="+", default=DEFAULT_TRAIN)
    ap.add_argument("--dev-set", default=DEFAULT_DEV)
    ap.add_argument("--no-vectors", action="store_true")
    ap.add_argument("--vec-dim", type=int, default=64)
    ap.add_argument("--vec-bucket", type=int, default=25000)
    ap.add_argument("--vec-epoch", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--pretrain-words", type=int, default=0,
                    help="spacy pretrain the tok2vec on this many CLICK-ID words (0 = off)")
    ap.add_argument("--run-dir", default=None, help="spaCy training output dir (default WORKDIR/run)")
    ap.add_argument("--package-from", choices=["best", "last"], default="best",
                    help="package model-best (early stopping on --dev-set) or model-last (fixed step "
                         "count, e.g. when the dev set is also training data)")
    ap.add_argument("--silver-model", nargs="+", default=None,
                    help="add CLICK-ID sentences labelled by this model (self-training) or by the "
                         "ensemble of these models (distillation) to the training data")
    ap.add_argument("--silver-sents", type=int, default=8000, help="number of silver sentences")
    ap.add_argument("--silver-nonpolitics", type=int, default=0, metavar="N",
                    help="also add N sentences of CLICK-ID's non-politics sections "
                         "(NON_POLITICS_SECTIONS: sport, business, technology, entertainment, "
                         "...) labelled by --silver-model")
    ap.add_argument("--silver-min-ents", type=int, default=1,
                    help="keep only silver sentences with at least this many predicted entities")
    ap.add_argument("--force", action="store_true", help="rebuild cached corpora/vectors")
    ap.add_argument("--allow-unshippable", action="store_true",
                    help="allow NER-UI etc. in --train-sets (experiments only, never for the shipped model)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED,
                    help="training seed (system.seed; default: the shipped model's)")
    ap.add_argument("--override", "-o", action="append", help="spaCy config override key=value")
    args = ap.parse_args(argv)

    bad = [n for n in args.train_sets
           if nd.base_corpus(n.partition("*")[0]) not in nd.SHIPPABLE]
    if bad and not args.allow_unshippable:
        ap.error(f"{bad} may not go into the shipped model (use --allow-unshippable for experiments)")

    t_start = time.time()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    tag = "+".join(args.train_sets)
    silver = None
    if args.silver_model:
        teachers = ",".join(str(Path(m).resolve()) for m in args.silver_model)
        tag += f"+silver:{teachers}:{args.silver_sents}:{args.silver_min_ents}"
        tag += f":{args.silver_nonpolitics}" if args.silver_nonpolitics else ""
        silver = silver_docs(args.silver_model, args.data, work, args.silver_sents, args.silver_min_ents)
        silver += silver_docs(args.silver_model, args.data, work, args.silver_nonpolitics,
                              args.silver_min_ents, sections="nonpolitics",
                              exclude=frozenset(d.text for d in silver))
    train_spacy = work / f"train_{hashlib.sha256(tag.encode()).hexdigest()[:8]}.spacy"
    dev_spacy = work / f"{args.dev_set}.spacy"
    stats = convert(args.data, args.train_sets, train_spacy, silver)
    convert(args.data, [args.dev_set], dev_spacy)
    t_conv = time.time()

    vectors = None
    if not args.no_vectors:
        vectors = build_vectors(args.data, work, args.vec_dim, args.vec_bucket, args.vec_epoch,
                                args.threads, args.force)
    t_vec = time.time()
    user_ov = {"system.seed": args.seed, **parse_overrides(args.override)}
    if args.pretrain_words:
        w = pretrain_tok2vec(Path(args.config), work, vectors, args.pretrain_words, user_ov, args.force)
        user_ov["paths.init_tok2vec"] = str(w)
    t_pre = time.time()

    run_dir = Path(args.run_dir) if args.run_dir else work / "run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    best = train_model(Path(args.config), train_spacy, dev_spacy, run_dir, vectors, user_ov)
    if args.package_from == "last":
        best = best.parent / "model-last"
    t_train = time.time()

    meta = {
        "name": "id_news_ner",
        "version": "0.1.0",
        "description": "graphkit Indonesian news NER (PERSON/ORG/LOC), spaCy tok2vec CNN"
                       + (" + floret vectors from CLICK-ID raw articles" if vectors else "")
                       + (f", distilled from a {len(args.silver_model)}-model ensemble"
                          if args.silver_model and len(args.silver_model) > 1 else ""),
        "license": "MIT (model); trained on idner-news-2k (MIT) and NERGRIT/IndoNLU (MIT + NERGRIT credit)",
        "sources": [
            {"name": "idner-news-2k", "author": "Khairunnisa, Imankulova & Komachi (2020)", "license": "MIT"},
            {"name": "NERGRIT (IndoNLU)", "author": "PT Gria Inovasi Teknologi; Wilie et al. (2020)",
             "license": "MIT (IndoNLU) + NERGRIT licence: credit all NERGRIT contributors"},
        ] + ([{"name": "NERP (IndoNLU nerp_ner-prosa), case restored",
               "author": "Prosa.ai; Hoesen & Purwarianti (2018); Wilie et al. (2020)",
               "license": "MIT (IndoNLU)"}]
             if any(n.startswith("nerp_") for n in args.train_sets) else []) + (
            [{"name": "CLICK-ID raw articles (floret vectors)", "author": "William & Sari (2020)",
               "license": "CC BY 4.0"}] if vectors else []),
        "graphkit_training": {
            "train_sets": args.train_sets, "dev_set": args.dev_set, "align_stats": stats,
            "silver": ({"model": [teacher_recipe(m) for m in args.silver_model],
                        "sents": args.silver_sents, "nonpolitics_sents": args.silver_nonpolitics,
                        "min_ents": args.silver_min_ents} if args.silver_model else None),
            "packaged": f"model-{args.package_from}", "max_steps": _max_steps(best),
            "overrides": user_ov, "pretrain_words": args.pretrain_words,
            "seconds": {"convert": round(t_conv - t_start), "vectors": round(t_vec - t_conv),
                        "pretrain": round(t_pre - t_vec), "train": round(t_train - t_pre)},
            "date": time.strftime("%Y-%m-%d"),
        },
    }
    if not args.allow_unshippable:
        package(best, Path(args.out), meta)
    log(f"total {time.time() - t_start:.0f}s")


if __name__ == "__main__":
    main()
