"""JSON Lines report, made to be streamed: one record a line, each batch of documents as soon as it is done.

Per document: a `document` line, then its `quantity`, `finding` and `notice` lines. With --across the
findings between documents, and the unused-suppression notices (which only the whole run can tell),
follow the last document, and a document line's `findings` counts its own findings only. A `summary`
line ends the report.
"""
from __future__ import annotations

import json
from collections import defaultdict

from checker.report import Report
from checker.reporters.escape import json_text
from checker.reporters import json_report
from checker.reporters.json_report import document_record, finding_record, notice_record
from checker.reporters.records import REPORT_FIELDS, rows


def _line(kind: str, record: dict) -> str:
    return json_text(json.dumps({"type": kind, **record}, ensure_ascii=False)) + "\n"


def render_part(report: Report) -> str:
    """The lines of one partial report (a batch of documents) of a stream."""
    quantities, findings, notices = defaultdict(list), defaultdict(list), defaultdict(list)
    for r in rows(report.quantities, REPORT_FIELDS):
        quantities[r["doc"]].append(r)
    for f in report.findings:
        findings[f.doc].append(f)
    for n in report.notices:
        notices[n.doc].append(n)
    out = []
    for d in report.documents:
        out.append(_line("document", document_record(d)))
        out += [_line("quantity", r) for r in quantities.pop(d.doc, [])]
        out += [_line("finding", finding_record(f)) for f in findings.pop(d.doc, [])]
        out += [_line("notice", notice_record(n)) for n in notices.pop(d.doc, [])]
    out += [_line("finding", finding_record(f)) for fs in findings.values() for f in fs]
    out += [_line("notice", notice_record(n)) for ns in notices.values() for n in ns]
    return "".join(out)


def render_summary(report: Report) -> str:
    """The closing line: totals over the whole run (report.quantities may be empty; counts come from documents)."""
    return _line("summary", {
        "version": json_report.VERSION,
        "documents": len(report.documents),
        "not_checked": len(report.input_errors),
        "quantities": sum(d.quantities for d in report.documents),
        "findings": len(report.findings),
        "errors": report.count("error"),
        "warnings": report.count("warning"),
        "notices": len(report.notices),
        "suppressed": report.suppressed,
        "hidden": report.hidden,
    })


def render(report: Report) -> str:
    """The whole report at once: the same lines a stream of it gives."""
    return render_part(report) + render_summary(report)
