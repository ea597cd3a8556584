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
        within the rounding of the written digits. A temperature change or gap
        ("2 °C (3.6 °F) of warming", "warmed by 1.1 °C") converts without the
        offset of the scales (temperature_difference_cues in rules/relations.yaml).

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
    proof = {
        "error": "a stated conversion: the two values are given as one amount in two units",
    }

    def check(self, ctx):
        for doc in ctx.documents:
            cues = ctx.relations.words("temperature_difference_cues")
            for a, b in _pairs(doc, ctx):
                if a.unit in _TEMPERATURES and b.unit in _TEMPERATURES and _difference(doc, a, b, cues):
                    ratio = _TEMPERATURES[b.unit] / _TEMPERATURES[a.unit]

                    def conv(v, ratio=ratio):
                        return v * ratio  # a change of temperature: no offset between the scales
                else:
                    source = _sense(a.unit, b.unit, ctx.vocab)

                    def conv(v, source=source, b=b):
                        return convert(v, source, b.unit, ctx.vocab)
                expected = conv(a.number)
                if expected is None:
                    continue
                # the rounding of both written values, carried through the conversion
                source_slack = abs((conv(a.number + _rounding(a)) or expected) - expected)
                tolerance = _rounding(b) + source_slack + abs(expected) * _FACTOR_SLACK
                if expected != 0 and abs(expected - b.number) > tolerance:
                    yield self.finding(
                        doc.doc, f"{a.text} is {show(round(expected, 1))} {b.unit}, not {b.text} "
                                 f"({b.number / expected:.2f} times the converted value)", [a.span, b.span])


# degrees per kelvin of each scale: a difference of temperatures converts by this factor alone
_TEMPERATURES = {"°C": 1.0, "°F": 1.8, "K": 1.0}


def _difference(doc, a: Quantity, b: Quantity, cues: list[str]) -> bool:
    """Is the temperature a change or a gap rather than a reading: '2 °C (3.6 °F) of warming', 'warmed by
    1.1 °C', 'a rise of 2 °C', '1.5 °C above pre-industrial levels' (but not '10 degrees below zero')?"""
    words = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) or "(?!)"
    before = re.search(rf"\b(?:{words})\s+(?:by\s+|of\s+)?(?:about\s+|nearly\s+|almost\s+|some\s+)?$",
                       doc.before(a, 40), re.I)
    after = re.match(rf"\s*(?:\([^)]*\)\s*)?(?:of\s+)?(?:{words})\b(?!\s+(?:zero|freezing))",
                     doc.after(b if b.start > a.start else a, 40), re.I)
    return bool(before or after)


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
                   and a.unit != b.unit
                   and convert(1.0, _sense(a.unit, b.unit, ctx.vocab), b.unit, ctx.vocab) is not None]
        if earlier:
            yield earlier[-1], b


def _sense(unit: str, target: str, vocab) -> str:
    """The sense of a unit that names two measures in which it converts to the target: '7 ounces
    (207 ml)' is fluid ounces (other_senses in rules/units.yaml)."""
    other = vocab.units.get("other_senses", {}).get(unit)
    if other and convert(1.0, unit, target, vocab) is None and convert(1.0, other, target, vocab) is not None:
        return other
    return unit


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
