"""NC105 percent-out-of-range: a share of a set that is above 100 % or below 0 %."""
from __future__ import annotations

import re

from checker.extract.context import leading_noun_phrase
from checker.rules.base import Rule, register


@register
class PercentOutOfRange(Rule):
    """A share that must lie between 0 and 100 % and does not: "112% of the drones were intercepted".

    What it flags
        A percentage written as a share of a set ("N% of voters", "N% of the
        region", "N% of eligible residents") that is above 100 or below 0, and
        a share whose noun names its whole ("a 140% stake", "turnout of 112%",
        listed in rules/relations.yaml as bounded_shares). Changes ("rose 150%") and ratios to a measure that can be exceeded
        ("120% of GDP", "110% of capacity", listed in rules/relations.yaml as
        ratio_wholes) are not shares and are left alone.

    Why it matters
        No more than all of a group can do something. A share above 100 % is a
        misplaced decimal point (71.3 % written 713 %) or a wrong base.

    Flagged
        In the smallest canton, 713% of voters rejected the plan.

    Consistent
        In the smallest canton, 71.3% of voters rejected the plan; exports rose 150% in a decade.
    """

    code = "NC105"
    name = "percent-out-of-range"
    kind = "percent-out-of-range"
    severity = "error"
    proof = {
        "error": ("a share of a set, or a share whose noun names its whole ('stake', 'turnout'), cannot pass 100 % "
                  "whatever else the text says"),
    }

    def check(self, ctx):
        ratio_wholes = {w.lower() for w in ctx.relations.words("ratio_wholes")}
        changes = {w.lower() for w in ctx.relations.words("change_percent_words")}
        for doc in ctx.documents:
            for q in doc.quantities:
                if q.unit != "percent" or q.is_range and q.low is None:
                    continue
                hi = q.number if not q.is_range else max(q.low, q.high)
                lo = q.number if not q.is_range else min(q.low, q.high)
                if 0 <= lo and hi <= 100:
                    continue
                whole = re.match(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?([\w'’ -]{1,60})", doc.after(q))
                if not whole:  # "Of the 1,850 farmers who responded, ... 126% said ...": shares of that set
                    sent = doc.sentence_of(q)
                    whole = re.match(r"\W*of\s+the\s+[\d,.]+\s+([\w'’ -]{1,40})", doc.text[sent.start:q.start], re.I)
                if not whole:
                    bounded = _bounded_share(doc, q, ctx.relations.words("bounded_shares"))
                    if bounded:  # "a 252% stake", "turnout of 112%": shares of a whole by their very name
                        yield self.finding(
                            doc.doc, f"{q.text} {bounded}: a {bounded} must lie between 0% and 100%", [q.span])
                    continue  # not written as a share of something
                words = {w.strip("'’").lower() for w in re.findall(r"[\w'’]+", whole.group(1))[:4]}
                if words & ratio_wholes or (q.subject or "").lower() in ratio_wholes:
                    continue
                before = doc.before(q, 40).lower().split()
                if before and (before[-1] in changes or " ".join(before[-2:]) in changes):
                    continue
                what = leading_noun_phrase(whole.group(1))
                yield self.finding(
                    doc.doc, f"{q.text} of {what}: a share of a set must lie between 0% and 100%",
                    [q.span])


def _bounded_share(doc, q, nouns) -> str | None:
    """The share noun a percentage is the value of, if it names a part of a whole that cannot pass 100 %:
    'a 252% stake' (the noun after it), 'turnout of 112%', 'occupancy at 104%' (the noun before it)."""
    names = sorted((n.lower() for n in nouns), key=len, reverse=True)
    after = doc.after(q, 30).lower()
    for n in names:
        if re.match(rf"\s*(?:-\s*)?{re.escape(n)}\b", after):
            return n
    before = doc.before(q, 40).lower()
    for n in names:
        if re.search(rf"\b{re.escape(n)}\s+(?:of|at|was|is|stood\s+at|reached|hit)\s+(?:about\s+|nearly\s+|almost\s+)?$",
                     before):
            return n
    return None
