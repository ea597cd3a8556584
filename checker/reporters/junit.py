"""JUnit XML: one test case per document; each finding a failure, an unreadable file an error."""
from __future__ import annotations

from collections import Counter
from xml.etree import ElementTree as ET

from checker.report import Report

_FAILS = {"error", "warning"}


def render(report: Report) -> str:
    per_doc = Counter(f.doc for f in report.findings if f.severity in _FAILS)
    failures = sum(1 for d in report.documents if per_doc[d.doc])
    errors = len(report.input_errors)
    suites = ET.Element("testsuites", name="numcheck", tests=str(len(report.documents)),
                        failures=str(failures), errors=str(errors))
    suite = ET.SubElement(suites, "testsuite", name="numcheck", tests=str(len(report.documents)),
                          failures=str(failures), errors=str(errors), skipped="0")
    for d in report.documents:
        case = ET.SubElement(suite, "testcase", classname="numcheck", name=d.doc)
        if d.error:
            ET.SubElement(case, "error", message=d.error, type="input-error")
            continue
        found = [f for f in report.findings if f.doc == d.doc and f.severity in _FAILS]
        if found:
            lines = []
            for f in found:
                line, col = report.line_col(d.doc, f.spans[0].start if f.spans else 0)
                lines.append(f"{d.doc}:{line}:{col}: {f.rule} {f.name} ({f.severity}): {f.message}")
            failure = ET.SubElement(case, "failure", type=found[0].rule,
                                    message=f"{len(found)} finding{'s' if len(found) != 1 else ''}: "
                                            + "; ".join(f"{f.rule} {f.name}" for f in found))
            failure.text = "\n".join(lines)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
