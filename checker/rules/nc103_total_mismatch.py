"""NC103 total-mismatch: a stated total that differs from the sum of a breakdown said to be complete."""
from __future__ import annotations

from checker.rules import links
from checker.rules.base import Rule, register
from checker.rules.facts import interval, show


# why a colon list short of its count is only a warning (the rule's proof line names its errors)
_LAYOUT_ONLY = ("only the layout says the list after the colon is complete: a list short of its count may be "
                "partial (one above it would be an error)")


@register
class TotalMismatch(Rule):
    """A stated total that differs from the sum of a complete breakdown: "14 casualties: 9 killed and 6 injured".

    What it flags
        A whole and parts the text presents as all of it — "split between",
        "comprises", "all of the", "the remaining", a dash aside listing the
        parts ("52 people — 48 passengers and two drivers —"), or a whole that
        is by definition the sum of its parts (casualties are the killed plus
        the injured; rules/relations.yaml, complete_breakdowns), a count
        unpacked by the list after a colon ("four sales: two to A and three to
        B"), a list summed up by its total ("120 cars and 30 trucks, a total
        of 140 vehicles", "12 men and 5 women, 18 people in all"; not a
        running total "so far" or "since"), a new group joining an existing
        one with their total stated
        ("five companies join ten others, bringing the total to 14") — when
        the sum differs from the total beyond what the hedges and rounding
        allow. A colon list that falls short of its count is a warning (only
        the layout says it is complete); one that exceeds it is an error. A team's win-loss-draw record over its last N games must add
        up to N ("6-2-1 in their past 10 games"); a win-loss one may fall
        short (games without a result) but not exceed it.

    Why it matters
        A complete breakdown is a claim that the numbers add up; when they do
        not, one of them is wrong, or a part is missing from the list.

    Flagged
        The bus was carrying 52 people — 48 passengers and two drivers — to Cusco.

    Consistent
        The bus was carrying 50 people — 48 passengers and two drivers — to Cusco.
    """

    code = "NC103"
    name = "total-mismatch"
    kind = "total-mismatch"
    severity = "error"
    proof = {
        "error": ("the text marks the breakdown complete ('split between', 'the remaining', a dash aside) or the "
                  "whole is by definition the sum of its parts"),
        "warning": "only the layout says the list after a colon is complete, and it falls short of its count",
    }

    def check(self, ctx):
        for doc in ctx.documents:
            groups = [(b.whole, b.parts, b.by_layout) for b in links.breakdowns(doc, ctx.relations) if b.complete]
            for whole, parts in links.event_families(doc, ctx.relations):
                needed = ctx.relations.complete(whole.event)
                if needed and sorted(p.event for p in parts) == sorted(needed):
                    groups.append((whole, parts, False))
            for whole, parts, by_layout in groups:
                lo = sum(interval(doc, p, ctx.hedges, with_rounding=True)[0] for p in parts)
                hi = sum(interval(doc, p, ctx.hedges, with_rounding=True)[1] for p in parts)
                w_lo, w_hi = interval(doc, whole, ctx.hedges, with_rounding=True)
                if hi < w_lo or lo > w_hi:
                    total = sum(p.number for p in parts)
                    arithmetic = " + ".join(show(p.number) for p in parts)
                    # parts above their whole cannot all hold; a colon list short of its count may just be partial
                    short = by_layout and hi < w_lo
                    yield self.finding(
                        doc.doc, f"{arithmetic} = {show(total)}, not the {whole.text} stated as the total"
                                 + (" (if the list after the colon is meant to be complete)" if short else ""),
                        [whole.span] + [p.span for p in parts], severity="warning" if short else None,
                        basis=_LAYOUT_ONLY if short else None)
            for record, games, games_span in links.records_over_games(doc, ctx.relations):
                # a win-loss-draw record accounts for every game; a bare win-loss one may leave some undecided
                played = sum(record.values)
                if played > games or (len(record.values) == 3 and played != games):
                    yield self.finding(
                        doc.doc, f"the {record.span.text} record is {' + '.join(map(str, record.values))} = {played} "
                                 f"games, not the {games_span.text} it covers", [games_span, record.span])
