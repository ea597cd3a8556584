"""quantulum3's own test sentences: every value quantulum3 gets right, numcheck must get too."""
from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import pytest

from checker.extract import extract_text
from checker.extract.units import quantulum

qparser = quantulum()  # quantulum3 imported the way numcheck does
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import quantulum3

CASES = json.loads((Path(quantulum3.__file__).parent / "_lang" / "en_US" / "tests" / "quantities.json")
                   .read_text(encoding="utf-8"))

# Where numcheck's spec deliberately differs from quantulum3's (see SPEC.md:
# years and identifiers are not quantities in news copy), keyed by surface.
NOT_QUANTITIES_BY_SPEC = {
    "1979", "1960", "2013", "2005", "2011",   # years
    "2", "101", "32", "860",                   # "Voyager 2", "English 101", "South 32 Ltd", "Core i7 860"
    # an article is not a written number: "a gallon", "a penny" (and "a dozen" is 12 in our spec)
    "a gallon", "A kibibyte", "a penny", "a dozen", "A baker's dozen", "a gross", "a square dozen",
    "absolute zero",
    "2.1 pm", "2.123 pm", "2.123 am",          # in news copy a number before am/pm is a clock time
}
# "reduced from 44 mg to 50 mg" is a change between two values in our spec, not a range.
CHANGES_NOT_RANGES = {("Treatment was reduced from 44 mg to 50 mg ethanol.", "44 mg to 50 mg")}
# "twenty-one years and six months" is one duration in our spec (258 months), as "4 minutes and
# 15 seconds" is 255 seconds: quantulum3 reads two quantities.
_FORREST = "In the movie, Forrest Gump keeps running for 3 years, 2 months, 14 days, and 16 hours. " \
           "The estimated length Forrest covered is 30616.16 km"
COMPOUND_MEASURES = {("How will I look like twenty-one years and six months in the future?", "twenty-one years"),
                     ("How will I look like twenty-one years and six months in the future?", "six months")} \
    | {(_FORREST, part) for part in ("3 years", "2 months", "14 days", "16 hours")}


def _quantulum_right() -> list[tuple[str, str, float]]:
    """(sentence, surface, value) for each expected quantity quantulum3 itself parses right."""
    out = []
    for case in CASES:
        got = qparser.parse(case["req"])
        for want in case["res"]:
            if want["surface"] in NOT_QUANTITIES_BY_SPEC or (case["req"], want["surface"]) in CHANGES_NOT_RANGES \
                    or (case["req"], want["surface"]) in COMPOUND_MEASURES:
                continue
            for q in got:
                if q.surface == want["surface"] and math.isclose(q.value, want["value"], rel_tol=1e-6):
                    out.append((case["req"], want["surface"], float(want["value"])))
                    break
    return out


RIGHT = _quantulum_right()


def test_quantulum_gets_enough_right_for_the_test_to_mean_something() -> None:
    assert len(RIGHT) > 60


@pytest.mark.parametrize("sentence,surface,value", RIGHT, ids=[f"{s[:30]}|{q}" for s, q, _ in RIGHT])
def test_we_keep_what_quantulum_gets_right(sentence: str, surface: str, value: float) -> None:
    start = sentence.index(surface)
    end = start + len(surface)
    rows = [r for r in extract_text(sentence) if r["start"] < end and start < r["end"]]
    assert rows, f"{surface!r} not found"
    values = []
    for r in rows:
        if r["value"] is not None:
            values.append(r["value"])
        else:
            values.append((r["low"] + r["high"]) / 2)  # quantulum3 reports a range by its midpoint
    assert any(math.isclose(v, value, rel_tol=1e-3) for v in values), f"{surface!r}: got {values}, want {value}"
