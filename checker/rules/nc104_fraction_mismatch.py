"""NC104 fraction-mismatch: a stated share disagrees with the part and whole it relates."""
from __future__ import annotations

import math
import re

from checker.lexicon import lexicon_pattern
from checker.rules import links
from checker.rules.base import Rule, register
from checker.report import Span
from checker.rules.facts import Document, Quantity, first_letters, interval, rounding, show

_HEDGE = r"(?:(?&HEDGE)|only|or)?"  # any hedge of hedges.yaml
# "€2.9 billion, about half of ...": the part, a comma, the share
_PART_BEFORE = lexicon_pattern(rf"^[^.;:\d]{{0,80}}?(?:,|\s[—–])\s*(?:or\s+)?{_HEDGE}\s*(?:{_HEDGE}\s*)?$", re.I)
# "... nearly 40% of the package, or $990 million"
_PART_AFTER = lexicon_pattern(rf"^\s+of\s+[^.;:\d]{{0,60}}?,\s*(?:or\s+)?{_HEDGE}\s*$", re.I)
# "nearly half of the estimated 160,000", "19% of Ukraine's recognised territory of 603,550"
_WHOLE_AFTER = re.compile(r"^\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:[\w'’-]+\s+){0,5}?(?:of\s+)?$", re.I)
# "of group sales, while ...": the head is the last word before punctuation or a preposition
_COMPARATIVE = re.compile(r"\s+(?:below|above|lower|higher|more|less|fewer|up|down|than|increase|decrease|rise|"
                         r"fall|drop|jump|gain|growth|cut|rally|slump|bigger|smaller|larger|cheaper|dearer)\b", re.I)
_OF_NOUN = re.compile(r"^\s+of\s+(?:the\s+|its\s+|their\s+|all\s+|this\s+)?((?:[\w'’-]+\s?){1,4}?)"
                      r"(?=\s*[,.;:]|\s+(?:in|at|on|for|from|by|with|while|and|that|which|so|to|were|was)\b|$)", re.I)


@register
class FractionMismatch(Rule):
    """A share that does not fit its numbers: "60 missiles, nearly one-third of the 194 launched" is fine, "about half" is not.

    What it flags
        A fraction or percentage written next to the part it describes and
        the whole it is a share of ("€2.9 billion, about half of group sales"
        with sales of €4.8 billion; "83 of the drones, about half of the total"
        with 143 launched), when part / whole cannot equal the stated share.
        A share restated in brackets ("Over half (45%) of respondents", "a
        majority (47 percent)": rules/relations.yaml threshold_shares). A
        shortfall from a majority against the chamber's size ("192 of its 300
        seats ... six votes short of the two-thirds majority": 200 needs eight;
        a warning when the size is read from another sentence). A stake
        bought, described by its threshold and by its percentage in the same
        named company ("took a majority stake in Harlow Dairies" ... "acquired
        a 38% stake in Harlow": stake_nouns and stake_taking_verbs in
        rules/relations.yaml; a warning, the purchase being one by its name).
        Every hedge gets its slack first: "about" ±10 %, "nearly" and "almost"
        at or just below, "more than" a lower bound, and the rounding of each
        written number; only shares that fail at the edge of every hedge are
        flagged.

    Why it matters
        Shares are computed by hand, often from an earlier draft's figures. A
        wrong share misleads more than a wrong count: it is the number readers
        remember.

    Flagged
        Organisers said about 55,000 spectators lined the climb, nearly half of the estimated 160,000 on the route.

    Consistent
        Of the 1,246 patients, 253, roughly one in five, needed hospital admission.
    """

    code = "NC104"
    name = "fraction-mismatch"
    kind = "fraction-mismatch"
    severity = "error"
    proof = {
        "error": "the share is written beside its part and its whole, tied to them by syntax",
        "warning": ("the numbers are tied across sentences: a chamber's size, a stake bought in the same named "
                    "company, an amount named before by its noun, a rate applied in the next sentence"),
    }

    def check(self, ctx):
        for doc in ctx.documents:
            pairs = links.of_pairs(doc, ctx.relations)
            for share in doc.quantities:
                if share.unit not in ("fraction", "percent") or share.is_range or _COMPARATIVE.match(doc.after(share, 30)):
                    continue  # "7% below the average" is a change, not a share
                part, whole = _part(doc, share), None
                if part is None:
                    part, whole = _whole_then_part(doc, share, ctx.relations)
                    if part is None:
                        continue
                if whole is not None:
                    ratio = _ratio(doc, part, whole, ctx)
                elif part.unit == "percent":
                    ratio = _interval_of_percent(doc, part, ctx)
                else:
                    named = next(((p, w) for p, w in pairs if w is part and p.sentence == part.sentence), None)
                    if named:  # "Sixteen of the 52 injured, nearly one-third, ..."
                        part, whole = named
                    else:
                        whole = _whole(doc, share, part, ctx, pairs)
                    if whole is None or part is whole:
                        continue
                    ratio = _ratio(doc, part, whole, ctx)
                stated = interval(doc, share, ctx.hedges, with_rounding=True)
                if share.unit == "percent":
                    stated = (stated[0] / 100, stated[1] / 100)
                if ratio[1] < stated[0] or ratio[0] > stated[1]:
                    actual = part.number / 100 if whole is None else part.number / whole.number
                    base = part.text if whole is None else f"{part.text} of {whole.text}"
                    spans = [q.span for q in (whole, part, share) if q is not None]
                    yield self.finding(
                        doc.doc, f"{base} is {actual:.0%}, not {_hedge_text(doc, share)}{share.text} "
                                 f"(the share allows {_pct(stated[0])}–{_pct(stated[1])})", spans)
            yield from self._bracketed(doc, ctx)
            yield from self._short_of_majority(doc, ctx)
            yield from self._stakes_taken(doc, ctx)
            yield from self._times_the_named(doc, ctx)
            yield from self._rate_applied(doc, ctx)

    def _rate_applied(self, doc: Document, ctx):
        """'for every $1000 invested in a room, the hotel should charge $1 in average daily rate. So a room that
        cost $200,000 to build should sell for $300/night': a rate stated with 'for every', then applied in the
        next sentence ('So', 'That means', 'For example'), whose two amounts (in the rate's order, or matched by
        unit) must keep the rate. The rate gets the slack of 'about', being a rule of thumb. A warning."""
        for a in doc.quantities:
            if a.is_range or not a.value or not re.search(r"\bfor\s+(?:every|each)\s+$", doc.before(a, 20), re.I):
                continue
            rest = [q for q in doc.in_sentence(a.sentence) if q.start > a.end and not q.is_range and q.value]
            if len(rest) != 1:
                continue  # the rate is one amount per one amount
            b = rest[0]
            sent = doc.sentences[a.sentence + 1] if a.sentence + 1 < len(doc.sentences) else None
            if sent is None or not _APPLIED.match(doc.text[sent.start:sent.end]):
                continue
            example = [q for q in doc.in_sentence(a.sentence + 1) if not q.is_range and q.value]
            if len(example) != 2:
                continue
            c, d = example
            if re.match(r"\s*(?:more|extra|additional|net|in\s+net)\b", doc.after(d, 20), re.I):
                continue  # "yields $300 million more": a gain on top, not the rate's product
            if a.unit != b.unit and (c.unit, d.unit) == (b.unit, a.unit):
                c, d = d, c
            if (c.unit, d.unit) != (a.unit, b.unit):
                continue
            tol = float(ctx.hedges["tolerance"]["approx"])
            rate_lo, rate_hi = b.value / a.value * (1 - tol), b.value / a.value * (1 + tol)
            lo, hi = _ratio(doc, d, c, ctx)
            if hi < rate_lo or lo > rate_hi:
                yield self.finding(
                    doc.doc, f"at {b.text} for every {a.text}, {c.text} gives "
                             f"{show(c.value * b.value / a.value)} {d.unit}, "
                             f"not {d.text} (a rate applied in the next sentence)",
                    [a.span, b.span, c.span, d.span], severity="warning")

    def _times_the_named(self, doc: Document, ctx):
        """'worth about $28 billion, or four times the value of the cash Verizon is paying': the multiple restates
        the amount against an amount the text gave before under that noun ('the $4.8 billion' of cash). Every
        earlier amount of that noun must agree, or nothing is said; a whole number of times is read to the
        nearest whole. A warning when the named amount is in another sentence."""
        for r in doc.with_unit("ratio"):
            if r.is_range or r.value is None or r.value <= 1:
                continue
            noun = _TIMES_THE.match(doc.after(r, 60))
            before = [q for q in doc.in_sentence(r.sentence) if q.end <= r.start]
            if not noun or not before or not _OR_RESTATED.fullmatch(doc.between(before[-1], r)):
                continue
            amount = before[-1]
            if amount.unit in ("count", "percent", "fraction", "ratio", "point") or amount.is_range:
                continue
            head = _head_noun(noun.group(1))
            if head is None:
                continue
            head = ctx.vocab.synonyms.get(head, head)
            of_head = re.compile(rf"^\s+(?:in|on|of|for)\s+(?:[\w-]+\s+){{0,2}}?{re.escape(head.rstrip('s'))}", re.I)
            named = [q for q in doc.quantities if q.start < amount.start and q.unit == amount.unit and not q.is_range
                     and (ctx.relations.same_subject(q.subject, head) or of_head.match(doc.after(q, 50)))]
            if not named or len({q.value for q in named}) != 1:
                continue  # no amount of that name, or several: which one the multiple is of is unsaid
            whole = named[-1]
            lo, hi = _ratio(doc, amount, whole, ctx)
            r_lo, r_hi = interval(doc, r, ctx.hedges, with_rounding=True)
            if float(r.value).is_integer() and "." not in r.text:
                r_lo, r_hi = min(r_lo, r.value - 0.5), max(r_hi, r.value + 0.5)
            if hi < r_lo or lo > r_hi:
                across = whole.sentence != r.sentence
                yield self.finding(
                    doc.doc, f"{amount.text} is {amount.number / whole.number:.1f} times the {whole.text} of "
                             f"{head}, not {r.text}" + (" (the amount is named in another sentence)" if across else ""),
                    [r.span, amount.span, whole.span], severity="warning" if across else None)

    def _stakes_taken(self, doc: Document, ctx):
        """'took a majority stake in Kylie Jenner's company' ... 'acquired a 41% ownership position in Jenner's
        portfolio': one purchase, described by its threshold and by its percentage, in the same named company.
        A warning: that the two are one purchase is inferred from the name they share. Where any percentage
        bought in that company fits the threshold, nothing is said."""
        thresholds = {w.lower(): tuple(float(x) / 100 for x in b) for w, b in
                      ctx.relations.data.get("threshold_shares", {}).items()}
        nouns, verbs = ctx.relations.words("stake_nouns"), ctx.relations.words("stake_taking_verbs")
        if not (thresholds and nouns and verbs):
            return
        if not (doc.may_say(verbs) and doc.may_say(thresholds) and doc.may_say(nouns)):
            return  # the pattern below needs a word of each list: not scanned for
        noun = "(?:" + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) + ")"
        verb = r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\s+(?:an?\s+|the\s+|its\s+)?"
        words = "|".join(re.escape(w) for w in thresholds)
        if not re.search(first_letters(thresholds) + rf"(?:{words})\s+{noun}\s+in\s+[^.;:,()]", doc.text, re.I):
            return  # no threshold word before a stake noun, which every match below holds: not scanned from every verb
        named = [(m, _names(m.group("obj"))) for m in re.finditer(
            first_letters(verbs) + verb + rf"(?P<word>{words})\s+{noun}\s+in\s+(?P<obj>[^.;:,()]{{1,60}})", doc.text, re.I)]
        if not named:
            return
        bought = []
        for q in doc.with_unit("percent"):
            after = re.match(rf"\s*(?:-\s*)?{noun}\s+in\s+(?P<obj>[^.;:,()]{{1,60}})", doc.after(q, 90), re.I)
            if after and not q.is_range and re.search(verb + r"$", doc.before(q, 40), re.I) and \
                    not _ANOTHER_PURCHASE.search(doc.before(q, 80)):
                bought.append((q, _names(after.group("obj"))))
        for m, names in named:
            lo, hi = thresholds[m.group("word").lower()]
            same = [(q, n & names, interval(doc, q, ctx.hedges, with_rounding=True)) for q, n in bought if n & names]
            if not same or any(b_hi / 100 > lo and b_lo / 100 < hi for _, _, (b_lo, b_hi) in same):
                continue
            q, shared, _ = same[0]
            word = Span(m.start("word"), m.end("word"), m.group("word"))
            yield self.finding(
                doc.doc, f"a {m.group('word')} stake is {_pct(lo)}–{_pct(hi)}, but the stake bought in "
                         f"{' '.join(sorted(shared))} is {q.text} (one purchase, read from the name both give)",
                [word, q.span], severity="warning")

    def _short_of_majority(self, doc: Document, ctx):
        """'the 192 opposition lawmakers six votes short of the two-thirds majority' in a chamber the text
        gives as 300 seats ('192 of the legislature's 300 seats', 'the 300-seat assembly'): a majority of
        a fraction F of W seats needs the smallest whole number above F x W (half: more than half), so
        the shortfall is that less the members held."""
        for gap in doc.with_unit("count"):
            after = _SHORT_OF_MAJORITY.match(doc.after(gap, 80))
            if gap.is_range or gap.value is None or not after:
                continue
            held = [q for q in doc.in_sentence(gap.sentence) if q.end <= gap.start and q.unit == "count"
                    and not q.is_range and q.value is not None]
            if not held or re.search(r"[;:]|\d", doc.between(held[-1], gap)):
                continue
            seats = {}
            if len(held) >= 2 and held[-1].value > held[-2].value and \
                    _OF_CHAMBER.match(doc.between(held[-2], held[-1])):
                seats = {held[-1].value: held[-1]}  # "taking 25 of the 57 seats, four short of a majority"
                held.pop()
            held = held[-1]
            fraction = next((q for q in doc.in_sentence(gap.sentence) if q.unit == "fraction" and
                             gap.end < q.start < gap.end + after.end()), None)
            share = fraction.value if fraction is not None else 0.5
            seats = seats or {w.value: w for w in _chambers_of(doc, held)} or \
                {w.value: w for w in links.capacity_wholes(doc) if w.value > held.value}
            if len(seats) != 1:
                continue  # no chamber size, or more than one: no arithmetic to check
            whole = next(iter(seats.values()))
            needed = math.floor(share * whole.value + 1e-9) + 1 if fraction is None else \
                math.ceil(share * whole.value - 1e-9)
            g_lo, g_hi = interval(doc, gap, ctx.hedges)
            if g_lo <= needed - held.value <= g_hi:
                continue
            named = "a majority" if fraction is None else f"a {fraction.text} majority"
            across = whole.sentence != gap.sentence
            yield self.finding(
                doc.doc, f"{named} of {whole.text} seats is {needed}, so {held.text} are "
                         f"{needed - held.value:g} short, "
                         f"not {gap.text}" + (" (the chamber's size is read from another sentence)" if across else ""),
                [whole.span, held.span, gap.span] + ([fraction.span] if fraction else []),
                severity="warning" if across else None)

    def _bracketed(self, doc: Document, ctx):
        """'Over half (45%) of respondents', 'a majority of shareholders (41%)': a share and the percentage in
        brackets right beside it (or after the 'of' phrase of its whole) state one value twice: they must agree."""
        thresholds = {w.lower(): (float(lo), float(hi)) for w, (lo, hi) in
                      ctx.relations.data.get("threshold_shares", {}).items()}
        words = "|".join(re.escape(w) for w in sorted(thresholds, key=len, reverse=True))
        for p in doc.with_unit("percent"):
            if p.is_range or not re.match(r"\s*\)", doc.text[p.end:p.end + 4]):
                continue
            head = doc.text[doc.sentence_of(p).start:p.start]
            opened = _BRACKET_OPEN.search(head)
            if not opened:
                continue
            inside = head[opened.end():]
            p_lo, p_hi = interval(doc, p, ctx.hedges, with_rounding=True) if inside.strip() else \
                _written(p)
            before = head[:opened.start()]
            share = next((q for q in doc.in_sentence(p.sentence) if q.unit == "fraction" and not q.is_range
                          and q.end <= p.start and _OF_WHOLE.fullmatch(before[q.end - doc.sentence_of(p).start:])),
                         None)
            if share is not None:
                lo, hi = interval(doc, share, ctx.hedges, with_rounding=True)
                label = _hedge_text(doc, share) + share.text
                spans = [share.span, p.span]
            else:
                word = re.search(rf"\b({words}){_OF_WHOLE.pattern}$", before, re.I) if words else None
                if not word or not (re.match(r"\s+of\b", word.group()[len(word.group(1)):])
                                    or re.match(r"\s*\)\s*of\b", doc.text[p.end:p.end + 8])):
                    continue  # a threshold word is a share only with its whole: 'the most (40%) came from ...'

                lo, hi = (x / 100 for x in thresholds[word.group(1).lower()])
                label = word.group(1)
                spans = [Span(p.start - len(head) + word.start(1), p.start - len(head) + word.end(1), word.group(1)),
                         p.span]
                if p_hi / 100 > lo and p_lo / 100 < hi:
                    continue  # an open interval: 'a majority' is more than half, not half
            if p_hi / 100 < lo or p_lo / 100 > hi:
                yield self.finding(
                    doc.doc, f"{label} is restated in brackets as {p.text}, which it cannot be "
                             f"(it allows {_pct(lo)}–{_pct(min(hi, 1.0))})", spans)


def _part(doc: Document, share: Quantity) -> Quantity | None:
    """The number the share describes: written just before it ('€2.9 billion, about half')
    or just after it ('40% of the package, or $990 million')."""
    same = doc.in_sentence(share.sentence)
    before = [q for q in same if q.end <= share.start and q.restates is None]
    if before and _PART_BEFORE.match(doc.between(before[-1], share)):
        gap = doc.between(before[-1], share)
        if before[-1].unit in ("percent", "fraction") and re.match(r"\s*[A-Za-z]", gap):
            return None  # "65 percent were white, 11.9 percent were black": a list of shares of different groups
        if before[-1] is same[0] and re.match(r"^\W*of\s+the\s*$", doc.text[doc.sentence_of(share).start:
                                                                              before[-1].start], re.I):
            return None  # "Of the 160,000 spectators, nearly half, ...": the whole, not the part
        return before[-1]
    after = [q for q in same if q.start >= share.end]
    if after and _PART_AFTER.match(doc.between(share, after[0])):
        return after[0]
    return None


def _whole_then_part(doc: Document, share: Quantity, relations) -> tuple[Quantity | None, Quantity | None]:
    """(part, whole) written after or around the share: 'Half of the 160,000 spectators, or 55,000',
    'A third of the 1,200 staff, or 650 people' (share, whole, part) and 'Of the 160,000 spectators, nearly
    half, about 55,000' (whole, share, part): the part restates the share, right after a comma."""
    same = doc.in_sentence(share.sentence)
    later = [q for q in same if q.start >= share.end]
    if len(later) >= 2 and _WHOLE_AFTER.match(doc.between(share, later[0])) and \
            links.comparable(later[0], later[1]) and _restates(doc, later[1], later[0], relations):
        return later[1], later[0]
    sent = doc.sentence_of(share)
    first = same[0] if same else None
    if later and first is not None and first is not share and links.comparable(first, later[0]) and \
            re.match(r"^\W*of\s+the\s*$", doc.text[sent.start:first.start], re.I) and \
            _SHARE_OPENED.fullmatch(doc.between(first, share)) and \
            _restates(doc, later[0], first, relations, doc.between(share, later[0])):
        return later[0], first
    return None, None


def _restates(doc: Document, part: Quantity, whole: Quantity, relations, gap: str | None = None) -> bool:
    """Is the number after the comma the share restated ('..., or 650 people', '..., about 55,000 spectators'),
    not another group ('..., 40 crew', '..., 12 of them children')? 'or' says so; without it the part must
    count the whole's thing."""
    restated = _PART_RESTATED.match(doc.between(whole, part) if gap is None else gap)
    if not restated or re.match(r"\s+(?:of|among)\b", doc.after(part, 12), re.I):
        return False
    return bool(restated.group("or")) or part.unit != "count" or relations.related_subjects(part.subject, whole.subject)


def _whole(doc: Document, share: Quantity, part: Quantity, ctx, pairs) -> Quantity | None:
    """What the share is of: a number right after 'of', the sentence's 'Of the N', or an earlier total."""
    same = doc.in_sentence(share.sentence)
    later = [q for q in same if q.start >= share.end and q is not part and links.comparable(q, part)]
    if later and _WHOLE_AFTER.match(doc.between(share, later[0])):
        return later[0]
    sent = doc.sentence_of(share)
    first = same[0] if same else None
    if first is not None and first is not part and links.comparable(first, part) and \
            re.match(r"^\W*of\s+the\s*$", doc.text[sent.start:first.start], re.I):
        return first  # "Of the 1,246 patients, 253, roughly one in five, ..."
    own = next((w for p, w in pairs if p is part), None)
    if own is not None:
        return own  # "25 of the 57 seats, nearly half"
    noun = _OF_NOUN.match(doc.after(share, 80))
    head = noun.group(1).split()[-1].lower() if noun else None
    return _earlier_total(doc, part, head, ctx)


_GENERIC_WHOLES = {"total", "them", "those", "it", "sum", "all", "whole"}


def _earlier_total(doc: Document, part: Quantity, noun: str | None, ctx) -> Quantity | None:
    """The largest earlier number of the same kind, about the thing the share names ('of group sales')."""
    candidates = [q for q in doc.near(part, 3) if q.end <= part.start and links.comparable(q, part)
                  and part.sentence - q.sentence <= 3 and q.number > part.number and q.restates is None]
    subject = ctx.vocab.synonyms.get(noun, noun) if noun else None
    if subject and subject not in _GENERIC_WHOLES:
        related = ctx.relations.related_subjects
        named = [q for q in candidates if q.subject and related(q.subject, subject)]
        candidates = named or [q for q in candidates if q.subject and related(q.subject, part.subject)]
    return max(candidates, key=lambda q: q.number) if candidates else None


def _ratio(doc, part, whole, ctx) -> tuple[float, float]:
    p_lo, p_hi = interval(doc, part, ctx.hedges, with_rounding=True)
    w_lo, w_hi = interval(doc, whole, ctx.hedges, with_rounding=True)
    if w_lo <= 0 or math.isinf(w_hi):
        return -math.inf, math.inf
    return p_lo / w_hi, (p_hi / w_lo if not math.isinf(p_hi) else math.inf)


def _interval_of_percent(doc, part, ctx) -> tuple[float, float]:
    lo, hi = interval(doc, part, ctx.hedges, with_rounding=True)
    return lo / 100, hi / 100


_HEDGE_BEFORE = lexicon_pattern(r"(?&HEDGE)\s+$", re.I)
# "Half of the 160,000 spectators, or 55,000": the words after the whole, a comma, perhaps "or" and a hedge
_PART_RESTATED = lexicon_pattern(r"^[^.;:\d()]{0,40}?,\s*(?:(?P<or>or)\s+)?(?:(?&HEDGE)\s+)?$", re.I)
# "Of the 160,000 spectators, nearly half": the whole's words, a comma, perhaps a hedge of the share
_SHARE_OPENED = lexicon_pattern(r"[^.;:\d]{0,60},\s*(?:(?&HEDGE)\s+)?", re.I)
# "six votes short of the two-thirds majority", "four short of a majority"
_SHORT_OF_MAJORITY = re.compile(
    r"^\s+(?:(?:votes?|seats?|members?|lawmakers?|mps?|deputies|senators)\s+)?short\s+of\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,2}?majority\b", re.I)
# "holds 192 of the unicameral legislature's 300 seats"
_OF_CHAMBER = re.compile(r"^\s+(?:[\w'’-]+\s+){0,2}?(?:of|out\s+of)\s+(?:[\w'’-]+\s+){0,4}?$", re.I)


def _chambers_of(doc: Document, held: Quantity) -> list[Quantity]:
    """The wholes the text gives the held number of seats as part of: 'N of the legislature's W seats'."""
    out = []
    for q in doc.with_unit("count"):
        if q.value != held.value:
            continue
        later = [w for w in doc.in_sentence(q.sentence) if w.start >= q.end]
        if later and later[0].unit == "count" and later[0].value and later[0].value > q.value \
                and _OF_CHAMBER.match(doc.between(q, later[0])):
            out.append(later[0])
    return out


# "four times the value of the cash Verizon is paying", "three times the company's revenue"
_TIMES_THE = re.compile(r"^\s+(?:the|its|their|his|her)\s+"
                        r"(?:(?:value|size|amount|sum|level)\s+of\s+(?:the\s+|its\s+|their\s+)?)?"
                        r"(?:[\w-]+['’]s\s+)?((?:[a-z-]+\s*){1,3})")
_NOT_IN_A_NOUN = {"that", "which", "who", "in", "on", "for", "of", "at", "by", "with", "from", "to", "is", "are", "was",
                  "were", "will", "as", "and", "or", "than", "it", "they", "he", "she", "we"}


def _head_noun(words: str) -> str | None:
    """The last word of a noun phrase's run of lower-case words, before a relative clause or preposition
    ('cash' of 'cash Verizon is paying', 'repairs' of 'road repairs.')."""
    run = []
    for w in words.split():
        if w.lower() in _NOT_IN_A_NOUN:
            break
        run.append(w.lower())
    return run[-1] if run else None


# "about $28 billion, or four times": the multiple restates the amount before it
_OR_RESTATED = lexicon_pattern(r",\s*or\s+(?:(?&HEDGE)\s+)?", re.I)


# the sentence that applies a rule just stated: "So a room that cost ...", "For example, ..."
_APPLIED = re.compile(r"^\W*(?:so|thus|that\s+means|this\s+means|for\s+example|for\s+instance|in\s+other\s+words)\b",
                      re.I)


# "later acquired a 20% stake", "also bought", "a further 10%": a second purchase, not the first restated
_ANOTHER_PURCHASE = re.compile(r"\b(?:later|subsequently|then|since|also|again|another|additional|further|more)\b",
                               re.I)


def _names(phrase: str) -> set[str]:
    """The capitalised words of a phrase, without possessives: what two mentions of one company share."""
    return {re.sub(r"['’]s$", "", w) for w in re.findall(r"\b[A-Z][\w'’-]{2,}", phrase)}


# "of respondents", "of the party's members": the whole of a share, in words (a number there is another fact)
_OF_WHOLE = re.compile(r"(?:\s+of\s+(?:the\s+|all\s+)?(?:[A-Za-z'’-]+\s+){0,2}[A-Za-z'’-]+)?\s*", re.I)
# "Over half (45%": the bracket opened right after the share, perhaps with a hedge of its own inside
_BRACKET_OPEN = lexicon_pattern(r"\s*\(\s*(?:(?&HEDGE)\s+)?$", re.I)


def _written(q: Quantity) -> tuple[float, float]:
    """The value as written, with its rounding and no hedge: the bracket's own words say nothing more."""
    r = rounding(q)
    return q.value - r, q.value + r


def _hedge_text(doc: Document, q: Quantity) -> str:
    m = _HEDGE_BEFORE.search(doc.before(q, 20))
    return m.group() if m else ""


def _pct(x: float) -> str:
    return "∞" if math.isinf(x) else f"{x:.0%}"

