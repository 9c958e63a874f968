"""What reading a corpus says (issue 30: D11, D13, D14) and dates it understands (issue 28)."""

from __future__ import annotations

import logging
import os

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.corpus import read_corpus
from graphkit.dates import parse_date, within_dates
from graphkit.types import Document, Extraction

ARTICLE = "Presiden Vladimir Putin bertemu Kim Jong Un di Pyongyang, Korea Utara, pada Rabu.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def run_cli(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_each_warning_once_per_build_though_the_corpus_is_read_twice(tmp_path):
    """D14: `graphkit build` walks the corpus to size the work and reads it to check the
    outputs are up to date and again for NER; each skip was printed at every pass."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "fake.txt").write_bytes(PNG)
    (corpus / os.fsdecode(b"caf\xe9.txt")).write_text(ARTICLE, encoding="utf-8")
    (corpus / "bad.jsonl").write_text('{"text": "Putin tiba."}\nnot json\n', encoding="utf-8")
    code, _, err = run_cli("build", str(corpus), "--out", str(tmp_path / "o"), "--model",
                           "blank")
    assert code == 0, err
    assert err.count("fake.txt: binary file") == 1, err
    assert err.count("file name is not valid UTF-8") == 1, err
    assert err.count("bad.jsonl:2: invalid JSON") == 1, err


def test_control_characters_in_file_names_are_escaped_in_warnings(tmp_path):
    """D11: a file name's escape sequences reached the terminal raw."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "a\x1b]0;owned\x07.txt").write_bytes(PNG)
    code, _, err = run_cli("build", str(corpus), "--out", str(tmp_path / "o"), "--model",
                           "blank", "--force")
    assert code == 0
    assert "\x1b" not in err and "\x07" not in err
    assert "a\\x1b]0;owned\\x07.txt: binary file" in err


def test_same_file_name_in_two_folders_is_two_documents(tmp_path, caplog):
    """D13: `graphkit build y1 y2` kept only y1's berita1.txt (ids are relative to their
    folder); with several folders, ids now start with the folder's name."""
    for folder, text in (("y1", ARTICLE), ("y2", "Kim Jong Un tiba di Moskow.\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "berita1.txt").write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        docs = {d.id: d.text for d in read_corpus([tmp_path / "y1", tmp_path / "y2"])}
    assert docs == {"y1/berita1.txt": ARTICLE, "y2/berita1.txt": "Kim Jong Un tiba di Moskow.\n"}
    assert "duplicate" not in caplog.text
    assert [d.id for d in read_corpus([tmp_path / "y1"])] == ["berita1.txt"]  # one: unchanged


def test_two_folders_of_the_same_name_are_told_apart_by_their_path(tmp_path):
    for parent in ("a", "b"):
        (tmp_path / parent / "y").mkdir(parents=True)
        (tmp_path / parent / "y" / "x.txt").write_text(parent, encoding="utf-8")
    ids = [d.id for d in read_corpus([tmp_path / "a" / "y", tmp_path / "b" / "y"])]
    assert ids == [f"{tmp_path.as_posix()}/a/y/x.txt", f"{tmp_path.as_posix()}/b/y/x.txt"]


@pytest.mark.parametrize(("text", "iso"), [
    ("10-Sep-19", "2019-09-10"),
    ("10 Sep 2019", "2019-09-10"),
    ("Selasa, 10/09/2019 14:05 WIB", "2019-09-10"),
    ("Sep 10, 2019", "2019-09-10"),
    ("Tue, 10 Sep 2019 14:05:00 +0700", "2019-09-10"),
    ("2019-09-10T23:30:00-05:00", "2019-09-10"),
    ("2019-09-10T14:05:00Z", "2019-09-10"),
    ("05/09/2019", "2019-09-05"),  # day first where both readings are dates
    ("09/25/2019", "2019-09-25"),  # month first only where day first is no date
    ("1-Jan-99", "1999-01-01"),
    ("31-Feb-19", ""),
])
def test_date_formats(text, iso):
    assert parse_date(text) == iso


def test_since_reports_how_many_undated_documents_it_left_out(caplog):
    extractions = [Extraction(Document("a", "", date="2024-06-01"), (), ()),
                   Extraction(Document("b", "", date=""), (), ()),
                   Extraction(Document("c", "", date="tanpa tanggal"), (), ())]
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        kept = within_dates(extractions, since="2024-01-01")
    assert [e.doc.id for e in kept] == ["a"]
    assert "left out 2 documents without a known date" in caplog.text


def test_month_and_weekday_names_have_one_source():
    from graphkit import clean, dates
    from graphkit.ner import propose

    assert "pebruari" in propose.DAYS_AND_MONTHS and "nopember" in propose.DAYS_AND_MONTHS
    assert clean.DATE_LINE.match("Jumat, 10 Pebruari 2023 09:00 WIB")
    assert set(dates.MONTHS) == {n for names in dates.MONTH_NAMES + dates.MONTH_ABBREVIATIONS
                                 for n in names}


def test_several_files_given_by_themselves_keep_their_names(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(folder, encoding="utf-8")
    (tmp_path / "x" / "b.txt").write_text("b", encoding="utf-8")
    ids = [d.id for d in read_corpus([tmp_path / "x" / "b.txt", tmp_path / "y"])]
    assert ids == ["b.txt", "y/a.txt"]
    ids = [d.id for d in read_corpus([tmp_path / "x" / "a.txt", tmp_path / "y" / "a.txt"])]
    assert ids == [f"{tmp_path.as_posix()}/x/a.txt", f"{tmp_path.as_posix()}/y/a.txt"]
