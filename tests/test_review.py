"""The review loop: init, verdicts, re-run, edit elsewhere, re-run — verdicts stick, only new is new."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker import review as review_mod
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


def _write(path: Path, rows: list[dict], delimiter: str = ",", encoding: str = "utf-8") -> None:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def test_init_keeps_rows_whose_finding_changed_marked_stale(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    review = tmp_path / "review.csv"
    runner.invoke(app, ["review", "init", str(article), "-o", str(review)])
    rows = _rows(review)
    rows[1]["verdict"], rows[1]["note"] = "false-alarm", "the desk checked the conversion"
    _write(review, rows)

    # the conversion's sentence is reworded: its finding gets a new fingerprint
    article.write_text(ARTICLE.replace("The regional governor said", "The governor told reporters"), encoding="utf-8")
    result = runner.invoke(app, ["review", "init", str(article), "-o", str(review)])
    assert result.exit_code == 0
    assert result.stderr.strip() == (f"{review}: 2 findings to review; 1 stale row kept for its verdict or note "
                                     "(the finding changed or is gone: see the state column)")
    after = _rows(review)
    stale = [r for r in after if r["state"] == "stale"]
    assert [(r["fingerprint"], r["verdict"], r["note"]) for r in stale] == \
        [(rows[1]["fingerprint"], "false-alarm", "the desk checked the conversion")]
    assert [(r["rule"], r["verdict"], r["state"]) for r in after if r["state"] != "stale"] == \
        [("NC101", "", ""), ("NC109", "", "")]

    # a row with neither verdict nor note carries no editor's work: it goes with its finding
    reworded = article.read_text(encoding="utf-8")
    article.write_text(reworded.replace("Air defences shot down 75", "Air defences shot down 55"), encoding="utf-8")
    runner.invoke(app, ["review", "init", str(article), "-o", str(review)])
    assert {(r["rule"], r["verdict"], r["state"]) for r in _rows(review)} == \
        {("NC109", "", ""), ("NC109", "false-alarm", "stale")}

    # and a stale row's finding that comes back (the edit undone) is current again, with its verdict
    article.write_text(ARTICLE, encoding="utf-8")
    runner.invoke(app, ["review", "init", str(article), "-o", str(review)])
    assert {(r["rule"], r["verdict"], r["state"]) for r in _rows(review)} == \
        {("NC101", "", ""), ("NC109", "false-alarm", "")}


SPREADSHEETS = [  # (delimiter, encoding, how the verdict was typed)
    (";", "cp1252", "False alarm"),
    (";", "utf-8-sig", "FALSE-ALARM"),
    ("\t", "utf-16", "false_alarm"),
    (",", "cp1252", " False Alarm "),
]


@pytest.mark.parametrize("delimiter, encoding, verdict", SPREADSHEETS)
def test_review_file_from_a_spreadsheet_is_read(tmp_path: Path, delimiter: str, encoding: str, verdict: str) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    review = tmp_path / "review.csv"
    runner.invoke(app, ["review", "init", str(article), "-o", str(review)])
    rows = [{k.capitalize(): v for k, v in r.items()} for r in _rows(review)]  # headers as a person types them
    rows[1]["Verdict"], rows[1]["Note"] = verdict, "vérifié: 1 300 km² ≈ 502 mi², côté rédaction €"
    if encoding == "cp1252":
        rows[1]["Note"] = rows[1]["Note"].replace("≈", "~")  # what cp1252 cannot hold, Excel would not write
    _write(review, rows, delimiter, encoding)
    code, report = _check(article, review)
    assert [f["rule"] for f in report["findings"]] == ["NC101"] and code == 1
    # init keeps the editor's delimiter (the note survives in UTF-8)
    assert runner.invoke(app, ["review", "init", str(article), "-o", str(review)]).exit_code == 0
    text = review.read_text(encoding="utf-8")
    assert text.splitlines()[0] == delimiter.join(review_mod.COLUMNS)
    kept = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    assert [(r["verdict"], r["note"]) for r in kept][1] == ("false-alarm", rows[1]["Note"])
