"""Data-driven extraction tests: tests/cases/extraction.yaml, one test per case."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from checker.extract import extract_text

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "extraction.yaml").read_text(encoding="utf-8"))


def _span(text: str, at: str, occ: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occ):
        start = text.index(at, start + 1)
    return start, start + len(at)


def _overlapping(rows: list[dict], span: tuple[int, int]) -> list[dict]:
    return [r for r in rows if r["start"] < span[1] and span[0] < r["end"]]


def _same(got, want) -> bool:
    if want is None or got is None:
        return got is None and want is None
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return got is not None and math.isclose(float(got), float(want), rel_tol=1e-3)
    return str(got) == str(want)


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
