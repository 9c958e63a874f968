"""Linking rules on small inline corpora with a tiny knowledge base."""

import pytest

from graphkit.link.kb import load_kb
from graphkit.link.linker import link_mentions
from graphkit.ner.pipeline import extract, load_pipeline
from graphkit.types import Document

KB_CSV = """id,type,label,names_id,names_en,abbrev,weak,context,note
person:kim-jong-un,PERSON,Kim Jong Un,Kim Jong Un|Kim Jong-un,,,Kim,,
person:kim-jong-il,PERSON,Kim Jong Il,Kim Jong Il,,,Kim,,
person:vladimir-putin,PERSON,Vladimir Putin,,,Putin,,,
country:ir,GPE,Iran,Iran,,,,,
country:iq,GPE,Irak,Irak,Iraq,,,,
country:at,GPE,Austria,Austria,,,,,
country:au,GPE,Australia,Australia,,,,,
country:ge,GPE,Georgia,,,,Georgia,Tbilisi,
state:us-ga,GPE,Georgia (AS),,,,Georgia,Atlanta,
org:icc,ORG,Pengadilan Kriminal Internasional,,International Criminal Court,ICC,,,
place:vostochny,LOC,Kosmodrom Vostochny,Kosmodrom Vostochny,Vostochny Cosmodrome,,,,
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("kb") / "tiny.csv"
    path.write_text(KB_CSV, encoding="utf-8")
    kb = load_kb([path], bundled=False)
    return kb, load_pipeline("blank", kb=kb)


def link(tiny, **texts):
    kb, nlp = tiny
    extractions = list(extract([Document(k, v) for k, v in texts.items()], nlp))
    linking = link_mentions(extractions, kb)
    links = {(lk.mention.doc, lk.mention.text): (lk.entity, lk.how) for lk in linking.mentions}
    return links, linking


def test_short_forms_resolve_within_the_document(tiny):
    links, _ = link(tiny, a="Leif-Eric Easley, profesor di Seoul, berbicara. Easley menambahkan.")
    assert links[("a", "Easley")] == (links[("a", "Leif-Eric Easley")][0], "short-form")


def test_kim_goes_to_the_best_supported_kim_in_its_document_and_nowhere_elsewhere(tiny):
    # issue 26: across documents a short form links only when the corpus holds exactly one
    # fitting full name; here three people are called Kim, so b's Kim stays apart
    links, linking = link(tiny,
                          a="Kim Jong Un bertemu Putin. Kim Jong Un dan Kim berbicara. Ayahnya, "
                            "Kim Jong Il, wafat. Analis Duyeon Kim berkata.",
                          b="Kim tiba di Moskow.")
    assert links[("a", "Kim")][0] == "person:kim-jong-un"
    assert links[("b", "Kim")] == ("new:kim", "new")
    (b_kim,) = [lk for lk in linking.mentions if lk.mention.doc == "b" and lk.mention.text == "Kim"]
    assert b_kim.alternative == "Duyeon Kim | Kim Jong Il | Kim Jong Un"
    assert links[("a", "Kim Jong Il")][0] == "person:kim-jong-il"
    assert links[("a", "Duyeon Kim")][0] == "new:duyeon-kim"


def test_acronym_defined_in_text(tiny):
    links, _ = link(tiny, a="Badan Energi Atom Internasional (IAEA) memeriksa. IAEA menolak.",
                    b="Laporan IAEA terbit.")
    target = links[("a", "Badan Energi Atom Internasional")][0]
    assert links[("a", "IAEA")] == (target, "acronym")
    assert links[("b", "IAEA")] == (target, "acronym-elsewhere")  # a guess: doubtful


def test_guarded_fuzzy_matching(tiny):
    links, _ = link(tiny, a="Kim mengunjungi Kosmodrom Vostochy tahun lalu.",
                    b="Iran dan Irak, Austria dan Australia bertemu.")
    assert links[("a", "Kosmodrom Vostochy")] == ("place:vostochny", "fuzzy")
    assert len({links[("b", n)][0] for n in ("Iran", "Irak", "Austria", "Australia")}) == 4


def test_a_long_one_word_place_name_may_be_misspelt_a_persons_never(tiny):
    # the product's example: a bare 'Vostochy' is the cosmodrome (the seeds have it after
    # 'Kosmodrom'); one-word people one letter apart stay apart ('Suharyo', 'Suharto')
    links, _ = link(tiny, a="Kim mengunjungi Kosmodrom Vostochny. Vostochny ada di timur.",
                    b="Pertemuan di Vostochy berlangsung lima jam.")
    assert links[("b", "Vostochy")] == (links[("a", "Vostochny")][0], "fuzzy")


def test_ambiguous_names_use_context_or_stay_apart(tiny):
    links, _ = link(tiny, a="Georgia dan Rusia berperang dekat Tbilisi.",
                    b="Gubernur Georgia tiba di Atlanta.", c="Georgia menang.")
    assert links[("a", "Georgia")][0] == "country:ge"
    assert links[("b", "Georgia")][0] == "state:us-ga"
    assert links[("c", "Georgia")][0].startswith("new:")


def test_unknown_entities_merge_across_documents_by_normalised_name(tiny):
    links, linking = link(tiny, a="Mason Richey berbicara.", b="MASON RICHEY juga berbicara.")
    assert links[("a", "Mason Richey")][0] == "new:mason-richey"
    assert linking.entities["new:mason-richey"].type == "PERSON"


def test_distinct_people_never_merge_through_a_shared_surname(tiny):
    links, _ = link(tiny, a="Duyeon Kim dan Kim Jong Un.", b="Kim Jong Il wafat.")
    assert len({links[("a", "Duyeon Kim")][0], links[("a", "Kim Jong Un")][0],
                links[("b", "Kim Jong Il")][0]}) == 3


def test_names_inside_longer_names_with_the_bundled_kb(bundled_links):
    links = bundled_links(a="Trump bermain golf di Trump National Golf Club di New Jersey.",
                    b="Partai Britain First menggelar unjuk rasa di London.",
                    c="Anak-anak di Lapangan Kim Il Sung menyambut Putin.")
    assert links[("a", "Trump")] == "person:donald-trump"
    assert links[("a", "Trump National Golf Club")].startswith("new:")
    assert ("b", "Britain") not in links and ("b", "Partai Britain First") in links
    assert ("c", "Kim Il Sung") not in links and ("c", "Lapangan Kim Il Sung") in links


def test_ambiguous_names_with_the_bundled_kb(bundled_links):
    links = bundled_links(a="Pejabat di Washington mengatakan Gedung Putih menolak usulan itu.",
                    b="Georgia dan Rusia berperang pada 2008 di dekat Tbilisi.",
                    c="Perdana Menteri Inggris Theresa May bertemu Uni Eropa. May menolak.",
                    d="Retno Marsudi tiba di Jakarta. Retno lalu bertemu Wang Yi.")
    assert links[("a", "Washington")] == "city:washington"
    assert links[("b", "Georgia")] == "country:ge"
    assert links[("c", "May")] == links[("c", "Theresa May")] == "person:theresa-may"
    assert links[("d", "Retno")] == links[("d", "Retno Marsudi")]


def test_fuzzy_index_finds_every_name_one_typo_apart():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from graphkit.link.fuzzy import FuzzyIndex as _FuzzyIndex
    from graphkit.link.fuzzy import one_typo_apart as _one_typo_apart

    words = st.text(alphabet="abcdeiknorstu", min_size=5, max_size=9)
    names = st.lists(st.tuples(words) | st.tuples(words, words) | st.tuples(words, words, words),
                     min_size=1, max_size=30)

    @settings(max_examples=300, deadline=None)
    @given(names, st.data())
    def check(known, data):
        index = _FuzzyIndex()
        for n, tokens in enumerate(known):
            index.add(tokens, f"t{n}")
        queries = list(known)
        for tokens in known:  # a one-edit typo in one word of each known name
            i = data.draw(st.integers(0, len(tokens) - 1))
            word = tokens[i]
            j = data.draw(st.integers(1, len(word) - 1))
            letter = data.draw(st.sampled_from("abcdeiknorstu"))
            typo = data.draw(st.sampled_from([word[:j] + letter + word[j + 1:],
                                              word[:j] + letter + word[j:],
                                              word[:j] + word[j + 1:]]))
            queries.append(tokens[:i] + (typo,) + tokens[i + 1:])
        for query in queries:
            expected = {k for k in known if k != query and _one_typo_apart(query, k)}
            assert expected <= set(index.near(query))

    check()


def test_short_form_candidates_include_every_name_a_mention_abbreviates():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from graphkit.link.records import Record as _Record
    from graphkit.link.shortforms import LongerNames as _LongerNames
    from graphkit.link.shortforms import abbreviates as _abbreviates
    from graphkit.types import Mention

    words = st.sampled_from(["kim", "jong", "un", "putin", "vladimir", "dewan", "pbb"])
    names = st.lists(words, min_size=1, max_size=4).map(tuple)

    def record(tokens):
        text = " ".join(tokens)
        return _Record(Mention("d", 0, len(text), text, "PERSON", 0, "model"), text, tokens, "t")

    @settings(max_examples=300, deadline=None)
    @given(st.lists(names, max_size=12), names)
    def check(known, short):
        mention = record(short)
        longer = [record(tokens) for tokens in known if len(tokens) > len(short)]
        expected = [r for r in longer if _abbreviates(mention, r, "PERSON")]
        found = _LongerNames(longer).sharing_ends(mention)
        assert [r for r in found if r in expected] == expected  # all of them, in order
        assert found == [r for r in longer if r in found]  # in the document's order

    check()
