"""The review loop: init, verdicts, re-run, edit elsewhere, re-run — verdicts stick, only new is new."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from checker.cli import app

runner = CliRunner()
ARTICLE = (
    "KYIV — Russia launched 61 drones overnight, the Air Force said.\n"
    "Air defences shot down 75 of them over the capital.\n"
    "The regional governor said 1,300 square kilometres (2,100 square miles) of farmland were burned.\n"
)


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _check(article: Path, review: Path) -> tuple[int, dict]:
    result = runner.invoke(app, ["check", str(article), "--review", str(review), "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_review_loop(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    review = tmp_path / "review.csv"

    assert runner.invoke(app, ["review", "init", str(article), "-o", str(review)]).exit_code == 0
    rows = _rows(review)
    assert [r["rule"] for r in rows] == ["NC101", "NC109"]
    assert all(r["verdict"] == "" and len(r["fingerprint"]) == 16 for r in rows)
    assert "shot down 75 of them" in rows[0]["sentence"]

    # an editor marks the part/whole finding confirmed and the conversion a false alarm
    rows[0]["verdict"], rows[0]["note"] = "confirmed", "desk asked the reporter"
    rows[1]["verdict"] = "false-alarm"
    with review.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    code, report = _check(article, review)
    assert [(f["rule"], f["status"]) for f in report["findings"]] == [("NC101", "confirmed")]
    assert code == 0  # a confirmed finding is known: it does not fail the run

    # edit elsewhere: a new first paragraph shifts every offset, and a new contradiction is added
    article.write_text("Sirens sounded across Ukraine for six hours.\n" + ARTICLE
                       + "Officials said the 1,500 hectares burned had been between 900 and 400 hectares.\n",
                       encoding="utf-8")
    code, report = _check(article, review)
    statuses = sorted((f["rule"], f["status"]) for f in report["findings"])
    assert statuses == [("NC101", "confirmed"), ("NC106", "new")]
    assert code == 1  # the new finding fails the run

    # re-running init keeps the verdicts of findings still there and adds the new one
    assert runner.invoke(app, ["review", "init", str(article), "-o", str(review)]).exit_code == 0
    verdicts = {(r["rule"], r["verdict"]) for r in _rows(review)}
    assert verdicts == {("NC101", "confirmed"), ("NC109", "false-alarm"), ("NC106", "")}


def test_bad_verdict_is_a_one_line_error(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    review = tmp_path / "review.csv"
    review.write_text("fingerprint,verdict\nabc,maybe\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(article), "--review", str(review)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"numcheck: error: {review}: line 2: verdict 'maybe' is not one of "
                                     "confirmed, false-alarm, fixed (or empty)")
    assert result.stdout == ""
