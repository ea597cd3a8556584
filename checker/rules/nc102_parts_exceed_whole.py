"""NC102 parts-exceed-whole: disjoint parts that add up to more than their whole."""
from __future__ import annotations

import functools
import re

from checker.rules import links
from checker.rules.base import Rule, register
from checker.rules.facts import interval, show
from checker.wording import counted

_NOT_A_SHARE = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:short\s+of|needed|required|for\s+a\s+majority|majority)", re.I)


@register
class PartsExceedWhole(Rule):
    """Disjoint parts adding up to more than their whole: 171 launched, 120 shot down and 63 lost.

    What it flags
        Parts that cannot overlap and together exceed their whole: numbers
        downed, lost and hit against the number launched (rules/relations.yaml
        lists which events are disjoint parts of which); a breakdown opened by
        "Of those" or "Of the N" whose items sum past the total; seats won by
        parties against the size of a "150-seat" chamber. Each hedge gets its
        slack first; a breakdown said to be complete is left to NC103.

    Why it matters
        Each number may look plausible alone; only the sum shows one is wrong.

    Flagged
        Russia launched 171 drones. Air defences shot down 120, and 63 more were jammed.

    Consistent
        Russia launched 171 drones. Air defences shot down 75, and 63 more were jammed.
    """

    code = "NC102"
    name = "parts-exceed-whole"
    kind = "parts-exceed-whole"
    severity = "error"
    proof = {
        "error": ("the parts are disjoint by an event pair of rules/relations.yaml, or listed as a breakdown of "
                  "their whole ('Of those ...', 'including'), on the same counted thing"),
    }

    def check(self, ctx):
        for doc in ctx.documents:
            groups = [(b.whole, b.parts) for b in links.breakdowns(doc, ctx.relations) if not b.complete]
            # "a six-member crew, including four cosmonauts, two astronauts and one European"
            groups.extend((whole, parts) for whole, parts in links.named_parts(doc, ctx.relations) if len(parts) >= 2)
            for whole, parts in links.event_families(doc, ctx.relations):
                disjoint = [p for p in parts if p.event in ctx.relations.disjoint_parts_of(whole.event)]
                if len(disjoint) >= 2 and whole.event not in ctx.relations.data["complete_breakdowns"]:
                    groups.append((whole, disjoint))
            groups.extend(self._capacities(doc, ctx.relations))
            low = functools.cache(lambda q: interval(doc, q, ctx.hedges)[0])  # a part may be in many groups
            for whole, parts in groups:
                total = sum(low(p) for p in parts)
                _, w_hi = interval(doc, whole, ctx.hedges)
                if total > w_hi:
                    arithmetic = " + ".join(show(p.number) for p in parts)
                    yield self.finding(
                        doc.doc, f"{arithmetic} = {show(total)}, more than the {counted(whole)} they are part of",
                        [whole.span] + [p.span for p in parts])

    def _capacities(self, doc, relations):
        """Seats won against a '150-seat' chamber: parts are the other counts of that subject in the
        passage around it (capacity_reach_sentences in rules/relations.yaml)."""
        capacities = links.capacity_wholes(doc)
        elsewhere = relations.words_re("not_same_fact")
        taken = {id(c) for c in capacities}
        reach = int(relations.data.get("capacity_reach_sentences", 25))
        shares: dict[str, set[int]] = {}
        for whole in capacities:
            if whole.subject not in shares:  # what does not depend on the whole is read once per subject
                shares[whole.subject] = {
                    id(q) for q in doc.with_subject(whole.subject) if id(q) not in taken
                    and q.event in (None, "received", "captured") and not _NOT_A_SHARE.match(doc.after(q, 40))
                    and not elsewhere.search(doc.before(q, 40) + doc.after(q, 40))}
            parts = [q for q in doc.near(whole, reach, reach) if id(q) in shares[whole.subject]
                     and links.comparable(q, whole) and q.number < whole.number]
            if len(parts) >= 2:
                yield whole, parts
