"""NC101 part-exceeds-whole: a subset larger than the set it belongs to."""
from __future__ import annotations

from checker.rules import links
from checker.rules.base import Rule, register
from checker.rules.facts import interval
from checker.wording import says


@register
class PartExceedsWhole(Rule):
    """A subset larger than its set: 61 drones launched, 75 shot down.

    What it flags
        A number that is part of another and larger than it, after every hedge
        has been given its slack ("about 11,000" may be 12,100): downed, lost
        or hit above launched, killed or injured above casualties (these
        relations are data in rules/relations.yaml); "X of the Y" or "X out of
        Y" with X above Y; "14,000 of those troops" above the troops sent;
        "11 children were among those hurt" when nine were hurt; more people
        evacuated than live in a place ("home to 4,300 people"); a team's
        record with more wins or losses than the record that includes it
        ("At 4-7, including 2-8 in the conference"). A whole written with no
        noun of its own ("selected from eight that submitted proposals")
        counts the part's noun; "but only M did ...", M with no noun of its
        own, counts some of the count before it in the sentence ("46
        people visited, but only 16 had come from the picture").

    Why it matters
        It cannot be true, and it is easy to miss: the two numbers are often
        sentences apart, in figures taken from different statements.

    Flagged
        Russia fired 14 missiles overnight. Air defences intercepted 19 missiles, the Air Force said.

    Consistent
        Russia fired 14 missiles overnight. Air defences intercepted 9 missiles, the Air Force said.
    """

    code = "NC101"
    name = "part-exceeds-whole"
    kind = "part-exceeds-whole"
    severity = "error"
    proof = {
        "error": ("the part and its whole are tied by syntax ('X of the Y', 'among them', 'of those') or by an "
                  "event pair of rules/relations.yaml (downed within launched) on the same counted thing"),
    }

    def check(self, ctx):
        for doc in ctx.documents:
            pairs = links.part_pairs(doc, ctx.relations)
            for whole, part in links.record_parts(doc, ctx.relations):
                if not links.record_within(part, whole):
                    yield self.finding(
                        doc.doc, f"the {part.span.text} record is included in the {whole.span.text} record, but "
                                 "has more games of one kind: a part cannot exceed its whole", [whole.span, part.span])
            for part, whole in pairs:
                p_lo, _ = interval(doc, part, ctx.hedges)
                _, w_hi = interval(doc, whole, ctx.hedges)
                if p_lo > w_hi:
                    yield self.finding(
                        doc.doc, f"{says(part)} > {says(whole)}: a part cannot exceed its whole",
                        [whole.span, part.span])

