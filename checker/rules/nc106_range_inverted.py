"""NC106 range-inverted: a range whose low end is above its high end."""
from __future__ import annotations

from checker.rules.base import Rule, register
from checker.rules.facts import show


@register
class RangeInverted(Rule):
    """A range written high to low: "between 30,000 and 10,000 troops".

    What it flags
        A range ("between A and B", "A to B", "A-B") whose first end is above
        its second, for non-negative quantities.

    Why it matters
        Ranges are written low to high; an inverted one is usually a typo in
        one end (30,000 for 3,000) or two numbers swapped, and a reader cannot
        tell which estimate the writer meant.

    Flagged
        The force could number between 25,000 and 15,000 soldiers.

    Consistent
        The force could number between 15,000 and 25,000 soldiers.
    """

    code = "NC106"
    name = "range-inverted"
    kind = "range-inverted"
    severity = "error"
    proof = {
        "error": ("a range cue ('between ... and', 'from ... to', a dash with a unit or hedge) makes the two "
                  "numbers one range"),
    }

    def check(self, ctx):
        for doc in ctx.documents:
            for q in doc.quantities:
                if q.is_range and q.low is not None and q.high is not None and 0 <= q.high < q.low:
                    yield self.finding(
                        doc.doc, f"range {q.text!r} runs from {show(q.low)} down to {show(q.high)}: "
                                 f"its low end is above its high end", [q.span])
