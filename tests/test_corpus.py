import json
import logging

import pytest

from graphkit.corpus import count_documents, read_corpus
from graphkit.errors import CorpusError


def test_reads_folders_recursively_with_relative_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Putin tiba.", encoding="utf-8")
    (tmp_path / "two.md").write_text("# Kim\n\nKim tiba.", encoding="utf-8")
    (tmp_path / "skip.xlsx").write_bytes(b"PK\x03\x04")
    docs = list(read_corpus([tmp_path]))
    assert [d.id for d in docs] == ["two.md", "a/one.txt"] or [d.id for d in docs] == [
        "a/one.txt", "two.md"]
    assert {d.id: d.text for d in docs}["a/one.txt"] == "Putin tiba."
    assert count_documents([tmp_path]) == 2


def test_jsonl_and_csv_records(tmp_path):
    lines = [{"id": "r1", "body": "Putin tiba.", "date": "2024-06-19", "title": "T"},
             {"body": "Kim tiba."}, {"id": "r3", "nobody": 1}]
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n",
                                         encoding="utf-8")
    (tmp_path / "news.csv").write_text('id,text,url\nc1,"Seoul, Korea\nbaris dua",http://x\n',
                                       encoding="utf-8")
    docs = {d.id: d for d in read_corpus([tmp_path], text_field="body")}
    assert set(docs) == {"r1", "news.jsonl#2"}
    assert docs["r1"].date == "2024-06-19" and docs["r1"].title == "T"
    docs = {d.id: d for d in read_corpus([tmp_path / "news.csv"])}
    assert docs["c1"].text == "Seoul, Korea\nbaris dua" and docs["c1"].url == "http://x"


def test_bad_records_are_skipped_with_a_warning_naming_file_and_line(tmp_path, caplog):
    (tmp_path / "x.jsonl").write_text('{"text": "ok"}\n{broken\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        docs = list(read_corpus([tmp_path]))
    assert len(docs) == 1
    assert "x.jsonl:2" in caplog.text


def test_missing_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        list(read_corpus([tmp_path / "nope"]))


def test_binary_and_invalid_utf8(tmp_path, caplog):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02PDF")
    (tmp_path / "bad.txt").write_bytes("Erdoğan \xff tiba.".encode().replace(b"\xc3\xbf", b"\xff"))
    (tmp_path / "latin.txt").write_bytes("Putin ÿ tiba.".encode("latin-1"))
    (tmp_path / "crlf.txt").write_bytes(b"Putin tiba.\r\nKim juga.\r")
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        docs = {d.id: d for d in read_corpus([tmp_path])}
    assert "bin.txt" not in docs and "binary" in caplog.text
    # Some valid UTF-8: it is UTF-8 with a damaged byte, replaced and reported.
    assert docs["bad.txt"].text == "Erdoğan \ufffd tiba." and "not valid UTF-8" in caplog.text
    # No valid UTF-8 multi-byte sequence at all: Windows-1252 (Latin-1), reported.
    assert docs["latin.txt"].text == "Putin ÿ tiba." and "Windows-1252" in caplog.text
    assert docs["crlf.txt"].text == "Putin tiba.\nKim juga.\n"


def test_explicit_file_and_nothing_readable(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("Putin tiba.", encoding="utf-8")
    assert [d.id for d in read_corpus([tmp_path / "a.txt"])] == ["a.txt"]
    (tmp_path / "a.txt").write_bytes(b"%PDF-1.4 ...")
    with caplog.at_level(logging.WARNING, logger="graphkit"), \
            pytest.raises(CorpusError, match="no readable documents"):
        list(read_corpus([tmp_path]))
    assert "a PDF document" in caplog.text


def test_hidden_folders_and_graphkit_output_folders_are_not_read(tmp_path):
    (tmp_path / "a.txt").write_text("Putin tiba.", encoding="utf-8")
    (tmp_path / ".venv" / "lib").mkdir(parents=True)
    (tmp_path / ".venv" / "lib" / "LICENSE.txt").write_text("MIT", encoding="utf-8")
    (tmp_path / "out" / ".graphkit").mkdir(parents=True)
    (tmp_path / "out" / "mentions.csv").write_text("doc,text\nx,Kim\n", encoding="utf-8")
    assert [d.id for d in read_corpus([tmp_path])] == ["a.txt"]
    with pytest.raises(CorpusError, match="is a graphkit output folder"):
        list(read_corpus([tmp_path / "out"]))
