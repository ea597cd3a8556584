"""Where a span is in its document: 1-based line and column, the sentence around it, and its place in the
file as written when numcheck read another text (an HTML page's article)."""
from __future__ import annotations

import bisect
from dataclasses import replace
from functools import lru_cache

import pandas as pd

from checker.extract.sentences import Sentence, split_sentences
from checker.report import Finding, Span


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


def in_source(documents, quantities: pd.DataFrame, findings: list[Finding]) -> tuple[pd.DataFrame, list[Finding]]:
    """Quantities and findings moved from the text numcheck read to the file as written, for documents
    whose text is not at the file's offsets (HTML): start and end become the page's, and a span's text
    is the page's own characters there (an entity such as '&amp;' included), as for every other input."""
    maps = {d.doc: d for d in documents if d.source is not None and d.raw is not None}
    if not maps:
        return quantities, findings
    if len(quantities):
        quantities = quantities.copy()
        starts, ends, texts = list(quantities["start"]), list(quantities["end"]), list(quantities["text"])
        for i, doc in enumerate(quantities["doc"]):
            d = maps.get(doc)
            if d is not None:
                starts[i], ends[i], texts[i] = _in_page(d, starts[i], ends[i], texts[i])
        quantities["start"], quantities["end"] = starts, ends
        quantities["text"] = pd.Series(texts, index=quantities.index, dtype=quantities["text"].dtype)
    moved = []
    for f in findings:
        d = maps.get(f.doc)
        if d is not None:
            f = replace(f, spans=tuple(Span(*_in_page(d, s.start, s.end, s.text)) for s in f.spans))
        moved.append(f)
    return quantities, moved


def _in_page(d, start: int, end: int, text: str) -> tuple[int, int, str]:
    span = d.source.span(start, end)
    if span is None:  # not found in the page (trafilatura wrote it): nearest place, text as read
        at = d.source.offset(start)
        return at, at, text
    return span[0], span[1], d.raw[span[0]:span[1]]


def page_span(d, start: int, end: int, text: str) -> tuple[int, int, str]:
    """One span of an HTML document's extracted text at the page's offsets, with the page's characters."""
    return _in_page(d, start, end, text)
