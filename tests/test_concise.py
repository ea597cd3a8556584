"""The concise terminal format: one finding a line, colour only when asked, article text made harmless."""
from __future__ import annotations

import re

import pandas as pd

from checker.pipeline import check_text
from checker.report import DocumentResult, Finding, Notice, Report, Span
from checker.reporters import concise

CONTRADICTION = "Officials said so.\nRussia launched 61 drones overnight. Air defences shot down 75 of them.\n"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>\S+) \[(?P<severity>error|warning|info)\] (?P<message>.+)$")


def test_one_finding_a_line_then_the_summary() -> None:
    report = check_text(CONTRADICTION, doc="wire/kyiv.txt")
    lines = concise.render(report).splitlines()
    assert len(lines) == 2
    m = LINE.match(lines[0])
    assert m and m["path"] == "wire/kyiv.txt" and (m["line"], m["col"]) == ("2", "17")  # where "61" is
    assert (m["code"], m["severity"]) == ("NC101", "error") and "part cannot exceed its whole" in m["message"]
    assert lines[1] == "1 document checked, 1 finding (1 error)"
    assert concise.render(report, with_summary=False) == lines[0] + "\n"


def test_colour_wraps_the_parts_and_leaves_the_text_the_same() -> None:
    report = check_text(CONTRADICTION, doc="kyiv.txt")
    plain, coloured = concise.render(report), concise.render(report, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31m[error]\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def _report(doc: str, message: str) -> Report:
    finding = Finding(doc, "NC101", "part-exceeds-whole", "k", "warning", message, (Span(0, 2, "61"),))
    notice = Notice(doc, 0, "unused suppression '\x1b[2J': it matches no finding")
    return Report([DocumentResult(doc, 1, 1)], pd.DataFrame(), [finding], {doc: "61 drones\n"}, [notice])


def test_control_and_escape_characters_from_an_article_are_neutralised() -> None:
    hostile = "75 \x1b]0;pwned\x07drones\x1b[31m \r\x08\x9b2J \u202eexe.txt\u202c\nnext\udcff"
    out = concise.render(_report("wire/\x1b[5mevil\x07.txt", hostile), color=True)
    visible = re.sub(r"\x1b\[[0-9;]*m", "", out)  # remove our own colour codes: nothing else may drive the terminal
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]", visible)
    assert visible.count("\n") == 3  # the finding, the notice and the summary: an article cannot add lines
    assert "wire/\u241b[5mevil\u2407.txt:1:1:" in visible
    assert "75 \u241b]0;pwned\u2407drones\u241b[31m \u240d\u2408\ufffd2J \ufffdexe.txt\ufffd\u240anext\ufffd" in visible
    assert "unused suppression '\u241b[2J'" in visible
    out.encode("utf-8")  # no lone surrogate left to fail on the way out


def test_terminal_safe_keeps_ordinary_text() -> None:
    text = "Kyiv — 1 200 (±5 %) «drones», 12\u00a0km², café 😀 日本 \u200fאבג\u200e"  # RLM/LRM: harmless marks
    assert concise.terminal_safe(text) == text


def test_summary_counts_and_plurals() -> None:
    doc = "a.txt"
    findings = [Finding(doc, "NC101", "n", "k", s, "m") for s in ("error", "error", "warning", "info")]
    report = Report([DocumentResult(doc, 3, 4), DocumentResult("b.txt", error="no such file")], pd.DataFrame(),
                    findings, {doc: ""}, [Notice(doc, 0, "x")], hidden=2)
    assert concise.summary(report) == ("1 document checked, 4 findings (2 errors, 1 warning, 1 info), 1 notice, "
                                       "2 hidden by the review file; 1 document not checked")
    empty = Report([DocumentResult("a.txt"), DocumentResult("b.txt")], pd.DataFrame())
    assert concise.summary(empty) == "2 documents checked, no findings"
