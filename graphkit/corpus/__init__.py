"""Read a corpus (folders and files of text, records, web pages, PDF, Word, feeds) into
Documents."""

from __future__ import annotations

from ..types import Document
from .encoding import decode_text
from .files import SUPPORTED_SUFFIXES, CorpusFile, corpus_bytes, count_documents
from .read import read_corpus, read_file
from .records import RecordFields
from .report import reported_once

__all__ = ["SUPPORTED_SUFFIXES", "CorpusFile", "Document", "RecordFields", "corpus_bytes",
           "count_documents", "decode_text", "read_corpus", "read_file", "reported_once"]
