"""Publication dates from record fields and from date lines in plain text."""

import doctest

import pytest

import graphkit.dates
from graphkit.dates import date_line, document_date, parse_date, within_dates
from graphkit.errors import GraphkitError
from graphkit.types import Document, Extraction


def test_doctests():
    assert doctest.testmod(graphkit.dates).failed == 0


@pytest.mark.parametrize("text, iso", [
    ("Kamis, 27 Juni 2024 - 15:25 WIB", "2024-06-27"),
    ("Oktober 10, 2024", "2024-10-10"),
    ("Rabu, 19 Jun 2024 07:45 WIB", "2024-06-19"),
    ("Jumat, 5 Agustus 2022 | 10.30 WIB", "2022-08-05"),
    ("June 19, 2024", "2024-06-19"),
    ("Selasa, 18/06/2024 22:10 WIB", "2024-06-18"),
    ("2024-06-19T10:00:00+07:00", "2024-06-19"),
    ("Published: 3 Desember 2023", "2023-12-03"),
])
def test_date_lines(text, iso):
    assert date_line(text) == iso == parse_date(text)


@pytest.mark.parametrize("text", [
    "Putin tiba di Pyongyang pada Rabu, 19 Juni 2024, untuk kunjungan dua hari.",
    "Putin terakhir kali mengunjungi negara itu pada tahun 2000.",
    "Nomor 12 Mei",
    "30 Februari 2024",
])
def test_not_date_lines(text):
    assert date_line(text) == ""


def test_seed_dates(seed_build):
    dates = {e.doc.id: document_date(e.doc) for e in seed_build.extractions}
    assert dates["000_6ddc3e2aa6a6e817.txt"] == "2024-06-27"
    assert dates["004_cccb3e35688d1b77.txt"] == "2024-10-10"
    assert dates["003_4b67c06523eba79c.txt"] == ""  # its date is inside a sentence


def test_record_date_field_wins():
    doc = Document("r1", "Kamis, 27 Juni 2024\nPutin.", date="2024-07-01T08:00:00Z")
    assert document_date(doc) == "2024-07-01"


def test_within_dates_drops_undated_and_out_of_range():
    docs = [Extraction(Document(str(i), "", date=d), (), ())
            for i, d in enumerate(["2024-06-01", "2024-06-30", "", "2024-07-02"])]
    assert [e.doc.id for e in within_dates(docs, "2024-06-15", None)] == ["1", "3"]
    assert [e.doc.id for e in within_dates(docs, None, "30 Juni 2024")] == ["0", "1"]
    assert len(within_dates(docs)) == 4
    with pytest.raises(GraphkitError):
        within_dates(docs, "soon")


def test_build_since_until():
    from conftest import SEEDS

    import graphkit

    g = graphkit.build(SEEDS, model="blank", since="2024-07-01")
    assert [e.doc.id for e in g.extractions] == ["004_cccb3e35688d1b77.txt"]
    assert {d for *_, d in g.graph.edges(data="first_date")} == {"2024-10-10"}
