"""Number atoms: the digit and spelled-out numbers of a sentence, with their values."""
from __future__ import annotations

import re
from dataclasses import dataclass

from checker.lexicon import DENOMINATORS, NUMBER_WORDS, SCALES, SMALL, TENS, LexiconTable, lexicon_pattern

# Thousands may be grouped by commas, or by (thin, non-breaking) spaces: "10 000". Each branch starts
# with its first character and looks behind it after ("\d(?<!\d\d)" is "(?<!\d)\d"), so the regex
# engine can skip to the digits instead of trying the pattern at every position (3x faster).
DIGITS = re.compile(r"\d(?<!\d\d)(?:\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.])|\d*(?:,\d{3})*(?:\.\d+)?)(?![\d])"
                    r"|\.(?<![\d.]\.)\d+(?![\d])")
_WORD = re.compile(r"[A-Za-z]+")
# Cheap tests on the lower-cased sentence, to skip the costlier patterns where they cannot match:
# a number word as _WORD cuts words (letters only), and a fraction's denominator. They stand for
# case-insensitive patterns, which they equal except on letters that such matching equates with
# ASCII ones though lower() leaves them apart (long s, dotless i, dotted capital I, the Kelvin sign):
# where one of those occurs, the case-insensitive patterns themselves are used.
_FOLDS_TO_ASCII = re.compile("[ſıİ\u212a]")
_NUMBER_WORDS = r"(?&NUMBER_WORD)|(?&SCALE)|dozen"
_ANY_NUMBER_WORD = lexicon_pattern(rf"(?<![a-z])(?:{_NUMBER_WORDS})(?![a-z])")
_ANY_NUMBER_WORD_FOLDED = lexicon_pattern(rf"(?<![A-Za-z])(?:{_NUMBER_WORDS})(?![A-Za-z])", re.I)
_ANY_DENOMINATOR = lexicon_pattern("(?&DENOMINATOR)")


def lowered(text: str) -> str | None:
    """The text lower-cased for the cheap tests, or None where they would differ from case-insensitive
    matching and the case-insensitive patterns must be used."""
    return None if _FOLDS_TO_ASCII.search(text) else text.lower()
_FRACTION = lexicon_pattern(
    r"\b(?:(?P<num>(?&NUMBER_WORD:1-9)|a|an)[\s-]+)?"
    r"(?P<den>(?&DENOMINATOR))\b",
    re.IGNORECASE)
# The lookaheads name the characters a match can start with, so most positions are rejected at once.
_ONE_IN = lexicon_pattern(
    r"(?=[o1])\b(?P<num>one|1)\s+(?:in|out\s+of)\s+(?P<den>\d+|(?&NUMBER_WORD:2-12,20,50)|"
    r"(?:a\s+)?(?&SCALE:100,1000))\b",
    re.IGNORECASE)
_RACE_TIME = re.compile(r"(?=\d)(?<![\d:])(\d{1,2}):(\d{2}):(\d{2})(?![\d:])")
_MIXED = re.compile(r"(?=\d)(?<![\d.,/-])(\d{1,3})[- ](\d{1,2})/(\d{1,2})(?![\d/])")
_CLOCK = re.compile(r"(?=\d)(?<![\d:])\d{1,2}[:.]\d{2}(?![\d:])")


@dataclass
class Atom:
    """One written number: where it is in the sentence and what it is worth."""
    start: int
    end: int
    value: float
    kind: str  # digits | words | fraction | duration | clock
    text: str

    @property
    def is_integer(self) -> bool:
        return float(self.value).is_integer() and "." not in self.text


_GROUPING = re.compile(r"[,\s\u00a0\u202f\u2009]")  # compiled once: re's pattern cache was asked at every number


def digit_value(text: str) -> float:
    return float(_GROUPING.sub("", text))


def words_value(words: list[str]) -> float | None:
    """Value of a run of number words: 'one hundred and twenty-five', 'two dozen', 'a million'."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        w = w.lower()
        if w in ("and",):
            continue
        if w in ("a", "an"):
            current = current or 1.0
            continue
        if w in SMALL:
            current += SMALL[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "dozen":
            current = (current or 1.0) * 12
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in SCALES:
            total += (current or 1.0) * SCALES[w]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _word_runs(sentence: str) -> list[Atom]:
    """Maximal runs of number words joined by spaces, hyphens or an 'and' after a scale word."""
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(sentence)]
    # the current vocabulary's tables, fetched once: every word of the sentence is looked up
    number_words, scales = NUMBER_WORDS.table(), SCALES.table()
    atoms, i = [], 0
    while i < len(tokens):
        s, e, w = tokens[i]
        lw = w.lower()
        starts_article = lw in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1][2].lower() in (
            *scales, "dozen") and _joined(sentence, e, tokens[i + 1][0])
        if lw not in number_words and not starts_article:
            i += 1
            continue
        words, j = [w], i + 1
        end = e
        while j < len(tokens):
            ns, ne, nw = tokens[j]
            gap = sentence[end:ns]
            lnw = nw.lower()
            if lnw in number_words and _joined(sentence, end, ns):
                if words[-1].lower() in SMALL and lnw in SMALL | TENS.keys():
                    break  # "five six" is two numbers, not one
                words.append(nw)
                end = ne
                j += 1
                continue
            if (lnw == "and" and gap.strip() == "" and words[-1].lower() in scales
                    and j + 1 < len(tokens) and tokens[j + 1][2].lower() in SMALL.keys() | TENS.keys()):
                words.append(nw)
                end = ne
                j += 1
                continue
            break
        if words[-1].lower() == "and":
            words.pop()
        value = words_value(words)
        if words[0].lower() in scales or words[0].lower() == "dozen":
            value = None  # a bare "million" is the magnitude of a digit number, or vague
        half = re.match(r"(?: and a half|-and-a-half)\b", sentence[end:])
        if value is not None and half:
            value, end = value + 0.5, end + half.end()  # "two and a half miles"
        if value is not None:
            atoms.append(Atom(s, end, value, "words", sentence[s:end]))
        i = j
    return atoms


def _joined(sentence: str, end: int, start: int) -> bool:
    gap = sentence[end:start]
    return gap in (" ", "-", "\u00a0") or (gap.strip() == "" and len(gap) <= 2)


def find_atoms(sentence: str) -> list[Atom]:
    """Every number written in the sentence, fractions and race times included, in order."""
    atoms: list[Atom] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    # a race or clock time holds a colon and a mixed number a slash: most sentences have neither, and a
    # substring test is many times cheaper than the scan (a clock's match without a colon is never kept)
    colon = ":" in sentence
    for m in _RACE_TIME.finditer(sentence) if colon else ():
        h, mi, se = (int(g) for g in m.groups())
        atoms.append(Atom(m.start(), m.end(), h * 3600 + mi * 60 + se, "duration", m.group()))
        taken.append(m.span())
    for m in _MIXED.finditer(sentence) if "/" in sentence else ():
        whole, num, den = (int(g) for g in m.groups())
        if 0 < num < den:  # "1-1/2 years", "2 3/4 inches": one number, a whole and a fraction
            atoms.append(Atom(m.start(), m.end(), whole + num / den, "digits", m.group()))
            taken.append(m.span())
    for m in _CLOCK.finditer(sentence) if colon else ():
        if free(*m.span()) and ":" in m.group():
            # clock times are never quantities: an atom of their own kind, worth minutes since midnight,
            # so the non-quantity stage can keep it as a typed mention
            h, mi = (int(g) for g in m.group().split(":"))
            atoms.append(Atom(m.start(), m.end(), h * 60 + mi, "clock", m.group()))
            taken.append(m.span())
    low = lowered(sentence)
    # "one in five", "1 out of 20" start with "one" or "1"
    for m in _ONE_IN.finditer(sentence) if low is None or "1" in sentence or "one" in low else ():
        den = m.group("den").lower()
        d = digit_value(den) if den[0].isdigit() else words_value(den.split())
        if d:
            atoms.append(Atom(m.start(), m.end(), 1.0 / d, "fraction", m.group()))
            taken.append(m.span())
    tries = TRIES.table() if low is not None else None  # (the tries find a word where the alternations do)
    for m in _FRACTION.finditer(sentence) if low is None or tries["denominator"].search(low) else ():
        num, den = m.group("num"), m.group("den").lower()
        if den not in DENOMINATORS or num and num.lower() not in SMALL and num.lower() not in ("a", "an"):
            continue  # a letter matched only by case folding ('thırd'): no number we know
        if not num and den not in ("half", "halves"):
            continue  # a bare "third" or "quarter" is an ordinal or a period
        if num and num.lower() in ("a", "an") and re.search(r"\w(?:\s+and\s+|-and-)$", sentence[:m.start()]):
            continue  # "two and a half", "five-and-a-half": part of a word number
        n = 1.0 if not num or num.lower() in ("a", "an") else float(SMALL[num.lower()])
        start = m.start("num") if num else m.start("den")
        if free(start, m.end()):
            atoms.append(Atom(start, m.end(), n / DENOMINATORS[den], "fraction", sentence[start:m.end()]))
            taken.append((start, m.end()))
    for m in DIGITS.finditer(sentence):
        if free(*m.span()):
            atoms.append(Atom(m.start(), m.end(), digit_value(m.group()), "digits", m.group()))
    words = _ANY_NUMBER_WORD_FOLDED.search(sentence) if low is None else tries["number_word"].search(low)
    for a in _word_runs(sentence) if words else ():
        if free(a.start, a.end):
            atoms.append(a)
    atoms.sort(key=lambda a: a.start)
    return _merge_half_a(sentence, atoms)


def _merge_half_a(sentence: str, atoms: list[Atom]) -> list[Atom]:
    """'half a million' is one number (500,000), not a fraction and a million."""
    out: list[Atom] = []
    for a in atoms:
        prev = out[-1] if out else None
        if (prev and prev.kind == "fraction" and prev.text.lower() == "half" and a.kind == "words"
                and re.fullmatch(r"\s+", sentence[prev.end:a.start])
                and a.text.lower().split()[0] in ("a", "an") and a.value >= 12):
            out[-1] = Atom(prev.start, a.end, 0.5 * a.value, "words", sentence[prev.start:a.end])
            continue
        out.append(a)
    return out


_ANY_DIGIT = re.compile(r"[\d⅓⅔¼½¾⅛⅜⅝⅞]")
_ANY_WORD = lexicon_pattern(r"(?&NUMBER_WORD)|(?&SCALE)|dozen|(?&DENOMINATOR)")
_ANY_WORD_FOLDED = lexicon_pattern(_ANY_WORD.template, re.I)


def substring_trie(words: list[str], whole: bool = False) -> str:
    """A pattern that matches where one of the words starts, as a trie ("t(?:en|h(?:ird|ree)|wo)"): the regex
    engine then reads a few characters at each position instead of trying every word of a flat alternation
    in turn. Only whether it matches is the flat alternation's answer. As a substring (whole=False), a word
    that holds another ("sixty", "six") is left out, since wherever it occurs the shorter one does too; as a
    whole word (whole=True, for a pattern that puts letter boundaries around it) every word is kept, a
    shorter one as an optional end ("s(?:ix(?:ty)?)"), which the engine backs off from when a boundary fails."""
    kept = set(words) if whole else {w for w in words if not any(o != w and o in w for o in words)}
    trie: dict = {}
    for w in kept:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}  # a word ends here

    def alternation(node: dict) -> str:
        branches = [re.escape(c) + alternation(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        longer = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return longer
        # a word ends here: as a substring it has matched; as a whole word a longer one is tried first
        return f"(?:{longer})?" if whole else ""

    return alternation(trie) if kept else "(?!x)x"


def _tries(vocab) -> dict:
    """The quick tests of has_number and find_atoms as tries, or the flat alternations where a word is a
    phrase (a space in it matches any whitespace)."""
    lex = vocab.lexicon
    words = [*lex["numbers"], *lex["scales"], "dozen", *lex["denominators"]]
    if any(not w or " " in w for w in words):
        return {"any_word": _ANY_WORD.compiled(), "number_word": _ANY_NUMBER_WORD.compiled(),
                "denominator": _ANY_DENOMINATOR.compiled()}
    number_words = [*lex["numbers"], *lex["scales"], "dozen"]
    return {"any_word": re.compile(substring_trie(words)),
            "number_word": re.compile(rf"(?<![a-z]){substring_trie(number_words, whole=True)}(?![a-z])"),
            "denominator": re.compile(substring_trie(list(lex["denominators"])))}


# _ANY_WORD, _ANY_NUMBER_WORD and _ANY_DENOMINATOR as tries, built for the current vocabulary on first use
TRIES = LexiconTable(_tries)


def has_number(text: str) -> bool:
    """Cheap test: does the text hold a digit or a number word (in any case) at all?"""
    # a character class scans many times faster than the word alternation, which runs only without a digit
    if _ANY_DIGIT.search(text):
        return True
    low = lowered(text)
    if low is None:
        return _ANY_WORD_FOLDED.search(text) is not None
    # the trie finds a word where the flat alternation does, 4x faster (tests/test_fast_paths.py)
    return TRIES["any_word"].search(low) is not None
