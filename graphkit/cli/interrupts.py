"""Ctrl-C in the `graphkit` program: remembered, reported in one line, exit status 130."""

from __future__ import annotations

import logging
import sys
from typing import Any, NoReturn

import click

_interrupts: list[int] = []  # Ctrl-Cs the program received (see on_ctrl_c)


def on_ctrl_c(signum: int, frame: Any) -> None:
    """Ctrl-C in the `graphkit` program: remember it, then raise KeyboardInterrupt as Python
    does. Remembered because a library may swallow the exception (a bare `except:` around
    one of its imports): the build then stops at its next document or before it reports
    success, instead of ending with exit status 0 as if no one had asked it to stop."""
    _interrupts.append(signum)
    raise KeyboardInterrupt


def stop_if_interrupted(obj: dict[str, Any] | None) -> None:
    """End as `interrupted` when a Ctrl-C was received, even one a library swallowed."""
    if _interrupts:
        interrupted(obj)


def go_on(extraction: Any) -> Any:
    """After each document: stop if a Ctrl-C was received and swallowed on the way."""
    if _interrupts:
        raise KeyboardInterrupt
    return extraction


def interrupted(obj: dict[str, Any] | None) -> NoReturn:
    """After Ctrl-C: say so and exit with 130. A second Ctrl-C (or the first reaching late)
    no longer cuts the exit short with a traceback of its own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    click.echo("graphkit: interrupted", err=True)
    if (obj or {}).get("exit_when_done"):
        exit_at_once(130)
    sys.exit(130)


def exit_at_once(code: int = 0) -> NoReturn:
    """End the program now with exit status `code`, without the interpreter's shutdown:
    after a finished build, freeing its objects one by one is tens of millions of objects
    for a large corpus, which the operating system does at once; after Ctrl-C, the shutdown
    of a stopped process pool races with its manager thread in CPython's
    concurrent.futures (an `OSError: [Errno 9] Bad file descriptor` traceback from
    `threading._shutdown`, cpython bpo-39995 / gh-125451). Everything is written (files
    are atomic and synced, the store is closed, child processes have ended or been
    stopped); only stdio and logging need a flush."""
    import os

    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # e.g. stdout was a pipe closed early
        os._exit(1)
    os._exit(code)
