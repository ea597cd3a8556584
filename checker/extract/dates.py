"""Calendar dates written in news copy ('Friday, Oct. 16, 2025', '12 April'), with their offsets."""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

from checker.lexicon import LexiconTable, lexicon_pattern

# month and weekday names (rules/lexicon.yaml), lower-cased, to their numbers: January 1, Monday 0
_MONTHS = LexiconTable(lambda v: v.month_number)
_WEEKDAYS = LexiconTable(lambda v: v.weekday_number)

_MON = r"(?P<mon>(?&MONTH_ANY))\.?"
_WD = r"(?P<wd>(?&WEEKDAY))"
# The lookahead names every character a date can start with (a weekday's, a month's, a day's): the
# engine then rejects most positions at once instead of trying each alternative (4x faster).
_DATE = lexicon_pattern(
    r"(?=[(?&INITIALS:WEEKDAY,MONTH_ANY)\d])"
    rf"(?:{_WD},?\s+(?:the\s+)?)?"
    rf"(?:{_MON}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON.replace('mon', 'mon2')})"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?(?![\d])")


@dataclass(frozen=True)
class WrittenDate:
    start: int
    end: int
    text: str
    month: int
    day: int
    year: int | None
    weekday: int | None  # 0 = Monday, as written; None when no weekday is written

    def on(self, year: int) -> dt.date | None:
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[WrittenDate]:
    """Every month-and-day date in text[start:end], with its weekday and year when written."""
    out = []
    for m in _DATE.finditer(text, start, len(text) if end is None else end):
        mon = (m.group("mon") or m.group("mon2")).lower().rstrip(".")
        day = int(m.group("d1") or m.group("d2"))
        if not 1 <= day <= 31:
            continue
        wd = _WEEKDAYS[m.group("wd").lower()] if m.group("wd") else None
        year = int(m.group("year")) if m.group("year") else None
        out.append(WrittenDate(m.start(), m.end(), m.group(), _MONTHS[mon], day, year, wd))
    return out


class Years:
    """The years written with a document's dates (given in text order), for the dates written without one."""

    def __init__(self, dates: list[WrittenDate]):
        dated = [d for d in dates if d.year]
        self._starts = [d.start for d in dated]
        self._years = [d.year for d in dated]

    def written(self) -> bool:
        """Does the text write a year with any of its dates?"""
        return bool(self._years)

    def of(self, d: WrittenDate, default: int | None) -> int | None:
        """The date's own year, else that of the nearest earlier date with a year, else any, else default."""
        if d.year:
            return d.year
        earlier = bisect.bisect_left(self._starts, d.start)  # found once per document, not per date
        if earlier:
            return self._years[earlier - 1]
        return self._years[0] if self._years else default


def weekday_name(i: int) -> str:
    return _WEEKDAY_NAMES.table()[i]


_WEEKDAY_NAMES = LexiconTable(lambda v: dict(enumerate(v.lexicon["weekdays"])))
