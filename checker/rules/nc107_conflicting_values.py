"""NC107 conflicting-values: the same fact stated twice with values that cannot both hold."""
from __future__ import annotations

import difflib
import re

from checker.lexicon import lexicon_pattern
from checker.rules import dated_restated, links, measured_twice
from checker.rules.base import Rule, register
from checker.rules.facts import Document, Quantity, interval
from checker.wording import plural, the_same

# "the €321 million profit", "All 126 passengers", "the 78 countries at the talks"
# "the death toll of 12", "all of the 320 passengers"
_DEFINITE = re.compile(r"\b(?:the|all(?:\s+of)?(?:\s+the)?|(?:each|both|every\s+one)\s+of\s+the|those|these)\s+$|"
                       r"\bthe\s+(?:[a-z]+\s+){1,2}of\s+$", re.I)
_NO_NOUN = re.compile(r"^\s*(?:[.,;:!?)]|$|and\b|or\b)")  # "hit all 3." : no counted noun of its own
# "some of that 8.69 GW", "all of this $2 billion", "with that 40 percent": a demonstrative after a preposition or
# quantifier points back to a figure ("said that 28 people" is a conjunction, not a back-reference)
_DEMONSTRATIVE = re.compile(r"\b(?:of|in|on|from|with|to|for|all|half|most|much|some|part)\s+(that|this)\s+$", re.I)
_INTRODUCES_WHOLE = re.compile(r"\b(?:including|among\s+them|such\s+as)\s+(?:all\s+)?(?:the\s+)?$", re.I)


def _opens_sentence(doc: Document, q: Quantity) -> bool:
    sent = doc.sentence_of(q)
    return bool(re.fullmatch(r"\W*of\s+the\s+", doc.text[sent.start:q.start], re.I))


@register
class ConflictingValues(Rule):
    """The same fact stated twice with values that cannot both hold: "at least 14 killed", later "the 12 killed".

    What it flags
        A number that refers back to a fact already given — written with a
        definite article ("the 79,500 fans", "All 126 passengers", "the €321
        million profit") — when the earlier statement of that fact (same
        subject, or one named the same in rules/relations.yaml, same event,
        actor and period) allows no common value, given both qualifiers:
        "at least 14" then "16" is fine, "more than 80 countries" then "the 78
        countries" is not. Numbers said to be forecasts, records or past values
        are different facts. When the two statements come from sources on
        different sides, the finding is an `info`-level "disputed" note, not an
        error. A part or the whole of a breakdown, and a count at another
        stage of one selection ("Eight companies submitted proposals" ...
        "the five companies selected"; successive_stages in
        rules/relations.yaml) are other facts. Two counts of one thing in one
        sentence are two groups ("the
        five companies had been chosen to join the nine companies"), never a
        fact said twice. With `--across`, the same fact is also compared
        between the documents of one run. Dated facts (checker/rules/dated_restated.py, warnings):
        a birth, founding or death given two dates or years, an edition two
        ordinals, one thing said to overtake the same other in two years.

    Why it matters
        One of the two numbers is wrong, and a reader cannot tell which; these
        slips appear when a story is updated and only one mention is changed.

    Flagged
        The ferry had 162 passengers on board. By Sunday all 126 passengers had been accounted for.

    Consistent
        The ferry had 162 passengers on board. By Sunday all 162 passengers had been accounted for.
    """

    code = "NC107"
    name = "conflicting-values"
    kind = "conflicting-values"
    severity = "error"
    proof = {
        "error": ("a back-reference ('the 12 killed', 'all 126 passengers') restates a fact given before with a "
                  "value it does not allow"),
        "warning": ("a date, year or ordinal is given twice to what is read as one event (a birth, a founding, "
                    "this edition, one thing overtaking another) from the words around them; or a figure is read "
                    "as an earlier one across sentences with no back-reference (a running total with the same "
                    "noun, verb and 'since' event; 'that N' no earlier figure allows)"),
        "info": "the two statements come from sources on different sides: a dispute to report, not a slip",
    }

    def check(self, ctx):
        elsewhere = ctx.relations.words_re("not_same_fact")
        for doc in ctx.documents:
            wholes_of_parts = {(w.start, w.end) for _, w in links.of_pairs(doc, ctx.relations)}
            for later in doc.quantities:
                definite = _DEFINITE.search(doc.before(later, 25))
                if later.is_range or not definite or (later.start, later.end) in wholes_of_parts:
                    continue  # "14 of the 19 municipalities" names a whole, it does not restate a fact
                if definite.group().lower().endswith("of ") and later.unit == "count" and _NO_NOUN.match(doc.after(later, 20)):
                    continue  # "the activities of 1179.": a bare number ending the phrase names something
                if later.unit in ("percent", "fraction", "point") or elsewhere.search(doc.before(later, 30)) \
                        or _THRESHOLD.match(doc.after(later, 40)):
                    continue
                if _INTRODUCES_WHOLE.search(doc.before(later, 30)) or _opens_sentence(doc, later) \
                        or _COMPARED.search(doc.before(later, 30)):
                    continue  # "including all six", "Of the €1.5 billion, ...": a subset or a new whole
                if later.value is not None and later.value <= 3 and (later.text.isalpha() or _NO_NOUN.match(doc.after(later, 20))):
                    continue  # "the two", "hit all 3": individuals or qualities the text has named one by one
                if links.is_label(doc, later) and not links.compound_head(doc, later):
                    continue  # "the 13 line": a number naming a thing, not a count
                earlier = _earlier_statement(doc, later, ctx, elsewhere)
                if earlier is None or _compatible(doc, earlier, later, ctx) or _refers_to_another(doc, later, ctx):
                    continue
                if links.relation(doc, earlier, later, ctx.relations) in (links.PART, links.WHOLE, links.STAGES) \
                        or links.another_group_beside(earlier, later):
                    continue  # a part, its whole, another stage ("Eight submitted ... the five selected"), or two
                    # groups named in one sentence ("the five companies had been selected to join the nine companies")
                if later.subject in ctx.relations.words("owned_subjects") and \
                        (not later.actor or later.actor != earlier.actor):
                    continue  # two people's ages: the same fact only for one named person
                yield self._conflict(doc, earlier, later)
            yield from dated_restated.restatements(self, doc, ctx.relations)  # a date, year or ordinal said twice
            for a, b in measured_twice.measured_twice(doc):  # "a 5-inch knife" ... "the knife" ... "a 10-inch knife"
                a_lo, a_hi = interval(doc, a, ctx.hedges)
                b_lo, b_hi = interval(doc, b, ctx.hedges)
                if a_hi < b_lo or b_hi < a_lo:
                    yield self.finding(doc.doc, f"'{a.text} {a.subject}' and later '{b.text} {b.subject}', with "
                                                f"'the {a.subject}' between them: one {a.subject} cannot measure both",
                                       [a.span, b.span], severity="warning",
                                       basis="one thing is read as measured twice: a definite mention of it stands "
                                             "between the two measures, and nothing makes the second another")

        for doc in ctx.documents:
            yield from self._unresolved_demonstratives(doc, ctx)
            yield from self._running_totals(doc, ctx, elsewhere)

    def _running_totals(self, doc: Document, ctx, elsewhere):
        """A running total restated without a back-reference: "Almost 1.8 million potholes filled since de Blasio
        took office" ... "the number of potholes the city has filled — more than 1,886,300 — since Mayor Bill de
        Blasio took office". The same counted noun, the same verb and the same 'since' event make one fact. A
        warning: the identity is read across sentences."""
        if "since" not in doc.text:
            return  # no 'since' phrase (_SINCE, as it must be written): no running total
        seen: list[tuple[Quantity, str, frozenset, frozenset, str]] = []
        for q in doc.quantities:
            if q.is_range or q.value is None or q.unit in ("percent", "fraction", "point") or q.restates is not None:
                continue
            since, phrase = _since_event(doc, q)
            noun = _counted_noun(doc, q)
            if not since or not noun or elsewhere.search(doc.before(q, 30)):
                continue
            verbs = _participles(doc, q)
            for e, e_noun, e_since, e_verbs, e_phrase in seen:
                if e.sentence == q.sentence or e.unit != q.unit or not ctx.relations.same_subject(e_noun, noun):
                    continue
                small, large = sorted((e_since, since), key=len)
                if len(small) < 2 or not small <= large or not (verbs & e_verbs):
                    continue
                if not _compatible(doc, e, q, ctx, with_rounding=True):
                    yield self.finding(
                        doc.doc, f"{_as_written(doc, e)} and later {_as_written(doc, q)} for the {plural(noun)} "
                                 f"{sorted(verbs & e_verbs)[0]} since {e_phrase.strip()}: the two cannot both hold",
                        [e.span, q.span], severity="warning",
                        basis="the two figures are read as one running total from their noun, verb and 'since' "
                              "event, across sentences, with no back-reference tying them")
                break
            seen.append((q, noun, since, verbs, phrase))

    def _unresolved_demonstratives(self, doc: Document, ctx):
        """'some of that 6.89 GW' points back to a figure stated before; when no earlier figure of that unit
        (within a few sentences) allows its value, the text restated one of them wrongly. The closest in value is
        named as the figure meant: the one whose digits the restatement shares most (a slip changes or swaps a
        digit or two), then the closest in value. A warning: the referent is inferred."""
        for later in doc.quantities:
            if later.is_range or later.value is None or later.restates is not None:
                continue
            pointer = _DEMONSTRATIVE.search(doc.before(later, 30))
            if not pointer or doc.text[later.end:later.end + 1] == "-":
                continue  # "this 16-inch model" names a kind of thing, it does not point back to an amount
            earlier = [q for q in doc.near(later, 4) if q.end <= later.start and q.unit == later.unit
                       and q.value is not None and not q.is_range and later.sentence - q.sentence <= 4]
            if not earlier or any(_compatible(doc, q, later, ctx, with_rounding=True) for q in earlier):
                continue
            if any(abs(a.value + b.value - later.value) <= 0.01 * later.value
                   for i, a in enumerate(earlier) for b in earlier[i + 1:]):
                continue  # "3.7 GW and 3 GW ... that 6.7 GW": the figures added up
            meant = max(earlier, key=lambda q: (_digits_shared(q, later), -abs(q.value - later.value), q.start))
            yield self.finding(
                doc.doc, f"'{pointer.group(1)} {later.text}' points back to a figure given before, but no earlier "
                         f"figure in {later.unit} allows it; the closest is {_as_written(doc, meant)}",
                [meant.span, later.span], severity="warning",
                basis="a demonstrative ('that', 'this') points back to a figure, but which earlier figure it means "
                      "is inferred (most digits shared)")

    def check_across(self, ctx):
        elsewhere = ctx.relations.words_re("not_same_fact")
        yield from self._across(ctx, elsewhere)

    def _conflict(self, doc: Document, a: Quantity, b: Quantity, other_doc: str | None = None):
        disputed = not links.sources_agree(a, b, doc)
        where = f" in {other_doc}" if other_doc else ""
        message = (f"{_as_written(doc if not other_doc else None, a)}{where} and later "
                   f"{_as_written(doc, b)} for {the_same(b)}: the two cannot both hold")
        if disputed:
            return self.finding(doc.doc, f"disputed: {a.source} gives {a.text}, {b.source} gives {b.text}",
                                [a.span, b.span], severity="info", name="disputed")
        return self.finding(doc.doc, message, [a.span, b.span] if not other_doc else [b.span])

    def _across(self, ctx, elsewhere):
        """The same fact (subject, event, actor, period all named) in two documents of the run."""
        seen: dict[tuple, tuple[Document, Quantity]] = {}
        for doc in ctx.documents:
            for q in doc.quantities:
                if q.is_range or not (q.subject and q.event and q.actor and q.time) or elsewhere.search(doc.before(q, 40)):
                    continue
                key = (q.subject, q.event, q.actor, links.period(q), q.unit)
                if key in seen and seen[key][0] is not doc:
                    other_doc, other = seen[key]
                    if not _compatible(doc, other, q, ctx, other_doc):
                        yield self._conflict(doc, other, q, other_doc.doc)
                seen.setdefault(key, (doc, q))


_HEDGED = lexicon_pattern(r"(?:\b(?:(?&HEDGE)|the|all(?: the)?)\s+)+$", re.I)


def _as_written(doc: Document | None, q: Quantity) -> str:
    """The number with the hedge written before it: 'more than 81,000', 'the 79,500'."""
    if doc is None:
        return repr(q.text)
    m = _HEDGED.search(doc.before(q, 25))
    return repr((m.group() if m else "") + q.text)


def _refers_to_another(doc: Document, later: Quantity, ctx) -> bool:
    """Does 'the N' point back to another group the text has named: the same number said earlier of anything
    ('$4.8 billion sale ... the $4.8 billion'), an earlier N of the same things ('the five companies join nine
    others ... the nine'), or the groups it adds up ('five ... nine ... All 14')?
    The nearest earlier number of the same things is then another group, not the same fact restated."""
    if later.value is None:
        return False
    earlier = [q for q in doc.earlier_with_unit(later) if q.unit == later.unit and q.value is not None and not q.is_range]
    if any(q.value == later.value for q in earlier):
        return True  # "Yahoo's $4.8 billion sale ... the $4.8 billion will be paid": the very number said before
    groups = [q for q in earlier if _same_thing(q, later, ctx)]
    if any(_compatible(doc, q, later, ctx) for q in groups):
        return True
    values = [q.value for q in groups]
    return any(a + b == later.value for i, a in enumerate(values) for b in values[i + 1:])


def _earlier_statement(doc: Document, later: Quantity, ctx, elsewhere) -> Quantity | None:
    """The nearest earlier number stating the same fact: same unit, a subject the text names for it,
    a compatible event and period, and not a forecast, record or past value."""
    for q in doc.earlier_with_unit(later):
        if q.unit != later.unit or q.restates is not None or q.is_range and later.value is None:
            continue
        if not _same_thing(q, later, ctx) or not _names_subject(doc, q) or links.is_label(doc, q) != links.is_label(doc, later) \
                or links.compound_head(doc, q) != links.compound_head(doc, later):
            continue  # a compound restates only a compound of the same thing ("a 12-member crew" ... "the 14-member
            # crew"), never a plain count ("2 separate moves" ... "the 50-move rule" names a kind of rule)
        if later.event and q.event != later.event and (q.event or q.subject != later.subject):
            continue  # "the 31 people killed" restates a killing, not "214 people treated in hospitals"
        if not links.same_period(q, later) or elsewhere.search(doc.before(q, 30)):
            continue
        return q
    return None


# "the 116 needed for a majority": a threshold, not a restated fact
# "surpassing the €1.2 million it levied in 2022": a number compared with, not restated
_COMPARED = re.compile(r"\b(?:surpassing|surpassed|exceeding|topping|beating|than|versus|vs\.?|compared\s+(?:with|to)|"
                       r"against|over)\s+(?:the\s+|a\s+|its\s+)?$", re.I)
_THRESHOLD = re.compile(r"\s+(?:[a-z]+\s+)?(?:needed|required|necessary|for\s+a\s+majority)\b", re.I)
_PEOPLE_COUNTS = {"death", "person", "body", "fatality", "victim", "casualty"}


def _same_thing(a: Quantity, b: Quantity, ctx) -> bool:
    """Same subject; or, for the same event, 'the 27 deaths' restating 'at least 31 miners killed' —
    but not a subset ('two children' among 'the 14 people killed')."""
    if ctx.relations.same_subject(a.subject, b.subject):
        return True
    if ctx.relations.subject_within(a.subject, b.subject) or ctx.relations.subject_within(b.subject, a.subject):
        return False
    # killings and injuries count people, whatever noun names them ("31 miners" ... "the 27 deaths")
    return bool(a.event and a.event == b.event and a.event in ("killed", "injured", "casualties")
                and (a.subject in _PEOPLE_COUNTS or b.subject in _PEOPLE_COUNTS))


def _names_subject(doc: Document, q: Quantity) -> bool:
    """Is the subject written next to the number (not carried over from another one)?"""
    after = doc.after(q, 50).lower()
    if q.subject and q.subject.lower()[:4] in after:
        return True
    counted_as = [n for n, s in doc.vocab.subjects["count_nouns"].items() if s == q.subject]
    if any(re.search(rf"\b{re.escape(n)}\s+of\b", doc.before(q, 40).lower()) for n in counted_as):
        return True  # "a crowd of more than 81,000" counts spectators
    if q.unit != "count" or doc.text[q.end:q.end + 1] == "-":
        return True  # money and measures name their subject around them, or it is glued on
    words = {w for w, s in doc.vocab.synonyms.items() if s == q.subject}
    return any(re.search(rf"\b{re.escape(w)}\b", after) for w in words)


_SINCE = re.compile(r"\bsince\s+([^,.;:—–()\d]{3,80})")
_FUNCTION_WORDS = frozenset("the a an his her their its of in on at to mr mrs ms mayor president".split())
_THE_NUMBER_OF = re.compile(r"\bthe\s+(?:number|total|count)\s+of\s+([a-z]+?)s?\b[^.;:]{0,40}$", re.I)


def _since_event(doc: Document, q: Quantity) -> tuple[frozenset, str]:
    """The content words of the 'since ...' phrase of q's sentence (the event a running total counts from),
    and the phrase."""
    sent = doc.sentence_of(q)
    found = _SINCE.findall(doc.text, sent.start, sent.end)
    if len(found) != 1:
        return frozenset(), ""
    return frozenset(w for w in re.findall(r"[a-z'’]+", found[0].lower()) if w not in _FUNCTION_WORDS), found[0]


def _counted_noun(doc: Document, q: Quantity) -> str | None:
    """q's subject, or the noun of 'the number of potholes ... — 1,886,300 —' before it."""
    if q.subject:
        return q.subject
    m = _THE_NUMBER_OF.search(doc.before(q, 80))
    return doc.vocab.synonyms.get(m.group(1).lower(), m.group(1).lower()) if m else None


def _participles(doc: Document, q: Quantity) -> frozenset:
    """The -ed verbs of q's sentence outside its 'since' phrase ('filled', 'compiled')."""
    sent = doc.sentence_of(q)
    text = _SINCE.sub(" ", doc.text[sent.start:sent.end]).lower()
    return frozenset(re.findall(r"\b[a-z]{3,}ed\b", text))


def _digits_shared(a: Quantity, b: Quantity) -> float:
    """How much of their written digits two figures share, in order ('8.69' and '6.89': 0.67)."""
    da, db = re.sub(r"\D", "", a.text), re.sub(r"\D", "", b.text)
    return difflib.SequenceMatcher(None, da, db).ratio() if da and db else 0.0


def _compatible(doc: Document, a: Quantity, b: Quantity, ctx, a_doc: Document | None = None,
                with_rounding: bool = False) -> bool:
    a_lo, a_hi = interval(a_doc or doc, a, ctx.hedges, with_rounding)
    b_lo, b_hi = interval(doc, b, ctx.hedges, with_rounding)
    return a_lo <= b_hi and b_lo <= a_hi
