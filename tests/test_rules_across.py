"""--across: the same fact compared between the documents of one run."""
from __future__ import annotations

from checker.documents import Document
from checker.pipeline import run

WIRE_A = "Russia launched 147 drones overnight, Ukraine's air force said."
WIRE_B = "Russia launched 183 drones overnight, Ukraine's air force said on Tuesday."
WIRE_C = "Russia launched 147 drones overnight, according to Ukraine's air force."


def _conflicts(*texts: str, across: bool = True):
    docs = [Document(f"wire{i}.txt", text=t) for i, t in enumerate(texts)]
    return [f for f in run(docs, across=across).findings if f.kind == "conflicting-values"]


def test_two_outlets_with_different_counts_conflict_and_name_both_documents() -> None:
    found = _conflicts(WIRE_A, WIRE_B)
    assert len(found) == 1
    assert found[0].doc == "wire1.txt"
    assert "147" in found[0].message and "wire0.txt" in found[0].message and "183" in found[0].message


def test_same_count_in_two_outlets_is_not_a_conflict() -> None:
    assert _conflicts(WIRE_A, WIRE_C) == []


def test_without_across_documents_are_checked_alone() -> None:
    assert _conflicts(WIRE_A, WIRE_B, across=False) == []
