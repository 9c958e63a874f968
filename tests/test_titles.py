"""Titles, offices and ranks are stripped from people's names; given names that are also
titles stay (issue 26), on names from Indonesian political news."""

import pytest

from graphkit.link.names import name_key, strip_titles


@pytest.mark.parametrize(("text", "key"), [
    ("Irjen Firli Bahuri", "firli bahuri"),
    ("Irjen Pol Firli Bahuri", "firli bahuri"),
    ("Inspektur Jenderal Firli Bahuri", "firli bahuri"),
    ("Komjen Pol Listyo Sigit Prabowo", "listyo sigit prabowo"),
    ("Kapolri Jenderal Tito Karnavian", "tito karnavian"),
    ("AKBP Dony Alexander", "dony alexander"),
    ("Kombes Argo Yuwono", "argo yuwono"),
    ("Menpora Imam Nahrawi", "imam nahrawi"),
    ("Menkumham Yasonna Laoly", "yasonna laoly"),
    ("Jaksa Agung HM Prasetyo", "hm prasetyo"),
    ("Jaksa Agung Muda Arminsyah", "arminsyah"),
    ("Irjen Pol Agung Budi Maryoto", "agung budi maryoto"),
    ("Ketua Umum Agung Laksono", "agung laksono"),
    ("Marsekal Madya (Purn) Daryatmo", "daryatmo"),
    ("Ketua Umum Megawati Soekarnoputri", "megawati soekarnoputri"),
    ("KH Ma'ruf Amin", "ma'ruf amin"),
])
def test_titles_offices_and_ranks_are_stripped(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize("name", ["Imam Nahrawi", "Ratu Atut Chosiyah", "Putri Candrawathi",
                                  "Sri Sultan Hamengku Buwono X", "Sultan Hamengku Buwono X",
                                  "Haji Lulung", "Raja Juli Antoni"])
def test_given_names_that_are_also_titles_stay(name):
    assert strip_titles(name) == name


def test_a_rank_after_a_police_unit_is_not_glued_to_it(rules_nlp):
    doc = rules_nlp("Kasus itu ditangani Kepolisian Resor Metro Jakarta Selatan Komisaris "
                    "Besar Bastoni Purnama.")
    assert "Kepolisian Resor Metro Jakarta Selatan Komisaris" not in [e.text for e in doc.ents]
