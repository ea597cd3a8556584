"""Each fast path found by profiling gives exactly what the plain formulation it replaced gives."""
import re
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest
import yaml

from checker.extract import context, dates, numbers
from checker.extract.context import tokens, tokens_after
from checker.extract.mentions import find_mentions
from checker.extract import extract_text
from checker.extract.numbers import DIGITS, has_number
from checker.pipeline import check_text
from checker.rules import dated_days, dated_years, links
from checker.rules import nc108_date_mismatch as nc108
from checker.rules import nc111_change_mismatch as nc111
from checker.rules.facts import Document, Relations, first_letters, fold
from checker.extract.sentences import split_sentences
from checker.vocab import _load, vocabulary

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
SAMPLE = ("Kiptum won in 2:00:35, at 10.30 or 9:15 on Sunday, Oct. 8, 2023, and one in five runners, "
          "one out of 20, finished overnight while 3 of them, 12 April, did not.")
DEV = ROOT.parent / "shared" / "corpus" / "dev"
TEXTS = ARTICLES + [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]

# the plain formulations, as they were before the fast paths
PLAIN_DIGITS = re.compile(r"(?<![\d])(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.])|\d+(?:,\d{3})*(?:\.\d+)?)"
                          r"(?![\d])|(?<![\d.])\.\d+(?![\d])")
# every number word and denominator of rules/lexicon.yaml, as a flat case-insensitive alternation
_LEXICON = yaml.safe_load((ROOT / "rules" / "lexicon.yaml").read_text(encoding="utf-8"))
PLAIN_ANY_NUMBER = re.compile(
    r"[\d⅓⅔¼½¾⅛⅜⅝⅞]|" + "|".join([*_LEXICON["numbers"], *_LEXICON["scales"], "dozen", *_LEXICON["denominators"]]),
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


# number words with a letter that case-insensitive matching equates with an ASCII one ('ſix', 'FİVE')
_FOLDS = {"s": "ſ", "i": "ıİ", "k": "\u212a"}


@st.composite
def folded_words(draw):
    word = draw(st.sampled_from(["six", "sixty", "seven", "thirty", "thousand", "million", "billion", "nine",
                                 "five", "eight", "third", "fifth", "first", "kilo"]))
    spots = [i for i, c in enumerate(word) if c in _FOLDS]
    i = draw(st.sampled_from(spots))
    word = word[:i] + draw(st.sampled_from(_FOLDS[word[i]])) + word[i + 1:]
    word = word.upper() if draw(st.booleans()) else word
    return draw(st.text(alphabet="ab ,", max_size=5)) + word + draw(st.text(alphabet="ab ,", max_size=5))


folding = folded_words()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), folding))
def test_has_number_agrees_with_the_case_insensitive_pattern(text):
    assert has_number(text) == (PLAIN_ANY_NUMBER.search(text) is not None)


# letters of the number words, so that drawn texts often hold a word or most of one ("fift", "thirt")
number_letters = st.text(alphabet="abdefghilmnoqrstuvwxyz -", max_size=30)


TRIED = [("any_word", numbers._ANY_WORD), ("number_word", numbers._ANY_NUMBER_WORD),
         ("denominator", numbers._ANY_DENOMINATOR)]


@settings(max_examples=500, deadline=None)
@given(number_letters)
def test_number_word_tries_match_where_the_alternations_do(text):
    for name, flat in TRIED:
        assert (numbers.TRIES[name].search(text) is None) == (flat.search(text) is None), name


@pytest.mark.parametrize("name, flat", TRIED, ids=[n for n, _ in TRIED])
def test_number_word_tries_on_the_articles(name, flat):
    trie, flat = numbers.TRIES[name], flat.compiled()
    assert trie.pattern != flat.pattern, "the trie is in use"
    words = [*_LEXICON["numbers"], *_LEXICON["scales"], "dozen", *_LEXICON["denominators"]]
    samples = words + [w[:-1] for w in words] + [w[1:] for w in words] + [w + "s" for w in words] + [
        f"a {w}-fold" for w in words] + [s.text.lower() for text in TEXTS for s in split_sentences(text)]
    found = 0
    for text in samples:
        assert (trie.search(text) is None) == (flat.search(text) is None), text
        found += flat.search(text) is not None
    assert 0 < found < len(samples)


def test_atom_scans_skipped_on_a_missing_character_find_nothing():
    """find_atoms skips the race-time and clock scans without a colon (a clock's match is kept only with one),
    the mixed-number scan without a slash, and the "one in five" scan without "one" or "1": each match holds
    what its test looks for."""
    found = 0
    for text in TEXTS + [SAMPLE, "One in 5 said 1-1/2 years; ONE OUT OF ten ran 2:03:11 by 9:15."]:
        for pattern, needed in [(numbers._RACE_TIME, ":"), (numbers._MIXED, "/"), (numbers._ONE_IN, None)]:
            for m in pattern.finditer(text):
                if pattern is numbers._ONE_IN:
                    assert m.group().lower().startswith(("one", "1")), m.group()
                else:
                    assert needed in m.group(), m.group()
                found += 1
    assert found >= 4


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


@pytest.mark.parametrize("text, expected", [
    ("ſten people died.", []),  # no number word as the scanner cuts words ('ſ' is no ASCII letter)
    ("tenı people died", []),
    ("A ninth of the budget went to the FİVE schools.", ["A ninth"]),  # 'FİVE' still says there is a number
    ("one thırd of 30 drones", ["one", "30"]),  # 'thırd' is no denominator we know, and no crash
    ("one sixth of 30 drones", ["one sixth", "30"]),
])
def test_letters_that_fold_to_ascii(text, expected):
    assert [r["text"] for r in extract_text(text)] == expected


def _rules_copy(tmp_path, monkeypatch, edit):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    edit(rules)
    monkeypatch.setenv("NUMCHECK_RULES_DIR", str(rules))
    _load.cache_clear()


def test_no_hedges_after_numbers_is_a_valid_vocabulary(tmp_path, monkeypatch):
    def no_after(rules):
        hedges = yaml.safe_load((rules / "hedges.yaml").read_text(encoding="utf-8"))
        hedges["after"] = {}
        (rules / "hedges.yaml").write_text(yaml.safe_dump(hedges, allow_unicode=True), encoding="utf-8")
    _rules_copy(tmp_path, monkeypatch, no_after)
    try:
        rows = extract_text("Russia launched about 40 drones; 31 or more were shot down.")
    finally:
        _load.cache_clear()
    assert [(r["text"], r["qualifier"]) for r in rows] == [("40", "approx"), ("31", "exact")]


def test_offset_scales_convert_whatever_the_units_are_called(tmp_path, monkeypatch):
    def renamed(rules):
        for name in ("units.yaml", "subjects.yaml"):
            path = rules / name
            text = path.read_text(encoding="utf-8").replace("°C", "degC").replace("°F", "degF")
            path.write_text(text, encoding="utf-8")
    _rules_copy(tmp_path, monkeypatch, renamed)
    try:
        report = check_text("Temperatures reached 40 degree Celsius (104 degree fahrenheit) on Monday.")
        wrong = check_text("Temperatures reached 40 degree Celsius (140 degree fahrenheit) on Monday.")
    finally:
        _load.cache_clear()
    assert [q for q in report.quantities["unit"]] == ["degC", "degF"]
    assert [f.rule for f in report.findings] == []
    assert [f.rule for f in wrong.findings] == ["NC109"]


_PREV_WORD_PLAIN = re.compile(r"([A-Za-z][\w'’.-]*)[\s\u00a0]*$")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ1_'’.-  \u00a0\n\t,é٣ſ(", max_size=14), st.integers(0, 16))
def test_prev_word_is_the_pattern_searched_from_the_start(s, pos):
    from checker.extract.nonquantities import _prev_word
    plain = _PREV_WORD_PLAIN.search(s[:pos])
    assert _prev_word(s, pos) == (plain.group(1) if plain else "")


def test_span_hints_skip_no_span():
    """Every span a pattern of span_drops finds holds its pattern's hint (a pattern skipped on its hint
    would have found nothing)."""
    from checker.extract.nonquantities import _SPAN_PATTERNS
    texts = TEXTS + ["See https://x.org/a1 or WWW.EXAMPLE.COM, mail a1@b.co, doi:10.1234/5678, 0X1F, 978-3-319, "
                     "v1.8.3, call (555) 123-4567 on 2024-01-02."]
    found = 0
    for text in texts:
        for _, pattern, hint in _SPAN_PATTERNS:
            for m in pattern.finditer(text):
                found += 1
                assert hint is None or any(h in m.group().lower() for h in hint), m.group()
    assert found


@pytest.mark.parametrize("index, plain", [
    (3, r"(?<![\w.-])\d{4}-\d{2}-\d{2}(?![\w-])"),  # ISO date
    (5, r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w]|\.\d)"),  # version
    (7, r"(?<![\w.-])\d+(?:[-‑]\d+){2,}(?![\w-])"),  # ISBN, code
    (None, r"(?<![\w,.$€£-])\d{1,6}"),  # a street address: its start as first written
])
def test_span_patterns_match_the_lookbehind_formulation(index, plain):
    from checker.extract import nonquantities
    if index is None:
        pattern = nonquantities._address_re(tuple(vocabulary().nonq["street_types"]))
        rest = pattern.pattern[len(r"\d(?<![\w,.$€£-]\d)\d{0,5}"):]
        assert pattern.pattern.startswith(r"\d(?<![\w,.$€£-]\d)\d{0,5}")
        plain = re.compile(plain + rest)
    else:
        pattern, plain = nonquantities._SPAN_PATTERNS[index][1], re.compile(plain)
    found = 0
    for text in TEXTS + ["On 2024-01-02, v1.8.3 and 10.2.4.1 (x1.2.3), ISBN 978-3-319-1, a-1-2-3, 12 Main St., "
                         "12 N. Oak Road and $12 Elm Street, 1234567 Low Road"]:
        spans = [m.span() for m in pattern.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)]
        found += len(spans)
    assert found


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789-‑.,$a_ ", max_size=30))
def test_span_patterns_match_the_lookbehind_formulation_on_drawn_text(text):
    from checker.extract import nonquantities
    for index, plain in [(3, r"(?<![\w.-])\d{4}-\d{2}-\d{2}(?![\w-])"), (5, r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w]|\.\d)"),
                         (7, r"(?<![\w.-])\d+(?:[-‑]\d+){2,}(?![\w-])")]:
        pattern = nonquantities._SPAN_PATTERNS[index][1]
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.finditer(plain, text)]


PLAIN_COMPLEX = re.compile(r"\d\s*/\s*\d|[⅓⅔¼½¾⅛⅜⅝⅞]|\d[eE][-+−]?\d|\d\s*[×x]\s*\d+\s*[\^−-]|\d\^|\+/-|±")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789 /eE-+−×x^±½a", max_size=20))
def test_complex_forms_pattern_matches_its_flat_formulation(text):
    from checker.extract.units import _COMPLEX
    assert [m.span() for m in _COMPLEX.finditer(text)] == [m.span() for m in PLAIN_COMPLEX.finditer(text)]


def test_complex_forms_pattern_on_the_articles():
    from checker.extract.units import _COMPLEX
    found = 0
    for text in TEXTS + ["1/2 cup, ½ cup, 3e8 m/s, 2 x 10^5, 5 +/- 1, 7 ± 2, 2^10"]:
        spans = [m.span() for m in _COMPLEX.finditer(text)]
        assert spans == [m.span() for m in PLAIN_COMPLEX.finditer(text)]
        found += len(spans)
    assert found


def test_multiples_quick_test_skips_no_multiple():
    """_multiples skips a sentence whose lower-cased text holds none of the words: every match of the words'
    pattern is one of them, lower-cased."""
    from checker.extract.mentions import _multiple_re
    words, _, values, quick = _multiple_re(vocabulary())
    assert quick is not None
    found = 0
    for text in TEXTS + ["Prices DOUBLED, then Tripling; they may quadruple."]:
        for m in words.finditer(text):
            assert quick.search(m.group().lower()) and m.group().lower() in values
            found += 1
        assert bool(words.search(text)) <= bool(quick.search(text.lower()))
    assert found


@pytest.mark.parametrize("fast, plain", [
    ("_HYPHENED_MODEL", r"(?<![\w.,$€£-])(\d{3,4})[-‑]\d{1,2}\s+[A-Z][a-z]"),
    ("_NUMBER_NAME", r"(?<![\w.,$€£-])(\d{3,4})\s+([A-Z][a-z]+)\b(?!['’])"),
])
def test_model_scans_match_the_lookbehind_formulation(fast, plain):
    from checker.extract import nonquantities
    pattern, plain = getattr(nonquantities, fast), re.compile(plain)
    found = 0
    for text in TEXTS + ["787-9 Dreamliner, 737 Max and 737 Max, x787-9 Jets, $777 Max, 1234 Abc"]:
        spans = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert spans == [(m.span(), m.groups()) for m in plain.finditer(text)]
        found += len(spans)
    assert found


heads = st.lists(st.sampled_from(["a", "-", "−", " ", "\n", "(", "$", "minus", "Minus", "magnitude", "MAGNITUDE",
                                  "rating of", "force", "\u00a0", "ſ", "1"]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(heads)
def test_signs_and_scales_before_a_number_match_the_patterns_searched_from_the_start(head):
    from checker.extract import mentions
    vocab = vocabulary()
    sign = re.search(r"(?:^|[\s(\[$€£])[-−]$", head) or re.search(r"\bminus\s+$", head)
    assert mentions._negative_before(head) == bool(sign)
    scale = re.search(r"\b(?:{})[\s-]+$".format("|".join(vocab.units["scale_words"])), head, re.I)
    assert mentions._scale_word_before(head, len(head), vocab) == bool(scale)


def test_attacked_with_lookahead_loses_no_match():
    """_ATTACKED_WITH ends at the number, so it is compared on the text before each 'with' of the articles."""
    pattern = context._ATTACKED_WITH.compiled()
    plain = re.compile(pattern.pattern[len("(?=[asptbh])"):], pattern.flags)
    texts = TEXTS + ["Russia ATTACKED Ukraine overnight with about 90 drones; it Hit the city with 12 missiles."]
    found = 0
    for text in texts:
        for w in re.finditer(r"with\s+(?:about\s+)?", text, re.I):
            head = text[max(0, w.start() - 90):w.end()]
            assert bool(pattern.search(head)) == bool(plain.search(head))
            found += bool(plain.search(head))
    assert found
# --- the rules' quick tests before their patterns ---------------------------------------------------------------

def test_fold_reads_every_letter_a_case_ignoring_pattern_takes_for_an_ascii_one():
    letters = re.compile("[a-z]", re.I)
    for cp in range(0x110000):
        c = chr(cp)
        if 0xD800 <= cp <= 0xDFFF or not letters.fullmatch(c):
            continue
        ascii_letter = next(x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, c, re.I))
        assert fold(c) == ascii_letter, (hex(cp), fold(c))


@pytest.mark.parametrize("words", ["once_only", "ordinal_events", "crossing_verbs", "dating_verbs"])
def test_a_document_may_say_every_word_its_pattern_finds(words):
    relations = Relations()
    lists = (relations.data["once_only_events"].values() if words == "once_only" else [relations.words(words)])
    for listed in lists:
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in listed) + r")\b", re.I)
        for word in listed:
            for written in (word, word.upper(), word.replace("s", "ſ").replace("i", "ı"),
                            word.upper().replace("I", "İ").replace("K", "\u212a")):
                text = f"They said it was {written} then."
                doc = Document("d", text, [], vocabulary())
                assert pattern.search(text) and doc.may_say(listed), written
        blank = Document("d", "Nothing of the kind here.", [], vocabulary())
        assert not pattern.search(blank.text) and not blank.may_say(listed)


# each pattern and the test that runs before it: every match of the pattern holds a match of the test
GATED = [
    (dated_days._LENGTH, dated_days._HAS_LENGTH, ["a 35-day festival", "the Six-Week plan", "a 90-DAY truce"]),
    (dated_days._CLOCK_SPANS[0], dated_days._HOUR, ["the six hours from 10:30 p.m. to 2:30 a.m.",
                                                    "a four-HOUR window between 9 a.m. and 1 p.m."]),
    (dated_days._CLOCK_SPANS[1], dated_days._HOUR, ["from 10:30 p.m. to 2:30 a.m., six Hours in all"]),
    (dated_years._LATER, dated_years._LATER_WORD, ["Seven decades later", "two YEARS LATER"]),
    (nc108._LENGTH, nc108._DASH_DAY, ["a three-day symposium", "the Three-DAY Event"]),
    (re.compile(links._RECORD), links._DIGIT_DASH_DIGIT, ["are 6-2-1 in their past nine games", "at 4-7"]),
]


@pytest.mark.parametrize("pattern, gate, samples", GATED, ids=lambda x: getattr(x, "pattern", "")[:20])
def test_every_match_of_a_gated_pattern_holds_its_gate(pattern, gate, samples):
    found = 0
    for text in TEXTS + samples:
        for m in pattern.finditer(text):
            assert gate.search(m.group()), m.group()
            found += 1
    assert found >= len(samples)


def test_year_gaps_gate_reads_the_folded_text():
    for text in ["In 1963, four years after it was founded in 1958", "the 30th ANNIVERSARY of the 1989 revolution",
                 "Five Yearſ Later, in 2001, after 1996"]:
        assert dated_years._YEARS_GAP.search(text) and nc108._GAP_WORDS.search(fold(text)), text


@settings(max_examples=300, deadline=None)
@given(st.one_of(wordy, st.text(alphabet="rose up-Increaſed İNCREASE tripled_2 ", max_size=60)))
def test_change_words_are_found_as_the_pattern_finds_them(text):
    vocab = vocabulary()
    expected = [(m.span(), m.group(1)) for m in nc111._cue_re(vocab).finditer(text)]
    assert [(m.span(), m.group(1)) for m in nc111._cue_matches(text, vocab)] == expected


def test_change_words_on_the_articles():
    vocab = vocabulary()
    found = 0
    for text in TEXTS:
        expected = [(m.span(), m.group(1)) for m in nc111._cue_re(vocab).finditer(text)]
        assert [(m.span(), m.group(1)) for m in nc111._cue_matches(text, vocab)] == expected
        found += len(expected)
    assert found > 50


def _plain_proper_subject(noun, vocab):
    """frames._proper_subject as it was before the gate on the names' words: the whole subtree walked."""
    from checker.extract import frames
    names = vocab.subjects.get("proper_subjects", {})
    code, i = frames._code_re(vocab), noun.i
    parts = [t for t in noun.subtree
             if (t.i == i or (abs(t.i - i) <= 4 and t.dep_ in ("compound", "flat", "nummod", "appos", "amod")))
             and not code.fullmatch(t.text)]
    return names.get(" ".join(t.text for t in parts))


def test_proper_subjects_gated_on_the_names_words_are_the_subtree_walk():
    from checker.extract import frames
    from checker.extract.parse import parse
    vocab = vocabulary()
    written = ["The Dow Jones Industrial Average fell 102.2 points, or 0.36%, to 27,934.02.",
               "The S&P 500 rose 1.2% and the Nasdaq Composite added 2%, while Dow Chemical lost 3%.",
               "Brent crude rose 40 cents, and the Dow .DJI fell 1%."]
    sentences = written + [s.text for text in ARTICLES[:40] for s in split_sentences(text, vocab)][:400]
    found = checked = 0
    for doc in parse(sentences):
        for tok in doc:
            expected = _plain_proper_subject(tok, vocab)
            assert frames._proper_subject(tok, vocab) == expected, (doc.text, tok.text)
            found += expected is not None
            checked += 1
    assert found >= 3 and checked > 1000


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab (km)fromwest\u00a0,.", max_size=30), st.integers(0, 32))
def test_distance_after_matches_on_the_slice(s, end):
    vocab = vocabulary()
    plain = re.match(r"\s*(?:\([^)]*\)\s*)?(?:{})\b".format("|".join(vocab.subjects["distance_words"])), s[end:])
    assert context.distance_after(s, end, vocab) == (plain is not None)


def test_events_read_the_last_break_as_the_scan_of_every_break():
    """event_of takes the last clause break within 80 characters before the number by bisection."""
    import bisect
    vocab = vocabulary()
    checked = 0
    for text in ARTICLES[:30]:
        for sent in split_sentences(text, vocab):
            breaks = context.sentence_facts(sent.text, vocab).breaks
            assert list(breaks) == sorted(breaks)
            for start in range(0, len(sent.text), 7):
                plain = [c for c in breaks if start - 80 <= c <= start][-1:]
                k = bisect.bisect_right(breaks, start) - 1
                assert plain == ([breaks[k]] if k >= 0 and breaks[k] >= start - 80 else [])
                checked += bool(plain)
    assert checked > 100


def test_ages_at_an_event_hold_when_or_age():
    """ages_later skips a sentence without 'when' or 'age': every _AGE_AT match holds one."""
    found = 0
    for text in TEXTS + ["Parata was seven years old when the war ended.", "Voss joined the team at the age of 17."]:
        for m in dated_years._AGE_AT.finditer(text):
            assert "when" in m.group() or "age" in m.group(), m.group()
            found += 1
    assert found >= 2


def test_ordinals_hold_a_digit_with_an_ordinal_ending():
    from checker.rules import dated_restated
    found = 0
    for text in TEXTS + ["this 57th edition", "the 58th edition of the Grammys", "THIS 3rd Festival", "its 21st summit"]:
        for m in dated_restated._ORDINAL.finditer(text):
            assert dated_restated._HAS_ORDINAL.search(m.group()), m.group()
            found += 1
    assert found >= 4


def test_stake_pattern_lookahead_loses_no_match():
    verbs = Relations().words("stake_taking_verbs")
    ahead = first_letters(verbs)
    assert ahead.startswith("(?=[")
    body = r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\s+(?:an?\s+|the\s+|its\s+)?(?:majority|most)\s+stake"
    samples = ["took a majority stake in Kylie Jenner's company", "TOOK A MAJORITY STAKE", "Bought the most stake",
               "puRchased a majority stake", "overtook a majority stake"]
    found = 0
    for text in TEXTS + samples:
        spans = [m.span() for m in re.finditer(ahead + body, text, re.I)]
        assert spans == [m.span() for m in re.finditer(body, text, re.I)]
        found += len(spans)
    assert found >= 4
    assert first_letters(["took", "Ärger"]) == "" and first_letters([]) == ""


def test_may_say_kept_answers_are_the_scans():
    vocab = vocabulary()
    lists = [["born", "birth"], ["died", "death"], ["birth", "founded"], ["xyz", "born"], ["ſtake"], []]
    for text in ["She was born in 1961 and died in 2020.", "Nothing here.", "The FOUNDED company, a BIRTH."]:
        doc = Document("d", text, [], vocab)
        for _ in range(2):
            for words in lists:
                plain = any(not w.isascii() or w.lower() in fold(text) for w in words)
                assert doc.may_say(words) == plain, (text, words)


@pytest.mark.parametrize("pattern, words", [
    (dated_days._HAS_LENGTH, ["-day", "-week"]), (dated_days._HOUR, ["hour"]), (dated_years._LATER_WORD, ["later"]),
    (nc108._DASH_DAY, ["-day"])], ids=lambda x: getattr(x, "pattern", ""))
def test_folded_gates_of_nc108_say_yes_wherever_the_patterns_find(pattern, words):
    """NC108 tests the folded text for a plain word before the scans that ignore case: no false no."""
    samples = ["a 35-DAY festival", "two HOURS", "Seven decades LATER", "six-WEEK", "a 3-Day Event", "ſeven HOUR",
               "five years lateR"]
    found = 0
    for text in TEXTS + samples:
        if pattern.search(text):
            assert any(w in fold(text) for w in words), text
            found += 1
    assert found >= 3


def test_stake_gate_finds_wherever_the_stake_pattern_does():
    """NC104 scans for a threshold word before a stake noun first: every match of its pattern holds one."""
    relations = Relations()
    verbs, nouns = relations.words("stake_taking_verbs"), relations.words("stake_nouns")
    thresholds = relations.data["threshold_shares"]
    noun = "(?:" + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) + ")"
    verb = r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\s+(?:an?\s+|the\s+|its\s+)?"
    words = "|".join(re.escape(w) for w in thresholds)
    full = re.compile(verb + rf"(?P<word>{words})\s+{noun}\s+in\s+(?P<obj>[^.;:,()]{{1,60}})", re.I)
    gate = re.compile(first_letters(thresholds) + rf"(?:{words})\s+{noun}\s+in\s+[^.;:,()]", re.I)
    samples = ["took a majority stake in Kylie Jenner's company", "BOUGHT A MINORITY OWNERSHIP STAKE IN  Acme",
               "acquired the most equity stake in\n Beta, Inc.", "took a majority stake in (x)"]
    found = 0
    for text in TEXTS + samples:
        if full.search(text):
            assert gate.search(text), text
            found += 1
    assert found >= 3


def _word_patterns():
    from checker.rules import dated
    relations = Relations()
    out = [relations.words_re(k) for k in ("ordinal_events", "kin_words", "crossing_verbs", "completeness_cues",
                                           "dating_verbs", "not_same_fact")]
    return out + list(dated.once_only(relations).values())


@pytest.mark.parametrize("pattern", _word_patterns(), ids=lambda p: p.pattern[:30])
def test_word_lists_first_letter_lookaheads_lose_no_match(pattern):
    """words_re and the once-only events' patterns open with their words' first letters: the same matches."""
    lookahead = re.match(r"\(\?=\[[^\]]+\]\)", pattern.pattern)
    plain = re.compile(pattern.pattern[lookahead.end():] if lookahead else pattern.pattern, pattern.flags)
    words = re.findall(r"[\w'’ -]+", pattern.pattern[lookahead.end() if lookahead else 0:].replace("\\ ", " "))
    odd = " ".join(w.upper().replace("S", "ſ").replace("I", "ı").replace("K", "\u212a") for w in words)
    found = 0
    for text in TEXTS + [" ".join(words), odd, " ".join(w.title() for w in words)]:
        spans = [m.span() for m in pattern.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)]
        found += len(spans)
    for w in words:
        assert bool(pattern.fullmatch(w)) == bool(plain.fullmatch(w))
    assert found
