"""A progress line on stderr for long runs: documents done of the total, the rate, and the time left."""
from __future__ import annotations

import time
from typing import Callable, TextIO

REDRAW_EVERY = 0.2  # seconds: often enough to look alive, rarely enough to cost nothing
BURST = 0.5  # seconds: the documents of one batch are reported within this of each other
MIN_SPAN = 1.0  # seconds between the first and the latest whole batch before a rate is shown


def _duration(seconds: float) -> str:
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def line(done: int, total: int, rate: float | None) -> str:
    """'checking 340/1,000 documents (34 %), 48/s, about 14 s left'; no rate or time left until there is one."""
    text = f"checking {done:,}/{total:,} documents ({100 * done // max(total, 1)} %)"
    if rate:
        text += f", {rate:,.0f}/s" if rate >= 10 else f", {rate:.1f}/s"
        if done < total:
            text += f", about {_duration((total - done) / rate)} left"
    return text


class Progress:
    """Called once per document done. Documents finish in batches (a burst of calls), after a start-up that
    loads the models; the rate is measured between the ends of whole batches, from the first on, so the time
    left is neither inflated by the start-up nor thrown about by a batch that has only begun to come in."""

    def __init__(self, total: int, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.stream, self.clock = total, stream, clock
        self.done = 0
        self.last: tuple[float, int] | None = None   # the latest call: when, and documents done by then
        self.first: tuple[float, int] | None = None  # the end of the first batch
        self.mark: tuple[float, int] | None = None   # the end of the latest whole batch
        self.drawn = float("-inf")
        self.width = 0

    def rate(self) -> float | None:
        if self.first is None or self.mark is None or self.mark[0] - self.first[0] < MIN_SPAN:
            return None
        return (self.mark[1] - self.first[1]) / (self.mark[0] - self.first[0])

    def __call__(self, _doc=None) -> None:
        now = self.clock()
        if self.last is not None and now - self.last[0] >= BURST:  # a new batch: the one before is whole
            self.mark = self.last
            self.first = self.first or self.last
        self.done += 1
        self.last = (now, self.done)
        if now - self.drawn >= REDRAW_EVERY or self.done == self.total:
            self.draw(line(self.done, self.total, self.rate()))
            self.drawn = now

    def draw(self, text: str) -> None:
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def close(self) -> None:
        if self.width:
            self.stream.write("\n")
            self.stream.flush()
            self.width = 0
