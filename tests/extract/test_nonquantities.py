"""The non-quantity stage, case by case from tests/extract/nonquantities.yaml: what is set aside, why, and what stays."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from case_matching import overlapping as _overlapping
from case_matching import same as _same
from case_matching import span_of as _span
from checker.extract.run import extract_all

CASES = yaml.safe_load((Path(__file__).parent / "nonquantities.yaml").read_text(encoding="utf-8"))








@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict) -> None:
    text = case["text"]  # a document of its own: it starts a line ("2. The council...", "3 / 8")
    records, dropped = extract_all(text, "case.txt")
    for d in dropped:
        assert text[d["start"]:d["end"]] == d["text"], "offsets must point at the surface"
    for want in case.get("dropped", []):
        span = _span(text, want["at"], want.get("occ", 1))
        assert not _overlapping(records, span), \
            f"{want['at']!r} must not be a quantity; got {[r['text'] for r in _overlapping(records, span)]}"
        found = _overlapping(dropped, span)
        assert found, f"{want['at']!r} not set aside; set aside: {[(d['text'], d['reason']) for d in dropped]}"
        assert found[0]["reason"] == want["reason"], f"{want['at']!r}: reason {found[0]['reason']!r}"
    for want in case.get("kept", []):
        span = _span(text, want["at"], want.get("occ", 1))
        found = _overlapping(records, span)
        assert found, f"no quantity at {want['at']!r}; set aside: {[(d['text'], d['reason']) for d in dropped]}"
        for field, value in want.items():
            if field not in ("at", "occ"):
                assert _same(found[0][field], value), f"{want['at']!r}: {field} is {found[0][field]!r}, want {value!r}"
    for absent in case.get("absent", []):
        assert not _overlapping(records, _span(text, absent)), f"{absent!r} must not be a quantity"


def test_a_score_keeps_both_numbers() -> None:
    _, dropped = extract_all("The visitors won 3-1 in extra time.")
    assert [(d["text"], d["reason"], d["values"]) for d in dropped] == [("3-1", "score", [3, 1])]


def test_change_words_are_data(tmp_path: Path, monkeypatch) -> None:
    """'rose from X to Y' is two values because 'rose' is listed in rules/nonquantities.yaml, not in code."""
    from checker import vocab as vocab_mod
    rules = Path(vocab_mod.rules_dir())
    for f in rules.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    data = yaml.safe_load((tmp_path / "nonquantities.yaml").read_text(encoding="utf-8"))
    data["change_words"] = [w for w in data["change_words"] if w != "rose"]
    (tmp_path / "nonquantities.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    text = "The toll rose from 40 to 50 overnight."
    with_rose, _ = extract_all(text)
    assert [r["qualifier"] for r in with_rose] == ["exact", "exact"]
    without, _ = extract_all(text, vocab=vocab_mod._load(str(tmp_path)))
    assert [r["qualifier"] for r in without] == ["range"]
