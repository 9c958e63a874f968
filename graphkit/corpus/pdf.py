"""PDF files: the text layer of every page in page order, via pypdfium2 (no OCR)."""

from __future__ import annotations

from ..types import Document
from .encoding import clean_text
from .files import CorpusFile
from .report import warn

PAGE_BREAK = "\n\n"  # between pages' texts: a paragraph break


def pdf_document(raw: bytes, entry: CorpusFile) -> Document | None:
    """The text of a PDF, pages in order; None, with a warning that says why, for a PDF
    that is damaged, password-protected, or has no text layer (scanned pages: graphkit
    does no OCR)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        warn("skipped %s: %s", entry.path, _why_unreadable(str(exc)))
        return None
    try:
        pages = [_page_text(pdf[number]) for number in range(len(pdf))]
        title = str(pdf.get_metadata_dict().get("Title") or "")
    finally:
        pdf.close()
    text = PAGE_BREAK.join(page for page in pages if page)
    if not text.strip():
        warn("skipped %s: no text layer in its %d page(s) (a scanned PDF? graphkit does no "
             "OCR)", entry.path, len(pages))
        return None
    return Document(id=entry.id, text=text, title=" ".join(title.split()), format="pdf")


def _page_text(page: object) -> str:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        text = str(textpage.get_text_range())
    finally:
        textpage.close()
        page.close()  # type: ignore[attr-defined]
    return clean_text(text.replace("\x00", "")).strip()


def _why_unreadable(error: str) -> str:
    if "password" in error.lower():
        return "password-protected PDF (remove the password to read it)"
    return f"not a readable PDF ({error.rstrip('.')})"
