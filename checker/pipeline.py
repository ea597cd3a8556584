"""The pipeline: documents to quantities and findings in one Report."""
from __future__ import annotations

from collections import Counter

from checker import suppress
from checker.documents import Document, load
from checker.extract import extract_text, table
from checker.report import DocumentResult, Report
from checker.rules.engine import run_rules
from checker.vocab import vocabulary


def run(documents: list[Document], select: list[str] | None = None, ignore: list[str] | None = None,
        across: bool = False) -> Report:
    """Extract every readable document and run the rules; unreadable ones are listed with their error."""
    vocab = vocabulary()
    records: list[dict] = []
    texts: dict[str, str] = {}
    for d in documents:
        if d.error is None:
            texts[d.doc] = d.text or ""
            records.extend(extract_text(d.text or "", d.doc, vocab))
    quantities = table(records)
    findings = run_rules(quantities, texts, select, ignore, across)
    findings, suppressed, notices = suppress.apply(findings, texts)
    n_q = Counter(r["doc"] for r in records)
    n_f = Counter(f.doc for f in findings)
    results = [DocumentResult(d.doc, n_q[d.doc], n_f[d.doc], d.error) for d in documents]
    return Report(results, quantities, findings, texts, notices, suppressed)


def check_paths(paths: list[str], **options) -> Report:
    """Check files and directories (their *.txt and *.md files)."""
    return run(load([str(p) for p in paths]), **options)


def check_text(text: str, doc: str = "<text>", **options) -> Report:
    """Check one text held in memory."""
    return run([Document(doc, text=text)], **options)
