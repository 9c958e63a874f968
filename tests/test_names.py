from graphkit.link.names import is_acronym, normalize_name, slugify, strip_titles


def test_normalize_folds_case_accents_quotes_and_hyphens():
    assert normalize_name("Kim Jong-un") == normalize_name("KIM JONG UN") == "kim jong un"
    assert normalize_name("Erdoğan") == "erdogan"
    assert normalize_name("King’s College") == normalize_name("King's College")
    assert normalize_name("Kim Jong - un") == "kim jong un"


def test_strip_titles_keeps_the_name():
    assert strip_titles("Presiden Putin") == "Putin"
    assert strip_titles("profesor Leif-Eric Easley") == "Leif-Eric Easley"
    assert strip_titles("Menteri Luar Negeri Retno Marsudi") == "Retno Marsudi"
    assert strip_titles("Presiden") == "Presiden"  # a lone title is left for callers to judge


def test_acronyms_and_slugs():
    assert is_acronym("DK PBB") and is_acronym("G7") and not is_acronym("Putin")
    assert slugify("Leif-Eric Easley") == "leif-eric-easley"
    assert slugify("Erdoğan") == "erdogan"
