"""Curation overlays, the per-document store and the review commands (issue: linking)."""


import pytest
from click.testing import CliRunner
from conftest import SEEDS

import graphkit
from graphkit.cli import cli
from graphkit.errors import KnowledgeBaseError
from graphkit.link.curation import EXAMPLE, load_curation
from graphkit.ner import pipeline as ner
from graphkit.store import Store


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def node_for(build, text):
    return {lk.entity for lk in build.mentions if lk.mention.text == text}


def test_overlay_merges_splits_aliases_labels_types_and_ignores(corpus, tmp_path):
    overlay = corpus / "graphkit.yaml"
    overlay.write_text(
        "merge:\n  - [Pengadilan Kriminal Dunia, org:icc]\n"
        "split:\n  - name: Kim\n    docs: [003_4b67c06523eba79c.txt]\n"
        "alias:\n  Rodong Sinmun: org:kcna\n"
        "label:\n  new:leif-eric-easley: L.-E. Easley\n"
        "type:\n  new:babelpos: ORG\n"
        "ignore:\n  - Citra\n", encoding="utf-8")
    build = graphkit.build(corpus, model="blank", out=tmp_path / "o")
    assert node_for(build, "Pengadilan Kriminal Dunia") == node_for(build, "ICC") == {"org:icc"}
    kim_003 = {lk.entity for lk in build.mentions if lk.mention.text == "Kim"
               and lk.mention.doc == "003_4b67c06523eba79c.txt"}
    assert kim_003 == {"new:kim"}
    assert node_for(build, "Kim") == {"new:kim", "person:kim-jong-un"}
    assert build.graph.nodes["new:leif-eric-easley"]["label"] == "L.-E. Easley"
    assert not node_for(build, "Citra")
    assert "curation" in build.graph.nodes["new:kim"]["linked_by"]


def test_entries_naming_no_node_are_reported_with_file_and_line(corpus, tmp_path, caplog):
    overlay = corpus / "graphkit.yaml"
    overlay.write_text(
        "merge:\n  - [Pengadilan Kriminal Dunia, org:icc]\n  - [person:vladimir-putn, Kim]\n"
        "label:\n  new:leif-eric-easley: L.-E. Easley\n  new:leif-eric-easly: Typo\n"
        "type:\n  new:babelpos: ORG\n  Nobody Here: ORG\n", encoding="utf-8")
    graphkit.build(corpus, model="blank", out=tmp_path / "o")
    reported = [r.getMessage() for r in caplog.records if "names no node" in r.getMessage()]
    assert len(reported) == 3, reported
    assert f"{overlay}:3: merge: 'person:vladimir-putn'" in reported[0]
    assert f"{overlay}:6: label: 'new:leif-eric-easly'" in reported[1]
    assert f"{overlay}:9: type: 'Nobody Here'" in reported[2]


@pytest.mark.parametrize(("text", "message"), [
    ("merge: [a, b\n", r":\d+: invalid YAML"),
    ("mrege:\n  - [a, b]\n", ":1: unknown section 'mrege'"),
    ("merge:\n  - [a]\n", ":2: a merge needs at least two nodes"),
    ("type:\n  new:x: PLANET\n", ":2: unknown type 'PLANET'"),
    ("split:\n  - nama: Kim\n", ":2: a split takes name"),
])
def test_bad_overlays_name_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=f"bad.yaml{message}"):
        load_curation([path])


def test_the_documented_example_parses(tmp_path):
    path = tmp_path / "graphkit.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    curation = load_curation([path])
    assert curation.merges and curation.ignore and curation.labels and curation.types


def test_rebuild_after_a_curation_edit_reuses_stored_mentions(corpus, tmp_path, monkeypatch):
    out = tmp_path / "o"
    first = graphkit.build(corpus, out=out)
    (corpus / "graphkit.yaml").write_text("ignore: [Moskow]\n", encoding="utf-8")
    def no_ner(*args, **kwargs):
        raise AssertionError("NER ran again")

    monkeypatch.setattr(ner, "load_pipeline", no_ner)
    second = graphkit.build(corpus, out=out)  # how fast: benchmarks/linking.md
    assert len(second.mentions) < len(first.mentions)
    assert not [lk for lk in second.mentions if lk.mention.text == "Moskow"]


def test_store_processes_only_new_or_changed_documents_and_forgets_deleted(corpus, tmp_path):
    out = tmp_path / "o"
    graphkit.build(corpus, out=out, model="blank")
    processed = []
    (corpus / "000_6ddc3e2aa6a6e817.txt").write_text("Putin bertemu Xi Jinping di Beijing.",
                                                     encoding="utf-8")
    (corpus / "new.txt").write_text("Kim Jong Un tiba di Moskow.", encoding="utf-8")
    (corpus / "004_cccb3e35688d1b77.txt").unlink()
    real_extract = ner.extract

    def spy(documents, *args, **kwargs):
        for extraction in real_extract(documents, *args, **kwargs):
            processed.append(extraction.doc.id)
            yield extraction

    ner.extract = spy
    try:
        build = graphkit.build(corpus, out=out, model="blank")
    finally:
        ner.extract = real_extract
    assert sorted(processed) == ["000_6ddc3e2aa6a6e817.txt", "new.txt"]
    assert build.documents == 5
    store = Store(out / ".graphkit" / "store.sqlite")
    assert "004_cccb3e35688d1b77.txt" not in store.ids() and len(store.ids()) == 5
    store.close()


def test_entities_and_explain_commands(tmp_path):
    runner = CliRunner()
    out = str(tmp_path / "o")
    result = runner.invoke(cli, ["entities", str(SEEDS), "--out", out, "--type", "PERSON",
                                 "--limit", "3"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["id", "label", "type"] and len(lines) == 4
    assert "Vladimir Putin" in lines[1]
    result = runner.invoke(cli, ["entities", str(SEEDS), "--out", out, "--how", "new", "--csv",
                                 "--sort", "label"])
    assert result.output.startswith("id,label,type,mentions")
    result = runner.invoke(cli, ["explain", "Presiden Putin", str(SEEDS), "--out", out])
    assert "person:vladimir-putin" in result.output and "knowledge-base name" in result.output
    result = runner.invoke(cli, ["explain", "Pacheco Pardo", str(SEEDS), "--out", out])
    assert "short form of 'Ramon Pacheco Pardo'" in result.output
    result = runner.invoke(cli, ["explain", "Nobody Here", str(SEEDS), "--out", out])
    assert "no mention or node" in result.output


def test_explain_and_entities_print_no_terminal_control_sequences(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Vladimir Putin bertemu Kim. Putin tiba di Jakarta \x1b]0;PWNED\x07 kemarin. Putin "
        "bertemu Kim Jong Un "
        "\u202eedoc\u202c di Seoul.", encoding="utf-8")
    runner = CliRunner()
    out = str(tmp_path / "o")
    for args in (["explain", "Putin", str(corpus), "--out", out, "--model", "blank"],
                 ["entities", str(corpus), "--out", out, "--model", "blank"]):
        result = runner.invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert not any(c in result.output for c in "\x1b\x07\u202e\u202c")
    assert "\\x1b]0;PWNED\\x07" in runner.invoke(cli, ["explain", "Putin", str(corpus), "--out",
                                                     out, "--model", "blank"]).output
