"""Context from the words around a number (subject, event, actor, source, time): what frames fall back on where the parse says nothing."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.mentions import Mention
from checker.extract.units import normalise
from checker.lexicon import lexicon_pattern
from checker.startup import lemminflect
from checker.vocab import Vocabulary

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*|\d[\d,.]*\d|\d|[^\sA-Za-z\d]")
_CLAUSE_BREAK = {",", ";", ":", "—", "–", "(", ")", ".", "!", "?", '"', "“", "”"}
_MODIFIER_ENDINGS = ("ic", "al", "ed", "ing", "ive", "ous", "ary", "ful", "less", "ern", "ish", "-type",
                     "-range", "-made", "-based", "-led", "-old", "-scale")
# Patterns scanned over whole sentences open with a lookahead naming the characters a match can start
# with: the engine then rejects most positions at once (tests/test_fast_paths.py holds them to that).
_TIME = lexicon_pattern(
    r"(?=[oilestnpadb(?&INITIALS:MONTH_ABBR)])\b(?:overnight(?: into \w+)?|over the (?:past|previous|last) (?:day|24 hours|week|month|year)|"
    r"in the (?:past|previous|last) (?:day|24 hours|week|month|year)|"
    r"(?:late |early )?on (?&WEEKDAY)|"
    r"since (?:the start of the year|\d{4}|(?&MONTH))|"
    r"(?:last|this|next) (?:year|week|month|night|season|weekend)|"
    r"(?:per|a|each) day|daily|"
    r"in (?&MONTH)(?: \d{4})?|"
    r"(?&MONTH_ABBR)[a-z]*\.? \d{1,2}(?:, \d{4})?|"
    r"in (?:19|20)\d\d|between (?:19|20)\d\d and (?:19|20)\d\d)\b")


_IRREGULAR_PLURALS = {"people", "children", "women", "men", "police", "personnel", "cattle", "feet",
                      "teeth", "mice", "geese", "data"}


@dataclass
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@lru_cache(maxsize=50000)
def _lemmas(word: str) -> dict:
    return lemminflect.getAllLemmas(word)


def tokens(s: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(s)]


@lru_cache(maxsize=64)
def _sentence_tokens(s: str) -> tuple[list[Token], list[int]]:
    toks = tokens(s)
    return toks, [t.end for t in toks]


def tokens_before(s: str, pos: int) -> list[Token]:
    """tokens(s[:pos]), from the sentence's tokens found once (every number of a sentence asks)."""
    toks, ends = _sentence_tokens(s)
    i = bisect.bisect_right(ends, pos)
    if i < len(toks) and toks[i].start < pos:  # a token runs across pos: cut it as s[:pos] would
        return tokens(s[:pos])
    return toks[:i]


def tokens_after(s: str, pos: int, reach: int) -> list[Token]:
    """tokens(s[pos:pos + reach]), with offsets in s, from the sentence's tokens found once."""
    toks, ends = _sentence_tokens(s)
    i = bisect.bisect_right(ends, pos)
    if i < len(toks) and toks[i].start < pos:  # a token runs across pos: cut it as the slice would
        return [Token(t.start + pos, t.end + pos, t.text) for t in tokens(s[pos:pos + reach])]
    stop = pos + reach
    j = bisect.bisect_right(ends, stop)
    if j < len(toks) and toks[j].start < stop:  # the token across the end, cut as the slice would
        return toks[i:j] + [Token(t.start + toks[j].start, t.end + toks[j].start, t.text)
                            for t in tokens(s[toks[j].start:stop])]
    return toks[i:j]


def _noun_lemma(word: str, vocab: Vocabulary, after_number: bool = False) -> tuple[str, bool] | None:
    """(singular lemma, is plural) when the word can be a noun, else None.

    Right after a number a word in -s is a plural noun even where the lexicon
    only knows the verb ("18 million jabs"), unless it is a common verb.
    """
    lw = word.lower().strip("'’")
    if lw in vocab.synonyms:
        return vocab.synonyms[lw], lw.endswith("s") or lw in _IRREGULAR_PLURALS
    if lw in vocab.not_subjects:
        return None
    lemmas = _lemmas(lw)
    if "NOUN" in lemmas:
        lemma = lemmas["NOUN"][0]
        return lemma, lemma != lw
    if after_number and "VERB" in lemmas and lw.endswith("s") and not lw.endswith("ss"):
        return lemmas["VERB"][0], True
    if not lemmas and "-" not in lw and lw.isalpha() and not lw.endswith(_MODIFIER_ENDINGS):
        if lw.endswith("ies"):
            return lw[:-3] + "y", True
        if lw.endswith("s") and not lw.endswith("ss"):
            return lw[:-1], True
        return lw, False
    return None


def _is_modifier(word: str) -> bool:
    lw = word.lower()
    lemmas = _lemmas(lw)
    if not lemmas:
        return "-" in lw or lw.endswith(_MODIFIER_ENDINGS) or word[:1].isupper()
    return ("ADJ" in lemmas or "ADV" in lemmas or "NUM" in lemmas) and "NOUN" not in lemmas


def _is_verb(word: str) -> bool:
    lemmas = _lemmas(word.lower())
    return bool(lemmas) and ("VERB" in lemmas or "AUX" in lemmas) and "NOUN" not in lemmas and "ADJ" not in lemmas


def leading_noun_phrase(text: str, limit: int = 4) -> str:
    """The first words of text up to a verb or punctuation: 'voters rejected the plan' -> 'voters'."""
    words = []
    for t in tokens(text)[:limit]:
        if not t.text[0].isalnum() or (words and _is_verb(t.text)):
            break
        words.append(t.text)
    return " ".join(words)


def canonical_subject(lemma: str, vocab: Vocabulary) -> str:
    lemma = lemma.lower()
    return vocab.synonyms.get(lemma, lemma)


_OF_DETERMINERS = re.compile(
    r"(?:\s+(?:the|its|their|his|her|our|these|those|all|an?|some|estimated|reported|"
    r"[A-Za-z][\w-]*['’]s?(?=\s)|[a-z]+ly)\b)*\s*")
_REFERENCED_NUMBER = lexicon_pattern(
    r"(?:[A-Za-z'’-]+\s+){0,3}?[$€£]?(\d[\d,.]*(?:\s*(?:(?&SCALE:1e3-1e12)|bn|m)\b)?)")


def noun_after(s: str, pos: int, vocab: Vocabulary, allow_of: bool = True) -> str | None:
    """Head noun of the noun phrase that starts at pos ('171 long-range drones' -> drone)."""
    toks = tokens_after(s, pos, 160)
    i = 0
    if toks and toks[0].text == "(":  # skip a bracketed conversion: "187-km (116-mile) stage"
        while i < len(toks) and toks[i].text != ")":
            i += 1
        i += 1
    if i < len(toks) and toks[i].text == "-" and toks[i].start == pos and i + 1 < len(toks):
        glued = _noun_lemma(toks[i + 1].text, vocab)  # "four-point plan", "150-seat chamber"
        return canonical_subject(glued[0], vocab) if glued else None
    if allow_of and i < len(toks) and toks[i].lower == "of":
        rest = toks[i].end
        rest += _OF_DETERMINERS.match(s, rest).end() - rest
        ref = _REFERENCED_NUMBER.match(s, rest)
        if ref:  # "14 of the 19 municipalities": the noun of the number referred to
            return noun_after(s, ref.end(1), vocab, allow_of=False)
        return noun_after(s, rest, vocab, allow_of=False)
    if i < len(toks) and toks[i].lower in ("were", "was", "are", "is") and allow_of:
        nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
        verb = _lemmas(nxt).get("VERB", (nxt,))[0]
        if verb != nxt:
            return None  # "118 were shot down": a passive verb, not a predicate noun
        return noun_after(s, toks[i].end, vocab, allow_of=False)  # "1,450 were pre-school children"
    skip = _skip_words(vocab)
    capitals: list[str] = []
    candidate: str | None = None
    after_conj = False
    seq = toks[i:i + 9]
    for k, t in enumerate(seq):
        w, lw = t.text, t.lower
        nxt = seq[k + 1].text if k + 1 < len(seq) else ""
        if not w[0].isalnum():
            if w in ("-", "'", "’"):
                continue
            break
        if w[0].isdigit():
            break
        if lw in ("and", "or") and candidate is None and k > 0 and not capitals:
            continue  # "five partially or fully occupied regions"
        if lw in ("and", "or") and candidate and not after_conj:
            after_conj = True  # "2.1 million flu and Covid-19 vaccinations": look on for the plural
            continue
        if lw in skip or lw.endswith(("'s", "’s")):
            continue  # "10 more batteries", "the world's population"
        if lw in vocab.not_subjects:
            break
        if w[0].isupper() and lw not in vocab.synonyms:
            capitals.append(w)
            continue
        lemmas = _lemmas(lw)
        if (capitals and candidate is None and capitals[-1].endswith("s") and "VERB" in lemmas
                and not lw.endswith("s")):
            break  # "76% of Ukrainians reject ...": the capitalised word was the noun
        if _is_verb(w):
            if candidate is None and lw.endswith(("ed", "en", "ing")) and _plural_ahead(seq[k + 1:], vocab):
                continue  # "2,300 confirmed cases", "six guided bombs", "five occupied regions"
            if not (lw.endswith("s") and _noun_lemma(w, vocab, after_number=True)):
                break
        noun = _noun_lemma(w, vocab, after_number=True)
        if noun and after_conj:
            if noun[1]:
                candidate = noun[0]
                break
            if k + 1 < len(seq) and seq[k + 1].text[:1].islower():
                continue  # "search and rescue workers": the plural may come one word later
            break
        if noun and not (_is_modifier(w) and candidate is None and not noun[1]):
            candidate = noun[0]
            if noun[1]:
                break
            continue
        if _is_modifier(w):
            if candidate:
                break
            continue
        break
    if candidate:
        return canonical_subject(candidate, vocab)
    if capitals:
        cap = re.sub(r"['’]s?$", "", capitals[-1])
        if cap in vocab.actor_of_word and cap.endswith("s"):
            return "person"  # "76% of Ukrainians", "one in five Germans"
        return canonical_subject(cap, vocab)
    return None


@lru_cache(maxsize=8)  # built once, not for every number
def _skip_words(vocab: Vocabulary) -> frozenset[str]:
    return frozenset(w.lower() for w in vocab.subjects.get("skip_words", []))


def _plural_ahead(seq: list[Token], vocab: Vocabulary) -> bool:
    """Does a plural noun follow within a few modifiers (so the word before it is a modifier)?"""
    for t in seq[:4]:
        lw = t.lower
        if not t.text[0].isalpha() or lw in vocab.not_subjects and lw not in ("and", "or"):
            return False
        if t.text[0].isupper() or lw in ("and", "or"):
            continue
        noun = _noun_lemma(t.text, vocab, after_number=True)
        if noun and noun[1] and not _is_verb(t.text):
            return True
        if _is_verb(t.text) and not lw.endswith(("ed", "en")):
            return False
    return False


def _first_word_plural(s: str, pos: int, vocab: Vocabulary) -> bool:
    """Is there a plural noun among the next three words ('one in 10 pregnant women')?"""
    for w in re.findall(r"[A-Za-z-]+", s[pos:pos + 50])[:3]:
        if w.lower() in vocab.not_subjects:
            return False
        noun = _noun_lemma(w, vocab, after_number=True)
        if noun and noun[1]:
            return True
    return False


def noun_before(s: str, pos: int, vocab: Vocabulary) -> str | None:
    """Nearest noun before pos in the same clause, past verbs of change and hedges."""
    for t in reversed(tokens_before(s, pos)):
        w, lw = t.text, t.lower
        if w in _CLAUSE_BREAK:
            return None
        if w[0].isdigit() or not w[0].isalpha() or lw in vocab.change_words or lw in vocab.not_subjects:
            continue
        if _is_verb(w) or (w[0].isupper() and lw not in vocab.synonyms and t.start > 0):
            continue
        noun = _noun_lemma(w, vocab)
        if noun and not _is_modifier(w):
            return canonical_subject(noun[0], vocab)
    return None


def plural_noun_before(s: str, pos: int, vocab: Vocabulary) -> str | None:
    """The nearest plural noun before pos, across commas ('Allied troops, which could number ...')."""
    for t in list(reversed(tokens_before(s, pos)))[:14]:
        if t.lower in vocab.not_subjects or not t.text[0].isalpha():
            continue
        noun = _noun_lemma(t.text, vocab)
        if noun and noun[1] and not _is_verb(t.text):
            return canonical_subject(noun[0], vocab)
    return None


def of_noun_before(s: str, pos: int, vocab: Vocabulary, count: bool = False) -> str | None:
    """'a depth of 10 km', 'winds of up to 80 km/h': the noun before 'of'.

    For counts only nouns that name a measure of people or things qualify
    ('a population of 710,000' counts persons).
    """
    m = vocab.of_before_re.search(s[max(0, pos - 80):pos])
    if m and count:
        return vocab.subjects["count_nouns"].get(m.group(1).lower())
    if m and m.group(1).lower() not in vocab.not_subjects:
        noun = _noun_lemma(m.group(1), vocab)
        if noun:
            return canonical_subject(noun[0], vocab)
    return None


def subject_of(s: str, m: Mention, vocab: Vocabulary, previous: list[Mention] | None = None) -> str | None:
    """What the mention counts or measures, from the words around it (None if the text does not say)."""
    after = noun_after(s, m.end, vocab)
    unit = m.unit
    if unit in ("percent", "fraction", "point"):
        det = re.match(r"\s+(?:the|its|their|his|her)\s", s[m.end:])
        if det and m.atom and m.atom.text.lower().startswith("half"):
            return noun_after(s, m.end + det.end() - 1, vocab)  # "half the world's population"
        if after and (re.match(r"\s+of\b", s[m.end:]) or _first_word_plural(s, m.end, vocab)):
            return after
        change = re.match(r"\s+(?:rise|increase|fall|drop|decline|jump|gain|growth|cut|reduction)\s+in\s+",
                          s[m.end:])
        if change:  # "a 12% rise in operating profit"
            return noun_after(s, m.end + change.end(), vocab, allow_of=False)
        if re.match(r"\s+of\b", s[m.end:]) or unit == "point":
            return vocab.subjects["default_by_unit"].get(unit)
        return of_noun_before(s, m.start, vocab) or noun_before(s, m.start, vocab)
    if unit == "count":
        if after:
            return after
        counted = re.search(r"\bnumber\s+of\s+([a-z]+)\s+(?:at|to|was|is|stood\s+at|reached|rose\s+to)\s+$",
                            s[:m.start])
        if counted:  # "putting the overall number of casualties at 23"
            noun = _noun_lemma(counted.group(1), vocab)
            return canonical_subject(noun[0], vocab) if noun else None
        if re.search(r"\b(?:number|numbered|numbers|total|totalled|totaled|totals)\s+(?:between\s+)?"
                     r"(?:[a-z]+\s+){0,2}$", s[:m.start]):
            return plural_noun_before(s, m.start, vocab)  # "troops, which could number 10,000"
        return of_noun_before(s, m.start, vocab, count=True)
    if m.currency:
        if after and not re.match(r"\s+(?:in|of|for|on|to|a|per)\b", s[m.end:]):
            return _first_noun_after(s, m.end, vocab) or after
        if re.match(r"\s+(?:in|of)\s", s[m.end:]):
            inner = noun_after(s, m.end + re.match(r"\s+(?:in|of)\s", s[m.end:]).end(), vocab)
            if inner:
                return inner
        return of_noun_before(s, m.start, vocab)
    # a measure: length, area, speed, duration, ...
    if m.hyphen_unit:
        return after
    if re.match(r"['’]\s", s[m.end:]) or s[m.end - 1:m.end] in ("'", "’"):  # "two hours' warning"
        return noun_after(s, m.end + (0 if s[m.end - 1:m.end] in ("'", "’") else 1), vocab)
    if re.match(r"\s*(?:\([^)]*\)\s*)?of\s", s[m.end:]):
        return after
    ofn = of_noun_before(s, m.start, vocab)
    if ofn:
        return ofn
    if distance_after(s, m.end, vocab) and normalise(1.0, unit, vocab)[1] == "m":
        return "distance"  # (a length: "six hours from the time he spoke" is no distance)
    return vocab.subjects["default_by_unit"].get(unit)


def _first_noun_after(s: str, pos: int, vocab: Vocabulary) -> str | None:
    """For money: '€3.5 billion loan package' names the loan, the first noun of the compound."""
    for t in tokens_after(s, pos, 60)[:3]:
        if not t.text[0].isalpha() or t.lower in vocab.not_subjects:
            return None
        noun = _noun_lemma(t.text, vocab)
        if noun and not _is_modifier(t.text) and "ADJ" not in _lemmas(t.lower):
            return canonical_subject(noun[0], vocab)
    return None


@dataclass(frozen=True)
class SentenceFacts:
    """What context lookups scan a sentence for, found once per sentence (not once per number)."""
    breaks: tuple[int, ...]                        # ends of "and", "while", "but", "whereas" and commas
    blocked: tuple[tuple[int, int], ...]           # phrases that contain a trigger word but are not one
    actors: tuple[tuple[int, int, str], ...]       # (start, end, word) of actor names
    times: tuple[tuple[int, int, str], ...]        # (start, end, text) of time expressions


_BREAKS = re.compile(r"(?=[awb,])(?:\b(?:and|while|but|whereas)\b|,)")


@lru_cache(maxsize=256)
def sentence_facts(s: str, vocab: Vocabulary) -> SentenceFacts:
    return SentenceFacts(
        tuple(m.end() for m in _BREAKS.finditer(s)),
        tuple(b.span() for b in vocab.not_trigger_re.finditer(s)),
        tuple((a.start(), a.end(), a.group()) for a in vocab.actor_re.finditer(s)),
        tuple((t.start(), t.end(), t.group()) for t in _TIME.finditer(s)))


def event_of(s: str, m: Mention, subject: str | None, prev_end: int, next_start: int,
             vocab: Vocabulary) -> tuple[str | None, int]:
    """Event label of the mention and the position of its trigger word (-1 if none)."""
    if m.unit in vocab.events.get("no_event_units", []):
        return None, -1
    if subject and subject in vocab.event_of_noun:
        return vocab.event_of_noun[subject], m.start
    facts = sentence_facts(s, vocab)
    # the last break at or before the number, if within 80 characters (the breaks are in text order)
    k = bisect.bisect_right(facts.breaks, m.start) - 1
    conj = [facts.breaks[k]] if k >= 0 and facts.breaks[k] >= m.start - 80 else []
    left_from = max([prev_end, m.start - 70, _clause_start(s, m.start)] + conj)
    right_to = min(next_start, m.end + 70, _clause_end(s, m.end))
    best: tuple[int, str | None, int] = (10**6, None, -1)
    blocked = facts.blocked
    for t in vocab.event_re.finditer(s, left_from, m.start):
        d = m.start - t.end()
        if d < best[0] and not _inside(t.span(), blocked):
            best = (d, _label(t.group(), vocab), t.start())
    for t in vocab.event_re.finditer(s, m.end, max(m.end, right_to)):
        if _inside(t.span(), blocked):
            continue
        d = t.start() - m.end
        if d < best[0]:
            best = (d, _label(t.group(), vocab), t.start())
        break
    if best[1] is None and _ATTACKED_WITH.search(s[max(0, m.start - 90):m.start]):
        hit = _ATTACKED_WITH.search(s[max(0, m.start - 90):m.start])
        best = (0, "launched", max(0, m.start - 90) + hit.start())  # "attacked Ukraine overnight with 90 drones"
    label = best[1]
    if label == "destroyed" and subject in vocab.events.get("aerial_subjects", []):
        label = "downed"
    return label, best[2]


_ATTACKED_WITH = lexicon_pattern(
    r"(?=[asptbh])\b(?:attacked|attacking|attacks|struck|pounded|targeted|bombarded|hit|shelled)\b[^.;,]{0,50}?\bwith\s+"
    r"(?:(?&HEDGE)|a\s+combined)?\s*$", re.I)


def _inside(span: tuple[int, int], blocked: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in blocked)


def _label(phrase: str, vocab: Vocabulary) -> str | None:
    return vocab.event_of_phrase.get(re.sub(r"\s+", " ", phrase.lower()))


def _clause_start(s: str, pos: int, reach: int = 300) -> int:
    floor = max(0, pos - reach)
    # (four calls written out: a generator over the marks cost more than the searches)
    cut = max(s.rfind(";", floor, pos), s.rfind("—", floor, pos), s.rfind(" – ", floor, pos), s.rfind(":", floor, pos))
    return cut + 1 if cut >= 0 else floor


def _clause_end(s: str, pos: int, reach: int = 300) -> int:
    ends = [i for i in (s.find(";", pos, pos + reach), s.find("—", pos, pos + reach), s.find(" – ", pos, pos + reach))
            if i >= 0]
    return min(ends) if ends else min(len(s), pos + reach)


_ACCORDING_TO = re.compile(r"according to ((?:the )?[^,.;]+)", re.I)
_SOURCE_CUT = re.compile(r"[,;:\"“”]|\bthat\b|\band\b")


def source_of(s: str, vocab: Vocabulary) -> str | None:
    """Who the sentence attributes its numbers to ('Ukraine's Air Force said', 'according to ...')."""
    m = _ACCORDING_TO.search(s)
    if m:
        return _trim_source(m.group(1))
    for v in vocab.source_verb_re.finditer(s):
        head = s[:v.start()].rstrip()
        if not head:
            continue
        piece = _SOURCE_CUT.split(head)[-1].strip()
        words = piece.split()
        if 0 < len(words) <= 7 and not words[0].lower() in ("which", "who"):
            return _trim_source(piece)
        tail = re.match(r"\s*(?:the\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)", s[v.end():])
        if tail:
            return _trim_source(tail.group(0).strip())
    return None


def _trim_source(text: str) -> str | None:
    text = re.sub(r"\s+", " ", text).strip(" \"“”'")
    return text[:80] or None


def actor_of(s: str, m: Mention, trigger: int, source: str | None, vocab: Vocabulary) -> str | None:
    """Who did it: the first actor named in the clause before the trigger, not as a possessive
    ('Ukraine's gas facilities') and not as the source ('Ukraine said ...'); else the source's side."""
    limit = trigger if 0 <= trigger < m.start else m.start
    start = _clause_start(s, limit)
    found = s.find(source) if source else -1
    source_span = (found, found + len(source)) if found >= 0 else (-1, -1)
    for a_start, a_end, word in sentence_facts(s, vocab).actors:
        if a_start < start or a_end > limit:
            continue
        if word.endswith(("'s", "’s")) or s[a_end:a_end + 2] in ("'s", "’s"):
            continue
        if source_span[0] <= a_start < source_span[1] or _SAID.match(s, a_end):
            continue
        return vocab.actor_of_word[word]
    if source:
        a = vocab.actor_re.search(source)
        if a:
            return vocab.actor_of_word[a.group()]
    return None


_SAID = re.compile(r"\s+(?:said|says|told|claimed)\b")


def time_of(s: str, m: Mention, vocab: Vocabulary) -> str | None:
    """The time expression nearest the mention: in its clause before it, or just after it."""
    best, dist = None, 10**6
    for t_start, t_end, text in sentence_facts(s, vocab).times:
        if t_start < m.end and t_end > m.start:
            continue
        if t_start >= m.end and t_start - m.end > 40:
            continue  # "... deadliest accident since 2023, when ...": another clause's time
        d = abs(t_start - m.start)
        if d < dist:
            best, dist = text, d
    return best


def distance_after(s: str, end: int, vocab: Vocabulary) -> bool:
    """'15 km from the front', '30 miles north of the city': the measure is a distance between places."""
    # (matched at `end`, not on the slice s[end:]: the pattern looks at nothing before its start)
    return _distance_re(vocab).match(s, end) is not None


@lru_cache(maxsize=8)  # built once, not for every number
def _distance_re(vocab: Vocabulary) -> re.Pattern:
    return re.compile(r"\s*(?:\([^)]*\)\s*)?(?:{})\b".format("|".join(vocab.subjects["distance_words"])))
