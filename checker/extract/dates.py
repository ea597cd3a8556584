"""Calendar dates written in news copy ('Friday, Oct. 16, 2025', '12 April'), with their offsets."""
from __future__ import annotations

import datetime as dt
import re
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
    """The year a date written without one is read in: the article's own date, as copy dates itself.

    That is the dateline's year (a date with its year on the article's first line), else the year of its
    latest explicit date, else the configured default; a month more than half a year from that date's
    belongs to the year next to it ("Jan. 5" in copy dated December is the coming January)."""

    def __init__(self, dates: list[WrittenDate], text: str = ""):
        dated = [d for d in dates if d.year]
        dateline = next((d for d in dated[:1] if _DATELINE_BEFORE.fullmatch(text, 0, d.start)
                         and _DATELINE_AFTER.match(text, d.end)), None)
        self._reference = dateline or (max(dated, key=lambda d: (d.year, d.month, d.day)) if dated else None)
        self.from_dateline = dateline is not None

    def written(self) -> bool:
        """Does the text write a year with any of its dates?"""
        return self._reference is not None

    def of(self, d: WrittenDate, default: int | None) -> int | None:
        """The date's own year, else the article's own date's (dateline, latest date), else default."""
        if d.year:
            return d.year
        ref = self._reference
        if ref is None:
            return default
        if ref.month - d.month > 6:
            return ref.year + 1  # "Jan. 5" in copy dated December
        if d.month - ref.month > 6:
            return ref.year - 1  # "Dec. 28" in copy dated January
        return ref.year

    def other(self, d: WrittenDate) -> int | None:
        """The other year a date without one may be in, when its month is exactly half a year from the
        article's own date's: "Dec. 6" in copy dated June 2020 is as near to December 2019 (tickets on
        sale now for a tour next year) as to December 2020."""
        ref = self._reference
        if d.year or ref is None or abs(d.month - ref.month) != 6:
            return None
        return ref.year - 1 if d.month > ref.month else ref.year + 1


# a dateline's date heads the article, after a place at most, and a marker follows it:
# "KYIV, Nov. 19, 2025 (Wire) -", "Nov. 19, 2025 —", "Tuesday, 19 November 2025:"
_DATELINE_BEFORE = re.compile(r"\s*(?:[A-Z][A-Za-z .'’-]{0,40},?\s+)?")
_DATELINE_AFTER = re.compile(r"\s*(?:\(|[-–—:/|]|\n)")


def weekday_name(i: int) -> str:
    return _WEEKDAY_NAMES.table()[i]


_WEEKDAY_NAMES = LexiconTable(lambda v: dict(enumerate(v.lexicon["weekdays"])))
