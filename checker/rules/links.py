"""Links between quantities that the part/whole rules share: 'X of Y', breakdowns, event families."""
from __future__ import annotations

import re
import functools
from dataclasses import dataclass, replace

from checker.lexicon import lexicon_pattern
from checker.report import Span
from checker.rules.facts import Document, Quantity, Relations


def _once_per_document(find):
    """find(doc, relations), worked out once per document and relations: several rules ask for the
    same links (the event families, for one, are asked for by three). Callers get their own list."""
    @functools.wraps(find)
    def cached(doc: Document, relations: Relations) -> list:
        kept = doc.memo.get(find.__name__)
        if kept is None or kept[0] is not relations:
            kept = doc.memo[find.__name__] = (relations, find(doc, relations))
        return list(kept[1])
    return cached

# "16 of the 52", "118,000 people voted yes out of 112,500", "11 of the country's 41 counties"
# (no preposition before the "of": in "a loss of $305 million on revenue of $167 million" the revenue is the
# value of its own noun, not the whole the loss is part of)
_OF_BETWEEN = lexicon_pattern(
    # "10 days instead of 2 days", "3 stars rather than 1": a compound preposition ending in "of" is no partitive
    r"^\s*(?:(?!(?:on|in|at|for|from|with|by|to|against|over|under|versus|instead|place|because|ahead|short|excess|"
    r"front|top|regardless|outside|inside|spite|terms|view|lieu)\s)[A-Za-z'’-]+\s+){0,4}?"
    # "14 of the 19", "six finalists, selected from 40": the whole the part is taken from
    r"(?:of|out\s+of|(?:[A-Za-z'’-]+,\s+)?(?:selected|chosen|picked|drawn)\s+from)\s+"
    r"(?:the\s+|its\s+|their\s+|all\s+)?(?:[\w-]+['’]s?\s+){0,2}?"
    r"(?:(?:only|(?&HEDGE))\s+)?$", re.I)
# "14,000 of those troops", "Eleven children were among those hurt"
_OF_THOSE = re.compile(r"^\s*(?:of|among)\s+(?:those|them|these|whom)\b", re.I)
_OPENS_WITH_THOSE = re.compile(r"^\W*(?:of|among)\s+(?:those|them|these|whom)\b[^,]{0,30},\s*$", re.I)
_OF_THE_NOUN = re.compile(r"^\s+of\s+the\s+(?:[a-z-]+\s+){0,2}?([a-z]+s)\b", re.I)
_AMONG_AFTER = re.compile(r"^\s*(?:[\w'’-]+\s+){0,2}?(?:were|was|are)\s+among\s+(?:those|the)\b", re.I)


@dataclass
class Breakdown:
    """A whole and the parts a text splits it into; `complete` when the text says the parts are all of it."""
    whole: Quantity
    parts: list[Quantity]
    complete: bool
    why: str
    # complete only because the list follows a colon: nothing but the layout says no part is left out
    by_layout: bool = False


def comparable(a: Quantity, b: Quantity) -> bool:
    """Same kind of number: counts with counts, euros with euros, km² with km²."""
    return a.unit == b.unit and a.unit not in ("percent", "fraction", "point")


def sources_agree(a: Quantity, b: Quantity, doc: Document | None = None) -> bool:
    """Two numbers come from one side unless their sources name different parties (Russia vs Ukraine)."""
    if not a.source or not b.source or a.source == b.source or a.sentence == b.sentence or doc is None:
        return True
    pa, pb = _party_of(doc, a.source), _party_of(doc, b.source)
    return pa is None or pb is None or pa == pb


def _party_of(doc: Document, source: str) -> str | None:
    m = doc.vocab.actor_re.search(source)
    return doc.vocab.actor_of_word[m.group()] if m else None


@_once_per_document
def of_pairs(doc: Document, relations: Relations) -> list[tuple[Quantity, Quantity]]:
    """(part, whole) pairs written as 'P of (the) W' or 'P out of W' within one sentence."""
    pairs = []
    for i, p in enumerate(doc.quantities):
        for w in doc.quantities[i + 1:i + 4]:  # the whole follows closely: "14 of the 19 municipalities"
            if w.sentence != p.sentence:
                break
            if comparable(p, w) and _OF_BETWEEN.match(doc.between(p, w)):
                if _related(p, w, relations):
                    pairs.append((p, w))
                elif _names_no_noun(doc, w):
                    pairs.append((p, replace(w, subject=p.subject)))
                break
    return pairs


# "selected from eight that submitted proposals", "14 of the 20 who applied": the whole's noun is left out and
# is the part's ("eight [companies] that submitted"); the noun the extractor finds later in the clause is
# another thing (the proposals)
_RELATIVE_AFTER = re.compile(r"^\s+(?:that|who|which|whom)\b", re.I)


def _names_no_noun(doc: Document, w: Quantity) -> bool:
    return w.unit == "count" and bool(_RELATIVE_AFTER.match(doc.text[w.end:w.end + 10]))


def another_group_beside(earlier: Quantity, later: Quantity) -> bool:
    """Two counts of one thing in one sentence are two groups, not a fact said twice: "the five companies
    had been selected to join the nine companies" (a fact is restated in a later sentence, not beside itself;
    a bracketed restatement is read as such by extraction)."""
    return earlier.sentence == later.sentence and earlier.restates is None and later.restates is None


def _related(p: Quantity, w: Quantity, relations: Relations) -> bool:
    """Counts must count related things; money and measures may be split by any category."""
    return p.unit != "count" or relations.related_subjects(p.subject, w.subject)


def antecedent(doc: Document, q: Quantity, relations: Relations, event: str | None = None) -> Quantity | None:
    """What a 'those'/'them' before q refers to. Of the plausible earlier numbers (same unit, the same
    event when one is named, within two sentences) the largest is taken: the reading least likely to
    make a part exceed its whole, so a finding is only raised when every reading is a contradiction.
    The part's own subject is not trusted here: a number like '412 of them' names none of its own."""
    cands = [c for c in doc.near(q, 2) if c.start < q.start and q.sentence - c.sentence <= 2
             and comparable(c, q) and (not event or c.event == event) and c.number > 1]
    return max(cands, key=lambda c: c.number) if cands else None  # "them" is never one thing ("One minister")


def anaphoric_parts(doc: Document, relations: Relations) -> list[tuple[Quantity, Quantity]]:
    """(part, whole) for '14,000 of those troops', 'Eleven children were among those hurt',
    'Of those evacuated, 4,100 were ...' and '51,730 of the valid votes' (votes counted before)."""
    pairs = []
    for q in doc.quantities:
        after = doc.after(q, 60)
        sent = doc.sentence_of(q)
        if _OF_THOSE.match(after) or _OPENS_WITH_THOSE.match(doc.text[sent.start:q.start]):
            whole = antecedent(doc, q, relations)
        elif _AMONG_AFTER.match(after):
            whole = antecedent(doc, q, relations, event=q.event) if q.event else None
        elif _OF_THE_NOUN.match(after) and not re.match(r"\s+of\s+the\s+[^,.;]{0,30}\d", after):
            noun = _OF_THE_NOUN.match(after).group(1)
            whole = _named_antecedent(doc, q, relations, noun)
        else:
            continue
        if whole is not None:
            pairs.append((q, whole))
    return pairs


# "46 people visited my profile last week, but only 16 had come from the picture": a count with its noun left
# out ("16 [people] had come") after "but only" counts some of the count before it in the sentence
_BUT_ONLY = lexicon_pattern(r"\bbut\s+only\s+(?:(?&HEDGE)\s+)?$", re.I)
_VERB_NEXT = re.compile(r"^\s+(?:had|have|has|were|was|are|is|did|do|does|could|would|will|can|came|went|got|"
                        r"made|managed|remain(?:ed|s)?|[a-z]+ed)\b", re.I)


# "Of the 40 nurses surveyed, 45 said ...": a sentence that opens on its whole, then a count of some of it
_OF_THE_OPENING = lexicon_pattern(r"^\W*of\s+(?:the|its|their|all\s+the)\s+(?:(?&HEDGE)\s+)?$", re.I)
_THEN_PART = lexicon_pattern(r"^[^,;:.()\[\]—–\d]{1,60},\s*(?:(?:(?&HEDGE)|only|just)\s+)?$", re.I)


def opening_of_the(doc: Document, relations: Relations) -> list[tuple[Quantity, Quantity]]:
    """(part, whole) for "Of the 40 nurses surveyed, 45 said they were overworked"."""
    pairs = []
    for sent in doc.sentences:
        qs = doc.in_sentence(sent.index)
        if len(qs) < 2 or not _OF_THE_OPENING.match(doc.text[sent.start:qs[0].start]):
            continue
        whole, part = qs[0], qs[1]
        if comparable(whole, part) and not whole.is_range and _THEN_PART.match(doc.between(whole, part)) \
                and _related(part, whole, relations):
            pairs.append((part, whole))
    return pairs


def only_parts(doc: Document, relations: Relations) -> list[tuple[Quantity, Quantity]]:
    """(part, whole) for "N people did X, but only M did Y": M, with no noun of its own, counts some of the nearest
    earlier comparable count of the sentence (the people who did X, or a stage they reached)."""
    pairs = []
    for q in doc.quantities:
        if q.is_range or not _BUT_ONLY.search(doc.before(q, 30)) or not _VERB_NEXT.match(doc.after(q, 20)):
            continue
        earlier = [w for w in doc.in_sentence(q.sentence) if w.end <= q.start and comparable(w, q) and not w.is_range]
        if earlier:
            pairs.append((q, earlier[-1]))
    return pairs


def _named_antecedent(doc: Document, q: Quantity, relations: Relations, noun: str) -> Quantity | None:
    """'51,730 of the valid votes': an earlier count of that noun (votes, ballots), in the sentences before."""
    lemma = doc.vocab.synonyms.get(noun.lower(), noun.lower().rstrip("s"))
    cands = [c for c in doc.near(q, 3) if c.sentence < q.sentence and q.sentence - c.sentence <= 3
             and comparable(c, q) and c.subject and relations.same_subject(c.subject, lemma)
             and sources_agree(c, q, doc)]
    return max(cands, key=lambda c: c.number) if cands else None  # "the missiles": the whole set


@_once_per_document
def event_families(doc: Document, relations: Relations) -> list[tuple[Quantity, list[Quantity]]]:
    """Each whole with an event that has parts (launched: downed, lost, hit) and its parts in the text.

    Parts must count the same thing (or a subset), come from the same source, and
    not belong to another party ("37 Ukrainian drones" is not part of "126
    drones" Russia launched). Of several numbers for one part-event the largest
    stands for it (a later "two drones struck a block" is among the "seven hit").
    """
    families = []
    for whole in doc.quantities:
        kinds = relations.parts_of(whole.event)
        if not kinds or whole.is_range or _smaller_than_a_twin(doc, whole, relations):
            continue
        best: dict[str, Quantity] = {}
        for p in doc.near(whole, 4, 4):
            if p is whole or p.event not in kinds or not comparable(p, whole) or p.is_range:
                continue
            if not (relations.subject_within(p.subject, whole.subject) or relations.same_subject(p.subject, whole.subject)):
                continue
            if not sources_agree(p, whole, doc) or abs(p.sentence - whole.sentence) > 4:
                continue
            if not same_period(p, whole):
                continue
            if _other_party(doc, p, whole):
                continue
            if p.event not in best or p.number > best[p.event].number:
                best[p.event] = p
        if best:
            families.append((whole, sorted(best.values(), key=lambda q: q.start)))
    return families


def _other_party(doc: Document, p: Quantity, whole: Quantity) -> bool:
    """Does the part name an owner that differs from the whole's actor ('37 Ukrainian drones')?"""
    phrase = doc.after(p, 40)
    owner = doc.vocab.actor_re.match(phrase.lstrip()) if phrase else None
    if owner is None:
        m = re.match(r"\s*(?:[a-z-]+\s+)?([A-Z][\w'’-]+)", phrase)
        owner = doc.vocab.actor_re.fullmatch(m.group(1)) if m else None
    if owner is None:
        return False
    party = doc.vocab.actor_of_word[owner.group()]
    return bool(whole.actor) and party != whole.actor


def _smaller_than_a_twin(doc: Document, whole: Quantity, relations: Relations) -> bool:
    """'48 missiles, including four Kinzhals': of several wholes for one event and thing, the largest counts."""
    for o in _largest_first(doc, whole.event, whole.unit):
        if o.number <= whole.number:
            return False  # the rest are no larger
        if (o is not whole and comparable(o, whole) and relations.related_subjects(o.subject, whole.subject)
                and sources_agree(o, whole, doc) and same_period(o, whole)):
            return True
    return False


def _largest_first(doc: Document, event: str | None, unit: str) -> list[Quantity]:
    """The document's quantities of one event and unit, largest first (kept: every whole asks), so a
    whole reads only the numbers larger than itself, not all of them: a long war log has thousands."""
    key = ("largest first", event, unit)
    if key not in doc.memo:
        doc.memo[key] = sorted((q for q in doc.with_event(event) if q.unit == unit), key=lambda q: -q.number)
    return doc.memo[key]


_PERIODS = (
    ("day", re.compile(r"overnight|past day|previous day|24 hours|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                       r"per day|a day|each day|daily|yesterday|today", re.I)),
    ("since", re.compile(r"^since\b", re.I)),
    ("year", re.compile(r"\byear\b|\bin (?:19|20)\d\d", re.I)),
    ("month", re.compile(r"\bmonth\b|^in (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)),
    ("week", re.compile(r"\bweek\b", re.I)),
)


def period(q: Quantity) -> str | None:
    """The kind of period a quantity's time refers to (day, since, year, month, week), if any."""
    if not q.time:
        return None
    return next((name for name, rx in _PERIODS if rx.search(q.time)), None)


def same_period(a: Quantity, b: Quantity) -> bool:
    pa, pb = period(a), period(b)
    if pa is None or pb is None:
        return True
    return pa == pb and (pa != "since" or a.time.lower() == b.time.lower())


# "a six-member crew, including four cosmonauts, two astronauts and one European", "killed 9 people, among
# them 12 children": parts named right after their whole, tied to it by the syntax whatever they are called
_NAMED_PARTS_OPENER = lexicon_pattern(
    r"^\s*[^,;:.()\[\]—–\d]{0,60}?,\s*(?:including|among\s+(?:them|whom|those|these)|of\s+(?:whom|which)|"
    r"such\s+as)\s+(?:(?:(?&HEDGE)|all|only)\s+)?$", re.I)
_NEXT_PART = lexicon_pattern(r"^[^,;:.()\[\]—–\d]{0,50}?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?&HEDGE)\s+)?$", re.I)


# "killed 12 people, eight of them passengers and five crew members": the first part says whose part it is
_PART_OF_THEM = lexicon_pattern(r"^\s*[^,;:.()\[\]—–\d]{0,60}?,\s*(?:(?&HEDGE)\s+)?$", re.I)
_OF_THEM_AFTER = re.compile(r"^\s+of\s+(?:them|whom|which|those|these)\b", re.I)


@_once_per_document
def named_parts(doc: Document, relations: Relations) -> list[tuple[Quantity, list[Quantity]]]:
    """(whole, parts) where the parts are listed right after the whole, behind 'including', 'among them',
    'of whom' or 'such as', or as 'N of them ...', in one sentence: partial lists, so the parts may fall short
    but not exceed it."""
    out = []
    for sent in doc.sentences:
        qs = [q for q in doc.in_sentence(sent.index) if q.value is not None and not q.is_range]
        for i, whole in enumerate(qs[:-1]):
            first = qs[i + 1]
            if not comparable(whole, first) or not (_NAMED_PARTS_OPENER.match(doc.between(whole, first)) or
                                                    _PART_OF_THEM.match(doc.between(whole, first))
                                                    and _OF_THEM_AFTER.match(doc.after(first, 20))):
                continue
            out.append((whole, _run_of_parts(doc, whole, first, qs[i + 2:], _NEXT_PART)))
    return out


def _run_of_parts(doc: Document, whole: Quantity, first: Quantity, later: list[Quantity],
                  gap: re.Pattern) -> list[Quantity]:
    """first and the quantities after it, for as long as each is comparable with whole and the text since the
    part before it matches gap (", ", " and "): the items of one list."""
    parts = [first]
    for q in later:
        if not comparable(q, whole) or not gap.match(doc.between(parts[-1], q)):
            break
        parts.append(q)
    return parts


@functools.lru_cache(maxsize=8)
def _opener_re(openers: tuple[str, ...]) -> re.Pattern:
    alts = [re.escape(o) for o in sorted(openers, key=len, reverse=True)]
    return re.compile(r"^\W*(?:" + "|".join(alts) + r")\b", re.I)


@_once_per_document
def breakdowns(doc: Document, relations: Relations) -> list[Breakdown]:
    """Wholes and the lists of parts the text splits them into."""
    out: list[Breakdown] = []
    opener_re = _opener_re(tuple(relations.words("breakdown_openers")))
    cues = relations.words("completeness_cues")
    cue_re = relations.words_re("completeness_cues") if doc.may_say(cues) else None  # else none in any sentence
    for sent in doc.sentences:
        qs = doc.in_sentence(sent.index)
        if len(qs) < 2:
            continue
        stext = doc.text[sent.start:sent.end]
        cue = cue_re.search(stext) if cue_re else None
        complete = bool(cue)
        opener = opener_re.match(stext)
        if opener and not opener.group().lower().strip(" ,").startswith("including"):
            out.extend(_opened(doc, relations, sent, qs, complete))
            continue
        dash = _dash_list(doc, qs)
        if dash:
            out.append(dash)
            continue
        if complete:
            out.extend(_cued(doc, relations, sent, qs, cue))
            continue
        colon = _colon_list(doc, relations, sent, qs) or _added_to_existing(doc, sent, qs) or _summed_list(doc, relations, qs)
        if colon:
            out.append(colon)
            continue
        shared = _shared_out(doc, relations, sent, qs)
        if shared:
            out.append(shared)
    return out


# "four sales this week: two to Biman and three to Ghana": a count, a colon within a few words of it (no number
# between), then a list whose every item opens with a number of the same kind; the list is the whole unpacked
_TO_COLON = re.compile(r"^[^,;:.()\[\]—–]{1,60}:\s*$")  # digits of a name may stand between ("787 sales")
_COLON_ITEM_GAP = lexicon_pattern(r"^[^\d,;:.()\[\]—–]{0,50}?(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?&HEDGE)\s+)?$", re.I)


# "two to Biman": a list item whose number is followed by a preposition counts the whole's noun, left out
_ELIDED_ITEM = re.compile(r"^\s+(?:to|for|in|from|at|on|by|with|each|apiece)\b", re.I)


def _colon_list(doc, relations, sent, qs) -> Breakdown | None:
    """A count unpacked by the list after a colon ("four sales: two to A and three to B"): complete, since
    the list is offered as the whole; "among others", "including" or "such as" mark a partial one."""
    for i in range(len(qs) - 2):
        whole, first = qs[i], qs[i + 1]
        if whole.is_range or not comparable(whole, first) or not _TO_COLON.match(doc.between(whole, first)):
            continue
        parts = _run_of_parts(doc, whole, first, qs[i + 2:], _COLON_ITEM_GAP)
        rest = doc.text[parts[-1].end:sent.end]
        if len(parts) < 2 or any(p.is_range for p in parts) or \
                not all(_related(p, whole, relations) or _ELIDED_ITEM.match(doc.after(p, 10)) for p in parts):
            return None
        if re.search(r"\d|\b(?:and|or)\s+(?:others?|more)\b|\bamong\s+others\b|\betc\b|\bincluding\b|\bsuch\s+as\b",
                     rest, re.I):
            return None  # more numbers after the list, or a list that says it is partial
        return Breakdown(whole, parts, True, "a count unpacked by the list after a colon", by_layout=True)
    return None


# "The five companies join nine others selected last year, bringing the total to 14 firms": a new group joins
# an existing one and the sentence states their total, so the total is the two added up
_TOTAL_BEFORE = re.compile(r"\b(?:bring(?:s|ing)?|brought|tak(?:es|ing)|took|rais(?:es|ing)|raised)\s+(?:the|its|their)\s+"
                           r"(?:total|tally|count|number)\b[^;:()\d]{0,60}?\bto\s+$|\bfor\s+a\s+(?:combined\s+)?total\s+of\s+$", re.I)
_JOINS = re.compile(r"\bjoin(?:s|ed|ing)?\s+(?:the\s+)?(?:(?:original|existing|earlier|previous)\s+)?$", re.I)
_ADDED_TO = re.compile(r"\b(?:in\s+addition\s+to|on\s+top\s+of|added\s+to|plus)\s+(?:the|its|their)\s+"
                       r"(?:original|existing|earlier|previous)\s+$", re.I)
_OTHERS_AFTER = re.compile(r"^\s+(?:others?|more)\b", re.I)


def _added_to_existing(doc, sent, qs) -> Breakdown | None:
    """A new group, the group it joins and their stated total in one sentence: "N join M others, bringing
    the total to T" or "N, on top of the original M, for a total of T". Only the group joined counts as the
    rest ("others", "the original"), so "two more died, bringing the toll to 40" is no breakdown."""
    for i, total in enumerate(qs):
        if i < 2 or total.is_range or not _TOTAL_BEFORE.search(doc.before(total, 120)):
            continue
        new, old = qs[i - 2], qs[i - 1]
        if not (comparable(new, old) and comparable(old, total)) or new.is_range or old.is_range:
            continue
        gap = doc.text[new.end:old.start]
        joined = (_JOINS.search(gap) and (_OTHERS_AFTER.match(doc.after(old, 10)) or re.search(r"original|existing|earlier|previous", gap, re.I))) \
            or _ADDED_TO.search(gap)
        if joined and re.fullmatch(r"[^;:]*", gap) and re.fullmatch(r"[^;:]*", doc.between(old, total)):
            return Breakdown(total, [new, old], True, "a group joining another, with the total stated")
    return None


# "120 cars and 30 trucks, a total of 150 vehicles", "12 men and 5 women, 17 people in all": a list, then the
# total that sums it up
_TOTAL_AFTER_LIST = lexicon_pattern(r"^\s*(?:,|—|–|-)?\s*(?:for\s+|or\s+)?(?:a\s+(?:combined\s+|grand\s+)?total\s+of|totall?ing)"
                                   r"\s+(?:(?&HEDGE)\s+)?$", re.I)
_IN_ALL_AFTER = re.compile(r"^\s*[a-z'’-]*\s*(?:[a-z'’-]+\s+)?(?:in\s+all|in\s+total|altogether|combined)\b", re.I)
_RUNNING = re.compile(r"\b(?:since|so\s+far|to\s+date|this\s+(?:year|season|month|week)|overall|previously|earlier)\b", re.I)


def _summed_list(doc, relations, qs) -> Breakdown | None:
    """Parts listed with 'and', then their total: "sold 120 cars and 30 trucks, a total of 150 vehicles",
    "12 men and 5 women, 17 people in all". A running total ("for a total of 40 so far", "since May") may
    hold parts the sentence does not list, so it is left alone."""
    for i, total in enumerate(qs):
        if i < 2 or total.is_range or total.value is None:
            continue
        gap = doc.text[qs[i - 1].end:total.start]
        if not (_TOTAL_AFTER_LIST.search(_after_item(gap)) or
                (re.fullmatch(r"\s*(?:,|—|–)\s*", _after_item(gap)) and _IN_ALL_AFTER.match(doc.after(total, 40)))):
            continue
        parts = [qs[i - 1]]
        for q in reversed(qs[:i - 1]):
            if not comparable(q, total) or not _NEXT_PART.match(doc.between(q, parts[0])):
                break
            parts.insert(0, q)
        if len(parts) < 2 or not all(comparable(p, total) and not p.is_range for p in parts):
            continue
        if not re.search(r"\band\b", doc.between(parts[-2], parts[-1])) or _RUNNING.search(doc.after(total, 60)):
            continue  # a list ends with "and"; a running total may count more than the list
        kinds = {p.subject for p in parts}
        if total.unit == "count" and len(kinds) == 1 and None not in kinds and \
                not relations.related_subjects(parts[0].subject, total.subject):
            continue  # "ten squadrons and sixteen squadrons, totalling 650 aircraft": a total of another thing
        return Breakdown(total, parts, True, "a list summed up by its total")
    return None


def _after_item(gap: str) -> str:
    """The gap between a list's last number and its total, without the last item's own words ('trucks')."""
    m = re.search(r"(?:,|—|–|\s-\s).*$", gap, re.S)
    return m.group() if m else gap


def _shared_out(doc, relations, sent, qs) -> Breakdown | None:
    """'a €2.4 billion budget ... schools will receive €1.1 billion, transport €900 million and
    housing €600 million': a list of sums in one sentence after a budget, fund or package."""
    money = [q for q in qs if q.unit not in ("count", "percent", "fraction", "point") and q.restates is None]
    if len(money) < 2 or not all(re.fullmatch(r"[^.;:\d]{1,50}", doc.between(a, b)) and
                                 re.search(r",|\band\b", doc.between(a, b)) for a, b in zip(money, money[1:])):
        return None
    budgets = {w.lower() for w in relations.words("budget_wholes")}
    wholes = [q for q in doc.near(money[0], 1) if q.end <= money[0].start and comparable(q, money[0])
              and sent.index - q.sentence <= 1 and (q.subject or "").lower() in budgets and q not in money]
    if not wholes:
        return None
    return Breakdown(wholes[-1], money, False, "sums shared out of a budget")


def _opened(doc, relations, sent, qs, complete) -> list[Breakdown]:
    """'Of the €1.5 billion, €950 million ..., €380 million ...' or 'Of those, 6,500 ... and 3,500 ...'."""
    head = doc.text[sent.start:qs[0].start]
    if re.search(r"^\W*of\s+the\s+\S*$", head.strip() + " ", re.I) or re.match(r"^\W*of\s+the\s*$", head, re.I):
        whole, parts = qs[0], [q for q in qs[1:] if comparable(q, qs[0])]
    else:
        parts = [q for q in qs if comparable(q, qs[0])]
        whole = _antecedent_whole(doc, parts, relations) if parts else None
    if whole is None or len(parts) < 2:
        return []
    complete = complete or any(re.search(r"\b(?:remaining|rest)\b", doc.before(p, 20), re.I) for p in parts)
    return [Breakdown(whole, parts, complete, "breakdown introduced by " + repr(doc.text[sent.start:sent.start + 12]))]


def _antecedent_whole(doc: Document, parts: list[Quantity], relations: Relations) -> Quantity | None:
    """The largest comparable quantity of the previous sentence: what 'those' refers to."""
    if not parts:
        return None
    first = parts[0]
    prev = [q for q in doc.in_sentence(first.sentence - 1) if comparable(q, first)]
    prev = [q for q in prev if q.number >= max(p.number for p in parts)] or prev
    return max(prev, key=lambda q: q.number) if prev else None


def _dash_list(doc: Document, qs: list[Quantity]) -> Breakdown | None:
    """'52 people — 48 passengers and two drivers —': an aside that lists the whole's parts."""
    for i, whole in enumerate(qs):
        m = re.match(r"\s*[\w'’ -]{0,60}?\s[—–]\s", doc.text[whole.end:whole.end + 70])
        if not m:
            continue
        parts = []
        for p in qs[i + 1:]:
            if not comparable(p, whole) or parts and re.search(r"\s[—–]\s|[.;]", doc.between(parts[-1], p)):
                break
            parts.append(p)
        if len(parts) >= 2:
            return Breakdown(whole, parts, True, "parts listed in a dash aside")
    return None


def _cued(doc, relations, sent, qs, cue: re.Match | None = None) -> list[Breakdown]:
    """'It is split between A, at $389 million, B, at $96 million...': parts after the cue (or a colon),
    whole before them in the sentence or earlier in the text."""
    stext = doc.text[sent.start:sent.end]
    colon = stext.find(":")
    after = max(colon, cue.end() if cue else -1)
    parts = [q for q in qs if q.start > sent.start + after] if after >= 0 else list(qs)
    parts = [p for p in parts if comparable(p, parts[0]) and p.restates is None] if parts else []
    if after < 0:
        parts = [p for p in parts if _related(p, parts[0], relations)]
    if len(parts) < 2:
        return []
    earlier_in_sentence = [q for q in qs if q.start < parts[0].start and comparable(q, parts[0])]
    if earlier_in_sentence and colon < 0:
        return [Breakdown(earlier_in_sentence[-1], parts, True, "completeness cue in the sentence")]
    whole = _referenced_whole(doc, sent, parts, relations)
    return [Breakdown(whole, parts, True, "completeness cue in the sentence")] if whole else []


def _referenced_whole(doc, sent, parts, relations) -> Quantity | None:
    """The whole a cue sentence refers back to: 'the deaths' (killed), 'The package', 'It'."""
    stext = doc.text[sent.start:parts[0].start].lower()
    events = doc.vocab.event_of_noun
    for noun, event in events.items():
        if re.search(rf"\b{noun}s?\b", stext):
            cands = [q for q in doc.with_event(event) if q.start < sent.start and comparable(q, parts[0])]
            if cands:
                return cands[0]
    earlier = [q for q in doc.in_sentence(sent.index - 1) + doc.in_sentence(sent.index)
               if q.start < sent.start and comparable(q, parts[0]) and sent.index - q.sentence <= 1]
    if not earlier:
        return None
    named = [q for q in earlier if q.subject and re.search(rf"\b{re.escape(q.subject)}\b", stext)]
    return (named or earlier)[-1] if named else earlier[-1]


def capacity_wholes(doc: Document) -> list[Quantity]:
    """Counts written as a container's size: '150-seat chamber', '460-member Sejm'."""
    return [q for q in doc.quantities if q.unit == "count" and doc.text[q.end:q.end + 1] == "-"
            and q.subject is not None]


def population_wholes(doc: Document, relations: Relations) -> list[Quantity]:
    """Counts that give the size of a whole population: 'home to 4,300 people'."""
    markers = tuple(m for m in relations.words("whole_markers") if m in ("home to", "population of", "with a population of"))
    return [q for q in doc.quantities if q.unit == "count" and doc.before(q, 30).lower().rstrip().endswith(markers)]


def is_population(doc: Document, q: Quantity, relations: Relations) -> bool:
    """Is q the size of a place's population: 'home to 4,300 people', 'a city of half a million people'?"""
    before = re.sub(r"\s+", " ", doc.before(q, 40).lower()).rstrip()
    places = "|".join(re.escape(w) for w in relations.words("population_places"))
    return q.unit == "count" and (before.endswith(("home to", "population of")) or
                                  (bool(places) and re.search(rf"\b(?:{places}) of(?: (?:about|some|nearly|almost|over|more than))?$", before) is not None))


def compound_head(doc: Document, q: Quantity) -> str | None:
    """The noun a count compound qualifies: 'crew' in 'a 12-member crew', 'rule' in 'the 50-move rule'."""
    m = re.match(r"-[a-z]+\s+([a-z]+)", doc.text[q.end:q.end + 40]) if q.unit == "count" else None
    return m.group(1).lower() if m else None


def is_label(doc: Document, q: Quantity) -> bool:
    """A number naming one thing rather than counting several: 'the 8 line', 'Bus 95' (a singular noun after a
    number above one), or a compound ('the 50-move rule', which names a kind of rule)."""
    if q.unit != "count" or q.value is None:
        return False
    if doc.text[q.end:q.end + 1] == "-":
        return True
    m = re.match(r"\s+([a-z]+)\b", doc.after(q, 30))
    return bool(m and q.value > 1 and q.subject and m.group(1) == q.subject and not q.subject.endswith("s")
                and q.subject not in doc.vocab.nonq["irregular_plurals"])


# --- How two numbers relate: the one question the rules that compare numbers ask ---
SAME, PART, WHOLE, STAGES, UNRELATED = "same fact", "part of", "whole of", "successive stages", "unrelated"


@_once_per_document
def part_pairs(doc: Document, relations: Relations) -> list[tuple[Quantity, Quantity]]:
    """(part, whole) pairs the text ties by syntax or by an event pair: "X of the Y", "X of those", "but only X",
    "killed 9, among them 12 children" (one part named after its whole), downed within launched, evacuated
    within a place's population. NC101 checks each; relation() reads them."""
    pairs = of_pairs(doc, relations) + anaphoric_parts(doc, relations) + only_parts(doc, relations) \
        + opening_of_the(doc, relations)
    pairs.extend((parts[0], whole) for whole, parts in named_parts(doc, relations) if len(parts) == 1)
    for whole, parts in event_families(doc, relations):
        pairs.extend((p, whole) for p in parts)
    events = set(relations.words("population_events"))
    for whole in population_wholes(doc, relations):
        pairs.extend((p, whole) for p in doc.near(whole, 0, 1)
                     if p.start > whole.end and p.sentence - whole.sentence <= 1 and comparable(p, whole)
                     and p.event in events and relations.subject_within(p.subject, whole.subject))
    return pairs


def stage(doc: Document, q: Quantity, relations: Relations) -> int | None:
    """Which of the successive stages of rules/relations.yaml q counts, by a stage word right around it ("eight
    that submitted proposals", "the five companies selected"); None when no stage word is near."""
    words = re.findall(r"[a-z]+", doc.before(q, 25).lower())[-3:] + re.findall(r"[a-z]+", doc.after(q, 50).lower())[:6]
    for i, group in enumerate(relations.data.get("successive_stages", [])):
        if any(w in group for w in words):
            return i
    return None


def relation(doc: Document, a: Quantity, b: Quantity, relations: Relations) -> str:
    """How b relates to a: PART or WHOLE (tied by syntax, a breakdown or an event pair), STAGES (counts at two
    stages of one selection), UNRELATED (not comparable, or two groups named in one sentence), or SAME when
    none of these holds and the two count one thing. Rules compare values only of the SAME."""
    if a.unit != b.unit:
        return UNRELATED
    ties = doc.memo.get("part ties")
    if ties is None or ties[0] is not relations:
        spans = {((p.start, p.end), (w.start, w.end)) for p, w in part_pairs(doc, relations)}
        for bd in breakdowns(doc, relations):
            spans.update(((p.start, p.end), (bd.whole.start, bd.whole.end)) for p in bd.parts)
        for whole, parts in named_parts(doc, relations):
            spans.update(((p.start, p.end), (whole.start, whole.end)) for p in parts)
        ties = doc.memo["part ties"] = (relations, spans)
    ka, kb = (a.start, a.end), (b.start, b.end)
    if (kb, ka) in ties[1]:
        return PART
    if (ka, kb) in ties[1]:
        return WHOLE
    pa, pb = is_population(doc, a, relations), is_population(doc, b, relations)
    if pa != pb:  # "up to 20,000 people took shelter" in "a city of half a million people"
        return WHOLE if pb else PART
    sa, sb = stage(doc, a, relations), stage(doc, b, relations)
    if sa is not None and sb is not None and sa != sb:
        return STAGES
    if another_group_beside(a, b):
        return UNRELATED
    return SAME if relations.related_subjects(a.subject, b.subject) else UNRELATED


# --- Win-loss records: not quantities (extraction sets them aside), read here from the text around them ---
_RECORD = r"(?<![\d.,-])(\d{1,3})-(\d{1,3})(?:-(\d{1,3}))?(?![\d%-]|[.,]\d)"
# a digit, a hyphen and a digit, in every record: a text without one has none, and is not scanned for them
# (written from the hyphen, which the pattern engine looks for quickly, a literal before anything else)
_DIGIT_DASH_DIGIT = re.compile(r"-(?<=\d-)\d")


@dataclass
class Record:
    """A team's record as written ('6-2-1'): its span and its numbers (wins, losses and draws, as ordered)."""
    span: Span
    values: tuple[int, ...]


def _record(doc: Document, m: re.Match, group: int) -> Record:
    nums = tuple(int(m.group(g)) for g in range(group, group + 3) if m.group(g) is not None)
    start, end = m.start(group), m.end(group + 2 if m.group(group + 2) is not None else group + 1)
    return Record(Span(start, end, doc.text[start:end]), nums)


def _standing(relations: Relations) -> str:
    words = sorted(relations.words("record_standing_words"), key=len, reverse=True)
    return r"(?:^|(?<=[\s(]))(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\s+"


def _count_word(doc: Document, word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return doc.vocab.lexicon["numbers"].get(word.lower())


@_once_per_document
def records_over_games(doc: Document, relations: Relations) -> list[tuple[Record, int, Span]]:
    """(record, n, span of n) for a standing over the last n games: "The Panthers are 6-2-1 in their past
    nine games". The record's numbers are the results of those games."""
    if not _DIGIT_DASH_DIGIT.search(doc.text):
        return []
    games = "|".join(re.escape(w) for w in relations.words("record_games"))
    rx = re.compile(_standing(relations) + _RECORD + r"\s+(?:in|over|across|during)\s+(?:their|its)\s+"
                    r"(?:past|last|previous|first|final|opening)\s+(\d{1,3}|[a-z]+)(?=\s+(?:" + games + r")\b|\s*[.,;]|$)",
                    re.I | re.M)
    out = []
    for m in rx.finditer(doc.text):
        n = _count_word(doc, m.group(4))
        if n is not None:
            out.append((_record(doc, m, 1), n, Span(m.start(4), m.end(4), m.group(4))))
    return out


@_once_per_document
def record_parts(doc: Document, relations: Relations) -> list[tuple[Record, Record]]:
    """(whole, part) for a record and one it includes: "At 4-7, including 2-6 in the AFC and 0-3 in the West"."""
    if not _DIGIT_DASH_DIGIT.search(doc.text):
        return []
    rx = re.compile(_standing(relations) + _RECORD + r",?\s+(?:including|with)\s+", re.I | re.M)
    part_rx = re.compile(_RECORD + r"\s+(?:in|against|on|at|away|vs\.?|versus|within)\b", re.I)
    next_rx = re.compile(r"[^\d;.]{1,40}?(?:,\s*(?:and\s+)?|\s+and\s+)$")  # "... in the AFC and " to the next
    out = []
    for m in rx.finditer(doc.text):
        whole = _record(doc, m, 1)
        at = m.end()
        while (p := part_rx.search(doc.text, at, at + 60)) and (p.start() == at or next_rx.fullmatch(doc.text, at, p.start())):
            out.append((whole, _record(doc, p, 1)))
            at = p.end()
    return out


def record_within(part: Record, whole: Record) -> bool:
    """Can the part be results among the whole's? Each number no larger than the whole's, read in the
    whole's order or, since writers do not agree on it, the reverse."""
    if len(part.values) != len(whole.values):
        return True
    fits = lambda order: all(p <= w for p, w in zip(part.values, order))  # noqa: E731
    return fits(whole.values) or fits(tuple(reversed(whole.values)))
