"""Second round of hostile input (issue 30): names in any script, CSV cells with a carriage
return, merge cycles, overlays shipped inside a corpus, store faults, odd graph files.

Whole builds use the rules-only pipeline (`model="blank"`): the model is not the point."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import shutil
import sqlite3
from pathlib import Path

import networkx as nx
import pytest
from conftest import run_cli

import graphkit
from graphkit.corpus import read_corpus
from graphkit.engines import resolve_jobs
from graphkit.export.html import html_text, page_data_of
from graphkit.export.nodelink import node_link_chunks
from graphkit.link.curation import load_curation
from graphkit.link.linker import link_mentions
from graphkit.link.names import slugify
from graphkit.ner.pipeline import extract
from graphkit.pipeline import Settings
from graphkit.store import Store
from graphkit.types import Document


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- D2: ids for names in any script ----------------------------------------------------------

CYRILLIC = ("Menurut laporan, Владимир Путин bertemu Сергей Лавров di Moskwa pada Rabu.\n"
            "Kemudian Ρutin dan Рutin berbicara dengan Vladimir Putin.\n")


def test_two_cyrillic_people_stay_two_nodes_through_a_build(tmp_path, caplog):
    corpus = write_corpus(tmp_path / "c", {"a.txt": CYRILLIC})
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        result = graphkit.build(corpus, out=tmp_path / "out", model="blank")
    links = {link.mention.text: link.entity for link in result.mentions}
    putin, lavrov = links["Владимир Путин"], links["Сергей Лавров"]
    assert putin != lavrov
    assert putin.startswith("new:vladimir-putin-") and lavrov.startswith("new:sergei-lavrov-")
    assert result.graph.nodes[putin]["label"] == "Владимир Путин"  # labels keep the script
    # Greek Rho and Cyrillic Er look alike but are two names, and neither is Latin 'Putin'
    assert len({links["Ρutin"], links["Рutin"], links["Vladimir Putin"]}) == 3
    assert "mixes letters of different scripts" in caplog.text
    nodes = (tmp_path / "out" / "nodes.csv").read_text(encoding="utf-8")
    assert putin in nodes and lavrov in nodes


def test_slugs_are_unique_across_scripts_and_unchanged_for_latin_names():
    assert slugify("Leif-Eric Easley") == "leif-eric-easley"  # as before: ids are stable
    assert slugify("Erdoğan") == "erdogan"
    assert slugify("Apple™") == "appletm"
    names = ["Владимир Путин", "Сергей Лавров", "Ρutin", "Рutin", "习近平", "金正恩", "Łódź",
             "Odz"]
    assert len({slugify(n) for n in names}) == len(names)
    assert slugify("习近平") == slugify("习近平")  # stable
    assert slugify("Łódź").startswith("lodz-")


def test_a_look_alike_letter_is_not_a_typo_of_the_latin_name(rules_nlp, kb):
    # 'Prаbowo' with a Cyrillic 'а' is one edit from 'Prabowo' but not a misspelling of it
    documents = [Document("a.txt", "Kemarin Prabowo Subianto bertemu Joko Widodo di Jakarta.\n"),
                 Document("b.txt", "Kemarin Pr\u0430bowo Subianto bertemu Joko Widodo.\n")]
    linking = link_mentions(list(extract(documents, rules_nlp)), kb)
    links = {lk.mention.text: lk.entity for lk in linking.mentions}
    assert links["Prabowo Subianto"] != links["Pr\u0430bowo Subianto"]


# --- D1: a bare carriage return in a cell ------------------------------------------------------

FORMULA = "=cmd|' /C calc'!A0"
HOSTILE = "x\r" + FORMULA


def raw(path: Path) -> str:
    """A file's text with its line ends as written."""
    return path.read_bytes().decode("utf-8")


def assert_csv_intact(text: str, column: str, value: str) -> None:
    """Every row has the header's cells, and `value` is one whole cell of `column`."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert all(len(row) == len(rows[0]) for row in rows), rows
    index = rows[0].index(column)
    assert value in [row[index] for row in rows[1:]]
    assert not any(line.startswith(FORMULA) for line in text.split("\n"))


def test_a_carriage_return_in_an_id_or_a_label_stays_inside_its_csv_cell(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    record = {"id": HOSTILE, "text": "Presiden Vladimir Putin bertemu Kim Jong Un di Seoul."}
    (corpus / "r.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    overlay = tmp_path / "c.yaml"
    overlay.write_text('label:\n  Kim Jong Un: "x\\r=cmd|\' /C calc\'!A0"\n', encoding="utf-8")
    out = tmp_path / "out"
    code, _, _ = run_cli("build", str(corpus), "--out", str(out), "--model", "blank",
                         "--curation", str(overlay))
    assert code == 0
    assert_csv_intact(raw(out / "mentions.csv"), "doc", HOSTILE)
    assert_csv_intact(raw(out / "sentences.csv"), "doc", HOSTILE)
    assert_csv_intact(raw(out / "nodes.csv"), "label", HOSTILE)
    code, stdout, _ = run_cli("entities", str(corpus), "--out", str(out), "--model", "blank",
                              "--curation", str(overlay), "--csv")
    assert code == 0
    assert_csv_intact(stdout, "label", HOSTILE)


def test_export_csv_quotes_a_carriage_return_in_node_ids(tmp_path):
    graph = nx.Graph()
    graph.add_edge(HOSTILE, "b", weight=1)
    source = tmp_path / "g.json"
    source.write_text(json.dumps(nx.node_link_data(graph, edges="links")), encoding="utf-8")
    code, _, stderr = run_cli("export", str(source), "--to", "csv", "-o", str(tmp_path / "o"))
    assert code == 0, stderr
    assert_csv_intact(raw(tmp_path / "o" / "nodes.csv"), "id", HOSTILE)
    assert_csv_intact(raw(tmp_path / "o" / "edges.csv"), "target",
                      HOSTILE)


# --- D3: merges that form a cycle --------------------------------------------------------------

THREE_PEOPLE = "Kemarin Budi Santoso, Andi Wijaya dan Rina Kartika bertemu di Jakarta.\n"


@pytest.mark.parametrize("overlays", [
    ["merge:\n  - [Budi Santoso, Andi Wijaya]\n  - [Andi Wijaya, Budi Santoso]\n"],
    ["merge:\n  - [Budi Santoso, Andi Wijaya]\n  - [Andi Wijaya, Rina Kartika]\n"
     "  - [Rina Kartika, Budi Santoso]\n"],
    ["merge:\n  - [Budi Santoso, Andi Wijaya]\n", "merge:\n  - [Andi Wijaya, Budi Santoso]\n"],
    ["merge:\n  - [Andi Wijaya, Rina Kartika]\n", "merge:\n  - [Budi Santoso, Andi Wijaya]\n"],
], ids=["two-entries", "three-cycle", "across-files", "chain"])
def test_merges_are_transitive_even_when_they_form_a_cycle(tmp_path, overlays, rules_nlp, kb):
    files = []
    for i, text in enumerate(overlays):
        files.append(tmp_path / f"o{i}.yaml")
        files[-1].write_text(text, encoding="utf-8")
    extractions = list(extract([Document("a.txt", THREE_PEOPLE)], rules_nlp))
    linking = link_mentions(extractions, kb, load_curation(files))
    links = {lk.mention.text: lk.entity for lk in linking.mentions}
    named = [n for n in ("Budi Santoso", "Andi Wijaya", "Rina Kartika") if n in "".join(overlays)]
    assert len({links[n] for n in named}) == 1, links
    again = link_mentions(extractions, kb, load_curation(files))
    assert [lk.entity for lk in again.mentions] == [lk.entity for lk in linking.mentions]


# --- D4: export csv into a folder holding someone else's tables ---------------------------------

def test_export_csv_refuses_to_replace_tables_graphkit_did_not_write(tmp_path):
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1)
    source = tmp_path / "g.json"
    source.write_text(json.dumps(nx.node_link_data(graph, edges="links")), encoding="utf-8")
    theirs = tmp_path / "nodes.csv"
    theirs.write_text("name,phone\nAlice,555\n", encoding="utf-8")
    code, _, stderr = run_cli("export", str(source), "--to", "csv")  # default: next to it
    assert code == 1 and "not written by graphkit" in stderr and "Traceback" not in stderr
    assert theirs.read_text(encoding="utf-8") == "name,phone\nAlice,555\n"
    assert not (tmp_path / "edges.csv").exists()
    # a folder graphkit wrote to is graphkit's: exporting there again replaces its files
    out = tmp_path / "o"
    for _ in range(2):
        code, _, stderr = run_cli("export", str(source), "--to", "csv", "-o", str(out))
        assert code == 0, stderr
    assert (out / "nodes.csv").read_text(encoding="utf-8").startswith("id,label")


# --- D10: a graphkit.yaml shipped inside a received corpus -------------------------------------

def test_an_overlay_found_in_the_corpus_is_announced_and_can_be_left_out(tmp_path):
    corpus = write_corpus(tmp_path / "c", {
        "a.txt": "Kemarin Budi Santoso bertemu Andi Wijaya dan Rina Kartika di Jakarta.\n"})
    overlay = corpus / "graphkit.yaml"
    overlay.write_text("merge:\n  - [Budi Santoso, Andi Wijaya]\nignore:\n  - Rina Kartika\n"
                       "label:\n  Jakarta: Somewhere\n", encoding="utf-8")
    out = tmp_path / "out"
    build = ("build", str(corpus), "--out", str(out), "--model", "blank")
    for _ in range(2):  # a build, then an up-to-date one: both say it
        code, _, stderr = run_cli(*build)
        assert code == 0
        assert str(overlay) in stderr and "1 merge, 1 label, 1 ignored name" in stderr
    assert "Rina Kartika" not in (out / "nodes.csv").read_text(encoding="utf-8")
    code, _, stderr = run_cli(*build, "--no-curation")
    assert code == 0 and str(overlay) not in stderr
    nodes = (out / "nodes.csv").read_text(encoding="utf-8")
    assert "Rina Kartika" in nodes and "Somewhere" not in nodes
    # a file the user passes is trusted: applied without the warning
    code, _, stderr = run_cli(*build, "--no-curation", "--curation", str(overlay))
    assert code == 0 and "found in the corpus" not in stderr
    assert "Rina Kartika" not in (out / "nodes.csv").read_text(encoding="utf-8")


# --- D5, D6: store faults ----------------------------------------------------------------------

STORE = Path(".graphkit") / "store.sqlite"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A corpus and an output folder built from it once (copied by each test)."""
    root = tmp_path_factory.mktemp("built")
    corpus = write_corpus(root / "c", {f"{i}.txt": f"Kemarin Budi Santoso bertemu Andi Wijaya "
                                                   f"di Jakarta pada hari ke-{i}.\n"
                                       for i in range(40)})
    graphkit.build(corpus, out=root / "out", model="blank")
    return root


def copy_of(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(built, tmp_path / "b")
    return tmp_path / "b" / "c", tmp_path / "b" / "out"


def rebuild(corpus: Path, out: Path) -> tuple[int, str, str]:
    return run_cli("build", str(corpus), "--out", str(out), "--model", "blank", "--force")


@pytest.mark.slow  # NER on a 2,000-line document
def test_a_full_disk_when_the_store_commits_is_one_line(built, tmp_path, monkeypatch):
    corpus, out = copy_of(built, tmp_path)
    (corpus / "new.txt").write_text("".join(f"Rina Kartika tiba di Bandung pada hari ke-{i}.\n"
                                            for i in range(2000)),
                                    encoding="utf-8")  # more than the free pages hold
    before = (out / "nodes.csv").read_bytes()
    real_save = Store.save

    def save_on_a_full_disk(self, *args, **kwargs):  # SQLite's own SQLITE_FULL
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        self._db.execute(f"PRAGMA max_page_count={pages}")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Store, "save", save_on_a_full_disk)
    code, _, stderr = rebuild(corpus, out)
    assert code == 1 and "Traceback" not in stderr
    assert "disk is full" in stderr and "free some space" in stderr
    assert (out / "nodes.csv").read_bytes() == before  # the outputs are as they were


def test_a_damaged_store_page_is_one_line_saying_what_to_do(built, tmp_path):
    corpus, out = copy_of(built, tmp_path)
    store = out / STORE
    data = bytearray(store.read_bytes())
    assert len(data) > 3 * 4096
    data[4096:] = bytes(range(256)) * ((len(data) - 4096) // 256) + bytes(len(data) % 256)
    store.write_bytes(bytes(data))
    code, _, stderr = rebuild(corpus, out)
    assert code == 1 and "Traceback" not in stderr
    assert f"delete {out / '.graphkit'} to rebuild from scratch" in stderr
    shutil.rmtree(out / ".graphkit")  # what the message says to do works
    assert rebuild(corpus, out)[0] == 0


def test_a_tampered_store_row_is_run_again(built, tmp_path):
    corpus, out = copy_of(built, tmp_path)
    before = (out / "mentions.csv").read_bytes()
    with sqlite3.connect(out / STORE) as db:
        db.execute("""UPDATE documents SET extraction='{"sentences": 5}' WHERE id='3.txt'""")
        db.execute("""UPDATE documents SET extraction='[1' WHERE id='4.txt'""")
    code, _, stderr = rebuild(corpus, out)
    assert code == 0, stderr
    assert "results for 3.txt are damaged" in stderr and "results for 4.txt" in stderr
    assert (out / "mentions.csv").read_bytes() == before


def test_a_store_from_a_newer_graphkit_is_refused_not_wiped(built, tmp_path):
    corpus, out = copy_of(built, tmp_path)
    with sqlite3.connect(out / STORE) as db:
        db.execute("UPDATE meta SET value='99' WHERE key='schema'")
    code, _, stderr = rebuild(corpus, out)
    assert code == 1 and "Traceback" not in stderr and "newer graphkit" in stderr
    with sqlite3.connect(out / STORE) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 40


# --- D7, D8, D9: odd graph files and overlays --------------------------------------------------

def node_link(nodes: str = '{"id": "a"}, {"id": "b"}', weight: str = "1",
              graph: str = "{}") -> str:
    return ('{"directed": false, "multigraph": false, "graph": ' + graph + ', "nodes": ['
            + nodes + '], "edges": [{"source": "a", "target": "b", "weight": ' + weight
            + ', "evidence": ["d#0"]}]}')


@pytest.mark.parametrize(("text", "message"), [
    (node_link(nodes='{"id": "a", "x": ' + "[" * 5000 + "]" * 5000 + '}, {"id": "b"}'),
     "nested too deeply"),
    (node_link(weight="NaN"), "edge 'a'-'b': attribute 'weight' is nan (not a finite number)"),
    (node_link(nodes='{"id": "a", "pagerank": Infinity}, {"id": "b"}'),
     "node 'a': attribute 'pagerank' is inf"),
    (node_link(graph='{"evidence_text": "oops"}'),
     "graph attribute 'evidence_text' is not an object of texts"),
    (node_link(graph='{"evidence_text": {"d#0": 5}}'),
     "graph attribute 'evidence_text' is not an object of texts"),
], ids=["nested-5000", "nan-weight", "infinite-attribute", "string-evidence-text",
        "number-evidence-text"])
@pytest.mark.parametrize("to", ["csv", "json", "html", "graphml"])
def test_export_of_an_odd_node_link_file_is_one_line(tmp_path, text, message, to):
    source = tmp_path / "g.json"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / ("o" if to == "csv" else f"o.{to}")
    code, _, stderr = run_cli("export", str(source), "--to", to, "-o", str(target))
    assert code == 1 and "Traceback" not in stderr, stderr
    assert message in stderr and len(stderr.strip().splitlines()) == 1
    assert not target.exists() or to == "csv" and not list(target.glob("*.csv"))


def test_graph_json_is_strict_json(tmp_path):
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1, npmi=float("nan"))
    with pytest.raises(ValueError, match="not JSON compliant"):
        "".join(node_link_chunks(graph))
    with pytest.raises(ValueError, match="not JSON compliant"):
        html_text(graph)


def test_a_deeply_nested_overlay_is_one_line(tmp_path):
    overlay = tmp_path / "deep.yaml"
    overlay.write_text("merge:\n  - " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    corpus = write_corpus(tmp_path / "c", {"a.txt": "Budi Santoso di Jakarta.\n"})
    code, _, stderr = run_cli("build", str(corpus), "--out", str(tmp_path / "out"), "--model",
                              "blank", "--curation", str(overlay))
    assert code == 1 and "Traceback" not in stderr
    assert f"{overlay}: invalid curation file: nested too deeply" in stderr


# --- debatable cases: links out of the corpus, --jobs, huge labels, long blocks ----------------

def test_symbolic_links_out_of_the_corpus_are_skipped_with_a_warning(tmp_path, caplog):
    private = write_corpus(tmp_path / "home", {"notes.txt": "Rahasia Budi Santoso.\n"})
    corpus = write_corpus(tmp_path / "c", {"a.txt": "Budi Santoso di Jakarta.\n",
                                           "sub/b.txt": "Andi Wijaya di Bandung.\n"})
    (corpus / "notes.txt").symlink_to(private / "notes.txt")
    (corpus / "home").symlink_to(private, target_is_directory=True)
    (corpus / "link.txt").symlink_to(corpus / "sub" / "b.txt")  # inside the corpus: read
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        ids = [d.id for d in read_corpus([corpus])]
    assert ids == ["a.txt", "link.txt", "sub/b.txt"]
    assert f"skipped {corpus / 'notes.txt'}: symbolic link to {private / 'notes.txt'}, " \
           "outside the corpus folder" in caplog.text
    assert f"skipped {corpus / 'home'}: symbolic link to {private}" in caplog.text


def test_jobs_never_exceed_the_documents_and_are_warned_about_above_the_cores(
        tmp_path, caplog, monkeypatch):
    corpus = write_corpus(tmp_path / "c", {f"{i}.txt": "Budi Santoso.\n" for i in range(5)})
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    with caplog.at_level(logging.INFO, logger="graphkit"):
        assert resolve_jobs(Settings(jobs=8), [corpus]) == 5
    assert "more than the 2 cores" in caplog.text
    caplog.clear()
    assert resolve_jobs(Settings(jobs=2), [corpus]) == 2
    assert resolve_jobs(Settings(jobs=1), [corpus]) == 1
    assert "cores" not in caplog.text


def test_a_huge_label_is_cut_in_the_page_only(tmp_path):
    graph = nx.Graph()
    graph.add_node("a", label="A" * 1_000_000, type="PERSON", mentions=1,
                   aliases=[f"alias {i} " + "b" * 1000 for i in range(500)])
    graph.add_node("b", label="B", type="PERSON", mentions=1, aliases=["B"])
    graph.add_edge("a", "b", weight=1)
    page = html_text(graph)
    assert len(page.encode("utf-8")) < 2_000_000  # the page's own code is ~500 KB
    data = json.dumps(page_data_of(page), ensure_ascii=False)  # (the page holds it packed)
    assert "A" * 199 + "…" in data and "A" * 200 not in data
    assert "… 450 more" in data
    assert graph.nodes["a"]["label"] == "A" * 1_000_000  # the graph (and data files) keep it


def test_names_in_a_long_block_without_a_sentence_end_are_found_without_a_model(rules_nlp):
    first = ["Budi", "Andi", "Rina", "Siti", "Agus", "Dewi", "Joko", "Eko", "Bayu", "Dian"]
    last = ["Santoso", "Wijaya", "Kartika", "Halim", "Gunawan", "Susanto", "Hartono",
            "Lestari", "Pratama", "Saputra", "Nugroho", "Setiawan", "Rahman", "Hidayat"]
    names = [f"{f} {n}" for f in first for n in last]
    text = "Hadir " + ", ".join(names * 6)  # ~11,500 characters on one line, no full stop
    assert len(text) > 10_000
    found = {m.text for m in next(iter(extract([Document("a.txt", text)], rules_nlp))).mentions}
    assert set(names) <= found
    # a short title-case line is still a headline, not names
    headline = next(iter(extract([Document("b.txt", "Bukan Hanya Menggertak Musuh Lama\n")],
                                 rules_nlp)))
    assert not headline.mentions
