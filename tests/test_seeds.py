"""The seed corpus, end to end, with the default pipeline: the pipeline issue's checklist."""

import re

import pytest
from conftest import SEEDS, entities_of, seed_text

DOCS = sorted(p.name for p in SEEDS.glob("*.txt"))


def the_node(build, *texts):
    found = set().union(*(entities_of(build, t) for t in texts))
    assert len(found) == 1, f"{texts} link to {found}"
    return found.pop()


def test_putin_forms_are_one_node(seed_build):
    putin = the_node(seed_build, "Putin", "Vladimir Putin")
    text = seed_text("002_3f6abac00ed53627.txt")
    start = text.index("Presiden Putin") + len("Presiden ")
    linked = [lk for lk in seed_build.mentions if lk.mention.doc == "002_3f6abac00ed53627.txt"
              and lk.mention.start <= start < lk.mention.end]
    assert [lk.entity for lk in linked] == [putin]
    assert seed_build.graph.nodes[putin]["label"] == "Vladimir Putin"


def test_kim_is_kim_jong_un_everywhere_and_other_kims_stay_apart(seed_build):
    kim = the_node(seed_build, "Kim Jong Un")
    for doc in DOCS:
        assert entities_of(seed_build, "Kim", doc) == {kim}, doc
    others = {the_node(seed_build, "Kim Jong Il"), the_node(seed_build, "Duyeon Kim"),
              the_node(seed_build, "Lapangan Kim Il Sung")}
    assert len(others) == 3 and kim not in others
    square = the_node(seed_build, "Lapangan Kim Il Sung")
    assert seed_build.graph.nodes[square]["type"] in ("LOC", "GPE")


@pytest.mark.parametrize("forms", [
    ("Easley", "Leif-Eric Easley"), ("Zinberg", "Yakov Zinberg"), ("Lankov", "Andrei Lankov"),
    ("Ushakov", "Yuri Ushakov"), ("ICC", "Pengadilan Kriminal Internasional"),
    ("Kosmodrom Vostochny", "Kosmodrom Vostochy"), ("Kyiv", "Kiev"), ("Tiongkok", "Cina"),
    ("AS", "Amerika Serikat"), ("Universitas Ewha", "Ewha Womans University"),
    ("DK PBB", "Dewan Keamanan PBB"),
])
def test_forms_merge(seed_build, forms):
    the_node(seed_build, *forms)


@pytest.mark.parametrize(("phrase", "expected"), [
    ("AS-Korea Selatan-Jepang", ["AS", "Korea Selatan", "Jepang"]),
    ("Korea Utara-Rusia", ["Korea Utara", "Rusia"]),
    ("Putin-Kim", ["Putin", "Kim"]),
])
def test_hyphenated_compounds(seed_build, phrase, expected):
    for doc in DOCS:
        text = seed_text(doc)
        for match in re.finditer(re.escape(phrase), text):
            inside = sorted((lk.mention.start, lk.mention.text) for lk in seed_build.mentions
                            if lk.mention.doc == doc and match.start() <= lk.mention.start
                            < match.end())
            assert [t for _, t in inside] == expected, (doc, phrase)


CHROME = ["Foto/AP", "Sputnik/Reuters", "READ ", "Halaman :", "Follow", "Berita Terkait",
          "Video Rekomendasi", "Dapatkan berita terkini", "Pilihan Editor", "Temukan Berita"]
NOT_NODES = ["SINDOnews", "Review Bekasi", "INDONESIA", "Israel", "Gaza", "Su-35", "KBRI Kairo",
             "Foto", "AP", "Sputnik", "Reuters", "REUTERS", "CNN", "Dawud"]


def test_site_chrome_makes_no_mentions(seed_build):
    for doc in DOCS:
        text = seed_text(doc)
        for line in re.finditer(r"[^\n]+", text):
            if any(line.group().lstrip().startswith(c) for c in CHROME):
                assert not [lk for lk in seed_build.mentions if lk.mention.doc == doc
                            and line.start() <= lk.mention.start < line.end()], line.group()
    surfaces = {lk.mention.text for lk in seed_build.mentions}
    labels = {d["label"] for _, d in seed_build.graph.nodes(data=True)}
    for name in NOT_NODES:
        assert name not in surfaces and name not in labels, name


def test_mention_offsets_point_into_the_documents(seed_build):
    for link in seed_build.mentions:
        assert seed_text(link.mention.doc)[link.mention.start:link.mention.end] == \
            link.mention.text


def test_every_mention_links_to_a_node_and_edges_count_windows(seed_build):
    graph = seed_build.graph
    assert all(lk.entity in graph for lk in seed_build.mentions)
    for a, b, data in graph.edges(data=True):
        assert a != b and data["weight"] >= 1 and len(data["sentences"]) == data["weight"]
        assert -1.0 <= data["npmi"] <= 1.0
    assert sum(d["mentions"] for _, d in graph.nodes(data=True)) == len(seed_build.mentions)
