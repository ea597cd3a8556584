"""Where a span is in its document: 1-based line and column, and the sentence around it."""
from __future__ import annotations

import bisect
from functools import lru_cache

from checker.extract.sentences import Sentence, split_sentences


@lru_cache(maxsize=256)
def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")
    return tuple(starts)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of an offset."""
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


@lru_cache(maxsize=256)
def _sentences(text: str) -> tuple[Sentence, ...]:
    return tuple(split_sentences(text))


def sentence_at(text: str, offset: int) -> Sentence | None:
    for s in _sentences(text):
        if s.start <= offset < s.end:
            return s
    return None
