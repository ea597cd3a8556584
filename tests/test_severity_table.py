"""Severity by proof: every finding says why it has its severity, and the README's table is the rules' own."""
from __future__ import annotations

import re
from pathlib import Path

from checker import check_text
from checker.config import Config
from checker.rules.base import Rule, all_rules, severity_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_table_is_the_rules_proof():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- severity-table:[^>]*-->\n(.*?)\n<!-- /severity-table -->", text, re.S)
    assert block, "README lost its severity table"
    assert block.group(1) == severity_table(), "regenerate the table: checker.rules.base.severity_table()"


def test_every_rule_says_when_its_default_severity_holds():
    for rule in all_rules():
        assert rule.proof.get(rule.severity), rule.code


def test_a_rule_without_a_proof_for_its_severity_is_refused():
    import pytest

    from checker.rules.base import register

    class Unproven(Rule):
        code, name, kind, severity = "NC999", "unproven", "range-inverted", "warning"
        proof = {"error": "never mind"}

    with pytest.raises(ValueError, match="proof must say when a finding is 'warning'"):
        register(Unproven)


def test_findings_carry_their_basis():
    report = check_text("Air defences shot down 75 of the 61 drones launched overnight, the army said.\n\n"
                        "The fire burned 310 square kilometres (193 square miles) of forest.")
    assert {f.rule for f in report.findings} >= {"NC101", "NC109"}
    for f in report.findings:
        rule = next(r for r in all_rules() if r.code == f.rule)
        assert f.basis == rule.proof[f.severity]


def test_a_configured_severity_says_so():
    report = check_text("The fire burned 310 square kilometres (193 square miles) of forest.",
                        config=Config(severity={"NC109": "warning"}))
    (f,) = report.findings
    assert f.severity == "warning" and "severity setting" in f.basis
