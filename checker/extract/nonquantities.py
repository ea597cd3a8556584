"""Non-quantities: numbers that are not quantities (dates, years, identifiers, scores...), each with its reason."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.numbers import NUMBER_WORDS, Atom, lowered
from checker.vocab import Vocabulary

# compiled once: these ran through re's pattern cache at every number
_LETTER_DASH_END = re.compile(r"[A-Za-z][-‑–]$")
_LETTERS_DIGIT = re.compile(r"[A-Za-z]+\d")
_LETTERS = re.compile(r"[A-Za-z]+")
_CURRENCY_END = re.compile(r"[$€£¥]$")
_LIST_MARK = re.compile(r"[.)](?:\s|$)")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’.-]*)[ \u00a0]+$")
_DASH_DIGIT = re.compile(r"[-–]\d")
_CURRENCY_SPACE_END = re.compile(r"[$€£¥]\s*$")
_HYPHEN_WORD = re.compile(r"[-‑]([A-Za-z]+)\b")
_YEAR_AFTER = re.compile(r",?\s+\d{4}\b")
_STATUS_CODE = re.compile(r"[1-5]\d\d")
_DASH = re.compile(r"[-‑–]")
_OPEN_END = re.compile(r"\(\s*$")
_FOUR_DIGITS = re.compile(r"\d{4}")
_SPACES = re.compile(r"\s+")


_NEXT_WORD = re.compile(r"[\s\u00a0]*([A-Za-z][\w'’-]*|[^\w\s])")
_PREV_WORD = re.compile(r"([A-Za-z][\w'’.-]*)[\s\u00a0]*$")
# After a fraction such as "a third", a word that is not one of these makes it an ordinal ("a third term").
_FUNCTION_NEXT = {
    "of", "at", "in", "on", "by", "for", "from", "since", "to", "than", "the", "its", "their",
    "his", "her", "and", "or", "but", "with", "as", "were", "was", "is", "are", "had", "has",
    "have", "this", "that", "last", "which", "who", "while", "compared", "more", "less", "a",
    "an", "our", "my", "your", "these", "those", "all", "over", "under", "earlier", "ago",
}


# "a quarter-point", "a half percentage point": a fraction of a point (mentions.py gives it the unit)
FRACTION_POINT = re.compile(r"[\s-](?:percentage[\s-])?points?\b", re.I)


@dataclass
class Dropped:
    """A number that is not a quantity; offsets are relative to the sentence, values are the numbers it holds."""
    start: int
    end: int
    reason: str
    values: tuple = ()


def values_of(a: Atom) -> tuple:
    """The numbers a set-aside atom holds: a clock time's hours and minutes, else its value."""
    if a.kind == "clock":
        return tuple(int(p) for p in a.text.split(":"))
    return (a.value,)


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _prev_word(s: str, pos: int) -> str:
    """_PREV_WORD's word in s[:pos], read backwards from pos: the pattern searched the sentence from its
    start for every number (tests/test_fast_paths.py holds the two to the same answers)."""
    end = len(s[:pos].rstrip())  # str.isspace() is the pattern's \s (and takes in \u00a0)
    i = end
    while i and (s[i - 1].isalnum() or s[i - 1] in "_'’.-"):  # the run of [\w'’.-] that ends there
        i -= 1
    for p in range(i, end):  # the word starts at the run's first ASCII letter
        if s[p] in _ASCII_LETTERS:
            return s[p:end]
    return ""


def _next_token(s: str, pos: int) -> str:
    m = _NEXT_WORD.match(s, pos)
    return m.group(1) if m else ""


def _at_clause_start(s: str, pos: int) -> bool:
    head = s[:pos].rstrip(" \u00a0\"“‘'([")
    return head == "" or head[-1] in "—–:;-"


def atom_reason(s: str, a: Atom, line_start: bool, vocab: Vocabulary) -> str | None:
    """Why this atom is not a quantity (a date, an identifier, ...), or None if it may be one.

    "name" is the one tentative reason: a number after a capitalised word is part of a name unless
    it turns out to carry a unit ("Apollo 11", but "Processor 2.80 GHz"); the caller decides."""
    before, after = s[max(0, a.start - 40):a.start], s[a.end:a.end + 40]
    nq = vocab.nonq
    if a.kind == "clock":
        return "clock-time"
    if a.kind == "digits":
        if before[-1:] == "#" or before[-1:].isalpha() and not _glued_currency(before, vocab):
            return "identifier"
        if _LETTER_DASH_END.search(before):
            return "identifier"
        if _LETTERS_DIGIT.match(after):
            return "identifier"  # "9to5", "65UM7300", "3440x1440": digits and letters in turn make a code
        suffix = _LETTERS.match(after)
        if suffix and a.text + suffix.group() in nq["format_names"] and not _CURRENCY_END.search(before):
            return "format"  # "4K", "1080p": names of formats, not four thousand of anything
        if suffix:
            suf = suffix.group()
            if suf.lower() in nq["ordinal_suffixes"]:
                return "ordinal"
            if suf.lower() in ("am", "pm"):
                return "clock-time"
            if suf == "s" and len(a.text) == 4:
                return "decade"
            if len(suf) == 1 and suf.isupper() and suf not in vocab.units["attached_magnitudes"]:
                return "identifier"
            if _glued_model(a.text, suf, before, vocab):
                return "model"
        why = _named_by_neighbours(s, a, before, after, vocab)
        if why:
            return why
        pats = vocab.nonquantity_patterns
        if pats["calibre"].match(after) and re.match(r"[a-z]+\s+[a-z]", after[2:].lstrip()):
            return "calibre"
        if pats["month_before"].search(before) or pats["month_after"].match(after):
            return "date"
        if pats["day_range_before"].search(before):
            return "date"  # "May 14–16"
        if pats["clock_after"].match(after):
            return "clock-time"
        if line_start and s[:a.start].strip() == "" and _LIST_MARK.match(after):
            return "list-number"
        prev_m = _WORD_BEFORE.search(before)
        if prev_m:
            prev, lw = prev_m.group(1), prev_m.group(1).lower()
            if lw in vocab.label_words:
                return "label"
            camel = any(c.isupper() for c in prev[1:])  # "iPhone 11", "AirPods 2": a brand, plural or not
            named = prev[0].isupper() or camel  # "Apollo 11"
            if (named and lw not in vocab.name_exceptions and not lw.endswith(("'s", "’s"))
                    and (camel or not lw.endswith("s"))
                    and not _DASH_DIGIT.match(after)):  # "Japan 6-7": a compact pair decides (pair_reading)
                if _size_in_name(after, vocab):
                    return "model"  # "iPad Pro 12.9-inch 64GB": the size is part of the product's name
                return "name"
    if a.kind in ("words", "fraction"):
        if a.text[:1].isupper() and not _at_clause_start(s, a.start):
            return "name"
        why = _fused_name(after, vocab) if a.kind == "words" else None
        if why:
            return why
        first = a.text.lower().split()[0].split("-")[0]
        nxt = _next_token(s, a.end).lower().replace("’", "'")
        prev = _prev_word(s, a.start).lower()
        if a.kind == "words" and prev in vocab.label_words:
            return "label"  # "the number eight", "page one"
        if a.text.lower() == "one":
            if nxt in nq["one_not_before"] or not nxt or not nxt[0].isalnum() and nxt not in ("(", "-"):
                return "pronoun"
            if prev in nq["one_not_after"]:
                return "pronoun"
            if _one_introduces(s, a, vocab):
                return "pronoun"
        if a.kind == "fraction" and FRACTION_POINT.match(s, a.end) and not re.search(r"\band[\s-]$", s[:a.start]):
            return None  # "a quarter-point cut": a fraction of a (percentage) point
        if a.kind == "fraction" and first in ("a", "an", "half") and " in " not in a.text:
            if prev in ("first", "second", "latter", "last", "other", "the", "and"):
                return "period"
            if nxt and nxt[0].isalpha() and nxt not in _FUNCTION_NEXT:
                return "ordinal"
            if s[a.end:a.end + 1] == "-":
                return "compound"
    return None


# "777x", "4790k": a model's number with a letter glued to it (see _glued_model)
_GLUED_MODEL = re.compile(r"(?<![\w.,$€£¥-])(\d{2,3}[1-9])[xX](?![\w])|(?<![\w.,$€£¥-])(\d{4,})[kK](?![\w])")


def _glued_model(digits: str, suffix: str, before: str, vocab: Vocabulary) -> bool:
    """Is a letter glued to these digits part of a model's name rather than a multiplier or a magnitude? A
    multiple is written with a round number ("10x", "100x faster") and a magnitude with few figures ("50k",
    "250k"), so an unround number of three or four figures with "x" ("777x jets") and four figures or more
    with "k" ("a Core i7 4790k") name a model."""
    if _CURRENCY_SPACE_END.search(before):
        return False
    return bool(_GLUED_MODEL.fullmatch(digits + suffix))


def _size_in_name(after: str, vocab: Vocabulary) -> bool:
    """After a product's name, is this a size that belongs to the name ("the Tab Pro 11-inch, 128GB", "Book Air
    13-inch.") rather than one stated of a part ("the Tab Pro's 11-inch screen", "Tab Pro 11-inch display")?"""
    units = "|".join(re.escape(u) for u in vocab.nonq["product_size_units"])
    return bool(re.match(rf"[-‑\s]?(?:{units})(?![A-Za-z])(?![-‑\s]+[a-z])", after))


def _glued_currency(before: str, vocab: Vocabulary) -> bool:
    """Do the letters right before a number spell a currency code or symbol ("USD10m", "RM23.50")?"""
    tail = before[-6:]
    m = vocab.currency_prefix_re.search(tail)
    if not m:
        return False
    lead = before[:len(before) - len(tail) + m.start()]
    return not lead[-1:].isalpha()  # the code starts a word: "USD10m", not "FORM10"


def _fused_name(after: str, vocab: Vocabulary) -> str | None:
    """A number fused by a hyphen (or a space, for a unit) with what follows it into a name: "two-stroke
    engines" (a kind), "10-year notes" (an instrument), "the 16-inch MacBook Pro" (a product; a capital
    anywhere in the word marks the name, as in "the 10-inch iMac")."""
    nq = vocab.nonq
    fused = _HYPHEN_WORD.match(after)
    if fused and fused.group(1).lower() in nq["type_compounds"]:
        return "compound"
    term_re, size_re = _fused_res(tuple(nq["instrument_terms"]), tuple(nq["product_size_units"]))
    term = term_re.match(after)
    if term and term.group(1) in nq["instrument_nouns"]:
        return "instrument"
    size = size_re.match(after)
    if size and (any(c.isupper() for c in size.group(1)) or size.group(1) in nq["product_nouns"]):
        return "model"
    return None


@lru_cache(maxsize=8)
def _fused_res(terms: tuple, size_units: tuple) -> tuple[re.Pattern, re.Pattern]:
    """The word after "10-year" (an instrument's term) and after "16-inch" (a product's size)."""
    units = "|".join(re.escape(u) for u in size_units)
    return (re.compile(r"[-‑\s](?:{})s?[-‑\s]+([A-Za-z]+)".format("|".join(map(re.escape, terms)))),
            re.compile(rf"[-‑\s]?(?:{units})(?![A-Za-z])[-‑\s]+([A-Za-z]+)"))


@lru_cache(maxsize=8)  # compiled once: formatting the months into the pattern at every number cost more than the match
def _month_res(vocab: Vocabulary) -> tuple[re.Pattern, re.Pattern]:
    """A month and a comma before digits ("Nov, 29"), and a day range's end and a month after them ("-15 March")."""
    months = vocab.fragment("MONTH_ANY")
    return (re.compile(rf"(?:^|[\s(])(?:{months})\.?,[\s\u00a0]+$"),
            re.compile(rf"[-–]\d{{1,2}}(?:st|nd|rd|th)?[\s\u00a0]+(?:{months})\b"))


def _named_by_neighbours(s: str, a: Atom, before: str, after: str, vocab: Vocabulary) -> str | None:
    """Digits that the words around them make a date, a dialled number, a code, a list item or a rank."""
    nq = vocab.nonq
    month_before, month_after = _month_res(vocab)
    if month_before.search(before) and _YEAR_AFTER.match(after):
        return "date"  # "Nov, 29, 2016" (but "In September, 19 drones" is a count)
    if month_after.match(after):
        return "date"  # the first day of "12-15 March"
    why = _fused_name(after, vocab)
    if why:
        return why
    nxt = _next_token(s, a.end)
    prev = _prev_word(s, a.start).lower()
    if a.text in nq["emergency_numbers"] and (nxt.lower() in nq["dial_nouns"] or prev in nq["dial_verbs"]):
        return "phone"
    if _STATUS_CODE.fullmatch(a.text) and nxt.lower() in nq["code_nouns"]:
        return "identifier"  # "a 404 error"
    if nxt.lower() in nq["route_nouns"] and a.text != "1" and not _DASH.match(after):
        return "identifier"  # "the 13 line", "the 7 train": a plural number before a singular noun names it
    if (_OPEN_END.search(before) and re.match(r"\s*\)\s+[a-z]", after)
            and len(re.findall(r"\(\s*\d{1,2}\s*\)\s+[a-z]", s)) >= 2):
        return "list-number"  # "(1) cut costs and (2) hire staff": an enumeration, two items or more
    if prev in nq["rank_words"] or (prev in ("no.", "#") or before.endswith("#")) and nxt.lower() in nq["rank_nouns"]:
        return "rank"  # "ranked 5", "the No. 3 seed"
    return None


def _one_introduces(s: str, a: Atom, vocab: Vocabulary) -> bool:
    """Is this "one" a determiner: "one commenter said", "according to one estimate", "the middle one"?"""
    if _hedged(s, a.start, vocab) or re.search(r"\b(?:only|just|exactly)\s+$", s[:a.start], re.I):
        return False  # "only one official said": a count that the sentence insists on
    ahead = re.match(r"(?:,?[\s\u00a0]+[\w'’-]+){1,3}", s[a.end:])  # "one small, two-week study"
    words = [w.lower() for w in re.findall(r"[\w'’-]+", ahead.group())] if ahead else []
    if any(w in vocab.nonq["one_example_nouns"] for w in words):
        return True
    if words[:1] and words[0] in vocab.nonq["one_time_nouns"] and not re.search(
            r"\b(?:for|over|within|during|than|lasting|per)\s+$", s[:a.start], re.I):
        return True  # "One night after the game"; but "for one night" is a duration
    nouns = "|".join(map(re.escape, vocab.nonq["one_source_nouns"]))
    source = re.match(rf"(?:[\s\u00a0]+[\w'’-]+){{0,2}}?[\s\u00a0]+(?:{nouns})\b", s[a.end:], re.I)
    if source:
        if re.search(r"\baccording to\s*$", s[:a.start], re.I):
            return True
        # a verb of saying after the noun, maybe past an apposition ("One analyst, Jane Doe, noted", "one user on
        # Weibo, a forum, posted"), and no event before it ("one official was killed, police said" is a count)
        rest = re.split(r"[.!?]", s[a.end + source.end():a.end + source.end() + 100])[0]
        said = vocab.source_verb_re.search(rest)
        more = re.search(r"\b(?:{})\b".format("|".join(map(re.escape, vocab.nonq["one_source_verbs"]))), rest)
        first = min((m.start() for m in (said, more) if m), default=None)
        if first is not None and not vocab.event_re.search(rest[:first]):
            return True
    if _one_before_a_name(s, a, vocab):
        return True
    # "the middle one", "the now-infamous one", "a relatively rare, largely unstudied one": a determiner and
    # modifiers only, no noun, before "one"
    two = re.search(r"\b(the|a|an|every|each)\s+((?:[a-z]+ly\s+|[a-z]+,\s+){0,3}[a-z]+(?:-[a-z]+)*\s+)$",
                    s[:a.start], re.I)
    return bool(two and not {w.strip(",").lower() for w in two.group(2).split()} & set(NUMBER_WORDS)
                and not re.match(r"\s+of\b", s[a.end:]))


def _one_before_a_name(s: str, a: Atom, vocab: Vocabulary) -> bool:
    """"One Acme plant has not reported a fault": a sentence that opens with "One" and a proper name, whose
    verb (within a few words) is negated, singles out a member of a group ("a certain"): what did not happen
    to it counts nothing. "One Acme plant closed" and "One Ukrainian soldier was killed" keep their count,
    as does a word of nationality after "One"."""
    if a.text != "One" or s[:a.start].strip(" \u00a0\"“‘'(["):
        return False
    name = re.match(r"[\s\u00a0]+([A-Z][a-z][\w'’-]*)", s[a.end:])
    if not name or name.group(1).endswith(tuple(vocab.nonq["demonym_endings"])):
        return False
    negations = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in vocab.nonq["one_negations"])
    return bool(re.match(rf"(?:[\s\u00a0]+[\w'’.-]+){{1,5}}?[\s\u00a0]+(?:{negations})(?![\w'’])",
                         s[a.end:].replace("’", "'"), re.I))


def model_numbers(doc_text: str, vocab: Vocabulary) -> frozenset[str]:
    """Numbers the document uses as product or model names: written as "787-9 Dreamliner" (a longer number, a
    hyphen, a shorter one and a name), with a letter glued to it ("777x jets", see _glued_model), or twice or more before the same capitalised singular word
    ("737 Max ... 737 Max"), which a count of things rarely is, unless the word is one of nationality or
    origin ("200 Russian soldiers")."""
    return _model_numbers(doc_text, tuple(vocab.nonq["demonym_endings"]))


# The document-wide scans start with a digit and look behind it after ("\d(?<![\w.,$€£-]\d)" is
# "(?<![\w.,$€£-])\d"), so the engine skips to the digits instead of trying every position (2x faster).
_HYPHENED_MODEL = re.compile(r"(\d(?<![\w.,$€£-]\d)\d{2,3})[-‑]\d{1,2}\s+[A-Z][a-z]")  # "787-9 Dreamliner"
_NUMBER_NAME = re.compile(r"(\d(?<![\w.,$€£-]\d)\d{2,3})\s+([A-Z][a-z]+)\b(?!['’])")  # "737 Max"
_DIGIT_LETTER = re.compile(r"\d[xXkK]")


@lru_cache(maxsize=64)  # per document: the scan covers the whole text
def _model_numbers(doc_text: str, demonym_endings: tuple) -> frozenset[str]:
    if not re.search(r"\d{3}", doc_text):
        return frozenset()
    found = {m.group(1) for m in _HYPHENED_MODEL.finditer(doc_text)}
    if _DIGIT_LETTER.search(doc_text):  # (a glued model needs a digit and one of its letters: most texts have none)
        found |= {m.group(1) or m.group(2) for m in _GLUED_MODEL.finditer(doc_text)}
    pairs: dict[tuple[str, str], int] = {}
    for m in _NUMBER_NAME.finditer(doc_text):
        if not m.group(2).endswith(("s",) + demonym_endings):
            key = (m.group(1), m.group(2))
            pairs[key] = pairs.get(key, 0) + 1
    return frozenset(found | {n for (n, _), c in pairs.items() if c >= 2})


_NAME_AFTER = re.compile(r"[ \u00a0]+([A-Z][a-z][\w'’-]*)")


def _name_after(s: str, pos: int, vocab: Vocabulary) -> bool:
    """Is the next word a singular capitalised name ("Max", "Dreamliner"), not a plural or a word of
    nationality ("Ukrainians", "Chinese") that the number counts?"""
    m = _NAME_AFTER.match(s, pos)
    return bool(m) and not m.group(1).endswith(("s",) + tuple(vocab.nonq["demonym_endings"]))


def split_spaced(s: str, atoms: list[Atom], vocab: Vocabulary) -> list[Atom]:
    """Digits grouped by a plain space are two numbers, not one in thousands, where a name follows them and
    nothing measures them (no unit, currency or percent after): in "roughly 400 737 Max jets" the first is a
    count, the second the model's name ("12 000 kWh", "45 000 people", "12 500 Ukrainians" and a group of
    zeros, "3 000 Something", stay one number each). So are they before a percent sign: shares run to three
    figures, and "74 100%" in a table's line is a count, then a share."""
    out = []
    for a in atoms:
        percent = s[a.end:a.end + 1] == "%"
        if (a.kind != "digits" or " " not in a.text or a.text.endswith(" 000")
                or not percent and (vocab.after_number_re.match(s, a.end) or not _name_after(s, a.end, vocab))):
            out.append(a)
            continue
        for piece in re.finditer(r"[^ ]+", a.text):
            start = a.start + piece.start()
            out.append(Atom(start, start + len(piece.group()), float(piece.group()), "digits", piece.group()))
    return out


def is_year(m, vocab: Vocabulary) -> bool:
    """A four-digit whole number in the year range, with no unit, currency or magnitude, is a year."""
    a = m.atom
    lo, hi = vocab.nonq["year_range"]
    return (a.kind == "digits" and _FOUR_DIGITS.fullmatch(a.text) is not None and lo <= a.value <= hi
            and m.unit == "count" and m.magnitude == 1 and not m.currency)


_YEAR_DASH = re.compile(r"(?:18|19|20)\d\d[-–/]$")


def is_year_tail(s: str, m) -> bool:
    """'2013-14': the short number after a year and a dash is a year too."""
    # (the cheap tests first; the year and dash end at the number: searched from six characters before it)
    return bool(m.atom and m.atom.kind == "digits" and len(m.atom.text) <= 2 and m.unit == "count"
                and _YEAR_DASH.search(s, max(0, m.start - 6), m.start))


_CONNECTOR = re.compile(r"-?\s*(?:to|-|–|—)\s*|-|–")
_COMPACT = re.compile(r"[-–‑]")
_CLAUSE_BREAK = re.compile(r"[,;:(\[—–]|\s-\s")


def _words_before(s: str, pos: int, n: int) -> list[str]:
    """The last n words before pos in the same clause, lower case, without punctuation."""
    head = _CLAUSE_BREAK.split(s[:pos])[-1]
    return [w.strip(".,;:!?\"'“”‘’()").lower() for w in head.split()][-n:]


def _hedged(s: str, pos: int, vocab: Vocabulary) -> bool:
    """Does a hedge phrase ("about", "up to") or a range cue word ("between", "aged") end right before pos?"""
    before = _SPACES.sub(" ", s[max(0, pos - 40):pos].lower()).rstrip()
    return any(before == c or before.endswith(" " + c) or before.endswith("(" + c) for c in _range_cues(vocab))


@lru_cache(maxsize=8)
def _range_cues(vocab: Vocabulary) -> frozenset[str]:
    table, _ = vocab.hedge_before_lookup
    return frozenset(table) | {w.lower() for w in vocab.nonq["range_cues_before"]}


def _counted_noun_after(s: str, pos: int, vocab: Vocabulary) -> bool:
    """Is the pair followed by a plural noun it counts ("15-20 people", "10 to 12 armed drones")?"""
    nq = vocab.nonq
    words = re.match(r"(?:[\s\u00a0]+([a-z][a-z'’-]*)){1,3}", s[pos:])
    if not words:
        return False
    for w in re.findall(r"[a-z][a-z'’-]*", words.group())[:3]:
        if w in nq["score_nouns"] or w in _FUNCTION_NEXT:
            return False  # "6-3 in the doubles match": the noun after a preposition is not what is counted
        if w in nq["irregular_plurals"] or (len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is"))
                                            and w not in nq["not_plurals"]):
            return True
    return False


def pair_reading(s: str, m1, m2, vocab: Vocabulary) -> str | None:
    """How two neighbouring numbers read: "range", "pair" (two values), a non-quantity reason for both
    ("score", "record", "model", "tally"), or None when nothing joins them.

    The rule: "between X and Y" is a range. A dash or "to" between X and Y makes a range only with a range
    cue (a unit, currency, percent or magnitude on either number; a hedge or cue word such as "aged" before
    X; a counted noun after Y; or, for "X to Y" with the word, X below Y) and no change verb: "rose from 40
    to 50" is a before and an after, "rose 0.4% to 13,176" a change and a level, and so is "cut by 20 to
    95" (but "rise by 3 to 5%", one unit for both numbers, is a range). Without a cue, a compact "6-4"
    (digits joined by a dash alone) is a score, win-loss record or tally, not a quantity; "five to two" in
    words is two values."""
    if any(m.atom and m.atom.kind == "multiple" for m in (m1, m2)):
        return None  # "tripled to 40": a verb's multiple, then its result
    gap = s[m1.end:m2.start]
    if re.fullmatch(r"\s+and\s+", gap):
        return "range" if re.search(r"\bbetween\s+$", s[:m1.start], re.I) else None
    if not _CONNECTOR.fullmatch(gap):
        return None
    compact = (_COMPACT.fullmatch(gap) is not None and m1.atom is not None and m2.atom is not None
               and m1.atom.kind == m2.atom.kind == "digits" and m1.end == m1.atom.end and m2.start == m2.atom.start
               and not m1.currency and not m2.currency and m1.unit == m2.unit == "count"
               and m1.magnitude == m2.magnitude == 1)
    before = _words_before(s, m1.start, 5)
    # the verb governing "from X to Y" may stand far back in its clause ("narrowed the pool of labs that
    # had the strain from 16 to 4"): read back to the clause's punctuation, at most 15 words
    clause = re.split(r"[,;:.!?()\u2014]", s[:m1.start])[-1]
    wide = [w.strip(".,;:!?\"'“”‘’()").lower() for w in s[:m1.start].split()][-8:] + \
        [w.strip("\"'“”‘’").lower() for w in clause.split()][-15:]
    if before[-1:] == ["from"] and any(w in vocab.change_words for w in wide):
        return "pair"  # "rose by 37%, from 0.90% to 1.23%": a before and an after
    if any(w in vocab.change_words for w in before):
        own_unit = m1.unit != "count" or m1.currency
        if own_unit and m2.unit != m1.unit:
            return "pair"  # "rose 0.4% to 13,176": a change and a level
        if before[-1:] == ["by"] and (own_unit or m2.unit == "count" and not m2.currency):
            return "pair"  # "cut by 20 to 95 jets", "rose by 3% to 5%"; but "rise by 3 to 5%" shares its unit: a range
    if m1.unit != "count" or m2.unit != "count" or m1.currency or m2.currency or max(m1.magnitude, m2.magnitude) > 1:
        return "range"  # "3-4 days", "$5-10", "350-375 million": a unit or magnitude serves both
    rising = m1.value is not None and m2.value is not None and m1.value < m2.value
    if rising and _counted_noun_after(s, m2.end, vocab):
        return "range"  # "scored 2-3 goals a game": a score names no counted noun after it
    if any(w in vocab.score_words for w in before[-3:]):
        return _tally_reason(s, m1, m2, vocab) if compact else "pair"
    if _hedged(s, m1.start, vocab) or _counted_noun_after(s, m2.end, vocab):
        return "range"
    if re.search(r"\bto\b", gap) and rising:
        return "range"  # "3 to 4": spelled out with "to", rising order is itself a cue; "five to two" is not
    return _tally_reason(s, m1, m2, vocab) if compact else "pair"


def _tally_reason(s: str, m1, m2, vocab: Vocabulary) -> str:
    """What kind of compact pair this is: a model number ("787-9 Dreamliner"), a win-loss record
    ("(6-5, 3-4)", "a 29-14 record"), a score ("won 6-4", "a 4-1 win") or another tally ("passed 8-1")."""
    nq = vocab.nonq
    nxt = re.match(r"[\s\u00a0]+([A-Za-z][\w'’-]*)", s[m2.end:])
    word = nxt.group(1) if nxt else ""
    if len(m1.atom.text) >= 3 and len(m2.atom.text) < len(m1.atom.text) and word[:1].isupper():
        return "model"
    in_brackets = (re.search(r"\(\s*(?:\d+[-–]\d+,\s*)*$", s[:m1.start])
                   and re.match(r"\s*(?:,\s*\d+[-–]\d+\s*)*\)", s[m2.end:]))  # "(6-5, 3-4)" and nothing else
    if word.lower() in nq["record_nouns"] or in_brackets:
        return "record"
    sentence = {w.strip(".,;:!?\"'“”()").lower() for w in s.split()}
    if word.lower() in nq["score_nouns"] or sentence & (vocab.score_words | set(nq["score_nouns"])):
        return "score"
    return "tally"


# --- Spans: constructions that hold one or more numbers and are not quantities as a whole ----------
# Each: (reason, pattern, hint). Earlier patterns win where two overlap. The hint is text every match
# holds (one of the strings, None for no cheap test): a substring test skips the scan of the sentence by
# the pattern, which is what most of the time of span_drops went to. Cased letters of a hint are tested
# on the lower-cased sentence (see _present).
_SPAN_PATTERNS = [
    ("url", re.compile(r"\b(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/\S*", re.I), ("/", "www.")),
    ("identifier", re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), ("@",)),  # e-mail address
    ("identifier", re.compile(r"\b(?:doi:?\s*)?10\.\d{4,9}/\S+", re.I), ("/",)),  # DOI
    # (the patterns that start with digits start with one and look behind it after, "\d(?<![\w.-]\d)" for
    # "(?<![\w.-])\d", so the engine skips to the digits instead of trying every position: 2x faster)
    ("date", re.compile(r"\d(?<![\w.-]\d)\d{3}-\d{2}-\d{2}(?![\w-])"), ("-",)),  # ISO date
    ("phone", re.compile(r"(?<![\w.+-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w-])"),
     None),
    ("identifier", re.compile(r"\d(?<![\w.]\d)\d*(?:\.\d+){2,}(?![\w]|\.\d)"), None),  # version 1.8.3
    ("identifier", re.compile(r"\b0x[0-9a-f]+\b", re.I), ("0x",)),  # hexadecimal id
    ("identifier", re.compile(r"\d(?<![\w.-]\d)\d*(?:[-‑]\d+){2,}(?![\w-])"), ("-", "‑")),  # 978-3-319: ISBN, code
]


# A reference mark: a bracket holding only small numbers, right after a word, that ends a clause ("...fullness
# (17).", "(3, 4)," "(12)\n"); not a score's tie-break ("7-6 (5),"), since a digit comes before it.
_REFERENCE = re.compile(r"(?<=[A-Za-z%)\]”\"’'])\s*\(\s*(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\s*\)(?=\s*(?:[.,;:]|$))", re.M)


@lru_cache(maxsize=64)  # per document
def cites_by_number(doc_text: str) -> bool:
    """Does the document cite its sources by number, in brackets ("... fullness (17).")? Three such marks or
    more make every one of them a reference, not a quantity; one alone may be a count restated ("four (4).")."""
    return len(_REFERENCE.findall(doc_text)) >= 3


def span_drops(s: str, vocab: Vocabulary, line_start: bool, doc_text: str = "") -> list[Dropped]:
    """Non-quantities that span more than one number or more than a number, found before the atoms:
    URLs, e-mail addresses, DOIs, phone numbers, versions, ids, compact tallies, street addresses, results
    lines ("Rovers 2, City 1:"), reference marks of a document that cites by number ("(14, 15)."), gallery counters ("1 / 5" alone on its line, "Photo 3 of 12") and vague amounts ("several thousand")."""
    nq = vocab.nonq
    found: list[Dropped] = []

    def add(reason: str, start: int, end: int) -> None:
        if all(end <= d.start or start >= d.end for d in found):
            found.append(Dropped(start, end, reason))

    low = lowered(s)
    tally = [("tally", _tally_re(vocab.fragment("NUMBER_WORD", "0-50")), None)] if _TALLY_HINT.search(s) else []
    if _DIGIT.search(s):
        before, after = _digit_span_patterns(vocab)
        patterns = before + tally + after if tally else before + after
    else:  # only a tally in words ("a two-on-one") can hold a number here
        patterns = tally if _WORD_TALLY_HINT.search(s) else []
    for reason, pat, hint in patterns:
        # (_present inlined: it ran ten times a sentence)
        if hint is None or low is None or any(h in low for h in hint):
            for m in pat.finditer(s):
                add(reason, m.start(), m.end())
    if "(" in s and cites_by_number(doc_text or s):
        for m in _REFERENCE.finditer(s):
            add("reference", m.start(1), m.end(1))  # "(14, 15)": the sources a claim cites
    result = _RESULT_LINE.match(s) if line_start else None
    if result:
        add("score", result.start(1), result.end(2))  # "Hawks 101, Nets 99:" heading a game's summary
    counter = _COUNTER.fullmatch(s) if line_start else None
    if counter and int(counter.group(1)) <= int(counter.group(2)):
        add("counter", counter.start(1), counter.end(2))  # a gallery's "1 / 5", alone on its line
    # both patterns below need a scale word ("thousands", "a billion-dollar"): most sentences have none
    scales = _present(_scale_words(vocab), s, low)
    for m in _vague_re(tuple(nq["vague_words"]), vocab.fragment("SCALE")).finditer(s) if scales else ():
        add("vague", m.start(), m.end())
    for m in _ZERO.finditer(s) if "ero" in s else ():
        noun = m.group(2)
        if not noun.endswith("s") and noun not in vocab.unit_aliases and noun not in nq.get("zero_counts_before", ()):
            add("vague", m.start(1), m.end(1))  # "zero shame", "zero tolerance": "no", not a count of none
    for m in _magnitude_re(tuple(nq.get("magnitude_nouns", ())), vocab.fragment("SCALE")).finditer(s) if scales else ():
        add("vague", m.start(1), m.end(1))  # "a billion-dollar deal": an order of magnitude, not an amount
    return sorted(found, key=lambda d: d.start)


_ZERO = re.compile(r"\b([Zz]ero)\s+([a-z][a-z-]+)\b")
_DIGIT = re.compile(r"\d")
_WORD_TALLY_HINT = re.compile(r"-(?:on|of|for)-")
_COUNTER = re.compile(r"\s*(\d{1,3})\s*/\s*(\d{1,3})\s*")  # a gallery's "1 / 5", alone on its line


@lru_cache(maxsize=8)  # built once per vocabulary: the tuples were built and hashed again for every sentence
def _digit_span_patterns(vocab: Vocabulary) -> tuple[list, list]:
    """The span patterns of a sentence with a digit, those before the tally and those after it."""
    nq = vocab.nonq
    gallery = tuple(nq["gallery_words"])
    return list(_SPAN_PATTERNS), [("address", _address_re(tuple(nq["street_types"])), None),
                                  ("counter", _gallery_re(gallery), gallery)]
# what every tally holds: "-of-", "–for–", "-on-" (see _tally_re)
_TALLY_HINT = re.compile(r"[-–‑](?:of|for|on)[-–‑]", re.I)


def _present(hint: tuple[str, ...], s: str, low: str | None) -> bool:
    """Does s hold one of the hint's strings, as a case-insensitive pattern would find it? low is s lower-cased,
    or None where s has a letter that such matching equates with an ASCII one and lower() does not (then
    the pattern is run: True)."""
    return low is None or any(h in low for h in hint)


@lru_cache(maxsize=8)
def _scale_words(vocab: Vocabulary) -> tuple[str, ...]:
    """The first word of each scale word and "dozen", lower case: one of them is in every vague amount."""
    return ("dozen", *(w.split()[0].lower() for w in vocab.lexicon["scales"]))


@lru_cache(maxsize=8)
def _magnitude_re(nouns: tuple, scales: str) -> re.Pattern:
    """'a billion-dollar deal', 'a multimillion-pound settlement': a scale word glued to a currency or unit
    noun, with no numeral, makes an adjective of size."""
    alts = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\d.,] )(?<![\d.,$€£])\b((?:\ban?\s+)?(?:multi-?)?(?:{scales})-(?:{alts}))\b", re.I)


# A results line: two sides, each named and followed by its score, then a colon or the end of the line
# ("Rovers 2, City 1: ..."), as sports round-ups head each game. Only at the start of a line.
_TEAM = r"(?:[A-Z][\w.'’&-]*\s+){1,4}"
_RESULT_LINE = re.compile(rf"\s*{_TEAM}(\d{{1,3}}),\s+{_TEAM}(\d{{1,3}})(?:\s*\((?:OT|SO|ET|aet|pens?)\))?\s*(?::|$)")


@lru_cache(maxsize=8)
def _address_re(street_types: tuple) -> re.Pattern:
    types = "|".join(re.escape(t) for t in sorted(street_types, key=len, reverse=True))
    # ("\d(?<![\w,.$€£-]\d)\d{0,5}" is "(?<![\w,.$€£-])\d{1,6}" starting with its digit, see _SPAN_PATTERNS)
    return re.compile(rf"\d(?<![\w,.$€£-]\d)\d{{0,5}}\s+(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?"
                      rf"(?:[A-Z0-9][\w'’-]*\.?\s+){{1,4}}?(?:{types})\b\.?")


@lru_cache(maxsize=8)
def _gallery_re(words: tuple) -> re.Pattern:
    alts = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\b(?:{alts})\s+\d{{1,3}}\s*(?:of|/)\s*\d{{1,3}}\b", re.I)


@lru_cache(maxsize=8)
def _vague_re(words: tuple, scales: str) -> re.Pattern:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # a bare plural ("thousands") only where no numeral comes before it ("1.5 millions" is a number)
    return re.compile(rf"(?<![\d.,] )(?<![\d.,])\b(?:(?:{alts})\s+)?(?:dozen|{scales})s\b"
                      rf"|\b(?:{alts})\s+(?:dozen|{scales})\b", re.I)


@lru_cache(maxsize=8)
def _tally_re(number_words: str) -> re.Pattern:
    """"20-of-24 passing", "3-for-5", "a two-on-one": a compact tally of attempts or players."""
    n = rf"(?:\d+|{number_words})"
    return re.compile(rf"(?<![\w-]){n}[-–‑](?:of|for|on)[-–‑]{n}(?![\w-])", re.I)
