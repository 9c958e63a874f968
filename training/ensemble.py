"""Assemble an NER ensemble into one spaCy pipeline that graphkit decodes as one model.

The first model is the pipeline (`tok2vec` + `ner`, what plain spaCy runs); the NER of each
further model, with its own tok2vec copied inside it in place of the listener, is added as a
disabled component `ner_member<K>` and declared in meta.json (`graphkit_ensemble`).
graphkit's decoder (`graphkit.ner.fast.decode.FastEntityRecognizer`) then takes at every step the
move with the highest sum of all members' scores. Used as the distillation teacher
(`train.py --silver-model A B ...`) and to package an ensemble (`python ensemble.py`)."""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from graphkit.ner.fast.inference import ENSEMBLE_META

MEMBER = "ner_member{}"


def vectors_digest(nlp: Any) -> str:
    vectors = nlp.vocab.vectors
    return hashlib.sha256(vectors.to_bytes(exclude=["strings"])).hexdigest()


def assemble(models: list[str]) -> Any:
    """The ensemble of ``models`` (spaCy pipeline paths with `tok2vec` + `ner` and the same
    static vectors) as one pipeline."""
    import spacy

    nlp = spacy.load(models[0])
    names = []
    for k, path in enumerate(models[1:], 1):
        other = spacy.load(path)
        if vectors_digest(other) != vectors_digest(nlp):
            raise ValueError(f"{path}: static vectors differ from {models[0]}'s")
        other.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        name = MEMBER.format(k)
        nlp.add_pipe("ner", name=name, source=other)
        nlp.disable_pipe(name)
        names.append(name)
    if names:
        nlp.meta[ENSEMBLE_META] = {"ner": names}
    return nlp


def load_ensemble(models: list[str]) -> Any:
    """`assemble` with graphkit's inference speed-ups (which decode the ensemble)."""
    from graphkit.ner.fast.inference import speed_up

    return speed_up(assemble(models))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="+", help="trained pipelines; the first is the main one")
    ap.add_argument("--out", required=True, help="folder for the assembled pipeline")
    args = ap.parse_args(argv)
    nlp = assemble(args.models)
    members = [json.loads((Path(m) / "meta.json").read_text()).get("graphkit_training", {})
               for m in args.models]
    nlp.meta.setdefault("graphkit_training", {})["ensemble_members"] = [
        {"path": str(Path(m).resolve()), "seed": meta.get("overrides", {}).get("system.seed")}
        for m, meta in zip(args.models, members, strict=True)]
    nlp.to_disk(args.out)
    print(f"wrote {args.out}: {len(args.models)} members")


if __name__ == "__main__":
    main()
