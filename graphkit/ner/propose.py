"""Propose capitalised names that neither the knowledge base nor the model found."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from spacy.attrs import ORTH, SPACY
from spacy.lang.id.stop_words import STOP_WORDS as ID_STOP_WORDS
from spacy.lexeme import Lexeme
from spacy.tokens import Doc

from ..dates import MONTH_NAMES, WEEKDAY_NAMES
from ..link.names import GIVEN_NAME_TITLES, is_title_word

DAYS_AND_MONTHS = frozenset(WEEKDAY_NAMES) | {name for names in MONTH_NAMES for name in names}
# Capitalised abbreviations that are common nouns or units, never entities on their own.
NOT_NAMES = frozenset("ktt wib wita wit utc gmt ceo cfo tv km kg mm usd rp vs ii iii iv".split())
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
    council committee agency ministry department bureau
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
    terusan jembatan menara masjid gereja candi zona
    """.split()
)
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
    paragames
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
# An event's head word ('Festival Film', 'Forum Kesatuan Rakyat') makes no person either,
# save 'Hari', a given name ('Hari Tanoesoedibjo').
NOT_PERSON_WORDS = (LAW_WORDS | EVENT_WORDS | PRODUCT_WORDS | OFFICE_WORDS | SLOGAN_WORDS
                    | (EVENT_HEADS - {"hari"}))
HEADS = ORG_HEADS | LOC_HEADS  # a word that opens the name of an organisation or place
TAILS = ORG_TAILS | LOC_TAILS  # a word that ends one
POSSESSIVES = frozenset({"'s", "’s"})


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


class Word(NamedTuple):
    """What the name rules need to know about one word (the same for every token of it)."""

    text: str
    lower: str  # spaCy's LOWER
    alpha: bool
    digit: bool
    capitalised: bool  # starts with a capital, has a letter, is not a day or month
    name_word: bool  # not a function word or unit ('Mereka', 'Untuk', 'KM')
    title: bool  # a role word ('Presiden') that is not an organisation head


class WordFacts:
    """`Word`s by spaCy lexeme id, each worked out once: the name rules look at every
    token of every sentence, and spaCy's `Token` properties cost more than a dict lookup.
    A document that finds more than `size` words kept starts the cache again (frequent
    words come straight back), so it holds at most `size` plus one document's words: a
    bound on memory for corpora of any size (benchmarks/scale.md measures the peak)."""

    def __init__(self, size: int = 100_000) -> None:
        self.size = size
        self.words: dict[int, Word] = {}

    def of_doc(self, doc: Doc) -> list[Word]:
        """One `Word` per token of `doc`."""
        words, vocab = self.words, doc.vocab
        if len(words) > self.size:
            words.clear()
        found = []
        for orth in doc.to_array(ORTH).tolist():
            word = words.get(orth)
            if word is None:
                word = words[orth] = _word(vocab[orth])
            found.append(word)
        return found


def _word(lexeme: Lexeme) -> Word:
    text, lower, folded = lexeme.orth_, lexeme.lower_, lexeme.orth_.casefold()
    lower = text if lower == text else lower  # one string, not two equal ones
    capitalised = text[:1].isupper() and any(ch.isalpha() for ch in text) \
        and folded not in DAYS_AND_MONTHS
    return Word(text, lower, lexeme.is_alpha, lexeme.is_digit, capitalised,
                folded not in NOT_NAMES and folded not in FUNCTION_WORDS,
                is_title_word(text) and lower not in ORG_HEADS)


HEADLINE_TOKENS = 40  # longer title-case "sentences" are not headlines (lists of names)


def propose_names(doc: Doc, taken: set[int], facts: WordFacts | None = None
                  ) -> Iterator[tuple[int, int, str]]:
    """(start, end, type) token spans of capitalised names outside the `taken` tokens
    (`facts`: a cache of word facts to reuse across documents).

    Title-case lines ("4. Bukan Hanya Menggertak Musuh") are skipped: there capitals
    say nothing about names. A headline is short: a long run of capitalised words with no
    sentence end (a list of names on one line) is read for names."""
    words = (facts or WordFacts()).of_doc(doc)
    spaced = doc.to_array(SPACY).tolist()  # 1: whitespace follows the token
    for sentence in doc.sents:
        tokens = range(sentence.start, sentence.end)
        if len(tokens) <= HEADLINE_TOKENS and is_headline(
                [words[i].text for i in tokens[-3:]]) and is_title_case(
                [words[i] for i in tokens if i not in taken]):
            continue
        run: list[int] = []
        for i in tokens:
            if run and (i in taken or not _continues(words, spaced, run[-1], i)):
                yield from _finish(words, run)
                run = []
            if i not in taken and (run or (words[i].capitalised and words[i].name_word)):
                run.append(i)
        yield from _finish(words, run)


def is_headline(last_words: list[str]) -> bool:
    """A line whose last three words have no closing sentence punctuation ('4. Bukan
    Hanya Menggertak Musuh')."""
    return not any(text in {".", "!", "?"} for text in last_words)


def is_title_case(words: Iterable[Word]) -> bool:
    """True when nearly every word is capitalised, as in English-style headlines."""
    counted = [w for w in words if w.alpha and w.lower not in CONNECTORS]
    capitals = sum(1 for w in counted if w.text[:1].isupper())
    return len(counted) >= 3 and capitals >= 0.8 * len(counted)


def _continues(words: list[Word], spaced: list[int], previous: int, token: int) -> bool:
    """Can token `token` extend the run of name tokens that ends at `previous`?"""
    word, before = words[token], words[previous]
    if word.capitalised:
        return word.name_word
    if word.text == "-" and not spaced[previous] and not spaced[token]:
        return True  # Leif-Eric, Jong-un
    if before.text == "-" and not spaced[previous] and (word.alpha or word.digit):
        return True  # Jong-un, Covid-19
    if word.lower in POSSESSIVES and not spaced[previous]:
        return True
    return word.lower in CONNECTORS


def _finish(words: list[Word], run: list[int]) -> Iterator[tuple[int, int, str]]:
    common = common_words()
    while run and ((words[run[0]].title and not _given_name(words, run)) or
                   not words[run[0]].capitalised or (
            words[run[0]].lower in common and words[run[0]].lower not in HEADS
            and not (len(run) > 1 and words[run[1]].lower in POSSESSIVES))):
        run = run[1:]
    while run and not words[run[-1]].capitalised and not (
            len(run) > 2 and words[run[-2]].text == "-"):
        run = run[:-1]
    if not run:
        return
    names = [words[i].lower for i in run if words[i].alpha]
    headed = len(names) > 1 and names[0] in HEADS
    if not names or (all(w in common for w in names) and not headed):
        return
    first = words[run[0]]
    if len(run) == 1 and (len(first.text) < 2 or first.lower in NOT_NAMES
                          or first.lower in HEADS):
        return  # 'Partai' or 'Universitas' alone names nothing
    yield run[0], run[-1] + 1, guess_type(names, common)


def guess_type(words: list[str], common: frozenset[str] = frozenset()) -> str:
    """Entity type from head words: 'Universitas X' is an ORG, 'Lapangan X' a LOC; other
    multi-word names are people unless they contain ordinary words ('Asia Timur Laut') or
    are all English common words ('Quiet Place').

    >>> guess_type(["lapangan", "kim", "il", "sung"]), guess_type(["mason", "richey"])
    ('LOC', 'PERSON')
    """
    if any(w in EVENT_WORDS for w in words[1:]) and words[0] in ORG_HEADS:
        return "EVENT"  # 'Liga Champions'; 'Liga Arab' is an organisation
    if words[0] in ORG_HEADS or words[-1] in ORG_TAILS or "university" in words:
        return "ORG"
    if words[0] in LOC_HEADS:
        return "LOC"
    if any(w in EVENT_WORDS for w in words):
        return "EVENT"
    if len(words) > 1 and words[0] != "the" and not any(
            w in common or w in NOT_PERSON_WORDS or _office_title(w) for w in words) and not all(
            w in english_words() for w in words):
        return "PERSON"
    return "MISC"


def _given_name(words: list[Word], run: list[int]) -> bool:
    """A title that opens a name of three or more capitalised words is a given name
    ('Ratu Atut Chosiyah', 'Imam Nahrawi Hasan'); 'Ratu Elizabeth' keeps her title out."""
    return words[run[0]].lower in GIVEN_NAME_TITLES and sum(
        1 for i in run[1:] if words[i].capitalised) >= 2


def _office_title(word: str) -> bool:
    """A role word ('jenderal', 'menteri') that is not also a given name ('Imam')."""
    return word not in GIVEN_NAME_TITLES and is_title_word(word)
