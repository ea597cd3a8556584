"""Data-driven rule tests: tests/rules/NC1xx.yaml, pass and fail cases per rule, as texts or tables."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from checker.extract import extract_text, table
from checker.rules.base import all_rules
from checker.rules.engine import run_rules
from checker.schema import COLUMNS

CASE_DIR = Path(__file__).parent / "rules"


def _load() -> list[tuple[str, str, dict]]:
    cases = []
    for path in sorted(CASE_DIR.glob("NC*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in data.items():
            if name.startswith("test_"):
                cases.append((data["rule"], name, case))
    return cases


CASES = _load()


def _table_from_rows(text: str, rows: list[dict]) -> pd.DataFrame:
    """A quantity table written by hand: each row names its surface with `at` (and `occ`)."""
    records = []
    for qid, row in enumerate(rows):
        start = -1
        for _ in range(row.get("occ", 1)):
            start = text.index(row["at"], start + 1)
        rec = {c: None for c in COLUMNS}
        rec.update(doc="case.txt", qid=qid, start=start, end=start + len(row["at"]), sentence=row.get("sentence", 0),
                   text=row["at"], qualifier="exact", unit="count", base_unit=row.get("unit", "count"))
        rec.update({k: v for k, v in row.items() if k not in ("at", "occ")})
        rec["base_value"] = rec.get("value")
        records.append(rec)
    return table(records)


def _findings(rule: str, case: dict):
    text = case["text"]
    if "table" in case:
        df = _table_from_rows(text, case["table"])
    else:
        df = table(extract_text(text, "case.txt"))
    return [f for f in run_rules(df, {"case.txt": text}, select=[rule], across=case.get("across", False))
            if f.rule == rule]


@pytest.mark.parametrize("rule,name,case", CASES, ids=[f"{r}-{n}" for r, n, _ in CASES])
def test_rule_case(rule: str, name: str, case: dict) -> None:
    found = _findings(rule, case)
    text = case["text"]
    if name.startswith("test_pass"):
        assert not found, f"false alarm: {[f.message for f in found]}"
        return
    assert found, "expected a finding, got none"
    for anchor in case.get("spans", []):
        start = text.index(anchor)
        end = start + len(anchor)
        assert any(s.start < end and start < s.end for f in found for s in f.spans), \
            f"no finding covers {anchor!r}: {[f.message for f in found]}"
    for word in case.get("message", []):
        assert any(word in f.message for f in found), f"{word!r} not in {[f.message for f in found]}"
    if "severity" in case:
        assert {f.severity for f in found} == {case["severity"]}


@pytest.mark.parametrize("rule", all_rules(), ids=[r.code for r in all_rules()])
def test_every_rule_has_pass_and_fail_cases(rule) -> None:
    names = [n for r, n, _ in CASES if r == rule.code]
    assert any(n.startswith("test_pass") for n in names), f"{rule.code} has no pass case"
    assert any(n.startswith("test_fail") for n in names), f"{rule.code} has no fail case"


@pytest.mark.parametrize("rule", all_rules(), ids=[r.code for r in all_rules()])
def test_documentation_sections_and_examples_are_true(rule) -> None:
    doc = rule.documentation()
    sections = {}
    current = None
    for line in doc.splitlines():
        if line and not line.startswith(" "):
            current = line.strip()
            sections[current] = ""
        elif current:
            sections[current] += line.strip() + " "
    for needed in ("What it flags", "Why it matters", "Flagged", "Consistent"):
        assert needed in sections, f"{rule.code} docstring lacks {needed!r}"
    assert _findings(rule.code, {"text": sections["Flagged"].strip()}), f"{rule.code}: its Flagged example is not flagged"
    assert not _findings(rule.code, {"text": sections["Consistent"].strip()}), f"{rule.code}: its Consistent example is flagged"


def test_codes_and_names_are_unique_and_stable() -> None:
    rules = all_rules()
    stable = {"NC101": "part-exceeds-whole", "NC102": "parts-exceed-whole", "NC103": "total-mismatch",
              "NC104": "fraction-mismatch", "NC105": "percent-out-of-range", "NC106": "range-inverted",
              "NC107": "conflicting-values", "NC108": "date-mismatch", "NC109": "conversion-mismatch",
              "NC110": "count-mismatch", "NC111": "change-mismatch", "NC112": "adjacent-values"}
    assert {r.code: r.name for r in rules if r.code in stable} == stable  # a released code never changes
    assert len({r.name for r in rules}) == len(rules)
    assert {r.kind for r in rules} == {
        "part-exceeds-whole", "parts-exceed-whole", "total-mismatch", "fraction-mismatch",
        "percent-out-of-range", "range-inverted", "conflicting-values", "date-mismatch",
        "conversion-mismatch", "count-mismatch", "change-mismatch"}
