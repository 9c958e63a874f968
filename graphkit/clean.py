"""Find the content lines of a news page: drop site chrome, credits, date lines and repeats."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .types import Block

# Lines that point to other articles: "READ ...", "Baca juga: ...", "Pilihan Editor ...".
_RELATED = re.compile(
    r"^\W*(READ\b|READ ALSO|BACA\b|Baca juga|Baca:|Lihat juga|Simak juga|Simak:|"
    r"Artikel terkait|Berita terkait|Related\b|See also|Also read|Read more|Read also|"
    r"Pilihan Editor|Editor'?s (pick|choice)|Rekomendasi\b|Advertisement\b|Iklan\b)",
    re.IGNORECASE,
)
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
_MONTHS = (
    "januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
    "january|february|march|may|june|july|august|october|december|"
    "jan|feb|mar|apr|jun|jul|agu|agt|aug|sep|sept|okt|oct|nov|des|dec"
)
_DAYS = "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|" \
        "thursday|friday|saturday|sunday"
DATE_LINE = re.compile(
    rf"^\W*(({_DAYS})\W+)?(\d{{1,2}}\s+({_MONTHS})\.?\s+\d{{4}}|({_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})[\w\s:.,|/()+-]{{0,30}}$",
    re.IGNORECASE,
)
# "TEMPO.CO, Jakarta - ", "JAKARTA, KOMPAS.com - ", "SEOUL (Reuters) - ": a dateline prefix.
_DATELINE = re.compile(
    r"^\W*(\S*[A-Za-z]\.[A-Za-z]{2,3}\b\S*|[A-Z]{3,}\S*)(\s+\S+){0,5}?\s[-–—]{1,2}\s+"
)
# " | Berita Politik": a site section appended to a headline.
_SITE_SUFFIX = re.compile(r"\s+\|\s+[^|\n]{1,40}$")
_SENTENCE_PUNCT = re.compile(r"[.!?:;,\"“”]")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def content_blocks(text: str, enabled: bool = True) -> list[Block]:
    """Spans of `text` that hold article content, one per line (line breaks are hard
    boundaries). With `enabled=False` every non-blank line is kept as it is.

    >>> text = "Putin tiba.\\nFoto/AP\\nREAD  Berita lain\\nKim menyambutnya."
    >>> [text[b.start:b.end] for b in content_blocks(text)]
    ['Putin tiba.', 'Kim menyambutnya.']
    """
    blocks = []
    seen: set[str] = set()
    for number, (start, end) in enumerate(_line_spans(text)):
        line = text[start:end]
        if not enabled:
            blocks.append(Block(start, end, number))
            continue
        if is_chrome(line):
            continue
        key = " ".join(_WORD.findall(line.casefold()))
        if key in seen and len(key.split()) >= 3:
            continue
        seen.add(key)
        start, end = _trim(text, start, end)
        if end > start:
            blocks.append(Block(start, end, number))
    return blocks


def is_chrome(line: str) -> bool:
    """True for a line that is navigation, a credit, a call to action, a date or a byline."""
    words = _WORD.findall(line)
    if _RELATED.match(line) or _CALL_TO_ACTION.search(line) or DATE_LINE.match(line):
        return True
    if _SITE_VERB.match(line) and _SITE_NOUN.search(line) and len(words) <= 40:
        return True
    short = len(words) <= 5 and not re.search(r"[.!?]\W*$", line)
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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a dateline prefix and a ' | Site Section' suffix off a content line."""
    line = text[start:end]
    prefix = _DATELINE.match(line)
    if prefix:
        start += prefix.end()
    suffix = _SITE_SUFFIX.search(text[start:end])
    if suffix:
        end = start + suffix.start()
    return start, end
