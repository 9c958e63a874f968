"""Waiting in the browser tests for a page that forbids `eval` (graph.html's CSP)."""

from __future__ import annotations

import time
from typing import Any


def wait_until(target: Any, predicate: str, arg: Any = None, timeout: float = 20000) -> None:
    """Poll `predicate` (a JavaScript function, as `Page.evaluate` takes) in `target` (a
    playwright Page or Frame) until it is truthy, at most `timeout` milliseconds.

    Playwright's own `wait_for_function` evaluates its predicate again on every poll, and a
    page whose Content-Security-Policy has no 'unsafe-eval' refuses every evaluation after
    the first (microsoft/playwright#36986): it failed whenever the page was not ready at the
    first check, so the test was flaky. Each `evaluate` here is one evaluation, which the
    policy allows."""
    truthy = f"arg => !!({predicate})(arg)"  # judged in the page: a function is truthy
    deadline = time.monotonic() + timeout / 1000
    while not target.evaluate(truthy, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} ms waiting for {predicate}")
        target.wait_for_timeout(50)
