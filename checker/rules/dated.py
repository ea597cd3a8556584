"""Dated facts, shared reading: numbers written as words, paragraphs, the words naming an event."""
from __future__ import annotations

import re

from checker.extract.numbers import SMALL, TENS
from checker.report import Span
from checker.rules.facts import any_word_re
from checker.vocab import vocabulary

N = r"(?:\d{1,3}|(?&NUMBER_WORD:1-20,30,40,50,60,70,80,90))"
YEAR = re.compile(r"(?<![\d.,$€£-])\b(1[89]\d\d|20\d\d)\b(?![\d%-]|\s*(?:percent|per\s+cent))")


def number(word: str) -> int:
    """'57', 'seven', 'a' as an integer (0 when it is none of them)."""
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in ("a", "an", "one"):
        return 1
    return SMALL.get(w) or TENS.get(w) or 0


HEDGE = r"(?:(?P<hedge>(?&HEDGE:approx,at_least,more_than,at_most,less_than))\s+)?"


def fits(stated: float, actual: float, hedge: str | None, slack: float) -> bool:
    """Does a stated count of years or hours, with its hedge (rules/hedges.yaml), allow the actual one?
    slack: what the written precision allows either way (a year's months, a rounded half-hour)."""
    vocab = vocabulary()
    words = re.sub(r"\s+", " ", (hedge or "").lower())
    qualifier = vocab.hedge_before_lookup[0].get(words, "exact") if words else "exact"
    tolerance = vocab.hedges["tolerance"]
    if qualifier in ("at_least", "more_than"):
        return actual >= stated - slack
    if qualifier in ("at_most", "less_than"):
        return actual <= stated + slack
    if qualifier == "approx":
        spread = stated * tolerance["approx"] + slack
        below = words in tolerance["below_words"]  # 'nearly', 'almost': at or just below
        return stated - spread <= actual <= stated + (slack if below else spread)
    return abs(actual - stated) <= slack


def paragraph(text: str, offset: int) -> tuple[int, int]:
    """The blank-line paragraph (or, in copy written one paragraph a line, the line) around offset."""
    lo = max(text.rfind("\n\n", 0, offset), text.rfind("\n", 0, offset) if "\n\n" not in text else -1)
    hi_blank = text.find("\n\n", offset)
    hi_line = text.find("\n", offset) if "\n\n" not in text else -1
    hi = min(h for h in (hi_blank, hi_line, len(text)) if h >= 0)
    return lo + 1, hi


_STOP = frozenset("the a an and or of to in on at for by with from was were is are be been had has have that this "
                  "when where while as after before his her its their they he she it who which than then there "
                  "said says told about into over under more most some all any not no morning day night since during until "
                  "our your will would could may might can should must we you i".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]{2,}")


def content_words(text: str) -> set[str]:
    """The words that name an event's actors and objects: no function words, possessive 's dropped."""
    return {re.sub(r"[’']s$", "", w.lower()) for w in _WORD.findall(text) if w.lower() not in _STOP}


def names(text: str) -> set[str]:
    # a capitalised word not opening the clause: a name ('Acme was founded' opens it, but is a name too)
    return {w for w in re.findall(r"\b[A-Z][a-z][\w’'-]*", text)
            if w.lower() not in _STOP and w not in ("The", "This", "It", "He", "She", "They", "Its", "His", "Her")}


def once_only(relations, doc=None) -> dict[str, re.Pattern]:
    """rules/relations.yaml once_only_events: each label's words as one pattern; given a document, only
    the labels whose words it may write (Document.may_say: the others' patterns would find nothing)."""
    events = relations.data.get("once_only_events") or {}
    return {label: any_word_re(tuple(str(w) for w in words))
            for label, words in events.items() if doc is None or doc.may_say(words)}


def span(s: tuple[int, int, str]) -> Span:
    return Span(*s)
