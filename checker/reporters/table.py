"""The quantity table as text: an aligned table, CSV, JSON or JSON Lines."""
from __future__ import annotations

import json

import pandas as pd

from checker.reporters.escape import csv_cell, json_text, terminal
from checker.reporters.records import REPORT_FIELDS, rows

_TABLE_COLUMNS = ["doc", "start", "text", "value", "low", "high", "qualifier", "unit", "subject",
                  "event", "actor"]


def _text_columns(df: pd.DataFrame, clean) -> pd.DataFrame:
    """df with clean applied to every text cell (numbers and missing values untouched)."""
    out = df.copy()
    for c in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[c].dtype) or pd.api.types.is_bool_dtype(out[c].dtype)):
            out[c] = out[c].astype(object).map(lambda v: clean(v) if isinstance(v, str) else v)
    return out


def render_table(df: pd.DataFrame) -> str:
    if df.empty:
        return "no quantities found\n"
    shown = df[_TABLE_COLUMNS].copy()
    shown["doc"] = shown["doc"].map(lambda d: d.rsplit("/", 1)[-1])
    shown = _text_columns(shown, terminal)
    return shown.to_string(index=False, na_rep="", float_format=lambda v: f"{v:,.10g}") + "\n"


def render_csv(df: pd.DataFrame) -> str:
    """CSV whose text cells cannot run as spreadsheet formulas (see escape.csv_cell); numbers stay numbers."""
    return _text_columns(df[REPORT_FIELDS], csv_cell).to_csv(index=False, lineterminator="\n")


def render_json(df: pd.DataFrame) -> str:
    return json_text(json.dumps(rows(df, REPORT_FIELDS), ensure_ascii=False, indent=1)) + "\n"


def render_jsonl(df: pd.DataFrame) -> str:
    return "".join(json_text(json.dumps(r, ensure_ascii=False)) + "\n" for r in rows(df, REPORT_FIELDS))


RENDERERS = {"table": render_table, "csv": render_csv, "json": render_json, "jsonl": render_jsonl}
