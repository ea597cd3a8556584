"""What rules read: each document's quantities (with the bounds their hedges allow) and sentences."""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Iterator

import pandas as pd

from checker.report import Span
from checker.schema import python_values
from checker.extract.sentences import Sentence, split_sentences
from checker.vocab import Vocabulary, relations_data, vocabulary

_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


@dataclass(frozen=True)
class Quantity:
    """One row of the quantity table, as a rule sees it."""
    doc: str
    qid: int
    start: int
    end: int
    sentence: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    subject: str | None
    event: str | None
    actor: str | None
    source: str | None
    time: str | None
    restates: int | None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    @property
    def is_range(self) -> bool:
        return self.qualifier == "range"

    @property
    def number(self) -> float:
        """The value, or for a range its upper end."""
        if self.value is not None:
            return self.value
        return max(self.low, self.high)

    def shown(self) -> str:
        """The value as an editor would write it: '75', '2.9 billion', '30%'."""
        return show(self.number if not self.is_range else None, self)


def show(v: float | None, q: Quantity | None = None) -> str:
    if v is None and q is not None:
        return f"{_fmt(q.low)} to {_fmt(q.high)}"
    return _fmt(v)


def _fmt(v: float) -> str:
    if v is None:
        return "?"
    a = abs(v)
    for scale, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if a >= scale and (a / scale) * 100 == int((a / scale) * 100):
            return f"{v / scale:,.2f}".rstrip("0").rstrip(".") + word
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.4g}" if a < 1 else f"{v:,.2f}".rstrip("0").rstrip(".")


@dataclass
class Document:
    """One document's text, sentences and quantities (sorted by position)."""
    doc: str
    text: str
    quantities: list[Quantity]
    vocab: Vocabulary
    split: tuple[Sentence, ...] | None = None  # the sentences, when extraction has them already
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # links several rules ask for

    @cached_property
    def folded(self) -> str:
        """The text folded as fold() does: ask it whether a word may be written before a pattern looks for it."""
        return fold(self.text)

    def may_say(self, words) -> bool:
        """Whether any of the words may be written in the text (in any case), with no false no: when this
        says no, a pattern that ignores case finds none of them, and need not be run."""
        said = self._said
        for w in words:
            known = said.get(w)
            if known is None:
                known = said[w] = not w.isascii() or w.lower() in self.folded
            if known:
                return True
        return False

    @cached_property
    def _said(self) -> dict[str, bool]:
        # each word's answer, kept: several rules (and a rule for several labels) ask for the same words, and
        # each answer is a scan of the whole text
        return {}

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return self.split if self.split is not None else split_sentences(self.text, self.vocab)

    def sentence_of(self, q: Quantity) -> Sentence:
        return self.sentences[q.sentence]

    @cached_property
    def _by_sentence(self) -> dict[int, list[Quantity]]:
        return _grouped(self.quantities, "sentence")

    def in_sentence(self, index: int) -> list[Quantity]:
        return list(self._by_sentence.get(index, ()))

    def near(self, q: Quantity, back: int, ahead: int = 0) -> list[Quantity]:
        """The quantities from `back` sentences before q's to `ahead` after it, in text order.

        Rules look for related numbers within a few sentences; asking the index, not scanning every
        number, keeps a long document's cost linear.
        """
        out: list[Quantity] = []
        for i in range(q.sentence - back, q.sentence + ahead + 1):
            out.extend(self._by_sentence.get(i, ()))
        return out

    @cached_property
    def _by_event(self) -> dict[str | None, list[Quantity]]:
        return _grouped(self.quantities, "event")

    def with_event(self, event: str | None) -> list[Quantity]:
        return list(self._by_event.get(event, ()))

    @cached_property
    def _by_subject(self) -> dict[str | None, list[Quantity]]:
        return _grouped(self.quantities, "subject")

    def with_subject(self, subject: str | None) -> list[Quantity]:
        """The quantities counting or measuring that subject, in text order."""
        return list(self._by_subject.get(subject, ()))

    @cached_property
    def _by_unit(self) -> dict[str, list[Quantity]]:
        return _grouped(self.quantities, "unit")

    def with_unit(self, unit: str) -> list[Quantity]:
        return list(self._by_unit.get(unit, ()))

    @cached_property
    def _unit_starts(self) -> dict[str, list[int]]:
        return {unit: [q.start for q in qs] for unit, qs in self._by_unit.items()}

    def earlier_with_unit(self, q: Quantity) -> Iterator[Quantity]:
        """The quantities of q's unit that end before q starts, nearest first."""
        group = self._by_unit.get(q.unit, [])
        for i in range(bisect.bisect_left(self._unit_starts.get(q.unit, []), q.start) - 1, -1, -1):
            if group[i].end <= q.start:
                yield group[i]

    @cached_property
    def _by_qid(self) -> dict[int, Quantity]:
        out: dict[int, Quantity] = {}
        for q in self.quantities:
            out.setdefault(q.qid, q)
        return out

    def by_qid(self, qid: int) -> Quantity | None:
        return self._by_qid.get(qid)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding the character at offset, if any."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def between(self, a: Quantity, b: Quantity) -> str:
        """Document text between two quantities (in text order)."""
        first, second = (a, b) if a.start <= b.start else (b, a)
        return self.text[first.end:second.start]

    def before(self, q: Quantity, chars: int = 80) -> str:
        """Text of q's sentence before q (at most `chars` characters)."""
        s = self.sentence_of(q)
        return self.text[max(s.start, q.start - chars):q.start]

    def after(self, q: Quantity, chars: int = 80) -> str:
        s = self.sentence_of(q)
        return self.text[q.end:min(s.end, q.end + chars)]


def fold(text: str) -> str:
    """text in lower case, for a quick test of whether a pattern that ignores case can match a word of ASCII
    letters in it: what such a pattern matches reads as the word in lower case here. ('İ' lower-cases to 'i'
    and a combining dot, dropped; 'ı' and 'ſ', which such a pattern takes for 'i' and 's', become them.)
    A test on it may say yes where the pattern finds nothing, never no where it finds something."""
    return text.lower().replace("\u0307", "").replace("ı", "i").replace("ſ", "s")


@dataclass
class Relations:
    """rules/relations.yaml, with the lookups rules need."""
    data: dict = field(default_factory=relations_data)
    # answers of subject_within and same_subject so far: rules ask the same pairs again and again
    _answers: dict = field(default_factory=dict, repr=False, compare=False)

    def parts_of(self, whole_event: str | None) -> list[str]:
        return list(self.data["event_parts"].get(whole_event or "", []))

    def disjoint_parts_of(self, whole_event: str | None) -> list[str]:
        return list(self.data["disjoint_parts"].get(whole_event or "", []))

    def complete(self, whole_event: str | None) -> list[str]:
        return list(self.data["complete_breakdowns"].get(whole_event or "", []))

    def subject_within(self, part: str | None, whole: str | None) -> bool:
        """Is the part's subject the whole's or one of its subsets (child within person within casualty)?"""
        if not part or not whole:
            return False
        key = ("within", part, whole)
        if key not in self._answers:
            self._answers[key] = self._walk_within(part, whole)
        return self._answers[key]

    def _walk_within(self, part: str, whole: str) -> bool:
        seen, todo = set(), [whole]
        while todo:
            w = todo.pop()
            if w == part:
                return True
            if w not in seen:
                seen.add(w)
                todo.extend(self.data["subject_parts"].get(w, []))
        return False

    def related_subjects(self, a: str | None, b: str | None) -> bool:
        """Either subject within the other, or the same thing; unknown subjects relate to anything."""
        if not a or not b:
            return True
        return self.same_subject(a, b) or self.subject_within(a, b) or self.subject_within(b, a)

    def same_subject(self, a: str | None, b: str | None) -> bool:
        if not a or not b:
            return False
        if a == b:
            return True
        key = ("same", a, b)
        if key not in self._answers:
            self._answers[key] = any(a in group and b in group for group in self.data["equivalent_subjects"])
        return self._answers[key]

    def words(self, key: str) -> list[str]:
        return list(self._words(key))

    def _words(self, key: str) -> tuple[str, ...]:
        found = self._answers.get(("words", key))  # (rules ask for the same lists for every document)
        if found is None:
            found = self._answers[("words", key)] = tuple(str(w) for w in self.data.get(key, []))
        return found

    def words_re(self, key: str) -> re.Pattern:
        """Any of the words listed under key, as whole words, in any case."""
        return any_word_re(self._words(key))


@lru_cache(maxsize=64)
def any_word_re(words: tuple[str, ...]) -> re.Pattern:
    """Any of the words, as whole words, in any case (compiled once per list)."""
    return re.compile(first_letters(words) + r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def first_letters(words) -> str:
    """A lookahead for the letters the words start with, '(?=[abpt])', to open a pattern that ignores case and
    must start with one of the words: the engine then passes over most positions of the text at once (the
    class ignores case as the words do). Empty where a word does not start with an ASCII letter."""
    firsts = sorted({w[:1].lower() for w in words})
    if not firsts or not all(f.isascii() and f.isalpha() for f in firsts):
        return ""
    return "(?=[" + "".join(firsts) + "])"


def _grouped(quantities: list[Quantity], field: str) -> dict:
    """The quantities by the value of one field, each group in text order."""
    out: dict = {}
    for q in quantities:
        out.setdefault(getattr(q, field), []).append(q)
    return out


def documents(table: pd.DataFrame, texts: dict[str, str], vocab: Vocabulary | None = None,
              sentences: dict[str, tuple[Sentence, ...]] | None = None) -> list[Document]:
    """Group the quantity table by document, keeping the documents' order (and the documents'
    sentences, if given, so a batch splits each text once)."""
    vocab = vocab or vocabulary()
    by_doc: dict[str, list[Quantity]] = {d: [] for d in texts}
    columns = [python_values(table[f]) for f in Quantity.__dataclass_fields__]
    for row in zip(*columns):
        q = Quantity(*row)
        if q.event == "other":
            # an action outside the labels names no event the rules can compare ("sold" and "ordered" are
            # both "other"): the rules treat it as unnamed
            q = replace(q, event=None)
        by_doc.setdefault(q.doc, []).append(q)
    split = sentences or {}
    return [Document(d, texts.get(d, ""), sorted(qs, key=lambda q: q.start), vocab, split.get(d))
            for d, qs in by_doc.items()]


def decimals(text: str) -> int:
    m = _NUMBER.search(text)
    return len(m.group(1)) if m and m.group(1) else 0


def rounding(q: Quantity) -> float:
    """Half a unit of the last written digit, in the quantity's unit: '2.9 billion' -> 0.05e9."""
    if q.value is None or q.unit == "count":
        return 0.0
    m = _NUMBER.search(q.text)
    if not m:
        return 0.0
    written = float(m.group().replace(",", ""))
    if written == 0:
        return 0.0
    scale = abs(q.value / written) if written else 1.0
    return 0.5 * 10 ** (-decimals(q.text)) * scale


def bounds(q: Quantity, hedges: dict, with_rounding: bool = False) -> tuple[float, float]:
    """The interval of values the quantity allows, given its qualifier and hedge slack."""
    if q.is_range:
        return min(q.low, q.high), max(q.low, q.high)
    v = q.value
    r = rounding(q) if with_rounding else 0.0
    tol = float(hedges["tolerance"]["approx"])
    if q.qualifier == "approx":
        slack = abs(v) * tol
        return v - slack - r, v + slack + r
    if q.qualifier in ("at_least", "more_than"):
        return v - r, math.inf
    if q.qualifier in ("at_most", "less_than"):
        return -math.inf if v < 0 else 0.0, v + r
    return v - r, v + r


def hedge_word(doc: Document, q: Quantity, hedges: dict) -> str | None:
    """The hedge phrase written right before q ('nearly'), if it is one that means at-or-below."""
    before = re.sub(r"\s+", " ", doc.before(q, 30).lower()).rstrip()
    for w in sorted(hedges["tolerance"]["below_words"], key=len, reverse=True):
        if before.endswith(w):
            return w
    return None


def interval(doc: Document, q: Quantity, hedges: dict, with_rounding: bool = False) -> tuple[float, float]:
    """bounds(), with 'nearly'/'almost' meaning at or just below the written value."""
    lo, hi = bounds(q, hedges, with_rounding)
    if q.qualifier == "approx" and hedge_word(doc, q, hedges):
        return lo, q.value + (rounding(q) if with_rounding else 0.0)
    return lo, hi
