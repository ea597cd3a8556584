"""SARIF 2.1.0: results with rule ids, rule metadata from the docstrings, physical locations."""
from __future__ import annotations

import json

from checker import __version__
from checker.report import Report, Span
from checker.rules.base import all_rules

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _region(report: Report, doc: str, span: Span) -> dict:
    line, col = report.line_col(doc, span.start)
    end_line, end_col = report.line_col(doc, span.end)
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
            "charOffset": span.start, "charLength": span.end - span.start, "snippet": {"text": span.text}}


def _location(report: Report, doc: str, span: Span) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": doc}, "region": _region(report, doc, span)}}


def as_dict(report: Report) -> dict:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    descriptors = [{
        "id": r.code, "name": r.name,
        "shortDescription": {"text": r.summary()},
        "fullDescription": {"text": r.documentation()},
        "help": {"text": r.documentation()},
        "defaultConfiguration": {"level": _LEVEL[r.severity]},
        "properties": {"kind": r.kind},
    } for r in rules]
    results = []
    for f in report.findings:
        spans = list(f.spans) or [Span(0, 0, "")]
        result = {
            "ruleId": f.rule, "ruleIndex": index.get(f.rule, 0), "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [_location(report, f.doc, spans[0])],
            "properties": {"kind": f.kind, "name": f.name},
        }
        if len(spans) > 1:
            result["relatedLocations"] = [dict(_location(report, f.doc, s), id=i) for i, s in enumerate(spans[1:], 1)]
        if f.status:
            result["baselineState"] = {"new": "new", "confirmed": "unchanged", "reopened": "updated"}[f.status]
        results.append(result)
    notifications = [{"level": "error", "message": {"text": f"{d.doc}: {d.error}"},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": d.doc}}}]}
                     for d in report.input_errors]
    return {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "numcheck", "version": __version__, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{"executionSuccessful": not report.input_errors,
                             "toolExecutionNotifications": notifications}],
        }],
    }


def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=1) + "\n"
