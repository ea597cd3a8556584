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
        if suffix and a.text + suffix.group() in vocab.nonq["format_names"] and not re.search(r"[$€£¥]$", before):
            return "format"  # "4K", "1080p": names of formats, not four thousand of anything
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
            if (prev[0].isupper() and lw not in vocab.name_exceptions and not lw.endswith(("'s", "’s", "s"))
                    and not re.match(r"[-–]\d", after)):  # "Japan 6-7": a compact pair decides (pair_reading)
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


_CONNECTOR = re.compile(r"-?\s*(?:to|-|–|—)\s*|-|–")
_COMPACT = re.compile(r"[-–‑]")
_CLAUSE_BREAK = re.compile(r"[,;:(\[—–]|\s-\s")


def _words_before(s: str, pos: int, n: int) -> list[str]:
    """The last n words before pos in the same clause, lower case, without punctuation."""
    head = _CLAUSE_BREAK.split(s[:pos])[-1]
    return [w.strip(".,;:!?\"'“”‘’()").lower() for w in head.split()][-n:]


def _hedged(s: str, pos: int, vocab: Vocabulary) -> bool:
    """Does a hedge phrase ("about", "up to") or a range cue word ("between", "aged") end right before pos?"""
    before = re.sub(r"\s+", " ", s[max(0, pos - 40):pos].lower()).rstrip()
    table, _ = vocab.hedge_before_lookup
    cues = set(table) | {w.lower() for w in vocab.nonq["range_cues_before"]}
    return any(before == c or before.endswith(" " + c) or before.endswith("(" + c) for c in cues)


def _counted_noun_after(s: str, pos: int, vocab: Vocabulary) -> bool:
    """Is the pair followed by a plural noun it counts ("15-20 people", "10 to 12 armed drones")?"""
    nq = vocab.nonq
    words = re.match(r"(?:[\s\u00a0]+([a-z][a-z'’-]*)){1,3}", s[pos:])
    if not words:
        return False
    for w in re.findall(r"[a-z][a-z'’-]*", words.group())[:3]:
        if w in nq["score_nouns"] or w in _FUNCTION_NEXT:
            return False  # "6-3 in the doubles match": the noun after a preposition is not what is counted
        if w in nq["irregular_plurals"] or (len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is"))
                                            and w not in nq["not_plurals"]):
            return True
    return False


def pair_reading(s: str, m1, m2, vocab: Vocabulary) -> str | None:
    """How two neighbouring numbers read: "range", "pair" (two values), a non-quantity reason for both
    ("score", "record", "model", "tally"), or None when nothing joins them.

    The rule: "between X and Y" is a range. A dash or "to" between X and Y makes a range only with a range
    cue (a unit, currency or percent on either number, a hedge or cue word such as "aged" before X, a
    counted noun after Y, or, for "X to Y" with the word, X below Y) and no change verb: "rose from 40 to 50" is a before and an after, "rose 0.4% to
    13,176" a change and a level. Without a cue, a compact "6-4" (digits joined by a dash alone) is a
    score, win-loss record or tally, not a quantity; "five to two" in words is two values."""
    gap = s[m1.end:m2.start]
    if re.fullmatch(r"\s+and\s+", gap):
        return "range" if re.search(r"\bbetween\s+$", s[:m1.start], re.I) else None
    if not _CONNECTOR.fullmatch(gap):
        return None
    compact = (_COMPACT.fullmatch(gap) is not None and m1.atom is not None and m2.atom is not None
               and m1.atom.kind == m2.atom.kind == "digits" and m1.end == m1.atom.end and m2.start == m2.atom.start
               and not m1.currency and not m2.currency and m1.unit == m2.unit == "count")
    before = _words_before(s, m1.start, 5)
    wide = [w.strip(".,;:!?\"'“”‘’()").lower() for w in s[:m1.start].split()][-8:]
    if before[-1:] == ["from"] and any(w in vocab.change_words for w in wide):
        return "pair"  # "rose by 37%, from 0.90% to 1.23%": a before and an after
    if any(w in vocab.change_words for w in before):
        if (m1.unit != "count" or m1.currency) and m2.unit != m1.unit:
            return "pair"  # "rose 0.4% to 13,176": a change and a level
    if m1.unit != "count" or m2.unit != "count" or m1.currency or m2.currency:
        return "range"
    if any(w in vocab.score_words for w in before[-3:]):
        return _tally_reason(s, m1, m2, vocab) if compact else "pair"
    if _hedged(s, m1.start, vocab) or _counted_noun_after(s, m2.end, vocab):
        return "range"
    if re.search(r"\bto\b", gap) and m1.value is not None and m2.value is not None and m1.value < m2.value:
        return "range"  # "3 to 4": spelled out with "to", rising order is itself a cue; "five to two" is not
    return _tally_reason(s, m1, m2, vocab) if compact else "pair"


def _tally_reason(s: str, m1, m2, vocab: Vocabulary) -> str:
    """What kind of compact pair this is: a model number ("787-9 Dreamliner"), a win-loss record
    ("(6-5, 3-4)", "a 29-14 record"), a score ("won 6-4", "a 4-1 win") or another tally ("passed 8-1")."""
    nq = vocab.nonq
    nxt = re.match(r"[\s\u00a0]+([A-Za-z][\w'’-]*)", s[m2.end:])
    word = nxt.group(1) if nxt else ""
    if len(m1.atom.text) >= 3 and len(m2.atom.text) < len(m1.atom.text) and word[:1].isupper():
        return "model"
    if word.lower() in nq["record_nouns"] or re.search(r"\(\s*(?:\d+[-–]\d+,\s*)*$", s[:m1.start]):
        return "record"
    sentence = {w.strip(".,;:!?\"'“”()").lower() for w in s.split()}
    if word.lower() in nq["score_nouns"] or sentence & (vocab.score_words | set(nq["score_nouns"])):
        return "score"
    return "tally"
