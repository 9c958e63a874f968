"""Warnings about the corpus: shown once per build, with file names made safe to print."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar

from ..terminal import printable

log = logging.getLogger("graphkit")
_SHOWN: ContextVar[set[str] | None] = ContextVar("graphkit_corpus_warnings", default=None)


@contextlib.contextmanager
def reported_once() -> Iterator[None]:
    """Within this block each corpus warning is shown once, however often the corpus is
    walked or read (a build walks it to size the work and reads it for NER; the command
    line reads it once more to check whether the outputs are up to date). Nested blocks
    share the outermost one's record."""
    if _SHOWN.get() is not None:
        yield
        return
    token = _SHOWN.set(set())
    try:
        yield
    finally:
        _SHOWN.reset(token)


def warn(message: str, *args: object) -> None:
    """Log a corpus warning (`message % args`) with control characters in it escaped (a file
    name can hold terminal escape sequences), unless already shown in this build."""
    _emit(logging.WARNING, message, args)


def info(message: str, *args: object) -> None:
    """`warn`, at info level."""
    _emit(logging.INFO, message, args)


def _emit(level: int, message: str, args: tuple[object, ...]) -> None:
    text = printable(message % args if args else message)
    shown = _SHOWN.get()
    if shown is not None:
        if text in shown:
            return
        shown.add(text)
    log.log(level, "%s", text)
