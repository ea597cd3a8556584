"""The pipeline: documents to quantities and findings, batch by batch, on one core, all cores or a Dask cluster."""
from __future__ import annotations

import functools
import os
from collections import Counter, deque
from dataclasses import replace
from typing import Iterable, Iterator

import pandas as pd

from checker import locate, suppress
from checker.batch import BatchResult, Settings, check_batch, warm_up
from checker.config import Config
from checker.documents import Document, iter_documents
from checker.engines import ordered_map
from checker.extract import table
from checker.report import DocumentResult, Report
from checker.rules.base import lookup
from checker.rules.engine import run_rules

DEFAULT_BUDGET = 30.0  # seconds a document may take before it is reported as not checked
# A batch is validated as one table and sent to a worker as one task: large enough that the
# per-table cost of pandas and pandera vanishes, small enough to share out among cores. On one
# core there is nothing to share, so batches are larger. Each document is checked on its own,
# so the report never depends on how documents are grouped.
BATCH_DOCUMENTS = 100
BATCH_CHARACTERS = 400_000
ONE_CORE_SCALE = 10


def run(documents: Iterable[Document], select: list[str] | None = None, ignore: list[str] | None = None,
        across: bool | None = None, config: Config | None = None, progress=None,
        budget: float | None = DEFAULT_BUDGET, jobs: int = 1, engine: str = "local",
        scheduler: str | None = None) -> Report:
    """Extract and check every readable document; unreadable or too slow ones are listed with their error.

    select, ignore and across override the config's (a rule selected is run even if the config ignores it);
    progress, if given, is called once per document.
    jobs, engine and scheduler say where the work runs; the report is the same wherever it does.
    """
    return merge(list(stream(documents, select, ignore, across, config, progress, budget, jobs, engine,
                             scheduler)))


def stream(documents: Iterable[Document], select: list[str] | None = None, ignore: list[str] | None = None,
           across: bool | None = None, config: Config | None = None, progress=None,
           budget: float | None = DEFAULT_BUDGET, jobs: int = 1, engine: str = "local",
           scheduler: str | None = None) -> Iterator[Report]:
    """run(), one partial report per batch of documents, in input order, as soon as each is done.

    With across, a last report holds the findings between documents and the notices; the documents'
    texts and tables are then kept until the end, which the comparison needs.
    """
    config = config or Config()
    budget = config.time_budget if config.time_budget is not None else budget
    select, ignore = _selection(select, ignore, config)
    across = config.across if across is None else across
    settings = Settings(tuple(select) if select else None, tuple(ignore) if ignore else None, config.tolerance,
                        config.default_year, tuple(sorted((config.severity or {}).items())), budget)
    sent: deque[list[Document]] = deque()

    def feed() -> Iterator[list[Document]]:
        for b in batches(unique_names(documents), ONE_CORE_SCALE if engine == "local" and jobs <= 1 else 1):
            sent.append(b)
            yield b

    kept: list[tuple[Report, list]] = []
    for result in ordered_map(functools.partial(check_batch, settings=settings), feed(), jobs, engine, scheduler,
                              warm_up=warm_up):
        batch = sent.popleft()
        report, unsuppressed = _batch_report(batch, result, notices=not across)
        if progress:
            for d in batch:
                progress(d)
        if across:
            kept.append((report, unsuppressed))
        yield report
    if across:
        yield _across_report(kept, select, ignore, config)


def _selection(select: list[str] | None, ignore: list[str] | None,
               config: Config) -> tuple[list[str] | None, list[str] | None]:
    """The rules to run and to skip: the caller's choice over the config's, and a rule the caller selects
    is not skipped because the config ignores it (an explicit choice wins)."""
    if ignore or not select:
        return select or config.select, ignore or config.ignore
    chosen = {_code(name) for name in select}
    return select, [name for name in config.ignore or [] if _code(name) not in chosen] or None


def _code(name: str) -> str:
    rule = lookup(name)
    return rule.code if rule else name


def unique_names(documents: Iterable[Document]) -> Iterator[Document]:
    """The documents, a name seen before made unique ('a.txt (2)'): reports, tables and suppression
    comments are keyed by name, and a .jsonl corpus may repeat an id."""
    seen: set[str] = set()
    for d in documents:
        name, k = d.doc, 2
        while name in seen:
            name, k = f"{d.doc} ({k})", k + 1
        seen.add(name)
        yield d if name == d.doc else replace(d, doc=name)


def batches(documents: Iterable[Document], scale: int = 1) -> Iterator[list[Document]]:
    """Consecutive documents in groups of scale x BATCH_DOCUMENTS or BATCH_CHARACTERS, whichever comes first."""
    batch: list[Document] = []
    size = 0
    for d in documents:
        batch.append(d)
        size += len(d.text or "")
        if len(batch) >= scale * BATCH_DOCUMENTS or size >= scale * BATCH_CHARACTERS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _batch_report(batch: list[Document], result: BatchResult, notices: bool) -> tuple[Report, list]:
    errors = result.errors
    quantities, found = locate.in_source(batch, result.quantities, result.findings)  # HTML: the page's offsets
    result = replace(result, quantities=quantities, findings=found)
    texts = {d.doc: d.view or "" for d in batch if d.doc not in errors}
    marked = {d.doc: d.marked for d in batch if d.doc not in errors}
    findings, suppressed, unused = suppress.apply(result.findings, marked)
    n_q = Counter(result.quantities["doc"])
    n_f = Counter(f.doc for f in findings)
    results = [DocumentResult(d.doc, n_q[d.doc], n_f[d.doc], errors.get(d.doc)) for d in batch]
    originals = {d.doc: d.raw for d in batch if d.raw is not None}
    report = Report(results, result.quantities, findings, texts, unused if notices else [], suppressed,
                    originals=originals)
    return report, result.findings


def _across_report(kept: list[tuple[Report, list]], select, ignore, config: Config) -> Report:
    """The findings between documents, and the unused-suppression notices of the whole run."""
    whole = merge([r for r, _ in kept])
    options = dict(tolerance=config.tolerance, default_year=config.default_year, severity=config.severity)
    between = run_rules(whole.quantities, whole.texts, select, ignore, across=True, within=False, **options)
    marked = {doc: whole.originals.get(doc) or text for doc, text in whole.texts.items()}
    findings, suppressed, _ = suppress.apply(between, marked)
    _, _, notices = suppress.apply([f for _, raw in kept for f in raw] + between, marked)
    quoted = {f.doc: whole.texts[f.doc] for f in findings if f.doc in whole.texts}
    return Report([], whole.quantities.iloc[0:0], findings, quoted, notices, suppressed)


def merge(parts: list[Report]) -> Report:
    """One report from the partial reports of a stream, as if the run had been one batch."""
    tables = [p.quantities for p in parts if len(p.quantities)]
    quantities = pd.concat(tables, ignore_index=True) if tables else table([])
    findings = [f for p in parts for f in p.findings]
    n_f = Counter(f.doc for f in findings)
    documents = [replace(d, findings=n_f[d.doc]) for p in parts for d in p.documents]
    return Report(documents, quantities, findings,
                  {doc: t for p in parts for doc, t in p.texts.items()},
                  [n for p in parts for n in p.notices], sum(p.suppressed for p in parts),
                  hidden=sum(p.hidden for p in parts), originals={doc: t for p in parts for doc, t in p.originals.items()})


def check_paths(paths: str | os.PathLike | Iterable[str | os.PathLike], id_field: str | None = None,
                text_field: str | None = None, **options) -> Report:
    """Check files, folders (their .txt, .md, .html and .jsonl files, at any depth), JSON Lines corpora
    or '-' (stdin): one path (str or Path) or several."""
    config = options.get("config") or Config()
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else paths
    return run(iter_documents([os.fspath(p) for p in paths], id_field or config.id_field,
                              text_field or config.text_field), **options)


def check_text(text: str, doc: str = "<text>", **options) -> Report:
    """Check one text held in memory."""
    return run([Document(doc, text=text)], **options)
