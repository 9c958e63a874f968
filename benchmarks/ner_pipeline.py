"""Score what users get from NER (the full pipeline on raw text, by stage, and without each
stage) for one graphkit tree, and print ner.md's tables for it, with a before/after table.

Runs `training/evaluate.py`'s `users_results` (idner-news-2k test and dev, NERGRIT valid,
NER-UI test and dev folds) with the graphkit of `--root` (a checkout of another commit for a
"before"), saves the scores as `--json` (evaluate.py's `--json` format) and prints the tables
of benchmarks/ner_pipeline.md; `--before` adds F1 before and after from an earlier `--json`.

usage: python benchmarks/ner_pipeline.py --json after.json [--root /tmp/old-checkout]
       [--before before.json] [--label COMMIT] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="graphkit tree to score")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--json", type=Path, required=True, help="write the scores here")
    parser.add_argument("--before", type=Path, help="an earlier --json: before/after table")
    parser.add_argument("--label", default="", help="names this run in --json (a commit)")
    args = parser.parse_args()
    sys.path[:0] = [str(args.root), str(args.root / "training")]
    import evaluate  # the tree's own evaluate.py

    import graphkit

    if Path(graphkit.__file__).resolve().parent != (args.root / "graphkit").resolve():
        sys.exit(f"graphkit is imported from {graphkit.__file__}, not from {args.root}")

    started, load = time.perf_counter(), os.getloadavg()[0]
    users = evaluate.users_results(args.data, str(args.root / "graphkit" / "models" /
                                                  "id_news_ner"))
    scores = {key: {field: value for field, value in result.items() if field != "examples"}
              if key != "without" else result for key, result in users.items()}
    args.json.write_text(json.dumps({"label": args.label, "users": scores}, indent=1))
    before = json.loads(args.before.read_text()) if args.before else None
    speed = {"wps": 0, "docs": 0, "words": 0, "tokenizer_wps": 0, "ratio": 0}  # not measured
    lines = evaluate.users_md(users, speed, before)
    lines = [line for line in lines if not line.startswith("Speed:")]
    print("\n".join(lines))
    print(f"\n(scored in {time.perf_counter() - started:.0f} s; 1-minute load average "
          f"{load:.1f} at the start)")


if __name__ == "__main__":
    main()
