"""Where a span begins and ends: titles trimmed, glued names split, hyphenated ones joined."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from ..link.names import (
    GIVEN_NAME_TITLES,
    RANK_FOLLOWERS,
    RANK_WORDS,
    TITLE_FOLLOWERS,
    UNIT_WORDS,
    follows_title,
    is_acronym,
    is_title_word,
    is_unit_of,
    spells_acronym,
)
from ..words import (
    CONNECTORS,
    DAYS_AND_MONTHS,
    EVENT_HEADS,
    HEADS,
    HEIRLOOM_HONORIFICS,
    HEIRLOOM_KINDS,
    LOC_HEADS,
    LOC_TAILS,
    NAME_PREFIXES,
    NATIONAL_NAMES,
    NOT_NAMES,
    NOT_PERSON_WORDS,
    OCCASION_WORDS,
    OFFICE_WORDS,
    ORG_HEADS,
    ORG_TAILS,
    STATE_ORGAN_HEADS,
    TAILS,
    TWO_WORD_HEADS,
    common_words,
    is_letter_label,
)
from .tokenizer import GLUED_MARKS

# Words that open a name even when they are ordinary words ("Perang Dunia II").
OPENING_HEADS = HEADS | EVENT_HEADS
# Title words that name a portfolio, not a person: they end organisation names
# ('Kementerian Dalam Negeri', 'Departemen Luar Negeri'), so trimming never cuts them.
_PORTFOLIO_WORDS = frozenset("dalam luar negeri pertahanan keuangan".split())
# Buildings and offices named by the organisation that owns them ('Gedung KPK', 'Kantor
# DPP PKB') or with it ('Gedung Merah Putih KPK').
_OWNED_PLACE_HEADS = frozenset("gedung kantor markas".split())
# Words naming an organ of an organisation between an office and its owner ('Kantor Dewan
# Pengurus Pusat Partai Kebangkitan Bangsa').
_ORGAN_WORDS = ORG_HEADS | OFFICE_WORDS | frozenset("pengurus dpp dpw dpd".split())
# Nouns of a role a name follows with 'dari' ('Pengamat politik dari Universitas Gadjah Mada
# Erwan Agus Purwanto') that are no titles of their own.
_ROLE_NOUNS = frozenset("pengamat dosen ekonom politikus politisi".split())
Candidate = tuple[int, int, str, str]  # start token, end token, type, source


def without_unit_word(doc: Doc, span: Candidate, owners: dict[tuple[int, int], str],
                       kb_types: dict[tuple[int, int], str]) -> Candidate:
    """A place named with its administrative unit is a place, and the unit word is part of
    its name (as idner-news-2k and NERGRIT mark it): 'Desa Blumbang' is a GPE; 'Kota Medan'
    is the known city Medan and carries its knowledge-base id in `owners`, but 'Kabupaten
    Bogor' is not the city Bogor, so a known rest lends its id only to the unit of its kind;
    lowercase too ('desa Tinukari'). A railway line ('KA Madiun') is no part of the place's
    name and goes. A whole that is a known name of its own stays as it is ('Kota Jambi' is
    the city, 'Jambi' the province; 'Pulau Dewata' is Bali)."""
    start, end, label, source = span
    word = doc[start]
    if end - start < 2 or not doc[start + 1].text[:1].isupper() or not (
            word.lower_ in UNIT_WORDS or word.text == "KA"):
        return span
    whole, rest = owners.get((start, end)), owners.get((start + 1, end))
    if whole:
        return span
    place = "LOC" if word.lower_ == "pulau" else "GPE"
    if word.text == "KA":
        if rest:
            return start + 1, end, kb_types.get((start + 1, end), label), "kb"
        return start + 1, end, place, source
    if rest and is_unit_of(word.lower_, rest):
        owners[(start, end)] = rest
        return start, end, kb_types.get((start + 1, end), label), "kb"
    return start, end, place, "model" if source == "kb" else source


def spaced_words(doc: Doc, start: int, end: int) -> int:
    """How many words tokens start..end are, a word being what spaces separate: 'K-Pop',
    'J-Hope' and 'Irianto-Tatang' are one word of three tokens, 'Mason Richey' two."""
    return 1 + sum(1 for i in range(start, end - 1) if doc[i].whitespace_)


_TITLE_QUOTE = 12  # tokens: a quoted title is short
_DOUBLE_QUOTES = frozenset({'"', "“", "”", "''", "``", "„", "‘", "’"})  # curly singles too


def _between_quotes(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end are all that stands between two quote marks."""
    return start > 0 and end < len(doc) and doc[start - 1].is_quote and doc[end].is_quote


def quoted(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end stand between quote marks ("berjudul ''Chicken Noodle Soup''"), or
    inside a short quoted title in title case ('" Tell Me Your Wish ( Genie ) "', '" Together
    We Build , Together We Can "'). A quoted statement holds lowercase words: the names in
    it are names ('" Saya bertemu Prabowo kemarin , " kata Jokowi')."""
    if _between_quotes(doc, start, end):
        return True
    opening = next((i for i in range(start - 1, max(-1, start - _TITLE_QUOTE), -1)
                    if _double_quote(doc[i])), None)
    closing = next((i for i in range(end, min(len(doc), end + _TITLE_QUOTE))
                    if _double_quote(doc[i])), None)
    if opening is None or closing is None or closing - opening > _TITLE_QUOTE:
        return False
    words = [t for t in doc[opening + 1:closing] if t.is_alpha and t.lower_ not in CONNECTORS]
    return all(t.text[:1].isupper() for t in words)


def in_quoted_title(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end are part of a short quoted title, not all of it: 'JDIH Nasional Dalam
    Rangka Percepatan Reformasi Hukum' of "bertema ‘Penguatan JDIH Nasional ...’" (the
    theme of an event). A whole quoted name ('“Gerakan Indonesia Bersih”') is not."""
    return not _between_quotes(doc, start, end) and quoted(doc, start, end)


def _double_quote(token: Any) -> bool:
    """A double or curly single quote mark (a straight apostrophe is no quote: "Yoyo ' ini")."""
    return token.text in _DOUBLE_QUOTES


def tail_type(doc: Doc, index: int) -> str:
    """'ORG' or 'LOC' when token `index` is a noun that ends such names ('Club', 'Tower')."""
    word = doc[index].lower_
    return "ORG" if word in ORG_TAILS else "LOC" if word in LOC_TAILS else ""


# Words that qualify an office after its organisation ('Wakil Ketua DPRD DKI Jakarta
# Sementara Syarif': the interim deputy chair; 'Presiden Terpilih'): no part of a name.
_TITLE_QUALIFIERS = frozenset("sementara terpilih nonaktif definitif".split())


def trim_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading title words ('Presiden', 'Irjen Pol'), occasion words ('HUT' of 'HUT
    RI': the anniversary of the republic) and web addresses ('Kepada CNNIndonesia.com
    Jefri'), and lowercase words after a name ('VW Beetle
    hitam'; a lowercase name alone stays: 'wahidin' in a quote), punctuation, numbers, days
    and months at the end ('Pyongyang 24', 'Kim September'); a number written as a
    capitalised word ends many names ('Nusa Dua', 'Kelapa Dua', 'Petak Sembilan') and stays,
    as does the number of a numbered place or body ('SMAN 1', 'Desa Wanga 2', 'Densus 88'),
    and a title that is also a given name after a name ('Tatang Farhanul Hakim'). A name
    ends before 'se-' ('all of': 'Polri se-Indonesia', 'Kapolda se-Jawa Timur') and before
    punctuation glued to the next word ('Persija U-20.,Sementara')."""
    title = doc[start - 1].text if start > 0 and is_title_word(doc[start - 1].text) else ""
    while start < end:
        token = doc[start]
        if not (_leading_title(doc, start, end) or token.is_punct or (
                title and follows_title(title, token.text))
                or token.lower_ in OCCASION_WORDS or (token.like_url and end - start > 1)):
            break
        if not token.is_punct and token.lower_ not in OCCASION_WORDS:
            title = token.text
        start += 1
    end = _before_glued_punctuation(doc, start, _before_distributive(doc, start, end))
    while end > start and _no_name_end(doc, start, end - 1):
        end -= 1
    return start, end


def _no_name_end(doc: Doc, start: int, last: int) -> bool:
    """Token `last` cannot end the name that starts at `start` (trim_span)."""
    token = doc[last]
    word = token.lower_
    return (token.is_punct or (token.like_num and not token.is_title
                               and not _numbered(doc, start, last))
            or word in DAYS_AND_MONTHS or word in _TITLE_QUALIFIERS
            or (is_title_word(token.text) and word not in _PORTFOLIO_WORDS
                and not _given_name_after_name(doc, start, last))
            or (last > start and _lowercase_word(doc, last)))


def _before_distributive(doc: Doc, start: int, end: int) -> int:
    """Where a span ends before the distributive prefix 'se-' glued to a place ('TNI/Polri
    se-Indonesia' is the police of all Indonesia): no name goes on over it."""
    for i in range(start + 1, end - 1):
        if doc[i].lower_ == "se" and doc[i + 1].text == "-" and not doc[i].whitespace_:
            return i
    return end


def _before_glued_punctuation(doc: Doc, start: int, end: int) -> int:
    """Where a span ends before a run of punctuation glued to the next word, as scraped text
    joins paragraphs ('pelatih Persija U-20.,Sementara Ismed': the tokenizer splits '.,' off,
    graphkit.ner.tokenizer, but the model may still run a name over it)."""
    for i in range(start + 1, end - 1):
        if not doc[i].whitespace_ and GLUED_MARKS.fullmatch(doc[i].text):
            return i
    return end


def _numbered(doc: Doc, start: int, index: int) -> bool:
    """Token `index` is a small whole number ending a name that opens with a head word or an
    acronym ('Kampung Masigi 1', 'SMAN 1') or an age group's ('Timnas Indonesia U-16',
    'Persija U - 20'); after a bare name it is a date ('Pyongyang 24')."""
    first = doc[start]
    return (doc[index].is_digit and len(doc[index]) <= 3 and index > start
            and (first.lower_ in OPENING_HEADS or (first.is_upper and first.is_alpha
                                                    and len(first) >= 2)
                 or _age_group(doc, start, index)))


def _age_group(doc: Doc, start: int, index: int) -> bool:
    """'U - 16' of a youth team: a capital U and a hyphen before the number."""
    return index - start >= 3 and doc[index - 1].text == "-" and doc[index - 2].text == "U"


def _given_name_after_name(doc: Doc, start: int, index: int) -> bool:
    """Token `index` is a title that is also a given name ('Hakim', 'Putri') right after a
    capitalised word of the span: a name does not end with its bearer's title."""
    before = doc[index - 1]
    return (doc[index].lower_ in GIVEN_NAME_TITLES and index > start and before.is_alpha
            and before.is_title and before.lower_ not in HEADS
            and before.lower_ not in common_words())


def _lowercase_word(doc: Doc, index: int) -> bool:
    """A lowercase word that is no connector of a name ('VW Beetle hitam', 'Anji eks'); a
    lowercase part glued on by a hyphen is part of the name ('Kim Jong - un' as IndoSum
    writes it, 'Jong-un')."""
    token = doc[index]
    return (token.is_alpha and token.is_lower and token.lower_ not in CONNECTORS
            and not (index > 0 and doc[index - 1].text in ("-", "–")))


def before_lowercase_word(doc: Doc, start: int, end: int) -> int:
    """Where a person's name ends when the model ran it on over a lowercase word: 'Anji eks
    Drive' (formerly of the band Drive) is 'Anji'."""
    for i in range(start + 1, end):
        if _lowercase_word(doc, i):
            return i
    return end


def _leading_title(doc: Doc, start: int, end: int) -> bool:
    """A title word opening a model span, unless it is also a given name followed by a
    capitalised word ('Imam Nahrawi', 'Ratu Atut Chosiyah'): the model took it in."""
    word = doc[start]
    if not is_title_word(word.text):
        return False
    return not (word.lower_ in GIVEN_NAME_TITLES and start + 1 < end
                and doc[start + 1].text[:1].isupper())


def extend_hyphenated(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """'Leif-' + 'Eric Easley': take in a capitalised part glued on by a hyphen."""
    while (start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_
           and not doc[start - 2].whitespace_ and doc[start - 2].text[:1].isupper()
           and doc[start - 2].is_alpha):
        start -= 2
    return start, end


def pair_parts(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """A pair of people written with a spaced hyphen is two names: 'Wahidin - Andika' (a
    governor and his deputy) gives 'Wahidin' and 'Andika'; so is a route between two
    places ('Bandar Tinggi - Kuala Tanjung'). A hyphen without spaces joins one name
    ('Leif-Eric'), and a lowercase side is part of a name ('Kim Jong - un')."""
    if label not in ("PERSON", "GPE", "LOC"):
        return [(start, end)]
    for i in range(start + 1, end - 1):
        if _spaced_hyphen(doc, i) and doc[i - 1].is_title and doc[i + 1].is_title:
            return [(start, i), *pair_parts(doc, i + 1, end, label)]
    return [(start, end)]


def pair_partners(doc: Doc, spans: list[Candidate], taken: set[int]) -> list[Candidate]:
    """The other side of a pair written with a spaced hyphen when only one side was found:
    'Kroya - Kutoarjo' (a railway segment), 'Thobias - Hermaus' (a candidate pair); the
    partner is one or two name-like words and takes the found side's type. A known name's
    side is left alone: 'Jakarta - Budi' is a dateline, no pair."""
    partners = []
    for start, end, label, source in spans:
        if source == "kb":
            continue
        if end + 1 < len(doc) and _spaced_hyphen(doc, end):
            last = end + 1
            while last < min(len(doc), end + 3) and last not in taken and _given_name(doc[last]):
                last += 1
            if last > end + 1:
                partners.append((end + 1, last, label, "rule"))
        if start >= 2 and _spaced_hyphen(doc, start - 1):
            first = start - 1
            while first > max(0, start - 3) and first - 1 not in taken and \
                    _given_name(doc[first - 1]):
                first -= 1
            if first < start - 1:
                partners.append((first, start - 1, label, "rule"))
    return partners


def _spaced_hyphen(doc: Doc, index: int) -> bool:
    """Token `index` is a hyphen or dash with spaces on both sides ('Kroya - Kutoarjo')."""
    return (doc[index].text in ("-", "–") and index > 0 and bool(doc[index - 1].whitespace_)
            and bool(doc[index].whitespace_))


def after_leading_place(start: int, end: int, places: set[tuple[int, int]]) -> int:
    """'Spanyol Mariano Rajoy' tagged as one person starts with a known country: skip it."""
    for place_start, place_end in places:
        if place_start == start and end - place_end >= 2:
            return place_end
    return start


def unglue_person(doc: Doc, start: int, end: int, label: str,
                   kb_types: dict[tuple[int, int], str]) -> tuple[int, int, str]:
    """A person's name the model ran together with an organisation's or place's known
    name keeps the person: after a title, 'Direktur Utama Bank Mandiri Kartika
    Wirjoatmodjo' gives 'Kartika Wirjoatmodjo' (after a place's unit word too: 'Kepala
    Dinas ... Kabupaten Banyumas Deskart Sotyo Jatmiko' gives 'Deskart Sotyo Jatmiko');
    'Menurut Erwan Partai Demokrat perlu ...' gives 'Erwan' (a trailing known name of two
    words or more: 'Repsol Honda' stays); a person the model found that opens with a known
    organisation's name and goes on with two or more name words is the person ('atau Walhi
    Nur Hidayati'). The known name is a candidate of its own."""
    unit_end = _after_unit_word(doc, start, end)
    for (known_start, known_end), kind in kb_types.items():
        if kind not in ("ORG", "GPE", "LOC") or not start <= known_start < known_end <= end:
            continue
        after_unit = known_start == unit_end > start
        if (known_start == start or after_unit) and known_end < end and _person_words(
                doc, known_end, end) and not _holds_known_name(known_end, end, kb_types) and (
                after_unit or after_title(doc, start) or (
                label == "PERSON" and kind == "ORG" and end - known_end >= 2)):
            return known_end, end, "PERSON"
        if (label == "PERSON" and known_end == end and start < known_start
                and known_end - known_start > 1 and _person_words(doc, start, known_start)):
            return start, known_start, "PERSON"
    return start, end, label


def _holds_known_name(start: int, end: int, kb_types: dict[tuple[int, int], str]) -> bool:
    """Some known name lies in tokens start..end: 'Daerah Jawa Barat' after 'Dewan
    Perwakilan Rakyat' names a place, no person."""
    return any(start <= known_start and known_end <= end for known_start, known_end in kb_types)


def with_given_names(doc: Doc, start: int, named: set[int], known: bool = False) -> int:
    """Where a person's name starts when the model found only its last words: up to two
    name-like words right before them, where a name may start ('Kombes Pol Waris Anggono',
    'Direktur Utama SMBC Indonesia Kazuhiza Miyagawa', '. Septian David Maulana'); a
    title, an ordinary word, an acronym or a word of another name ends the search. A title
    that is also a given name opens the name there, a month inside it ('Puteri Indonesia
    2007 , Putri Raesmawasti', 'Sekjen PSI , Raja Juli Antoni'), unless what the model
    found is a `known` name ('. Raja Salman': the king)."""
    first = start
    while first > max(0, start - 2) and first - 1 not in named and (
            _given_name(doc[first - 1]) or _inner_month(doc, first - 1)):
        first -= 1
    if (not known and first > 0 and first - 1 not in named and doc[first - 1].is_title
            and doc[first - 1].lower_ in GIVEN_NAME_TITLES):
        first -= 1
    while first < start and doc[first].lower_ in DAYS_AND_MONTHS:
        first += 1  # a month opens no name
    return first if first == start or _name_slot(doc, first, named) else start


def _inner_month(doc: Doc, index: int) -> bool:
    """A capitalised month between name words ('Juli' of 'Raja Juli Antoni'), as some
    people are named; at a name's start it is a date, and is dropped."""
    return (doc[index].is_title and doc[index].lower_ in DAYS_AND_MONTHS and index > 0
            and doc[index - 1].is_title and doc[index - 1].is_alpha)


def _name_slot(doc: Doc, start: int, named: set[int]) -> bool:
    """A name may start at token `start`: it opens a sentence or follows punctuation, a
    rank's follower ('Kombes Pol') or another name. After a title or an ordinary word the
    capitalised word is as often an organisation or a portfolio ('Direktur Imparsial',
    'Menteri Pekerjaan Umum dan Perumahan Rakyat'), so the model's start stays."""
    if start == 0 or doc[start].is_sent_start:
        return True
    before = doc[start - 1]
    return before.is_punct or start - 1 in named or before.lower_ in TITLE_FOLLOWERS


def _given_name(token: Any) -> bool:
    """A capitalised word that may be a given name: not a title or its follower ('Pol' of
    'Kombes Pol', 'Agung' of 'Jaksa Agung'; 'Agung' of 'Irjen Pol Agung Budi' is one), a
    ministry's portfolio ('Agama' of 'Menteri Agama'), an ordinary word, a day or month, an
    acronym or a word opening or ending another kind of name."""
    word = token.lower_
    return (token.is_alpha and token.is_title and not is_title_word(token.text)
            and word not in RANK_FOLLOWERS
            and not (word in TITLE_FOLLOWERS and token.i > 0
                     and follows_title(token.doc[token.i - 1].text, token.text))
            and word not in common_words()
            and word not in DAYS_AND_MONTHS
            and word not in HEADS and word not in TAILS and word not in NOT_PERSON_WORDS)


def _after_unit_word(doc: Doc, start: int, end: int) -> int:
    """Where a span's place starts: after its unit word ('Kabupaten Banyumas ...'), if any."""
    return start + 1 if end - start > 2 and doc[start].lower_ in UNIT_WORDS else start


def after_title(doc: Doc, start: int) -> bool:
    """A title right before token `start` ('Direktur Utama'), or a title and 'dari' ('Pengamat
    politik dari')."""
    before = doc[start - 1] if start > 0 else None
    if before is None:
        return False
    if is_title_word(before.text) or before.lower_ in TITLE_FOLLOWERS:
        return True
    return before.lower_ == "dari" and any(
        is_title_word(t.text) or t.lower_ in _ROLE_NOUNS for t in doc[max(0, start - 4):start])


def _person_words(doc: Doc, start: int, end: int) -> bool:
    """One to four capitalised words that may be a person's name: no title, no head or
    tail of an organisation's or place's name, and the last one no ordinary word."""
    if not 1 <= end - start <= 4 or doc[end - 1].lower_ in common_words():
        return False
    return all(doc[i].is_alpha and doc[i].text[:1].isupper() and not is_title_word(doc[i].text)
               and doc[i].lower_ not in HEADS and doc[i].lower_ not in TAILS
               for i in range(start, end))


def cut_to_known(doc: Doc, start: int, end: int,
                  kb_bounds: set[tuple[int, int]]) -> tuple[int, int]:
    """'Korea Utara Demikian' is 'Korea Utara': a known name followed only by ordinary
    words (run-on sentences) is cut back to the known name."""
    common = common_words()
    for known_start, known_end in kb_bounds:
        if known_start == start and start < known_end < end and all(
                doc[i].lower_ in common and doc[i].lower_ not in TAILS
                for i in range(known_end, end)):
            return start, known_end
    return start, end


def split_model_span(doc: Doc, start: int, end: int, places: set[tuple[int, int]],
                      known: set[tuple[int, int]]) -> tuple[int, int]:
    """Keep the name in a model span that ran too far: up to an opening bracket
    ('Perserikatan Bangsa-Bangsa ( PBB'), after an inner title ('Qatar Sheikh Tamim ...') save
    in a place named after a titled person ('Jalan Gubernur Suryo'),
    without leading ordinary words ('Nasib Muslim Rohingya'), and without a trailing known
    place unless the name is a state organ ('Bandara Vnukovo' in 'Bandara Vnukovo Moskow',
    but 'Kementerian Pertahanan Korea Selatan') or an organisation whose name without the
    place is not a known name ('Bursa Efek Indonesia', 'Partai Keadilan dan Persatuan
    Indonesia'; but 'Universitas Nasional Kongju' + 'Korea Selatan')."""
    for i in range(start, end):
        if doc[i].text in "([{":
            end = i
            break
    if start < end and doc[start].lower_ not in LOC_HEADS:  # 'Jalan Jenderal Sudirman'
        for i in range(start + 1, end - 1):
            if _inner_title(doc, i):
                start = i + 1
    common = common_words()
    if start < end and not _name_word_inside(doc, start):
        while (end - start > 1 and doc[start].lower_ in common
               and doc[start].lower_ not in OPENING_HEADS
               and doc[start].lower_ not in NAME_PREFIXES
               and doc[start:start + 2].text.lower() not in TWO_WORD_HEADS):
            start += 1
    if end - start > 2 and doc[start].lower_ not in STATE_ORGAN_HEADS:
        for place_start, place_end in places:
            if (place_end == end and start + 2 <= place_start
                    and _names_before(doc, start, place_start)
                    and not _place_in_name(doc, start, place_start, known)):
                end = place_start
                break
    return trim_span(doc, start, end)


def _inner_title(doc: Doc, index: int) -> bool:
    """Token `index` inside a model span is a title the name after it follows ('Qatar Sheikh
    Tamim'), not a given name that is also a title ('Imam'), a portfolio ('Luar Negeri') or
    an initial after a given name ('Yasonna H Laoly', 'Irianto MS Syaifuddin')."""
    token = doc[index]
    if not token.text[:1].isupper() or not is_title_word(token.text):
        return False
    if token.lower_ in GIVEN_NAME_TITLES | _PORTFOLIO_WORDS:
        return False
    return not (token.is_upper and len(token) <= 3 and doc[index - 1].is_title)


def _names_before(doc: Doc, start: int, place_start: int) -> bool:
    """The words before a trailing place name something without it: a word that is no
    head and no ordinary word ('Vnukovo' of 'Bandara Vnukovo Moskow'), and no number right
    before the place ('SMAN 4 Kendari' and 'Bandar Udara Wamena' are named by their place)."""
    if doc[place_start - 1].like_num:
        return False
    common = common_words()
    return any(doc[i].is_alpha and doc[i].lower_ not in common and doc[i].lower_ not in HEADS
               for i in range(start, place_start))


def _place_in_name(doc: Doc, start: int, place_start: int,
                   known: set[tuple[int, int]]) -> bool:
    """A place ending an organisation's name ('Bursa Efek Indonesia') or following an
    organisation head or a connector ('Partai Keadilan dan Persatuan Indonesia') is part of
    the name, unless what comes before it is a known name; 'Bandara Vnukovo Moskow' is not.
    The country Indonesian organisations end their names with is part of any name
    ('Ikatan Ahli Perencanaan Indonesia')."""
    before = doc[place_start - 1].lower_
    if doc[place_start].lower_ in NATIONAL_NAMES and (start, place_start) not in known:
        return True
    return (doc[start].lower_ in ORG_HEADS and (start, place_start) not in known) or (
        before in ORG_HEADS or before in CONNECTORS)


def _name_word_inside(doc: Doc, index: int) -> bool:
    """A common word the model took into a name is part of it when it is capitalised in
    the middle of a sentence, after a word ('pimpinan KPK Bibit Samad Riyanto', 'mantan
    Ketua KPK Bibit Samad Riyanto', 'band Pink Floyd'): there only a name explains the
    capital. Opening a sentence or after punctuation it is not ('Nasib Muslim Rohingya')."""
    word, before = doc[index], doc[index - 1] if index else None
    if before is None or word.is_sent_start or not word.text[:1].isupper() or word.is_upper:
        return False
    return before.is_alpha


def join_hyphenated(doc: Doc, spans: list[Candidate],
                     kb_types: dict[tuple[int, int], str]) -> list[Candidate]:
    """'Leif' + '-' + 'Eric Easley' from the model is one name: join same-type model spans
    around a hyphen written without spaces, unless both are known names ('Korea Utara-Rusia')."""
    joined: list[Candidate] = []
    for span in spans:
        if joined:
            last = joined[-1]
            hyphen = doc[last[1]] if last[1] < len(doc) else None
            if (hyphen is not None and hyphen.text == "-" and span[0] == last[1] + 1
                    and not doc[last[1] - 1].whitespace_ and not hyphen.whitespace_
                    and last[3] == span[3] == "model" and last[2] == span[2]
                    and not tiled_by(doc, last[0], span[1], kb_types)):
                joined[-1] = (last[0], span[1], last[2], "model")
                continue
        joined.append(span)
    return joined


def tiled_by(doc: Doc, start: int, end: int, known: dict[tuple[int, int], str],
             label: str = "") -> bool:
    """True when tokens start..end are two or more known names, hyphens in between
    ('AS-Korea Selatan', 'Putin-Kim', 'Hamas Palestina'), except a person the model found
    whose name starts with a known person's and goes on, by a space, with a known name of
    another type: 'Widodo AS' is a person, not a person and the country AS."""
    position, types, hyphens = start, [], False
    pieces = 0
    while position < end:
        if doc[position].text == "-" and pieces:
            position, hyphens = position + 1, True
            continue
        nxt = max(((s, e) for s, e in known if s == position and e <= end),
                  key=lambda b: b[1], default=None)
        if nxt is None:
            return False
        position, pieces = nxt[1], pieces + 1
        types.append(known[nxt])
    person = label == "PERSON" and types[:1] == ["PERSON"] and set(types) != {"PERSON"}
    return pieces >= 2 and (hyphens or not person)


def no_name(doc: Doc, start: int, end: int, known: set[tuple[int, int]]) -> bool:
    """True for a span that names nothing: a common noun's abbreviation ('NPL', 'NPL
    Gross', 'LRT'), unless a known name follows it ('LRT Jakarta'), or a kind word and a
    letter ('Grup B')."""
    if doc[start].lower_ in NOT_NAMES:
        return not any(start < s and e <= end for s, e in known)
    return end - start == 2 and is_letter_label(doc[start].text, doc[start + 1].text)


def without_owner(doc: Doc, start: int, end: int,
                  kb_types: dict[tuple[int, int], str]) -> tuple[int, int]:
    """A building or office named with the known organisation that owns it at its end: the
    building's own name without the owner, which is a name of its own ('Gedung Merah Putih'
    + 'KPK'); the office of one of the owner's organs is the owner's place, no name of its
    own ('Kantor Dewan Pengurus Pusat Partai Kebangkitan Bangsa': the party remains). A
    building named only by its owner is a place ('Gedung MK') and stays."""
    if end - start < 3 or doc[start].lower_ not in _OWNED_PLACE_HEADS:
        return start, end
    owner = min((s for (s, e), kind in kb_types.items()
                 if kind == "ORG" and e == end and start + 1 < s), default=None)
    if owner is None:
        return start, end
    return start, start if office_of_organ(doc, start, owner) else owner


def office_of_organ(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end are an office or building word and words naming an organ of an
    organisation ('Kantor Dewan Pengurus Pusat', 'Kantor DPP'): the place of the known
    organisation that follows, no name of its own."""
    return end - start > 1 and doc[start].lower_ in _OWNED_PLACE_HEADS and all(
        doc[i].lower_ in _ORGAN_WORDS for i in range(start + 1, end))


def with_heirloom_kind(doc: Doc, start: int, end: int, label: str) -> tuple[int, str]:
    """(start, type) of a name the model found after an heirloom's kind and honorific: the
    heirloom, a work ('Keris Kiai Gajah Endro', not a person 'Gajah Endro')."""
    if (start >= 2 and doc[start - 1].lower_ in HEIRLOOM_HONORIFICS
            and doc[start - 2].lower_ in HEIRLOOM_KINDS and doc[start - 2].is_title):
        return start - 2, "MISC"
    return start, label


def bracketed_acronyms(doc: Doc, spans: list[Candidate], taken: set[int]) -> list[Candidate]:
    """The acronym a name defines in brackets right after it: 'Major League Soccer ( MLS )',
    'Kutai Kartanegara ( Kukar )' (its words' beginnings) are names of the name's type; an
    acronym of other words after a name of several words is an organisation's, the name's
    in another language ('PT Bank Sumitomo Mitsui Indonesia ( SMBC )'). After one word it
    does not spell ('Pekan Raya Jakarta ( PRJ )' where only 'Jakarta' was found) the long
    form is unknown, and so is what the acronym names: no name. The linker makes it the
    name's acronym."""
    found = []
    for start, end, label, _ in spans:
        if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")" \
                or end + 1 in taken:
            continue
        word = doc[end + 1].text
        words = tuple(t.text for t in doc[start:end] if t.is_alpha)
        spelt = spells_acronym(word, words)
        if word[:1].isupper() and word.isalnum() and len(word) >= 2 and (
                spelt or (is_acronym(word) and len(words) > 1)):
            found.append((end + 1, end + 2, label if spelt else "ORG", "rule"))
    return found


def named_after_rank(doc: Doc, start: int, end: int) -> bool:
    """A one-word name right after a police or military rank (and its followers) is a
    person's: 'Kapolda Sumatera Barat Irjen Pol Fakhrizal', 'Jenderal TNI Moeldoko'."""
    if end - start != 1 or not _given_name(doc[start]):
        return False
    before = start - 1
    while before >= 0 and doc[before].lower_ in TITLE_FOLLOWERS:
        before -= 1
    rank = doc[before].lower_ if before >= 0 else ""
    return rank in RANK_WORDS or (rank in ("jenderal", "jendral") and before < start - 1)
