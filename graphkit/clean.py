"""Find the content lines of a news page: drop site chrome, credits, date lines and repeats."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from .dates import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES
from .link.names import INVISIBLE
from .types import Block

# Lines that point to other articles: "READ ...", "Baca juga: ...", "Pilihan Editor ...".
_RELATED = re.compile(
    r"^\W*(READ\b|READ ALSO|BACA\b|Baca juga|Baca:|Lihat juga|Simak juga|Simak:|"
    r"Artikel terkait|Berita terkait|Related\b|See also|Also read|Read more|Read also|"
    r"Pilihan Editor|Editor'?s (pick|choice)|Rekomendasi\b|Advertisement\b|Iklan\b)",
    re.IGNORECASE,
)
# The site describes itself: "DailySocial.id adalah portal berita startup dan inovasi
# teknologi. Kamu bisa menjadi member komunitas ...", under every article of the site.
_SITE_ABOUT = re.compile(
    r"^\W*[\w-]+\.(?:co\.id|com|id|net|org)\s+(?:adalah|merupakan|is)\s+(?:\w+\s+)?"
    r"(?:portal|situs|media|website|site|platform)\b", re.IGNORECASE)
# The reader is told to do something with the site: "Dapatkan berita terkini ... Klik Disini".
_CALL_TO_ACTION = re.compile(
    r"klik (di ?sini|link|tautan)|click here|\bsubscribe\b|berlangganan|follow us|"
    r"ikuti (kami|kanal|channel)|whatsapp channel|google news|unduh aplikasi|download (the )?app",
    re.IGNORECASE,
)
_SITE_VERB = re.compile(
    r"^\W*(temukan|dapatkan|kunjungi|unduh|download|ikuti|follow|baca|simak|lihat|tonton|"
    r"saksikan|watch|get|find|discover|read)\b", re.IGNORECASE,
)
_SITE_NOUN = re.compile(r"\b(berita|informasi|artikel|news|updates?|video|aplikasi|headlines?)\b",
                        re.IGNORECASE)
# Photo and agency credits: "Foto/AP", "Sputnik/Reuters", "Foto: Reuters".
_CREDIT_SLASH = re.compile(r"^\W*[\w.&' -]{1,30}(/[\w.&' -]{1,30})+\W*$")
_CREDIT_WORD = re.compile(
    r"^\W*(foto|photo|ilustrasi|illustration|sumber|source|image|gambar|kredit|credit|"
    r"reporter|penulis|editor|pewarta|writer)\b", re.IGNORECASE,
)
# Words that make up navigation, footers and widgets.
_CHROME_WORDS = frozenset(
    """
    halaman page follow ikuti share bagikan komentar comment comments tulis anda your
    write rekomendasi terpopuler populer popular trending terkini terbaru latest berita
    news terkait related video videos more selengkapnya lainnya iklan advertisement
    scroll continue content loading tags tag topik topic editor reporter penulis sumber
    baca juga read also newsletter subscribe home beranda next prev sebelumnya
    berikutnya lihat semua see all copyright hak cipta dilindungi rights reserved login
    masuk daftar register search cari menu kanal
    """.split()
)
_MONTHS = "|".join(name for names in MONTH_NAMES + MONTH_ABBREVIATIONS for name in names)
_DAYS = "|".join(WEEKDAY_NAMES)
DATE_LINE = re.compile(
    rf"^\W*(({_DAYS})\W+)?(\d{{1,2}}\s+({_MONTHS})\.?\s+\d{{4}}|({_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})[\w\s:.,|/()+-]{{0,30}}$",
    re.IGNORECASE,
)
# "TEMPO.CO, Jakarta - ", "JAKARTA, KOMPAS.com - ", "SEOUL (Reuters) - ": a dateline prefix.
_DATELINE = re.compile(r"^\W*(?P<prefix>[^\n]{1,60}?)\s[-–—](?:\s?[-–—])?\s+")
_DOMAIN = re.compile(r"[A-Za-z]\.(?:com|co|id|net|org|news)\b", re.IGNORECASE)
# " | Berita Politik": a site section appended to a headline.
_SITE_SUFFIX = re.compile(r"\s+\|\s+[^|\n]{1,40}$")
_SENTENCE_PUNCT = re.compile(r"[.!?:;,\"“”]")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_KEY_WORD = re.compile(r"[^\W_]+")  # repeats are the same words and numbers ('5' is not '7')
# INVISIBLE (zero-width and bidi control characters) are kept in the text so offsets stay
# true, and ignored when deciding what a line is.
# Longest block handed to NER: spaCy refuses texts over nlp.max_length (1,000,000) and
# its cost per block grows faster than linearly, so longer lines are cut at sentence ends.
MAX_BLOCK = 10_000
_SENTENCE_END = re.compile(r"[.!?。…][\"'”’)\]]*\s+")
_SHORT_LINE = 200  # chrome patterns that describe whole lines only apply to lines this short
_ENDS_SENTENCE = re.compile(r"[.!?]\W*$")
_EDGE = 300  # datelines and site suffixes are looked for this close to a line's ends


def content_blocks(text: str, enabled: bool = True) -> list[Block]:
    """Spans of `text` that hold article content, one per line (line breaks are hard
    boundaries). With `enabled=False` every non-blank line is kept as it is.

    Lines longer than MAX_BLOCK characters become several blocks of the same paragraph,
    cut after a sentence end (else at a space), so NER never sees an unbounded text.

    >>> text = "Putin tiba.\\nFoto/AP\\nREAD  Berita lain\\nKim menyambutnya."
    >>> [text[b.start:b.end] for b in content_blocks(text)]
    ['Putin tiba.', 'Kim menyambutnya.']
    """
    blocks: list[Block] = []
    seen: set[str] = set()
    for number, (start, end) in enumerate(_line_spans(text)):
        if enabled:
            line = text[start:end]
            visible = INVISIBLE.sub("", line) if INVISIBLE.search(line) else line
            if is_chrome(visible):
                continue
            key = " ".join(_KEY_WORD.findall(visible.casefold()))
            if key in seen and len(key.split()) >= 3:
                continue
            seen.add(key)
            start, end = _trim(text, start, end)
        blocks.extend(Block(s, e, number) for s, e in split_long(text, start, end))
    return blocks


def split_long(text: str, start: int, end: int,
               limit: int = MAX_BLOCK) -> Iterator[tuple[int, int]]:
    """Cut text[start:end] into spans of at most `limit` characters, each ending after a
    sentence end where one falls in the second half of the span, else after whitespace,
    else (one enormous word) exactly at the limit. Spans are stripped and never empty.

    >>> [(s, e) for s, e in split_long("Aa. Bb. Cc.", 0, 11, limit=5)]
    [(0, 3), (4, 7), (8, 11)]
    """
    while end - start > limit:
        cut = _cut_point(text, start, start + limit)
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def _cut_point(text: str, start: int, stop: int) -> int:
    """Where to cut text[start:stop]: after the last sentence end or space in its second
    half, else at `stop`."""
    half = start + (stop - start) // 2
    last = None
    for match in _SENTENCE_END.finditer(text, half, stop):
        last = match.end()
    if last is not None:
        return last
    for position in range(stop - 1, half - 1, -1):
        if text[position].isspace():
            return position + 1
    return stop


def visible_text(text: str) -> tuple[str, list[int] | None]:
    """`text` without zero-width and bidi control characters, and the index in `text` of
    each remaining character plus one for the end (None when nothing was removed), so
    spans found in the visible text map back with `original_span`.

    >>> visible, where = visible_text("Vladi\u200bmir Putin")
    >>> visible, original_span(where, 0, 8)
    ('Vladimir Putin', (0, 9))
    """
    if not INVISIBLE.search(text):
        return text, None
    where = [i for i, ch in enumerate(text) if not INVISIBLE.match(ch)]
    where.append(len(text))
    return INVISIBLE.sub("", text), where


def original_span(where: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map a span of `visible_text`'s text back to the original (end stays exclusive)."""
    if where is None:
        return start, end
    return where[start], (where[end - 1] + 1 if end > start else where[start])


def is_chrome(line: str) -> bool:
    """True for a line that is navigation, a credit, a call to action, a date or a byline."""
    # Every test below asks for at most 40 words: the 41st means "more", stop there.
    words = [match.group() for match in islice(_WORD.finditer(line), 41)]
    head = line[:_EDGE]  # the patterns anchored at the start never need more
    if _RELATED.match(head) or _SITE_ABOUT.match(head) or (
            len(words) <= 40 and _CALL_TO_ACTION.search(line)):
        return True
    if len(line) <= _SHORT_LINE and DATE_LINE.match(line):
        return True
    if len(words) <= 40 and _SITE_VERB.match(head) and _SITE_NOUN.search(line):
        return True
    short = (len(words) <= 5 and len(line) <= _SHORT_LINE
             and not _ENDS_SENTENCE.search(line))
    if short and (_CREDIT_SLASH.match(line) or _CREDIT_WORD.match(line)):
        return True
    if len(words) <= 8 and words:
        chrome = sum(word.casefold() in _CHROME_WORDS for word in words)
        if chrome / len(words) >= 0.6:
            return True
    return len(words) <= 2 and not _SENTENCE_PUNCT.search(line)


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, without surrounding whitespace."""
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            yield start, start + len(stripped)


def is_dateline(prefix: str) -> bool:
    """True for what precedes the dash in a news dateline: 'TEMPO.CO, Jakarta',
    'Jakarta , CNN Indonesia', 'Wamena ( ANTARA News )', 'SEOUL (Reuters)', 'SPANYOL'.

    >>> is_dateline("Jakarta , CNN Indonesia"), is_dateline("Putin dan Kim")
    (True, False)
    """
    words = prefix.split()
    if not words or len(words) > 6:
        return False
    capitals = any(len(w) >= 3 and w.isupper() for w in words)
    return bool(_DOMAIN.search(prefix)) or prefix.isupper() or (
        capitals and ("(" in prefix or "," in prefix))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a dateline prefix and a ' | Site Section' suffix off a content line (both are
    looked for near the line's ends only, so a huge line costs linear time)."""
    prefix = _DATELINE.match(text[start:min(end, start + _EDGE)])
    if prefix and is_dateline(prefix.group("prefix")):
        start += prefix.end()
    tail = max(start, end - _EDGE)
    suffix = _SITE_SUFFIX.search(text[tail:end])
    if suffix:
        end = tail + suffix.start()
    return start, end
