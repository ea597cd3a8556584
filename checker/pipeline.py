"""The pipeline: documents to quantities and findings in one Report, each document within a time budget."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from checker import suppress
from checker.budget import BudgetExceeded, time_budget
from checker.config import Config
from checker.documents import Document, load
from checker.extract import extract_text, table
from checker.report import DocumentResult, Report
from checker.rules.engine import run_rules
from checker.vocab import vocabulary

DEFAULT_BUDGET = 30.0  # seconds a document may take before it is reported as not checked


def run(documents: list[Document], select: list[str] | None = None, ignore: list[str] | None = None,
        across: bool = False, config: Config | None = None, progress=None,
        budget: float | None = DEFAULT_BUDGET) -> Report:
    """Extract and check every readable document; unreadable or too slow ones are listed with their error.

    select, ignore and across override the config's; progress, if given, is called once per document.
    The table is validated once for the whole run, not per document.
    """
    config = config or Config()
    budget = config.time_budget if config.time_budget is not None else budget
    select, ignore, across = select or config.select, ignore or config.ignore, across or config.across
    options = dict(tolerance=config.tolerance, default_year=config.default_year, severity=config.severity)
    vocab = vocabulary()
    records: dict[str, list[dict]] = {}
    errors: dict[str, str] = {d.doc: d.error for d in documents if d.error}
    for d in documents:
        if d.error is None:
            try:
                with time_budget(budget):
                    records[d.doc] = extract_text(d.text or "", d.doc, vocab)
            except BudgetExceeded:
                errors[d.doc] = _too_slow(budget)
        if progress:
            progress(d)
    texts = {d.doc: d.text or "" for d in documents if d.doc in records}
    quantities = table(row for rows in records.values() for row in rows)
    findings = []
    for doc, part in _by_document(quantities, texts):
        try:
            with time_budget(budget):
                findings.extend(run_rules(part, {doc: texts[doc]}, select, ignore, **options))
        except BudgetExceeded:
            errors[doc] = _too_slow(budget)
    if across:
        findings.extend(run_rules(quantities, texts, select, ignore, across=True, within=False, **options))
    marked = {d.doc: d.raw or d.text or "" for d in documents if d.doc in texts and d.doc not in errors}
    findings = [f for f in findings if f.doc not in errors]
    findings, suppressed, notices = suppress.apply(findings, marked)
    quantities = quantities[~quantities["doc"].isin(errors)].reset_index(drop=True)
    n_q = Counter(quantities["doc"])
    n_f = Counter(f.doc for f in findings)
    results = [DocumentResult(d.doc, n_q[d.doc], n_f[d.doc], errors.get(d.doc)) for d in documents]
    originals = {d.doc: d.raw for d in documents if d.raw is not None}
    kept_texts = {doc: t for doc, t in texts.items() if doc not in errors}
    return Report(results, quantities, findings, kept_texts, notices, suppressed, originals=originals)


def _too_slow(budget: float | None) -> str:
    return f"took longer than its time budget of {budget:g} s; not checked"


def _by_document(quantities: pd.DataFrame, texts: dict[str, str]):
    """(doc, its part of the table) for every document, in input order, grouping the table once."""
    groups = {doc: part for doc, part in quantities.groupby("doc", sort=False)} if len(quantities) else {}
    empty = quantities.iloc[0:0]
    for doc in texts:
        yield doc, groups.get(doc, empty)


def check_paths(paths: list[str], id_field: str | None = None, text_field: str | None = None,
                **options) -> Report:
    """Check files, directories (their .txt, .md, .html and .jsonl files), JSON Lines corpora or '-' (stdin)."""
    config = options.get("config") or Config()
    return run(load([str(p) for p in paths], id_field or config.id_field, text_field or config.text_field),
               **options)


def check_text(text: str, doc: str = "<text>", **options) -> Report:
    """Check one text held in memory."""
    return run([Document(doc, text=text)], **options)
