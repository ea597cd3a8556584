"""What CI reads: JUnit failures as the exit code, a step summary under 1 MiB, SARIF fingerprints and suppressions.

JUnit failures agree with the exit code under every --fail-on, the step summary stays under GitHub's
1 MiB with a note saying what was cut, and SARIF carries the review file's fingerprints and false alarms.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.pipeline import check_paths
from checker.reporters import markdown

runner = CliRunner()
ARTICLE = (Path(__file__).parent / "data" / "drone_attack.txt").read_text(encoding="utf-8")
CLEAN = "Officials counted 12 new cases on Monday.\n"


@pytest.fixture()
def warnings_only(tmp_path: Path) -> tuple[Path, Path]:
    """An article whose findings are all warnings (severity overridden in the config), and that config."""
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    config = tmp_path / "numcheck.toml"
    config.write_text('[severity]\nNC101 = "warning"\nNC102 = "warning"\n', encoding="utf-8")
    return article, config


def _junit(*args: str) -> tuple[int, ET.Element]:
    result = runner.invoke(app, ["check", *args, "--format", "junit"])
    return result.exit_code, ET.fromstring(result.stdout)


@pytest.mark.parametrize("fail_on, exit_code", [(None, 0), ("error", 0), ("warning", 1), ("never", 0)])
def test_junit_fails_a_document_exactly_when_the_run_fails(warnings_only, fail_on, exit_code) -> None:
    article, config = warnings_only
    clean = article.with_name("clean.txt")
    clean.write_text(CLEAN, encoding="utf-8")
    code, root = _junit(str(article), str(clean), "--config", str(config),
                        *(["--fail-on", fail_on] if fail_on else []))
    assert code == exit_code
    suite = root.find("testsuite")
    assert suite.get("failures") == root.get("failures") == str(exit_code)
    case = next(c for c in suite.findall("testcase") if c.get("name") == str(article))
    assert (case.find("failure") is not None) == bool(exit_code)
    shown = (case.find("failure") if exit_code else case.find("system-out")).text
    assert f"{article}:1:24: NC101 part-exceeds-whole (warning)" in shown  # never hidden, only not failing


def test_junit_notices_fail_with_fail_on_warning(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("<!-- numcheck: ignore NC106 -->\n" + CLEAN, encoding="utf-8")
    for fail_on, failures in (("error", "0"), ("warning", "1")):
        code, root = _junit(str(article), "--fail-on", fail_on)
        assert root.get("failures") == failures and code == int(failures)
    assert "unused suppression" in root.find("testsuite/testcase/failure").get("message")


def test_junit_confirmed_findings_do_not_fail(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    review = tmp_path / "review.csv"
    runner.invoke(app, ["review", "init", str(article), "-o", str(review)])
    review.write_text(review.read_text(encoding="utf-8").replace(",,,\n", ",confirmed,,\n"), encoding="utf-8")
    code, root = _junit(str(article), "--review", str(review))
    assert code == 0 and root.get("failures") == "0"


def _many(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(n):
        (folder / f"story{i:03d}.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_markdown_cut_to_size_says_what_was_cut(tmp_path: Path) -> None:
    report = check_paths([str(_many(tmp_path, 12))])
    whole = markdown.render(report)
    budget = len(whole.encode("utf-8")) // 3
    cut = markdown.render(report, max_bytes=budget)
    assert len(cut.encode("utf-8")) <= budget
    assert cut.startswith(whole[:whole.index("## ")])  # the summary counts everything
    shown = cut.count("### 1. NC101")
    assert 0 < shown < 12
    assert f"the sections of the last {12 - shown} documents with findings ({2 * (12 - shown)} findings) " \
           "and the appendix of quantities are not shown here" in cut
    assert "## Appendix" not in cut
    assert markdown.render(report, max_bytes=len(whole.encode("utf-8"))) == whole  # fits: not cut


def test_step_summary_is_capped_below_github_limit(tmp_path: Path, monkeypatch) -> None:
    import checker.output

    summary = tmp_path / "summary.md"
    summary.write_text("x" * 500 + "\n", encoding="utf-8")  # an earlier command of the step wrote here
    monkeypatch.setattr(checker.output, "STEP_SUMMARY_LIMIT", 6000)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(app, ["check", str(_many(tmp_path, 10)), "--format", "github"])
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("x" * 500 + "\n# numcheck consistency report\n")
    assert 5000 < len(text.encode("utf-8")) <= 6000
    assert "**Cut to fit GitHub's 1 MiB step summary:**" in text
    assert checker.output.STEP_SUMMARY_LIMIT <= 1024 * 1024


def test_sarif_fingerprints_and_false_alarms_as_suppressions(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    review = tmp_path / "review.csv"
    runner.invoke(app, ["review", "init", str(article), "-o", str(review)])
    rows = list(csv.DictReader(io.StringIO(review.read_text(encoding="utf-8"))))
    rows[1]["verdict"], rows[1]["note"] = "false-alarm", "the 9 were lost before launch"
    with review.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(app, ["check", str(article), "--review", str(review), "--format", "sarif"])
    results = json.loads(result.stdout)["runs"][0]["results"]
    prints = {r["ruleId"]: r["partialFingerprints"]["numcheckFinding/v1"] for r in results}
    assert prints == {r["rule"]: r["fingerprint"] for r in rows}
    dismissed = [r for r in results if r.get("suppressions")]
    assert [r["ruleId"] for r in dismissed] == [rows[1]["rule"]]
    assert dismissed[0]["suppressions"] == [{"kind": "external", "status": "accepted",
                                            "justification": "the 9 were lost before launch"}]
    assert result.exit_code == 1  # the other finding is new


def test_markdown_with_no_room_says_so_or_writes_nothing(tmp_path: Path) -> None:
    report = check_paths([str(_many(tmp_path, 2))])
    tiny = markdown.render(report, max_bytes=300)
    assert tiny.startswith("# numcheck consistency report\n\n**Cut to fit") and len(tiny.encode()) <= 300
    assert markdown.render(report, max_bytes=10) == ""
