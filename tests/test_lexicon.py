"""Word lists are written once, in rules/, and every pattern that needs one is built from it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from checker import vocab as vocab_mod
from checker.extract.dates import find_dates
from checker.extract import extract_text
from checker.vocab import _load, vocabulary

ROOT = Path(__file__).resolve().parent.parent
RULES = sorted((ROOT / "rules").glob("*.yaml"))
LEXICON = yaml.safe_load((ROOT / "rules" / "lexicon.yaml").read_text(encoding="utf-8"))
HEDGES = yaml.safe_load((ROOT / "rules" / "hedges.yaml").read_text(encoding="utf-8"))

MONTHS = [m[0] for m in LEXICON["months"]]
MONTH_ABBREVIATIONS = [a for m in LEXICON["months"] for a in m[1:]]
LISTS = {  # name: (words, matched regardless of case)
    "months": (MONTHS, False),
    "month abbreviations": (MONTH_ABBREVIATIONS, False),
    "weekdays": (LEXICON["weekdays"], False),
    "number words": (list(LEXICON["numbers"]), True),
    "scales": (list(LEXICON["scales"]), True),
    "denominators": (list(LEXICON["denominators"]), True),
    "approximate hedges": ([p for p in HEDGES["before"]["approx"] if " " not in p and p != "some"], True),
}


def _strings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, str):
        yield node


def _runs(text: str, words: list[str], fold: bool) -> list[str]:
    """Three or more of the words in a row as a list or an alternation: 'Jan|Feb|Mar', '"one", "two", "six"'."""
    word = "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"
    sep = r"""["']?\s*[|,]\s*r?["']?"""
    run = re.compile(rf"(?<![\w]){word}(?![\w])(?:{sep}{word}(?![\w])){{2,}}", re.I if fold else 0)
    return [m.group() for m in run.finditer(text)]


@pytest.mark.parametrize("name", ["months", "month abbreviations", "weekdays", "number words"])
def test_the_words_are_listed_in_one_rules_file_only(name):
    words, fold = LISTS[name]
    key = str.lower if fold else str
    wanted = {key(w) for w in words}
    holders = {p.name for p in RULES
               if wanted & {key(s) for s in _strings(yaml.safe_load(p.read_text(encoding="utf-8")))}}
    assert holders == {"lexicon.yaml"}


@pytest.mark.parametrize("name", list(LISTS))
def test_no_python_module_types_the_list_again(name):
    words, fold = LISTS[name]
    found = {str(p.relative_to(ROOT)): _runs(p.read_text(encoding="utf-8"), words, fold)
             for p in sorted((ROOT / "checker").rglob("*.py"))}
    assert {path: runs for path, runs in found.items() if runs} == {}


@pytest.mark.parametrize("text, found", [
    ('r"(?P<mon>January|February|March|April)"', ["January|February|March|April"]),
    ('{"one": 1, "two": 2}', []),  # two in a row is no list
    ('("Sept", "Oct", "Nov")', ['Sept", "Oct", "Nov']),
    ("'one hundred and twenty-five', 'two dozen'", []),  # prose about numbers is no list
])
def test_the_list_detector_finds_lists_and_not_prose(text, found):
    words = MONTHS + MONTH_ABBREVIATIONS + list(LEXICON["numbers"])
    assert _runs(text, words, fold=False) == found


@pytest.mark.parametrize("template, words", [
    ("(?&MONTH_ABBR)", {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}),
    ("(?&NUMBER_WORD:1-9)", {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}),
    ("(?&NUMBER_WORD:2-3,20,50)", {"two", "three", "twenty", "fifty"}),
    ("(?&SCALE:100,1000)", {"hundred", "thousand"}),
    ("(?&HEDGE:at_least)", {"at least", "no fewer than", "no less than", "a minimum of", "not less than",
                            "at a minimum"}),
])
def test_a_fragment_is_its_words_longest_first(template, words):
    pattern = vocabulary().expand(template)
    alternatives = [a.replace(r"\s+", " ") for a in pattern[3:-1].split("|")]
    assert set(alternatives) == words
    assert [len(a) for a in alternatives] == sorted(map(len, alternatives), reverse=True)


def test_the_initials_fragment_is_the_first_letters():
    assert vocabulary().expand("[(?&INITIALS:WEEKDAY,MONTH_ANY)]") == "[ADFJMNOSTW]"


@pytest.fixture
def edited_lexicon(tmp_path, monkeypatch):
    """A copy of rules/ with an edited lexicon, current for the test, then forgotten again."""
    def edit(change):
        rules = tmp_path / "rules"
        shutil.copytree(ROOT / "rules", rules)
        data = yaml.safe_load((rules / "lexicon.yaml").read_text(encoding="utf-8"))
        change(data)
        (rules / "lexicon.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        monkeypatch.setenv("NUMCHECK_RULES_DIR", str(rules))
        _load.cache_clear()
        vocabulary()
    yield edit
    monkeypatch.undo()
    _load.cache_clear()
    vocab_mod._current = None


def test_a_month_abbreviation_is_a_data_edit(edited_lexicon):
    text = "The strike began on Febr. 3, 2024."
    assert find_dates(text) == []
    edited_lexicon(lambda lex: lex["months"][1].append("Febr"))
    [date] = find_dates(text)
    assert (date.text, date.month, date.day, date.year) == ("Febr. 3, 2024", 2, 3, 2024)


def test_a_number_word_is_a_data_edit(edited_lexicon):
    text = "Officials counted a score of boats and twenty-one rafts."
    assert [r["text"] for r in extract_text(text)] == ["twenty-one"]
    edited_lexicon(lambda lex: lex["numbers"].update({"score": 20}))
    assert [(r["text"], r["value"]) for r in extract_text(text)] == [("score", 20.0), ("twenty-one", 21.0)]
