"""Child processes (forked NER workers, file writers, helpers) that die when their parent
dies, and the pause of the cyclic garbage collector while a build makes many objects."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1
_children_die_with_parent = False
_parent_pid = 0


def _find_prctl() -> Callable[..., int] | None:
    """libc's prctl, looked up once in the parent (not in a freshly forked child)."""
    if sys.platform != "linux":
        return None
    with contextlib.suppress(OSError, AttributeError):
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
        return prctl
    return None


_PRCTL = _find_prctl()


def _before_fork() -> None:
    global _parent_pid
    _parent_pid = os.getpid()


def _die_with_parent() -> None:
    """In a forked child: ignore Ctrl-C from its first instruction (the parent stops its
    children), ask Linux to kill it when its parent dies (a SIGKILLed build must not leave
    orphans behind), and leave at once if the parent is already gone."""
    if not _children_die_with_parent:
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != _parent_pid:  # the parent died before the request took effect
            os._exit(1)


os.register_at_fork(before=_before_fork, after_in_child=_die_with_parent)


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


def quiet_child(unwind_on_sigterm: bool = False) -> None:
    """In a child process: Ctrl-C is the parent's to handle (it stops its children; no
    traceback per child). With `unwind_on_sigterm`, SIGTERM exits through the normal
    cleanup (so a writer removes its temporary file) instead of at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if unwind_on_sigterm:
        signal.signal(signal.SIGTERM, _exit_on_sigterm)


def ignore_sigterm() -> None:
    """In a child process cleaning up before it ends: a SIGTERM now would cut that short."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def can_fork() -> bool:
    """True where child processes can be forked (they then share the parent's memory)."""
    return "fork" in multiprocessing.get_all_start_methods()


def can_fork_safely() -> bool:
    """Forking is safe only while this process runs a single thread (a lock held by
    another thread would stay locked in the child forever)."""
    return can_fork() and threading.active_count() == 1


def process_context() -> Any:
    """The multiprocessing context for worker processes: fork where available."""
    return multiprocessing.get_context("fork" if can_fork() else "spawn")


@contextlib.contextmanager
def computed_aside(function: Callable[..., T], *args: Any,
                   enabled: bool = True) -> Iterator[Callable[[], T]]:
    """`function(*args)` computed in a forked child process while this one goes on; the
    block receives a function that waits for the value and returns it. Disabled (or
    where forking is not safe) it is computed here, when asked for. A failure in the
    child is raised here as a `GraphkitError` naming it; leaving the block early stops the
    child."""
    if not (enabled and can_fork_safely()):
        yield lambda: function(*args)
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    with children_die_with_parent():
        child = context.Process(target=_compute_in_child, args=(function, args, sender),
                                daemon=True)
        child.start()
    sender.close()

    def value() -> T:
        try:
            done, found = receiver.recv()
        except EOFError:
            child.join()
            raise _helper_error(function, f"its process ended with exit code "
                                          f"{child.exitcode}") from None
        if not done:
            raise _helper_error(function, found)
        result: T = found
        return result

    try:
        yield value
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        receiver.close()


def _compute_in_child(function: Callable[..., Any], args: tuple[Any, ...], report: Any) -> None:
    quiet_child()
    try:
        message: tuple[bool, Any] = (True, function(*args))
    except Exception as exc:  # reported to the parent as an error
        message = (False, f"{type(exc).__name__}: {exc}")
    report.send(message)
    report.close()


def _helper_error(function: Callable[..., Any], why: str) -> Exception:
    from .errors import GraphkitError

    name = getattr(function, "__name__", "a helper")
    return GraphkitError(f"{name} failed in a helper process: {why}")


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building millions of acyclic objects
    (attribute dicts, lists, XML lines): its full passes over an ever larger heap would
    otherwise cost more than the building itself. Reference counting still frees memory."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def peak_rss_mb(pid: int | str = "self") -> int | None:
    """The peak resident memory (MB) of process `pid` itself, from Linux's VmHWM; None when
    it cannot be read (no /proc, a process that has ended). Not `ru_maxrss`: Linux starts a
    child's at its parent's peak (vfork + exec hand it on), so a small child of a large
    parent reports the parent's size."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        return None
    return None


def process_tree(pid: int) -> list[int]:
    """`pid` and its live descendants (Linux's /proc/PID/task/PID/children), parents first."""
    tree, index = [pid], 0
    while index < len(tree):
        try:
            with open(f"/proc/{tree[index]}/task/{tree[index]}/children",
                      encoding="ascii") as children:
                tree += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            pass
        index += 1
    return tree


def largest_peak_mb(pid: int, *, descendants_only: bool = False) -> int:
    """The largest `peak_rss_mb` among `pid` and its live descendants (or those alone);
    0 when none can be read. Benchmarks poll it while a program runs: once a process has
    ended, its peak can no longer be read."""
    tree = process_tree(pid)[1:] if descendants_only else process_tree(pid)
    return max((peak_rss_mb(p) or 0 for p in tree), default=0)
