"""Plain-Python rows from the quantity table, for the text formats."""
from __future__ import annotations

import math

import pandas as pd

from checker.schema import python_values

REPORT_FIELDS = ["doc", "start", "end", "text", "sentence", "value", "low", "high", "qualifier",
                 "unit", "subject", "event", "actor", "holder", "source", "time", "place"]


def _plain(v):
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return int(v) if v.is_integer() and abs(v) < 2**53 else round(v, 6)
    if hasattr(v, "item"):
        return _plain(v.item())
    return v


def _column(column: pd.Series) -> list:
    """A column as plain Python values: None for missing ones, whole floats as ints."""
    values = python_values(column)
    if pd.api.types.is_integer_dtype(column.dtype) or isinstance(column.dtype, pd.StringDtype):
        return values  # already plain: only floats need rounding
    return [_plain(v) for v in values]


def rows(df: pd.DataFrame, fields: list[str] | None = None) -> list[dict]:
    cols = fields or list(df.columns)
    columns = [_column(df[c]) for c in cols]
    return [dict(zip(cols, values)) for values in zip(*columns)]
