"""Mentions: number atoms grown into quantities (unit, magnitude, range, qualifier); non-quantities set aside."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from checker.extract.numbers import Atom, find_atoms
from checker.extract.numbers import Atom as _Atom
from checker.extract.nonquantities import (Dropped, atom_reason, is_year, is_year_tail, model_numbers,
                                            pair_reading, span_drops, values_of)
from checker.extract.units import complex_quantities, may_have_unit, quantulum_unit
from checker.lexicon import lexicon_pattern
from checker.vocab import Vocabulary

_PHYSICAL_EXCLUDED = {"count", "percent", "fraction", "point"}
MAX_DIGITS = 24  # beyond this a float cannot hold the number, and no news figure is that precise


@dataclass
class Mention:
    """A quantity found in one sentence; offsets are relative to the sentence."""
    start: int
    end: int
    value: float | None
    unit: str = "count"
    qualifier: str = "exact"
    low: float | None = None
    high: float | None = None
    atom: Atom | None = None
    currency: bool = False
    magnitude: float = 1.0
    hyphen_unit: bool = False
    paren_of: int | None = None
    parts: list = field(default_factory=list)

    @property
    def is_range(self) -> bool:
        return self.qualifier == "range"


def _currency_before(s: str, start: int, vocab: Vocabulary, doc_text: str) -> tuple[int, str] | None:
    m = vocab.currency_prefix_re.search(s[max(0, start - 6):start])
    if not m:
        return None
    sym = m.group().strip()
    code = vocab.units["currency_prefixes"][sym]
    if sym == "$":
        code = _by_context("dollar_symbol", vocab, doc_text) or code
    return start - (len(s[max(0, start - 6):start]) - m.start()), code


@lru_cache(maxsize=64)  # per document, not per number: the scan covers the whole text
def _by_context(key: str, vocab: Vocabulary, doc_text: str) -> str | None:
    spec = vocab.units["currency_by_context"].get(key)
    if not spec:
        return None
    if "same_as" in spec:
        spec = vocab.units["currency_by_context"][spec["same_as"]]
    for code, words in spec.get("contexts", {}).items():
        # a substring test first: it scans a long document many times faster than the pattern does
        if any(w in doc_text and re.search(rf"\b{re.escape(w)}\b", doc_text) for w in words):
            return code
    return spec.get("default")


def _grow(s: str, a: Atom, vocab: Vocabulary, doc_text: str) -> Mention:
    """Attach currency, magnitude, percent and unit to an atom."""
    m = Mention(a.start, a.end, a.value, atom=a)
    if a.kind == "fraction":
        m.unit = "fraction"
        return m
    if a.kind == "duration":
        m.unit = "second"
        return m
    if re.search(r"(?:^|[\s(\[$€£])[-−]$", s[:a.start]) or re.search(r"\bminus\s+$", s[:a.start]):
        m.value = -a.value  # "-18 °C", "$-99.99", "minus 12 degrees"
        m.start = a.start - 1 if s[a.start - 1] in "-−" else m.start
    cur = _currency_before(s, m.start, vocab, doc_text)
    if cur:
        m.start, m.unit, m.currency = cur[0], cur[1], True
        if s[m.start - 1:m.start] == "(" and s[m.end:m.end + 1] == ")" and m.value:
            m.value = -abs(m.value)  # accounting notation: "($99.99)"
    else:
        suffix = re.match(r"\s?([€£$¥₴₽])", s[m.end:])
        if suffix:  # "15€", "-15€"
            m.unit, m.currency = vocab.units["currency_prefixes"][suffix.group(1)], True
            m.end += suffix.end()
            return m
    mag = vocab.magnitude_re.match(s, m.end)
    if mag:
        word = mag.group().strip()
        attached = word in vocab.units["attached_magnitudes"] and mag.group() == word
        ok = True
        if attached and word in ("m", "M", "b", "B", "T") and not m.currency and a.is_integer:
            ok = False  # "25m" is metres, "8 MB" bytes: only money or decimals take these
        if attached and word in ("b", "B", "T") and not m.currency:
            ok = False
        if ok and (vocab.magnitude_of(word) or 0) > 1:
            m.magnitude = vocab.magnitude_of(word)
            m.value = m.value * m.magnitude
            m.end = mag.end()
    pct = vocab.percent_re.match(s, m.end)
    if pct and not m.currency:
        m.unit, m.end = "percent", pct.end()
        return m
    pts = vocab.point_re.match(s, m.end)
    if pts and not m.currency:
        m.unit, m.end = "point", pts.end()
        return m
    if m.currency:
        rate = re.match(r"\s?(?:per|/|a)\s?([A-Za-z]+(?:\s[a-z]+)?)", s[m.end:])
        if rate:
            for cand in (rate.group(1).lower(), rate.group(1).lower().split()[0]):
                sym = vocab.units["rate_units"].get(cand) or vocab.units["rate_units"].get(cand.rstrip("s"))
                if sym:
                    m.unit = f"{m.unit}/{sym}"
                    m.end += rate.start(1) + len(cand)
                    break
        return m
    word = vocab.after_number_re.match(s, m.end)
    if word:
        w = re.sub(r"\s+", " ", word.group(1).lower())
        code = vocab.currency_words.get(w) or vocab.unit_aliases.get(w)
        if w in ("peso", "pesos"):
            code = _by_context(w, vocab, doc_text)
        elif w in ("pound", "pounds"):
            p = vocab.units["pounds"]
            code = p["with_magnitude"] if m.magnitude > 1 else p["default"]
        if code:
            m.unit, m.end = code, word.end()
            m.currency = code in vocab.currency_codes
            m.hyphen_unit = s[a.end:a.end + 1] == "-"
            return m
    if re.search(r"\b(?:{})[\s-]+$".format("|".join(vocab.units["scale_words"])), s[:m.start], re.I) \
            or re.match(r"-?\s?magnitude\b", s[m.end:], re.I):
        m.unit = "point"
        return m
    if may_have_unit(s, m.end, vocab):
        pu = quantulum_unit(s, m.start, m.end, vocab)
        if pu and pu.end - m.end < 40:
            m.hyphen_unit = s[m.end:m.end + 1] == "-"
            m.unit, m.end = pu.unit, max(m.end, pu.end)
    return m


def _combine_ranges(s: str, ms: list[Mention], vocab: Vocabulary, drops: list[Dropped]) -> list[Mention]:
    """Join neighbours that read as a range into one mention; set aside pairs that are scores or tallies."""
    out: list[Mention] = []
    i = 0
    while i < len(ms):
        m1 = ms[i]
        reading = pair_reading(s, m1, ms[i + 1], vocab) if i + 1 < len(ms) else None
        if reading == "range":
            m2 = ms[i + 1]
            if m1.currency and m2.unit.startswith(m1.unit + "/"):
                m1.unit = m2.unit  # "$24 to $18 a pound": the rate after the second price is both prices'
            unit = m2.unit if m1.unit == "count" else m1.unit
            if m2.unit in (unit, "count") and m1.unit in (unit, "count") and m1.value is not None \
                    and m2.value is not None:
                low = m1.value
                if m2.magnitude > 1 and m1.magnitude == 1 and m1.atom and m1.atom.kind != "fraction":
                    low *= m2.magnitude  # "100 to 400 million"
                out.append(Mention(m1.start, m2.end, None, unit, "range", low, m2.value,
                                   atom=m1.atom, currency=m1.currency or m2.currency,
                                   hyphen_unit=m2.hyphen_unit, parts=[m1, m2]))
                i += 2
                continue
        elif reading not in (None, "pair"):
            m2 = ms[i + 1]
            drops.append(Dropped(m1.start, m2.end, reading, (m1.value, m2.value)))
            i += 2
            continue
        out.append(m1)
        i += 1
    return out


def _share_units(s: str, ms: list[Mention]) -> None:
    """'45 and 50 mg', 'from two weeks to eight': a bare number takes its neighbour's unit."""
    for a, b in zip(ms, ms[1:]):
        if not re.fullmatch(r"\s*(?:and|or|to|-|–)\s*", s[a.end:b.start]):
            continue
        if a.unit == "count" and b.unit not in _PHYSICAL_EXCLUDED and not b.currency:
            a.unit = b.unit
        elif (b.unit == "count" and a.unit not in _PHYSICAL_EXCLUDED and not a.currency
              and not re.match(r"\s*[A-Za-z]", s[b.end:])):
            b.unit = a.unit


_HEDGE_REACH = 120  # characters: longer than any hedge phrase


def _qualify(s: str, m: Mention, vocab: Vocabulary) -> None:
    if m.is_range:
        return
    reach = max(0, m.start - _HEDGE_REACH)  # hedges are short: no need to read the whole sentence
    before = re.sub(r"\s+", " ", s[reach:m.start].lower()).rstrip()
    if reach and len(before) < _HEDGE_REACH // 2:  # mostly whitespace: read it all after all
        reach, before = 0, re.sub(r"\s+", " ", s[:m.start].lower()).rstrip()
    table, longest = vocab.hedge_before_lookup
    # the hedge phrases that end the text before the number, longest first, each starting a word
    for i in range(max(0, len(before) - longest), len(before)):
        if before[i - 1].isalnum() if i else reach:
            continue  # inside a word, or at the cut, where the word may go on to the left
        phrase = before[i:]
        q = table.get(phrase)
        if q is None:
            continue
        if phrase in ("over", "under", "above", "below"):
            w = before[:i].split()
            if w and (w[-1][:1].isdigit() or w[-1] in ("km", "miles", "kilometres", "metres")):
                continue
        m.qualifier = q
        return
    pattern, qualifiers = vocab.hedge_after_re
    after = pattern.match(s, m.end)
    if after:
        m.qualifier = qualifiers[after.lastindex - 1]


_OPEN_BRACKET = lexicon_pattern(r"\s*\(\s*(?:(?&HEDGE:approx)|or)?\s*", re.I)  # "(about " or "(or "


def _conversions(s: str, ms: list[Mention]) -> None:
    """'25 km (15.5 miles)': the bracketed number restates the one before it."""
    for i in range(1, len(ms)):
        a, b = ms[i - 1], ms[i]
        if _OPEN_BRACKET.fullmatch(s[a.end:b.start]) and a.unit != b.unit:
            b.paren_of = i - 1
            if b.qualifier == "exact" and a.qualifier != "range":
                b.qualifier = a.qualifier  # a bracketed single number cannot inherit a range


def find_mentions(s: str, vocab: Vocabulary, doc_text: str = "", line_start: bool = False,
                  dropped: list[Dropped] | None = None) -> list[Mention]:
    """All quantities of one sentence, in order, with sentence-relative offsets.

    The numbers set aside as non-quantities are appended to `dropped`, when given, with their reason."""
    drops: list[Dropped] = [] if dropped is None else dropped
    ms: list[Mention] = []
    spans = span_drops(s, vocab, line_start)
    held: dict[int, list] = {i: [] for i in range(len(spans))}
    delegated = [Mention(p.start, p.end, p.value, p.unit, atom=_Atom(p.start, p.end, p.value, "quantulum",
                                                                      s[p.start:p.end]))
                 for p in complex_quantities(s, vocab)
                 if all(p.end <= d.start or p.start >= d.end for d in spans)]
    for a in find_atoms(s):
        inside = next((i for i, d in enumerate(spans) if d.start <= a.start < d.end), None)
        if inside is not None:
            held[inside].append(a.value)  # a URL's or a tally's numbers, kept with it
            continue
        if any(d.start <= a.start < d.end for d in delegated):
            continue
        if a.kind == "digits" and sum(c.isdigit() for c in a.text) > MAX_DIGITS:
            drops.append(Dropped(a.start, a.end, "identifier"))
            continue  # a 5,000-digit "number" is noise: no count is that precise
        why = atom_reason(s, a, line_start, vocab)
        last = drops[-1] if drops else None
        if not why and last and a.kind == "digits" and re.fullmatch(r"[-–‑/]", s[last.end:a.start]) \
                and last.reason not in ("year", "name"):
            why = last.reason  # "A350-900", "pp. 249-55": a number hyphenated to a non-quantity is part of it
        if why and why != "name":
            drops.append(Dropped(a.start, a.end, why, values_of(a)))
            continue
        m = _grow(s, a, vocab, doc_text)
        if why == "name" and (m.unit == "count" or a.kind == "words" and s[a.end:m.end].strip()[:1].isupper()):
            drops.append(Dropped(a.start, a.end, why, values_of(a)))
            continue  # "Apollo 11", "Ninety Mile Beach"; but "Processor 2.80 GHz" has a unit and is a quantity
        if is_year(m, vocab):
            drops.append(Dropped(a.start, a.end, "year", (a.value,)))
            continue
        if (a.kind == "digits" and m.unit == "count" and not m.currency and m.magnitude == 1
                and a.text in model_numbers(doc_text or s, vocab)):
            drops.append(Dropped(a.start, a.end, "model", values_of(a)))
            continue  # "the 777 program" where the article also writes "777 Max" twice, or "777-9 Dreamliner"
        if ms and m.start < ms[-1].end:
            continue  # swallowed by the previous quantity's unit
        ms.append(m)
    drops.extend(Dropped(d.start, d.end, d.reason, tuple(held[i])) for i, d in enumerate(spans))
    ms = sorted(ms + [d for d in delegated if math.isfinite(d.value)], key=lambda m: m.start)
    ms = [m for m in ms if m.value is None or math.isfinite(m.value)]
    kept = []
    for m in ms:
        if is_year_tail(s, m):
            drops.append(Dropped(m.start, m.end, "year", (m.value,)))
        else:
            kept.append(m)
    ms = kept
    _share_units(s, ms)
    ms = _combine_ranges(s, ms, vocab, drops)
    ms = _drop_score_brackets(s, ms, drops)
    for m in ms:
        _qualify(s, m, vocab)
    _conversions(s, ms)
    if dropped is not None:
        dropped.sort(key=lambda d: d.start)
    return ms


def _drop_score_brackets(s: str, ms: list[Mention], drops: list[Dropped]) -> list[Mention]:
    """'7-6 (5)': a bracketed number right after a score is part of it (a tie-break), not a quantity."""
    ends = {d.end for d in drops if d.reason in ("score", "record", "tally")}
    out = []
    for m in ms:
        head = re.search(r"\s*\(\s*$", s[:m.start])
        if head and head.start() in ends and re.match(r"\s*\)", s[m.end:]) and m.unit == "count":
            drops.append(Dropped(m.start, m.end, "score", (m.value,)))
            continue
        out.append(m)
    return out
