"""Plain-Python rows from the quantity table, for the text formats."""
from __future__ import annotations

import math

import pandas as pd

REPORT_FIELDS = ["doc", "start", "end", "text", "sentence", "value", "low", "high", "qualifier",
                 "unit", "subject", "event", "actor", "source", "time"]


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


def rows(df: pd.DataFrame, fields: list[str] | None = None) -> list[dict]:
    cols = fields or list(df.columns)
    return [{c: _plain(r[c]) for c in cols} for r in df[cols].to_dict("records")]
