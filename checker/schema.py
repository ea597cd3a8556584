"""The quantity table: a pandera schema every extraction result must satisfy."""
from __future__ import annotations

import sys

import pandas as pd
import pandera.pandas as pa

from checker.vocab import vocabulary


def _import_checks_without_hypothesis() -> None:
    """Load pandera's pandas checks as if hypothesis were not installed.

    They import pandera's data-synthesis strategies, which import hypothesis when it is installed (the
    test extra): a fifth of a second of every run's start-up, for schema.example(), which numcheck
    never calls. Where hypothesis is already loaded (a test session) nothing changes.
    """
    if "hypothesis" in sys.modules or "pandera.backends.pandas.builtin_checks" in sys.modules:
        return
    sys.modules["hypothesis"] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        import pandera.backends.pandas.builtin_checks  # noqa: F401
    finally:
        del sys.modules["hypothesis"]


_import_checks_without_hypothesis()

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


def _column(dtype, *checks: pa.Check, nullable: bool = False) -> pa.Column:
    return pa.Column(dtype, checks=list(checks), nullable=nullable)


def _optional_text() -> pa.Column:
    return _column(str, nullable=True)


# One row per quantity found in a document. Offsets are character offsets into the document text:
# text[start:end] is the quantity as written. A range has no value but a low and a high end; the table
# holds inverted ranges (low > high) because they are findings for the rules, not extraction errors.
# (A DataFrameSchema rather than a DataFrameModel: building a model's schema imports pandera's typing
# for every dataframe library installed, dask's among them, a second of start-up for nothing.)
QuantityTable = pa.DataFrameSchema(
    {
        "doc": _column(str),
        "qid": _column(int, pa.Check.ge(0)),
        "start": _column(int, pa.Check.ge(0)),
        "end": _column(int, pa.Check.gt(0)),
        "sentence": _column(int, pa.Check.ge(0)),
        "text": _column(str, pa.Check.str_length(min_value=1)),
        "value": _column(float, nullable=True),
        "low": _column(float, nullable=True),
        "high": _column(float, nullable=True),
        "qualifier": _column(str, pa.Check.isin(QUALIFIERS)),
        "unit": _column(str, pa.Check(lambda unit: unit.isin(known_units()), name="known_unit")),
        "base_value": _column(float, nullable=True),
        "base_unit": _column(str),
        "subject": _optional_text(),
        "event": _column(str, pa.Check(lambda event: event.isna() | event.isin(known_events()), name="known_event"),
                         nullable=True),
        "actor": _optional_text(),
        "holder": _optional_text(),
        "source": _optional_text(),
        "time": _optional_text(),
        "place": _optional_text(),
        "restates": _column(pd.Int64Dtype(), pa.Check.ge(0), nullable=True),
    },
    checks=[
        pa.Check(lambda df: df["start"] < df["end"], name="start_before_end"),
        pa.Check(lambda df: df["text"].str.len() == df["end"] - df["start"], name="surface_length_matches_span"),
        pa.Check(lambda df: df["value"].notna() | ((df["qualifier"] == "range") & df["low"].notna()
                                                   & df["high"].notna()), name="value_or_range"),
        pa.Check(lambda df: (df["qualifier"] != "range") | (df["low"].notna() & df["high"].notna()),
                 name="range_has_bounds"),
    ],
    strict=True, coerce=True, ordered=True, name="QuantityTable",
)


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
