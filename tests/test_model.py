"""The shipped Indonesian NER model loads by default and finds obvious names."""

import pytest

import graphkit
from graphkit.ner.config import resolve_model, shipped_model_path

pytestmark = pytest.mark.skipif(not (shipped_model_path() / "config.cfg").is_file(),
                                reason="no shipped model in this checkout")


def test_the_shipped_model_is_the_default():
    assert resolve_model(None) == str(shipped_model_path())
    nlp = graphkit.load_pipeline(with_kb=False, propose=False)
    assert {"tok2vec", "ner"} <= set(nlp.pipe_names)
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "LOC"}


def test_loading_the_model_keeps_the_cyclic_gc_paused_during_a_build():
    # srsly's msgpack reader calls gc.enable(): a one-process build loads the model after
    # pausing the GC, and its linking and counting ran ~30% slower with it back on.
    import gc

    gc.disable()
    try:
        graphkit.load_pipeline(with_kb=False, propose=False)
        assert not gc.isenabled()
    finally:
        gc.enable()
    graphkit.load_pipeline(with_kb=False, propose=False)
    assert gc.isenabled()


def test_the_shipped_tokenizer_is_the_one_graphkit_builds_from_the_config():
    # load_pipeline skips reading the shipped model's tokenizer from disk (it is spaCy's
    # default Indonesian one) and builds it from the config with the glued-punctuation
    # patterns: a retrained model with another tokenizer must fail here.
    import spacy

    from graphkit.ner.tokenizer import GLUED_TOKENIZER_CONFIG

    from_disk = spacy.load(shipped_model_path())
    loaded = graphkit.load_pipeline(with_kb=False, propose=False)
    for tokenizer, same_as in ((from_disk.tokenizer, spacy.blank("id").tokenizer),
                               (loaded.tokenizer,
                                spacy.blank("id", config=GLUED_TOKENIZER_CONFIG).tokenizer)):
        assert tokenizer.to_bytes(exclude=["vocab"]) == same_as.to_bytes(exclude=["vocab"])
    text = "Leif-Eric Easley: AS-Korea Selatan-Jepang, Rp 1.500.000 (5/6/2024)."
    assert [t.text for t in loaded(text)] == [t.text for t in from_disk(text)]


def test_the_model_finds_a_name_behind_glued_punctuation_with_original_offsets():
    from graphkit.corpus import Document
    from graphkit.ner.pipeline import extract

    text = ("Hal ini akan ia konfliknya dengan pihak agensi terselesaikan.,,,,,Daniel diketahui "
            "mengganti nomor telepon yang biasa ia gunakan.,Messi mengungkapkan bahwa ia "
            "pasrah.\nPelatih berlisensi A AFC ini merupakan pelatih Persija U-20.,Sementara "
            "Ismed Sofyan yang ditunjuk sebagai asisten juga sudah sangat mengenal Persija.")
    nlp = graphkit.load_pipeline(with_kb=False, propose=False)
    (result,) = list(extract([Document("d", text)], nlp))
    found = [(m.text, m.type, text[m.start:m.end]) for m in result.mentions]
    assert ("Daniel", "PERSON", "Daniel") in found and ("Messi", "PERSON", "Messi") in found
    assert ("Ismed Sofyan", "PERSON", "Ismed Sofyan") in found
    assert not any("," in name or "Sementara" in name for name, _, _ in found), found


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Menteri Luar Negeri Retno Marsudi bertemu dengan Wang Yi di Beijing.",
     "Retno Marsudi", "PERSON"),
    ("Mason Richey, seorang profesor di Hankuk University of Foreign Studies, berbicara.",
     "Mason Richey", "PERSON"),
    ("Para peneliti dari Universitas Gadjah Mada menerbitkan laporan itu.",
     "Universitas Gadjah Mada", "ORG"),
    # the model's 'Kabupaten Bandung' (LOC) is the regency Bandung, a GPE (graphkit.ner.bounds)
    ("Banjir besar melanda Kabupaten Bandung pada Selasa pagi.", "Bandung", "GPE"),
])
def test_the_model_alone_finds_obvious_names(text, name, label):
    nlp = graphkit.load_pipeline(with_kb=False, propose=False)  # no knowledge base, no rules
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert any(name in t and lab == label for t, lab in found), found
