"""A time budget for the work on one article that holds in any thread.

`max_seconds_per_article` (data/limits.json) skips an article that takes too long. A signal
(SIGALRM) can stop code that never looks at the clock, but only in a process's main thread,
and Dask runs its tasks in threads. So extraction also keeps a deadline of its own: the steps
that repeat with the length of an article (the windows of a long one, its lines, its
sentences) call `check()`, which raises OverBudget once the budget in force in this thread is
spent. In the main thread the alarm stays as a backstop for the code between two checks.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(BaseException):
    """The article took longer than its budget. A BaseException, so that no `except Exception`
    guard in extraction (one sentence's bug costs that sentence) swallows it."""


_deadline = threading.local()   # .at: time.monotonic() past which this thread's article is over budget


def check() -> None:
    """Raise OverBudget if the budget of the article this thread works on is spent."""
    at = getattr(_deadline, "at", None)
    if at is not None and time.monotonic() > at:
        raise OverBudget


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Within the block, OverBudget is raised once `seconds` have passed (0: never): by `check()` in
    any thread, and by an alarm in the main thread wherever the code is."""
    if not seconds:
        yield
        return
    outer = getattr(_deadline, "at", None)
    _deadline.at = time.monotonic() + seconds
    try:
        with _alarm(seconds):
            yield
    finally:
        _deadline.at = outer


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signal: int, _frame: object) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
