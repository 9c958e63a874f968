"""A rebuild with nothing changed does nothing; any change to inputs or outputs rebuilds."""

import pytest
from click.testing import CliRunner
from conftest import SEEDS

import graphkit
from graphkit.cli import cli
from graphkit.errors import GraphkitError
from graphkit.pipeline import unchanged_build

SEED_LIKE = "Vladimir Putin bertemu Kim Jong Un di Pyongyang. Putin dan Kim berbicara."


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


def test_an_output_folder_inside_the_corpus_is_not_read_back(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED_LIKE, encoding="utf-8")
    first = graphkit.build(corpus, out=corpus / "out", model="blank", store=False)
    again = graphkit.build(corpus, out=corpus / "out", model="blank", store=False)
    assert again.documents == first.documents == 1
    graphkit.build(corpus, out=corpus / "out", model="blank")
    assert unchanged_build(corpus, corpus / "out", model="blank")  # its files are not input


def test_outputs_never_replace_the_corpus(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "mentions.csv").write_text("id,text\n1," + SEED_LIKE + "\n", encoding="utf-8")
    before = (corpus / "mentions.csv").read_bytes()
    with pytest.raises(GraphkitError, match="is the corpus folder"):
        graphkit.build(corpus, out=corpus, model="blank")
    with pytest.raises(GraphkitError, match="would be replaced"):
        graphkit.build(corpus / "mentions.csv", out=corpus, model="blank")
    assert (corpus / "mentions.csv").read_bytes() == before
    assert sorted(p.name for p in corpus.iterdir()) == ["mentions.csv"]


def test_a_change_to_graphkit_s_own_code_makes_outputs_stale(tmp_path, monkeypatch):
    # the inputs fingerprint covered NER's source files only: after a change to the linking
    # rules, `graphkit build` said "up to date" and kept the old outputs
    import graphkit.state as state

    package = tmp_path / "package"
    (package / "link").mkdir(parents=True)
    (package / "models" / "m").mkdir(parents=True)
    (package / "link" / "rules.py").write_text("ORDER = ['kb']\n", encoding="utf-8")
    (package / "models" / "m" / "weights").write_bytes(b"1")
    first = state.code_fingerprint(package)
    (package / "models" / "m" / "weights").write_bytes(b"2")  # the NER fingerprint's part
    assert state.code_fingerprint(package) == first
    (package / "link" / "rules.py").write_text("ORDER = ['kb', 'fuzzy']\n", encoding="utf-8")
    assert state.code_fingerprint(package) != first

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Putin bertemu Kim Jong Un di Pyongyang.", encoding="utf-8")
    assert "up to date" not in build(corpus, out)
    assert "up to date" in build(corpus, out)
    monkeypatch.setattr(state, "code_fingerprint", lambda package=None: "changed code")
    assert "up to date" not in build(corpus, out)
