"""NC105 percent-out-of-range: a share of a set that is above 100 % or below 0 %."""
from __future__ import annotations

import re

from checker.extract.context import leading_noun_phrase
from checker.lexicon import lexicon_pattern
from checker.rules.base import Rule, register
from checker.rules.facts import Document, Quantity, rounding, show

_WHOLE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|(all\s+))?([\w'’ -]{1,60})")
# "up from 13.2 percent", "the March high of 21.8 percent", "compared with 12%": the same share's value at
# another time or place, which is bounded as the share is
# "by" ending the text before a percentage, maybe with a hedge: "reduce ... by (about) 175%"
_BY_END = lexicon_pattern(r"\bby\s+(?:(?&HEDGE)\s+)?$", re.I)
_COMPARED = lexicon_pattern(
    r"\b(?:from|than|versus|vs\.?|compared\s+(?:with|to)|(?:high|low|peak|average|level|record|mean)\s+of)\s+"
    r"(?:(?&HEDGE)\s+)?$", re.I)


@register
class PercentOutOfRange(Rule):
    """A share that must lie between 0 and 100 % and does not: "112% of the drones were intercepted".

    What it flags
        A percentage written as a share of a set ("N% of voters", "N% of the
        region", "N% of all vehicle sales") that is above 100 or below 0, and
        a share whose noun names its whole ("a 140% stake", "turnout of 112%",
        listed in rules/relations.yaml as bounded_shares), also as the level a
        change reaches ("turnout rose to 112%"). A percentage compared
        with such a share ("14.6% of all sales, down from the average of 152%")
        is the same share at another time and is held to the same bounds (a
        warning when the share is in the sentence before). In a table whose
        rows pair a count with its percentage ("74 100%", "63 85%"), the rows
        give the column's total, and a row above 100 % whose count is within it
        is flagged (a warning: the whole is inferred from the other rows).
        Changes ("rose 150%") and ratios to a measure that can be exceeded
        ("120% of GDP", "110% of capacity", listed in rules/relations.yaml as
        ratio_wholes) are not shares and are left alone; "of all" names a whole
        set, whatever its noun.

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
        "warning": ("the share is inferred: compared with a share of a set in the sentence before, or a table row "
                    "whose column total the other rows give"),
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
                below = _below_nothing(doc, q, ctx.vocab)
                if below:
                    yield self.finding(doc.doc, f"{below} by {q.text}: a fall of more than 100% leaves less than "
                                                "nothing", [q.span],
                                       basis="a decrease of a quantity that cannot be negative is at most 100 %")
                    continue
                before = doc.before(q, 40).lower().split()
                if before and (before[-1] in changes or " ".join(before[-2:]) in changes):
                    continue  # "rose 150%": a change, not a share
                whole = _whole(doc, q)
                if not whole:
                    bounded = _bounded_share(doc, q, ctx.relations.words("bounded_shares"))
                    if bounded:  # "a 252% stake", "turnout of 112%": shares of a whole by their very name
                        yield self.finding(
                            doc.doc, f"{q.text} {bounded}: {_a(bounded)} must lie between 0% and 100%", [q.span])
                        continue
                    if hi > 100 and not _changed(doc, q, changes):  # a margin compared may well be negative
                        yield from self._restated(doc, q, ratio_wholes, ctx.relations.words("bounded_shares"))
                    continue  # not written as a share of something
                if _is_ratio(whole, q, ratio_wholes):
                    continue
                yield self.finding(
                    doc.doc, f"{q.text} of {_what(whole)}: a share of a set must lie between 0% and 100%",
                    [q.span])
            yield from self._columns(doc)

    def _restated(self, doc: Document, q: Quantity, ratio_wholes: set[str], bounded: list[str]):
        """'14.6 percent of all vehicle sales ... up from 13.2 percent ... the average of 152 percent': a
        percentage compared with a share, link by link back to the share written with its whole (or named by
        its noun: 'turnout was 64%, down from 130%')."""
        if not _COMPARED.search(doc.before(q, 40)):
            return
        link = q
        while True:
            earlier = [p for p in doc.near(link, 1) if p.unit == "percent" and p.end <= link.start
                       and not p.is_range and q.sentence - p.sentence <= 1]
            if not earlier:
                return
            link = earlier[-1]
            whole = _whole(doc, link)
            noun = None if whole else _bounded_share(doc, link, bounded)
            if whole and _is_ratio(whole, link, ratio_wholes):
                return
            if noun or whole:
                what = (f"the {noun} of {link.text}, so it is {_a(noun)} too: {_a(noun)}" if noun else
                        f"{link.text} of {_what(whole)}, so it is the same share: a share of a set")
                across = link.sentence != q.sentence
                yield self.finding(
                    doc.doc, f"{q.text} is compared with {what} must lie between 0% and 100%"
                             + (" (the share is named in the sentence before)" if across else ""),
                    [q.span, link.span], severity="warning" if across else None)
                return
            if not _COMPARED.search(doc.before(link, 40)):
                return  # the chain of compared values is broken: another percentage, another share

    def _columns(self, doc: Document):
        """A table whose rows pair a count with its percentage ('74 100%'): a row above 100 % whose count is
        no more than the total the other rows give (count / share, intersected over the rows)."""
        for block in _column_blocks(doc):
            for count, pct in block:
                if pct.number <= 100:
                    continue
                others = [(c, p) for c, p in block if p is not pct and 0 < p.number <= 100]
                if len(others) < 2:
                    continue
                lo, hi = 0.0, float("inf")
                for c, p in others:
                    r = rounding(p) or 0.5
                    lo = max(lo, c * 100 / (p.number + r))
                    hi = min(hi, c * 100 / max(p.number - r, 1e-9))
                if lo > hi or count > hi:
                    continue  # the rows agree on no total, or this count is beyond it: not one column of shares
                full = next((c for c, p in others if p.number == 100), None)
                basis = f" ({show(full)} is 100%)" if full else ""
                total = full or (lo + hi) / 2
                yield self.finding(
                    doc.doc, f"{show(count)} {pct.text} in a table of counts and their shares: the other rows give "
                             f"a total of about {show(round(total))}{basis}, so {show(count)} is "
                             f"{count / total:.0%} of it; "
                             f"a share must lie between 0% and 100%", [pct.span], severity="warning")


def _column_blocks(doc: Document) -> list[list[tuple[float, Quantity]]]:
    """Rows of (count, percentage) written side by side ('CB Ward 74 100%') on lines that follow one another
    (no blank line). The count is read as the table cell before the percentage: a table's cells are often
    not extracted as quantities of their own."""
    blocks: list[list[tuple[float, Quantity]]] = []
    last_line = None
    for p in doc.with_unit("percent"):
        if p.is_range:
            continue
        line_start = doc.text.rfind("\n", 0, p.start) + 1
        cell = _CELL_BEFORE.search(doc.text[line_start:p.start])
        if not cell:
            continue
        if last_line is None or doc.text.count("\n", last_line, line_start) != 1:
            blocks.append([])  # a blank line or prose between: another table
        if blocks[-1] and doc.text.rfind("\n", 0, blocks[-1][-1][1].start) + 1 == line_start:
            continue  # one pair a row
        blocks[-1].append((float(cell.group(1).replace(",", "")), p))
        last_line = line_start
    return [b for b in blocks if len(b) >= 3]


_CELL_BEFORE = re.compile(r"(?:^|[ \t])(\d[\d,]*)[ \t]+$")


# "rose to", "climbed from 80% to", "fell back to": a verb or two and then the level reached
_TO_A_LEVEL = r"(?:[a-z]+\s+){1,2}(?:from\s+[\d.]+\s*(?:%|percent|per\s+cent)\s+)?to"


def _changed(doc: Document, q: Quantity, changes: set[str]) -> bool:
    """'150% growth', '120% increase': a percentage followed by a change noun is a change, not a share."""
    after = re.match(r"\s*(?:-\s*)?([a-z]+)", doc.after(q, 20).lower())
    return bool(after) and after.group(1) in changes


def _below_nothing(doc: Document, q: Quantity, vocab) -> str | None:
    """'reducing a metabolic rate by 175%': the decrease verb, when q is a fall 'by' more than 100 % of a
    quantity that cannot go below zero (no signed word or signed subject in the sentence: 'profit fell 150%')."""
    if q.number <= 100 or q.is_range:
        return None
    down = "|".join(re.escape(w) for w in sorted(vocab.nonq["change_down"], key=len, reverse=True) if w != "down")
    by = _BY_END.search(doc.before(q, 80))
    m = re.search(rf"\b({down})\b[^.;:,]{{0,40}}?$", doc.before(q, 80)[:by.start()], re.I) if by else None
    if not m:
        return None
    sent = doc.sentence_of(q)
    words = [*vocab.nonq["signed_words"], *vocab.nonq.get("signed_subjects", ())]
    if re.search(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", doc.text[sent.start:sent.end], re.I):
        return None
    return m.group(1)


def _whole(doc: Document, q: Quantity) -> re.Match | None:
    """The set q is a share of: 'N% of (the) W', or the sentence's 'Of the 1,850 farmers who ...'."""
    whole = _WHOLE.match(doc.after(q))
    if not whole:
        sent = doc.sentence_of(q)
        whole = re.match(r"\W*of\s+the\s+()[\d,.]+\s+([\w'’ -]{1,40})", doc.text[sent.start:q.start], re.I)
    return whole


def _is_ratio(whole: re.Match, q: Quantity, ratio_wholes: set[str]) -> bool:
    """'120% of GDP': a whole that can be exceeded; 'of all' names the whole set, never a ratio."""
    if whole.group(1):
        return False
    words = {w.strip("'’").lower() for w in re.findall(r"[\w'’]+", whole.group(2))[:4]}
    return bool(words & ratio_wholes) or (q.subject or "").lower() in ratio_wholes


def _a(noun: str) -> str:
    """The noun with its indefinite article: 'a stake', 'an occupancy'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _what(whole: re.Match) -> str:
    return (whole.group(1) or "") + leading_noun_phrase(whole.group(2))


def _bounded_share(doc, q, nouns) -> str | None:
    """The share noun a percentage is the value of, if it names a part of a whole that cannot pass 100 %:
    'a 252% stake' (the noun after it), 'turnout of 112%', 'occupancy at 104%' (the noun before it), and the
    level a change reaches, 'turnout rose to 112%', 'the load factor climbed from 80% to 104%' (a level, not
    the change: that would be 'rose 12%' or 'rose by 12 points')."""
    names = sorted((n.lower() for n in nouns), key=len, reverse=True)
    after = doc.after(q, 30).lower()
    for n in names:
        if re.match(rf"\s*(?:-\s*)?{re.escape(n)}\b", after):
            return n
    before = doc.before(q, 60).lower()
    for n in names:
        if re.search(rf"\b{re.escape(n)}\s+(?:of|at|was|is|stood\s+at|reached|hit|{_TO_A_LEVEL})\s+"
                     rf"(?:about\s+|nearly\s+|almost\s+)?$", before):
            return n
    return None
