"""Extraction: document text to quantity records, and records to the validated table."""
from __future__ import annotations

import re
from typing import Iterable

import pandas as pd

from checker.extract import context
from checker.budget import checkpoint
from checker.extract.mentions import Mention, find_mentions
from checker.extract.numbers import has_number
from checker.schema import COLUMNS, validate
from checker.extract.sentences import Sentence, split_sentences
from checker.extract.units import normalise
from checker.vocab import Vocabulary, vocabulary

_ELLIPTIC = re.compile(r"\s*(?:[,.;:)]|of\b|others?\b|more\b|were\b|was\b|had\b|have\b|are\b|is\b|remained\b|in\b|on\b|"
                       r"to\b|from\b|and\b|while\b|by\b|at\b|[a-z]+ed\b)")


def extract_text(text: str, doc: str = "<text>", vocab: Vocabulary | None = None) -> list[dict]:
    """All quantities of one document as records (dicts with the table's columns)."""
    vocab = vocab or vocabulary()
    records: list[dict] = []
    prev_sentence: list[dict] = []
    for sent in split_sentences(text, vocab):
        if sent.furniture or not has_number(sent.text):
            continue
        checkpoint()
        rows = _sentence_records(sent, text, doc, vocab, prev_sentence, len(records))
        records.extend(rows)
        if rows:
            prev_sentence = rows
    return records


def _sentence_records(sent: Sentence, text: str, doc: str, vocab: Vocabulary,
                      prev_sentence: list[dict], first_qid: int) -> list[dict]:
    s = sent.text
    mentions = find_mentions(s, vocab, text, sent.line_start)
    if not mentions:
        return []
    source = context.source_of(s, vocab)
    rows: list[dict] = []
    for i, m in enumerate(mentions):
        prev_end = mentions[i - 1].end if i else 0
        next_start = mentions[i + 1].start if i + 1 < len(mentions) else len(s)
        subject = m.subject or context.subject_of(s, m, vocab)  # a kind of number may fix it (an age)
        carried = False
        if m.paren_of is not None and m.paren_of - 0 < len(mentions) and rows:
            restated = rows[m.paren_of] if m.paren_of < len(rows) else None
            subject = restated["subject"] if restated else subject
        elif subject is None:
            # an age describes the person it follows, never a neighbouring number
            ages = [r for r in rows if r["subject"] != vocab.units["ages"]["subject"]]
            subject, carried = _carry_subject(s, m, i, mentions, ages, prev_sentence), True
        event, trigger = context.event_of(s, m, subject, prev_end, next_start, vocab)
        if event is None and carried and m.unit in ("fraction", "percent") and rows:
            event = rows[-1]["event"]
        if event is None and rows and _conjoined(s, mentions[i - 1], m):
            event = rows[-1]["event"]  # "launched 143 drones and six missiles"
        value = m.value
        base_value, base_unit = normalise(value if value is not None else m.high, m.unit, vocab)
        rows.append({
            "doc": doc, "qid": first_qid + i, "start": sent.start + m.start, "end": sent.start + m.end,
            "sentence": sent.index, "text": s[m.start:m.end], "value": value,
            "low": m.low, "high": m.high, "qualifier": m.qualifier, "unit": m.unit,
            "base_value": base_value, "base_unit": base_unit, "subject": subject, "event": event,
            "actor": context.actor_of(s, m, trigger, source, vocab), "source": source,
            "time": context.time_of(s, m, vocab),
            "restates": first_qid + m.paren_of if m.paren_of is not None else None,
        })
    return rows


def _carry_subject(s: str, m: Mention, i: int, mentions: list[Mention], rows: list[dict],
                   prev_sentence: list[dict]) -> str | None:
    """A number that names no subject counts what a nearby number counts ('killing 58 people and injuring 214')."""
    if m.unit in ("fraction", "percent"):
        same = [r for r in reversed(rows) if r["subject"] and r["unit"] == m.unit]
        counts = [r for r in reversed(rows) if r["subject"] and r["unit"] == "count"]
        earlier = [r for r in prev_sentence if r["subject"] and r["unit"] == "count"]
        nearest = [r for r in reversed(rows) if r["subject"]]
        pick = same or counts or nearest or earlier
        return pick[0]["subject"] if pick else None
    if m.unit != "count" and not m.currency:
        return None
    if m.currency:
        same = [r for r in reversed(rows) if r["subject"] and r["unit"] == m.unit]
        if same:
            return same[0]["subject"]
        before = context.noun_before(s, m.start, vocabulary())
        if before:
            return before
    same = [r for r in reversed(rows) if r["subject"] and _same_kind(r["unit"], m.unit)]
    if same:
        return same[0]["subject"]
    if m.unit == "count" and not _ELLIPTIC.match(s[m.end:]):
        return None
    earlier = [r for r in prev_sentence if r["subject"] and _same_kind(r["unit"], m.unit)]
    return earlier[0]["subject"] if earlier else None


_CONJOINED = re.compile(r"[\w\s'’-]{0,60}?\s(?:and|or|as well as|plus)\s+(?:another\s+|a further\s+|some\s+|about\s+)?$")


def _conjoined(s: str, prev: Mention, m: Mention) -> bool:
    """Is m the next item of a list that starts at prev ('97 of the drones and four of the missiles')?"""
    gap = s[prev.end:m.start]
    return bool(_CONJOINED.fullmatch(gap)) and not re.search(r"\b(?:were|was|had|have|has|is|are)\b|[,;]", gap)


def _same_kind(a: str, b: str) -> bool:
    return a == b


def table(records: Iterable[dict]) -> pd.DataFrame:
    """Records to a DataFrame with the table's columns, validated against the schema."""
    df = pd.DataFrame.from_records(list(records), columns=COLUMNS)
    df["restates"] = df["restates"].astype("Int64")
    return validate(df)
