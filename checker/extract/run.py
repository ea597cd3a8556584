"""Extraction: document text to quantity records, and records to the validated table."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import pandas as pd

from checker.extract import context
from checker.budget import checkpoint
from checker.extract.mentions import Mention, find_mentions
from checker.extract.frames import frame_of, pronoun_one, source_of, trigger_bears_on
from checker.extract.nonquantities import Dropped
from checker.extract.numbers import has_number
from checker.extract.parse import parse_iter
from checker.schema import COLUMNS, validate
from checker.extract.sentences import Sentence, split_sentences
from checker.extract.units import normalise
from checker.vocab import Vocabulary, vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

_ELLIPTIC = re.compile(r"\s*(?:[,.;:)]|of\b|others?\b|more\b|were\b|was\b|had\b|have\b|are\b|is\b|remained\b|in\b|on\b|"
                       r"to\b|from\b|and\b|while\b|by\b|at\b|[a-z]+ed\b)")


def extract_text(text: str, doc: str = "<text>", vocab: Vocabulary | None = None) -> list[dict]:
    """All quantities of one document as records (dicts with the table's columns)."""
    return extract_all(text, doc, vocab)[0]


def extract_all(text: str, doc: str = "<text>", vocab: Vocabulary | None = None) -> tuple[list[dict], list[dict]]:
    """The quantity records of one document, and the numbers set aside as non-quantities.

    Each set-aside number is a dict: doc, start, end (document offsets), sentence, text, reason
    (score, record, year, date, identifier, ...) and values, the numbers it holds (a score's two)."""
    vocab = vocab or vocabulary()
    pending = read_mentions(text, doc, vocab)
    return read_frames(pending, parse_iter(pending.texts), vocab)


@dataclass
class Pending:
    """One document read up to its parse: the sentences holding quantities with their mentions, and the
    numbers set aside so far. Many documents' sentences can then be parsed together (spaCy's `pipe` costs
    much less per sentence in batches of dozens than in a document's handful)."""
    doc: str
    found: list[tuple[Sentence, list[Mention]]]
    dropped: list[dict]

    @property
    def texts(self) -> list[str]:
        """The sentences to parse, in order."""
        return [s.text for s, _ in self.found]


def read_mentions(text: str, doc: str = "<text>", vocab: Vocabulary | None = None) -> Pending:
    """The first half of extraction: sentences, numbers, non-quantities set aside, mentions."""
    vocab = vocab or vocabulary()
    found: list[tuple[Sentence, list[Mention]]] = []
    dropped: list[dict] = []
    for sent in split_sentences(text, vocab):
        if sent.furniture or not has_number(sent.text):
            continue
        checkpoint()
        drops: list[Dropped] = []
        mentions = find_mentions(sent.text, vocab, text, sent.line_start, drops)
        dropped.extend({"doc": doc, "start": sent.start + d.start, "end": sent.start + d.end,
                        "sentence": sent.index, "text": sent.text[d.start:d.end], "reason": d.reason,
                        "values": list(d.values)} for d in drops)
        if mentions:
            found.append((sent, mentions))
    return Pending(doc, found, dropped)


def read_frames(pending: Pending, parses: Iterable["SpacyDoc"], vocab: Vocabulary | None = None
                ) -> tuple[list[dict], list[dict]]:
    """The second half: each mention's frame read from its sentence's parse (`parses`, one per sentence of
    `pending.texts`, in order), as quantity records; and every number set aside."""
    vocab = vocab or vocabulary()
    doc, dropped = pending.doc, list(pending.dropped)
    records: list[dict] = []
    prev_sentence: list[dict] = []
    named: list[str] = []  # the last source named by name, for "she said", "it said"
    # The budget is checked between sentences.
    for (sent, mentions), parsed in zip(pending.found, parses, strict=True):
        checkpoint()
        pronouns = [m for m in mentions if pronoun_one(parsed, m)]
        if pronouns:  # the parse shows "one" standing for a thing, not counting it: set aside like the rest
            kept = [m for m in mentions if m not in pronouns]
            index = {id(m): i for i, m in enumerate(kept)}
            for m in kept:  # a bracketed restatement points at its original by index: renumber
                if m.paren_of is not None:
                    m.paren_of = index.get(id(mentions[m.paren_of]))
            mentions = kept
            dropped.extend({"doc": doc, "start": sent.start + m.start, "end": sent.start + m.end, "sentence": sent.index,
                            "text": sent.text[m.start:m.end], "reason": "pronoun", "values": [1.0]} for m in pronouns)
        rows = _sentence_records(sent, mentions, parsed, doc, vocab, prev_sentence, len(records), named)
        records.extend(rows)
        if rows:
            prev_sentence = rows
    return records, dropped


def _sentence_records(sent: Sentence, mentions: list[Mention], parsed, doc: str, vocab: Vocabulary,
                      prev_sentence: list[dict], first_qid: int, named: list[str]) -> list[dict]:
    s = sent.text
    source = context.source_of(s, vocab) if "according to" in s.lower() else None
    source = source or source_of(parsed, vocab, s) or context.source_of(s, vocab)
    if source and source.lower() in _PRONOUNS:
        source = named[-1] if named else None  # "she said": the last source the text named
    elif source:
        named.append(source)
    rows: list[dict] = []
    for i, m in enumerate(mentions):
        prev_end = mentions[i - 1].end if i else 0
        next_start = mentions[i + 1].start if i + 1 < len(mentions) else len(s)
        fr = frame_of(parsed, m, vocab)
        if m.subject:
            subject = m.subject  # a kind of number fixes it (an age)
        elif fr is not None and (fr.subject or fr.refers_back):
            subject = fr.subject
        elif rows and rows[-1]["subject"] and _continues(s, mentions[i - 1], m):
            subject = rows[-1]["subject"]  # "fell 102.2 points, or 0.36%, to 27,934.02": one thing's move and level
        else:
            subject = context.subject_of(s, m, vocab)
        if subject is None and m.unit in vocab.subjects.get("substance_units", ()):
            # "2 cups rice", "1 tsp. sesame oil": a measure of matter names the matter right after it
            subject = context.noun_after(s, m.end + (1 if s[m.end:m.end + 1] == "." else 0), vocab)
        carried = False
        if m.paren_of is not None and rows:
            restated = rows[m.paren_of] if m.paren_of < len(rows) else None
            subject = restated["subject"] if restated else subject
        elif subject is None and fr is not None and fr.antecedent:
            subject, carried = fr.antecedent, True
        elif subject is None:
            # an age describes the person it follows, never a neighbouring number
            ages = [r for r in rows if r["subject"] != vocab.units["ages"]["subject"]]
            subject, carried = _carry_subject(s, m, ages, prev_sentence, vocab), True
        event, trigger = context.event_of(s, m, subject, prev_end, next_start, vocab)
        if event and fr is not None and subject not in vocab.event_of_noun and not trigger_bears_on(parsed, m, trigger, fr):
            event, trigger = None, -1  # the nearest event word belongs to another phrase of the sentence
        if fr is not None and fr.verb is not None and subject not in vocab.event_of_noun:
            if event and _same_verb(s, trigger, fr.verb_at):
                pass  # the nearest trigger is the number's own verb, read in a longer phrase ("taken to hospital")
            elif (fr.relation == "core" and not (event and fr.event == "other" and fr.phrase[0] <= trigger <= fr.phrase[1] + 1)
                  ) or (event is None and fr.event and fr.event != "other"):
                # (an unnamed action yields to a label given in or right after the number's own phrase: "left 23
                # people dead or injured", "lost 1,180 soldiers killed"; not to one in another phrase: "towed 14
                # cars from the flooded street")
                # the verb whose subject or object the number is decides, also that nothing named happened:
                # a trigger word elsewhere in the sentence ("against", "announced") is about something else
                event, trigger = fr.event, fr.trigger
            # a looser attachment (a conjunct, a prepositional phrase): the nearest trigger word still decides
        elif fr is not None and fr.event and event is None:
            event, trigger = fr.event, fr.trigger
        if event is None and carried and rows and rows[-1]["event"] != "other" and (
                m.unit in ("fraction", "percent") or (m.unit == "count" and fr is not None and fr.refers_back)):
            # a share or part of what was just counted shares its event, unless the event is unnamed: "beheaded
            # 21 Christians, 20 of them Copts"
            event = rows[-1]["event"]
        if event is None and rows and _conjoined(s, mentions[i - 1], m):
            event = rows[-1]["event"]  # "launched 143 drones and six missiles"
        if subject and (subject in vocab.events.get("record_subjects", ())
                        or subject.split()[-1] in vocab.events.get("record_subjects", ())):
            event = None  # a game's record: "have won 12 of 13", "stopping 30 shots"
        value = m.value
        base_value, base_unit = normalise(value if value is not None else m.high, m.unit, vocab)
        rows.append({
            "doc": doc, "qid": first_qid + i, "start": sent.start + m.start, "end": sent.start + m.end,
            "sentence": sent.index, "text": s[m.start:m.end], "value": value,
            "low": m.low, "high": m.high, "qualifier": m.qualifier, "unit": m.unit,
            "base_value": base_value, "base_unit": base_unit, "subject": subject, "event": event,
            "actor": _actor(fr, vocab) or context.actor_of(s, m, trigger, source, vocab),
            "holder": fr.holder if fr is not None else None, "source": source,
            "time": context.time_of(s, m, vocab),
            "place": fr.place if fr is not None else None,
            "restates": first_qid + m.paren_of if m.paren_of is not None else None,
        })
    for i in range(len(rows) - 1, 0, -1):
        if rows[i - 1]["subject"] is None and rows[i]["subject"] and _continues(s, mentions[i - 1], mentions[i]):
            rows[i - 1]["subject"] = rows[i]["subject"]  # "about 2,750 tons, or 2,500 metric tons, of water"
    return rows


def _carry_subject(s: str, m: Mention, rows: list[dict], prev_sentence: list[dict], vocab: Vocabulary) -> str | None:
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
        before = context.noun_before(s, m.start, vocab)
        if before:
            return before
    same = [r for r in reversed(rows) if r["subject"] and r["unit"] == m.unit]
    if same:
        return same[0]["subject"]
    if m.unit == "count" and not _ELLIPTIC.match(s[m.end:]):
        return None
    earlier = [r for r in prev_sentence if r["subject"] and r["unit"] == m.unit]
    return earlier[0]["subject"] if earlier else None


_CONJOINED = re.compile(r"[\w\s'’-]{0,60}?\s(?:and|or|as well as|plus)\s+(?:another\s+|a further\s+|some\s+|about\s+)?$")


def _conjoined(s: str, prev: Mention, m: Mention) -> bool:
    """Is m the next item of a list that starts at prev ('97 of the drones and four of the missiles')?"""
    gap = s[prev.end:m.start]
    return bool(_CONJOINED.fullmatch(gap)) and not re.search(r"\b(?:were|was|had|have|has|is|are)\b|[,;]", gap)


_CONTINUES = re.compile(r"\s*,?\s*(?:or|to|from|of|(?:up|down)(?:\s+by)?)\s+")


def _continues(s: str, prev: Mention, m: Mention) -> bool:
    """Does m go on with what prev measures: its restatement in another unit ('102.2 points, or 0.36%'), the
    whole it is part of ('won 12 of 13'),
    the level a change reaches ('to 27,934.02') or started from ('rose 37%, from 0.90%'), or the change of a
    level ('$1.29, down 0.21%')?"""
    return _CONTINUES.fullmatch(s, prev.end, m.start) is not None


_AUXILIARIES = re.compile(r"(?:(?:has|have|had|is|are|was|were|be|been|being|will|would)\s+)*")


def _same_verb(s: str, trigger: int, verb_at: int) -> bool:
    """Does the trigger phrase found at `trigger` start the number's own verb ('has sent', 'were killed')?"""
    if trigger < 0 or verb_at < 0 or trigger > verb_at:
        return False
    return _AUXILIARIES.fullmatch(s[trigger:verb_at]) is not None


_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "he also", "she also", "it also", "they also"}


def _actor(fr, vocab: Vocabulary) -> str | None:
    """The actor named in the parse's doer of the number's verb ('Ukraine's air force shot down 75' -> Ukraine)."""
    if fr is None or not fr.agent:
        return None
    found = vocab.actor_re.search(fr.agent)
    return vocab.actor_of_word[found.group()] if found else None



def table(records: Iterable[dict]) -> pd.DataFrame:
    """Records to a DataFrame with the table's columns, validated against the schema."""
    df = pd.DataFrame.from_records(list(records), columns=COLUMNS)
    df["restates"] = df["restates"].astype("Int64")
    return validate(df)


CANDIDATE_FIELDS = ["doc", "start", "end", "text", "kept", "reason", "value", "low", "high", "qualifier", "unit",
                    "subject", "event", "actor"]


def candidates(text: str, doc: str = "<text>", vocab: Vocabulary | None = None) -> list[dict]:
    """Every number of a document in text order: the quantities (kept, no reason) and the non-quantities
    (not kept, with their reason and, as value, the first number they hold), with CANDIDATE_FIELDS."""
    records, dropped = extract_all(text, doc, vocab)
    rows = [{f: r.get(f) for f in CANDIDATE_FIELDS} | {"kept": True, "reason": None} for r in records]
    rows += [{f: None for f in CANDIDATE_FIELDS} | {
        "doc": d["doc"], "start": d["start"], "end": d["end"], "text": d["text"], "kept": False,
        "reason": d["reason"], "value": d["values"][0] if d["values"] else None} for d in dropped]
    return sorted(rows, key=lambda r: (r["start"], not r["kept"]))
