"""NC111 change-mismatch: a stated change disagrees with the before and after values the text gives."""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from checker.lexicon import lexicon_pattern
from checker.report import Span
from checker.rules.base import Rule, register
from checker.rules.facts import Document, Quantity, hedge_word, show
from checker.vocab import Vocabulary

_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")
# the quantity after "from" is where the change started: "from 0.90 percent", "down from previous
# guidance of up 2.3 percent" (a few words between, no punctuation)
_FROM = re.compile(r"\bfrom\s+((?:[A-Za-z'’-]+\s+){0,5})$", re.I)
# ... and after "to", where it ended: "to 1.23 percent", "to a record 41%"
_TO = lexicon_pattern(r"\bto\s+(?:(?&HEDGE)\s+|between\s+)?"
                      r"(?:(?:a|an|the|its|their|new|record|fresh|all-time)\s+){0,3}$", re.I)
# the words of a bare "from" phrase: it names no other reference ("from a peak of", "from guidance of")
_BARE_FROM = lexicon_pattern(r"^(?:(?:a|an|the|its|their|(?&HEDGE))\s+)*$", re.I)
# "102.2 points, or 0.36%", "150 sailings, or 15%": the same change in another unit
_OR = lexicon_pattern(r"(?:\s+[A-Za-z'’-]+){0,2}\s*,?\s*(?:or|\(|or\s+by)\s*(?:(?&HEDGE)\s+)?", re.I)
# a price after these is what something sells for now ("offering it for $30", "now $30")
_SALE = re.compile(r"\b(?:for|at|now|just|only|to)\s+(?:just\s+|only\s+)?$", re.I)
# an apposition that restates a change just written: "from 40 to 50, a 25% increase"; ", up from"
# (a few words may close the clause first: "from 40 to 50 over the winter, a 20% increase")
_APPOSITION = re.compile(r"(?:\s+[A-Za-z'’-]+){0,4}\s*(?:,|\s[—–])\s*(?:or\s+)?(?:an?\s+|the\s+)?", re.I)
# items of one list: "2.8 percent and comparable sales growth of 3.5 percent", "2.3 percent and up 4 percent"
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:[A-Za-z'’-]+\s+){0,5}", re.I)
# the hedge of a multiple, for the message ("more than triple")
_HEDGE_BEFORE = lexicon_pattern(r"(?&HEDGE)\s+$", re.I)
# characters before a number read for what ties it to a change
_LEAD = 160
# characters between a change word and the "from" or "to" of its ends, at most
_REACH = 120
# the multiple a quantity like "a 2.5-fold increase" states
_FOLD = re.compile(r"(\d+(?:\.\d+)?)\s*-?\s*fold", re.I)


@register
class ChangeMismatch(Rule):
    """A stated change that its before and after values contradict: "rose from 40 to 50, a 20% increase" (it is 25 %).

    What it flags
        A change stated with the values it goes between, when the values
        cannot give it: a change by N or by X % ("rose by 27 percent, from
        0.90 percent to 1.23 percent" is 37 %), a change in points ("up 3.2
        points to 41%, from 39%"), a multiple ("doubled from 1,200 to 3,100",
        "more than triple, going from 175 GW to 450 GW", "halved"), a
        fraction ("fell by a third to 600 from 1,000"), a change in two units
        and its end ("added 20.72 points, or 0.42%, to 8,570.66" is 0.24 %),
        a discount against the usual and the offered price, and a change in
        the wrong direction ("2.8 percent, down from 2.3 percent"). Where
        both ends are percentages, a change in percent may be read as
        relative or in points: only a change that fits neither is flagged.
        Every hedge gets its slack ("more than triple" is a lower bound,
        "about" ±10 %), and so does the rounding of each written number
        (0.42% is 0.415 to 0.425); a multiple or fraction written as a word
        ("doubled", "a third") is as round as "about", and "fourfold" may be
        4 or 5 times. Values that may be below zero (a loss, a deficit, a gap
        "behind") are left alone. An apposition "X, down from Y" ties the
        direction only (Y may be a peak or another period's figure); "X, down
        10% from Y" ties its amount too. A change with one end only ("rose
        0.4% to 13,176") is not checked, except through a second amount ("or
        0.42%") or a discount's offered price in the sentence before. Change
        words and discount cues are data (change_up, change_down,
        discount_words, change_multiples, regular_price_cues, signed_words in
        rules/nonquantities.yaml). An error when the syntax of one sentence
        ties the change to its ends; a warning when an end (the offered price
        of a discount) comes from the sentence before. A ratio between two
        quantities ("three times as many") is fraction-mismatch (NC104).

    Why it matters
        Changes are computed by hand from two figures and often go wrong in
        typical ways: the difference divided by the new value instead of the
        old, percent confused with percentage points, a figure updated in one
        place and not the other, "down" written for "up".

    Flagged
        Membership rose from 40 to 50 last year, a 20% increase.

    Consistent
        Membership rose from 40 to 50 last year, a 25% increase.
    """

    code = "NC111"
    name = "change-mismatch"
    kind = "change-mismatch"
    severity = "error"
    proof = {
        "error": "the syntax of one sentence (or a clause and its apposition) ties the change to its two ends",
        "warning": "one end (the offered price of a discount) is read from the sentence before",
    }

    def check(self, ctx):
        for doc in ctx.documents:
            for sent in doc.sentences:
                qs = doc.in_sentence(sent.index)
                if not qs:
                    continue
                for change in _changes(doc, sent, qs, ctx):
                    for message, spans, severity in _verdicts(doc, change, ctx):
                        yield self.finding(doc.doc, message, spans, severity=severity)


@dataclass
class _Cue:
    """A word that states a change, and which way: 'rose' +1, 'down' -1, 'doubled' a multiple of 2."""
    start: int
    end: int
    word: str
    direction: int
    multiple: float | None = None
    q: Quantity | None = None  # the multiple as a quantity ("more than triple")
    fold: bool = False         # "a 2.5-fold rise": 2.5 times or, as some write it, 3.5 times
    discount: bool = False


@dataclass
class _End:
    """One end of a change: its value and the bounds its hedge and rounding allow."""
    q: Quantity
    value: float
    lo: float
    hi: float
    low_end: bool = False   # the lower end of a range "from 175 to 450 gigawatts"
    high_end: bool = False
    bare: bool = True       # "from 40", not "from a peak of 40"


@dataclass
class _Change:
    cue: _Cue | None
    amounts: list[Quantity] = field(default_factory=list)
    befores: list[_End] = field(default_factory=list)
    afters: list[_End] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)  # in text order, every role
    linked: bool = False     # an end joined by ", down from": its direction is checked, not its size
    borrowed: bool = False   # an end read from another sentence
    respectively: bool = False

    @property
    def direction(self) -> int:
        return self.cue.direction if self.cue else 0


@lru_cache(maxsize=8)
def _cue_re(vocab: Vocabulary) -> re.Pattern:
    words = [*vocab.nonq["change_up"], *vocab.nonq["change_down"], *vocab.nonq["discount_words"],
             *vocab.nonq["change_multiples"]]
    alts = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alts})(?![\w-])", re.I)


@lru_cache(maxsize=8)
def _word_sets(vocab: Vocabulary) -> tuple[frozenset, frozenset, frozenset, dict]:
    low = lambda key: frozenset(w.lower() for w in vocab.nonq[key])  # noqa: E731
    return (low("change_up"), low("change_down"), low("discount_words"),
            {k.lower(): float(v) for k, v in vocab.nonq["change_multiples"].items()})


@lru_cache(maxsize=8)
def _regular_re(vocab: Vocabulary) -> re.Pattern:
    cues = "|".join(re.escape(w) for w in sorted(vocab.nonq["regular_price_cues"], key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{cues})\s+(?:[a-z]+\s+){{0,2}}?(?:(?:for|at|of)\s+)?$", re.I)


@lru_cache(maxsize=8)
def _signed_re(vocab: Vocabulary) -> re.Pattern:
    words = "|".join(re.escape(w) for w in vocab.nonq["signed_words"])
    return re.compile(rf"\b(?:{words})\b|[-−–]\s*[$€£]?\d", re.I)


@lru_cache(maxsize=8)
def _amount_before_re(vocab: Vocabulary) -> re.Pattern:
    """A change word right before its amount: 'rose 12%', 'up by 3.2 points', 'an increase of 5%'."""
    return lexicon_pattern(rf"{_cue_re(vocab).pattern}\s+(?:by\s+|of\s+)?(?:(?&HEDGE)\s+)?(?:a\s+|an\s+|another\s+)?$",
                           re.I)


@lru_cache(maxsize=8)
def _amount_after_re(vocab: Vocabulary) -> re.Pattern:
    """A change noun right after its amount: 'a 20% increase', '33% off', 'a third lower'."""
    return re.compile(rf"\s*(?:-\s*)?{_cue_re(vocab).pattern}", re.I)


# a run of word characters between two characters that are neither word characters nor hyphens: where a
# change word can be
_WORD_RUN = re.compile(r"(?<![\w-])\w+(?![\w-])")


@lru_cache(maxsize=8)
def _cue_words(vocab: Vocabulary) -> frozenset | None:
    """The change words in lower case, when each is a run of ASCII word characters (then a word of the
    text is one exactly when its lower case is in the set); else None."""
    words = [*vocab.nonq["change_up"], *vocab.nonq["change_down"], *vocab.nonq["discount_words"],
             *vocab.nonq["change_multiples"]]
    if not all(w.isascii() and re.fullmatch(r"\w+", w) for w in words):
        return None
    return frozenset(w.lower() for w in words)


def _cue_matches(text: str, vocab: Vocabulary) -> Iterator[re.Match]:
    """_cue_re(vocab).finditer(text), without trying a hundred words at every word of the text: the runs
    of word characters a change word can be are found first and looked up in a set (a run with a
    character outside ASCII, which the pattern's ignoring of case may match otherwise, asks the pattern)."""
    words = _cue_words(vocab)
    if words is None:
        yield from _cue_re(vocab).finditer(text)
        return
    pattern = _cue_re(vocab)
    for run in _WORD_RUN.finditer(text):
        w = run.group()
        if w.isascii():
            if w.lower() in words:
                yield pattern.match(text, run.start())  # the same match object finditer gives
        else:
            m = pattern.match(text, run.start())
            if m:
                yield m


def _cues(doc: Document, sent, qs: list[Quantity], vocab: Vocabulary) -> list[_Cue]:
    ups, downs, discounts, multiples = _word_sets(vocab)
    verbs = {w.lower() for w in vocab.units["multiples"]["words"]}
    text = doc.text[sent.start:sent.end]
    starts = [q.start for q in qs]
    out = []
    for m in _cue_matches(text, vocab):
        start, end = sent.start + m.start(), sent.start + m.end()
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < qs[i].end:
            continue  # inside a number ("3.2-point drop" is read from the quantity)
        word = m.group(1).lower()
        if word == "up" and re.match(r"\s+to\b", text[m.end():]):
            continue  # "up to 50" is a bound, not a rise
        multiple = multiples.get(word)
        direction = (1 if word in ups else -1) if multiple is None else (1 if multiple > 1 else -1)
        out.append(_Cue(start, end, word, direction, multiple, fold=word.endswith("fold"), discount=word in discounts))
    for q in qs:
        if q.unit != "ratio" or q.value is None:
            continue
        fold = _FOLD.search(q.text)
        if q.text.lower().split()[-1] in verbs or fold:
            out.append(_Cue(q.start, q.end, q.text, 1 if q.value > 1 else -1, q.value, q, fold=bool(fold)))
    return sorted(out, key=lambda c: c.start)


def _changes(doc: Document, sent, qs: list[Quantity], ctx) -> list[_Change]:
    """The changes a sentence states, each with the quantities its syntax ties to it."""
    vocab = ctx.vocab
    cues = _cues(doc, sent, qs, vocab)
    if not cues:
        return []
    by_cue: dict[int, _Change] = {id(c): _Change(c) for c in cues}
    at = {c.start: c for c in cues}
    index = _CueIndex(cues)
    cue_qs = {id(c.q) for c in cues if c.q is not None}
    roles: dict[int, tuple[str, _Change]] = {}
    regulars: list[Quantity] = []
    sales: list[Quantity] = []
    prev: Quantity | None = None
    for i, q in enumerate(qs):
        if id(q) in cue_qs:
            prev = q
            continue
        # (what ties a number to its change is written just before it: a long gap is read in part)
        lead_start = max(prev.end if prev is not None else sent.start, q.start - _LEAD)
        lead = doc.text[lead_start:q.start]
        role = None
        if prev is not None and id(prev) in roles and roles[id(prev)][0] == "amount" and _OR.fullmatch(lead):
            role = ("amount", roles[id(prev)][1])  # "102.2 points, or 0.36%"
        elif (m := _FROM.search(lead)) is not None and not (q.is_range and _range_cue(lead[:m.start()], vocab)):
            # (a change word after the ends takes single values only: "From 40 to 50 people were hurt as the
            # roof fell" is a range)
            owner = _owned(qs, i, roles, by_cue, index.before(doc, lead_start + m.start())) \
                or (None if q.is_range else index.after(doc, q))
            if owner is not None:
                role = ("before", by_cue[id(owner)])
                roles[id(q)] = role
                # "going from 175 to 450 gigawatts", read as one range, gives both ends; after a "to" it is
                # the value before ("to between $4.50 and $4.70, from $4.80 to $5.00")
                split = not by_cue[id(owner)].afters
                ends = _ends(doc, q, ctx, bare=bool(_BARE_FROM.match(m.group(1))), split=split)
                by_cue[id(owner)].befores.extend(e for e in ends if not e.high_end)
                by_cue[id(owner)].afters.extend(e for e in ends if e.high_end)
                by_cue[id(owner)].quantities.append(q)
                prev = q
                continue
        elif (m := _TO.search(lead)) is not None and q.qualifier != "at_most":
            owner = _owned(qs, i, roles, by_cue, index.before(doc, lead_start + m.start()))
            if owner is not None:
                role = ("after", by_cue[id(owner)])
                roles[id(q)] = role
                by_cue[id(owner)].afters.extend(_ends(doc, q, ctx))
                by_cue[id(owner)].quantities.append(q)
                prev = q
                continue
        if role is None and (m := _amount_before_re(vocab).search(lead)) is not None:
            owner = at.get(lead_start + m.start(1))
            role = ("amount", by_cue[id(owner)]) if owner is not None else None
        if role is None and (m := _amount_after_re(vocab).match(doc.text, q.end, sent.end)) is not None:
            owner = at.get(m.start(1))
            role = ("amount", by_cue[id(owner)]) if owner is not None else None
        if role is not None:
            roles[id(q)] = role
            role[1].amounts.append(q)
            role[1].quantities.append(q)
        elif _regular_re(vocab).search(lead) and _money(q):
            regulars.append(q)
        elif _SALE.search(lead) and _money(q):
            sales.append(q)
        prev = q
    changes = [by_cue[id(c)] for c in cues]
    _join_appositions(doc, qs, changes, roles, ctx)
    _respectively(doc, sent, qs, changes, ctx)
    _discounts(doc, sent, changes, regulars, sales, ctx)
    return [c for c in changes if c.quantities]


def _range_cue(text: str, vocab: Vocabulary) -> bool:
    """'anywhere from $200 to $500', 'ranging from 5 to 12': a range, not a change from one to the other."""
    words = re.findall(r"[a-z]+", text.lower())[-2:]
    return any(w in vocab.nonq["range_cues_before"] and w != "from" for w in words)


def _money(q: Quantity) -> bool:
    return q.unit not in ("count", "percent", "fraction", "ratio", "point", "bp") and "/" not in q.unit \
        and bool(re.search(r"[$€£¥]|\b[A-Z]{3}\b|dollar|euro|pound|cent", q.text, re.I))


class _CueIndex:
    """The change words of a sentence that take a 'from' and a 'to' (not a discount: 'save anywhere from
    $200 to $500' gives no before and after), found by position in log time: a hostile sentence may hold
    thousands."""

    def __init__(self, cues: list[_Cue]) -> None:
        self.cues = [c for c in cues if not c.discount]
        self.ends = [c.end for c in self.cues]
        self.starts = [c.start for c in self.cues]

    def before(self, doc: Document, at: int) -> _Cue | None:
        """The change word a 'from' or 'to' at `at` belongs to: the last one before it, in its clause."""
        i = bisect.bisect_right(self.ends, at) - 1
        if i < 0 or at - self.cues[i].end > _REACH or ";" in doc.text[self.cues[i].end:at]:
            return None
        return self.cues[i]

    def after(self, doc: Document, q: Quantity) -> _Cue | None:
        """'From 40 to 50, a 25% rise': ends written before their change word, in one clause with it."""
        i = bisect.bisect_left(self.starts, q.end)
        if i >= len(self.cues) or self.cues[i].start - q.end > 60 \
                or re.search(r"[;:]", doc.text[q.end:self.cues[i].start]):
            return None
        return self.cues[i]


def _owned(qs: list[Quantity], i: int, roles: dict, by_cue: dict, cue: _Cue | None) -> _Cue | None:
    """The cue, if every number between it and qs[i] is its own: in "rose 20% in 2019, from $10 million, and
    a further 10% in 2020 to $13.2 million" the "to" belongs to the second change, which has no word."""
    if cue is None:
        return None
    own = by_cue[id(cue)]
    j = i - 1
    while j >= 0 and qs[j].start >= cue.end:  # (a cue is at most _REACH characters back: a few numbers)
        if qs[j] is not cue.q and roles.get(id(qs[j]), (None, None))[1] is not own:
            return None
        j -= 1
    return cue


def _join_appositions(doc: Document, qs: list[Quantity], changes: list[_Change], roles: dict, ctx) -> None:
    """A change word in an apposition restates or extends the clause before it. 'X, down from Y' (and
    'X, up 10% from Y') makes X the value after the change; 'from 40 to 50, a 20% increase' gives the
    change of the clause its amount."""
    starts = [q.start for q in qs]
    for later in changes:
        if later.cue is None or not later.quantities:
            continue
        first = min([later.cue.start, *(q.start for q in later.quantities)])
        k = bisect.bisect_left(starts, first) - 1
        while k >= 0 and qs[k].end > first:
            k -= 1
        if k < 0 or not _APPOSITION.fullmatch(doc.text[qs[k].end:first]):
            continue
        p = qs[k]
        role, owner = roles.get(id(p), (None, None))
        if later.befores and not later.afters and role in (None, "after") and (later.cue.q is not p):
            # "was $39,014, up from $38,373", "fell 3% to $10, down 20% from $12.50": only "X, up 10% from
            # Y" ties an amount to both ends (its own amount: the clause's 3% is another change); "X, up
            # from Y" says which way alone
            later.afters.extend(_ends(doc, p, ctx))
            later.quantities.insert(0, p)
            later.linked = not later.amounts
        elif (owner is not None and owner is not later and later.amounts and not later.befores
              and not later.afters and owner.befores and owner.afters and not owner.amounts
              and owner.direction == later.direction):
            owner.amounts.extend(later.amounts)  # "from 40 to 50, a 20% increase" ("..., a 20% drop": unclear)
            owner.quantities.extend(later.quantities)
            later.quantities.clear()


def _respectively(doc: Document, sent, qs: list[Quantity], changes: list[_Change], ctx) -> None:
    """'2.8 percent and 3.5 percent, down from 2.3 percent and 4 percent, respectively': the values before
    the change word pair with those after it, in order."""
    if not re.search(r"\brespectively\b", doc.text[sent.start:sent.end], re.I):
        return
    pos = {id(q): k for k, q in enumerate(qs)}
    for ch in changes:
        if not ch.linked or len(ch.befores) != 1 or len(ch.afters) != 1:
            continue
        after, before = ch.afters[0].q, ch.befores[0].q
        afters = _list_around(doc, qs, pos, after, backwards=True)
        befores = _list_around(doc, qs, pos, before, backwards=False)
        if len(afters) < 2 or len(afters) != len(befores):
            continue
        ch.afters = [e for q in afters for e in _ends(doc, q, ctx)]
        ch.befores = [e for q in befores for e in _ends(doc, q, ctx, bare=ch.befores[0].bare)]
        ch.quantities = sorted(set(afters) | set(befores) | set(ch.quantities), key=lambda q: q.start)
        ch.respectively = True


def _list_around(doc: Document, qs: list[Quantity], pos: dict, q: Quantity, backwards: bool) -> list[Quantity]:
    """q and the quantities listed with it ('X and Y', 'X, Y and Z'), in text order (each pair of the
    lists is compared only where its units agree)."""
    i = pos[id(q)]
    items = [q]
    step = -1 if backwards else 1
    j = i + step
    while 0 <= j < len(qs):
        a, b = (qs[j], items[0]) if backwards else (items[-1], qs[j])
        if not _LIST_JOIN.fullmatch(doc.text[a.end:b.start]):
            break
        items = [qs[j], *items] if backwards else [*items, qs[j]]
        j += step
    return items


def _discounts(doc: Document, sent, changes: list[_Change], regulars: list[Quantity], sales: list[Quantity],
               ctx) -> None:
    """A discount in percent between the usual price ('Usually selling for $40') and the offered one
    ('for $30'), in the sentence or, where it names only the usual price, the offer of the sentence before
    (when that sentence gives one price only, of the same currency)."""
    for ch in changes:
        if ch.cue is None or not ch.cue.discount or not any(a.unit == "percent" for a in ch.amounts):
            continue
        if not ch.befores and len(regulars) == 1:
            ch.befores.extend(_ends(doc, regulars[0], ctx))
            ch.quantities.append(regulars[0])
        if not ch.befores or ch.afters:
            continue
        usual = ch.befores[0].q
        offers = [q for q in sales if q.unit == usual.unit and q is not usual]
        if not offers and sent.index > 0 and not sent.line_start:  # (the sentence before, in its paragraph)
            earlier = [q for q in doc.in_sentence(sent.index - 1) if q.unit == usual.unit]
            if len(earlier) == 1 and _SALE.search(doc.before(earlier[0], 20)):
                offers, ch.borrowed = earlier, True
        if len(offers) == 1:
            ch.afters.extend(_ends(doc, offers[0], ctx))
            ch.quantities.append(offers[0])


def _ends(doc: Document, q: Quantity, ctx, bare: bool = True, split: bool = False) -> list[_End]:
    """The end a quantity gives: a range is one end that may lie anywhere in it ('to between $4.50 and
    $4.70'), or, split, both ends of the change ('from 175 to 450 gigawatts'), low first."""
    if q.is_range:
        if q.low is None or q.high is None:
            return []
        lo_r, hi_r = (_round(q.text, q.low, first=True), _round(q.text, q.high, first=False))
        if not split:
            low, high = sorted((q.low, q.high))
            return [_End(q, (low + high) / 2, low - lo_r, high + hi_r, bare=bare)]
        if len(_NUMBER.findall(q.text)) < 2:
            return []
        return [_End(q, q.low, q.low - lo_r, q.low + lo_r, low_end=True, bare=bare),
                _End(q, q.high, q.high - hi_r, q.high + hi_r, high_end=True, bare=bare)]
    if q.value is None:
        return []
    lo, hi = _bounds(doc, q, ctx)
    return [_End(q, q.value, lo, hi, bare=bare)]


def _round(text: str, value: float, first: bool = True) -> float:
    """Half a unit of the last written digit of the number, in the value's scale ('1.2 million' -> 50,000)."""
    nums = list(_NUMBER.finditer(text))
    if not nums:
        return 0.0
    m = nums[0] if first else nums[-1]
    written = float(m.group().replace(",", ""))
    scale = abs(value / written) if written else 1.0
    places = len(m.group(1)) if m.group(1) else 0
    return 0.5 * 10 ** (-places) * scale


def _bounds(doc: Document, q: Quantity, ctx) -> tuple[float, float]:
    """The values q allows: its hedge's slack and its rounding. A word without digits ('doubled', 'a third',
    'half') is as round as 'about'."""
    hedges = ctx.hedges
    tol = float(hedges["tolerance"]["approx"])
    if q.is_range or q.value is None:
        lo, hi = sorted((q.low, q.high))
        return lo - _round(q.text, lo), hi + _round(q.text, hi, first=False)
    v = q.value
    r = _round(q.text, v)
    qualifier = q.qualifier
    if qualifier == "exact" and not _NUMBER.search(q.text) and q.unit in ("ratio", "fraction"):
        qualifier = "approx"
    if qualifier == "approx":
        if hedge_word(doc, q, hedges):
            return v * (1 - tol) - r, v + r
        return v * (1 - tol) - r, v * (1 + tol) + r
    if qualifier in ("at_least", "more_than"):
        return v - r, math.inf
    if qualifier in ("at_most", "less_than"):
        return 0.0, v + r
    return v - r, v + r


def _multiple_bounds(doc: Document, cue: _Cue, ctx) -> list[tuple[float, float]]:
    """What a multiple allows: 'doubled' about 2, 'more than triple' from 3 up, 'a threefold rise' 3 (or 4)."""
    if cue.q is not None:
        lo, hi = _bounds(doc, cue.q, ctx)
    else:
        tol = float(ctx.hedges["tolerance"]["approx"])
        lo, hi = cue.multiple * (1 - tol), cue.multiple * (1 + tol)
    out = [(lo, hi)]
    if cue.fold and cue.multiple and cue.multiple > 1:
        out.append((lo + 1, hi + 1 if not math.isinf(hi) else hi))
    return out


def _same_unit(a: Quantity, b: Quantity) -> bool:
    """'$20 a month, up from $25': a rate and an amount of its currency are read as one unit."""
    return a.unit == b.unit or a.unit.split("/")[0] == b.unit.split("/")[0] and "/" in (a.unit + b.unit) \
        and (a.unit.count("/") + b.unit.count("/")) == 1


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _verdicts(doc: Document, ch: _Change, ctx):
    """(message, spans, severity) for each way the change and its ends cannot all hold."""
    if _signed_re(ctx.vocab).search(_clause_text(doc, ch)):
        return  # a loss or a deficit: the values may be below zero
    severity = "warning" if ch.borrowed else "error"
    pairs = _pairs(ch)
    d = ch.direction
    for before, after in pairs:
        if not _same_unit(before.q, after.q) or before.lo <= 0:
            continue
        spans = _spans(ch, before, after)
        if d and (d > 0 and after.hi < before.lo or d < 0 and after.lo > before.hi):
            way = "a fall" if d > 0 else "a rise"
            yield (f"{_txt(before)} to {_txt(after)} is {way}, not '{_cue_text(doc, ch.cue)}'", spans, severity)
            continue
        if ch.linked or not before.bare:
            continue  # "X, down from a peak of Y": only the direction is tied to the change
        ratio = (after.lo / before.hi, after.hi / before.lo)
        if ch.cue is not None and ch.cue.multiple is not None:
            allowed = _multiple_bounds(doc, ch.cue, ctx)
            if not any(_overlaps(ratio, a) for a in allowed):
                yield (f"{_txt(before)} to {_txt(after)} is {after.value / before.value:.2f} times, "
                       f"not '{_cue_text(doc, ch.cue)}'", spans, severity)
                continue
        for amount in ch.amounts:
            msg = _amount_verdict(doc, amount, before, after, ratio, d, ctx, ch.cue is not None and ch.cue.discount)
            if msg:
                yield (msg, sorted({*spans, amount.span}, key=lambda s: s.start), severity)
                break
    if not ch.befores or not ch.afters:
        yield from _two_units(doc, ch, ctx, severity)


def _pairs(ch: _Change) -> list[tuple[_End, _End]]:
    """Which before goes with which after: in order for 'respectively' and for 'from 10 to 20 and from 30 to
    40'; one end against each of the others ('up from $38,373 a year ago and from $34,410 in 2015')."""
    if ch.respectively or (len(ch.befores) > 1 and len(ch.befores) == len(ch.afters)):
        return list(zip(ch.befores, ch.afters))
    if len(ch.befores) > 1 and len(ch.afters) > 1:
        return []  # unequal lists: no pairing can be trusted
    return [(b, a) for b in ch.befores for a in ch.afters if not (b.q is a.q and not (b.low_end and a.high_end))]


def _amount_verdict(doc, amount: Quantity, before: _End, after: _End, ratio, d: int, ctx,
                    discount: bool = False) -> str | None:
    """Does the change's amount fit its ends? A percent is relative (or, between percentages, in points),
    a fraction relative, points and amounts of the ends' own unit a difference."""
    if not d:
        return None
    lo, hi = _bounds(doc, amount, ctx)
    diff = (after.lo - before.hi, after.hi - before.lo) if d > 0 else (before.lo - after.hi, before.hi - after.lo)
    rel = ((ratio[0] - 1) * 100, (ratio[1] - 1) * 100) if d > 0 else ((1 - ratio[1]) * 100, (1 - ratio[0]) * 100)
    actual_rel = abs(after.value / before.value - 1) * 100
    if amount.unit == "percent":
        if _overlaps(rel, (lo, hi)) or (before.q.unit == "percent" and _overlaps(diff, (lo, hi))):
            return None
        points = f" (or {show(round(abs(after.value - before.value), 4))} points)" if before.q.unit == "percent" else ""
        return f"{_txt(before)} to {_txt(after)} is {_way(after, before, discount)} of {_pct(actual_rel)}{points}, " \
               f"not {amount.text}"
    if amount.unit == "fraction":
        if _overlaps(rel, (lo * 100, hi * 100)):
            return None
        way = _way(after, before, discount)
        return f"{_txt(before)} to {_txt(after)} is {way} of {_pct(actual_rel)}, not {amount.text}"
    if amount.unit in ("point", "bp") and before.q.unit in ("percent", "point") or _same_unit(amount, before.q):
        scale = 0.01 if amount.unit == "bp" and before.q.unit == "percent" else 1.0
        if _overlaps(diff, (lo * scale, hi * scale)):
            return None
        return f"{_txt(before)} to {_txt(after)} is a change of {show(round(abs(after.value - before.value), 4))}, " \
               f"not {amount.text}"
    return None


def _two_units(doc: Document, ch: _Change, ctx, severity: str):
    """'added 20.72 points, or 0.42%, to 8,570.66': a change given as a difference and in percent, with one
    end, fixes the other end; the percent must be the difference over the value before."""
    d = ch.direction
    ends = ch.befores or ch.afters
    if not d or len(ends) != 1 or ch.linked:
        return
    end = ends[0]
    diffs = [a for a in ch.amounts if a.unit == end.q.unit or (a.unit == "point" and end.q.unit == "point")]
    rels = [a for a in ch.amounts if a.unit == "percent" and end.q.unit != "percent"]
    if len(diffs) != 1 or len(rels) != 1:
        return
    diff, rel = diffs[0], rels[0]
    c_lo, c_hi = _bounds(doc, diff, ctx)
    if ch.befores:
        b_lo, b_hi = end.lo, end.hi
    elif d > 0:
        b_lo, b_hi = end.lo - c_hi, end.hi - c_lo
    else:
        b_lo, b_hi = end.lo + c_lo, end.hi + c_hi
    if b_lo <= 0:
        return
    share = (c_lo / b_hi * 100, c_hi / b_lo * 100)
    if _overlaps(share, _bounds(doc, rel, ctx)):
        return
    base = end.value if ch.befores else end.value - d * diff.value
    spans = sorted({diff.span, rel.span, end.q.span}, key=lambda s: s.start)
    where = "from" if ch.befores else "to"
    way = "a rise" if d > 0 else "a fall"
    yield (f"{way} of {diff.text} {where} {end.q.text} is {_pct(diff.value / base * 100)}, not {rel.text}", spans,
           severity)


def _clause_text(doc: Document, ch: _Change) -> str:
    qs = ch.quantities
    start = min([q.start for q in qs] + ([ch.cue.start] if ch.cue else []))
    end = max([q.end for q in qs] + ([ch.cue.end] if ch.cue else []))
    return doc.text[max(0, start - 30):end + 30]


def _spans(ch: _Change, before: _End, after: _End) -> list[Span]:
    spans = {before.q.span, after.q.span}
    if ch.cue is not None:
        spans.add(ch.cue.q.span if ch.cue.q is not None else Span(ch.cue.start, ch.cue.end, ch.cue.word))
    return sorted(spans, key=lambda s: s.start)


def _txt(end: _End) -> str:
    if end.low_end or end.high_end:
        return show(end.value) + ("" if end.q.unit == "count" else f" {end.q.unit}")
    return end.q.text


def _cue_text(doc: Document, cue: _Cue | None) -> str:
    """The change word as written, with the hedge of a multiple ('more than triple')."""
    if cue is None:
        return ""
    if cue.q is not None:
        m = _HEDGE_BEFORE.search(doc.text[max(0, cue.start - 30):cue.start])
        return (m.group() if m else "") + cue.q.text
    return doc.text[cue.start:cue.end]


def _way(after: _End, before: _End, discount: bool) -> str:
    if discount:
        return "a discount"
    return "a rise" if after.value > before.value else "a fall"


def _pct(x: float) -> str:
    return f"{x:.2g}%" if x < 1 else f"{x:.0f}%" if x >= 10 else f"{x:.1f}%"
