"""The pipeline: documents to quantities (and, with the rules, findings) in one Report."""
from __future__ import annotations

from checker.documents import Document, load
from checker.extract import extract_text, table
from checker.report import DocumentResult, Report
from checker.vocab import vocabulary


def run(documents: list[Document]) -> Report:
    """Extract every readable document; unreadable ones are listed with their error."""
    vocab = vocabulary()
    records: list[dict] = []
    results: list[DocumentResult] = []
    for d in documents:
        if d.error is not None:
            results.append(DocumentResult(d.doc, error=d.error))
            continue
        rows = extract_text(d.text or "", d.doc, vocab)
        records.extend(rows)
        results.append(DocumentResult(d.doc, quantities=len(rows)))
    return Report(results, table(records), [])


def check_paths(paths: list[str]) -> Report:
    """Check files and directories (their *.txt and *.md files)."""
    return run(load([str(p) for p in paths]))


def check_text(text: str, doc: str = "<text>") -> Report:
    """Check one text held in memory."""
    return run([Document(doc, text=text)])
