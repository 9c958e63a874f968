"""Put a record's, page's or feed item's title into the text NER reads, after that text."""

from __future__ import annotations

from itertools import islice

TITLE_BREAK = "\n\n"  # the title is a paragraph of its own
_HEAD_LINES = 3  # a text that repeats its title does so in its first lines


def with_title(text: str, title: str) -> str:
    """`text` with `title` appended as its last paragraph, unless the title is empty or
    the text already opens with it. A headline often names who the story is about (a
    record's text may call him only 'BG'), so it is read for entities; it goes after the
    text so that offsets into the record's own text field stay what they were, and it is
    recognised as a headline there (`Extraction.doc.title`).

    >>> with_title("BG dilantik hari ini.", "Budi Gunawan Dilantik")
    'BG dilantik hari ini.\\n\\nBudi Gunawan Dilantik'
    >>> with_title("Budi Gunawan Dilantik\\n\\nBG dilantik.", "Budi Gunawan dilantik")
    'Budi Gunawan Dilantik\\n\\nBG dilantik.'
    """
    title = " ".join(title.split())
    if not title or not text.strip() or _opens_with(text, title):
        return text
    return f"{text.rstrip()}{TITLE_BREAK}{title}"


def _opens_with(text: str, title: str) -> bool:
    wanted = title.casefold()
    lines = (" ".join(line.split()).casefold() for line in text.lstrip().splitlines())
    return wanted in islice(lines, _HEAD_LINES)
