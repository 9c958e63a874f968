"""Word lists that tell names from ordinary words: what opens, ends or joins a name of
each kind, Indonesian and English common words; NER and linking both read them."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.lang.id.stop_words import STOP_WORDS as ID_STOP_WORDS

from .dates import MONTH_NAMES, WEEKDAY_NAMES

DAYS_AND_MONTHS = frozenset(WEEKDAY_NAMES) | {name for names in MONTH_NAMES for name in names}
# Capitalised abbreviations that are common nouns or units, never entities on their own:
# times, units, roles, and the terms of economy and technology news ('rasio NPL', 'proyek
# LRT', 'lewat SMS', 'PDB', 'UMKM', 'aturan IMB': a building permit, 'KPR Bersubsidi': a
# mortgage; 'gas 20 MMSCFD', 'menara BTS': units and kinds of equipment).
NOT_NAMES = frozenset(
    """
    ktt wib wita wit utc gmt ceo cfo tv km kg mm usd rp vs ii iii iv npl ldr roe roa ipo atm
    sms lrt mrt krl ddt gdp pdb ktp npwp csr umkm ukm pns asn icbm imb amdal kpr hiv aids
    mmscfd mmbtu bopd kwh mwh mw gw kv mbps gbps ghz mhz bts b2b b2c
    """.split())
# Words of an occasion that open a phrase naming it, not an organisation's or a person's
# name: 'HUT RI ke-72' (hari ulang tahun, the anniversary of the republic), 'Rakor BUMN'
# (rapat koordinasi), 'peringatan HUT Kemerdekaan'; a known name after it stays a name.
OCCASION_WORDS = frozenset("hut rakor dirgahayu peringatan perayaan".split())
# Function words that end a name when capitalised mid-run: "Moskow Mereka", "PBB Untuk".
FUNCTION_WORDS = frozenset(
    """
    mereka untuk dan yang ini itu dia ia kami kita saya anda dengan pada ke dari di
    bahwa akan telah sudah juga atau tetapi namun karena jika ketika saat para sebagai
    oleh tidak bukan hanya adalah merupakan setelah sebelum selama sejak tentang
    terhadap bagi seperti
    """.split()
)
# Lowercase words allowed inside a name: "University of Hull", "bin Salman", "Jong-un".
CONNECTORS = frozenset(
    "of for the and de van von der den bin binti al el la le du da dos y".split())
# Words a title-case headline leaves in lowercase ('Kivlan Zen Beri Rp 25 Juta kepada
# Seseorang untuk ...', 'Demo PMII di Gedung KPK Ricuh'): in lowercase, skipped when judging
# whether a line is written in title case. spaCy's Indonesian stop words, and the name connectors.
HEADLINE_FILLERS = CONNECTORS | ID_STOP_WORDS


def headline_filler(word: str) -> bool:
    """True for a lowercase word a title-case headline keeps lowercase ('di', 'untuk')."""
    return word.islower() and word in HEADLINE_FILLERS

# Bodies named by their region ('Pemprov Jawa Barat', 'Polda Jawa Timur', 'DPRD Jawa
# Tengah'): with the place they are an organisation, not the place.
REGIONAL_BODY_HEADS = frozenset(
    """
    pemprov pemkab pemkot pemda polda polres polresta polrestabes polsek kodam korem kodim
    kejati kejari dprd bappeda bpbd kanwil mapolda mapolres mapolresta mapolsek
    """.split())
ORG_HEADS = REGIONAL_BODY_HEADS | frozenset(
    """
    universitas institut pusat kementerian departemen badan dewan komisi komite partai
    bank lembaga organisasi asosiasi perusahaan kantor kedutaan angkatan tentara majelis
    mahkamah pengadilan parlemen kongres senat korps yayasan sekolah akademi fakultas
    perserikatan persatuan liga federasi serikat kepolisian kejaksaan komando markas
    kelompok gerakan front koalisi brigade harian koran grup pt institute university college
    council committee agency ministry department bureau direktorat ditjen dinas inspektorat
    sekretariat balai
    """.split()
)
# Events are often named with ordinary words: "Perang Dunia II", "Piala Dunia".
EVENT_HEADS = frozenset(
    """
    perang piala konferensi olimpiade pemilu pemilihan festival kongres pertempuran
    revolusi krisis operasi ktt sidang forum pekan hari tahun
    """.split()
)
# Organs of a state carry its name: "Departemen Luar Negeri AS" is one organisation.
STATE_ORGAN_HEADS = frozenset(
    """
    kementerian departemen badan dewan komisi angkatan tentara kedutaan parlemen kongres
    senat majelis mahkamah pengadilan kepolisian kejaksaan komando pasukan ministry
    department
    """.split()
)
ORG_TAILS = frozenset(
    """
    university college institute institution center centre endowment council foundation
    agency inc corp ltd group bank party news times post press labs technologies club
    association network studio studios airlines airways company corporation holdings
    entertainment pictures records fc racing team united motors electronics healthcare
    insider securities sekuritas
    """.split()
)
# Words that end the name of a place or facility: "Trump Tower", "Kim Il Sung Stadium".
LOC_TAILS = frozenset("tower hotel resort plaza square stadium airport street avenue".split())
LOC_HEADS = frozenset(
    """
    lapangan kosmodrom bandara bandar pelabuhan jalan gunung sungai danau laut selat
    pulau kepulauan teluk semenanjung tanjung istana gedung stadion taman kota kabupaten
    provinsi desa kampung pangkalan kawasan distrik samudra samudera gurun lembah
    terusan jembatan menara masjid gereja candi zona gua goa pasar situs pantai bukit
    """.split()
)
# Heads of two ordinary words ('Rumah Sakit Pusat Pertamina', 'Rumah Tahanan Salemba'); 'rumah'
# alone opens no name ('rumah veteran').
TWO_WORD_HEADS = frozenset({"rumah sakit", "rumah tahanan", "rumah dinas"})
# Forms of address a person is known by, part of the name as written ('Bung Tomo', 'Gus Dur',
# 'Cak Nun', 'Teuku Umar', 'Cut Nyak Dhien'): never trimmed as a leading ordinary word.
NAME_PREFIXES = frozenset("bung gus cak kang ki nyi teuku tengku cut raden daeng".split())
# The country Indonesian organisations end their names with ('Serikat Petani Indonesia',
# 'Ikatan Ahli Perencanaan Indonesia', 'Bursa Efek Indonesia'): idner-news-2k marks such names
# whole, never with the country apart.
NATIONAL_NAMES = frozenset({"indonesia"})
# Words naming the board or branch of an organisation ('Dewan Pimpinan Pusat Partai Demokrat',
# 'Kantor Wilayah Kementerian Hukum dan HAM'): with ordinary words alone they name no body.
BRANCH_WORDS = frozenset("pimpinan pengurus wilayah cabang pertimbangan pembina".split())
# Words that make a capitalised run something other than a person (guess_type): laws
# ('RUU Pemilu', 'Kitab Undang-Undang Hukum Pidana'), events ('SEA Games', 'Piala Dunia'),
# products and titles of works ('Galaxy S', 'Star Wars', 'Soul Ultra Wireless', 'YouTube
# Najwa Shihab'), offices and job titles ('Komisaris Jenderal', 'Menko Polhukam', 'Sekertaris
# Kabinet', 'Product Manager Realme') and slogans or symbols ('Merah Putih'); sport, technology
# and entertainment news name events and teams in English ('Korea Open', 'Semen Padang FC').
LAW_WORDS = frozenset(
    """
    ruu uu undang undang-undang perppu perpu perpres perda pergub perwali perbup permen
    keppres inpres kuhp kuhap kitab pasal hukum pidana perdata nomor amandemen rancangan
    peraturan act
    """.split()
)
EVENT_WORDS = frozenset(
    """
    games olympics olympic piala cup league champions championship championships tournament
    turnamen award awards expo summit pilkada pilpres pileg rapimnas rakernas rakornas
    munas musda muktamar musyawarah open show week playoffs playoff slam liga
    paragames discussion diskusi seminar workshop lokakarya webinar talkshow conference
    rakor rapat
    """.split()
)
PRODUCT_WORDS = frozenset(
    """
    galaxy iphone ipad macbook xperia redmi pixel android windows playstation xbox wars
    trek pro plus ultra lite series edition ssd wireless smartphone phone screen display
    official store channel live youtube instagram twitter facebook tiktok whatsapp app apps
    version ver reborn movie album
    """.split()
)
OFFICE_WORDS = frozenset(
    """
    komisaris sekertaris sekretaris kabinet menko polhukam polkam perekonomian kemaritiman
    pembina pembangunan pimpinan pusat wilayah cabang daerah kapolri kapolda kapolres
    kapolsek komjen irjen brigjen pol kabareskrim kasad kasal kasau pangdam kasum dirjen
    dirut kajati kajari wamen sesmen deputi staf khusus pelaksana tugas plt dekan rektor
    camat lurah chief executive officer perhubungan pertanian perdagangan perindustrian
    kesehatan pendidikan agama sosial pariwisata kehutanan perumahan tax amnesty manager
    manajer founder cofounder vp marketing communications relations corporate product
    sales humas biro kelautan perikanan energi mineral agraria ketenagakerjaan koperasi
    informatika pemuda olahraga kebudayaan riset komunikasi keuangan pertahanan
    """.split()
)
SLOGAN_WORDS = frozenset("merah putih tanah air bhinneka tunggal ika nusantara".split())
# Javanese heirlooms are named with an honorific after their kind ('Keris Kiai Nalapraja',
# 'Tombak Kiai Genjring'): the honorific makes no person of them.
HEIRLOOM_KINDS = frozenset("keris tombak pusaka gong gamelan kereta bende pedang payung".split())
HEIRLOOM_HONORIFICS = frozenset("kiai kyai nyai kanjeng".split())
# An event's head word ('Festival Film', 'Forum Kesatuan Rakyat') makes no person either,
# save 'Hari', a given name ('Hari Tanoesoedibjo').
NOT_PERSON_WORDS = (LAW_WORDS | EVENT_WORDS | PRODUCT_WORDS | OFFICE_WORDS | SLOGAN_WORDS
                    | (EVENT_HEADS - {"hari"}))
HEADS = ORG_HEADS | LOC_HEADS  # a word that opens the name of an organisation or place
TAILS = ORG_TAILS | LOC_TAILS  # a word that ends one
POSSESSIVES = frozenset({"'s", "’s"})
# Words a letter follows to label one of several ('Grup B' of a tournament's draw, 'Kelas A').
_LABELLED_KINDS = frozenset("group pool kelas tipe type kategori zona".split())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Indonesian words news writes in lowercase, plus spaCy's Indonesian stop words."""
    path = resources.files("graphkit") / "data" / "common_words_id.txt"
    words = {w for w in path.read_text(encoding="utf-8").split() if not w.startswith("#")}
    return frozenset(words | set(ID_STOP_WORDS))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English common words Indonesian news uses ('quiet', 'place', 'night', 'sight'), not
    also names ('rose', 'miller' are left out): a run made only of them names a product,
    a song or a film, not a person."""
    path = resources.files("graphkit") / "data" / "common_words_en.txt"
    return frozenset(w for w in path.read_text(encoding="utf-8").split()
                     if not w.startswith("#"))


@lru_cache(maxsize=1)
def name_word_counts() -> dict[str, tuple[int, int, int]]:
    """How many people's, organisations' and places' names of the Indonesian DBpedia lists
    hold each word (data/name_words.tsv, made by training/kb/make_name_words.py)."""
    path = resources.files("graphkit") / "data" / "name_words.tsv"
    counts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, people, orgs, places = line.split("\t")
            counts[word] = (int(people), int(orgs), int(places))
    return counts


def is_person_word(word: str) -> bool:
    """A word found more often in people's names than in organisations' and places' put
    together ('Philip', 'Ahmad', 'Wicaksono'; not 'Agung', a word of many places' names).

    >>> is_person_word("Ahmad"), is_person_word("Agung"), is_person_word("Bank")
    (True, False, False)
    """
    people, orgs, places = name_word_counts().get(word.casefold(), (0, 0, 0))
    return people > orgs + places


def in_people_names(word: str) -> bool:
    """A word two or more people's names hold ('Agung', of Agung Laksono); one is too few
    to tell a name from the list's noise ('Branch').

    >>> in_people_names("Agung"), in_people_names("Branch")
    (True, False)
    """
    return name_word_counts().get(word.casefold(), (0, 0, 0))[0] > 1


def is_letter_label(first: str, second: str) -> bool:
    """True for a kind word and a capital letter that labels one of several ('Grup B' of a
    tournament's draw, 'Kelas A'): no name of an organisation, place or person ('Bambang S'
    is one: a given name is no kind word).

    >>> is_letter_label("Grup", "B"), is_letter_label("Bambang", "S")
    (True, False)
    """
    word = first.casefold()
    return len(second) == 1 and second.isupper() and (
        word in HEADS or word in EVENT_HEADS or word in _LABELLED_KINDS or word in common_words())
