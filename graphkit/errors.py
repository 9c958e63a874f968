"""Errors graphkit raises for problems a user can fix (shown as one line, no traceback)."""

from __future__ import annotations


class GraphkitError(Exception):
    """A problem with the user's input, configuration or environment."""


class CorpusError(GraphkitError):
    """The corpus cannot be read or holds nothing to build from."""


class KnowledgeBaseError(GraphkitError):
    """A knowledge-base or curation file is malformed (message names file and line)."""


class ModelError(GraphkitError):
    """The requested spaCy pipeline cannot be loaded."""


class OutputError(GraphkitError):
    """The output folder cannot be written."""
