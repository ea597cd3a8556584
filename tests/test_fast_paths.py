"""Each fast path found by profiling gives exactly what the plain formulation it replaced gives."""
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from checker import context, dates, numbers
from checker.context import tokens, tokens_after
from checker.mentions import find_mentions
from checker.numbers import DIGITS, has_number
from checker.sentences import split_sentences
from checker.vocab import vocabulary

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
SAMPLE = ("Kiptum won in 2:00:35, at 10.30 or 9:15 on Sunday, Oct. 8, 2023, and one in five runners, "
          "one out of 20, finished overnight while 3 of them, 12 April, did not.")
DEV = ROOT.parent / "shared" / "corpus" / "dev"
TEXTS = ARTICLES + [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]

# the plain formulations, as they were before the fast paths
PLAIN_DIGITS = re.compile(r"(?<![\d])(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.])|\d+(?:,\d{3})*(?:\.\d+)?)"
                          r"(?![\d])|(?<![\d.])\.\d+(?![\d])")
PLAIN_ANY_NUMBER = re.compile(
    r"[\d⅓⅔¼½¾⅛⅜⅝⅞]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|third|quarter|fifth|zero",
    re.IGNORECASE)

numberish = st.text(alphabet="0123456789 ,.\u00a0\u202f\u2009-ab", max_size=40)
wordy = st.text(alphabet="Ab1 2,.-'’()$%\u00a0é", max_size=60)


def plain_hedge_before(s: str, start: int, vocab) -> str | None:
    """The hedge-before lookup as a loop over every phrase, longest first."""
    reach = max(0, start - 120)
    before = re.sub(r"\s+", " ", s[reach:start].lower()).rstrip()
    if reach and len(before) < 60:
        reach, before = 0, re.sub(r"\s+", " ", s[:start].lower()).rstrip()
    for phrase, q in vocab.hedge_before:
        at_start = reach == 0 and len(before) == len(phrase)
        if before.endswith(phrase) and (at_start or len(before) > len(phrase)
                                        and not before[-len(phrase) - 1].isalnum()):
            if phrase in ("over", "under", "above", "below"):
                w = before[:-len(phrase)].split()
                if w and (w[-1][:1].isdigit() or w[-1] in ("km", "miles", "kilometres", "metres")):
                    continue
            return q
    return None


def plain_hedge_after(s: str, end: int, vocab) -> str | None:
    for p, q in vocab.hedge_after:
        if re.compile(r"\s*" + re.escape(p) + (r"(?!\w)" if p[-1].isalnum() else ""), re.I).match(s, end):
            return q
    return None


@settings(max_examples=400, deadline=None)
@given(numberish)
def test_digit_pattern_matches_the_lookbehind_formulation(text):
    assert [m.span() for m in DIGITS.finditer(text)] == [m.span() for m in PLAIN_DIGITS.finditer(text)]


def test_digit_pattern_on_the_seeds():
    for text in ARTICLES:
        assert [m.span() for m in DIGITS.finditer(text)] == [m.span() for m in PLAIN_DIGITS.finditer(text)]


# ASCII and the non-ASCII characters of news copy; the two differ only on letters such as 'ſ' that
# case-fold to ASCII, where the word scanner (ASCII letters) would find no number word anyway
newsy = st.text(alphabet=[chr(c) for c in range(32, 127)] + list("⅓½é’—\u00a0"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(newsy)
def test_has_number_agrees_with_the_case_insensitive_pattern(text):
    assert has_number(text) == (PLAIN_ANY_NUMBER.search(text) is not None)


@settings(max_examples=400, deadline=None)
@given(wordy, st.integers(0, 70), st.integers(0, 40))
def test_tokens_after_is_tokens_of_the_slice(s, pos, reach):
    pos = min(pos, len(s))
    expected = [(t.start + pos, t.end + pos, t.text) for t in tokens(s[pos:pos + reach])]
    assert [(t.start, t.end, t.text) for t in tokens_after(s, pos, reach)] == expected


def test_hedges_match_the_phrase_by_phrase_lookup_on_the_seeds():
    vocab = vocabulary()
    checked = 0
    for text in TEXTS:
        for sent in split_sentences(text, vocab):
            for m in find_mentions(sent.text, vocab, text):
                if m.is_range or m.paren_of is not None:
                    continue  # ranges take no hedge; a bracketed number takes its original's
                plain = plain_hedge_before(sent.text, m.start, vocab) or plain_hedge_after(sent.text, m.end, vocab)
                assert m.qualifier == (plain or "exact"), (sent.text, m.start)
                checked += 1
    assert checked > 30


@pytest.mark.parametrize("pattern", [dates._DATE, context._TIME, context._BREAKS, numbers._ONE_IN,
                                     numbers._RACE_TIME, numbers._CLOCK], ids=lambda p: p.pattern[:24])
def test_first_character_lookaheads_lose_no_match(pattern):
    lookahead = re.match(r"\(\?=(?:\[[^\]]+\]|\\d)\)", pattern.pattern)
    assert lookahead, "the pattern opens with its first-character lookahead"
    plain = re.compile(pattern.pattern[lookahead.end():], pattern.flags)
    found = 0
    for text in TEXTS + [SAMPLE]:
        spans = [m.span() for m in pattern.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)]
        found += len(spans)
    assert found, "the articles hold matches to compare"
