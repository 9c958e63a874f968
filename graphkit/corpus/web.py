"""Saved web pages (.html, .mhtml): the article's main text and metadata, via trafilatura."""

from __future__ import annotations

import email
import email.policy
import warnings
from dataclasses import dataclass
from email.message import Message
from typing import Any

from ..types import Document
from .encoding import clean_text
from .files import CorpusFile
from .report import warn
from .titles import with_title

# Larger pages are skipped with a warning: a saved news page is well under 5 MB, and the
# extractor holds several copies of a page's tree in memory.
MAX_PAGE_BYTES = 20_000_000
PROSE_WORDS = 5
# Extraction options (benchmarks/extraction.md measures them): the extractor's recall-leaning
# setting (the best F1 of its three, and the fastest: a missed paragraph loses its names,
# and clean.py drops what menus it lets through); tables kept (news pages put data in
# them); readers' comments left out; no second opinion from the fallback extractors
# (`fast`) and the date from the page's metadata and markup only (no extensive search of
# its text; graphkit looks for a date line at the top of the text anyway).
EXTRACTION_OPTIONS: dict[str, Any] = {
    "include_comments": False, "include_tables": True, "include_images": False,
    "include_links": False, "favor_precision": False, "favor_recall": True,
    "deduplicate": False, "with_metadata": True, "fast": True,
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}


def html_document(raw: bytes | str, entry: CorpusFile) -> Document | None:
    """The main text of a saved web page, with its title, date, canonical URL and site name
    (None, with a warning, for a page too large or with no main text)."""
    if len(raw) > MAX_PAGE_BYTES:
        warn("skipped %s: %.0f MB is too large for a web page (at most %d MB is read)",
             entry.path, len(raw) / 1e6, MAX_PAGE_BYTES // 1_000_000)
        return None
    page = extract_page(raw)
    if page is None or not has_prose(page.text):
        warn("skipped %s: no main text found in the page", entry.path)
        return None
    return Document(id=entry.id, text=with_title(page.text, page.title), title=page.title,
                    date=page.date, url=page.url, source=page.source, format=entry.format)


@dataclass(frozen=True)
class Page:
    """What the extractor found in a page (source: the site's name)."""

    text: str
    title: str
    date: str
    url: str
    source: str


def extract_page(raw: bytes | str, **options: Any) -> Page | None:
    """trafilatura's main text and metadata of a page given as bytes (its declared or
    detected encoding is used) or text; `options` override EXTRACTION_OPTIONS. Nothing is
    fetched: links, images and the page's URL are never loaded. The headline is the
    title, not the text's first line."""
    from trafilatura import bare_extraction

    with warnings.catch_warnings():  # lxml's FutureWarnings on the extractor's own code
        warnings.simplefilter("ignore", FutureWarning)
        result: Any = bare_extraction(raw, **{**EXTRACTION_OPTIONS, **options})
    if result is None:
        return None
    title = _one_line(result.title)
    text = _without_headline(clean_text(result.text or "").strip(), title)
    return Page(text, title, _one_line(result.date), _one_line(result.url),
                _one_line(result.sitename))


def _without_headline(text: str, title: str) -> str:
    """`text` without its first line when that line is the title."""
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()).casefold() == title.casefold():
        return rest.lstrip("\n")
    return text


def has_prose(text: str) -> bool:
    """Whether some line of `text` reads like a sentence (PROSE_WORDS words or more): what
    the extractor keeps of a page without an article (an index, a gallery, a login page)
    is a few menu labels and captions."""
    return any(len(line.split()) >= PROSE_WORDS for line in text.splitlines())


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def mhtml_document(raw: bytes, entry: CorpusFile) -> Document | None:
    """A page saved as one MHTML file (MIME, as browsers write it): its HTML part, read as
    an HTML page; its Content-Location is the URL when the page names none."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    part = _html_part(message)
    if part is None:
        warn("skipped %s: no HTML part in the MHTML file", entry.path)
        return None
    html = part.get_payload(decode=True)
    if not isinstance(html, bytes):
        warn("skipped %s: unreadable HTML part in the MHTML file", entry.path)
        return None
    doc = html_document(_with_charset(html, part), entry)
    location = _one_line(part.get("Content-Location") or message.get("Snapshot-Content-Location"))
    if doc is not None and not doc.url and location:
        doc = Document(doc.id, doc.text, doc.title, doc.date, location, doc.source, doc.format)
    return doc


def _html_part(message: Message) -> Message | None:
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part
    return None


def _with_charset(html: bytes, part: Message) -> bytes | str:
    """The part as text when its MIME header names a charset Python knows, else bytes."""
    charset = part.get_content_charset()
    if charset:
        try:
            return html.decode(charset, errors="replace")
        except LookupError:
            pass
    return html
