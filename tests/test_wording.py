"""Messages in English: plurals after numbers and counted nouns, in rules' messages and the Markdown report.

The phrases are data (tests/cases/wording.yaml); then messages as they come out of a check.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from checker.pipeline import check_text
from checker.reporters import markdown
from checker.wording import count, counted, plural, says, the_same

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "wording.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["says"] for c in CASES])
def test_a_quantity_reads_as_english(case: dict) -> None:
    q = SimpleNamespace(qualifier="exact", **{k: case[k] for k in ("text", "value", "unit", "subject", "event")})
    if "qualifier" in case:
        q.qualifier = case["qualifier"]
    assert (says(q), counted(q), the_same(q)) == (case["says"], case["counted"], case["the_same"])


@pytest.mark.parametrize("n, noun, expected", [
    (1, "quantity", "1 quantity"), (0, "quantity", "0 quantities"), (2, "finding", "2 findings"),
    (1250, "document", "1,250 documents"), (3, "person", "3 people"), (2, "care home resident", "2 care home residents"),
])
def test_count(n: int, noun: str, expected: str) -> None:
    assert count(n, noun) == expected


def test_numchecks_own_nouns_are_inflected_as_lemminflect_does() -> None:
    import lemminflect

    from checker.wording import _OWN_PLURALS
    assert {w: lemminflect.getInflection(w, "NNS")[0] for w in _OWN_PLURALS} == _OWN_PLURALS


def test_plural_keeps_capitals() -> None:
    assert plural("Child") == "Children"


@pytest.mark.parametrize("text, message", [
    ("The town is home to 4,300 people. Officials said 4,800 residents were evacuated on Sunday.",
     "4,800 residents evacuated > 4,300 people: a part cannot exceed its whole"),
    ("BRATISLAVA — The Social Democrats won the election but fell well short of a majority in the 150-seat "
     "National Council, final results showed on Sunday.\nThe party secured 46 seats, ahead of the liberal "
     "Progressive Alliance with 41 and the conservative Homeland movement with 33. The nationalist Patriots "
     "took 19 seats and the Christian Democrats 14.\n",
     "46 + 41 + 33 + 19 + 14 = 153, more than the 150 seats they are part of"),
])
def test_rule_messages_write_english(text: str, message: str) -> None:
    assert message in [f.message for f in check_text(text).findings]


def test_markdown_counts_one_quantity_in_the_singular() -> None:
    md = markdown.render(check_text("Officials counted 12 new cases on Monday."))
    assert "**1 document checked, 1 quantity found, 0 findings**." in md
    assert "<summary>1 quantity checked</summary>" in md
