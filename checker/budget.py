"""A time budget per document: a run goes on past a document that takes too long."""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager

_local = threading.local()


class BudgetExceeded(BaseException):
    """The document took longer than its time budget."""


@contextmanager
def time_budget(seconds: float | None):
    """Raise BudgetExceeded in the block after `seconds` of wall time.

    In the main thread on POSIX a timer signal interrupts the work wherever it is. Elsewhere (Dask
    workers run tasks in threads) the budget is a deadline that `checkpoint()` enforces between
    sentences and between rules.
    """
    if not seconds or seconds <= 0:
        yield
        return
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
        return
    previous = getattr(_local, "deadline", None)
    _local.deadline = deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.deadline = previous
    if time.monotonic() > deadline:  # overran after the last checkpoint: the same verdict as the timer's
        raise BudgetExceeded()


@contextmanager
def _alarm(seconds: float):
    def expire(signum, frame):
        raise BudgetExceeded()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def checkpoint() -> None:
    """Raise BudgetExceeded if this thread's deadline has passed (a no-op under the timer signal)."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and time.monotonic() > deadline:
        raise BudgetExceeded()
