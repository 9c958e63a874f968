"""RSS and Atom feed files: every item is a document (title, link, date, content)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from ..types import Document
from .encoding import clean_text
from .files import CorpusFile
from .records import Read
from .report import warn
from .titles import with_title

# A feed that declares entities could make the parser read local files (XXE) or expand
# a few bytes into gigabytes ("billion laughs"); real feeds never need them.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "tr", "pre", "ul", "ol", "table", "section", "article", "figure")


def feed_items(raw: bytes, entry: CorpusFile) -> Iterator[Read]:
    """(document, 'file#n') of every item that has text; the feed's title is the source."""
    import feedparser

    if _ENTITY_DECLARATION.search(raw):
        warn("skipped %s: the feed declares XML entities (refused: they can read local files "
             "or expand without bound)", entry.path)
        return
    feed = feedparser.parse(io.BytesIO(raw))  # a stream: feedparser never fetches it
    if not feed.entries:
        problem = feed.get("bozo_exception")
        warn("skipped %s: %s", entry.path, f"not an RSS/Atom feed ({_first_line(problem)})"
             if problem else "no feed items (an empty feed, or XML that is not a feed)")
        return
    source = _one_line(feed.feed.get("title"))
    for number, item in enumerate(feed.entries, start=1):
        where = f"{entry.path}#{number}"
        text = _item_text(item)
        if not text:
            warn("skipped %s: item without content or summary", where)
            continue
        title = _one_line(item.get("title"))
        yield Document(id=f"{entry.id}#{number}", text=with_title(text, title), title=title,
                       date=_one_line(item.get("published") or item.get("updated")),
                       url=_one_line(item.get("link")), source=source, format="feed"), where


def _item_text(item: Any) -> str:
    """The item's full content if it has any, else its summary, as plain text."""
    contents = [c.get("value", "") for c in item.get("content", []) if c.get("value")]
    html = contents[0] if contents else item.get("summary", "")
    return html_to_text(html) if html else ""


def html_to_text(html: str) -> str:
    """Text of an HTML fragment (a feed item's content): block elements become paragraphs,
    whitespace inside them is collapsed, scripts and styles are dropped."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return " ".join(html.split())
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.iter(*_BLOCK_TAGS):
        block.tail = "\n\n" + (block.tail or "")
        if block.tag != "br":
            block.text = "\n\n" + (block.text or "")
    paragraphs = (" ".join(part.split()) for part in root.text_content().split("\n\n"))
    return clean_text("\n\n".join(p for p in paragraphs if p))


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _first_line(value: object) -> str:
    return str(value).splitlines()[0][:160] if str(value) else type(value).__name__
