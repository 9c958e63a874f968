"""Name normalisation: casing, accents, quotes, hyphens and title words."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache

from anyascii import anyascii

from ..words import NOT_NAMES

# Police and military ranks: what follows them (and their followers: 'Irjen Pol') is a
# person's name ('Kapolda Sumatera Barat Irjen Pol Fakhrizal'); 'Jenderal' is one only
# with a follower ('Jenderal TNI'): 'Direktur Jenderal Perkeretaapian' is an office.
RANK_WORDS = frozenset(
    """
    brigjen mayjen letjen irjen komjen akbp kombes akp iptu ipda aiptu aipda
    bripka kapten kolonel letkol letnan mayor laksamana laksda laksdya marsekal marsda marsdya
    marsma serda serka sertu pratu prada kopral sersan
    kombespol kompol brigpol bripda briptu brigadir irjenpol brigjenpol komjenpol letda
    lettu serma pelda peltu kopda koptu praka
    """.split())
# Titles, roles, ranks (RANK_WORDS), honorifics and forms of address ('Bro Giring') that
# precede names in Indonesian and English news.
# They are never part of a canonical name: "Presiden Putin" is "Putin".
TITLE_WORDS = frozenset(
    """
    presiden wapres wakil perdana menteri menlu menhan mendagri sekjen sekretaris jenderal
    jendral kanselir raja ratu pangeran putra putri paus kardinal uskup imam syekh syeikh
    sheikh emir sultan gubernur walikota wali bupati senator anggota ketua kepala direktur
    juru bicara jubir duta besar dubes profesor prof dr drs ir hj h mr mrs ms miss sir dame
    lord pak bu bapak ibu tuan nyonya saudara komandan panglima hakim jaksa pendeta
    ayatollah president vice prime minister secretary general chancellor king queen prince
    princess pope governor senator chairman chairwoman director spokesman spokeswoman
    ambassador professor doctor captain colonel general admiral commander judge pemimpin
    diktator pejabat analis pakar peneliti ilmuwan luar negeri dalam pertahanan keuangan
    ajudan asisten penasihat wartawan jurnalis koresponden kolumnis menko menkopolhukam
    menkopolkam menkumham menkeu mendikbud menpora menag menkes mentan mendag menperin
    menaker menhub mensos menpan menpar menparekraf menkominfo menlhk menristek mensesneg
    menseskab menhut menpupr menakertrans wamen wamenlu wagub wabup wawali wakapolri kapolri
    kapolda kapolres kapolresta kapolrestabes kapolsek kabareskrim kadiv kabid kasat kanit
    kapuspen kabaharkam kakorlantas pangdam pangkostrad pangkoopsud kasad kasal kasau kasum
    danjen dandim danrem danramil inspektur komisaris ajun dirut dirjen kajati kajari
    jampidsus jampidum ketum waketum plt plh kiai kyai kh ustaz ustadz bendahara camat lurah
    rektor dekan komisioner ceo coo cfo cto cmo cio founder cofounder manager head officer
    manajer presdir pelatih
    executive bro sis mas mbak bang kak om tante datuk dato
    """.split()
) | RANK_WORDS | frozenset(
    # interjections that open a quoted sentence before a name ('Alhamdulillah Giring ...')
    "alhamdulillah insyaallah insya allah masyaallah subhanallah astaghfirullah".split())
# Title words that are also given names: they stay in a name ('Imam Nahrawi', 'Ratu Atut
# Chosiyah', 'Lukman Hakim Saifuddin', 'Sri Sultan Hamengku Buwono X').
GIVEN_NAME_TITLES = frozenset("imam ratu putri putra raja sultan hakim haji".split())
# Words that go on a title before a name ('Ketua Umum', 'Jaksa Agung', 'Irjen Pol',
# 'Jenderal TNI', 'Komisaris Besar', 'Irjen (Purn)'): stripped only right after a title word.
TITLE_FOLLOWERS = frozenset(
    "umum agung besar muda utama madya pol polisi tni polri purn".split())
# What a follower goes on: the police's and army's ('Pol', 'TNI', 'Purn') on any title or
# rank; the others only on the titles they complete, because they are also given names
# ('Irjen Pol Agung Budi Maryoto' keeps 'Agung'; 'Jaksa Agung Prasetyo' drops it).
RANK_FOLLOWERS = frozenset("pol polisi tni polri purn".split())
_FOLLOWED_TITLES = {
    "umum": frozenset("ketua sekretaris bendahara direktur wakil".split()),
    "agung": frozenset("jaksa hakim".split()),
    "besar": frozenset("duta komisaris guru".split()),
    "muda": frozenset("agung jaksa laksamana marsekal ajun menteri".split()),
    "utama": frozenset("direktur komisaris ajun asisten".split()),
    "madya": frozenset("laksamana marsekal ajun".split()),
}

# A company's legal form is no part of its name: 'PT Bank Permata Tbk' is 'Bank Permata',
# 'PT Pertamina (Persero)' is 'Pertamina'.
LEGAL_FORMS_BEFORE = frozenset("pt cv".split())
LEGAL_FORMS_AFTER = frozenset("tbk persero".split())

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"',
                         "„": '"', "`": "'", "´": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\-_]+")
# Names recur across a corpus (one 'Putin' per article): their keys are computed once.
_CACHED_NAMES = 1 << 18
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
# Zero-width and bidirectional control characters (Unicode category Cf in common use) never
# change a name: 'Vladi\u200bmir' is 'Vladimir'. (graphkit.clean ignores them too.)
INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                       r"\u2066-\u206f\ufeff]")


def strip_accents(text: str) -> str:
    """Remove combining accents: 'Erdoğan' -> 'Erdogan'."""
    if text.isascii():  # nothing to decompose (most of an Indonesian article)
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(text: str) -> str:
    """The key names are matched on: case-folded, accent-free, hyphens as spaces.

    >>> normalize_name("Kim Jong-un")
    'kim jong un'
    >>> normalize_name("  Erdoğan’s ")
    "erdogan's"
    >>> normalize_name("Bima¬†Sakti")  # a no-break space read as Mac Roman
    'bima sakti'
    """
    if "¬†" in text:
        text = text.replace("¬†", " ")
    text = strip_accents(unicodedata.normalize("NFKC", INVISIBLE.sub("", text)))
    text = text.translate(_QUOTES)
    text = _DASHES.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    text = _EDGE_PUNCT.sub("", text)
    return text.casefold()


@lru_cache(maxsize=_CACHED_NAMES)
def is_title_word(word: str) -> bool:
    """True for role words such as 'Presiden', 'profesor', 'Menteri'."""
    return normalize_name(word) in TITLE_WORDS


def strip_titles(text: str) -> str:
    """Drop leading title words: 'Presiden Rusia Vladimir Putin' keeps 'Rusia Vladimir Putin'.

    >>> strip_titles("Presiden Putin")
    'Putin'
    >>> strip_titles("Menteri Luar Negeri Retno Marsudi")
    'Retno Marsudi'
    >>> strip_titles("Irjen Pol Firli Bahuri"), strip_titles("Menpora Imam Nahrawi")
    ('Firli Bahuri', 'Imam Nahrawi')
    """
    words = text.split()
    previous = ""
    while len(words) > 1 and (_strippable_title(words[0]) or (
            previous and follows_title(previous, words[0]))):
        previous, words = words[0], words[1:]
    return " ".join(words)


@lru_cache(maxsize=_CACHED_NAMES)
def follows_title(previous: str, word: str) -> bool:
    """True when `word` completes the title or rank `previous` before a name ('Pol' of
    'Irjen Pol', 'Agung' of 'Jaksa Agung'); a follower that is also a given name goes only
    on the titles it completes.

    >>> follows_title("Irjen", "Pol"), follows_title("Jaksa", "Agung")
    (True, True)
    >>> follows_title("Pol", "Agung"), follows_title("Ketua", "Agung")
    (False, False)
    """
    key = normalize_name(word).rstrip(".")
    if key not in TITLE_FOLLOWERS:
        return False
    before = normalize_name(previous).rstrip(".")
    if key in RANK_FOLLOWERS:
        return before in TITLE_WORDS or before in TITLE_FOLLOWERS
    return before in _FOLLOWED_TITLES.get(key, ())


def is_strippable_title(word: str) -> bool:
    """True for a title or form of address that is never a name by itself ('Presiden',
    'Sis'); titles that are also given names ('Imam', 'Ratu') are names."""
    return _strippable_title(word)


@lru_cache(maxsize=_CACHED_NAMES)
def _strippable_title(word: str) -> bool:
    """A title word that is not also a given name ('Imam', 'Ratu' stay)."""
    key = normalize_name(word)
    return key in TITLE_WORDS and key not in GIVEN_NAME_TITLES


REGION_WORDS = frozenset("provinsi kabupaten kota".split())
# Unit words English puts after a region's name ('Rakhine State', 'Aceh Province').
_UNIT_WORDS_AFTER = frozenset("state province region".split())
# Words naming the kind of a place before its name ('Desa Blumbang', 'Kabupaten Boyolali').
UNIT_WORDS = REGION_WORDS | frozenset("desa kelurahan kecamatan dusun kab pulau".split())
# The knowledge-base ids a region's unit word may precede ('Kota Medan' is city:medan,
# 'Kabupaten Bogor' not the city Bogor).
_UNIT_ID_PREFIXES = {"kota": "city:", "provinsi": "place:prov-", "kabupaten": "place:kab-",
                     "kab": "place:kab-"}


def is_unit_of(unit: str, entity_id: str) -> bool:
    """True when a region's unit word may stand before the name of the knowledge-base entity
    `entity_id`: 'kota' before a city's, 'kabupaten' before a regency's, never before a
    city's ('Kabupaten Bogor' is not the city Bogor).

    >>> is_unit_of("kota", "city:medan"), is_unit_of("kabupaten", "city:bogor")
    (True, False)
    >>> is_unit_of("desa", "city:bandung")
    False
    """
    kind = _UNIT_ID_PREFIXES.get(unit)
    return kind is not None and entity_id.startswith(kind)


def place_key(key: str) -> str:
    """The key of a new place named with its unit, without the unit: a new place is one
    node however it is named ('Desa Blumbang', 'Blumbang'). A known place links by its
    knowledge-base id, which the unit word keeps apart where the kinds differ ('Kota
    Jambi', the city, is not the province Jambi: graphkit.ner.bounds.without_unit_word).

    English news names a region's unit after it ('Rakhine State'), Indonesian in two words
    before it ('negara bagian Rakhine').

    >>> place_key("desa blumbang"), place_key("kabupaten sumenep"), place_key("desa")
    ('blumbang', 'sumenep', 'desa')
    >>> place_key("rakhine state"), place_key("negara bagian rakhine")
    ('rakhine', 'rakhine')
    """
    unit, _, rest = key.partition(" ")
    if rest and unit in UNIT_WORDS:
        return rest
    if key.startswith("negara bagian "):  # a name key has no trailing space
        return key.removeprefix("negara bagian ")
    rest, _, unit = key.rpartition(" ")
    return rest if rest and unit in _UNIT_WORDS_AFTER else key


@lru_cache(maxsize=_CACHED_NAMES)
def name_key(text: str) -> str:
    """The key a name is matched on everywhere: normalised, leading titles stripped.

    >>> name_key("Presiden Vladimir Putin") == name_key("vladimir putin")
    True
    >>> name_key("PT Bank Permata Tbk"), name_key("PT Inalum ( Persero )")
    ('bank permata', 'inalum')
    >>> name_key("Bro Giring ' Nidji")
    'giring'
    >>> name_key("Mapolres Dharmasraya")
    'polres dharmasraya'
    """
    return _unit_for_headquarters(strip_legal_forms(_before_quote(normalize_name(
        strip_titles(text)))))


def _unit_for_headquarters(key: str) -> str:
    """A unit's headquarters ('ma-', markas) named with its region is the unit, as news
    uses them ('pembakaran Mapolres Dharmasraya', 'pelayanan Polres Dharmasraya')."""
    first, _, rest = key.partition(" ")
    unit = _HEADQUARTERS.get(first)
    return f"{unit} {rest}" if unit and rest else key


_HEADQUARTERS = {"mapolda": "polda", "mapolres": "polres", "mapolresta": "polresta",
                 "mapolsek": "polsek", "makodam": "kodam", "makorem": "korem",
                 "makodim": "kodim"}


def _before_quote(key: str) -> str:
    """A name without the nickname quoted after it: "giring ' nidji" is 'giring'."""
    words = key.split()
    for i, word in enumerate(words[1:], 1):
        if word in ("'", '"'):
            return " ".join(words[:i])
    return key


def has_legal_form(name: str) -> bool:
    """True for a company's name written with its legal form ('PT Media Bangun Bersama')."""
    key = normalize_name(name)
    return strip_legal_forms(key) != key


def strip_legal_forms(key: str) -> str:
    """A normalised name without a company's legal form before or after it ('pt', 'tbk');
    a legal form alone stays."""
    words = key.split()
    while len(words) > 1 and words[0].rstrip(".") in LEGAL_FORMS_BEFORE:
        words = words[1:]
    while len(words) > 1 and (words[-1].strip("().") in LEGAL_FORMS_AFTER
                              or not words[-1].strip("().")):  # 'pt inalum ( persero'
        words = words[:-1]
    return " ".join(words)


_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")


def acronym_after(text: str, position: int, words: tuple[str, ...]) -> str:
    """The acronym a name defines in brackets right after it, at `position` of `text`
    ('Pengadilan Kriminal Internasional (ICC)', 'Badan Perencanaan Pembangunan Nasional
    (Bappenas)'), or ''.

    >>> acronym_after("Kawasan Ekonomi Khusus (KEK) Mandalika", 22, ("kawasan", "ekonomi"))
    'KEK'
    """
    match = _ACRONYM_AFTER.match(text, position)
    if not match or match.group(1).casefold() in NOT_NAMES:
        return ""  # 'dolar Amerika Serikat (USD)': a currency's code, not the country's
    if is_acronym(match.group(1)) or is_syllabic_abbreviation(match.group(1), words):
        return match.group(1)
    return ""


def spells_acronym(short: str, words: tuple[str, ...]) -> bool:
    """True when `short` is made of the initials of the capitalised `words` ('Perjanjian
    Kerja Bersama' for PKB) or of their beginnings (`is_syllabic_abbreviation`: 'Kukar').

    >>> spells_acronym("PKB", ("Perjanjian", "Kerja", "Bersama"))
    True
    >>> spells_acronym("PKB", ("Muhaimin", "Iskandar"))
    False
    """
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return initials.casefold() == short.casefold() or is_syllabic_abbreviation(short, words)


def is_syllabic_abbreviation(short: str, words: tuple[str, ...]) -> bool:
    """True when `short` is made of the beginnings of two or more of `words`, in order and
    starting with the first word, as Indonesian shortens names ('Kukar' for 'Kutai
    Kartanegara', 'Bappenas' for 'Badan Perencanaan Pembangunan Nasional'); words may be
    left out ('dan').

    >>> is_syllabic_abbreviation("Kukar", ("kutai", "kartanegara"))
    True
    >>> is_syllabic_abbreviation("Kemenkeu", ("kementerian", "keuangan"))
    True
    >>> is_syllabic_abbreviation("Kutai", ("kutai", "kartanegara"))
    False
    """
    text = short.casefold()
    words = tuple(w.casefold() for w in words if w.isalpha())

    @cache
    def pieces(i: int, j: int) -> int:
        """Most pieces that spell text[i:] from words[j:] (-1: none); text[i:] starts
        with a beginning of words[j]."""
        if i == len(text):
            return 0
        best = -1
        word = words[j] if j < len(words) else ""
        for n in range(1, min(len(word), len(text) - i) + 1):
            if word[n - 1] != text[i + n - 1]:
                break
            rest = 0 if i + n == len(text) else max(
                (pieces(i + n, k) for k in range(j + 1, len(words))), default=-1)
            if rest >= 0:
                best = max(best, rest + 1)
        return best

    return len(text) >= 3 and bool(words) and pieces(0, 0) >= 2


def is_acronym(text: str) -> bool:
    """True for all-capital short forms such as 'AS', 'PBB', 'DK PBB', 'G7'."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(text) <= 12


@lru_cache(maxsize=_CACHED_NAMES)
def slugify(text: str) -> str:
    """A lowercase ASCII slug for ids, readable and unique for a name in any script.

    A name whose letters and digits are ASCII once accents are removed keeps the slug it
    always had; any other name is transliterated and gets a short hash of the name, so
    two names never share a slug because their letters were not ASCII.

    >>> slugify("Leif-Eric Easley"), slugify("Erdoğan")
    ('leif-eric-easley', 'erdogan')
    >>> slugify("Владимир Путин") != slugify("Сергей Лавров")
    True
    >>> slugify("Сергей Лавров")
    'sergey-lavrov-6d4e1116'
    """
    plain = strip_accents(text)
    if not _loses_letters(plain):
        return _ascii_slug(plain.encode("ascii", "ignore").decode())
    digest = hashlib.blake2b(unicodedata.normalize("NFC", text).encode("utf-8"),
                             digest_size=4).hexdigest()
    return _ascii_slug(anyascii(text)) + "-" + digest


def _ascii_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _loses_letters(text: str) -> bool:
    """True when dropping non-ASCII characters would drop a letter or a digit."""
    return not text.isascii() and any(not ch.isascii() and ch.isalnum() for ch in text)


def scripts(word: str) -> set[str]:
    """The scripts of a word's letters ('LATIN', 'CYRILLIC', 'GREEK', ...).

    >>> sorted(scripts("Рutin"))  # a Cyrillic 'Р' among Latin letters
    ['CYRILLIC', 'LATIN']
    """
    return {unicodedata.name(ch, "UNKNOWN").split()[0] for ch in word if ch.isalpha()}


def mixes_scripts(name: str) -> bool:
    """True when a word of `name` mixes letters of two scripts: a look-alike letter
    ('Рutin' with a Cyrillic 'Р') makes another name than the Latin one."""
    return any(len(scripts(word)) > 1 for word in name.split())
