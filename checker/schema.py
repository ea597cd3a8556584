"""The quantity table: a pandera DataFrameModel every extraction result must satisfy."""
from __future__ import annotations

import importlib
import sys

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from checker.vocab import vocabulary


def _import_without(missing: str, module: str) -> None:
    """Import module as if the package missing were not installed; where either is loaded already,
    nothing changes."""
    if missing in sys.modules or module in sys.modules:
        return
    sys.modules[missing] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        importlib.import_module(module)
    finally:
        del sys.modules[missing]


# pandera's pandas checks import its data-synthesis strategies, which import hypothesis when it is installed
# (the test extra): a fifth of a second of every run's start-up, for schema.example(), which numcheck never calls
_import_without("hypothesis", "pandera.backends.pandas.builtin_checks")
# the first validation asks which index types there are, and pandera's answer imports dask.dataframe when dask
# is installed (the dask extra): seven tenths of a second (even where it then fails for want of pyarrow), for
# the annotations of dask tables numcheck never validates (its dask engine validates pandas tables on workers)
_import_without("dask", "pandera.typing.dask")

QUALIFIERS = ["exact", "approx", "at_least", "more_than", "at_most", "less_than", "range"]
# The gold format's event labels; rules/events.yaml may add more (a data edit, not a schema change).
EVENTS = ["launched", "downed", "lost", "hit", "destroyed", "killed", "injured", "casualties",
          "deployed", "pledged", "participated", "damaged", "captured", "evacuated", "produced",
          "spent", "received", "voted", "other"]


def known_events() -> set[str]:
    return set(EVENTS) | set(vocabulary().events["events"])
BASIC_UNITS = {"count", "percent", "fraction", "ratio", "point", "bp"}

COLUMNS = ["doc", "qid", "start", "end", "sentence", "text", "value", "low", "high", "qualifier",
           "unit", "base_value", "base_unit", "subject", "event", "actor", "holder", "source", "time",
           "place", "restates"]


def known_units() -> set[str]:
    """Every canonical unit symbol the vocabulary can produce."""
    u = vocabulary().units
    known = set(BASIC_UNITS)
    known |= set(u["currency_prefixes"].values()) | set(u["currency_words"].values())
    known |= {str(v) for v in u["unit_aliases"].values()} | {str(v) for v in u["quantulum_units"].values()}
    known |= set(u["pint_units"]) | {u["pounds"]["default"], u["pounds"]["with_magnitude"]}
    for spec in u["currency_by_context"].values():
        known |= set(spec.get("contexts", {})) | ({spec["default"]} if "default" in spec else set())
    rates = {str(v) for v in u["rate_units"].values()} | {str(v) for v in u.get("period_units", {}).values()}
    money = set(u["currency_prefixes"].values()) | set(u["currency_words"].values())
    known |= {f"{c}/{r}" for c in money for r in rates}
    return known


class QuantityTable(pa.DataFrameModel):
    """One row per quantity found in a document.

    Offsets are character offsets into the document text: text[start:end] is the
    quantity as written. A range has no value but a low and a high end; the
    table holds inverted ranges (low > high) because they are findings for the
    rules, not extraction errors.
    """

    doc: Series[str]
    qid: Series[int] = pa.Field(ge=0)
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(gt=0)
    sentence: Series[int] = pa.Field(ge=0)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    value: Series[float] = pa.Field(nullable=True)
    low: Series[float] = pa.Field(nullable=True)
    high: Series[float] = pa.Field(nullable=True)
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS)
    unit: Series[str]
    base_value: Series[float] = pa.Field(nullable=True)
    base_unit: Series[str]
    subject: Series[str] = pa.Field(nullable=True)
    event: Series[str] = pa.Field(nullable=True)
    actor: Series[str] = pa.Field(nullable=True)
    holder: Series[str] = pa.Field(nullable=True)
    source: Series[str] = pa.Field(nullable=True)
    time: Series[str] = pa.Field(nullable=True)
    place: Series[str] = pa.Field(nullable=True)
    restates: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)

    class Config:
        strict = True
        coerce = True
        ordered = True

    @pa.check("unit", name="known_unit")
    def unit_is_known(cls, unit: Series[str]) -> Series[bool]:
        return unit.isin(known_units())

    @pa.check("event", name="known_event")
    def event_is_known(cls, event: Series[str]) -> Series[bool]:
        return event.isna() | event.isin(known_events())

    @pa.dataframe_check(name="start_before_end")
    def start_before_end(cls, df: pd.DataFrame) -> Series[bool]:
        return df["start"] < df["end"]

    @pa.dataframe_check(name="surface_length_matches_span")
    def surface_matches_span(cls, df: pd.DataFrame) -> Series[bool]:
        return df["text"].str.len() == df["end"] - df["start"]

    @pa.dataframe_check(name="value_or_range")
    def value_or_range(cls, df: pd.DataFrame) -> Series[bool]:
        has_range = df["low"].notna() & df["high"].notna()
        return df["value"].notna() | ((df["qualifier"] == "range") & has_range)

    @pa.dataframe_check(name="range_has_bounds")
    def range_has_bounds(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["qualifier"] != "range") | (df["low"].notna() & df["high"].notna())


def python_values(column: pd.Series) -> list:
    """A table column as plain Python values, None where a value is missing (a whole column at a
    time: row by row through to_dict is several times slower on a large table)."""
    return column.astype(object).where(column.notna(), None).tolist()


class SchemaViolation(Exception):
    """The extractor produced a table that breaks the schema: a bug in numcheck."""


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """Validate lazily; on failure raise SchemaViolation naming each failed check and row."""
    try:
        return QuantityTable.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise SchemaViolation(describe_failures(exc.failure_cases, df)) from exc


def describe_failures(failures: pd.DataFrame, df: pd.DataFrame) -> str:
    """One line per failed check and row: 'row 1 (a.txt:13 '171'): start_before_end'."""
    lines: list[str] = []
    seen: set[tuple] = set()
    for f in failures.to_dict("records"):
        idx = f.get("index")
        table_level = f.get("schema_context") == "DataFrameSchema"
        column = None if table_level else f.get("column")
        key = (str(f.get("check")), column, idx)
        if key in seen:
            continue
        seen.add(key)
        where = "table"
        if idx is not None and not pd.isna(idx) and idx in df.index:
            row = df.loc[idx]
            where = f"row {idx} ({row.get('doc')}:{row.get('start')} {row.get('text')!r})"
        if not table_level:
            detail = f" on column {column}: value {f.get('failure_case')!r}"
        else:
            detail = "" if where != "table" else f": {f.get('failure_case')!r}"
        lines.append(f"{where}: check {f.get('check')} failed{detail}")
    shown = lines[:20] + ([f"... and {len(lines) - 20} more"] if len(lines) > 20 else [])
    return "quantity table breaks the schema (a numcheck bug):\n  " + "\n  ".join(shown)
