"""SARIF 2.1.0: results with rule metadata, locations, review fingerprints and false alarms as suppressions."""
from __future__ import annotations

import json
from urllib.parse import quote

from checker import __version__
from checker.report import Finding, Report, Span
from checker.reporters.escape import json_text
from checker.review import fingerprint
from checker.rules.base import all_rules

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "numcheckFinding/v1"
# a dismissed false alarm was in the review file, so it is not new
_BASELINE = {"new": "new", "confirmed": "unchanged", "reopened": "updated", "false-alarm": "unchanged"}


def _region(report: Report, doc: str, span: Span) -> dict:
    line, col = report.line_col(doc, span.start)
    end_line, end_col = report.line_col(doc, span.end)
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
            "charOffset": span.start, "charLength": span.end - span.start, "snippet": {"text": span.text}}


def _uri(doc: str) -> str:
    """A document's name as a URI reference: percent-encoded, so 'spain floods 100%.txt' is valid and a
    colon cannot pass for a scheme ('a:b.txt'); slashes stay path separators. A name that was not UTF-8
    (its bytes kept as lone surrogates) is encoded byte for byte: the URI names the very file."""
    return quote(doc, safe="/", errors="surrogateescape")


def _location(report: Report, doc: str, span: Span) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(doc)}, "region": _region(report, doc, span)}}


def _result(report: Report, f: Finding, index: dict[str, int]) -> dict:
    spans = list(f.spans) or [Span(0, 0, "")]
    result = {
        "ruleId": f.rule, "ruleIndex": index.get(f.rule, 0), "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [_location(report, f.doc, spans[0])],
        # the review file's fingerprint: stable across edits elsewhere in the article, as code scanning needs
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f, report.texts.get(f.doc, ""))},
        "properties": {"kind": f.kind, "name": f.name, "basis": f.basis},
    }
    if len(spans) > 1:
        result["relatedLocations"] = [dict(_location(report, f.doc, s), id=i) for i, s in enumerate(spans[1:], 1)]
    if f.status:
        result["baselineState"] = _BASELINE[f.status]
    if f.status == "false-alarm":
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": f.note or "marked false-alarm in the review file"}]
    return result


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
    results = [_result(report, f, index) for f in report.findings + report.dismissed]
    notifications = [{"level": "error", "message": {"text": f"{d.doc}: {d.error}"},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(d.doc)}}}]}
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
    return json_text(json.dumps(as_dict(report), ensure_ascii=False, indent=1)) + "\n"
