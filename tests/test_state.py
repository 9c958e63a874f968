"""A rebuild with nothing changed does nothing; any change to inputs or outputs rebuilds."""

from click.testing import CliRunner
from conftest import SEEDS

from graphkit.cli import cli


def build(corpus, out, *extra):
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), "--model",
                                      "blank", *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_unchanged_inputs_and_intact_outputs_skip_the_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in SEEDS.glob("*.txt"):
        (corpus / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    assert "up to date" not in build(corpus, out)
    assert "up to date" in build(corpus, out)
    assert "up to date" not in build(corpus, out, "--force")
    assert "up to date" not in build(corpus, out, "--window", "paragraph")
    assert "up to date" in build(corpus, out, "--window", "paragraph")
    (corpus / "new.txt").write_text("Putin bertemu Xi Jinping di Beijing.", encoding="utf-8")
    assert "up to date" not in build(corpus, out, "--window", "paragraph")
    (corpus / "graphkit.yaml").write_text("ignore: [Moskow]\n", encoding="utf-8")
    assert "up to date" not in build(corpus, out, "--window", "paragraph")
    (out / "nodes.csv").write_text("tampered", encoding="utf-8")
    assert "up to date" not in build(corpus, out, "--window", "paragraph")
    assert (out / "nodes.csv").read_text(encoding="utf-8").startswith("id,label")
