"""Word processor files: .docx (python-docx) and .odt (its content.xml, parsed safely)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from ..types import Document
from .encoding import clean_text
from .files import CorpusFile
from .report import warn

TITLE_STYLES = ("Title",)  # a paragraph in this style is the document's title, not its text
_ODT_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODT_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODT_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_DC = "http://purl.org/dc/elements/1.1/"


def docx_document(raw: bytes, entry: CorpusFile) -> Document | None:
    """The paragraphs and tables of a .docx in document order (a table row is one line,
    cells separated by tabs); a paragraph in the Title style is the title."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        word = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        warn("skipped %s: not a readable .docx file (damaged or not Word? %s)", entry.path,
             type(exc).__name__)
        return None
    title = ""
    blocks: list[str] = []
    for block in word.iter_inner_content():
        if hasattr(block, "rows"):
            blocks.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
        elif not title and block.style is not None and block.style.name in TITLE_STYLES:
            title = block.text
        else:
            blocks.append(block.text)
    return _document(entry, blocks, title or word.core_properties.title or "")


def odt_document(raw: bytes, entry: CorpusFile) -> Document | None:
    """The headings and paragraphs of an OpenDocument text file, in document order."""
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            content = ElementTree.fromstring(archive.read("content.xml"))
            meta = ElementTree.fromstring(archive.read("meta.xml")) \
                if "meta.xml" in archive.namelist() else None
    except (zipfile.BadZipFile, KeyError) as exc:
        warn("skipped %s: not a readable .odt file (damaged? %s)", entry.path,
             type(exc).__name__)
        return None
    body = content.find(f"{{{_ODT_OFFICE}}}body")
    blocks = list(_odt_blocks(body)) if body is not None else []
    title = meta.findtext(f".//{{{_DC}}}title") if meta is not None else ""
    return _document(entry, blocks, title or "")


def _odt_blocks(element: Any) -> Iterator[str]:
    for child in element:
        if child.tag in (f"{{{_ODT_TEXT}}}p", f"{{{_ODT_TEXT}}}h"):
            yield "".join(_odt_text(child))
        else:
            yield from _odt_blocks(child)


def _odt_text(element: Any) -> Iterator[str]:
    """A paragraph's text: spans followed, `text:s` as its count of spaces, tabs, breaks."""
    yield element.text or ""
    for child in element:
        if child.tag == f"{{{_ODT_TEXT}}}s":
            yield " " * int(child.get(f"{{{_ODT_TEXT}}}c", "1"))
        elif child.tag == f"{{{_ODT_TEXT}}}tab":
            yield "\t"
        elif child.tag == f"{{{_ODT_TEXT}}}line-break":
            yield "\n"
        elif child.tag != f"{{{_ODT_TEXT}}}note":  # footnotes are not running text
            yield from _odt_text(child)
        yield child.tail or ""


def _document(entry: CorpusFile, blocks: list[str], title: str) -> Document | None:
    """Paragraphs separated by blank lines (graphkit's paragraph break)."""
    text = "\n\n".join(clean_text(block).strip() for block in blocks if block.strip())
    if not text:
        warn("skipped %s: no text in the document", entry.path)
        return None
    return Document(id=entry.id, text=text, title=" ".join(title.split()),
                    format=entry.format)
