"""How the data-driven extraction tests find a quantity and compare a field: shared by their runners."""
from __future__ import annotations

import math


def span_of(text: str, at: str, occ: int = 1) -> tuple[int, int]:
    """(start, end) of the occ-th occurrence of `at` in text."""
    start = -1
    for _ in range(occ):
        start = text.index(at, start + 1)
    return start, start + len(at)


def overlapping(rows: list[dict], span: tuple[int, int]) -> list[dict]:
    """Rows (quantities or set-aside numbers) whose offsets overlap the span."""
    return [r for r in rows if r["start"] < span[1] and span[0] < r["end"]]


def same(got, want, rel_tol: float = 1e-3) -> bool:
    """A field matches: numbers within rel_tol, None only with None, anything else as text."""
    if want is None or got is None:
        return got is None and want is None
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return not (isinstance(got, float) and math.isnan(got)) and math.isclose(float(got), float(want), rel_tol=rel_tol)
    return str(got) == str(want)
