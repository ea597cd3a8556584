"""Dated facts: spans, relative days, ages and 'N years after' arithmetic, and one event's date said twice."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from checker.extract.dates import WrittenDate, find_dates
from checker.extract.numbers import SMALL, TENS
from checker.lexicon import lexicon_pattern
from checker.report import Span

_N = r"(?:\d{1,3}|(?&NUMBER_WORD:1-20,30,40,50,60,70,80,90))"
_YEAR = re.compile(r"(?<![\d.,$€£-])\b(1[89]\d\d|20\d\d)\b(?![\d%-]|\s*(?:percent|per\s+cent))")


def number(word: str) -> int:
    """'57', 'seven', 'a' as an integer (0 when it is none of them)."""
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in ("a", "an", "one"):
        return 1
    return SMALL.get(w) or TENS.get(w) or 0


def sentence_at(sentences, offset: int):
    """The sentence holding offset, found by bisection (sentences are in text order)."""
    i = bisect.bisect_right([s.start for s in sentences], offset) - 1
    return sentences[i] if i >= 0 and offset < sentences[i].end else None


def paragraph(text: str, offset: int) -> tuple[int, int]:
    """The blank-line paragraph (or, in copy written one paragraph a line, the line) around offset."""
    lo = max(text.rfind("\n\n", 0, offset), text.rfind("\n", 0, offset) if "\n\n" not in text else -1)
    hi_blank = text.find("\n\n", offset)
    hi_line = text.find("\n", offset) if "\n\n" not in text else -1
    hi = min(h for h in (hi_blank, hi_line, len(text)) if h >= 0)
    return lo + 1, hi


# --- an event's length against the dates it starts and ends on, read across its paragraph ----------------
# "As of 29 November 2018, ... the 35-day-long festival ... can be enjoyed until 20 January 2019"
_LENGTH = lexicon_pattern(r"\b(?P<n>\d+|(?&NUMBER_WORD:2-15,20,30))-(?P<unit>day|week)(?:-long)?\s+(?P<noun>[a-z]+)",
                          re.I)
_START_CUE = re.compile(r"\b(?:as\s+of|starting(?:\s+on)?|beginning(?:\s+on)?|from|(?:began|begins|started|starts|"
                        r"opened|opens|kicked\s+off|kicks\s+off)(?:\s+on)?)\s+$", re.I)
_END_CUE = re.compile(r"\b(?:until|till|through|(?:ended|ends|closed|closes|concluded|concludes|finished|finishes|"
                      r"runs\s+through|runs\s+until)(?:\s+on)?)\s+$", re.I)


@dataclass(frozen=True)
class StatedSpan:
    length: re.Match
    first: WrittenDate
    last: WrittenDate


def stated_spans(text: str, dates: list[WrittenDate]) -> list[StatedSpan]:
    """An 'N-day NOUN' with the one date its paragraph says it starts on and the one it says it ends on,
    the noun named again beside one of them (the festival's length, its first and last days)."""
    out = []
    for m in _LENGTH.finditer(text):
        lo, hi = paragraph(text, m.start())
        here = [d for d in dates if lo <= d.start < hi]
        starts = [d for d in here if _START_CUE.search(text[max(lo, d.start - 20):d.start])]
        ends = [d for d in here if _END_CUE.search(text[max(lo, d.start - 20):d.start])]
        if len(starts) != 1 or len(ends) != 1 or starts[0].start > ends[0].start:
            continue
        noun = m.group("noun").lower()[:5]
        if not any(noun in _sentence_around(text, d.start, lo, hi).lower() for d in (starts[0], ends[0])):
            continue  # the paragraph may date something else than the thing whose length it gives
        out.append(StatedSpan(m, starts[0], ends[0]))
    return out


def _sentence_around(text: str, offset: int, lo: int, hi: int) -> str:
    a = max(text.rfind(". ", lo, offset), lo)
    b = text.find(". ", offset, hi)
    return text[a:b if b >= 0 else hi]


# --- a day named by its relation to a date ("the following morning"), and the same event dated elsewhere ----
_RELATIVE = re.compile(r"\bthe\s+(?:(?P<next>following|next)\s+(?:morning|day)|(?:morning|day)\s+(?P<after>after)(?!\s+(?:the|a|an|his|her|its|their)\b)|"
                       r"(?P<prev>previous|preceding)\s+day|day\s+(?P<before>before)(?!\s+(?:the|a|an|his|her|its|their)\b))\b", re.I)
_STOP = frozenset("the a an and or of to in on at for by with from was were is are be been had has have that this "
                  "when where while as after before his her its their they he she it who which than then there "
                  "said says told about into over under more most some all any not no morning day night since during until "
                  "our your will would could may might can should must we you i".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]{2,}")


def content_words(text: str) -> set[str]:
    """The words that name an event's actors and objects: no function words, possessive 's dropped."""
    return {re.sub(r"[’']s$", "", w.lower()) for w in _WORD.findall(text) if w.lower() not in _STOP}


@dataclass(frozen=True)
class DatedEvent:
    """An event the text dates once: the date (given, or implied by 'the following morning'), its words."""
    date: dt.date
    verb: str
    words: frozenset[str]
    spans: tuple[tuple[int, int, str], ...]  # what the date rests on, as written
    implied: bool


def _event_words(text: str, lo: int, hi: int, verbs: re.Pattern) -> tuple[str, set[str]] | None:
    """The event verb written in text[lo:hi] (one of the dating verbs) and the words around it."""
    clause = text[lo:hi]
    m = verbs.search(clause)
    if not m:
        return None
    return m.group().lower(), content_words(clause) - {m.group().lower()}


def relative_days(text: str, sentences, dates: list[WrittenDate], year_of, verbs: re.Pattern) -> list[DatedEvent]:
    """Events dated by 'the following morning' after a date of the same sentence, with their clause."""
    out = []
    for sent in sentences:
        for m in _RELATIVE.finditer(text, sent.start, sent.end):
            before = [d for d in dates if sent.start <= d.start and d.end <= m.start()]
            if not before:
                continue
            anchor = before[-1]
            day = anchor.on(year_of(anchor) or _any_year(anchor))
            if day is None:
                continue
            step = 1 if (m.group("next") or m.group("after")) else -1
            # the event the day dates: the clause after it (", when the guards found ..."), else the words
            # between the date and the phrase ("closed on May 3 and reopened the next day")
            tail = re.match(r"\s*,?\s*(?:when|as|after)\b[^.;]*", text[m.end():sent.end])
            lo, hi = (m.end(), m.end() + tail.end()) if tail else (anchor.end, m.start())
            found = _event_words(text, lo, hi, verbs)
            if found is None:
                continue
            verb, words = found
            out.append(DatedEvent(day + dt.timedelta(days=step), verb, frozenset(words),
                                  ((anchor.start, anchor.end, anchor.text), (m.start(), m.end(), m.group())), True))
    return out


def _any_year(d: WrittenDate) -> int:
    """For a text that writes no year: one in which the date exists (day arithmetic is the same in any)."""
    return 2004 if (d.month, d.day) == (2, 29) else 2001


def dated_events(text: str, sentences, dates: list[WrittenDate], year_of, verbs: re.Pattern) -> list[DatedEvent]:
    """Events the text dates outright: a dating verb in the clause of a full date ('discovered the body Aug. 11')."""
    out = []
    for d in dates:
        sent = sentence_at(sentences, d.start)
        day = d.on(year_of(d) or _any_year(d))
        if sent is None or day is None:
            continue
        # the clause of the date: from the last comma or clause word before it to the next comma after it
        lo = max(text.rfind(",", sent.start, d.start), text.rfind(";", sent.start, d.start), sent.start)
        hi_comma = text.find(",", d.end, sent.end)
        hi = hi_comma if hi_comma >= 0 else sent.end
        found = _event_words(text, lo, hi, verbs)
        if found is None:
            continue
        verb, words = found
        out.append(DatedEvent(day, verb, frozenset(words - content_words(d.text)), ((d.start, d.end, d.text),), False))
    return out


def same_event(a: DatedEvent, b: DatedEvent) -> bool:
    """The same verb of a once-only event with at least two of the same actors or objects."""
    return a.verb[:5] == b.verb[:5] and len(a.words & b.words) >= 2


# --- ages: 'was seven years old when ...' then 'Seven decades later, Parata, 57, ...' -----------------------
_NAME = r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
_AGE_AT = lexicon_pattern(
    _NAME + r"\s+was\s+(?:just\s+|only\s+|barely\s+)?(?P<age>" + _N + r")(?:\s+years?\s+old|\s+years?\s+of\s+age)?\s+when\b"
    r"|\b(?P<name2>[A-Z][\w’'-]+)\s+[a-z]+ed\s+[^.]{0,60}?\bat\s+(?:the\s+)?age\s+(?:of\s+)?(?P<age2>" + _N + r")\b")
_LATER = lexicon_pattern(r"\b(?P<n>" + _N + r"|a)\s+(?P<unit>years?|decades?)\s+later\b", re.I)
_APPOSITIVE_AGE = re.compile(r"\b(?P<name>[A-Z][\w’'-]+),\s+(?P<age>\d{1,3}),")


@dataclass(frozen=True)
class AgeLater:
    at: re.Match     # the age at the first event
    later: re.Match  # 'N decades later'
    now: re.Match    # the person's age given after it
    expected: int
    slack: int


def ages_later(text: str, sentences) -> list[AgeLater]:
    """An age at an event, 'N years (decades) later' within the next three sentences, and the same
    person's age written beside their name in that sentence."""
    out = []
    for i, sent in enumerate(sentences):
        for at in _AGE_AT.finditer(text, sent.start, sent.end):
            names = set((at.group("name") or at.group("name2")).split())
            age = number(at.group("age") or at.group("age2"))
            for follow in sentences[i:i + 4]:
                for later in _LATER.finditer(text, max(follow.start, at.end()), follow.end):
                    for now in _APPOSITIVE_AGE.finditer(text, later.end(), follow.end):
                        if now.group("name") not in names:
                            continue
                        unit = 10 if later.group("unit").lower().startswith("decade") else 1
                        n = number(later.group("n"))
                        # 'seven decades' is a round figure: half a decade either way; years, one year
                        out.append(AgeLater(at, later, now, age + n * unit, 5 if unit == 10 else 1))
    return out


# --- 'N years after' between two years of one sentence ----------------------------------------------------
_YEARS_GAP = lexicon_pattern(r"(?:\b(?P<hedge>about|around|roughly|some|nearly|almost|at\s+least|more\s+than|over|"
                             r"less\s+than|under)\s+)?\b(?P<n>" + _N + r")\s+years?\s+(?P<dir>after|later|before|earlier)\b"
                             r"|\b(?P<nth>\d{1,3})(?:st|nd|rd|th)\s+(?P<anniversary>anniversary)\s+of\b", re.I)


@dataclass(frozen=True)
class YearsGap:
    phrase: re.Match
    first: re.Match   # the earlier event's year
    second: re.Match  # the later event's year
    stated: int
    anniversary: bool  # 'the 30th anniversary of the 1989 revolution', in the year the sentence writes
    hedge: str


def gap_fits(g: YearsGap, actual: int, slack: int) -> bool:
    """Does the stated number of years, with its hedge, allow the difference of the two years?"""
    n = g.stated
    if g.hedge in ("at least", "more than", "over"):
        return actual >= n - slack
    if g.hedge in ("less than", "under"):
        return actual <= n + slack
    if g.hedge in ("nearly", "almost"):
        return n - max(1, n // 10) - slack <= actual <= n + slack
    if g.hedge:
        return abs(actual - n) <= max(1, n // 10) + slack
    return abs(actual - n) <= slack


def year_gaps(text: str, sentences) -> list[YearsGap]:
    """'In 1963, four years after it was founded in 1958': a gap whose two years the sentence writes.
    'after'/'before' point to the year written after the phrase; 'later'/'earlier' to the one before it."""
    out = []
    for sent in sentences:
        years = list(_YEAR.finditer(text, sent.start, sent.end))
        if len(years) < 2:
            continue
        for m in _YEARS_GAP.finditer(text, sent.start, sent.end):
            before = [y for y in years if y.end() <= m.start()]
            after = [y for y in years if y.start() >= m.end()]
            if not before or not after:
                continue
            near_before, near_after = before[-1], after[0]
            # both years in the phrase's own clause: near it, no stop, colon or dash between
            if any(re.search(r"[.;:!?]|\s[-–—]\s", text[a:b]) or b - a > 80
                   for a, b in ((near_before.end(), m.start()), (m.end(), near_after.start()))):
                continue
            direction = "after" if m.group("anniversary") else m.group("dir").lower()
            if direction in ("after", "later"):
                first, second = (near_after, near_before) if direction == "after" else (near_before, near_after)
            else:
                first, second = (near_before, near_after) if direction == "before" else (near_after, near_before)
            out.append(YearsGap(m, first, second, number(m.group("n") or m.group("nth")), bool(m.group("anniversary")),
                                re.sub(r"\s+", " ", (m.group("hedge") or "").lower())))
    return out


# --- one event's year or ordinal said twice: 'founded in 1998' ... 'since its founding in 1996' -------------
@dataclass(frozen=True)
class Statement:
    """A year or ordinal the text gives for a once-only event (a founding, a birth, this year's edition)."""
    label: str
    value: tuple[int, ...]  # (year, month, day) with 0 for a part not written; (n,) for an ordinal
    span: tuple[int, int, str]
    words: frozenset[str]
    names: frozenset[str]  # the capitalised names of its clause: whose birth, which company's founding


def year_statements(text: str, sentences, labels: dict[str, re.Pattern]) -> list[Statement]:
    """Dates or years written right after an event word of a once-only event ('born in 1961', 'her birth on
    27 April 1992', 'founding in 1996'); the value is (year, month, day), 0 where not written."""
    out = []
    for label, words in labels.items():
        for m in words.finditer(text):
            at = re.match(r"\s*(?:(?:in|on)\s+)?", text[m.end():m.end() + 10]).end() + m.end()
            date = next((d for d in find_dates(text, at, min(len(text), at + 30)) if d.start == at and d.year), None)
            year = None if date else re.match(r"(?:19|20)\d\d\b(?![\d%,.]\d)", text[at:at + 5])
            if date is None and year is None:
                continue
            value = (date.year, date.month, date.day) if date else (int(year.group()), 0, 0)
            span = (date.start, date.end, date.text) if date else (at, at + 4, year.group())
            sent = sentence_at(sentences, m.start())
            if sent is None:
                continue
            # whose event: the names written before it in its sentence ('Its rival, Quayside Press, was founded')
            clause = text[sent.start:m.start()]
            out.append(Statement(label, value, span, frozenset(content_words(clause)), frozenset(_names(clause))))
    return out


_ORDINAL = re.compile(r"\b(?P<det>(?i:the|this|this\s+year['’]s|its|our))\s+(?P<n>\d{1,3})(?:st|nd|rd|th)\s+(?P<noun>[a-z]+)\b"
                      r"(?P<of>\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)?")


def ordinal_statements(text: str, nouns: re.Pattern) -> list[Statement]:
    """'this 57th edition', 'the 58th edition of the Grammys': the ordinal of the event the story is about
    (only 'this' or a definite with the event's name; 'the 57th edition' alone may be last year's)."""
    out = []
    for m in _ORDINAL.finditer(text):
        if not nouns.fullmatch(m.group("noun")):
            continue
        current = m.group("det").lower().startswith("this")
        if not current and not m.group("of"):
            continue
        named = frozenset(_names(m.group("of") or ""))
        out.append(Statement(m.group("noun").lower(), (int(m.group("n")),), (m.start("n"), m.end("n") + 2,
                             text[m.start("n"):m.end("n") + 2]), frozenset({"this"} if current else ()), named))
    return out


def _names(text: str) -> set[str]:
    # a capitalised word not opening the clause: a name ('Acme was founded' opens it, but is a name too)
    return {w for w in re.findall(r"\b[A-Z][a-z][\w’'-]*", text)
            if w.lower() not in _STOP and w not in ("The", "This", "It", "He", "She", "They", "Its", "His", "Her")}


def restated(statements: list[Statement]) -> list[tuple[Statement, Statement]]:
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


def once_only(relations) -> dict[str, re.Pattern]:
    """rules/relations.yaml once_only_events: each label's words as one pattern."""
    return {label: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
            for label, words in (relations.data.get("once_only_events") or {}).items()}


def restatements(rule, doc, relations):
    """NC107's findings for dated facts: one birth, founding, death or edition given two values."""
    statements = year_statements(doc.text, doc.sentences, once_only(relations))
    statements += ordinal_statements(doc.text, relations.words_re("ordinal_events"))
    for a, b in restated(statements):
        # the identity rests on reading both as the one event the story is about: a warning
        yield rule.finding(doc.doc, f"{a.span[2]!r} and later {b.span[2]!r} for the same {a.label}: "
                                    "the two cannot both hold", [_span(a.span), _span(b.span)], severity="warning")
    for a, b in restated_crossings(crossings(doc.text, doc.sentences, relations.words_re("crossing_verbs"))):
        what = " ".join(sorted(b.object))
        yield rule.finding(doc.doc, f"{a.year[2]!r} and later {b.year[2]!r} for when the same thing overtakes "
                                    f"the same other ({what}): the two cannot both hold",
                           [_span(a.year), _span(b.year)], severity="warning")


def _span(s: tuple[int, int, str]) -> Span:
    return Span(*s)


# --- a stated number of hours between two clock times: 'the six hours from 10:30 p.m. to 2:30 a.m.' --------
_T = r"(?:(?P<h{0}>\d{{1,2}})(?::(?P<m{0}>\d\d))?\s*(?P<ap{0}>[ap])\.?m\.?(?![a-z])|(?P<H{0}>[01]?\d|2[0-3]):(?P<M{0}>\d\d)\b|(?P<w{0}>noon|midnight))"
_HOURS = r"(?P<hedge>about|around|roughly|some|nearly|almost|at\s+least|more\s+than|over|just\s+over|just\s+under)?\s*(?P<stated>(?P<n>" + _N + r")[\s-]+hours?)"
_CLOCK_SPANS = [
    # 'the six hours from 10:30 p.m. to 2:30 a.m.', 'a four-hour window between 9 a.m. and 1 p.m.'
    lexicon_pattern(r"\b(?:the|a|an)\s+" + _HOURS + r"(?:\s+[a-z]+)?\s+(?:from|between)\s+" + _T.format(1)
                    + r"(?:\s+[^,;.]{0,20}?)?\s+(?:to|and|until|till)\s+" + _T.format(2), re.I),
    # 'from 10:30 p.m. to 2:30 a.m., six hours in all'
    lexicon_pattern(r"\bfrom\s+" + _T.format(1) + r"(?:\s+[^,;.]{0,20}?)?\s+(?:to|until|till)\s+" + _T.format(2)
                    + r",\s+(?:a\s+span\s+of\s+|a\s+stretch\s+of\s+)?" + _HOURS + r"\b", re.I),
]


def time_span(m: re.Match, i: int) -> tuple[int, int]:
    """Where the i-th clock time of a clock-span match is written."""
    groups = [g + str(i) for g in ("h", "m", "ap", "H", "M", "w") if m.group(g + str(i))]
    start, end = min(m.start(g) for g in groups), max(m.end(g) for g in groups)
    if m.group("ap" + str(i)):  # the group holds the 'p' of 'p.m.'
        end += re.match(r"\.?m\.?", m.string[end:]).end()
    return start, end


def _minutes(m: re.Match, i: int) -> int | None:
    if m.group(f"w{i}"):
        return 12 * 60 if m.group(f"w{i}").lower() == "noon" else 0
    if m.group(f"H{i}"):
        return int(m.group(f"H{i}")) * 60 + int(m.group(f"M{i}"))
    h = int(m.group(f"h{i}"))
    if not 1 <= h <= 12:
        return None
    return (h % 12 + (12 if m.group(f"ap{i}").lower() == "p" else 0)) * 60 + int(m.group(f"m{i}") or 0)


@dataclass(frozen=True)
class ClockSpan:
    match: re.Match
    hours: float   # between the two times, past midnight if need be
    stated: int
    hedge: str


def clock_spans(text: str) -> list[ClockSpan]:
    out = []
    for pattern in _CLOCK_SPANS:
        for m in pattern.finditer(text):
            if re.search(r"\bfor\s+$", text[max(0, m.start() - 5):m.start()]):
                continue  # 'for two hours between 9 a.m. and 5 p.m.' is within the window, not its length
            a, b = _minutes(m, 1), _minutes(m, 2)
            if a is None or b is None:
                continue
            out.append(ClockSpan(m, ((b - a) % (24 * 60)) / 60, number(m.group("n")),
                                 re.sub(r"\s+", " ", (m.group("hedge") or "").lower())))
    return out


def hours_fit(s: ClockSpan) -> bool:
    """Does the stated number of hours, with its hedge, allow the hours between the two times?"""
    n, h = s.stated, s.hours
    if s.hedge in ("at least", "more than", "over", "just over"):
        return h >= n
    if s.hedge == "just under":
        return h <= n
    if s.hedge in ("nearly", "almost"):
        return 0.9 * n - 0.5 <= h <= n
    if s.hedge:
        return abs(h - n) <= max(0.1 * n, 0.5)
    return abs(h - n) < 0.5  # 'six hours' for 6:15 is rounding; 'six hours' for four is not


# --- an age against a stated birth year and the years of the article's dates ---------------------------------
@dataclass(frozen=True)
class AgeAgainstBirth:
    age: re.Match        # 'Parata, 57,'
    birth: Statement     # 'born in 1961'
    years: tuple[int, int]  # the earliest and latest years the text's full dates write


def ages_against_births(text: str, sentences, labels: dict[str, re.Pattern], dates: list[WrittenDate],
                        kin: re.Pattern) -> list[AgeAgainstBirth]:
    """A person's age beside their name ('Mirela Voss, 38,') and the birth year given with that name
    ('Voss was born in 1979'; not 'Ion Voss', nor 'her father ... Voss'); the article is taken to be
    written within the years its full dates write (a story of 2019 may date 2020's events)."""
    written = sorted({d.year for d in dates if d.year})
    if not written or "birth" not in labels:
        return []
    births = [s for s in year_statements(text, sentences, {"birth": labels["birth"]}) if s.names]
    out = []
    for m in _APPOSITIVE_AGE.finditer(text):
        full = _name_run(text[max(0, m.start() - 60):m.end("name")])
        for b in births:
            sent = sentence_at(sentences, b.span[0])
            clause = text[sent.start:b.span[0]]
            if m.group("name") not in b.names or kin.search(clause):
                continue
            other = next((r for r in re.findall(_RUN, clause) if m.group("name") in r.split()), "")
            if not (set(other.split()) <= set(full.split()) or set(full.split()) <= set(other.split())):
                continue  # 'Ion Voss was born in 1950' is not Mirela Voss
            out.append(AgeAgainstBirth(m, b, (written[0], written[-1])))
    return out


_RUN = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*"


def _name_run(text: str) -> str:
    """The capitalised words that end text ('... said Mirela Voss' gives 'Mirela Voss')."""
    m = re.search(_RUN + r"$", text)
    return m.group() if m else ""


def age_fits(a: AgeAgainstBirth) -> bool:
    """Born in B, aged A in some year Y of the article's: A is Y - B, or one less before the birthday."""
    age, born = int(a.age.group("age")), a.birth.value[0]
    return a.years[0] - born - 1 <= age <= a.years[1] - born
