"""Child processes (forked NER workers, file writers) that die when their parent dies."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

_PR_SET_PDEATHSIG = 1
_children_die_with_parent = False


def _die_with_parent() -> None:
    """In a forked child: ask Linux to kill it when its parent dies (a SIGKILLed build
    must not leave orphans behind)."""
    if _children_die_with_parent and sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


os.register_at_fork(after_in_child=_die_with_parent)


@contextlib.contextmanager
def children_die_with_parent() -> Iterator[None]:
    """Processes forked inside this block are killed when this process dies."""
    global _children_die_with_parent
    before = _children_die_with_parent
    _children_die_with_parent = True
    try:
        yield
    finally:
        _children_die_with_parent = before


def can_fork() -> bool:
    """True where child processes can be forked (they then share the parent's memory)."""
    return "fork" in multiprocessing.get_all_start_methods()


def process_context() -> Any:
    """The multiprocessing context for worker processes: fork where available."""
    return multiprocessing.get_context("fork" if can_fork() else "spawn")
