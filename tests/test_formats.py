"""Every report format on a real article with a contradiction: parsed and checked, not just produced."""
from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from checker.rules.base import all_rules
from checker.cli import app

runner = CliRunner()
ARTICLE = Path(__file__).parent / "data" / "drone_attack.txt"


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "drone_attack.txt"
    p.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    return p


def _check(*args: str):
    return runner.invoke(app, ["check", *args])


def test_markdown_report_shows_finding_sentence_arithmetic_and_quantities(article: Path) -> None:
    result = _check(str(article))
    assert result.exit_code == 1
    md = result.stdout
    assert md.startswith("# numcheck consistency report\n")
    assert "**1 document checked, " in md
    assert "### 1. NC101 part-exceeds-whole (error)" in md
    assert "> KYIV — Russia launched **61** Shahed-type drones" in md
    assert "> Air defences shot down **75** of them" in md
    assert "**What does not add up:** 75 drones downed > 61 drones launched" in md
    assert "<summary>5 quantities checked</summary>" in md
    assert "| 12 | 12 |  |  | count | exact | house | damaged |" in md
    # what an editor acts on comes first: the findings, then how to silence one (once), then the quantities
    assert md.count("<!-- numcheck: ignore NC101 -->") == 1
    assert md.index("### 2. NC102") < md.index("## If a finding is a false alarm") \
        < md.index("## Appendix: the quantities checked") < md.index("<details>")


def test_markdown_is_deterministic(article: Path) -> None:
    assert _check(str(article)).stdout == _check(str(article)).stdout


def test_github_annotations_exact(article: Path) -> None:
    result = _check(str(article), "--format", "github")
    assert result.stdout.splitlines() == [
        f"::error file={article},line=1,col=24,endColumn=26,title=NC101 part-exceeds-whole::"
        "75 drones downed > 61 drones launched: a part cannot exceed its whole",
        f"::error file={article},line=1,col=24,endColumn=26,title=NC102 parts-exceed-whole::"
        "75 + 9 = 84, more than the 61 drones they are part of",
    ]


def test_sarif_has_required_fields(article: Path) -> None:
    sarif = json.loads(_check(str(article), "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "numcheck"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == [r.code for r in all_rules()] and "NC112" in rule_ids
    assert all(r["fullDescription"]["text"].startswith(r["shortDescription"]["text"]) for r in driver["rules"])
    result = next(r for r in run["results"] if r["ruleId"] == "NC101")
    assert result["level"] == "error" and "61" in result["message"]["text"]
    assert driver["rules"][result["ruleIndex"]]["id"] == "NC101"
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == str(article)
    assert (loc["region"]["startLine"], loc["region"]["startColumn"]) == (1, 24)
    assert loc["region"]["snippet"]["text"] == "61"
    related = result["relatedLocations"][0]["physicalLocation"]["region"]
    assert (related["startLine"], related["startColumn"], related["snippet"]["text"]) == (2, 24, "75")


def test_junit_one_case_per_document(article: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("Officials counted 12 new cases on Monday.\n", encoding="utf-8")
    root = ET.fromstring(_check(str(article), str(clean), "--format", "junit").stdout)
    suite = root.find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "1" and suite.get("errors") == "0"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {str(article), str(clean)}
    failure = cases[str(article)].find("failure")
    assert failure is not None and failure.get("type") == "NC101"
    assert f"{article}:1:24: NC101 part-exceeds-whole (error)" in failure.text
    assert cases[str(clean)].find("failure") is None


def test_step_summary_gets_the_markdown_report(article: Path, tmp_path: Path, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _check(str(article), "--format", "github")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n# numcheck consistency report\n")


def test_dev_report_shows_every_finding_with_its_sentence_and_arithmetic(shared: Path) -> None:
    from checker.pipeline import check_paths
    from checker.reporters import escape, markdown

    report = check_paths([str(shared / "corpus" / "dev")])
    md = markdown.render(report)
    assert len(report.findings) >= 40
    for f in report.findings:
        assert f"{f.rule} {f.name}" in md
        assert f"**What does not add up:** {escape.markdown(f.message, start=False)}" in md
        for span in f.spans:
            assert f"**{escape.markdown(span.text, start=False)}**" in md or span.text in md
