"""Mentions: number atoms grown into quantities (unit, magnitude, range, qualifier); non-quantities set aside."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from checker.extract.numbers import Atom, lowered, substring_trie, find_atoms
from checker.extract.qualifiers import qualify
from checker.extract.numbers import Atom as _Atom
from checker.extract.nonquantities import (FRACTION_POINT, Dropped, atom_reason, is_year, is_year_tail,
                                            model_numbers, pair_reading, span_drops, split_spaced, values_of)
from checker.extract.units import complex_quantities, convert, may_have_unit, quantulum_unit
from checker.lexicon import lexicon_pattern
from checker.vocab import Vocabulary, phrase_regex

# compiled once: these ran through re's pattern cache at every number
_CURRENCY_AFTER = re.compile(r"\s?([€£$¥₴₽¢])")
_MAGNITUDE_AFTER = re.compile(r"-?\s?magnitude\b", re.I)
_SPACES = re.compile(r"\s+")
_PER_WORD = re.compile(r"\s?(?:per|a|to\s+the|against\s+the)\s+([A-Za-z]+)\b")
_JOINED = re.compile(r"\s*(?:and|or|to|-|–)\s*")
_HYPHENED_TO = re.compile(r"[-–‑/]")
_CAPITAL_AFTER = re.compile(r"[\s\u00a0]*[-‑]?[A-Z]")
_CLAUSE_END = re.compile(r"[ \u00a0]*(?:,|\)|;|—|–|$)")
_COMMA_CAPITAL = re.compile(r",[ \u00a0]*[A-Z]")
_FULL_NAME_BEFORE = re.compile(r"[A-Z][\w.'’-]*[ \u00a0]+[A-Z][a-z'’-]+[ \u00a0]$")
_OF_PLACE = re.compile(r",[ \u00a0]+of[ \u00a0]+[A-Z0-9]")


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
    accounting: bool = False  # negated because it stood alone in brackets: "($99.99)"
    subject: str | None = None  # set where the kind of number fixes it (an age)

    @property
    def is_range(self) -> bool:
        return self.qualifier == "range"


_GLUED = re.compile(r"([A-Za-z][A-Za-z./-]*[A-Za-z.])(?![\w])")


def _glued_alias(s: str, end: int, vocab: Vocabulary) -> re.Match | None:
    """A unit of our table written against the number ("60fps", "2tonnes"); one letter is too
    ambiguous there ("25m" may be millions), and magnitude words are read before units."""
    g = _GLUED.match(s, end)
    if not g:
        return None
    token = g.group(1)
    if token.lower() not in vocab.unit_aliases and token.endswith("."):
        token = token.rstrip(".")  # the full stop of the sentence: "at 60fps."
    if token.lower() in vocab.unit_aliases and vocab.magnitude_of(token) is None:
        return re.compile(f"({re.escape(token)})", re.I).match(s, end)
    return None


def _currency_before(s: str, start: int, vocab: Vocabulary, doc_text: str) -> tuple[int, str] | None:
    m = vocab.currency_prefix_re.search(s[max(0, start - 6):start])
    if not m:
        return None
    sym = m.group().strip()
    at = max(0, start - 6) + m.start()
    if sym[:1].isalpha() and s[at - 1:at].isalpha():
        return None  # the end of a word ("FORM 5"), not a code
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
    if spec.get("where") == "dateline":
        line = _dateline(doc_text).lower()  # datelines are often in capitals: "OTTAWA (Wire) -"
        for code, words in spec.get("contexts", {}).items():
            if any(re.search(rf"\b{re.escape(w.lower())}\b", line) for w in words):
                return code
        return spec.get("default")
    for code, words in spec.get("contexts", {}).items():
        # a substring test first: it scans a long document many times faster than the pattern does
        if any(w in doc_text and re.search(rf"\b{re.escape(w)}\b", doc_text) for w in words):
            return code
    return spec.get("default")


# A dateline opens a wire story: "TORONTO (Reuters) -", "SYDNEY, Australia —", "Ottawa, Canada, March 3 --".
_DATELINE = re.compile(r"\s*((?:[A-Z][A-Za-z.'’]*[ ,]+){1,5}?)(?:[A-Z][a-z]{2,8}\.? \d{1,2},? )?(?:\([^)]{1,30}\)\s*)?(?:[-—–]{1,2}|:)\s")


def _dateline(doc_text: str) -> str:
    """The dateline of a document ("TORONTO (Reuters) -"), or "" if it opens without one."""
    m = _DATELINE.match(doc_text[:120])
    return m.group(1) if m else ""


def _grow(s: str, a: Atom, vocab: Vocabulary, doc_text: str) -> Mention:
    """Attach currency, magnitude, percent and unit to an atom."""
    m = Mention(a.start, a.end, a.value, atom=a)
    if a.kind == "fraction":
        m.unit = "fraction"
        pt = FRACTION_POINT.match(s, a.end)
        if pt:
            m.unit, m.end = "point", pt.end()
        return m
    if a.kind == "duration":
        m.unit = "second"
        return m
    if _negative_before(s[:a.start]):
        m.value = -a.value  # "-18 °C", "$-99.99", "minus 12 degrees"
        m.start = a.start - 1 if s[a.start - 1] in "-−" else m.start
    cur = _currency_before(s, m.start, vocab, doc_text)
    if cur:
        m.start, m.unit, m.currency = cur[0], cur[1], True
        if s[m.start - 1:m.start] == "(" and s[m.end:m.end + 1] == ")" and m.value:
            m.accounting = m.value > 0  # a written minus ("($-99.99)") stays whatever the brackets mean
            m.value = -abs(m.value)  # accounting notation: "($99.99)"; undone for a conversion
    else:
        suffix = _CURRENCY_AFTER.match(s[m.end:])
        if suffix:  # "15€", "-15€", "99¢"
            sym = suffix.group(1)
            m.unit = vocab.units["currency_suffixes"].get(sym) or vocab.units["currency_prefixes"][sym]
            m.currency = True
            m.end += suffix.end()
            _attach_rate(s, m, vocab)  # "89¢ a litre"
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
        if _scored_points(s, m, pts.group(), vocab):
            return m  # "James scored 31 points": a tally of points, a count
        basis = re.sub(r"\s+", " ", pts.group().strip().lower()) in vocab.units["basis_point_words"]
        m.unit, m.end = "bp" if basis else "point", pts.end()
        return m
    if m.currency and m.unit in _DOLLARS and s[m.start:m.end].lstrip("-−(")[:1] == "$":
        nat = _nationality_re(vocab).match(s[m.end:])
        rest = s[m.end + nat.end():] if nat else ""
        named = re.match(r"\s+dollars?\b", rest)
        if nat and (named or not re.match(r"\s+[A-Z]", rest)):  # not "$40 Australian Open"
            m.unit = vocab.units["dollar_nationality"][nat.group(1).lower()]  # "$100 Australian"
            m.end += nat.end() + (named.end() if named else 0)
    if m.currency:
        _attach_rate(s, m, vocab)
        return m
    times = _ratio_re(vocab).match(s, m.end)
    if times:  # "50 times the level", "a 10-fold rise": a multiple
        m.unit, m.end = vocab.units["ratio"]["unit"], times.end(1)
        return m
    fx = _exchange_rate(s, m, vocab)
    if fx:
        m.unit, m.end, m.currency = fx[0], fx[1], True
        return m
    word = vocab.after_number_re.match(s, m.end) or _glued_alias(s, m.end, vocab)
    if word:
        w = _SPACES.sub(" ", word.group(1).lower())
        code = vocab.currency_words.get(w) or vocab.unit_aliases.get(w)
        if w in ("peso", "pesos"):
            code = _by_context(w, vocab, doc_text)
        elif w in ("dollar", "dollars"):  # "40 dollars" is the dollar of the dateline, as "$40" is
            code = _by_context("dollar_symbol", vocab, doc_text) or code
        elif w in ("pound", "pounds"):
            p = vocab.units["pounds"]
            code = p["with_magnitude"] if m.magnitude > 1 else p["default"]
        if code:
            m.unit, m.end = code, word.end()
            m.currency = code in vocab.currency_codes
            m.hyphen_unit = s[a.end:a.end + 1] == "-"
            if m.currency:
                _attach_rate(s, m, vocab)  # "12 cents a gallon"
            return m
    if _scale_word_before(s, m.start, vocab) \
            or _MAGNITUDE_AFTER.match(s[m.end:]):
        m.unit = "point"
        return m
    if may_have_unit(s, m.end, vocab):
        pu = quantulum_unit(s, m.start, m.end, vocab)
        if pu and pu.end - m.end < 40:
            m.hyphen_unit = s[m.end:m.end + 1] == "-"
            m.unit, m.end = pu.unit, max(m.end, pu.end)
    return m


@lru_cache(maxsize=8)  # compiled once, not joined and looked up again for every dollar amount
def _nationality_re(vocab: Vocabulary) -> re.Pattern:
    """A dollar's nationality after the amount ("$100 Australian")."""
    return re.compile(r"\s(" + "|".join(re.escape(k) for k in vocab.units["dollar_nationality"]) + r")(?![\w.])", re.I)


_SIGN_BEFORE = re.compile(r"(?:^|[\s(\[$€£])[-−]$")
_MINUS_BEFORE = re.compile(r"\bminus\s+$")


def _negative_before(head: str) -> bool:
    """Does the text before a number make it negative ('-18 °C', '$-99.99', 'minus 12 degrees')?

    Both patterns end where the number starts: they are searched from a few characters before it, not from
    the sentence's start (a sign is one or two characters and a line end; "minus" ends where the spaces
    after it start)."""
    return bool(_SIGN_BEFORE.search(head, max(0, len(head) - 3))
                or _MINUS_BEFORE.search(head, max(0, len(head.rstrip()) - 5)))


def _scale_word_before(s: str, start: int, vocab: Vocabulary) -> bool:
    """Does a scale's name end right before the number ('magnitude 6.1', 'a rating of 4')?"""
    pattern, longest = _scale_word_re(vocab)
    head, lo = s[:start], 0
    if longest is not None:
        # the name ends where the spaces and hyphens before the number start: search from there back
        # by the longest name, not from the sentence's start
        j = len(head)
        while j and (head[j - 1].isspace() or head[j - 1] == "-"):
            j -= 1
        lo = max(0, j - longest)
    return pattern.search(head, lo) is not None


@lru_cache(maxsize=8)  # compiled once, not joined and looked up again for every number
def _scale_word_re(vocab: Vocabulary) -> tuple[re.Pattern, int | None]:
    """The pattern of a scale's name before the number, and the length of the longest name where every
    name is plain words (None where one is a pattern: its length is unknown)."""
    words = vocab.units["scale_words"]
    plain = all(re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+)*", w) for w in words)
    return (re.compile(r"\b(?:{})[\s-]+$".format("|".join(words)), re.I),
            max(map(len, words)) if plain and words else None)


_DOLLARS = {"USD", "CAD", "AUD", "NZD", "HKD", "SGD"}  # what a bare "$" can be read as


def _attach_rate(s: str, m: Mention, vocab: Vocabulary) -> None:
    """'$80 a barrel', '12 cents a gallon', '$3,500 a month': money per unit is a rate unit A/B."""
    rate = re.match(r"\s?(?:(?:per|an?)\s+|/\s?)([A-Za-z]+(?:\s[a-z]+)?)", s[m.end:])
    if not rate:
        return
    rates = vocab.units["rate_units"]
    if m.magnitude == 1:
        rates = {**rates, **vocab.units["period_units"]}
    for cand in (rate.group(1).lower(), rate.group(1).lower().split()[0]):
        sym = rates.get(cand) or rates.get(cand.rstrip("s"))
        if sym in vocab.units["period_units"].values() and re.match(
                r"\s+(?:{})\b".format("|".join(vocab.units["period_units_not_before"])),
                s[m.end + rate.start(1) + len(cand):]):
            return  # "$38,373 a year ago": a time, not a price per year
        if sym:
            m.unit = f"{m.unit}/{sym}"
            m.end += rate.start(1) + len(cand)
            return


@lru_cache(maxsize=8)
def _scored_cue_re(vocab: Vocabulary) -> re.Pattern:
    cues = phrase_regex(vocab.units["scored_point_cues"]).pattern
    return re.compile(rf"(?<![\w-])(?:{cues})\s+(?:\w+\s+of\s+(?:his|her|their)\s+)?(?:(?:{cues})\s+)?$", re.I)


def _scored_points(s: str, m: Mention, word: str, vocab: Vocabulary) -> bool:
    """'scored 31 points', 'had four points, 10 assists': points of a game's tally (a count)."""
    if word.strip().lower() not in ("points", "point") or (m.atom and not m.atom.is_integer):
        return False
    return bool(_scored_cue_re(vocab).search(s[max(0, m.start - 40):m.start]))


@lru_cache(maxsize=8)
def _ratio_re(vocab: Vocabulary) -> re.Pattern:
    """'times' followed by a comparison, or '-fold': group 1 ends where the ratio's surface ends."""
    spec = vocab.units["ratio"]
    follow = phrase_regex(spec["times_followed_by"]).pattern
    folds = "|".join(re.escape(w) for w in spec["words"] if w != "times")
    return re.compile(rf"((?:\s|-)?(?:{folds})(?!\w)|\s+times(?=\s+(?:{follow})))", re.I)


@lru_cache(maxsize=8)
def _multiple_re(vocab: Vocabulary) -> tuple[re.Pattern, re.Pattern, dict, re.Pattern | None]:
    """The multiples' words and cues, their values by lower-case word, and a quick test that the lower-cased
    sentence holds one of the words (None where a word is not plain ASCII letters: then no quick test)."""
    spec = vocab.units["multiples"]
    words = re.compile(r"(?<![\w-])(" + "|".join(sorted(spec["words"], key=len, reverse=True)) + r")(?![\w-])", re.I)
    cue = re.compile(r"(?<![\w-])(?:" + phrase_regex(spec["verb_cues"]).pattern + r")\s+$", re.I)
    values = {k.lower(): v for k, v in spec["words"].items()}
    plain = all(re.fullmatch(r"[A-Za-z]+", w) for w in spec["words"])
    quick = re.compile(substring_trie(list(values))) if plain and values else None
    return words, cue, values, quick


def _multiples(s: str, vocab: Vocabulary, taken: list[Mention]) -> list[Mention]:
    """'more than double its output', 'prices tripled': verbs that state a multiple, as ratios.
    A past form states it by itself; the bare verb needs a modal or a hedge before it, which
    leaves out the noun and adjective ("a double", "double-digit", "triple jump")."""
    words, cue, values, quick = _multiple_re(vocab)
    if quick is not None:
        # most sentences hold none of the words: a substring test of the lower-cased sentence (where that is
        # what case-insensitive matching finds, see numbers.lowered) skips the scan
        low = lowered(s)
        if low is not None and not quick.search(low):
            return []
    out = []
    for w in words.finditer(s):
        text = w.group(1).lower()
        if any(t.start <= w.start() < t.end for t in taken):
            continue
        if not text.endswith("ed") and not cue.search(s[max(0, w.start() - 30):w.start()]):
            continue
        value = float(values[text])
        out.append(Mention(w.start(), w.end(), value, vocab.units["ratio"]["unit"],
                           atom=_Atom(w.start(), w.end(), value, "multiple", w.group(1))))
    return out


@lru_cache(maxsize=8)
def _currency_name_re(vocab: Vocabulary) -> re.Pattern:
    return phrase_regex(vocab.currency_words)


def _exchange_rate(s: str, m: Mention, vocab: Vocabulary) -> tuple[str, int] | None:
    """'the yen ... at 108.55 per dollar': a bare number per unit of one currency, priced in another
    currency the sentence names before it, is an exchange rate (JPY/USD). (unit, end) or None."""
    per = _PER_WORD.match(s[m.end:])
    if not per:
        return None
    denominator = vocab.currency_words.get(per.group(1).lower())
    if not denominator:
        return None
    named = [vocab.currency_words.get(re.sub(r"\s+", " ", c.group().lower()))
             for c in _currency_name_re(vocab).finditer(s, 0, m.start)]
    named = [c for c in named if c and c != denominator]
    if not named:
        return None
    return f"{named[-1]}/{denominator}", m.end + per.end()


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
                if m2.magnitude > 1 and m1.magnitude == 1 and m1.atom and m1.atom.kind != "fraction" \
                        and abs(low) < 1000:
                    # "100 to 400 million", "9 to 4 million"; a low end of thousands is written out in
                    # full and takes no scale word: "$800,000 to $1.3 million"
                    low *= m2.magnitude
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
        if not _JOINED.fullmatch(s[a.end:b.start]):
            continue
        if a.unit == "count" and b.unit not in _PHYSICAL_EXCLUDED and not b.currency:
            a.unit = b.unit
        elif (b.unit == "count" and a.unit not in _PHYSICAL_EXCLUDED and not a.currency
              and not re.match(r"\s*[A-Za-z]", s[b.end:])):
            b.unit = a.unit


def _level_after_change(s: str, ms: list[Mention]) -> None:
    """'fell 102.2 points, or 0.36%, to 27,934.02': the level a change in points reaches is in points."""
    for i, m in enumerate(ms):
        if m.unit != "count" or m.currency or m.value is None:
            continue
        prev = [p for p in ms[:i] if p.unit != "percent"]
        if prev and prev[-1].unit == "point" and re.fullmatch(
                r"\s*(?:,?\s*or\s+[^,;]*?,)?\s*to\s+", s[prev[-1].end:m.start]):
            m.unit = "point"


_OPEN_BRACKET = lexicon_pattern(r"\s*\(\s*(?:(?&HEDGE:approx)|or)?\s*", re.I)  # "(about " or "(or "


def _conversions(s: str, ms: list[Mention]) -> None:
    """'25 km (15.5 miles)': the bracketed number restates the one before it."""
    for i in range(1, len(ms)):
        a, b = ms[i - 1], ms[i]
        bracketed = _OPEN_BRACKET.fullmatch(s[a.end:b.start])
        if bracketed and b.accounting and b.value is not None:
            b.value = -b.value  # an amount in brackets after another restates it: not a loss
            b.accounting = False
        if bracketed and a.unit != b.unit:
            b.paren_of = i - 1
            if b.qualifier == "exact" and a.qualifier != "range":
                b.qualifier = a.qualifier  # a bracketed single number cannot inherit a range


def find_mentions(s: str, vocab: Vocabulary, doc_text: str = "", line_start: bool = False,
                  dropped: list[Dropped] | None = None) -> list[Mention]:
    """All quantities of one sentence, in order, with sentence-relative offsets.

    The numbers set aside as non-quantities are appended to `dropped`, when given, with their reason."""
    drops: list[Dropped] = [] if dropped is None else dropped
    ms: list[Mention] = []
    spans = span_drops(s, vocab, line_start, doc_text)
    held: dict[int, list] = {i: [] for i in range(len(spans))}
    delegated = [Mention(p.start, p.end, p.value, p.unit, atom=_Atom(p.start, p.end, p.value, "quantulum",
                                                                      s[p.start:p.end]))
                 for p in complex_quantities(s, vocab)
                 if all(p.end <= d.start or p.start >= d.end for d in spans)]
    # (the tests below are skipped where they cannot hold: no span, nothing delegated, a number too short
    # to have more than MAX_DIGITS digits; most sentences have no span or delegated quantity)
    for a in split_spaced(s, find_atoms(s), vocab):
        inside = next((i for i, d in enumerate(spans) if d.start <= a.start < d.end), None) if spans else None
        if inside is not None:
            held[inside].append(a.value)  # a URL's or a tally's numbers, kept with it
            continue
        if delegated and any(d.start <= a.start < d.end for d in delegated):
            continue
        if a.kind == "digits" and len(a.text) > MAX_DIGITS and sum(c.isdigit() for c in a.text) > MAX_DIGITS:
            drops.append(Dropped(a.start, a.end, "identifier"))
            continue  # a 5,000-digit "number" is noise: no count is that precise
        why = atom_reason(s, a, line_start, vocab)
        last = drops[-1] if drops else None
        if not why and last and a.kind == "digits" and _HYPHENED_TO.fullmatch(s[last.end:a.start]) \
                and last.reason not in ("year", "name"):
            why = last.reason  # "A350-900", "pp. 249-55": a number hyphenated to a non-quantity is part of it
        if why and why != "name":
            drops.append(Dropped(a.start, a.end, why, values_of(a)))
            continue
        m = _grow(s, a, vocab, doc_text)
        if why == "name" and (m.unit == "count" and not _hometown_age(s, m, vocab)
                              or a.kind in ("words", "fraction")
                              and _CAPITAL_AFTER.match(s[a.end:max(m.end, a.end + 2)])):
            drops.append(Dropped(a.start, a.end, why, values_of(a)))
            continue  # "Apollo 11", "Ninety Mile Beach", "the Six-Day War", "Half-Life"; but "Processor 2.80 GHz"
            # has a unit and is a quantity
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
    for d in delegated:
        if d.unit in ("fraction", "count") and re.match(
                r"\s+(?:{})\b".format("|".join(vocab.units["price_point_after"])), s[d.end:], re.I):
            d.unit = "point"  # "rose 7/32 in price": points of par
    ms = sorted(ms + [d for d in delegated if math.isfinite(d.value)], key=lambda m: m.start)
    ms = sorted(ms + _multiples(s, vocab, ms), key=lambda m: m.start)
    ms = [m for m in ms if m.value is None or math.isfinite(m.value)]
    kept = []
    for m in ms:
        if is_year_tail(s, m):
            drops.append(Dropped(m.start, m.end, "year", (m.value,)))
        else:
            kept.append(m)
    ms = _compound_measures(s, kept, vocab)
    _share_units(s, ms)
    _level_after_change(s, ms)
    ms = _combine_ranges(s, ms, vocab, drops)
    ms = _drop_score_brackets(s, ms, drops)
    for m in ms:
        _age(s, m, vocab)
        qualify(s, m, vocab)
    _conversions(s, ms)
    if dropped is not None:
        dropped.sort(key=lambda d: d.start)
    return ms


def _drop_score_brackets(s: str, ms: list[Mention], drops: list[Dropped]) -> list[Mention]:
    """'7-6 (5)': a bracketed number right after a score is part of it (a tie-break), not a quantity."""
    ends = {d.end for d in drops if d.reason in ("score", "record", "tally")}
    if not ends:
        return ms  # no score in the sentence (most have none): no bracket can follow one
    out = []
    for m in ms:
        head = re.search(r"\s*\(\s*$", s[:m.start])
        if head and head.start() in ends and re.match(r"\s*\)", s[m.end:]) and m.unit == "count":
            drops.append(Dropped(m.start, m.end, "score", (m.value,)))
            continue
        out.append(m)
    return out


@lru_cache(maxsize=8)
def _age_patterns(vocab: Vocabulary) -> tuple[re.Pattern, re.Pattern]:
    ages = vocab.units["ages"]
    before = re.compile(r"(?<![\w-])(?:" + phrase_regex(ages["before"]).pattern + r")[\s\u00a0]+$", re.I)
    after = re.compile(r"[\s\u00a0-]*(?:" + phrase_regex(ages["after"]).pattern + ")", re.I)
    return before, after


# "Yoon, 63, said": a capitalised word, a comma, the number, and a comma or the end of the clause
_APPOSED = re.compile(r"(?:^|[\s(“\"])([A-Z][\w'’.-]*),[ \u00a0]$")


def _age(s: str, m: Mention, vocab: Vocabulary) -> None:
    """Ages are a kind of number: 'the 48-year-old', 'aged 26', 'Yoon, 63,', 'Ana (10 months)'.
    An age gets its unit (year unless written in months, weeks or days) and the subject age."""
    ages = vocab.units["ages"]
    units, count = ages["units"], m.unit == "count" and not m.currency
    if m.unit not in units and not count:
        return
    before, after = _age_patterns(vocab)
    head = s[:m.start]
    if m.unit in units and after.match(s, m.end):  # "48-year-old", "10 months old", "11 months of age"
        m.subject = ages["subject"]
    elif before.search(head[-40:]):  # "aged 26", "ages 18 to 25", "at age 5"
        m.subject = ages["subject"]
    elif m.unit in units and re.search(r"[A-Z][\w'’.-]*[ \u00a0]?\($", head) and s[m.end:m.end + 1] == ")":
        m.subject = ages["subject"]  # "Ana (10 months)": a time in brackets after a name
    elif count and (_apposed_age(s, m, vocab) or _hometown_age(s, m, vocab)):
        m.subject = ages["subject"]
    if m.subject == ages["subject"] and count:
        m.unit = units[0]


def _apposed_age(s: str, m: Mention, vocab: Vocabulary) -> bool:
    """'Parise, 35, had scored': a whole number of plausible age set off by commas after a name."""
    a = m.atom
    if m.is_range or a is None or a.kind != "digits" or not a.is_integer or not 0 < a.value <= vocab.units["ages"]["max"]:
        return False
    if not _CLAUSE_END.match(s[m.end:]) or _COMMA_CAPITAL.match(s[m.end:]):
        return False  # "Via Roma, 15, Milan" is an address: a place name follows
    name = _APPOSED.search(s[:m.start])
    if not name:
        return False
    word = name.group(1).lower().rstrip(".")
    not_after = {w.lower() for w in vocab.units["ages"]["apposition_not_after"]}
    return word not in not_after and word not in vocab.name_exceptions


def _hometown_age(s: str, m: Mention, vocab: Vocabulary) -> bool:
    """'Ryan S. Hollman 31, of Hope': a name, an age and where the person lives, as police news
    writes them (no comma before the age)."""
    a = m.atom
    return (a is not None and a.kind == "digits" and a.is_integer and 0 < a.value <= vocab.units["ages"]["max"]
            and _FULL_NAME_BEFORE.search(s[:m.start]) is not None  # a full name
            and _OF_PLACE.match(s[m.end:]) is not None)


def _compound_measures(s: str, ms: list[Mention], vocab: Vocabulary) -> list[Mention]:
    """'4 minutes and 15 seconds', '6 feet 2 inches': one measure in its smaller unit, when the
    smaller part is less than one of the larger unit (else they are two measures)."""
    units = set(vocab.units["compound_units"])
    out: list[Mention] = []
    for m in ms:
        prev = out[-1] if out else None
        if (prev and prev.unit in units and m.unit in units and prev.unit != m.unit
                and prev.value is not None and m.value is not None and not prev.is_range and not m.is_range
                and re.fullmatch(r"\s*,?\s*(?:and\s+)?", s[prev.end:m.start])):
            one = convert(1.0, prev.unit, m.unit, vocab)
            if one and one > 1 and 0 <= m.value < one:
                out[-1] = Mention(prev.start, m.end, prev.value * one + m.value, m.unit, atom=prev.atom,
                                  parts=[prev, m])
                continue
        out.append(m)
    return out
