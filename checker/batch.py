"""One batch of documents checked on its own: extraction, one validated table, the rules within each document.

This is the unit of work every engine runs (in this process, in a worker process or on a Dask
worker), so it takes and returns only plain, picklable values.
"""
from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterator

import pandas as pd

from checker.budget import BudgetExceeded, time_budget
from checker.documents import Document
from checker.extract import extract_text, table
from checker.extract.parse import parse_iter
from checker.extract.run import Pending, read_frames, read_mentions
from checker.report import Finding
from checker.rules.engine import check_documents
from checker.rules.facts import documents as group_documents
from checker.schema import SchemaViolation
from checker.extract.sentences import Sentence, split_sentences
from checker.extract.units import quantulum
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
# The threshold is raised for the batch only, and restored after it: 10,000 cut most of that; 100,000
# took another 3-4 % off the pipeline's CPU time on the 300 KB benchmark corpus (four interleaved runs
# each), 500,000 nothing more.
YOUNG_THRESHOLD = 100_000


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
    sentences: dict[str, tuple[Sentence, ...]] = {}
    pending: list[tuple[Pending, float | None]] = []  # and the seconds of its budget left (None: no budget)
    for d in batch:
        if d.doc in errors:
            continue
        started = time.monotonic()
        try:
            with time_budget(settings.budget):
                read = read_mentions(d.text or "", d.doc, vocab)
                sentences[d.doc] = split_sentences(d.text or "", vocab)  # as extraction split them: kept
        except BudgetExceeded:
            errors[d.doc] = too_slow(settings.budget)
        except Exception as exc:  # a bug must cost one document, not the run
            errors[d.doc] = internal_error("reading its numbers", exc)
        else:
            left = settings.budget - (time.monotonic() - started) if settings.budget else None
            pending.append((read, left))
    records = _read_frames(pending, {d.doc: d.text or "" for d in batch}, settings, vocab, errors)
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


def _read_frames(pending: list[tuple[Pending, float | None]], texts: dict[str, str], settings: Settings, vocab,
                 errors: dict[str, str]) -> dict[str, list[dict]]:
    """Every pending document's quantity records, its sentences parsed in one stream across the batch.

    spaCy parses a batch of dozens of sentences much faster per sentence than a document's handful, so
    the sentences of all documents go through one `pipe`, read a document at a time (each document's
    budget covers the parsing done while it is read, at most a batch of the next document's sentences
    too). After a document fails, the stream starts afresh at the next one; a failure that may come from
    another document's sentence parsed ahead is retried with the document alone.
    """
    records: dict[str, list[dict]] = {}
    stream: Iterator | None = None
    for i, (p, left) in enumerate(pending):
        if left is not None and left <= 0:  # its budget went on reading its numbers
            errors[p.doc] = too_slow(settings.budget)
            stream = None  # the stream would hand its sentences' parses to the next document
            continue
        if stream is None:
            stream = parse_iter(t for q, _ in pending[i:] for t in q.texts)
        try:
            with time_budget(left):
                records[p.doc] = read_frames(p, list(islice(stream, len(p.found))), vocab)[0]
            continue
        except BudgetExceeded:
            errors[p.doc] = too_slow(settings.budget)
            stream = None
            continue
        except Exception:  # noqa: BLE001 - perhaps a sentence of a later document: once more alone
            stream = None
        try:
            with time_budget(left):
                alone = read_mentions(texts[p.doc], p.doc, vocab)  # afresh: reading frames renumbers mentions
                records[p.doc] = read_frames(alone, parse_iter(alone.texts), vocab)[0]
        except BudgetExceeded:
            errors[p.doc] = too_slow(settings.budget)
        except Exception as exc:
            errors[p.doc] = internal_error("reading its numbers", exc)
    return records


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
    lexicon, the schema, the parser), so a worker's first document is timed like any other."""
    text = "Russia launched 40 drones; 31 were shot down 5 km away and a 7 kWh battery burned."
    check_documents(group_documents(table(extract_text(text, "warm-up")), {"warm-up": text}))
    # The sentence's units are all in the shipped tables, which spare quantulum3; its parse (its unit
    # patterns, compiled on first use: about half a second) is loaded here all the same, so workers
    # forked after a warm-up inherit it instead of each loading it for its first unit word.
    quantulum().parse("3 km")


def too_slow(budget: float | None) -> str:
    return f"took longer than its time budget of {budget:g} s; not checked"


def internal_error(stage: str, exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:300]
    return f"internal error while {stage} ({type(exc).__name__}: {detail}); not checked, please report it"
