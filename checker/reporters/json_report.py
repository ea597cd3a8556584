"""JSON report: the contract scored by ../shared/tools/score.py (version 2: HTML offsets into the page)."""
from __future__ import annotations

import json

from checker.report import DocumentResult, Finding, Notice, Report
from checker.reporters.escape import json_text
from checker.reporters.records import REPORT_FIELDS, rows

VERSION = 2  # 2: offsets of HTML inputs point into the page; quantities carry holder and place


def document_record(d: DocumentResult) -> dict:
    return {"doc": d.doc, "quantities": d.quantities, "findings": d.findings, "error": d.error}


def finding_record(f: Finding) -> dict:
    return {"doc": f.doc, "rule": f.rule, "name": f.name, "kind": f.kind, "severity": f.severity,
            "message": f.message, "basis": f.basis, "status": f.status,
            "spans": [{"start": s.start, "end": s.end, "text": s.text} for s in f.spans]}


def notice_record(n: Notice) -> dict:
    return {"doc": n.doc, "offset": n.offset, "severity": n.severity, "message": n.message}


def as_dict(report: Report) -> dict:
    return {
        "version": VERSION,
        "documents": [document_record(d) for d in report.documents],
        "quantities": rows(report.quantities, REPORT_FIELDS),
        "findings": [finding_record(f) for f in report.findings],
        "notices": [notice_record(n) for n in report.notices],
    }


def render(report: Report) -> str:
    """The report as JSON, one record a line: readable, diffable, and written by json's C encoder
    (an indented dump goes through its pure-Python one, seconds for a large corpus)."""
    data = as_dict(report)
    out = [f'{{"version": {data["version"]}']
    for key in ("documents", "quantities", "findings", "notices"):
        records = ",\n  ".join(json.dumps(r, ensure_ascii=False) for r in data[key])
        out.append(f',\n "{key}": [\n  {records}\n ]' if records else f',\n "{key}": []')
    out.append("\n}\n")
    return json_text("".join(out))
