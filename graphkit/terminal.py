"""Text safe to show on a terminal: control characters and bidi overrides as escapes."""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` safe to print to a terminal: control characters (an article's or a file
    name's escape sequences could retitle the window or write the clipboard) and
    bidirectional overrides shown as escapes.

    >>> printable("a\\x1b]0;pwned\\x07b.txt")
    'a\\\\x1b]0;pwned\\\\x07b.txt'
    """
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode(),
                            text)
