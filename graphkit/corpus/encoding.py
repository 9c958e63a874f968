"""Decode a text file's bytes: byte order marks, UTF-8, Windows-1252, binary files refused."""

from __future__ import annotations

import re
from pathlib import Path

from .report import info, warn

_SNIFF_BYTES = 8192
# File signatures of formats analysts often save with a text extension by mistake.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"), (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"), (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"), (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"), (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"), (b"\xfe\xff", "utf-16", "UTF-16"),
)
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
_MAX_CONTROL_SHARE = 0.05


def clean_text(text: str) -> str:
    """Text a UTF-8 output can hold, with universal newlines (as Python's text mode reads)."""
    return SURROGATE.sub("\ufffd", text).replace("\r\n", "\n").replace("\r", "\n")


def decode_text(raw: bytes, path: Path) -> str | None:
    """Decode file bytes as Python's text mode would read them (universal newlines).

    Rules, in order: a UTF-32/UTF-16 byte order mark is honoured; a known binary signature
    (PDF, images, archives) or NUL bytes mean a binary file, skipped (returns None) unless
    the NULs are the zero half of BOM-less UTF-16; valid UTF-8 is UTF-8 (a UTF-8 BOM is
    kept as U+FEFF, as `Path.read_text(encoding="utf-8")` keeps it); UTF-8 with some
    invalid bytes is decoded with U+FFFD for those bytes and reported; text with no valid
    UTF-8 multi-byte sequence that decodes cleanly as Windows-1252 (a superset of Latin-1's
    printable range) is read as Windows-1252 and reported. Every choice other than plain
    UTF-8 is logged with the file name."""
    text = _decode(raw, path)
    if text is None:
        return None
    return clean_text(text)


def _decode(raw: bytes, path: Path) -> str | None:
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            return _decode_reported(raw, codec, name, path)
    head = raw[:_SNIFF_BYTES]
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            warn("skipped %s: binary file (%s), not text", path, what)
            return None
    if head[4:8] == b"ftyp":
        warn("skipped %s: binary file (a video or HEIC image), not text", path)
        return None
    if b"\x00" in head:
        utf16 = _bomless_utf16(head)
        if utf16 is None:
            warn("skipped %s: binary file (contains NUL bytes), not text", path)
            return None
        return _decode_reported(raw, utf16, "UTF-16 without byte order mark", path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_non_utf8(raw, exc, path)
    if _looks_binary(text):
        warn("skipped %s: binary file (mostly control characters), not text", path)
        return None
    if "\x00" in text:
        warn("%s: %d NUL bytes kept in the text (first at line %d)", path,
                    text.count("\x00"), text.count("\n", 0, text.index("\x00")) + 1)
    return text


def _decode_reported(raw: bytes, codec: str, name: str, path: Path) -> str:
    text = raw.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    if bad:
        warn("%s: read as %s; %d undecodable bytes replaced by U+FFFD", path, name, bad)
    else:
        info("%s: read as %s", path, name)
    return text


def _bomless_utf16(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when nearly every odd/even byte is zero (ASCII-heavy text)."""
    pairs = len(head) // 2
    if pairs < 4:
        return None
    odd_zero = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    even_zero = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    if odd_zero >= 0.9 * pairs and even_zero == 0:
        return "utf-16-le"
    if even_zero >= 0.9 * pairs and odd_zero == 0:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    """More than 5% of the characters (in the first 8K) are control characters."""
    sample = text[:_SNIFF_BYTES]
    return bool(sample) and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample)


def _decode_non_utf8(raw: bytes, error: UnicodeDecodeError, path: Path) -> str | None:
    lenient = raw.decode("utf-8", errors="replace")
    line = raw.count(b"\n", 0, error.start) + 1
    if not any(ord(ch) > 127 and ch != "\ufffd" for ch in lenient):
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and not _looks_binary(text):
            warn("%s: not valid UTF-8 (first bad byte on line %d); read as "
                        "Windows-1252/Latin-1", path, line)
            return text
    if _looks_binary(lenient):
        warn("skipped %s: binary file (mostly control characters), not text", path)
        return None
    warn("%s: %d bytes are not valid UTF-8 (first on line %d, byte %d); replaced by "
                "U+FFFD", path, lenient.count("\ufffd"), line, error.start)
    return lenient
