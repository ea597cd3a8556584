"""One batch of documents checked on its own: extraction, one validated table, the rules within each document.

This is the unit of work every engine runs (in this process, in a worker process or on a Dask
worker), so it takes and returns only plain, picklable values.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

import pandas as pd

from checker.budget import BudgetExceeded, time_budget
from checker.documents import Document
from checker.extract import extract_text, table
from checker.report import Finding
from checker.rules.engine import check_documents
from checker.rules.facts import documents as group_documents
from checker.schema import SchemaViolation
from checker.extract.sentences import Sentence, split_sentences
from checker.vocab import vocabulary


@dataclass(frozen=True)
class Settings:
    """What a worker needs to know of the run."""
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    tolerance: float | None = None
    default_year: int | None = None
    severity: tuple[tuple[str, str], ...] = ()
    budget: float | None = None


@dataclass
class BatchResult:
    """The batch's quantities and within-document findings; errors for documents not checked."""
    names: list[str]
    quantities: pd.DataFrame
    findings: list[Finding] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def check_batch(batch: list[Document], settings: Settings) -> BatchResult:
    """Extract and check every readable document of the batch, each within the time budget.

    A document that runs out of time, or trips over a bug in numcheck, gets an error and
    leaves the rest of the batch unharmed.
    """
    with _fewer_collections():
        return _check_batch(batch, settings)


# Extraction makes and drops many small objects (parses, tokens, matches); at Python's default
# threshold of 700 allocations the young generation was collected a thousand times in a 500 KB corpus,
# and objects that live a little longer (a sentence's) were traversed again in the older generations.
# The threshold is raised for the batch only, and restored after it.
YOUNG_THRESHOLD = 10_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(max(saved[0], YOUNG_THRESHOLD), *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def _check_batch(batch: list[Document], settings: Settings) -> BatchResult:
    vocab = vocabulary()
    errors: dict[str, str] = {d.doc: d.error for d in batch if d.error}
    records: dict[str, list[dict]] = {}
    sentences: dict[str, tuple[Sentence, ...]] = {}
    for d in batch:
        if d.doc in errors:
            continue
        try:
            with time_budget(settings.budget):
                records[d.doc] = extract_text(d.text or "", d.doc, vocab)
                sentences[d.doc] = split_sentences(d.text or "", vocab)  # as extraction split them: kept
        except BudgetExceeded:
            errors[d.doc] = too_slow(settings.budget)
            records.pop(d.doc, None)  # the timer may fire just after the rows were kept
        except Exception as exc:  # a bug must cost one document, not the run
            errors[d.doc] = internal_error("reading its numbers", exc)
    quantities = _validated(records, errors)
    texts = {d.doc: d.text or "" for d in batch if d.doc in records and d.doc not in errors}
    findings: list[Finding] = []
    for doc in group_documents(quantities, texts, vocab, sentences):
        try:
            with time_budget(settings.budget):
                findings.extend(check_documents(
                    [doc], settings.select and list(settings.select), settings.ignore and list(settings.ignore),
                    tolerance=settings.tolerance, default_year=settings.default_year,
                    severity=dict(settings.severity) or None))
        except BudgetExceeded:
            errors[doc.doc] = too_slow(settings.budget)
        except Exception as exc:
            errors[doc.doc] = internal_error("checking its numbers", exc)
    findings = [f for f in findings if f.doc not in errors]
    if errors and len(quantities):
        quantities = quantities[~quantities["doc"].isin(errors)].reset_index(drop=True)
    return BatchResult([d.doc for d in batch], quantities, findings, errors)


def _validated(records: dict[str, list[dict]], errors: dict[str, str]) -> pd.DataFrame:
    """The batch's table, validated once; if it fails, each document's part alone, to name the culprit."""
    try:
        return table(row for rows in records.values() for row in rows)
    except SchemaViolation:
        pass
    parts = []
    for doc, rows in records.items():
        try:
            parts.append(table(rows))
        except SchemaViolation as exc:
            errors[doc] = internal_error("building its table", exc)
    return pd.concat(parts, ignore_index=True) if parts else table([])


def warm_up() -> None:
    """Load what the first document would otherwise pay for (quantulum3's unit patterns, the lemma
    lexicon, pint, the schema), so a worker's first document is timed like any other."""
    text = "Russia launched 40 drones; 31 were shot down 5 km away and a 7 kWh battery burned."
    check_documents(group_documents(table(extract_text(text, "warm-up")), {"warm-up": text}))


def too_slow(budget: float | None) -> str:
    return f"took longer than its time budget of {budget:g} s; not checked"


def internal_error(stage: str, exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:300]
    return f"internal error while {stage} ({type(exc).__name__}: {detail}); not checked, please report it"
