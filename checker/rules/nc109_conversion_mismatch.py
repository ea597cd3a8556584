"""NC109 conversion-mismatch: a value and its stated conversion into another unit disagree."""
from __future__ import annotations

import re

from checker.lexicon import lexicon_pattern
from checker.rules.base import Rule, register
from checker.rules.facts import Quantity, decimals, show
from checker.extract.units import convert

_RESTATEMENT = lexicon_pattern(r"(?:(?:equivalent|equal)\s+to|,\s+or|\bor\s+(?&HEDGE:approx))"
                               r"(?:\s+(?&HEDGE:approx))?\s*$", re.I)
# Converting with an approximate factor (1 mile = 1.6 km) is not an error.
_FACTOR_SLACK = 0.02


@register
class ConversionMismatch(Rule):
    """A value and its stated conversion disagree: "1,500 km (2,400 miles)".

    What it flags
        A number followed by the same amount in another unit of the same
        dimension, in brackets ("25 km (15.5 miles)") or as "equivalent to" /
        ", or", when converting the first (with pint) does not give the second
        within the rounding of the written digits.

    Why it matters
        Conversions are done by hand in newsrooms and go wrong in typical ways:
        the factor applied the wrong way round (km multiplied by 1.6), a linear
        factor used for an area (km² × 0.621), hectares for square kilometres.

    Flagged
        The fire burned 310 square kilometres (193 square miles) of forest.

    Consistent
        The fire burned 310 square kilometres (120 square miles) of forest.
    """

    code = "NC109"
    name = "conversion-mismatch"
    kind = "conversion-mismatch"
    severity = "error"

    def check(self, ctx):
        for doc in ctx.documents:
            for a, b in _pairs(doc, ctx):
                expected = convert(a.number, a.unit, b.unit, ctx.vocab)
                if expected is None:
                    continue
                # the rounding of both written values, carried through the conversion
                source_slack = abs((convert(a.number + _rounding(a), a.unit, b.unit, ctx.vocab) or expected) - expected)
                tolerance = _rounding(b) + source_slack + abs(expected) * _FACTOR_SLACK
                if expected != 0 and abs(expected - b.number) > tolerance:
                    yield self.finding(
                        doc.doc, f"{a.text} is {show(round(expected, 1))} {b.unit}, not {b.text} "
                                 f"({b.number / expected:.2f} times the converted value)", [a.span, b.span])


def _pairs(doc, ctx):
    """(original, conversion) pairs: bracketed restatements and 'equivalent to' / ', or' phrases."""
    for b in doc.quantities:
        if b.restates is not None:
            a = doc.by_qid(b.restates)
            if a is not None and a.unit != b.unit:
                yield a, b
            continue
        if not _RESTATEMENT.search(doc.before(b, 40)):
            continue
        earlier = [a for a in doc.near(b, 1) if a.start < b.start and b.sentence - a.sentence <= 1
                   and a.unit != b.unit and convert(1.0, a.unit, b.unit, ctx.vocab) is not None]
        if earlier:
            yield earlier[-1], b


def _rounding(q: Quantity) -> float:
    """Half a unit of the last significant written digit: '2,400' -> 50, '15.5' -> 0.05."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?", q.text)
    if not m:
        return 0.0
    digits = m.group().replace(",", "")
    written = float(digits)
    scale = abs(q.number / written) if written else 1.0
    if "." in digits:
        return 0.5 * 10 ** (-decimals(digits)) * scale
    zeros = len(digits) - len(digits.rstrip("0"))
    return 0.5 * 10 ** zeros * scale
