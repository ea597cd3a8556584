"""NC110 count-mismatch: a stated count of items disagrees with the items listed."""
from __future__ import annotations

import re

from checker.lexicon import lexicon_pattern
from checker.report import Span
from checker.rules import list_counts
from checker.rules.base import Rule, register
from checker.rules.facts import interval
from checker.wording import plural

# "four strategic objectives following the summit: a, b, c and d", "three regions — a, b and c —",
# "a four-point plan covering a, b and c"
# "two launches, one each for the ascent module, the descent module and the transfer stage": one per item;
# "the only three states - Egypt and Jordan -": a spaced hyphen is a dash where copy has no dash key
_LIST_OPENER = re.compile(
    r"(?P<np>(?:-[a-z]+)?(?:\s+[\w'’-]+){0,12}?)\s*(?P<delim>:|\s[—–]|\s-(?=\s)|\s(?:covering|namely|consisting\s+of|comprising)|"
    r"\s\(|,\s+one\s+(?:each\s+)?(?:for|to|in|on|at|per)\s+(?:each\s+(?:of\s+)?)?)\s*")
_MAX_ITEM = 90
_NUMBERED = lexicon_pattern(r"(?:about\s+|some\s+|another\s+)?(?:\d|(?:(?&NUMBER_WORD:1-12)|[a-z]+teen|"
                            r"(?&NUMBER_WORD:20-50)|a\s+dozen)\b)", re.I)
# "KYIV —", "PALU, Indonesia —", "GENEVA, March 14 (Reuters) —"
_DATELINE = re.compile(r"^[A-Z][A-Z'’.-]+\b[^—–\n]{0,50}?\s[—–]\s")


@register
class CountMismatch(Rule):
    """A stated count of items that disagrees with the items listed: "three priorities" followed by four.

    What it flags
        A small number followed by its noun and a list introduced by a colon,
        a dash, a bracket, "covering" or "namely" ("five groups: A, B, C and D",
        "five countries (A, B, C and D)"), when the
        list has a different number of items; "N things, one each for A, B
        and C" lists one item per thing, and a spaced hyphen is a dash. A
        hedged count allows what its hedge allows ("as many as two" is too
        few for three items); an open count ("more than 20 vehicles") is
        never listed in full, so it is not checked. Lists introduced by
        "including" are partial by design and are not counted, nor are
        clauses in brackets or after a colon, nor a number with no counted
        noun before its list.

    Why it matters
        Lists are edited after the count is written: an item is cut or added
        and the number stays. Readers notice, and it suggests the list itself
        is unreliable.

    Flagged
        Power was cut in four provinces — Isabela, Cagayan and Aurora — overnight.

    Consistent
        Healy outlined four objectives: a safe sky, a secure sea, peace on land, and a strong military.
    """

    code = "NC110"
    name = "count-mismatch"
    kind = "count-mismatch"
    severity = "error"
    proof = {
        "error": "the count's noun introduces the list (a colon, a dash, a bracket, 'namely')",
    }

    def check(self, ctx):
        for doc in ctx.documents:
            for o in list_counts.including_overflows(doc):
                yield self.finding(doc.doc, f"{_counted(o.count)}, but a list of them 'including' names {o.listed}: "
                                            "a partial list cannot name more than its count",
                                   [o.count.span, *o.spans],
                                   basis="an 'including' list names more members than the count it belongs to")
            for o in list_counts.numbered_lists(doc):
                yield self.finding(doc.doc, f"{_counted(o.count)} announced, but the numbered list that follows "
                                            f"has {o.listed} items", [o.count.span, *o.spans],
                                   severity="warning",
                                   basis="the numbered list opens the paragraph after the count: read as its list")
            for q in doc.quantities:
                if q.unit != "count" or q.value is None or not 2 <= q.value <= 20 or not q.value.is_integer():
                    continue
                sent = doc.sentence_of(q)
                opener = _LIST_OPENER.match(doc.text, q.end, sent.end)
                if not opener or re.search(r"\d|[,;(]", opener.group("np")):
                    continue
                if not opener.group("np").strip():
                    continue  # "7 - Number of linguists fired", "post 18 (degrees or ...)": no counted noun before the list
                if q.qualifier in ("at_least", "more_than"):
                    continue  # "over 15 vehicles (cars, RVs and boats)": an open count is never listed in full
                prefix = _DATELINE.sub("", doc.text[sent.start:q.start])
                if opener.group("delim").strip() in ("—", "–", "-") and len(re.findall(r"\s[—–-]\s", prefix)) % 2:
                    continue  # the dash closes an aside the number sits in: "— 48 passengers and two drivers —"
                close = doc.text.find(")", opener.end(), sent.end) if opener.group("delim").strip() == "(" else -1
                if opener.group("delim").strip() == "(" and (close < 0 or re.search(r"\b[A-Z]{2,}s?\s*$", opener.group("np"))):
                    continue  # (an acronym's brackets spell it out: "FIRE (financial independence, retire early)")
                items, span = list_counts.list_items(doc.text, opener.end(), close if close >= 0 else sent.end)
                lo, hi = interval(doc, q, ctx.hedges)
                if len(items) < 2 or any(len(i) > _MAX_ITEM for i in items) or lo <= len(items) <= hi:
                    continue  # "as many as two launches, one each for" three items is too many; "at least" two is not
                if _not_an_enumeration(doc.text[opener.end():span.end], items):
                    continue
                if sum(bool(_NUMBERED.match(i)) for i in items) * 2 >= len(items):
                    continue  # "11 medals — four gold, five silver and three bronze": a breakdown (NC103)
                yield self.finding(
                    doc.doc, f"{q.text}{opener.group('np')} announced, but {len(items)} are listed: "
                             + "; ".join(items), [q.span, span])


def _counted(q) -> str:
    return f"{q.text} {plural(q.subject)}" if q.subject and q.subject.lower() not in q.text.lower() else q.text


# a subject pronoun or a subordinating word opens a clause, not an item: "(when I found out that two of them ...)"
_CLAUSE_START = re.compile(r"(?:I|we|you|he|she|it|they|there|when|while|because|although|though|if|unless|"
                           r"whereas|after|before|until|that|which|who)\b(?!-)", re.I)


def _not_an_enumeration(body: str, items: list[str]) -> bool:
    """Prose after a colon, not a list of the counted things: a quotation ('”, said the CEO'), clauses
    ('she had taken eight', 'we've consumed ...'), or a span of kinds ('from monitors to ventilators')."""
    return (bool(re.search(r'["“”]', body)) or re.match(r"\s*from\s", body, re.I) is not None
            or any(_CLAUSE_START.match(i) for i in items))
