"""The quantity table as text: an aligned table, CSV, JSON or JSON Lines."""
from __future__ import annotations

import json

import pandas as pd

from checker.reporters.records import REPORT_FIELDS, rows

_TABLE_COLUMNS = ["doc", "start", "text", "value", "low", "high", "qualifier", "unit", "subject",
                  "event", "actor"]


def render_table(df: pd.DataFrame) -> str:
    if df.empty:
        return "no quantities found\n"
    shown = df[_TABLE_COLUMNS].copy()
    shown["doc"] = shown["doc"].map(lambda d: d.rsplit("/", 1)[-1])
    return shown.to_string(index=False, na_rep="", float_format=lambda v: f"{v:,.10g}") + "\n"


def render_csv(df: pd.DataFrame) -> str:
    return df[REPORT_FIELDS].to_csv(index=False, lineterminator="\n")


def render_json(df: pd.DataFrame) -> str:
    return json.dumps(rows(df, REPORT_FIELDS), ensure_ascii=False, indent=1) + "\n"


def render_jsonl(df: pd.DataFrame) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows(df, REPORT_FIELDS))


RENDERERS = {"table": render_table, "csv": render_csv, "json": render_json, "jsonl": render_jsonl}
