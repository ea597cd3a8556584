"""NC108 date-mismatch: a weekday that does not fit its date, or date arithmetic that does not add up."""
from __future__ import annotations

import bisect
import re

from checker.extract.dates import WrittenDate, Years, find_dates, weekday_name
from checker.lexicon import lexicon_pattern
from checker.report import Span
from checker.rules import dated, dated_days, dated_years
from checker.rules.base import Rule, register
from checker.wording import count

_UNIT_DAYS = {"day": 1, "week": 7, "month": 30.44}
_DURATION = lexicon_pattern(
    r"\b(?P<exact>exactly\s+|just\s+)?(?P<n>\d+|a|(?&NUMBER_WORD:1-15,20,30))[\s-]+(?P<unit>days?|weeks?|months?)\s+"
    r"(?P<dir>after|later|before|earlier)\b", re.I)
# "The walkout began on Feb. 3 and ended on Feb. 28" (with "an 18-day strike" nearby)
_BEGAN_ENDED = re.compile(
    r"\b(?:began|started|opened|kicked\s+off)\s+on\s+(?P<a>[^,;]{3,30}?)\s+(?:and|,)\s+(?:\w+\s+)?"
    r"(?:ended|finished|closed|concluded|wrapped\s+up)\s+on\s+(?P<b>[^,;]{3,30}?)(?=\s|[,.;]|$)", re.I)
_LENGTH = lexicon_pattern(r"\b(?P<n>\d+|(?&NUMBER_WORD:2-15,20,30))-(?P<unit>day|week|month)\b", re.I)
# A compact run of days, "Oct. 28-29", "28-30 March": both ends in one written date
_DAY_RUN = lexicon_pattern(
    r"\b(?:(?P<m1>(?&MONTH_ANY))\.?\s+(?P<a1>\d{1,2})\s*[-–]\s*(?P<b1>\d{1,2})\b(?!\s*[-–/:.]?\d)"
    r"|(?P<a2>\d{1,2})\s*[-–]\s*(?P<b2>\d{1,2})\s+(?P<m2>(?&MONTH_ANY))\b)", re.I)
# every length _day_runs reads holds one: a sentence without it is not read (a cheap scan before two patterns)
_DASH_DAY = re.compile(r"-day", re.I)
# in every gap year_gaps reads (as the document's folded text writes it): a text without one is not read
_GAP_WORDS = re.compile(r"years?\s+(?:after|later|before|earlier)|anniversary")
_SPAN = lexicon_pattern(
    r"\bfrom\s+(?P<a>[^,;]{3,25}?)\s+to\s+(?P<b>[^,;]{3,25}?(?:,\s*\d{4})?),\s+(?P<n>\d+|(?&NUMBER_WORD:1-10))\s+(?P<unit>days?|weeks?)\b", re.I)


@register
class DateMismatch(Rule):
    """A weekday that does not fit its date, or date arithmetic that does not add up.

    What it flags
        "Thursday, May 14, 2025" when May 14, 2025 was a Wednesday (the year is
        taken from the date, else from the nearest earlier date in the text,
        else from `default_year` in rules/relations.yaml or the configuration: an
        error when the date carries its year or the year is the one configured for
        copy that writes none, a warning when it is taken from another date of the
        text; a month exactly half a year from that date may be in the year on
        either side, and a weekday that fits either is not flagged: "tickets go
        on sale Friday, Dec. 6" in copy whose latest date is a tour in June 2020);
        and a stated gap (a warning when one of its dates is read from
        another sentence)
        between two dates that the calendar contradicts: "reopened on Feb. 12,
        four days after the collision" when the collision was on Feb. 7, or
        "from Feb. 7 to Feb. 12, four days".
        Dated facts (checker/rules/dated_days.py, dated_years.py), an error only where one
        phrase ties the numbers: an event's length against the first and last
        days its paragraph gives ("as of 29 November ... the 35-day festival ...
        until 20 January", a warning); "the following morning" after Aug. 9
        when the same event (a verb of `dating_verbs` with the same actors) is
        dated Aug. 11 elsewhere (a warning); an age at an event plus "seven
        decades later" against the age then given by the person's name (a
        warning); an age beside a name against that person's birth year and the
        years of the article's dates (a warning); "N years after" between two
        years of its clause, hedges allowed ("in 1963, four years after its
        founding in 1958"; "four years after 1958" counts exactly); "the 30th
        anniversary of" a year the sentence's other year (else the years of the
        article's dates) makes the 29th (a warning: that year may be another
        event's); "the six hours from
        10:30 p.m. to 2:30 a.m.".

    Why it matters
        Weekdays and gaps are written from memory and copied between drafts;
        a wrong one makes readers doubt every date in the story.

    Flagged
        The storm made landfall late on Saturday, Dec. 14, 2025.

    Consistent
        The storm made landfall late on Sunday, Dec. 14, 2025.
    """

    code = "NC108"
    name = "date-mismatch"
    kind = "date-mismatch"
    severity = "error"
    proof = {
        "error": ("the date carries its year (or the dateline's, or the configured default-year), or one phrase "
                  "ties the two dates, years or clock times ('four years after 1958', 'the six hours from 10:30 p.m. to 2:30 a.m.'): "
                  "the calendar alone decides"),
        "warning": ("the year is taken from the latest date of the text, or one end of the gap from another "
                    "date; or which event, span or person is meant is read across sentences (a length and its paragraph's first and last "
                    "days, 'the following morning' and the same event dated elsewhere, an age and a name)"),
    }

    def check(self, ctx):
        default_year = ctx.relations.data.get("default_year")
        slack = int(ctx.relations.data.get("week_slack_days", 1))
        for doc in ctx.documents:
            dates = find_dates(doc.text)
            years = Years(dates, doc.text)
            yield from self._weekdays(doc, dates, years, default_year)
            yield from self._gaps(doc, dates, years, default_year, slack)
            # (each gate below reads the folded text for a word its patterns' every match holds, as their own
            # first test does with a scan that ignores case: a search for a plain string is much quicker)
            spans = dated_days.stated_spans(doc.text, dates) if "-day" in doc.folded or "-week" in doc.folded else ()
            for span in spans:  # its first and last days read across the paragraph
                yield from self._compare(doc, span.length, span.first, span.last, years, default_year, slack,
                                         backwards=False, inclusive=True, severity="warning")
            yield from self._relative_days(doc, dates, years, default_year, ctx.relations)
            yield from self._ages(doc)
            yield from self._ages_against_births(doc, dates, ctx.relations)
            yield from self._year_gaps(doc)
            yield from self._anniversaries(doc, dates)
            yield from self._clock_spans(doc)
            yield from self._day_runs(doc)

    def _day_runs(self, doc):
        """'a three-day symposium ... Oct. 28-29': the only length and the only run of days of one sentence."""
        if "-day" not in doc.folded:
            return  # (no sentence holds a _DASH_DAY)
        for sent in doc.sentences:
            if not _DASH_DAY.search(doc.text, sent.start, sent.end):
                continue  # no length in days
            runs = list(_DAY_RUN.finditer(doc.text, sent.start, sent.end))
            # a length in a capitalised name is part of the name ("the Fair Hill Three-Day Event", "Six-Day War")
            lengths = [m for m in _LENGTH.finditer(doc.text, sent.start, sent.end) if m.group("unit").lower() == "day"
                       and not (m.group()[0].isupper() and re.match(r"\s+[A-Z]", doc.text[m.end():m.end() + 3]))]
            if len(runs) != 1 or len(lengths) != 1:
                continue  # two lengths or two runs: which belongs to which is not written
            run, length = runs[0], lengths[0]
            first, last = int(run.group("a1") or run.group("a2")), int(run.group("b1") or run.group("b2"))
            if not 1 <= first < last <= 31:
                continue
            days, stated = last - first + 1, dated.number(length.group("n"))
            if days != stated:
                yield self.finding(doc.doc, f"{run.group()!r} is {count(days, 'day')}, not {length.group()}",
                                   [Span(length.start(), length.end(), length.group()),
                                    Span(run.start(), run.end(), run.group())], severity="warning",
                                   basis="the sentence's only length and only run of days are read as one event's")

    def _clock_spans(self, doc):
        """'the six hours from 10:30 p.m. to 2:30 a.m.': the phrase ties the hours to the two times."""
        if "hour" not in doc.folded:
            return  # (clock_spans would find no _HOUR)
        for s in dated_days.clock_spans(doc.text):
            if dated_days.hours_fit(s):
                continue
            m = s.match
            (a0, a1), (b0, b1) = dated_days.time_span(m, 1), dated_days.time_span(m, 2)
            text = doc.text
            yield self.finding(doc.doc, f"from {text[a0:a1]} to {text[b0:b1]} is {s.hours:g} hours, not "
                                        f"{(s.hedge + ' ') if s.hedge else ''}{m.group('n')}",
                               [Span(a0, a1, text[a0:a1]), Span(m.start("stated"), m.end("stated"), m.group("stated")),
                                Span(b0, b1, text[b0:b1])])

    def _relative_days(self, doc, dates, years, default_year, relations):
        """'the following morning' after Aug. 9, and the same event said elsewhere to be on Aug. 11."""
        if not doc.may_say(relations.words("dating_verbs")):
            return  # both dates need one of the verbs
        verbs = relations.words_re("dating_verbs")
        year_of = lambda d: years.of(d, default_year)  # noqa: E731
        given = dated_days.dated_events(doc, dates, year_of, verbs)
        if not given:
            return  # a date implied by 'the following morning' is only compared with one given outright
        for implied in dated_days.relative_days(doc.text, doc.sentences, dates, year_of, verbs):
            other = next((e for e in given if dated_days.same_event(implied, e)), None)
            # month and day: a year read from another date may be the one before ('Dec. 31 ... the next morning')
            if other is None or (other.date.month, other.date.day) == (implied.date.month, implied.date.day):
                continue
            (a0, a1, anchor), (r0, r1, phrase) = implied.spans
            o0, o1, written = other.spans[0]
            # which event the two sentences date is read from their shared words: a warning
            yield self.finding(doc.doc, f"{phrase!r} after {anchor} is {implied.date:%b} {implied.date.day}, "
                                        f"but the same event ({implied.verb}) is dated {written}",
                               [Span(a0, a1, anchor), Span(r0, r1, phrase), Span(o0, o1, written)], severity="warning")

    def _ages(self, doc):
        """'was seven years old when ...' then 'Seven decades later, Parata, 57': the ages do not add up."""
        if "later" not in doc.folded:
            return  # (ages_later would find no _LATER_WORD)
        for a in dated_years.ages_later(doc.text, doc.sentences):
            if abs(a.expected - int(a.now.group("age"))) <= a.slack:
                continue
            at, later, now = a.at, a.later, a.now
            yield self.finding(
                doc.doc, f"aged {at.group('age') or at.group('age2')} then {later.group()!r} makes about "
                         f"{a.expected}, not {now.group('age')} (the person is read from the name: a warning)",
                [Span(at.start(), at.end(), at.group()), Span(later.start(), later.end(), later.group()),
                 Span(now.start("age"), now.end("age"), now.group("age"))], severity="warning")

    def _ages_against_births(self, doc, dates, relations):
        """'Voss, 38,' and 'Voss was born in 1979' in a story of 2026: 46 or 47, not 38."""
        for a in dated_years.ages_against_births(doc, dated.once_only(relations, doc), dates,
                                            relations.words_re("kin_words")):
            if dated_years.age_fits(a):
                continue
            lo, hi = a.years
            when = str(lo) if lo == hi else f"{lo} to {hi}"
            b0, b1, born = a.birth.span
            yield self.finding(doc.doc, f"born in {a.birth.value[0]}, {a.age.group('name')} was not "
                                        f"{a.age.group('age')} in {when}, the years of the article's dates "
                                        "(the person and the article's date are read from the text: a warning)",
                               [Span(a.age.start("age"), a.age.end("age"), a.age.group("age")), Span(b0, b1, born)],
                               severity="warning")

    def _anniversaries(self, doc, dates):
        """'marks the 30th anniversary of the 1989 revolution' in a story dated 2018: the 29th."""
        for a in dated_years.anniversaries(doc, dates):
            n, origin = int(a.phrase.group("nth")), int(a.origin.group())
            lo, hi = a.years
            if lo - origin <= n <= hi - origin:
                continue
            when = str(lo) if lo == hi else f"{lo} to {hi}"
            yield self.finding(
                doc.doc, f"the {a.phrase.group('nth')} anniversary of {origin} falls in {origin + n}, but the "
                         f"article's dates are of {when} (its year is read from them: a warning)",
                [Span(a.phrase.start(), a.phrase.end(), a.phrase.group()),
                 Span(a.origin.start(), a.origin.end(), a.origin.group())], severity="warning")

    def _year_gaps(self, doc):
        """'In 1963, four years after it was founded in 1958': the two years of the sentence say five."""
        if not _GAP_WORDS.search(doc.folded):
            return
        for g in dated_years.year_gaps(doc.text, doc.sentences):
            actual = int(g.second.group()) - int(g.first.group())
            # 'four years after 1958' is calendar arithmetic; between two events' years without their months,
            # 'four years after' fits a difference of three to five
            # an anniversary counts whole years
            attached = re.match(r"\s+(?:in\s+)?$", doc.text[g.phrase.end():g.first.start()]) is not None
            if dated_years.gap_fits(g, actual, 0 if attached or g.anniversary else 1):
                continue
            # the year an anniversary is marked in may be another event's ('planning in 2018 for the 30th
            # anniversary of 1989'): a warning; 'N years after' ties its two years by syntax: an error
            yield self.finding(doc.doc, f"from {g.first.group()} to {g.second.group()} is {count(actual, 'year')}, "
                                        f"not {g.phrase.group().strip()!r}",
                               [Span(g.first.start(), g.first.end(), g.first.group()),
                                Span(g.phrase.start(), g.phrase.end(), g.phrase.group()),
                                Span(g.second.start(), g.second.end(), g.second.group())],
                               severity="warning" if g.anniversary else None)

    def _weekdays(self, doc, dates, years, default_year):
        for d in dates:
            if d.weekday is None:
                continue
            year = years.of(d, default_year)
            day = d.on(year) if year else None
            # the date's own year, the dateline's, or the year the user set for copy that writes none, proves it
            proven = bool(d.year) or years.from_dateline or not years.written()
            other = years.other(d)
            if other and (alt := d.on(other)) and alt.weekday() == d.weekday:
                continue  # the month is half a year from the article's date, and the day fits the other year
            if day and day.weekday() != d.weekday:
                # a year taken from another date of the article may be another year's: a warning
                where = "" if d.year or not years.written() else (
                    " (the year of the dateline)" if years.from_dateline else
                    f" (the year {year} is taken from the latest date of the text)")
                yield self.finding(
                    doc.doc, f"{d.text!r}: {day:%b} {day.day}, {year} was a {weekday_name(day.weekday())}, "
                             f"not a {weekday_name(d.weekday)}{where}",
                    [_span(d)], **({} if proven else {"severity": "warning"}))

    def _gaps(self, doc, dates, years, default_year, slack):
        starts = [d.start for d in dates]  # find_dates gives them in text order

        def within(lo: int, hi: int) -> list:
            return dates[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

        # every pattern below needs a date inside the sentence: read only the sentences holding one
        holding = {s.index for s in map(doc.sentence_at, starts) if s is not None}
        for sent in (doc.sentences[i] for i in sorted(holding)):
            for m in _DURATION.finditer(doc.text, sent.start, sent.end):
                here = within(sent.start, sent.end)
                pair = _dates_around(doc, m, here, dates)
                if pair is None:
                    continue
                first, second = pair
                # a date taken from another sentence ("nine days before an announcement was made") rests on
                # reading which event is meant: a warning, where two dates in the sentence prove it
                inferred = not all(any(d is h for h in here) for d in pair)
                yield from self._compare(doc, m, first, second, years, default_year, slack,
                                         backwards=m.group("dir").lower() in ("before", "earlier"),
                                         severity="warning" if inferred else None)
            for m in _SPAN.finditer(doc.text, sent.start, sent.end):
                a, b = within(m.start("a"), m.end("a")), within(m.start("b"), m.end("b"))
                if a and b:
                    yield from self._compare(doc, m, a[0], b[0], years, default_year, slack,
                                             backwards=False, inclusive=True)
            for m in _BEGAN_ENDED.finditer(doc.text, sent.start, sent.end):
                a, b = within(m.start("a"), m.end("a")), within(m.start("b"), m.end("b"))
                # the event's stated length, in this sentence or the two before ("an 18-day strike")
                length = _LENGTH.search(doc.text, doc.sentences[max(0, sent.index - 2)].start, sent.end)
                if a and b and length:
                    yield from self._compare(doc, length, a[0], b[0], years, default_year, slack,
                                             backwards=False, inclusive=True)

    def _compare(self, doc, m, first: WrittenDate, second: WrittenDate, years: Years, default_year, slack,
                 backwards: bool, inclusive: bool = False, severity: str | None = None):
        y1, y2 = years.of(first, default_year), years.of(second, default_year)
        if y1 is None and y2 is None:  # no year anywhere: the gap is the same in any year but a leap one
            y1 = y2 = 2001 if (first.month, first.day) != (2, 29) and (second.month, second.day) != (2, 29) else 2004
            if (second.month, second.day) < (first.month, first.day) and not backwards:
                y2 += 1
        d1, d2 = (first.on(y1) if y1 else None), (second.on(y2) if y2 else None)
        if not d1 or not d2:
            return
        n = dated.number(m.group("n"))
        unit = m.group("unit").lower().rstrip("s")
        stated = n * _UNIT_DAYS[unit]
        actual = (d1 - d2).days if backwards else (d2 - d1).days
        allowed = 0 if unit == "day" or (m.groupdict().get("exact") or "").strip() else slack
        if unit == "month":
            allowed = 3
        if any(abs(actual + extra - stated) <= allowed for extra in ((0, 1) if inclusive else (0,))):
            return
        written = doc.text[m.start("n"):m.end("unit")]
        duration = Span(m.start("n"), m.end("unit"), written)
        yield self.finding(
            doc.doc, f"from {first.text} to {second.text} is {count(actual, 'day')}"
                     f"{f' ({actual + 1} counting both)' if inclusive else ''}, not {written} "
                     f"({stated:g} day{'' if stated == 1 else 's'})",
            [_span(first), duration, _span(second)], severity=severity)


def _dates_around(doc, m: re.Match, here: list[WrittenDate], dates: list[WrittenDate]):
    """(earlier, later) dates a 'N days after' phrase relates, or None when the text does not say."""
    after_phrase = [d for d in here if d.start >= m.end()]
    before_phrase = [d for d in here if d.end <= m.start()]
    if before_phrase and after_phrase:  # "on Oct. 20, three weeks after the session ended on Sept. 29"
        return after_phrase[0], before_phrase[-1]
    if before_phrase:  # "reopened on Feb. 12, four days after the collision"
        anchor = _anchor_date(doc, m, dates, before_phrase[-1])
        return (anchor, before_phrase[-1]) if anchor else None
    return None


_END_WORDS = re.compile(r"\b(?:ended|finished|closed|concluded|was\s+over|stopped)\b", re.I)


def _anchor_date(doc, m: re.Match, dates: list[WrittenDate], later: WrittenDate) -> WrittenDate | None:
    """The date of what the phrase names ('after the collision'): a date written with that word, the
    end date if it says 'ended', none if the text is ambiguous, else the story's first date."""
    named = re.match(r"\s+(?:the|its|their|a)\s+([a-z]+)", doc.text[m.end():m.end() + 40], re.I)
    earlier = [d for d in dates if d.start < later.start]
    if not earlier:
        return None
    if named:
        stem = named.group(1).lower()[:5]
        with_word = [d for d in earlier if stem in _sentence_text(doc, d).lower()]
        if _END_WORDS.search(doc.text[m.end():m.end() + 40]):
            ends = [d for d in with_word if re.search(r"(?:ended|finished|closed|until|to)\s+(?:on\s+)?$",
                                                      doc.text[max(0, d.start - 15):d.start], re.I)]
            with_word = ends or with_word
        if len(with_word) == 1:
            return with_word[0]
        if len(with_word) > 1:
            return None
    return earlier[0]


def _sentence_text(doc, d: WrittenDate) -> str:
    s = doc.sentence_at(d.start)
    return doc.text[s.start:s.end] if s else ""


def _span(d: WrittenDate) -> Span:
    return Span(d.start, d.end, d.text)
