"""`numcheck extract --all`: quantities and set-aside non-quantities in one listing, each with its reason."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from checker.cli import app

runner = CliRunner()
TEXT = "In 2021 the ferry left at 6:45 with 212 passengers aboard, the 3rd crossing of the day.\n"


def _write(tmp_path: Path) -> Path:
    p = tmp_path / "ferry.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_all_lists_kept_and_dropped_with_reasons(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--all", str(_write(tmp_path)), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    got = {r["text"]: (r["kept"], r["reason"]) for r in rows}
    assert got == {"2021": (False, "year"), "6:45": (False, "clock-time"), "212": (True, None),
                   "3": (False, "ordinal")}
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    assert all(TEXT[r["start"]:r["end"]] == r["text"] for r in rows)


def test_all_table_and_csv_carry_the_reason_column(tmp_path: Path) -> None:
    path = str(_write(tmp_path))
    table = runner.invoke(app, ["extract", "--all", path])
    assert table.exit_code == 0
    header = table.stdout.splitlines()[0].split()
    assert "kept" in header and "reason" in header
    assert "clock-time" in table.stdout
    as_csv = list(csv.DictReader(io.StringIO(runner.invoke(app, ["extract", "--all", path, "-f", "csv"]).stdout)))
    assert [(r["text"], r["kept"], r["reason"]) for r in as_csv][:2] == [("2021", "False", "year"),
                                                                         ("6:45", "False", "clock-time")]


def test_without_all_only_quantities(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in runner.invoke(
        app, ["extract", str(_write(tmp_path)), "-f", "jsonl"]).stdout.splitlines()]
    assert [r["text"] for r in rows] == ["212"]
    assert "kept" not in rows[0]


def test_all_reports_unreadable_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--all", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
