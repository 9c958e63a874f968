"""Propose capitalised names that neither the knowledge base nor the model found."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

from spacy.lang.id.stop_words import STOP_WORDS as ID_STOP_WORDS
from spacy.tokens import Doc, Span, Token

from .names import is_title_word

DAYS_AND_MONTHS = frozenset(
    """
    senin selasa rabu kamis jumat jum'at sabtu minggu ahad monday tuesday wednesday
    thursday friday saturday sunday januari februari maret april mei juni juli agustus
    september oktober november desember january february march may june july august
    october december
    """.split()
)
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
ORG_HEADS = frozenset(
    """
    universitas institut pusat kementerian departemen badan dewan komisi komite partai
    bank lembaga organisasi asosiasi perusahaan kantor kedutaan angkatan tentara majelis
    mahkamah pengadilan parlemen kongres senat korps yayasan sekolah akademi fakultas
    perserikatan persatuan liga federasi serikat kepolisian kejaksaan komando markas
    kelompok gerakan front brigade harian koran grup pt institute university college
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


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Indonesian words news writes in lowercase, plus spaCy's Indonesian stop words."""
    path = resources.files("graphkit") / "data" / "common_words_id.txt"
    words = {w for w in path.read_text(encoding="utf-8").split() if not w.startswith("#")}
    return frozenset(words | set(ID_STOP_WORDS))


def propose_names(doc: Doc, taken: set[int]) -> Iterator[tuple[int, int, str]]:
    """(start, end, type) token spans of capitalised names outside the `taken` tokens.

    Title-case lines ("4. Bukan Hanya Menggertak Musuh") are skipped: there capitals
    say nothing about names."""
    for sentence in doc.sents:
        if is_headline(sentence) and is_title_case(t for t in sentence if t.i not in taken):
            continue
        run: list[Token] = []
        for token in sentence:
            if run and (token.i in taken or not _continues(run, token)):
                yield from _finish(run)
                run = []
            if token.i not in taken and (run or _starts_name(token)):
                run.append(token)
        yield from _finish(run)


def is_headline(sentence: Span) -> bool:
    """A line with no closing sentence punctuation ('4. Bukan Hanya Menggertak Musuh')."""
    return not any(t.text in {".", "!", "?"} for t in sentence[-3:])


def is_title_case(tokens: Iterable[Token]) -> bool:
    """True when nearly every word is capitalised, as in English-style headlines."""
    words = [t for t in tokens if t.is_alpha and t.lower_ not in CONNECTORS]
    capitals = sum(1 for t in words if t.text[:1].isupper())
    return len(words) >= 3 and capitals >= 0.8 * len(words)


def _is_capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and any(ch.isalpha() for ch in text) \
        and text.casefold() not in DAYS_AND_MONTHS


def _starts_name(token: Token) -> bool:
    return _is_capitalised(token) and _is_name_word(token)


def _is_name_word(token: Token) -> bool:
    """Function words ('Mereka', 'Untuk') and unit abbreviations never belong to a name."""
    lower = token.text.casefold()
    return lower not in NOT_NAMES and lower not in FUNCTION_WORDS


def _continues(run: list[Token], token: Token) -> bool:
    """Can `token` extend the current run of name tokens?"""
    previous = run[-1]
    if _is_capitalised(token):
        return _is_name_word(token)
    if token.text == "-" and not previous.whitespace_ and not token.whitespace_:
        return True  # Leif-Eric, Jong-un
    if previous.text == "-" and not previous.whitespace_ and (token.is_alpha or token.is_digit):
        return True  # Jong-un, Covid-19
    if token.lower_ in {"'s", "’s"} and not previous.whitespace_:
        return True
    return token.lower_ in CONNECTORS


def _finish(run: list[Token]) -> Iterator[tuple[int, int, str]]:
    common = common_words()
    while run and (_is_title(run[0]) or not _is_capitalised(run[0]) or (
            run[0].lower_ in common and run[0].lower_ not in ORG_HEADS | LOC_HEADS
            and not (len(run) > 1 and run[1].lower_ in {"'s", "’s"}))):
        run = run[1:]
    while run and not _is_capitalised(run[-1]) and not (len(run) > 2 and run[-2].text == "-"):
        run = run[:-1]
    if not run:
        return
    words = [t.lower_ for t in run if t.is_alpha]
    headed = len(words) > 1 and words[0] in ORG_HEADS | LOC_HEADS
    if not words or (all(w in common for w in words) and not headed):
        return
    if len(run) == 1 and (len(run[0].text) < 2 or run[0].lower_ in NOT_NAMES
                          or run[0].lower_ in ORG_HEADS | LOC_HEADS):
        return  # 'Partai' or 'Universitas' alone names nothing
    yield run[0].i, run[-1].i + 1, guess_type(words, common)


def _is_title(token: Token) -> bool:
    return is_title_word(token.text) and token.lower_ not in ORG_HEADS


def guess_type(words: list[str], common: frozenset[str] = frozenset()) -> str:
    """Entity type from head words: 'Universitas X' is an ORG, 'Lapangan X' a LOC; other
    multi-word names are people unless they contain ordinary words ('Asia Timur Laut').

    >>> guess_type(["lapangan", "kim", "il", "sung"]), guess_type(["mason", "richey"])
    ('LOC', 'PERSON')
    """
    if words[0] in ORG_HEADS or words[-1] in ORG_TAILS or "university" in words:
        return "ORG"
    if words[0] in LOC_HEADS:
        return "LOC"
    if len(words) > 1 and not any(w in common for w in words):
        return "PERSON"
    return "MISC"
