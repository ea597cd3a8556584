"""A time budget per document: a run goes on past a document that takes too long."""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class BudgetExceeded(BaseException):
    """The document took longer than its time budget."""


@contextmanager
def time_budget(seconds: float | None):
    """Raise BudgetExceeded in the block after `seconds` of wall time (main thread, POSIX only;
    elsewhere the block simply runs)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise BudgetExceeded()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
