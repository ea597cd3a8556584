"""Sentence splitting with character offsets, and page-furniture detection."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.lexicon import LexiconTable, lexicon_pattern
from checker.vocab import Vocabulary, vocabulary

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj",
    "gov", "sen", "rep", "rev", "prof", "no", "nos", "vs", "v", "approx", "ca", "inc", "ltd",
    "co", "corp", "jr", "sr", "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "mt", "ft", "fig",
}
# and the months' abbreviations ("Oct. 16"), lower-cased, from rules/lexicon.yaml
_MONTH_ABBREVIATIONS = LexiconTable(lambda v: dict.fromkeys(a.lower() for m in v.lexicon["months"] for a in m[1:]))
# A "sentence" longer than this (a list of 100,000 numbers, a 50 MB line) is cut at spaces into
# pieces: the per-sentence work of extraction is not linear in sentence length.
MAX_SENTENCE = 1000
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    furniture: bool = False
    line_start: bool = False


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")


def _ends_with_abbreviation(line: str, start: int, dot: int, months: dict | None = None) -> bool:
    """Is the full stop at line[dot] that of an abbreviation ('Gen.', 'U.S.', 'J.')?

    Only the word before it is read, back to the sentence's start at most: reading the whole
    sentence so far at every candidate stop made a line of initials quadratic.
    """
    if line[dot] != ".":
        return False
    i = dot
    while i > start and line[i - 1] in _WORD_CHARS:
        i -= 1
    word = line[i:dot].lstrip(".")  # the word starts at its first letter
    if not word:
        return False
    word = word.lower().rstrip(".")
    if months is None:
        months = _MONTH_ABBREVIATIONS.table()
    return word in _ABBREVIATIONS or word in months or len(word) == 1


def _split_line(line: str, months: dict | None = None) -> list[tuple[int, int]]:
    spans, start = [], 0
    # the months' table fetched once per line, not looked up through the vocabulary at every full stop
    months = _MONTH_ABBREVIATIONS.table() if months is None else months
    for m in _BOUNDARY.finditer(line):
        if _ends_with_abbreviation(line, start, m.start(), months) or _is_clock_abbrev(line, m.start()):
            continue
        spans.append((start, m.start() + len(m.group().rstrip())))
        start = m.end()
    if start < len(line):
        spans.append((start, len(line.rstrip())))
    return [(a, b) for a, b in spans if b > a]


def _is_clock_abbrev(line: str, dot: int) -> bool:
    """'a.m.'/'p.m.' followed by a capitalised word rarely ends the sentence when a weekday follows."""
    # (the suffix test first: the pattern's "a.m" or "p.m" ends the text before the stop, which few do)
    return (line.endswith(("a.m", "p.m"), max(0, dot - 4), dot)
            and bool(_CLOCK_ABBREV.search(line[max(0, dot - 4):dot]))
            and bool(_WEEKDAY_OR_ZONE.match(line[dot:dot + 20])))


_CLOCK_ABBREV = re.compile(r"\b[ap]\.m$")
_WEEKDAY_OR_ZONE = lexicon_pattern(r"\.\s+((?&WEEKDAY)|GMT|UTC)")


def _furniture_lines(lines: list[re.Match], vocab: Vocabulary) -> set[int]:
    headings = {h.strip().lower() for h in vocab.furniture["headings"]}
    max_len = int(vocab.furniture["max_teaser_length"])
    skip, inside = set(), False
    for i, m in enumerate(lines):
        line = m.group().strip()
        if line.lower().rstrip(":") in headings:
            skip.add(i)
            inside = True
            continue
        if inside and len(line) < max_len:
            skip.add(i)
        else:
            inside = False
    return skip


def split_sentences(text: str, vocab: Vocabulary | None = None) -> tuple[Sentence, ...]:
    """Split text into sentences: paragraphs are lines, then sentence boundaries inside each.

    Extraction and the rules both ask for a document's sentences; the answer is kept for the
    last documents seen (a tuple, so no caller can change another's copy).
    """
    return _split(text, vocab or vocabulary())


@lru_cache(maxsize=256)
def _split(text: str, vocab: Vocabulary) -> tuple[Sentence, ...]:
    lines = list(_LINE.finditer(text))
    furniture = _furniture_lines(lines, vocab)
    out: list[Sentence] = []
    months = _MONTH_ABBREVIATIONS.table()
    for i, m in enumerate(lines):
        base = m.start()
        lead = len(m.group()) - len(m.group().lstrip())
        for j, (a, b) in enumerate(_split_line(m.group()[lead:], months)):
            for s, e in _pieces(text, base + lead + a, base + lead + b):
                out.append(Sentence(len(out), s, e, text[s:e], i in furniture, j == 0 and s == base + lead + a))
    return tuple(out)


def _pieces(text: str, start: int, end: int):
    """(start, end) of a sentence, or of pieces of at most MAX_SENTENCE characters cut at a space."""
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield start, cut
        start = cut
        while start < end and text[start] == " ":
            start += 1
    if end > start:
        yield start, end
