"""The progress line: documents done of the total, the rate, and a time left that stays sane."""
from __future__ import annotations

import io
import re

import pytest

from checker.progress import Progress, line

LINES = [
    # done, total, rate, expected
    (0, 1000, None, "checking 0/1,000 documents (0 %)"),
    (340, 1000, 48.0, "checking 340/1,000 documents (34 %), 48/s, about 14 s left"),
    (100, 5000, 2.5, "checking 100/5,000 documents (2 %), 2.5/s, about 32 min 40 s left"),
    (10, 100000, 1.0, "checking 10/100,000 documents (0 %), 1.0/s, about 27 h 46 min left"),
    (1000, 1000, 63.4, "checking 1,000/1,000 documents (100 %), 63/s"),
]


@pytest.mark.parametrize("done,total,rate,expected", LINES)
def test_line(done: int, total: int, rate: float | None, expected: str) -> None:
    assert line(done, total, rate) == expected


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _time_left(text: str) -> float | None:
    m = re.search(r"about (?:(\d+) h )?(?:(\d+) min )?(?:(\d+) s )?left", text)
    if not m:
        return None
    h, mins, s = (int(g or 0) for g in m.groups())
    return 3600 * h + 60 * mins + s


def test_time_left_is_sane_for_batches_after_a_slow_start() -> None:
    """1,000 documents in 15 s: 3 s of start-up, then a batch of 100 every 1.2 s (the run the issue saw
    estimated at 04:22:39). Every estimate shown is within a batch's time of the truth."""
    clock, out = Clock(), io.StringIO()
    progress = Progress(1000, out, clock)
    clock.now = 3.0
    shown = []
    for batch in range(10):
        clock.now = 3.0 + 1.2 * batch
        for i in range(100):
            clock.now += 0.0001
            progress(None)
            if i == 0:  # the line is redrawn as a batch comes in
                shown.append((clock.now, out.getvalue().rsplit("\r", 1)[-1]))
    progress.close()
    assert out.getvalue().endswith("\n")
    assert out.getvalue().rsplit("\r", 1)[-1].rstrip() == "checking 1,000/1,000 documents (100 %), 83/s"
    estimates = [(now, _time_left(text)) for now, text in shown if _time_left(text) is not None]
    assert len(estimates) == 8  # from the third batch on
    for now, left in estimates:
        truth = 3.0 + 1.2 * 9 - now
        assert abs(left - truth) <= 1.2 + 0.5, (now, left, truth)  # a batch, and rounding to the second


def test_nothing_is_drawn_when_nothing_is_done() -> None:
    out = io.StringIO()
    Progress(50, out, Clock()).close()
    assert out.getvalue() == ""
