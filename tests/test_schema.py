"""The pandera schema: accepts what extraction produces, rejects broken tables with a readable message."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from checker.extract import extract_text, table
from checker.schema import COLUMNS, SchemaViolation, validate


def _row(**over) -> dict:
    row = {c: None for c in COLUMNS}
    row.update(doc="a.txt", qid=0, start=10, end=13, sentence=0, text="171", value=171.0,
               qualifier="exact", unit="count", base_value=171.0, base_unit="count")
    row.update(over)
    return row


def _frame(*rows: dict) -> pd.DataFrame:
    df = pd.DataFrame.from_records(list(rows), columns=COLUMNS)
    df["restates"] = df["restates"].astype("Int64")
    return df


def test_extracted_table_validates() -> None:
    df = table(extract_text("Russia launched 171 drones; 75 were shot down and about 60% hit nothing.", "a.txt"))
    assert list(df.columns) == COLUMNS
    assert len(df) == 3


def test_inverted_range_is_allowed() -> None:
    df = validate(_frame(_row(text="30,000 and 10,000", end=27, value=None, low=30000.0, high=10000.0,
                              qualifier="range")))
    assert df.loc[0, "low"] > df.loc[0, "high"]


@pytest.mark.parametrize("override,check", [
    ({"start": 13, "end": 10}, "start_before_end"),
    ({"qualifier": "roughly"}, "isin"),
    ({"unit": "furlongs per fortnight"}, "known_unit"),
    ({"value": None}, "value_or_range"),
    ({"text": "17"}, "surface_length_matches_span"),
    ({"event": "exploded"}, "known_event"),
])
def test_broken_rows_are_named_in_the_error(override: dict, check: str) -> None:
    with pytest.raises(SchemaViolation) as err:
        validate(_frame(_row(), _row(qid=1, **override)))
    message = str(err.value)
    assert check in message
    assert "a numcheck bug" in message


def test_strict_schema_rejects_unknown_columns() -> None:
    df = _frame(_row())
    df["confidence"] = 0.9
    with pytest.raises(SchemaViolation, match="confidence"):
        validate(df)


def test_empty_table_validates() -> None:
    assert table([]).empty


def test_validating_loads_neither_dask_tables_nor_hypothesis() -> None:
    # pandera tries dask.dataframe (0.7 s) and imports hypothesis (0.2 s) where they are installed, for features
    # numcheck never uses; a fresh process shows what a run of the command loads
    code = ("import sys; from checker.extract import table; table([]); "
            "print(sorted(m for m in ('dask', 'hypothesis') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
