"""The pipeline: documents to quantities and findings in one Report."""
from __future__ import annotations

from collections import Counter

from checker import suppress
from checker.config import Config
from checker.documents import Document, load
from checker.extract import extract_text, table
from checker.report import DocumentResult, Report
from checker.rules.engine import run_rules
from checker.vocab import vocabulary


def run(documents: list[Document], select: list[str] | None = None, ignore: list[str] | None = None,
        across: bool = False, config: Config | None = None, progress=None) -> Report:
    """Extract every readable document and run the rules; unreadable ones are listed with their error.

    select, ignore and across override the config's; progress, if given, is called once per document.
    """
    config = config or Config()
    vocab = vocabulary()
    records: list[dict] = []
    texts: dict[str, str] = {}
    for d in documents:
        if d.error is None:
            texts[d.doc] = d.text or ""
            records.extend(extract_text(d.text or "", d.doc, vocab))
        if progress:
            progress(d)
    quantities = table(records)
    findings = run_rules(quantities, texts, select or config.select, ignore or config.ignore,
                         across or config.across, config.tolerance, config.default_year, config.severity)
    marked = {d.doc: d.raw or d.text or "" for d in documents if d.error is None}
    findings, suppressed, notices = suppress.apply(findings, marked)
    n_q = Counter(r["doc"] for r in records)
    n_f = Counter(f.doc for f in findings)
    results = [DocumentResult(d.doc, n_q[d.doc], n_f[d.doc], d.error) for d in documents]
    originals = {d.doc: d.raw for d in documents if d.raw is not None}
    return Report(results, quantities, findings, texts, notices, suppressed, originals=originals)


def check_paths(paths: list[str], id_field: str | None = None, text_field: str | None = None,
                **options) -> Report:
    """Check files, directories (their .txt, .md, .html and .jsonl files), JSON Lines corpora or '-' (stdin)."""
    config = options.get("config") or Config()
    return run(load([str(p) for p in paths], id_field or config.id_field, text_field or config.text_field),
               **options)


def check_text(text: str, doc: str = "<text>", **options) -> Report:
    """Check one text held in memory."""
    return run([Document(doc, text=text)], **options)
