"""Web pages, PDF, Word and feed files: read into the same Documents as text files, with
what cannot be read named once, with its reason. Files are made by the tests (makefiles)."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

import pytest
from conftest import run_cli
from makefiles import docx_bytes, feed_xml, mhtml_bytes, news_page, odt_bytes, pdf_bytes, write

import graphkit
from graphkit.corpus import read_corpus
from graphkit.export import read_graph

JOKOWI = "Presiden Joko Widodo bertemu Vladimir Putin di Moskow pada Selasa."
ENERGY = "Keduanya membahas kerja sama energi, kata Joko Widodo kepada wartawan di Kremlin."
TRADE = ("Vladimir Putin mengatakan Rusia ingin menambah perdagangan dengan Indonesia, "
         "terutama gandum dan pupuk, dalam lima tahun mendatang.")
CHROME_NAMES = ("Raffi", "Nagita", "Deddy", "Ayu Ting", "Beranda", "Arial", "DOCTYPE",
                "Palmerah", "Warta Contoh")


def mixed_folder(folder: Path) -> Path:
    """.txt, a saved news page with site chrome, .pdf, .docx, a feed with two items and an
    unsupported file."""
    return write(folder, {
        "catatan.txt": f"Catatan\n\n{JOKOWI}\n{ENERGY}\n",
        "halaman.html": news_page("Jokowi bertemu Putin di Moskow", [JOKOWI, ENERGY, TRADE]),
        "laporan.pdf": pdf_bytes([[JOKOWI], [ENERGY]], title="Laporan kunjungan"),
        "siaran.docx": docx_bytes([JOKOWI, ENERGY], title="Siaran pers"),
        "kanal.rss": feed_xml([
            ("Jokowi di Moskow", "https://warta.example/1", "Tue, 10 Sep 2019 14:05:00 +0700",
             f"<p>{JOKOWI}</p>"),
            ("Energi", "https://warta.example/2", "Wed, 11 Sep 2019 08:00:00 +0700",
             f"<p>{ENERGY}</p><script>alert('x')</script>")]),
        "anggaran.xlsx": b"PK\x03\x04 not read",
    })


def test_mixed_folder_builds_every_document_links_people_and_names_the_rest(tmp_path):
    corpus = mixed_folder(tmp_path / "c")
    code, out, err = run_cli("build", str(corpus), "--out", str(tmp_path / "o"), "--model",
                             "blank")
    assert code == 0, err
    assert "6 documents" in out
    assert f"skipped {corpus / 'anggaran.xlsx'}: unsupported file type (.xlsx)" in err
    with (tmp_path / "o" / "documents.csv").open(encoding="utf-8") as handle:
        rows = {row["doc"]: row for row in csv.DictReader(handle)}
    assert {doc: row["format"] for doc, row in rows.items()} == {
        "catatan.txt": "txt", "halaman.html": "html", "laporan.pdf": "pdf",
        "siaran.docx": "docx", "kanal.rss#1": "feed", "kanal.rss#2": "feed"}
    graph = read_graph(tmp_path / "o" / "graph.json")
    for person in ("person:joko-widodo", "person:vladimir-putin"):
        assert graph.nodes[person]["documents"] >= 5, person
    labels = " ".join(data["label"] for _, data in graph.nodes(data=True))
    assert not [name for name in CHROME_NAMES if name in labels], labels


@pytest.mark.slow
def test_mixed_folder_with_the_shipped_model(tmp_path):
    corpus = mixed_folder(tmp_path / "c")
    result = graphkit.build(corpus, out=tmp_path / "o")
    assert result.documents == 6
    docs = {m.mention.doc for m in result.mentions if m.entity == "person:joko-widodo"}
    assert docs == {"catatan.txt", "halaman.html", "laporan.pdf", "siaran.docx",
                    "kanal.rss#1", "kanal.rss#2"}
    labels = " ".join(data["label"] for _, data in result.graph.nodes(data=True))
    assert not [name for name in CHROME_NAMES if name in labels], labels


def test_page_metadata_reaches_documents_csv_and_the_graph(tmp_path):
    corpus = write(tmp_path / "c", {"a.html": news_page(
        "=SUM(A1:A9) Putin", [JOKOWI, ENERGY, TRADE], date="2024-06-27")})
    graphkit.build(corpus, out=tmp_path / "o", model="blank")
    text = (tmp_path / "o" / "documents.csv").read_text(encoding="utf-8")
    row = next(csv.DictReader(text.splitlines()))
    assert row["title"] == "'=SUM(A1:A9) Putin"  # formula-escaped like every csv
    assert (row["date"], row["url"], row["source"], row["format"]) == (
        "2024-06-27", "https://warta.example/berita/1", "Warta Contoh", "html")
    assert int(row["words"]) > 20
    expected = {"a.html": {"source": "Warta Contoh", "title": "=SUM(A1:A9) Putin",
                           "url": "https://warta.example/berita/1"}}
    for name in ("graph.json", "graph.graphml"):
        assert read_graph(tmp_path / "o" / name).graph["document_info"] == expected, name


def test_mention_offsets_index_the_text_that_graphkit_text_prints(tmp_path):
    corpus = write(tmp_path / "c", {"a.html": news_page("Judul", [JOKOWI, ENERGY, TRADE])})
    graphkit.build(corpus, out=tmp_path / "o", model="blank")
    code, printed, _ = run_cli("text", str(corpus / "a.html"))
    assert code == 0
    with (tmp_path / "o" / "mentions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 5
    for row in rows:
        assert printed[int(row["start"]):int(row["end"])] == row["text"]
    assert "Raffi" not in printed and "Beranda" not in printed and "window." not in printed


def test_text_json_prints_every_item_of_a_feed(tmp_path):
    corpus = mixed_folder(tmp_path / "c")
    code, printed, _ = run_cli("text", str(corpus / "kanal.rss"), "--json")
    items = [json.loads(line) for line in printed.splitlines()]
    assert code == 0 and [item["id"] for item in items] == ["kanal.rss#1", "kanal.rss#2"]
    assert items[0] == {"id": "kanal.rss#1", "title": "Jokowi di Moskow", "date": "2019-09-10",
                        "url": "https://warta.example/1", "source": "Warta Contoh",
                        "format": "feed", "text": f"{JOKOWI}\n\nJokowi di Moskow"}
    assert "alert" not in items[1]["text"]


def test_docx_title_tables_and_pdf_page_order(tmp_path):
    corpus = write(tmp_path / "c", {
        "a.docx": docx_bytes([JOKOWI], title="Siaran pers", table=[["Nama", "Jabatan"],
                                                                    ["Joko Widodo", "Presiden"]]),
        "b.pdf": pdf_bytes([["halaman satu"], ["halaman dua"], ["halaman tiga"]], title="Lap"),
    })
    docs = {d.id: d for d in read_corpus([corpus])}
    assert docs["a.docx"].title == "Siaran pers"
    assert docs["a.docx"].text == f"{JOKOWI}\n\nNama\tJabatan\n\nJoko Widodo\tPresiden"
    assert docs["b.pdf"].text == "halaman satu\n\nhalaman dua\n\nhalaman tiga"
    assert docs["b.pdf"].title == "Lap"


def test_record_title_date_and_url_fields(tmp_path):
    record = {"id": "r1", "body": JOKOWI, "headline": "Jokowi di Moskow",
              "published": "10-Sep-19", "link": "https://warta.example/r1"}
    corpus = write(tmp_path / "c", {"a.jsonl": json.dumps(record) + "\n"})
    code, printed, _ = run_cli("text", str(corpus), "--json", "--text-field", "body",
                               "--title-field", "headline", "--date-field", "published",
                               "--url-field", "link")
    doc = json.loads(printed)
    assert code == 0 and (doc["title"], doc["date"], doc["url"], doc["text"]) == (
        "Jokowi di Moskow", "2019-09-10", "https://warta.example/r1",
        f"{JOKOWI}\n\nJokowi di Moskow")  # the title is read too, after the text
    code, out, err = run_cli("build", str(corpus), "--out", str(tmp_path / "o"), "--model",
                             "blank", "--text-field", "body", "--title-field", "headline",
                             "--date-field", "published", "--since", "2019-01-01")
    assert code == 0, err
    with (tmp_path / "o" / "documents.csv").open(encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert (row["title"], row["date"], row["url"]) == ("Jokowi di Moskow", "2019-09-10", "")


def test_changed_extracted_text_makes_the_build_out_of_date(tmp_path):
    from graphkit.pipeline import unchanged_build

    corpus = write(tmp_path / "c", {"a.html": news_page("Judul", [JOKOWI, ENERGY, TRADE])})
    out = tmp_path / "o"
    graphkit.build(corpus, out=out, model="blank")
    assert unchanged_build(corpus, out, model="blank")
    write(corpus, {"a.html": news_page("Judul", [JOKOWI, ENERGY, TRADE]).replace(
        "Beranda", "Halaman muka")})  # chrome only: the same text, still up to date
    assert unchanged_build(corpus, out, model="blank")
    write(corpus, {"a.html": news_page("Judul", [JOKOWI, TRADE, ENERGY])})
    assert not unchanged_build(corpus, out, model="blank")


# --- bad input: one line naming the file, the rest still builds ---------------------------

ENCRYPTED_TRAILER = (b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <"
                     + b"22" * 32 + b"> /P -4 >> /ID [<0123456789abcdef0123456789abcdef>"
                     b"<0123456789abcdef0123456789abcdef>]")


def encrypted_pdf() -> bytes:
    return pdf_bytes([[JOKOWI]]).replace(b"/Root 1 0 R", b"/Root 1 0 R " + ENCRYPTED_TRAILER)


BAD_FILES = {
    "rusak.pdf": (b"%PDF-1.4\n1 0 obj <<>> garbage", "not a readable PDF"),
    "terkunci.pdf": (encrypted_pdf(), "password-protected PDF"),
    "pindaian.pdf": (pdf_bytes([[], []]), "no text layer in its 2 page(s) (a scanned PDF?"),
    "putus.docx": (docx_bytes([JOKOWI])[:700], "not a readable .docx file"),
    "bukan.rss": ("ini bukan XML <<<", "not an RSS/Atom feed"),
    "kosong.html": ("<html><body><nav><a href='/'>Beranda</a> <a href='/p'>Politik</a></nav>"
                    "<main><img src='a.jpg'><p>Foto: Antara</p></main></body></html>",
                    "no main text found in the page"),
    "raksasa.html": ("<html><body>" + "<p>Putin tiba.</p>" * 3_000_000 + "</body></html>",
                     "54 MB is too large for a web page"),
    "entitas.rss": ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b '
                    '"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title>'
                    "<description>x</description></item></channel></rss>",
                    "the feed declares XML entities"),
    "kacau.odt": (b"PK\x03\x04 broken", "not a readable .odt file"),
}


def test_bad_files_are_one_line_warnings_and_the_rest_builds(tmp_path):
    corpus = write(tmp_path / "c", {**{name: data for name, (data, _) in BAD_FILES.items()},
                                    "ok.txt": JOKOWI})
    code, out, err = run_cli("build", str(corpus), "--out", str(tmp_path / "o"), "--model",
                             "blank")
    assert code == 0 and "1 documents" in out, err
    assert "Traceback" not in err
    for name, (_, reason) in BAD_FILES.items():
        lines = [line for line in err.splitlines() if name in line]
        assert len(lines) == 1 and f"skipped {corpus / name}: {reason}" in lines[0], (name, err)


def test_page_with_a_declared_legacy_charset(tmp_path):
    page = news_page("Kafe di Jakarta", [JOKOWI, "Kafé milik Erdoğan ramai: crème brûlée.",
                                         TRADE], charset="windows-1254")
    corpus = write(tmp_path / "c", {"a.html": page.encode("windows-1254")})
    (doc,) = read_corpus([corpus])
    assert "Kafé milik Erdoğan ramai: crème brûlée." in doc.text


def test_no_external_entities_or_entity_expansion_in_pages(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA-NEGARA", encoding="utf-8")
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
            '<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            + news_page("Judul", [JOKOWI, "&xxe; &c;", ENERGY, TRADE]).split("\n", 1)[1])
    corpus = write(tmp_path / "c", {"a.html": page, "b.xhtml": page})
    for doc in read_corpus([corpus]):
        assert "RAHASIA" not in doc.text and "AAAAAAAAAA" not in doc.text


def test_feed_external_entity_is_refused(tmp_path, caplog):
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA-NEGARA", encoding="utf-8")
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            "<rss><channel><title>t</title><item><title>&xxe;</title><description>Putin "
            "tiba.</description></item></channel></rss>")
    corpus = write(tmp_path / "c", {"a.rss": feed, "ok.txt": JOKOWI})
    with caplog.at_level(logging.WARNING, logger="graphkit"):
        docs = list(read_corpus([corpus]))
    assert [d.id for d in docs] == ["ok.txt"] and "declares XML entities" in caplog.text


def test_odt_and_mhtml(tmp_path):
    page = news_page("Jokowi bertemu Putin", [JOKOWI, ENERGY, TRADE]).replace(
        '<link rel="canonical" href="https://warta.example/berita/1">', "")
    corpus = write(tmp_path / "c", {
        "a.odt": odt_bytes([JOKOWI, "Dua<text:s text:c=\"2\"/>spasi."], title="Siaran"),
        "b.mhtml": mhtml_bytes(page, "https://warta.example/tersimpan"),
    })
    docs = {d.id: d for d in read_corpus([corpus])}
    assert (docs["a.odt"].title, docs["a.odt"].text) == ("Siaran",
                                                         f"Berita\n\n{JOKOWI}\n\nDua  spasi.")
    assert docs["b.mhtml"].text.startswith(JOKOWI) and "Raffi" not in docs["b.mhtml"].text
    assert docs["b.mhtml"].url == "https://warta.example/tersimpan"
    assert docs["b.mhtml"].format == "mhtml"
