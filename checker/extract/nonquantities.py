"""Non-quantities: numbers that are not quantities (dates, years, identifiers, scores...), each with its reason."""
from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.numbers import Atom
from checker.vocab import Vocabulary

_NEXT_WORD = re.compile(r"[\s\u00a0]*([A-Za-z][\w'’-]*|[^\w\s])")
_PREV_WORD = re.compile(r"([A-Za-z][\w'’.-]*)[\s\u00a0]*$")
# After a fraction such as "a third", a word that is not one of these makes it an ordinal ("a third term").
_FUNCTION_NEXT = {
    "of", "at", "in", "on", "by", "for", "from", "since", "to", "than", "the", "its", "their",
    "his", "her", "and", "or", "but", "with", "as", "were", "was", "is", "are", "had", "has",
    "have", "this", "that", "last", "which", "who", "while", "compared", "more", "less", "a",
    "an", "our", "my", "your", "these", "those", "all", "over", "under", "earlier", "ago",
}


@dataclass
class Dropped:
    """A number that is not a quantity; offsets are relative to the sentence, values are the numbers it holds."""
    start: int
    end: int
    reason: str
    values: tuple = ()


def values_of(a: Atom) -> tuple:
    """The numbers a set-aside atom holds: a clock time's hours and minutes, else its value."""
    if a.kind == "clock":
        return tuple(int(p) for p in a.text.split(":"))
    return (a.value,)


def _prev_word(s: str, pos: int) -> str:
    m = _PREV_WORD.search(s[:pos])
    return m.group(1) if m else ""


def _next_token(s: str, pos: int) -> str:
    m = _NEXT_WORD.match(s, pos)
    return m.group(1) if m else ""


def _at_clause_start(s: str, pos: int) -> bool:
    head = s[:pos].rstrip(" \u00a0\"“‘'([")
    return head == "" or head[-1] in "—–:;-"


def atom_reason(s: str, a: Atom, line_start: bool, vocab: Vocabulary) -> str | None:
    """Why this atom is not a quantity (a date, an identifier, ...), or None if it may be one.

    "name" is the one tentative reason: a number after a capitalised word is part of a name unless
    it turns out to carry a unit ("Apollo 11", but "Processor 2.80 GHz"); the caller decides."""
    before, after = s[max(0, a.start - 40):a.start], s[a.end:a.end + 40]
    nq = vocab.nonq
    if a.kind == "clock":
        return "clock-time"
    if a.kind == "digits":
        if before[-1:].isalpha() or before[-1:] == "#":
            return "identifier"
        if re.search(r"[A-Za-z][-‑–]$", before):
            return "identifier"
        suffix = re.match(r"[A-Za-z]+", after)
        if suffix:
            suf = suffix.group()
            if suf.lower() in nq["ordinal_suffixes"]:
                return "ordinal"
            if suf.lower() in ("am", "pm"):
                return "clock-time"
            if suf == "s" and len(a.text) == 4:
                return "decade"
            if len(suf) == 1 and suf.isupper() and suf not in vocab.units["attached_magnitudes"]:
                return "identifier"
        pats = vocab.nonquantity_patterns
        if pats["calibre"].match(after) and re.match(r"[a-z]+\s+[a-z]", after[2:].lstrip()):
            return "calibre"
        if pats["month_before"].search(before) or pats["month_after"].match(after):
            return "date"
        if pats["day_range_before"].search(before):
            return "date"  # "May 14–16"
        if pats["clock_after"].match(after):
            return "clock-time"
        if line_start and s[:a.start].strip() == "" and re.match(r"[.)]\s", after):
            return "list-number"
        prev_m = re.search(r"([A-Za-z][\w'’.-]*)[ \u00a0]+$", before)
        if prev_m:
            prev, lw = prev_m.group(1), prev_m.group(1).lower()
            if lw in vocab.label_words:
                return "label"
            if prev[0].isupper() and lw not in vocab.name_exceptions and not lw.endswith(("'s", "’s", "s")):
                return "name"
    if a.kind in ("words", "fraction"):
        if a.text[:1].isupper() and not _at_clause_start(s, a.start):
            return "name"
        first = a.text.lower().split()[0].split("-")[0]
        nxt = _next_token(s, a.end).lower().replace("’", "'")
        prev = _prev_word(s, a.start).lower()
        if a.text.lower() == "one":
            if nxt in nq["one_not_before"] or not nxt or not nxt[0].isalnum() and nxt not in ("(",):
                return "pronoun"
            if prev in nq["one_not_after"]:
                return "pronoun"
        if a.kind == "fraction" and first in ("a", "an", "half") and " in " not in a.text:
            if prev in ("first", "second", "latter", "last", "other", "the", "and"):
                return "period"
            if nxt and nxt[0].isalpha() and nxt not in _FUNCTION_NEXT:
                return "ordinal"
            if s[a.end:a.end + 1] == "-":
                return "compound"
    return None


def is_year(m, vocab: Vocabulary) -> bool:
    """A four-digit whole number in the year range, with no unit, currency or magnitude, is a year."""
    a = m.atom
    lo, hi = vocab.nonq["year_range"]
    return (a.kind == "digits" and re.fullmatch(r"\d{4}", a.text) is not None and lo <= a.value <= hi
            and m.unit == "count" and m.magnitude == 1 and not m.currency)


def is_year_tail(s: str, m) -> bool:
    """'2013-14': the short number after a year and a dash is a year too."""
    return bool(m.atom and m.atom.kind == "digits" and re.search(r"(?:18|19|20)\d\d[-–/]$", s[:m.start])
                and len(m.atom.text) <= 2 and m.unit == "count")
