"""Values and units as real text writes them: the cases of tests/extract/units.yaml, one test each."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from case_matching import overlapping, span_of
from case_matching import same as _same_text
from checker.extract import extract_text

CASES = yaml.safe_load((Path(__file__).parent / "units.yaml").read_text(encoding="utf-8"))




def _found(rows: list[dict], at: str, text: str) -> list[dict]:
    return overlapping(rows, span_of(text, at))




def _same(got, want) -> bool:
    return _same_text(got, want, rel_tol=1e-4)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_unit_case(case: dict) -> None:
    text = case["text"]
    rows = extract_text(text, "case.txt")
    for want in case.get("expect", []):
        found = _found(rows, want["at"], text)
        assert found, f"no quantity at {want['at']!r}; got {[r['text'] for r in rows]}"
        got = found[0]
        for field, value in want.items():
            if field == "at":
                continue
            assert _same(got[field], value), f"{want['at']!r}: {field} is {got[field]!r}, want {value!r}"
    for want in case.get("not", []):
        # a look-alike: the quantity there, if any, must not have this field's value
        for r in _found(rows, want["at"], text):
            for field, value in want.items():
                if field != "at":
                    assert not _same(r[field], value), f"{want['at']!r}: {field} must not be {value!r}"
    for absent in case.get("absent", []):
        assert not _found(rows, absent, text), f"{absent!r} must not be a quantity"


def test_every_case_can_fail() -> None:
    """A case with nothing to check would pass whatever the extractor does."""
    for case in CASES:
        assert case.get("expect") or case.get("not") or case.get("absent"), case["id"]
