"""JSON report: the contract scored by ../shared/tools/score.py (version 1)."""
from __future__ import annotations

import json

from checker.report import Report
from checker.reporters.records import REPORT_FIELDS, rows


def as_dict(report: Report) -> dict:
    return {
        "version": 1,
        "documents": [{"doc": d.doc, "quantities": d.quantities, "findings": d.findings,
                       "error": d.error} for d in report.documents],
        "quantities": rows(report.quantities, REPORT_FIELDS),
        "findings": [{"doc": f.doc, "rule": f.rule, "name": f.name, "kind": f.kind,
                      "severity": f.severity, "message": f.message, "status": f.status,
                      "spans": [{"start": s.start, "end": s.end, "text": s.text} for s in f.spans]}
                     for f in report.findings],
        "notices": [{"doc": n.doc, "offset": n.offset, "severity": n.severity, "message": n.message}
                    for n in report.notices],
    }


def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=1) + "\n"
