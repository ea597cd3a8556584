"""Dated facts in years: 'N years after' and anniversaries, ages a number of years later, ages against a birth year."""
from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.dates import WrittenDate
from checker.lexicon import lexicon_pattern
from checker.rules.dated import HEDGE, N, YEAR, fits, number
from checker.rules.dated_restated import Statement, year_statements
from checker.rules.facts import Document

# --- ages: 'was seven years old when ...' then 'Seven decades later, Parata, 57, ...' -----------------------
_NAME = r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
_AGE_AT = lexicon_pattern(
    _NAME + r"\s+was\s+(?:just\s+|only\s+|barely\s+)?(?P<age>" + N + r")(?:\s+years?\s+old|\s+years?\s+of\s+age)?\s+when\b"
    r"|\b(?P<name2>[A-Z][\w’'-]+)\s+[a-z]+ed\s+[^.]{0,60}?\bat\s+(?:the\s+)?age\s+(?:of\s+)?(?P<age2>" + N + r")\b")
_LATER = lexicon_pattern(r"\b(?P<n>" + N + r"|a)\s+(?P<unit>years?|decades?)\s+later\b", re.I)
_LATER_WORD = re.compile(r"later", re.I)  # in every _LATER: a text without it has no age later
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
    if not _LATER_WORD.search(text):
        return out
    for i, sent in enumerate(sentences):
        if text.find("when", sent.start, sent.end) < 0 and text.find("age", sent.start, sent.end) < 0:
            continue  # every _AGE_AT holds one of the two words: the sentence need not be scanned
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
_YEARS_GAP = lexicon_pattern(r"\b" + HEDGE + r"(?P<n>" + N + r")\s+years?\s+(?P<dir>after|later|before|earlier)\b"
                             r"|\b(?P<nth>\d{1,3})(?:st|nd|rd|th)\s+(?P<anniversary>anniversary)\s+of\b", re.I)


@dataclass(frozen=True)
class YearsGap:
    phrase: re.Match
    first: re.Match   # the earlier event's year
    second: re.Match  # the later event's year
    stated: int
    anniversary: bool  # 'the 30th anniversary of the 1989 revolution', in the year the sentence writes
    hedge: str | None


def gap_fits(g: YearsGap, actual: int, slack: int) -> bool:
    """Does the stated number of years, with its hedge, allow the difference of the two years?"""
    return fits(g.stated, actual, g.hedge, slack)


def year_gaps(text: str, sentences) -> list[YearsGap]:
    """'In 1963, four years after it was founded in 1958': a gap whose two years the sentence writes.
    'after'/'before' point to the year written after the phrase; 'later'/'earlier' to the one before it."""
    out = []
    for sent in sentences:
        years = list(YEAR.finditer(text, sent.start, sent.end))
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
                                m.group("hedge")))
    return out


# --- an age against a stated birth year and the years of the article's dates ---------------------------------
@dataclass(frozen=True)
class AgeAgainstBirth:
    age: re.Match        # 'Parata, 57,'
    birth: Statement     # 'born in 1961'
    years: tuple[int, int]  # the earliest and latest years the text's full dates write


def ages_against_births(doc: Document, labels: dict[str, re.Pattern], dates: list[WrittenDate],
                        kin: re.Pattern) -> list[AgeAgainstBirth]:
    """A person's age beside their name ('Mirela Voss, 38,') and the birth year given with that name
    ('Voss was born in 1979'; not 'Ion Voss', nor 'her father ... Voss'); the article is taken to be
    written within the years its full dates write (a story of 2019 may date 2020's events)."""
    text, written = doc.text, sorted({d.year for d in dates if d.year})
    if not written or "birth" not in labels:
        return []
    by_name: dict[str, list[tuple[Statement, set[str]]]] = {}  # births by the names their sentences write
    for b in year_statements(doc, {"birth": labels["birth"]}):
        sent = doc.sentence_at(b.span[0])
        clause = text[sent.start:b.span[0]]
        if kin.search(clause):
            continue  # 'her father ... was born in 1950'
        runs = re.findall(_RUN, clause)
        for name in b.names:  # with the whole name written there ('Ion Voss')
            run = next((r for r in runs if name in r.split()), "")
            by_name.setdefault(name, []).append((b, set(run.split())))
    out = []
    for m in _APPOSITIVE_AGE.finditer(text):
        births = by_name.get(m.group("name"))
        if not births:
            continue
        full = set(_name_run(text[max(0, m.start() - 60):m.end("name")]).split())
        for b, other in births:
            if other <= full or full <= other:  # 'Ion Voss was born in 1950' is not Mirela Voss
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


# --- an anniversary of a year, in a story whose dates give the year it is marked in --------------------------
_ANNIVERSARY = re.compile(r"\b(?P<nth>\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\b")


@dataclass(frozen=True)
class Anniversary:
    phrase: re.Match
    origin: re.Match        # the year the anniversary counts from
    years: tuple[int, int]  # the earliest and latest years the text's full dates write


def anniversaries(doc: Document, dates: list[WrittenDate]) -> list[Anniversary]:
    """'marks the 30th anniversary of the 1989 revolution' in a sentence that writes no other year: the year
    it is marked in is read from the text's full dates (those of a story of 2019 may reach into 2020)."""
    text, written = doc.text, sorted({d.year for d in dates if d.year})
    if not written or "anniversary" not in text:  # (the pattern's word, as it must be written)
        return []
    out = []
    for m in _ANNIVERSARY.finditer(text):
        sent = doc.sentence_at(m.start())
        if sent is None or YEAR.search(text, sent.start, m.start()):
            continue  # a year before the phrase: year_gaps reads the sentence itself
        origin = YEAR.search(text, m.end(), min(sent.end, m.end() + 80))
        if origin and not re.search(r"[.;:!?]|\s[-–—]\s", text[m.end():origin.start()]):
            out.append(Anniversary(m, origin, (written[0], written[-1])))
    return out
