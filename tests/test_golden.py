"""Golden files: the rules-only seed graph must not change by accident.

After an intended change, rewrite them with `pytest tests/test_golden.py --regen-golden`
and review the diff like code."""

import csv
import io
from pathlib import Path

import pytest
from conftest import SEEDS

import graphkit

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def rules_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("golden")
    graphkit.build(SEEDS, out=out, model="blank", store=False)
    return out


def columns(path: Path, names: list[str]) -> str:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([row[n] for n in names] for row in rows)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "fields"), [
    ("nodes.csv", ["id", "label", "type", "aliases", "mentions", "documents", "kb_id"]),
    ("edges.csv", ["source", "target", "weight", "documents", "npmi"]),
    ("mentions.csv", ["doc", "start", "end", "text", "entity", "sentence"]),
])
def test_rules_only_seed_outputs_match_golden(rules_out, regen_golden, name, fields):
    current = columns(rules_out / name, fields)
    golden = GOLDEN / f"seeds-rules-{name}"
    if regen_golden:
        golden.write_text(current, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}: run pytest --regen-golden"
    assert current == golden.read_text(encoding="utf-8"), (
        f"{name} changed; if intended, run pytest tests/test_golden.py --regen-golden")
