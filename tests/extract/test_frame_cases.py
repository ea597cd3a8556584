"""Frames from the parse (tests/extract/frames.yaml): subject, event, actor and holder of each number."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from case_matching import overlapping, span_of
from checker.extract import extract_text

CASES = yaml.safe_load((Path(__file__).parent / "frames.yaml").read_text(encoding="utf-8"))




@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_frame(case: dict) -> None:
    text = case["text"]
    rows = extract_text(text, "case.txt")
    for want in case["expect"]:
        found = overlapping(rows, span_of(text, want["at"]))
        assert found, f"no quantity at {want['at']!r}; got {[r['text'] for r in rows]}"
        for field, value in want.items():
            if field != "at":
                assert found[0][field] == value, f"{want['at']!r}: {field} is {found[0][field]!r}, want {value!r}"
