"""NC102 parts-exceed-whole: disjoint parts that add up to more than their whole."""
from __future__ import annotations

import functools
import re

from checker.rules import links
from checker.rules.base import Rule, register
from checker.rules.facts import interval, show
from checker.wording import counted

_NEGATED = re.compile(r"\b(?:(?:does|do|did|will|would|can|could|may|might|is|are|was|were)\s+not|"
                      r"(?:does|do|did|wo|would|can|could|is|are|was|were)n[’']t|never|fails?\s+to)\s+([a-z]+)", re.I)


def _negates(positive: str, negative: str) -> bool:
    """Does `negative` deny what `positive` asserts: the same verb under 'not', and an object word in common?"""
    m = _NEGATED.search(negative[:120])
    if not m:
        return False
    stem = _stem(m.group(1))
    head = positive[:120]
    if _NEGATED.search(head) or len(stem) < 3:
        return False
    verb = next((w for w in re.findall(r"[a-z]+", head.lower()) if _stem(w) == stem), None)
    if verb is None:
        return False
    tail_pos = set(map(_stem, re.findall(r"[a-z]{4,}", head.lower()[head.lower().index(verb) + len(verb):])))
    tail_neg = set(map(_stem, re.findall(r"[a-z]{4,}", negative[m.end():m.end() + 80].lower())))
    return bool((tail_pos & tail_neg) - {stem} - _FUNCTION_WORDS)


# words every clause may hold: sharing one says nothing of sharing an object
_FUNCTION_WORDS = {"that", "this", "these", "those", "with", "from", "than", "into", "onto", "have", "been", "will",
                   "would", "their", "there", "which", "about", "what", "when", "time", "year", "more", "less", "some",
                   "them", "they", "then", "only", "also", "such", "over", "under", "by", "same"}


def _stem(word: str) -> str:
    """A crude stem, enough to match a verb with its negated form ('leads' ~ 'lead', 'charities' ~ 'charity')."""
    w = word.lower()
    for suffix in ("ies", "es", "ed", "ing", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[:-len(suffix)] + ("y" if suffix == "ies" else "")
    return w


_NOT_A_SHARE = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:short\s+of|needed|required|for\s+a\s+majority|majority)", re.I)


@register
class PartsExceedWhole(Rule):
    """Disjoint parts adding up to more than their whole: 171 launched, 120 shot down and 63 lost.

    What it flags
        Parts that cannot overlap and together exceed their whole: numbers
        downed, lost and hit against the number launched (rules/relations.yaml
        lists which events are disjoint parts of which); a breakdown opened by
        "Of those" or "Of the N" whose items sum past the total; seats won by
        parties against the size of a "150-seat" chamber; the chances of an
        outcome and of its negation ("a 75% chance that it leads to a new
        charity", "a 30% chance that it does not lead to any": rules/
        relations.yaml probability_nouns), a warning since the two clauses are
        read as one event. Each hedge gets its slack first; a breakdown said to
        be complete is left to NC103.

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
        "warning": ("the chances of an outcome and of its negation, the two clauses read as one event by their verb "
                    "and a word of its object"),
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
            yield from self._exclusive_outcomes(doc, ctx)
            low = functools.cache(lambda q: interval(doc, q, ctx.hedges)[0])  # a part may be in many groups
            for whole, parts in groups:
                total = sum(low(p) for p in parts)
                _, w_hi = interval(doc, whole, ctx.hedges)
                if total > w_hi:
                    arithmetic = " + ".join(show(p.number) for p in parts)
                    yield self.finding(
                        doc.doc, f"{arithmetic} = {show(total)}, more than the {counted(whole)} they are part of",
                        [whole.span] + [p.span for p in parts])

    def _exclusive_outcomes(self, doc, ctx):
        """'a 75% chance that the incubator leads to a new charity ... and a 30% chance that the grant does not
        lead to any new charities': chances of an outcome and of its negation (the same verb, negated, with a
        word of its object in common) cannot sum past 100 %. A warning: the two clauses are read as one event."""
        nouns = ctx.relations.words("probability_nouns")
        if not nouns:
            return
        opener = re.compile(r"^\s*(?:" + "|".join(re.escape(n) for n in nouns) + r")\s+(?:that|of)\s+", re.I)
        chances = [(q, opener.match(doc.after(q, 30))) for q in doc.with_unit("percent") if not q.is_range]
        chances = [(q, doc.after(q, 200)[m.end():]) for q, m in chances if m]
        for (a, ca), (b, cb) in zip(chances, chances[1:]):
            if a.sentence != b.sentence:
                continue
            ca = ca[:b.start - a.end] if b.start - a.end < len(ca) else ca  # a's clause ends where b's begins
            if not (_negates(ca, cb) or _negates(cb, ca)):
                continue
            lo_a, lo_b = (interval(doc, q, ctx.hedges, with_rounding=True)[0] for q in (a, b))
            if lo_a + lo_b > 100:
                yield self.finding(
                    doc.doc, f"{a.text} + {b.text} = {show(a.number + b.number)}%, more than 100%: the chances of an "
                             f"outcome and of its negation", [a.span, b.span], severity="warning")

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
            # "lost eight of their nine games": the eight are among the nine, not beside them
            nested = {id(p) for p, w in links.of_pairs(doc, relations) if any(w is q for q in parts)}
            parts = [q for q in parts if id(q) not in nested]
            if len(parts) >= 2:
                yield whole, parts
