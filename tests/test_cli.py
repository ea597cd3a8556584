"""The command line: formats, exit codes, directories and bad input, through typer's CliRunner."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app

runner = CliRunner()
ARTICLE = ("KYIV — Russia launched 147 drones overnight, the Air Force said. "
           "Air defences shot down 118 of them, while 22 were lost to jamming.\n")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "attack.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_no_arguments_prints_help() -> None:
    result = runner.invoke(app, [])
    assert "extract" in result.output and "check" in result.output
    assert result.exit_code in (0, 2)


def test_extract_table(article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0
    assert "147" in result.stdout and "drone" in result.stdout and "launched" in result.stdout


def test_extract_csv_and_jsonl_agree(article: Path) -> None:
    as_csv = list(csv.DictReader(io.StringIO(runner.invoke(app, ["extract", str(article), "-f", "csv"]).stdout)))
    as_jsonl = [json.loads(line) for line in runner.invoke(app, ["extract", str(article), "-f", "jsonl"]).stdout.splitlines()]
    assert [r["text"] for r in as_csv] == [r["text"] for r in as_jsonl] == ["147", "118", "22"]
    assert as_jsonl[1]["subject"] == "drone" and as_jsonl[1]["event"] == "downed"


def test_check_json_report_shape(article: Path) -> None:
    result = runner.invoke(app, ["check", str(article), "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["version"] == 2
    assert report["documents"] == [{"doc": str(article), "quantities": 3, "findings": 0, "error": None}]
    q = report["quantities"][0]
    assert set(q) >= {"doc", "start", "end", "text", "sentence", "value", "low", "high", "qualifier",
                      "unit", "subject", "event", "actor", "source"}
    assert ARTICLE[q["start"]:q["end"]] == q["text"] == "147"
    assert report["findings"] == []


def test_directory_reads_txt_and_md_sorted_and_ignores_json(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Officials counted 12 new cases.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Officials counted 7 new cases.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    report = json.loads(runner.invoke(app, ["check", str(tmp_path), "--format", "json"]).stdout)
    assert [Path(d["doc"]).name for d in report["documents"]] == ["a.md", "b.txt"]


def test_missing_and_undecodable_files_are_reported_and_others_checked(article: Path, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 owners counted 40 guests.".encode("latin-1"))
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["check", str(missing), str(bad), str(article), "--format", "json"])
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert errors == [f"numcheck: error: {missing}: no such file",
                      f"numcheck: error: {bad}: not valid UTF-8 (byte 0xe9 at offset 3)"]
    report = json.loads(result.stdout)
    assert [d["error"] is None for d in report["documents"]] == [False, False, True]
    assert len(report["quantities"]) == 3


def test_output_file_is_written(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["check", str(article), "--format", "json", "--output", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["quantities"] == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_unknown_format_is_a_usage_error(article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--format", "xml"])
    assert result.exit_code == 2


def test_python_dash_m_is_the_same_app(article: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "checker", "extract", str(article), "-f", "jsonl"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["text"] for line in done.stdout.splitlines()] == ["147", "118", "22"]


CONTRADICTION = "Russia launched 61 drones overnight. Air defences shot down 75 of them, the air force said.\n"


@pytest.fixture()
def contradiction(tmp_path: Path) -> Path:
    p = tmp_path / "bad.txt"
    p.write_text(CONTRADICTION, encoding="utf-8")
    return p


def test_rules_lists_all_ten() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == [f"NC1{i:02d}" for i in range(1, 11)]
    assert "part-exceeds-whole" in lines[0]


def test_explain_by_code_and_by_name() -> None:
    by_code = runner.invoke(app, ["explain", "NC101"])
    by_name = runner.invoke(app, ["explain", "part-exceeds-whole"])
    assert by_code.exit_code == 0 and by_code.stdout == by_name.stdout
    assert "What it flags" in by_code.stdout and "Flagged" in by_code.stdout


def test_explain_unknown_rule_is_a_usage_error() -> None:
    result = runner.invoke(app, ["explain", "NC999"])
    assert result.exit_code == 2
    assert "unknown rule 'NC999'" in result.stderr


def test_contradiction_exits_1_and_is_reported(contradiction: Path) -> None:
    result = runner.invoke(app, ["check", str(contradiction), "--format", "json"])
    assert result.exit_code == 1
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["rule"] == "NC101" and finding["kind"] == "part-exceeds-whole" and finding["severity"] == "error"
    assert {s["text"] for s in finding["spans"]} == {"61", "75"}


def test_fail_on_never_exits_0(contradiction: Path) -> None:
    assert runner.invoke(app, ["check", str(contradiction), "--fail-on", "never"]).exit_code == 0


def test_ignore_and_select(contradiction: Path) -> None:
    ignored = runner.invoke(app, ["check", str(contradiction), "--ignore", "NC101", "--format", "json"])
    assert ignored.exit_code == 0 and json.loads(ignored.stdout)["findings"] == []
    selected = runner.invoke(app, ["check", str(contradiction), "--select", "part-exceeds-whole"])
    assert selected.exit_code == 1


def test_unknown_rule_in_select_is_a_usage_error(contradiction: Path) -> None:
    result = runner.invoke(app, ["check", str(contradiction), "--select", "NC777"])
    assert result.exit_code == 2 and "unknown rule" in result.stderr
