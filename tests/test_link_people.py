"""Two different people are never merged (issue 26): short forms on real Indonesian news
sentences, linked from hand-placed mentions (what NER found is not the point here)."""

from graphkit.link.kb import KnowledgeBase
from graphkit.link.linker import link_mentions
from graphkit.link.records import document_node_id
from graphkit.types import Document, Extraction, Mention, Sentence


def extraction(doc: str, text: str, names: list[tuple[str, str]]) -> Extraction:
    """One document whose lines are sentences (the first line a headline when it has no
    full stop), with a mention of each (name, type) at its n-th occurrence in order."""
    sentences, mentions, offset = [], [], 0
    for index, line in enumerate(text.split("\n")):
        sentences.append(Sentence(index, offset, offset + len(line), index, line))
        offset += len(line) + 1
    searched_from = 0
    for name, kind in names:
        start = text.index(name, searched_from)
        searched_from = start + len(name)
        sentence = text.count("\n", 0, start)
        mentions.append(Mention(doc, start, start + len(name), name, kind, sentence, "model"))
    return Extraction(Document(doc, text), tuple(sentences), tuple(mentions))


def links(*extractions: Extraction) -> dict[tuple[str, str], tuple[str, str]]:
    return links_with(None, *extractions)


def links_with(kb: KnowledgeBase | None, *extractions: Extraction
               ) -> dict[tuple[str, str], tuple[str, str]]:
    linking = link_mentions(list(extractions), kb)
    return {(lk.mention.doc, lk.mention.text): (lk.entity, lk.how) for lk in linking.mentions}


def own_node(name: str, doc: str) -> tuple[str, str]:
    """The link of a person's one-word name no document spells out: a node of its own in
    its document (two documents' 'Bambang' may be two people)."""
    return document_node_id(name.casefold(), doc), "new"


BAPPENAS = extraction(
    "bappenas", "Menteri PPN/Kepala Bappenas Bambang Brodjonegoro menyebut ibu kota baru "
    "butuh Rp 466 triliun. Menurut Bambang, anggaran itu tidak semuanya dari APBN.",
    [("Bambang Brodjonegoro", "PERSON"), ("Bambang", "PERSON")])
SUSPECT = extraction(
    "suspect", "KPK menetapkan Bambang Irianto sebagai tersangka suap. Bambang Irianto "
    "adalah mantan Direktur Utama PT Pertamina Energy Services.",
    [("Bambang Irianto", "PERSON"), ("Bambang Irianto", "PERSON")])
ANOTHER = extraction(
    "another", "Bambang mengatakan pertumbuhan ekonomi kuartal ketiga akan membaik.",
    [("Bambang", "PERSON")])


def test_a_short_form_never_spelled_out_stays_apart_when_two_people_fit():
    # the old linker sent this Bambang to the corpus's most mentioned Bambang (Irianto)
    found = links(BAPPENAS, SUSPECT, ANOTHER)
    assert found[("another", "Bambang")] == own_node("Bambang", "another")
    assert found[("bappenas", "Bambang")] == (found[("bappenas", "Bambang Brodjonegoro")][0],
                                             "short-form")


def test_a_short_form_never_spelled_out_links_when_the_corpus_has_one_such_person():
    # ... and the two documents name someone else in common (here KPK); without that
    # (ANOTHER names no one) the bare name stays apart
    suspect = extraction(
        "suspect", "KPK menetapkan Bambang Irianto sebagai tersangka suap. Bambang Irianto "
        "adalah mantan Direktur Utama PT Pertamina Energy Services.",
        [("KPK", "ORG"), ("Bambang Irianto", "PERSON"), ("Bambang Irianto", "PERSON")])
    questioned = extraction("questioned", "KPK kembali memeriksa Bambang pekan ini.",
                            [("KPK", "ORG"), ("Bambang", "PERSON")])
    found = links(suspect, questioned, ANOTHER)
    assert found[("questioned", "Bambang")] == (found[("suspect", "Bambang Irianto")][0],
                                                "corpus-short-form")
    assert found[("another", "Bambang")][0] != found[("suspect", "Bambang Irianto")][0]


def test_a_middle_name_after_the_full_name_is_the_same_person_not_a_namesake():
    bibit = extraction(
        "bibit", "Mantan pimpinan KPK Bibit Samad Riyanto hadir di Istana. Samad mengatakan "
        "revisi UU KPK melemahkan lembaga itu.",
        [("Bibit Samad Riyanto", "PERSON"), ("Samad", "PERSON")])
    abraham = extraction(
        "abraham", "Abraham Samad menolak revisi UU KPK.", [("Abraham Samad", "PERSON")])
    found = links(bibit, abraham)
    assert found[("bibit", "Samad")] == (found[("bibit", "Bibit Samad Riyanto")][0],
                                         "short-form")


def test_a_headline_span_is_never_the_full_name_of_a_short_form():
    headline = extraction(
        "headline", "Jokowi Cari Pengganti Wiranto\nPresiden Joko Widodo mencari pengganti "
        "Menko Polhukam.", [("Jokowi Cari Pengganti Wiranto", "PERSON")])
    other = extraction("other", "Wiranto ditusuk di Pandeglang.", [("Wiranto", "PERSON")])
    found = links(headline, other)
    assert found[("other", "Wiranto")] == ("new:wiranto", "new")


def test_a_generic_head_word_alone_links_to_no_specific_entity():
    # 'Komisi' in 'anggota Komisi III' was linked to KPK as its short form
    text = ("Komisi Pemberantasan Korupsi (KPK) memeriksa anggota Komisi III DPR. "
            "Kementerian Hukum menolak.")
    found = links(extraction("kpk", text, [("Komisi Pemberantasan Korupsi", "ORG"),
                                           ("Komisi", "ORG"), ("Kementerian", "ORG")]))
    assert ("kpk", "Komisi") not in found and ("kpk", "Kementerian") not in found
    assert ("kpk", "Komisi Pemberantasan Korupsi") in found
    # IndoSum (unannotated dev article): 'Bank' opening a sentence was a node of its own
    text = ("KPR adalah produk dari Bank Tabungan Negara .\n"
            "Pilih produk KPR dari Bank yang ada di Indonesia .")
    found = links(extraction("kpr", text, [("Bank Tabungan Negara", "ORG"), ("Bank", "ORG")]))
    assert sorted(found) == [("kpr", "Bank Tabungan Negara")]


def test_fuzzy_never_maps_an_ordinary_word_to_a_name():
    penang = extraction("penang", "Gubernur Penang tiba di Jakarta.", [("Penang", "GPE")])
    war = extraction("war", "Dampak Perang Dagang AS dan China berlanjut.",
                     [("Perang", "MISC")])
    found = links(penang, war)
    # a lone ordinary word that shortens none of its document's names is no name at all
    assert ("war", "Perang") not in found and ("penang", "Penang") in found


def test_an_untyped_word_is_not_taken_for_a_person_of_another_document():
    # IndoSum, rules only: 'Muslim' (MISC) became the short form of 'Muslim Rohingya'
    rohingya = extraction("a", "Nasib Muslim Rohingya memburuk.", [("Muslim Rohingya", "PERSON")])
    muslim = extraction("b", "Warga Muslim di Rakhine mengungsi.", [("Muslim", "MISC")])
    assert links(rohingya, muslim)[("b", "Muslim")] == ("new:muslim", "new")


def test_only_a_person_is_called_by_a_middle_word():
    # IndoSum, rules only: 'Rohingya' became a short form of the (mistyped) 'Arakan Rohingya
    # Salvation Army'
    found = links(extraction("a", "Arakan Rohingya Salvation Army menyerang. Warga Rohingya "
                                  "mengungsi.", [("Arakan Rohingya Salvation Army", "PERSON"),
                                                 ("Rohingya", "MISC")]))
    assert found[("a", "Rohingya")] == ("new:rohingya", "new")


def test_a_full_name_mentioned_once_is_no_evidence_for_another_documents_short_form():
    # CLICK-ID: a Sekda called 'Muhamad' was linked to a 'Muhamad Ali' named once elsewhere
    ali = extraction("ali", "Muhamad Ali mendaftar sebagai calon.", [("Muhamad Ali", "PERSON")])
    sekda = extraction("sekda", "Sekda Tangerang Selatan Muhamad mengambil formulir.",
                       [("Muhamad", "PERSON")])
    assert links(ali, sekda)[("sekda", "Muhamad")] == own_node("Muhamad", "sekda")


def test_short_forms_typed_otherwise_do_not_change_what_the_full_name_is():
    # IndoSum (set C): two 'Vinales' the model typed ORG turned 'Maverick Vinales' into an
    # organisation, so the later 'Vinales' (PERSON) were no longer his short form
    text = ("Gelar juara dunia sudah tertutup bagi Maverick Vinales ( Movistar Yamaha ) .\n"
            "Vinales saat ini mengantongi 226 poin .\n"
            "Secara matematis peluang Vinales sudah tertutup .\n"
            "Pada balapan MotoGP Malaysia , Vinales bahkan kalah dari Johann Zarco .")
    found = link_mentions([extraction("motogp", text, [
        ("Maverick Vinales", "PERSON"), ("Vinales", "ORG"), ("Vinales", "ORG"),
        ("Vinales", "PERSON")])], None)
    assert {(lk.entity, lk.how) for lk in found.mentions if lk.mention.text == "Vinales"} \
        == {("new:maverick-vinales", "short-form")}


def test_an_organisation_is_never_the_last_words_of_a_person():
    # IndoSum (set C): 'Erwan Partai Demokrat' (a name glued to the next sentence's subject)
    # made 'Partai Demokrat' its short form, merging a person with a party
    text = ("Kunjungan AHY membangun komunikasi antara Partai Demokrat dengan Jokowi .\n"
            "Menurut Erwan Partai Demokrat perlu mencari calon .")
    found = links(extraction("ahy", text, [("Partai Demokrat", "ORG"),
                                           ("Erwan Partai Demokrat", "PERSON")]))
    assert found[("ahy", "Partai Demokrat")] == ("new:partai-demokrat", "new")


def test_a_name_given_with_alias_is_the_same_person_in_any_case():
    # IndoSum (set C): 'OSO' and 'Oso' were linked to the company 'OSO Securities'
    text = ("Partai Hanura berencana melaporkan Oesman Sapta Odang alias OSO ke polisi .\n"
            "OSO diduga meminta uang ditransfer ke rekening perusahaan milik OSO , yakni "
            "OSO Securities .\nTransfer itu mendapat perintah langsung dari Oso .")
    found = links(extraction("oso", text, [
        ("Oesman Sapta Odang", "PERSON"), ("OSO", "ORG"), ("OSO", "PERSON"), ("OSO", "ORG"),
        ("OSO Securities", "PERSON"), ("Oso", "PERSON")]))
    person = found[("oso", "Oesman Sapta Odang")][0]
    assert found[("oso", "OSO")] == (person, "alias")
    assert found[("oso", "Oso")] == (person, "alias")
    assert found[("oso", "OSO Securities")][0] != person


def test_a_declared_nickname_is_the_person_it_is_declared_for():
    # CLICK-ID (2019) phrasings: the nickname shares no word with the name
    text = ("Pelatih Bali United , Stefano Cugurra atau akrab disapa Teco mengaku siap .\n"
            "Jupe , sapaan akrab Achmad Jufriyanto , mengatakan kemenangan itu penting .\n"
            "Menurut Teco , Jupe absen pekan lalu .")
    found = links(extraction("teco", text, [
        ("Stefano Cugurra", "PERSON"), ("Teco", "PERSON"), ("Jupe", "PERSON"),
        ("Achmad Jufriyanto", "PERSON"), ("Teco", "PERSON"), ("Jupe", "ORG")]))
    coach, player = found[("teco", "Stefano Cugurra")][0], found[("teco", "Achmad Jufriyanto")][0]
    assert coach != player
    assert found[("teco", "Teco")] == (coach, "alias")
    assert found[("teco", "Jupe")] == (player, "alias")


def test_a_nickname_declared_for_a_short_form_after_a_dash_is_the_full_names_person():
    # IndoSum (set F): 'Danny - - sapaan akrab Ramdhan Pomanto' (a dash, written as two
    # hyphens, for the comma) after 'Moh Ramdhan Pomanto': Danny was a node of his own
    text = ("Wali Kota Makassar Moh Ramdhan Pomanto meresmikan jaringan itu .\n"
            "\" Semua harus sama , \" ujar Danny - - sapaan akrab Ramdhan Pomanto di Makassar .\n"
            "Danny berjanji mencarikan solusi .")
    found = links(extraction("danny", text, [
        ("Moh Ramdhan Pomanto", "PERSON"), ("Danny", "PERSON"), ("Ramdhan Pomanto", "PERSON"),
        ("Danny", "PERSON")]))
    mayor = found[("danny", "Moh Ramdhan Pomanto")][0]
    assert found[("danny", "Ramdhan Pomanto")][0] == mayor
    assert found[("danny", "Danny")] == (mayor, "alias")


def test_a_nickname_declared_by_a_word_is_the_one_person_named_just_before():
    # 'Pria yang akrab disapa Emil': the sentence names him by a word ('pria', a man)
    text = ("Gubernur Jawa Barat Ridwan Kamil meninjau lokasi kebakaran .\n"
            "Pria yang akrab disapa Emil itu menduga ada keterlibatan orang dalam .\n"
            "Emil meminta polisi bertindak .")
    found = links(extraction("emil", text, [
        ("Ridwan Kamil", "PERSON"), ("Emil", "PERSON"), ("Emil", "PERSON")]))
    assert found[("emil", "Emil")] == (found[("emil", "Ridwan Kamil")][0], "nickname")


def test_a_nickname_declared_after_two_people_stays_apart():
    # two people named just before 'yang akrab disapa': unsure, so a node of its own
    text = ("Ridwan Kamil bertemu Anies Baswedan di Bandung .\n"
            "Pria yang akrab disapa Emil itu menyebut pertemuan berlangsung hangat .")
    found = links(extraction("two", text, [
        ("Ridwan Kamil", "PERSON"), ("Anies Baswedan", "PERSON"), ("Emil", "PERSON")]))
    assert found[("two", "Emil")] == ("new:emil", "new")


def test_an_acronym_written_as_a_word_is_the_name_it_was_defined_for():
    # IndoSum (set F): 'Oso' in a quote after 'Oesman Sapta Odang ( OSO )'
    text = ("Munaslub Hanura memecat Oesman Sapta Odang ( OSO ) dari jabatan ketua umum .\n"
            "\" Oso sudah tidak sah , \" kata Daryatmo .")
    found = links(extraction("osoword", text, [
        ("Oesman Sapta Odang", "PERSON"), ("OSO", "ORG"), ("Oso", "PERSON"),
        ("Daryatmo", "PERSON")]))
    person = found[("osoword", "Oesman Sapta Odang")][0]
    assert found[("osoword", "OSO")] == (person, "acronym")
    assert found[("osoword", "Oso")] == (person, "acronym")


def test_initials_stand_for_the_one_person_of_the_document_they_spell():
    # IndoSum (set C): 'HSG' is Hery Susanto Gun, named in full earlier
    text = ("KPK menahan Direktur Utama PT Sawit Golden Prima , Hery Susanto Gun alias Abun .\n"
            "\" HSG ditahan selama 20 hari ke depan , \" kata Juru Bicara KPK Febri Diansyah .")
    found = links(extraction("abun", text, [
        ("Hery Susanto Gun", "PERSON"), ("Abun", "PERSON"), ("HSG", "ORG"),
        ("Febri Diansyah", "PERSON")]))
    person = found[("abun", "Hery Susanto Gun")][0]
    assert found[("abun", "Abun")] == (person, "alias")
    assert found[("abun", "HSG")] == (person, "initials")


def test_a_company_is_one_node_with_and_without_its_legal_form():
    # IndoSum (set C): 'PT Bank Permata Tbk' and 'Bank Permata' were two nodes
    text = ("Perbaikan kinerja laba juga dicapai oleh PT Bank Permata Tbk yang membukukan laba "
            "bersih sebesar Rp 453 miliar .\nPada periode yang sama tahun lalu , Bank Permata "
            "tercatat mengalami kerugian .")
    found = links(extraction("bank", text, [("PT Bank Permata Tbk", "ORG"),
                                            ("Bank Permata", "ORG")]))
    assert found[("bank", "PT Bank Permata Tbk")][0] == found[("bank", "Bank Permata")][0] \
        == "new:bank-permata"


def test_an_ordinary_word_opening_a_sentence_makes_no_node():
    # IndoSum (set C): the model took these sentence openings for names
    text = ("Terlihat juga ada seorang tuna netra yang ikut mengantre .\n"
            "\" Melepas burung untuk terbang tinggi adalah tradisi , \" kata Sandi .\n"
            "Warga melihat band Terlihat Xtra asal Bandung , lalu Terlihat menutup acara .")
    found = links(extraction("imlek", text, [("Terlihat", "PERSON"), ("Melepas", "PERSON"),
                                             ("Sandi", "PERSON"), ("Terlihat Xtra", "ORG"),
                                             ("Terlihat", "ORG")]))
    assert sorted(found) == [("imlek", "Sandi"), ("imlek", "Terlihat"),
                             ("imlek", "Terlihat Xtra")]
    # mid-sentence, the band's short form stays; opening a sentence, the word is no name
    # (a band named only by ordinary words, 'Terlihat Jelas', would be no name either:
    # test_link_indonesia's phrase of ordinary words)
    assert [lk.mention.sentence for lk in link_mentions([extraction(
        "imlek", text, [("Terlihat", "PERSON"), ("Terlihat Xtra", "ORG"),
                        ("Terlihat", "ORG")])], None).mentions] == [2, 2]


def test_an_ordinary_word_is_a_name_only_as_a_short_form_or_a_known_name(kb):
    # IndoSum (set C): the model took these ordinary words for names mid-sentence ('satpam'
    # a guard, 'murah' cheap, 'anjing' dog); 'Antara' (the news agency) is a known name and
    # 'Bunga' the short form of the document's 'Bunga Citra Lestari'
    text = ("\" Pukul 05.00 WIB sudah ada yang datang , \" kata Satpam pendopo Balai Kota .\n"
            "Acara dirangkai dengan Pesta Rakyat serta Pasar Sembako Murah .\n"
            "Semoga tahun Anjing Tanah ini akan membawa keberkahan , seperti dikutip dari "
            "Antara .\n"
            "Penyanyi Bunga Citra Lestari tampil malam itu . Penampilan Bunga memukau .")
    found = {lk.mention.text: lk.entity for lk in link_mentions([extraction("imlek", text, [
        ("Satpam", "PERSON"), ("Murah", "LOC"), ("Anjing", "PERSON"), ("Antara", "ORG"),
        ("Bunga Citra Lestari", "PERSON"), ("Bunga", "PERSON")])], kb).mentions}
    assert sorted(found) == ["Antara", "Bunga", "Bunga Citra Lestari"]
    assert found["Bunga"] == found["Bunga Citra Lestari"]


def test_a_lone_kind_word_names_only_the_one_place_or_body_of_its_document():
    # IndoSum (set C): 'Hotel' (of 'Hotel Sultan', cut by NER), 'DPRD' (any regional
    # council) and 'Pemkot' were nodes of their own; 'Wihara' alone is the document's temple
    text = ("K agar diselidiki , \" ujar Sudewo di Hotel Sultan , Jakarta .\n"
            "Dana itu untuk partisipasi anggota DPRD di sejumlah daerah .\n"
            "Proposal tak pernah direspon , baik di Pemkot maupun kementerian .\n"
            "Sandi tiba di Wihara Dharma Bhakti . Sandi yang didampingi pengurus Wihara masuk .")
    found = links(extraction("oso", text, [
        ("Sudewo", "PERSON"), ("Hotel", "LOC"), ("DPRD", "ORG"), ("Pemkot", "LOC"),
        ("Wihara Dharma Bhakti", "LOC"), ("Wihara", "PERSON")]))
    assert sorted(text for _, text in found) == ["Sudewo", "Wihara", "Wihara Dharma Bhakti"]
    assert found[("oso", "Wihara")] == ("new:wihara-dharma-bhakti", "short-form")


def test_a_lone_kind_word_is_a_short_form_when_its_document_names_one_in_full():
    text = "Anggota DPRD Banyumas hadir .\nMenurut DPRD , kirab itu tradisi ."
    found = links(extraction("kirab", text, [("DPRD Banyumas", "ORG"), ("DPRD", "ORG")]))
    assert found[("kirab", "DPRD")] == ("new:dprd-banyumas", "short-form")


def test_a_buildings_leading_words_name_it_in_its_document():
    # IndoSum (set C): 'Graha Saba' (the venue without 'Buana') was a node of its own
    text = ("Agus Harimurti tiba di tempat acara akad nikah di Graha Saba Buana pukul 08.00 .\n"
            "Jusuf Kalla tiba di Graha Saba beberapa menit kemudian .\n"
            "Kapal itu berlayar di Laut China Selatan , bukan di Laut China .")
    found = links(extraction("nikah", text, [
        ("Graha Saba Buana", "LOC"), ("Graha Saba", "LOC"), ("Laut China Selatan", "LOC"),
        ("Laut China", "LOC")]))
    assert found[("nikah", "Graha Saba")] == ("new:graha-saba-buana", "short-form")
    assert found[("nikah", "Laut China")] == ("new:laut-china", "new")


def test_a_news_sites_web_address_makes_no_node():
    # IndoSum (set C): the outlet quoting itself is site chrome (gold README), yet it was
    # a node linked to CNN Indonesia
    text = ("Pesan itu bukan hanya itu saja , \" kata Erwan kepada CNNIndonesia.com , Kamis .\n"
            "Pantauan kumparan.com , Abun keluar sekitar pukul 19.30 WIB bersama Erwan .")
    found = links(extraction("ahy", text, [
        ("Erwan", "PERSON"), ("CNNIndonesia.com", "ORG"), ("kumparan.com", "ORG")]))
    assert sorted(text for _, text in found) == ["Erwan"]


def test_a_defined_acronym_with_its_names_last_words_is_that_name():
    # IndoSum (set C): 'SMBC Indonesia' was a node apart from the bank it abbreviates
    text = ("PT Bank Sumitomo Mitsui Indonesia ( SMBC ) berperan sebagai mandated lead arranger .\n"
            "Direktur Utama SMBC Indonesia Kazuhiza Miyagawa menyampaikan hal itu .\n"
            "Selain SMBC , bank lain ikut , termasuk BRI Syariah .")
    found = links(extraction("waskita", text, [
        ("PT Bank Sumitomo Mitsui Indonesia", "ORG"), ("SMBC Indonesia", "ORG"),
        ("Kazuhiza Miyagawa", "PERSON"), ("SMBC", "ORG"), ("BRI Syariah", "ORG")]))
    bank = found[("waskita", "PT Bank Sumitomo Mitsui Indonesia")][0]
    assert found[("waskita", "SMBC Indonesia")] == (bank, "acronym")
    assert found[("waskita", "SMBC")] == (bank, "acronym")


def test_a_defined_acronym_with_its_places_unit_word_is_the_place():
    # IndoSum (set C): 'Kabupaten Kukar' was a node apart from 'Kutai Kartanegara ( Kukar )'
    text = ("KPK menahan penyuap Bupati Kutai Kartanegara ( Kukar ) Rita Widyasari .\n"
            "Rita diduga menerima uang terkait proyek di Kabupaten Kukar .")
    found = links(extraction("kukar", text, [("Kutai Kartanegara", "GPE"), ("Kukar", "GPE"),
                                             ("Kabupaten Kukar", "GPE")]))
    assert found[("kukar", "Kabupaten Kukar")] == (found[("kukar", "Kutai Kartanegara")][0],
                                                   "acronym")


def test_an_organisations_name_in_english_and_in_indonesian_is_one_node():
    # IndoSum (set C): 'OSO Securities' and 'OSO Sekuritas' were two companies
    text = ("Uang ditransfer ke rekening perusahaan milik OSO , yakni OSO Securities .\n"
            "Kami akan melapor ke OJK agar diselidiki uang yang masuk ke OSO Sekuritas .")
    found = links(extraction("oso", text, [("OSO Securities", "ORG"),
                                           ("OSO Sekuritas", "ORG")]))
    assert found[("oso", "OSO Sekuritas")][0] == found[("oso", "OSO Securities")][0]


def test_a_syllabic_short_form_in_brackets_names_what_precedes_it():
    # IndoSum (set C): 'Kukar' after 'Kutai Kartanegara' was a node of its own
    text = ("KPK menahan tersangka penyuap Bupati Kutai Kartanegara ( Kukar ) Rita Widyasari .\n"
            "Izin operasi perkebunan di Kukar diberikan Rita .")
    found = links(extraction("kukar", text, [("Kutai Kartanegara", "GPE"), ("Kukar", "GPE"),
                                             ("Rita Widyasari", "PERSON"), ("Kukar", "GPE")]))
    assert found[("kukar", "Kukar")] == (found[("kukar", "Kutai Kartanegara")][0], "acronym")


def test_a_given_name_typed_as_a_place_still_shortens_its_person_but_a_place_does_not():
    # IndoSum (set C): 'Enggria' (typed LOC by the model) was not Enggria Sudarmadi, while
    # 'Dharmasraya' must not become the last name of 'Mapolres Dharmasraya' (typed PERSON)
    text = ("Pelaku dua orang , yaitu Eka Fitra dan Enggria Sudarmadi .\n"
            "Eka Fitra berasal dari Kota Bungo dan Enggria dari Merangin .\n"
            "Massa membakar Mapolres Dharmasraya di Kabupaten Dharmasraya .")
    found = links(extraction("polres", text, [
        ("Eka Fitra", "PERSON"), ("Enggria Sudarmadi", "PERSON"), ("Enggria", "LOC"),
        ("Mapolres Dharmasraya", "PERSON"), ("Dharmasraya", "GPE")]))
    assert found[("polres", "Enggria")] == (found[("polres", "Enggria Sudarmadi")][0],
                                            "short-form")
    assert found[("polres", "Dharmasraya")] == ("new:dharmasraya", "new")


def test_a_manufacturer_is_never_the_last_name_of_its_racing_team(kb):
    # IndoSum (set C): 'Yamaha' was linked to 'Movistar Yamaha' (a team the name rules typed
    # PERSON): two different things in one node
    text = ("Gelar juara tertutup bagi Maverick Vinales ( Movistar Yamaha ) .\n"
            "Pada klasemen konstruktor , Yamaha kalah dari pabrikan Ducati .")
    found = {(lk.mention.text): lk.entity for lk in link_mentions([extraction(
        "motogp", text, [("Maverick Vinales", "PERSON"), ("Movistar Yamaha", "PERSON"),
                         ("Yamaha", "PERSON"), ("Ducati", "ORG")])], kb).mentions}
    assert found["Yamaha"] == "org:yamaha" != found["Movistar Yamaha"]


def test_forms_of_address_interjections_and_quoted_nicknames_are_no_part_of_a_name():
    # IndoSum (set C): 'Bro Giring', 'Alhamdulillah Giring' and "Giring ' Nidji" were three
    # nodes besides Giring Ganesha, and 'Sis' (a form of address) a fourth
    text = ("Vokalis Giring ' Nidji ' , Giring Ganesha , mendaftar sebagai caleg PSI .\n"
            "\" Alhamdulillah Giring mendaftar , \" kata Bro Giring .\n"
            "Bro dan Sis adalah panggilan akrab di PSI .")
    found = links(extraction("psi", text, [
        ("Giring ' Nidji", "PERSON"), ("Giring Ganesha", "PERSON"),
        ("Alhamdulillah Giring", "PERSON"), ("Bro Giring", "PERSON"), ("Sis", "PERSON")]))
    giring = found[("psi", "Giring Ganesha")][0]
    assert {found[("psi", name)][0] for name in (
        "Giring ' Nidji", "Alhamdulillah Giring", "Bro Giring")} == {giring}
    assert ("psi", "Sis") not in found


def test_spelling_variants_of_one_known_name_link_to_it():
    # IndoSum (set C) 'Salman bin Abdul Aziz al - Saud' beside 'Salman bin Abdulaziz Al
    # Saud'; CLICK-ID politics: old spelling and a middle name as its initial
    first = extraction("a", "Pidato Soekarno Hatta dibacakan .\nPimpinan KPK Laode Muhammad "
                            "Syarif menolak revisi .", [("Soekarno Hatta", "PERSON"),
                                                        ("Laode Muhammad Syarif", "PERSON")])
    second = extraction("b", "Warisan Sukarno Hatta dikenang .\nWakil Ketua KPK Laode M "
                             "Syarif hadir .", [("Sukarno Hatta", "PERSON"),
                                                ("Laode M Syarif", "PERSON")])
    found = links(first, second)
    assert found[("b", "Sukarno Hatta")] == (found[("a", "Soekarno Hatta")][0], "spelling")
    assert found[("b", "Laode M Syarif")] == (found[("a", "Laode Muhammad Syarif")][0],
                                              "spelling")


def test_a_spelling_variant_of_two_known_names_stays_apart():
    one = extraction("a", "Laode Muhammad Syarif hadir .", [("Laode Muhammad Syarif", "PERSON")])
    two = extraction("b", "Laode Mustafa Syarif hadir .", [("Laode Mustafa Syarif", "PERSON")])
    three = extraction("c", "Laode M Syarif hadir .", [("Laode M Syarif", "PERSON")])
    assert links(one, two, three)[("c", "Laode M Syarif")] == ("new:laode-m-syarif", "new")


def test_a_place_head_alone_stands_for_the_one_such_place_of_the_document():
    # IndoSum (set C): 'Istana' (for Istana Negara) and 'Mako' (for Mako Brimob, typed
    # PERSON by the model) were nodes of their own
    text = ("Roy Marten menyambangi Mako Brimob , Kelapa Dua , Depok .\n"
            "Usai meninggalkan Mako , Roy mengaku kecewa .\n"
            "AHY bertemu Jokowi di Istana Negara .\nOpen house lebaran di Istana ramai .")
    found = links(extraction("mako", text, [
        ("Roy Marten", "PERSON"), ("Mako Brimob", "LOC"), ("Mako", "PERSON"),
        ("Istana Negara", "LOC"), ("Istana", "LOC")]))
    assert found[("mako", "Mako")] == (found[("mako", "Mako Brimob")][0], "short-form")
    assert found[("mako", "Istana")] == (found[("mako", "Istana Negara")][0], "short-form")


def test_a_place_head_alone_stays_apart_when_the_document_names_two_such_places():
    text = "Jokowi berkantor di Istana Bogor , bukan Istana Negara .\nIstana membantah ."
    found = links(extraction("two", text, [("Istana Bogor", "LOC"), ("Istana Negara", "LOC"),
                                           ("Istana", "LOC")]))
    assert found[("two", "Istana")] == ("new:istana", "new")


def test_a_nickname_cut_from_the_end_of_a_name_word_is_that_person_in_its_document():
    # IndoSum (set C): 'Toni' is Raja Juli Antoni; with two people it fits it stays apart
    text = ("\" Kami terbuka , \" ucap Sekjen PSI , Raja Juli Antoni kepada kumparan .\n"
            "Menurut Toni , PSI membuka pendaftaran caleg .")
    found = links(extraction("psi", text, [("Raja Juli Antoni", "PERSON"),
                                           ("Toni", "PERSON")]))
    assert found[("psi", "Toni")] == (found[("psi", "Raja Juli Antoni")][0], "short-form")
    two = text + "\nHadir pula Yoga Santoni ."
    found = links(extraction("psi", two, [("Raja Juli Antoni", "PERSON"), ("Toni", "PERSON"),
                                          ("Yoga Santoni", "PERSON")]))
    assert found[("psi", "Toni")] == ("new:toni", "new")


def test_a_misspelt_short_word_of_a_long_known_name_is_that_name_but_one_word_never(kb):
    # IndoSum (set C): 'Anie Rasyid Baswedan' is the governor Anies Rasyid Baswedan (two
    # identical words are the evidence); CLICK-ID politics: 'Suharyo' was linked to Suharto
    # and 'Pulau Komodo' to the Comoros, one letter away
    text = ("Gubernur DKI Jakarta Anie Rasyid Baswedan dan Wakilnya Sandiaga Uno mengunjungi "
            "wihara .\nKetua KPK Suharyo hadir .\nWisatawan berlibur ke Pulau Komodo .")
    found = {lk.mention.text: (lk.entity, lk.how) for lk in link_mentions([extraction(
        "imlek", text, [("Anie Rasyid Baswedan", "PERSON"), ("Sandiaga Uno", "PERSON"),
                        ("Suharyo", "PERSON"), ("Pulau Komodo", "LOC")])], kb).mentions}
    assert found["Anie Rasyid Baswedan"] == ("person:anies-baswedan", "fuzzy")
    assert found["Suharyo"] == ("new:suharyo", "new")
    assert found["Pulau Komodo"] == ("new:komodo", "new")


def test_an_ordinary_word_with_nya_or_shouted_in_capitals_is_no_name():
    # IndoSum (unannotated dev articles, set B rules-only): 'Bodinya' (its body), 'Pembelinya'
    # (its buyer), 'PERHATIAN' (attention); 'PETA' (the animal-rights group) may be an acronym
    text = ("Bodinya pun juga terus menipis sampai ke angka 11 milimeter .\n"
            "Kapal itu lalu dijual kepada Pembelinya di Suriah .\n"
            "PERHATIAN model cantik penyuka petualangan alam .\n"
            "Menurut PETA , mati lemas di dalam mobil merupakan siksaan .")
    found = links(extraction("x", text, [("Bodinya", "PERSON"), ("Pembelinya", "PERSON"),
                                         ("PERHATIAN", "ORG"), ("PETA", "ORG")]))
    assert sorted(found) == [("x", "PETA")]


def test_a_weak_alias_that_is_a_month_needs_its_documents_context(kb):
    # IndoSum (set C): 'May' of 'Hari Buruh ( May Day )' was linked to Theresa May
    text = "Selain Liga Pekerja , Kemnaker juga merayakan Hari Buruh ( May Day ) 2018 ."
    found = {lk.mention.text: lk.entity for lk in link_mentions([extraction(
        "buruh", text, [("Liga Pekerja", "ORG"), ("May", "PERSON")])], kb).mentions}
    assert found["May"] != "person:theresa-may"
    text = "Perdana Menteri Inggris menolak .\nLondon - May menolak usul Uni Eropa ."
    found = {lk.mention.text: lk.entity for lk in link_mentions([extraction(
        "uk", text, [("Inggris", "GPE"), ("May", "PERSON")])], kb).mentions}
    assert found["May"] == "person:theresa-may"


def test_a_weak_alias_of_a_person_needs_its_documents_context(kb):
    # CLICK-ID (2019), 600 non-politics articles: a soap opera's 'Salman' was King Salman
    # and the tapioca trader 'Alex' Alexander Marwata, each the only person of that weak
    # alias; a one-word name is shared by many people, so the context must agree
    text = "Salman ingin Putra bertunangan dengan Novi .\nAlex menyatakan pentingnya teknologi ."
    found = {lk.mention.text: lk.entity for lk in link_mentions([extraction(
        "soap", text, [("Salman", "PERSON"), ("Putra", "PERSON"), ("Novi", "PERSON"),
                       ("Alex", "PERSON")])], kb).mentions}
    assert found["Salman"] != "person:king-salman"
    assert found["Alex"] != "person:alexander-marwata"
    text = "Raja Arab Saudi tiba di Jakarta .\nSalman disambut Presiden ."
    found = {lk.mention.text: lk.entity for lk in link_mentions([extraction(
        "visit", text, [("Arab Saudi", "GPE"), ("Jakarta", "GPE"), ("Salman", "PERSON")])],
        kb).mentions}
    assert found["Salman"] == "person:king-salman"


def test_a_short_form_from_another_document_needs_a_name_the_two_share():
    # CLICK-ID (2019), 600 non-politics articles: a soap opera's 'Didi' had been the singer
    # Didi Kempot, the corpus's only Didi in full; 'Didi' beside the singer's city is him
    singer = extraction("singer", "Didi Kempot tampil di Solo .\nDidi Kempot menyanyi lagu "
                        "campursari bersama Sobat Ambyar .",
                        [("Didi Kempot", "PERSON"), ("Solo", "GPE"), ("Didi Kempot", "PERSON"),
                         ("Sobat Ambyar", "ORG")])
    soap = extraction("soap", "Setibanya di rumah Aslan melihat Didi jatuh .\nAslan lalu "
                      "memanggil Reva .", [("Aslan", "PERSON"), ("Didi", "PERSON"),
                                           ("Aslan", "PERSON"), ("Reva", "PERSON")])
    concert = extraction("concert", "Ribuan penonton memadati konser di Solo .\nDidi "
                         "menyanyikan lagu Pamer Bojo .", [("Solo", "GPE"), ("Didi", "PERSON")])
    found = links(singer, soap, concert)
    assert found[("concert", "Didi")] == (found[("singer", "Didi Kempot")][0],
                                          "corpus-short-form")
    assert found[("soap", "Didi")][0] != found[("singer", "Didi Kempot")][0]


def test_a_persons_one_word_name_no_document_spells_out_is_one_node_per_document():
    # CLICK-ID politics: the protest coordinator 'Arief' and the tourism official 'Arief'
    # were one node, in a corpus that names more than one Arief in full; a place the model
    # once typed a person stays one node ('Rakhine'), and so does a name of no other
    # person ('Rubijanto', BJ Habibie's secretary, in three reprints of one story)
    protest = extraction("sindonews", "\" Kami mendukung penegakan hukum , \" kata Arief , "
                         "koordinator aksi .\nArief lalu membubarkan massa .",
                         [("Arief", "PERSON"), ("Arief", "PERSON")])
    ministers = extraction("menteri", "Menteri Pariwisata Arief Yahya dan Arief Budiman "
                           "hadir .", [("Arief Yahya", "PERSON"), ("Arief Budiman", "PERSON")])
    secretary = [extraction(f"reprint{i}", "Hal ini dibantah Sekretaris Pribadi BJ Habibie , "
                            "Rubijanto .", [("Rubijanto", "PERSON")]) for i in (1, 2)]
    tourism = extraction("tempo", "\" Padahal sekali masuk bisa ribuan wisatawan , \" kata "
                         "Arief di Jakarta .", [("Arief", "PERSON")])
    rakhine = extraction("rohingya", "Rakhine kembali bergolak .\nWarga Rakhine mengungsi .",
                         [("Rakhine", "PERSON"), ("Rakhine", "GPE")])
    linking = link_mentions([protest, tourism, rakhine, ministers, *secretary], None)
    nodes = {(lk.mention.doc, lk.entity) for lk in linking.mentions
             if " " not in lk.mention.text}
    assert nodes == {("sindonews", own_node("Arief", "sindonews")[0]),
                     ("tempo", own_node("Arief", "tempo")[0]),
                     ("rohingya", "new:rakhine"), ("reprint1", "new:rubijanto"),
                     ("reprint2", "new:rubijanto")}


def with_title(doc: str, text: str, title: str, names: list[tuple[str, str]],
               known: tuple[str, ...] = ()) -> Extraction:
    """A record's text and its title, put after the text as graphkit.corpus does (the
    title's mentions come last in `names`); `known` names carry a knowledge-base id."""
    made = extraction(doc, f"{text}\n{title}", names)
    mentions = tuple(Mention(m.doc, m.start, m.end, m.text, m.type, m.sentence,
                             "kb" if m.text in known else m.source,
                             f"person:{m.text.lower().replace(' ', '-')}" if m.text in known
                             else "") for m in made.mentions)
    return Extraction(Document(doc, made.doc.text, title), made.sentences, mentions)


def test_a_name_only_in_the_title_that_the_text_never_repeats_makes_no_node():
    # CLICK-ID titles: every word is capitalised, so the model's 'Rayu Alibaba' is a clause
    found = links(with_title(
        "alibaba", "Menkominfo terus merayu Alibaba Group agar berinvestasi di Indonesia.",
        "Temui Jack Ma 5 Kali, Menkominfo Terus Rayu Alibaba untuk Investasi di RI",
        [("Alibaba Group", "ORG"), ("Jack Ma", "PERSON"), ("Rayu Alibaba", "PERSON")]))
    assert ("alibaba", "Rayu Alibaba") not in found
    assert ("alibaba", "Jack Ma") not in found  # named only in the title, and not known
    assert found[("alibaba", "Alibaba Group")] == ("new:alibaba-group", "new")


def test_a_title_name_the_text_holds_in_a_longer_name_is_linked_to_it():
    found = links(with_title(
        "johan", "Johan Budi Sapto Pribowo pamit dari Istana setelah terpilih menjadi "
        "anggota DPR.", "Johan Budi Pamit dari Istana",
        [("Johan Budi Sapto Pribowo", "PERSON"), ("Johan Budi", "PERSON")]))
    assert found[("johan", "Johan Budi")][0] == found[("johan", "Johan Budi Sapto Pribowo")][0]


def test_a_known_person_in_the_title_stands_behind_the_texts_initials(kb):
    # politics300: the text calls the head of BIN only 'BG'; the title names him
    found = links_with(kb, with_title(
        "bg", "Presiden melantik BG di Istana Negara. BG menggantikan Sutiyoso.",
        "Jokowi Lantik Budi Gunawan Jadi Kepala BIN",
        [("BG", "ORG"), ("BG", "ORG"), ("Budi Gunawan", "PERSON")], known=("Budi Gunawan",)))
    assert found[("bg", "BG")] == ("person:budi-gunawan", "initials")


def test_a_nickname_cut_from_the_start_of_a_given_name_is_the_same_person():
    # IndoSum (set F): 'Sylvi' of the candidate pair 'Agus-Sylvi' is Sylviana Murni
    found = links(extraction(
        "sylvi", "Ruhut mendukung pasangan Agus Harimurti Yudhoyono - Sylviana Murni .\n"
        "Menurut Ruhut , Agus - Sylvi akan menang .",
        [("Agus Harimurti Yudhoyono", "PERSON"), ("Sylviana Murni", "PERSON"),
         ("Sylvi", "PERSON")]))
    assert found[("sylvi", "Sylvi")] == (found[("sylvi", "Sylviana Murni")][0], "short-form")
