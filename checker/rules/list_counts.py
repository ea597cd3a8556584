"""Counts and the lists of their members: reading a list's items, an 'including' list longer than its count, a numbered list."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from checker.lexicon import lexicon_pattern
from checker.report import Span
from checker.rules.facts import Document, Quantity

# "in 13 countries, including A, B and C"; the next sentence "They include: A, B, C"
_INCLUDING = re.compile(r"(?:\s+[\w'’-]+){0,4}?,?\s+including\s+", re.I)
_THEY_INCLUDE = re.compile(r"\s*(?:They|These|Those)\s+include\s*:?\s+")
_ITEM_START = re.compile(r"(?:the\s+)?[A-Z]")
_NUMBER_START = lexicon_pattern(r"(?:\d|(?:(?&NUMBER_WORD)|a|an)\b)", re.I)
# a numbered item opening its paragraph: "1. Start small", "2) Keep notes"
_NUMBERED = re.compile(r"[ \t]*(\d{1,2})[.)][ \t]+\S")
_MAX_ITEM = 60
# where a list ends, and an attribution closing it (", the ministry said") that is no item
_LIST_END = re.compile(r"\s[—–-]\s|[.;!?](?:\s|$)|$")
_ATTRIBUTION = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?[\w'’ .-]{2,60}?\s+(?:said|says|told|reported|added|announced|confirmed|stated|noted|wrote)\b.*$",
                          re.I)


@dataclass(frozen=True)
class Overflow:
    """A count and a list of its members that cannot fit it."""
    count: Quantity
    listed: int
    spans: tuple[Span, ...]  # the list, or its first and last numbered items


def including_overflows(doc: Document) -> Iterator[Overflow]:
    """'in 13 countries, including A, ..., N' naming 14: a partial list may name fewer members than its
    count, never more. The items must be names (capitalised), so kinds and sub-groups are not counted."""
    for q in doc.quantities:
        if not _small_count(q):
            continue
        sent = doc.sentence_of(q)
        m = _INCLUDING.match(doc.text, q.end, sent.end)
        start = m.end() if m else None
        if m is None and sent.index + 1 < len(doc.sentences):
            nxt = doc.sentences[sent.index + 1]
            if not re.search(r"\d", doc.text[q.end:sent.end]):  # the count is the last number of its sentence
                m = _THEY_INCLUDE.match(doc.text, nxt.start, nxt.end)
                start, sent = (m.end(), nxt) if m else (None, sent)
        if start is None:
            continue
        items, span = list_items(doc.text, start, sent.end)
        if len(items) > q.value and _names(items):
            yield Overflow(q, len(items), (span,))


def numbered_lists(doc: Document) -> Iterator[Overflow]:
    """'Read on for four tips' and then the items 1., 2., 3. opening the paragraphs that follow: the count
    is the last small count of the paragraph right before item 1, the list runs while the numbers do."""
    text = doc.text
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for i, (p0, p1) in enumerate(paragraphs):
        first = _NUMBERED.match(text, p0, p1)
        if not first or first.group(1) != "1" or i == 0:
            continue
        prev0, prev1 = paragraphs[i - 1]
        if _NUMBERED.match(text, prev0, prev1):
            continue  # a list inside a list
        # the count must sit in the sentence that leads into the list: the last of the paragraph before it
        lead = doc.sentence_at(max(prev0, prev1 - 1))
        counts = [q for q in doc.quantities if lead is not None and q.sentence == lead.index and _small_count(q)]
        if not counts or not counts[-1].subject:  # the count must name what it counts ('four tips')
            continue
        items = [_head(text, p0, p1)]
        for a, b in paragraphs[i + 1:]:
            item = _NUMBERED.match(text, a, b)
            if item is None:
                continue  # prose between the items
            if int(item.group(1)) != len(items) + 1:
                break
            items.append(_head(text, a, b))
        q = counts[-1]
        if len(items) >= 2 and len(items) != q.value:
            yield Overflow(q, len(items), (items[0], items[-1]))


def _head(text: str, start: int, end: int) -> Span:
    """The start of a numbered item, as far as its first few words."""
    stop = min(end, start + 40)
    return Span(start, stop, text[start:stop])


def _small_count(q: Quantity) -> bool:
    return (q.unit == "count" and q.value is not None and q.value.is_integer() and 2 <= q.value <= 40
            and q.qualifier == "exact")


def list_items(text: str, start: int, end: int) -> tuple[list[str], Span]:
    """The items of the list that starts at `start`, and the list's span."""
    stop = _LIST_END.search(text, start, end)
    list_end = stop.start() if stop else end
    body = _ATTRIBUTION.sub("", text[start:list_end]).rstrip(" ,")
    parts = [p.strip() for p in re.split(r",(?!\d{3})\s*", body)]  # "100,000 engineers" is one item
    if len(parts) > 1 and re.match(r"(?:and|or)\s", parts[-1]):
        parts[-1] = parts[-1].split(None, 1)[1]  # after an Oxford comma the last item keeps its own "and"
    else:
        parts = parts[:-1] + (re.split(r"\s+(?:and|or)\s+", parts[-1]) if parts else [])
    items = [re.sub(r"^(?:and|or)\s+", "", p).strip() for p in parts if p.strip()]
    return items, Span(start, start + len(body), body)


def _names(items: list[str]) -> bool:
    return all(_ITEM_START.match(i) and not _NUMBER_START.match(i) and len(i) <= _MAX_ITEM for i in items)
