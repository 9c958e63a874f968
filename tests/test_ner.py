"""NER stage with spaCy's blank Indonesian tokenizer plus rules (no trained model)."""

import pytest

from graphkit.corpus import Document
from graphkit.ner.pipeline import extract


def ents(nlp, text):
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_hyphenated_compounds_are_separate_mentions(rules_nlp):
    assert [t for t, _ in ents(rules_nlp, "aliansi keamanan AS-Korea Selatan-Jepang di Asia")] \
        == ["AS", "Korea Selatan", "Jepang", "Asia"]
    assert [t for t, _ in ents(rules_nlp, "hubungan Korea Utara-Rusia terutama")] == [
        "Korea Utara", "Rusia"]
    assert [t for t, _ in ents(rules_nlp, "visi hubungan internasional Putin-Kim gagal.")] == [
        "Putin", "Kim"]


def test_titles_days_and_months_do_not_become_names(rules_nlp):
    found = ents(rules_nlp, "Pada hari Senin, Presiden Vladimir Putin bertemu profesor "
                            "Mason Richey pada September lalu.")
    texts = [t for t, _ in found]
    assert "Vladimir Putin" in texts and "Mason Richey" in texts
    assert not any(w in t for t in texts for w in ("Senin", "Presiden", "profesor", "September",
                                                   "Pada"))


def test_sentence_initial_function_words_are_not_names(rules_nlp):
    texts = [t for t, _ in ents(rules_nlp, "Namun Kunjungan Putin merupakan balasan. "
                                           "Dalam sebuah latihan, Lim Eunjung berbicara.")]
    assert texts == ["Putin", "Lim Eunjung"]


def test_longer_names_contain_no_mention_of_their_own(rules_nlp):
    assert ents(rules_nlp, "anak-anak di Lapangan Kim Il Sung tersenyum")[0][0] == \
        "Lapangan Kim Il Sung"
    assert ents(rules_nlp, "profesor di Hankuk University of Foreign Studies di Seoul")[0] == (
        "Hankuk University of Foreign Studies", "ORG")


def test_extract_keeps_offsets_and_sentences(rules_nlp):
    text = "Judul: Putin di Seoul\n\nFoto/AP\nKim tiba. Putin menyambut Kim.\n"
    doc = Document("d", text)
    (result,) = list(extract([doc], rules_nlp))
    assert [s.text for s in result.sentences] == ["Judul: Putin di Seoul", "Kim tiba.",
                                                  "Putin menyambut Kim."]
    for mention in result.mentions:
        assert text[mention.start:mention.end] == mention.text
    assert [(m.text, m.sentence) for m in result.mentions] == [
        ("Putin", 0), ("Seoul", 0), ("Kim", 1), ("Putin", 2), ("Kim", 2)]


def test_extract_streams_documents_without_content(rules_nlp):
    docs = [Document("a", "Foto/AP"), Document("b", "Putin tiba."), Document("c", "")]
    results = list(extract(docs, rules_nlp))
    assert [r.doc.id for r in results] == ["a", "b", "c"]
    assert [len(r.mentions) for r in results] == [0, 1, 0]


def test_unknown_model_is_a_clear_error():
    from graphkit.errors import ModelError
    from graphkit.ner.pipeline import load_pipeline

    with pytest.raises(ModelError, match="cannot load spaCy pipeline 'no_such_model'"):
        load_pipeline("no_such_model")


def test_any_spacy_pipeline_can_be_the_model(tmp_path):
    """--model takes a path or name of any installed spaCy pipeline, e.g. an English one;
    its labels are mapped onto the contract's types (GPE stays GPE, NORP becomes MISC)."""
    import spacy

    from graphkit.ner.pipeline import load_pipeline

    english = spacy.blank("en")
    ruler = english.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Joe Biden"},
                        {"label": "GPE", "pattern": "Ohio"},
                        {"label": "NORP", "pattern": "Americans"}])
    # (an entity ruler stands in for a trained English NER, which cannot be installed here)
    english.to_disk(tmp_path / "en_tiny")
    nlp = load_pipeline(str(tmp_path / "en_tiny"), with_kb=False, propose=False)
    assert [(e.text, e.label_) for e in nlp("Joe Biden met Americans in Ohio.").ents] == [
        ("Joe Biden", "PERSON"), ("Americans", "MISC"), ("Ohio", "GPE")]


def test_entities_carry_their_type_and_source(rules_nlp):
    doc = rules_nlp("Presiden Vladimir Putin tiba di Pyongyang bersama Mason Richey.")
    found = {(e.text, e.label_, e.id_, e.kb_id_) for e in doc.ents}  # id_: the source
    assert ("Vladimir Putin", "PERSON", "kb", "person:vladimir-putin") in found
    assert ("Mason Richey", "PERSON", "rule", "") in found
    assert [t.ent_iob_ for t in doc[:2]] == ["O", "B"]  # the rest of the doc is outside


def test_every_bundled_name_is_tokenised_as_graphkits_tokenizer_does(kb):
    # the names go through a tokenizer without special cases unless a word needs one
    # ('Anak-anak'), so that graphkit's own tokenizer keeps a small, fast cache
    import spacy

    from graphkit.ner.spans import _name_tokenizer
    from graphkit.ner.tokenizer import GLUED_TOKENIZER_CONFIG

    tokenizer = spacy.blank("id", config=GLUED_TOKENIZER_CONFIG).tokenizer
    tokenize = _name_tokenizer(tokenizer)
    names = sorted({text for text, _, _ in kb.surface_forms()})
    assert len(names) > 10_000
    differ = [n for n in names if [t.text for t in tokenize(n)] != [t.text for t in tokenizer(n)]]
    assert differ == []
    assert [t.text for t in tokenize("Dana Anak-anak PBB")] == [
        t.text for t in tokenizer("Dana Anak-anak PBB")]


def test_another_kind_of_tokenizer_tokenises_the_names_itself():
    from graphkit.ner.spans import _name_tokenizer

    seen = []

    def custom(text):
        seen.append(text)
        return text

    assert _name_tokenizer(custom)("Kim Jong Un") == "Kim Jong Un" and seen == ["Kim Jong Un"]


def test_a_known_name_that_is_a_common_word_opening_a_sentence_is_the_word(rules_nlp):
    # 'Antara' is a news agency in the knowledge base and the word 'between'.
    assert "Antara" not in [t for t, _ in ents(rules_nlp, "Antara dua negara itu ada jarak.")]
    assert "Antara" not in [t for t, _ in ents(rules_nlp, '" Antara kita tidak ada masalah.')]
    assert ("Antara", "ORG") in ents(rules_nlp, "Hal itu dilaporkan kantor berita Antara.")


def test_the_sentence_opening_check_finds_the_first_word_of_each_sentence(rules_nlp):
    from graphkit.ner.spans import _is_capitalised_word

    doc = rules_nlp.make_doc('" Antara kita ." Antara mereka , Antara ANTARA .')
    for _, component in rules_nlp.pipeline:
        if not hasattr(component, "matcher"):
            doc = component(doc)
    expected = [token.is_alpha and not token.is_upper and token.lower_ == "antara"
                and token == next(t for t in token.sent if t.is_alpha) for token in doc]
    assert [_is_capitalised_word(t) for t in doc] == expected
    assert sum(expected) == 2  # the first word of both sentences, not the third 'Antara'


@pytest.fixture(scope="module")
def ruled_model_nlp(tmp_path_factory, kb):
    """The full pipeline around a stand-in model: a blank Indonesian pipeline whose "ner"
    is an entity ruler giving the spans the shipped model gives on these sentences."""
    import spacy

    from graphkit.ner.pipeline import load_pipeline

    stand_in = spacy.blank("id")
    ruler = stand_in.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns([{"label": label, "pattern": text} for text, label in [
        ("Kementerian Dalam Negeri", "ORG"), ("Sri Sultan Hamengku Buwono X", "PERSON"),
        ("Bibit Samad Riyanto", "PERSON"), ("Imam Nahrawi", "PERSON"),
        ("Lukman Hakim Syaifuddin", "PERSON"), ("Widodo AS", "PERSON"),
        ("Partai Keadilan dan Persatuan Indonesia", "ORG"), ("Nasib Muslim Rohingya", "ORG"),
        ("Hamas Palestina", "ORG"), ("Penelitian Ilmiah Suriah", "ORG"),
        ("Bandara Vnukovo Moskow", "LOC"), ("Alibaba Group", "PERSON"),
        ("Bandar Udara Wamena", "LOC"), ("SMAN 4 Kendari", "ORG"),
        ("Faktor", "PERSON")]])
    path = tmp_path_factory.mktemp("stand_in") / "model"
    stand_in.to_disk(path)
    return load_pipeline(str(path), kb=kb)


@pytest.mark.parametrize("text, name", [
    ("Tjahjo Kumolo memimpin Kementerian Dalam Negeri sejak 2014 .", "Kementerian Dalam Negeri"),
    ("Gubernur DIY Sri Sultan Hamengku Buwono X membuka acara itu .",
     "Sri Sultan Hamengku Buwono X"),
    ("Mantan pimpinan KPK Bibit Samad Riyanto hadir di sidang .", "Bibit Samad Riyanto"),
    ("Menpora Imam Nahrawi diperiksa KPK .", "Imam Nahrawi"),
    ("Ketua DPP Lukman Hakim Syaifuddin berbicara .", "Lukman Hakim Syaifuddin"),
    # a place named by its city: heads and ordinary words or a number before it (NERGRIT)
    ("Pesawat itu mendarat di Bandar Udara Wamena , Papua .", "Bandar Udara Wamena"),
    ("Ia bersekolah di SMAN 4 Kendari selama tiga tahun .", "SMAN 4 Kendari"),
])
def test_trimming_never_cuts_a_word_of_the_name(ruled_model_nlp, text, name):
    assert name in [t for t, _ in ents(ruled_model_nlp, text)]


def test_an_ordinary_word_opening_a_sentence_or_after_a_lowercase_word_is_still_trimmed(
        ruled_model_nlp):
    assert ents(ruled_model_nlp, "Nasib Muslim Rohingya makin buruk .")[0][0] == \
        "Muslim Rohingya"
    assert "Penelitian Ilmiah" not in [t for t, _ in ents(
        ruled_model_nlp, "Ia memimpin Pusat Studi dan Penelitian Ilmiah Suriah .")]
    assert ents(ruled_model_nlp, "Pesawat mendarat di Bandara Vnukovo Moskow .")[0][0] == \
        "Bandara Vnukovo"


def test_the_knowledge_base_does_not_split_a_longer_name_the_model_found(ruled_model_nlp):
    assert ents(ruled_model_nlp, "Menkopolkam Widodo AS mengatakan situasi aman .") == [
        ("Widodo AS", "PERSON")]
    assert ("Partai Keadilan dan Persatuan Indonesia", "ORG") in ents(
        ruled_model_nlp, "Ketua umum Partai Keadilan dan Persatuan Indonesia Sutiyoso mendaftar .")
    # names of two known places joined by a hyphen are still two mentions, and so is an
    # organisation followed by its country
    assert [t for t, _ in ents(ruled_model_nlp, "hubungan Korea Utara-Rusia terutama")] == [
        "Korea Utara", "Rusia"]
    assert [t for t, _ in ents(ruled_model_nlp, "Turki mendukung Hamas Palestina .")] == [
        "Turki", "Hamas", "Palestina"]


def test_builds_share_one_pipeline_per_model_knowledge_base_rules_and_fast_path(kb,
                                                                             monkeypatch):
    import dataclasses

    import graphkit.engines.work as work
    from graphkit.ner.config import NerConfig

    loaded = []

    def load(config):
        loaded.append(config)
        return object()

    monkeypatch.setattr(work, "load_ner", load)
    monkeypatch.setattr(work, "_SHARED", {})
    config = NerConfig(model="blank", kb=kb, fast_path=True)
    first = work.shared_ner(config)
    assert work.shared_ner(dataclasses.replace(config, batch_size=8)) is first
    assert len(loaded) == 1
    other_kb = dataclasses.replace(kb, version="another")
    assert work.shared_ner(dataclasses.replace(config, kb=other_kb)) is not first
    assert work.shared_ner(dataclasses.replace(config, fast_path=False)) is not first
    assert len(loaded) == 3 and len(work._SHARED) == 2  # the oldest one was let go
    assert work.shared_ner(config) is not first


def test_two_builds_in_one_process_give_the_same_bytes(tmp_path):
    from conftest import SEEDS

    import graphkit

    for name in ("a", "b"):
        graphkit.build(SEEDS, out=tmp_path / name, model="blank", store=False)
    for path in sorted((tmp_path / "a").iterdir()):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


@pytest.mark.parametrize("text", [
    "Netizen menyebut dia mirip dengan bintang K-Pop yang lagi hits saat ini .",
    "Partai Golkar menerima kekalahan pasangan itu ( Irianto-Tatang ) dalam Pemilu .",
])
def test_with_a_model_one_hyphenated_word_is_not_a_missed_name(ruled_model_nlp, text):
    # with a model, the name rules add only names of two words or more the model missed
    assert [t for t, _ in ents(ruled_model_nlp, text) if "-" in t] == []


def test_with_a_model_a_missed_name_in_quotes_is_a_title_not_a_person(ruled_model_nlp):
    found = ents(ruled_model_nlp, "J-Hope merilis lagu berjudul ''Chicken Noodle Soup'' "
                                  "bersama Becky G .")
    assert ("Chicken Noodle Soup", "PERSON") not in found


def test_with_a_model_a_known_place_glued_before_a_missed_person_is_its_own_name(
        ruled_model_nlp):
    found = ents(ruled_model_nlp, "Bintang Barcelona Lionel Messi belum akan melakukan debut .")
    assert ("Lionel Messi", "PERSON") in found
    assert "Barcelona Lionel Messi" not in [t for t, _ in found]


def test_a_person_the_model_found_ending_in_an_organisation_noun_is_an_organisation(
        ruled_model_nlp):
    found = ents(ruled_model_nlp, "Ma tidak akan sepenuhnya meninggalkan Alibaba Group .")
    assert found == [("Alibaba Group", "ORG")]


def test_an_ordinary_word_the_model_found_opening_a_sentence_is_the_word(ruled_model_nlp):
    text = "Faktor penggerak pasar pekan ini adalah meredanya perang dagang ."
    assert ents(ruled_model_nlp, text) == []


# CLICK-ID joins an article's paragraphs with ',,' and no space, and scraped text glues
# sentences ('U-20.,Sementara'); spaCy's default Indonesian tokenizer keeps the
# punctuation on the next word (',,,,,Daniel', '.,Messi', '20.,Sementara').
@pytest.mark.parametrize("text, tokens", [
    ("merupakan pelatih Persija U-20.,Sementara Ismed Sofyan",
     ["merupakan", "pelatih", "Persija", "U", "-", "20", ".,", "Sementara", "Ismed", "Sofyan"]),
    ("pihak agensi terselesaikan.,,,,,Daniel diketahui",
     ["pihak", "agensi", "terselesaikan", ".", ",,,,,", "Daniel", "diketahui"]),
    ("Sabtu (26/10/2019).,Messi mengungkapkan",
     ["Sabtu", "(", "26", "/", "10", "/", "2019", ")", ".,", "Messi", "mengungkapkan"]),
    ("20th Century Fox,,Adipati Dolken", ["20th", "Century", "Fox", ",,", "Adipati", "Dolken"]),
    ('jelas dia.",Budi mengatakan', ["jelas", "dia", ".", '"', ",", "Budi", "mengatakan"]),
    ("naik 5%.,Sementara itu", ["naik", "5%", ".,", "Sementara", "itu"]),
])
def test_punctuation_glued_before_a_capital_is_its_own_token(rules_nlp, text, tokens):
    assert [t.text for t in rules_nlp(text)] == tokens


@pytest.mark.parametrize("text", [
    "harga Rp1,5 juta per kilogram", "nilai pi 3,14 kira-kira", "novel J.K. Rowling terbit",
    "pemain timnas U-20 itu", "dikutip dari detik.com, Senin", "Presiden A.S. Joe Biden",
    "JAKARTA,Sindonews - Kapolri", "...Kemudian ia pergi", "Rp 1.500.000 (5/6/2024).",
    "Leif-Eric Easley: AS-Korea Selatan-Jepang, Rp 1.500.000 (5/6/2024).",
    "kata dia. Sementara itu, Messi", "Yahoo!Inc dan Dr.Ir. Budi", "pukul 10.30 WIB,tiba",
])
def test_ordinary_text_tokenises_as_with_spacy_default_tokenizer(rules_nlp, text):
    import spacy

    assert [t.text for t in rules_nlp(text)] == [t.text for t in spacy.blank("id")(text)]


def test_a_glued_name_is_found_with_offsets_into_the_original_text(rules_nlp):
    text = ("Hal ini akan ia konfliknya dengan pihak agensi terselesaikan.,,,,,Da\u200bniel "
            "diketahui mengganti nomor telepon.,Mason Richey mengatakan")
    (result,) = list(extract([Document("d", text)], rules_nlp))
    spans = {(m.text, text[m.start:m.end]) for m in result.mentions}
    assert ("Da\u200bniel", "Da\u200bniel") in spans and ("Mason Richey", "Mason Richey") in spans
    assert not any("," in m.text or "." in m.text for m in result.mentions)


def test_a_model_name_ends_before_punctuation_glued_to_the_next_word(tmp_path, kb):
    import spacy

    from graphkit.ner.pipeline import load_pipeline
    from graphkit.ner.tokenizer import GLUED_TOKENIZER_CONFIG

    stand_in = spacy.blank("id", config=GLUED_TOKENIZER_CONFIG)  # the shipped model's span
    stand_in.add_pipe("entity_ruler", name="ner").add_patterns(
        [{"label": "ORG", "pattern": "Persija U-20.,Sementara"}])
    stand_in.to_disk(tmp_path / "model")
    nlp = load_pipeline(str(tmp_path / "model"), kb=kb)
    text = ("pelatih berlisensi A AFC ini merupakan pelatih Persija U-20.,Sementara Ismed Sofyan "
            "yang ditunjuk sebagai asisten")
    assert ("Persija U-20", "ORG") in ents(nlp, text)  # as in '... Persija U-20. Sementara ...'
    # (an age group's number stays with its team: 'Timnas Indonesia U-16' was 'Timnas
    # Indonesia U' in 600 non-politics CLICK-ID articles)
    assert not any("Sementara" in name for name, _ in ents(nlp, text))
