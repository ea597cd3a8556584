"""Suppression comments: per line, per range, for .md and .txt; unused ones are reported."""
from __future__ import annotations

from checker.pipeline import check_text

CONTRADICTION = "Russia launched 61 drones overnight. Air defences shot down 75 of them."


def _rules(report) -> list[str]:
    return [f.rule for f in report.findings]


def test_html_comment_on_the_line_before_silences_that_rule() -> None:
    text = f"Intro line.\n<!-- numcheck: ignore NC101 -->\n{CONTRADICTION}\n"
    report = check_text(text, "a.md")
    assert "NC101" not in _rules(report) and report.suppressed == 1 and report.notices == []


def test_plain_text_marker_on_the_same_line() -> None:
    report = check_text(f"{CONTRADICTION} [numcheck: ignore NC101]\n", "a.txt")
    assert "NC101" not in _rules(report) and report.suppressed == 1


def test_other_rules_are_not_silenced() -> None:
    text = f"<!-- numcheck: ignore NC110 -->\n{CONTRADICTION}\n"
    report = check_text(text, "a.md")
    assert "NC101" in _rules(report)
    assert [n.message for n in report.notices] == [
        "unused suppression '<!-- numcheck: ignore NC110 -->': it matches no finding"]


def test_range_form_disables_until_enabled() -> None:
    text = (f"<!-- numcheck: disable NC101 -->\n{CONTRADICTION}\n<!-- numcheck: enable NC101 -->\n"
            f"Later, {CONTRADICTION}\n")
    report = check_text(text, "a.md")
    lines = [report.texts["a.md"][:f.spans[0].start].count("\n") + 1 for f in report.findings if f.rule == "NC101"]
    assert lines and set(lines) == {4} and report.suppressed == 1


def test_ignore_without_codes_silences_everything_on_the_line() -> None:
    text = "[numcheck: ignore]\nRussia launched 61 drones. Air defences shot down 75, and 12 were jammed.\n"
    report = check_text(text, "a.txt")
    assert report.findings == [] and report.suppressed == 2


def test_markers_are_not_quantities() -> None:
    report = check_text(f"<!-- numcheck: ignore NC101 -->\n{CONTRADICTION}\n", "a.md")
    assert list(report.quantities["text"]) == ["61", "75"]
