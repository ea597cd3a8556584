"""Dated facts said twice: one birth, founding or death given two dates, an edition two ordinals, a crossing two years."""
from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.dates import find_dates
from checker.rules.dated import content_words, names, once_only, span
from checker.rules.facts import Document

# --- one event's year or ordinal said twice: 'founded in 1998' ... 'since its founding in 1996' -------------
@dataclass(frozen=True)
class Statement:
    """A year or ordinal the text gives for a once-only event (a founding, a birth, this year's edition)."""
    label: str
    value: tuple[int, ...]  # (year, month, day) with 0 for a part not written; (n,) for an ordinal
    span: tuple[int, int, str]
    words: frozenset[str]
    names: frozenset[str]  # the capitalised names of its clause: whose birth, which company's founding


def year_statements(doc: Document, labels: dict[str, re.Pattern]) -> list[Statement]:
    """Dates or years written right after an event word of a once-only event ('born in 1961', 'her birth on
    27 April 1992', 'founding in 1996'); the value is (year, month, day), 0 where not written."""
    text, out = doc.text, []
    for label, words in labels.items():
        for m in words.finditer(text):
            at = re.match(r"\s*(?:(?:in|on)\s+)?", text[m.end():m.end() + 10]).end() + m.end()
            date = next((d for d in find_dates(text, at, min(len(text), at + 30)) if d.start == at and d.year), None)
            year = None if date else re.match(r"(?:19|20)\d\d\b(?![\d%,.]\d)", text[at:at + 5])
            if date is None and year is None:
                continue
            value = (date.year, date.month, date.day) if date else (int(year.group()), 0, 0)
            span = (date.start, date.end, date.text) if date else (at, at + 4, year.group())
            sent = doc.sentence_at(m.start())
            if sent is None:
                continue
            # whose event: the names written before it in its sentence ('Its rival, Quayside Press, was founded')
            clause = text[sent.start:m.start()]
            out.append(Statement(label, value, span, frozenset(content_words(clause)), frozenset(names(clause))))
    return out


_ORDINAL = re.compile(r"\b(?P<det>(?i:the|this|this\s+year['’]s|its|our))\s+(?P<n>\d{1,3})(?:st|nd|rd|th)\s+(?P<noun>[a-z]+)\b"
                      r"(?P<of>\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?")

# in every _ORDINAL (a scan that starts at a digit is quick: the engine skips to the digits)
_HAS_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)")


def ordinal_statements(text: str, nouns: re.Pattern) -> list[Statement]:
    """'this 57th edition', 'the 58th edition of the Grammys': the ordinal of the event the story is about
    (only 'this' or a definite with the event's name; 'the 57th edition' alone may be last year's)."""
    out = []
    if not _HAS_ORDINAL.search(text):
        return out  # no digits with an ordinal's ending: _ORDINAL, scanned from every word, finds nothing
    for m in _ORDINAL.finditer(text):
        if not nouns.fullmatch(m.group("noun")):
            continue
        current = m.group("det").lower().startswith("this")
        if not current and not m.group("of"):
            continue
        named = frozenset(names(m.group("of") or ""))
        out.append(Statement(m.group("noun").lower(), (int(m.group("n")),), (m.start("n"), m.end("n") + 2,
                             text[m.start("n"):m.end("n") + 2]), frozenset({"this"} if current else ()), named))
    return out


def restated(statements: list[Statement], kin: re.Pattern) -> list[tuple[Statement, Statement]]:
    """Pairs of one event's statements with different values. The same fact when no name tells them apart
    (one names nobody, 'since its founding', or both name the same), and the text states that event at most
    twice: three founding years are likely three companies'."""
    out = []
    by_label: dict[str, list[Statement]] = {}
    for s in statements:
        by_label.setdefault(s.label, []).append(s)
    for group in by_label.values():
        group.sort(key=lambda s: s.span[0])
        if len(group) != 2:
            continue
        a, b = group
        if all(x == y or not x or not y for x, y in zip(a.value, b.value)):
            continue  # 'born in 1992' and 'born on 15 May 1992' agree
        if a.names and b.names and not a.names & b.names:
            continue
        if any(kin.fullmatch(w) for w in a.words | b.words):
            continue  # 'his wife's death in 2010' is not his
        out.append((a, b))
    return out


@dataclass(frozen=True)
class Crossing:
    """'Interest payments will overtake ... the Defense budget in 2023': who overtakes what, and when."""
    year: tuple[int, int, str]
    subject: frozenset[str]
    object: frozenset[str]


def crossings(text: str, sentences, verbs: re.Pattern) -> list[Crossing]:
    """Each 'in YEAR' after a verb of overtaking, with the words before the verb (who) and those between
    the verb, or the year before it, and this year (what: 'overtake Medicaid in 2020 and the Defense budget
    in 2023' gives Medicaid 2020 and the Defense budget 2023)."""
    out = []
    for sent in sentences:
        for v in verbs.finditer(text, sent.start, sent.end):
            lo = v.end()
            for y in re.finditer(r"\bin\s+((?:19|20)\d\d)\b", text[v.end():sent.end]):
                at = v.end() + y.start()
                out.append(Crossing((v.end() + y.start(1), v.end() + y.end(1), y.group(1)),
                                    frozenset(content_words(text[sent.start:v.start()])),
                                    frozenset(content_words(text[lo:at]))))
                lo = v.end() + y.end()
    return out


def restated_crossings(found: list[Crossing]) -> list[tuple[Crossing, Crossing]]:
    """Two years for one thing overtaking the same other thing: the same words for what is overtaken,
    and for who overtakes it the words of one statement among the other's ('interest payments on the debt')."""
    return [(a, b) for i, a in enumerate(found) for b in found[i + 1:]
            if a.object and a.object == b.object and a.subject and b.subject
            and (a.subject <= b.subject or b.subject <= a.subject) and a.year[2] != b.year[2]]


def restatements(rule, doc, relations):
    """NC107's findings for dated facts: one birth, founding, death or edition given two values."""
    statements = year_statements(doc, once_only(relations, doc))
    if doc.may_say(relations.words("ordinal_events")):  # the noun after the ordinal is one of them
        statements += ordinal_statements(doc.text, relations.words_re("ordinal_events"))
    for a, b in restated(statements, relations.words_re("kin_words")):
        # the identity rests on reading both as the one event the story is about: a warning
        yield rule.finding(doc.doc, f"{a.span[2]!r} and later {b.span[2]!r} for the same {a.label}: "
                                    "the two cannot both hold", [span(a.span), span(b.span)], severity="warning")
    if not doc.may_say(relations.words("crossing_verbs")):
        return
    for a, b in restated_crossings(crossings(doc.text, doc.sentences, relations.words_re("crossing_verbs"))):
        what = " ".join(sorted(b.object))
        yield rule.finding(doc.doc, f"{a.year[2]!r} and later {b.year[2]!r} for when the same thing overtakes "
                                    f"the same other ({what}): the two cannot both hold",
                           [span(a.year), span(b.year)], severity="warning")
