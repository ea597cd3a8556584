"""Data-driven extraction tests: tests/cases/extraction.yaml, one test per case."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from case_matching import overlapping as _overlapping
from case_matching import same as _same
from case_matching import span_of as _span
from checker.extract import extract_text

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "extraction.yaml").read_text(encoding="utf-8"))








@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict) -> None:
    text = case["text"]
    rows = extract_text(text, "case.txt")
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"], "offsets must point at the surface"
    for want in case.get("expect", []):
        span = _span(text, want["at"], want.get("occ", 1))
        found = _overlapping(rows, span)
        assert found, f"no quantity at {want['at']!r}; got {[r['text'] for r in rows]}"
        got = found[0]
        for field, value in want.items():
            if field in ("at", "occ"):
                continue
            assert _same(got[field], value), f"{want['at']!r}: {field} is {got[field]!r}, want {value!r}"
    for absent in case.get("absent", []):
        span = _span(text, absent)
        assert not _overlapping(rows, span), f"{absent!r} must not be a quantity"
