"""Dated facts in days and hours: an event's length against its first and last days, 'the following morning', clock spans."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from checker.extract.dates import WrittenDate
from checker.lexicon import lexicon_pattern
from checker.rules.dated import HEDGE, N, fits, content_words, number, paragraph
from checker.rules.facts import Document

# --- an event's length against the dates it starts and ends on, read across its paragraph ----------------
# "As of 29 November 2018, ... the 35-day-long festival ... can be enjoyed until 20 January 2019"
_LENGTH = lexicon_pattern(r"\b(?P<n>\d+|(?&NUMBER_WORD:2-15,20,30))-(?P<unit>day|week)(?:-long)?\s+(?P<noun>[a-z]+)",
                          re.I)
_HAS_LENGTH = re.compile(r"-(?:day|week)", re.I)  # in every _LENGTH: a text without it is not scanned
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
    if not _HAS_LENGTH.search(text):
        return out
    offsets = [d.start for d in dates]
    for m in _LENGTH.finditer(text):
        lo, hi = paragraph(text, m.start())
        here = dates[bisect.bisect_left(offsets, lo):bisect.bisect_left(offsets, hi)]
        starts = [d for d in here if _START_CUE.search(text[max(lo, d.start - 20):d.start])]
        ends = [d for d in here if _END_CUE.search(text[max(lo, d.start - 20):d.start])]
        if len(starts) != 1 or len(ends) != 1 or starts[0].start > ends[0].start:
            continue
        noun = m.group("noun").lower()[:5]
        if noun not in _sentence_around(text, ends[0].start, lo, hi).lower():
            continue  # the paragraph may end something else than the thing whose length it gives ('talks
            # continue until ...' after 'the 90-day ceasefire began on ...')
        out.append(StatedSpan(m, starts[0], ends[0]))
    return out


def _sentence_around(text: str, offset: int, lo: int, hi: int) -> str:
    a = max(text.rfind(". ", lo, offset), lo)
    b = text.find(". ", offset, hi)
    return text[a:b if b >= 0 else hi]


# --- a day named by its relation to a date ("the following morning"), and the same event dated elsewhere ----
_RELATIVE = re.compile(r"\bthe\s+(?:(?P<next>following|next)\s+(?:morning|day)|(?:morning|day)\s+(?P<after>after)(?!\s+(?:the|a|an|his|her|its|their)\b)|"
                       r"(?P<prev>previous|preceding)\s+day|day\s+(?P<before>before)(?!\s+(?:the|a|an|his|her|its|their)\b))\b", re.I)
@dataclass(frozen=True)
class DatedEvent:
    """An event the text dates once: the date (given, or implied by 'the following morning'), its words."""
    date: dt.date
    verb: str
    words: frozenset[str]
    spans: tuple[tuple[int, int, str], ...]  # what the date rests on, as written
    implied: bool


def _event_words(text: str, lo: int, hi: int, verbs: re.Pattern, words_from: int | None = None
                 ) -> tuple[str, set[str]] | None:
    """The event verb written in text[lo:hi] (one of the dating verbs) and the words around it (from
    words_from, when the subject is written before: 'The gallery closed on May 3 and reopened ...')."""
    m = verbs.search(text[lo:hi])
    if not m:
        return None
    lo = lo if words_from is None else words_from
    return m.group().lower(), content_words(text[lo:hi]) - {m.group().lower()}


def relative_days(text: str, sentences, dates: list[WrittenDate], year_of, verbs: re.Pattern) -> list[DatedEvent]:
    """Events dated by 'the following morning' after a date of the same sentence, with their clause."""
    out = []
    starts = [d.start for d in dates]
    for sent in sentences:
        for m in _RELATIVE.finditer(text, sent.start, sent.end):
            i = bisect.bisect_left(starts, m.start()) - 1  # the last date that starts before the phrase
            while i >= 0 and dates[i].end > m.start():
                i -= 1
            if i < 0 or dates[i].start < sent.start:
                continue
            anchor = dates[i]
            day = anchor.on(year_of(anchor) or _any_year(anchor))
            if day is None:
                continue
            step = 1 if (m.group("next") or m.group("after")) else -1
            # the event the day dates: the clause after it (", when the guards found ..."); the words between
            # the date and the phrase when the phrase ends its clause ("closed on May 3 and reopened the next
            # day."); else the words after it ("... and the next day officers found a gun")
            rest = text[m.end():sent.end]
            tail = re.match(r"\s*,?\s*(?:when|as|after)\b[^.;]*", rest)
            words_from = None
            if tail:
                lo, hi = m.end(), m.end() + tail.end()
            elif re.match(r"\s*(?:[.,;:!?]|$)", rest):
                lo, hi, words_from = anchor.end, m.start(), sent.start
            else:
                lo, hi = m.end(), m.end() + re.match(r"[^.,;:!?]*", rest).end()
            found = _event_words(text, lo, hi, verbs, words_from)
            if found is None:
                continue
            verb, words = found
            out.append(DatedEvent(day + dt.timedelta(days=step), verb, frozenset(words),
                                  ((anchor.start, anchor.end, anchor.text), (m.start(), m.end(), m.group())), True))
    return out


def _any_year(d: WrittenDate) -> int:
    """For a text that writes no year: one in which the date exists (day arithmetic is the same in any)."""
    return 2004 if (d.month, d.day) == (2, 29) else 2001


def dated_events(doc: Document, dates: list[WrittenDate], year_of, verbs: re.Pattern) -> list[DatedEvent]:
    """Events the text dates outright: a dating verb in the clause of a full date ('discovered the body Aug. 11')."""
    text, out = doc.text, []
    for d in dates:
        sent = doc.sentence_at(d.start)
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


# --- a stated number of hours between two clock times: 'the six hours from 10:30 p.m. to 2:30 a.m.' --------
_T = r"(?:(?P<h{0}>\d{{1,2}})(?::(?P<m{0}>\d\d))?\s*(?P<ap{0}>[ap])\.?m\.?(?![a-z])|(?P<H{0}>[01]?\d|2[0-3]):(?P<M{0}>\d\d)\b|(?P<w{0}>noon|midnight))"
_HOURS = HEDGE + r"(?P<stated>(?P<n>" + N + r")[\s-]+hours?)"
_HOUR = re.compile(r"hour", re.I)  # in every clock span: a text without it is not scanned
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
    hedge: str | None


def clock_spans(text: str) -> list[ClockSpan]:
    out = []
    if not _HOUR.search(text):
        return out
    for pattern in _CLOCK_SPANS:
        for m in pattern.finditer(text):
            if re.search(r"\bfor\s+$", text[max(0, m.start() - 5):m.start()]):
                continue  # 'for two hours between 9 a.m. and 5 p.m.' is within the window, not its length
            a, b = _minutes(m, 1), _minutes(m, 2)
            if a is None or b is None:
                continue
            out.append(ClockSpan(m, ((b - a) % (24 * 60)) / 60, number(m.group("n")),
                                 m.group("hedge")))
    return out


def hours_fit(s: ClockSpan) -> bool:
    """Does the stated number of hours, with its hedge, allow the hours between the two times?
    'six hours' for 6:15 is rounding; 'six hours' for four is not."""
    return fits(s.stated, s.hours, s.hedge, 0.49)
