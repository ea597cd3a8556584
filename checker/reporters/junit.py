"""JUnit XML: one test case per document; a failure where the run's --fail-on fails it, an unreadable file an error."""
from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from checker.report import Finding, Report
from checker.reporters.escape import xml
from checker.wording import count


def _line(report: Report, f: Finding) -> str:
    line, col = report.line_col(f.doc, f.spans[0].start if f.spans else 0)
    status = f", {f.status}" if f.status else ""
    return f"{f.doc}:{line}:{col}: {f.rule} {f.name} ({f.severity}{status}): {f.message}"


def render(report: Report, fail_on: str = "error") -> str:
    """The report as JUnit XML. A document fails exactly when its findings or notices would make the run
    exit 1 with --fail-on fail_on; its other findings are listed in the test case's system-out. Article
    text is stripped of what XML 1.0 forbids (ElementTree escapes the rest)."""
    failing = {id(f) for f in report.failing(fail_on)}
    findings: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        findings[f.doc].append(f)
    notices = defaultdict(list)
    for n in report.notices:
        notices[n.doc].append(n)
    notices_fail = report.notices_fail(fail_on)
    cases, failures = [], 0
    for d in report.documents:
        case = ET.Element("testcase", classname="numcheck", name=xml(d.doc))
        cases.append(case)
        if d.error:
            ET.SubElement(case, "error", message=xml(d.error), type="input-error")
            continue
        failed = [f for f in findings[d.doc] if id(f) in failing]
        failed_notices = notices[d.doc] if notices_fail else []
        if failed or failed_notices:
            failures += 1
            names = [f"{f.rule} {f.name}" for f in failed] + ["unused suppression"] * len(failed_notices)
            failure = ET.SubElement(case, "failure", type=failed[0].rule if failed else "notice",
                                    message=xml(f"{count(len(names), 'finding')}: " + "; ".join(names)))
            lines = [_line(report, f) for f in failed]
            lines += [f"{n.doc}:{report.line_col(n.doc, n.offset)[0]}: notice: {n.message}" for n in failed_notices]
            failure.text = xml("\n".join(lines))
        others = [f for f in findings[d.doc] if id(f) not in failing]
        if others:
            ET.SubElement(case, "system-out").text = xml("\n".join(_line(report, f) for f in others))
    errors = len(report.input_errors)
    tests = str(len(report.documents))
    suites = ET.Element("testsuites", name="numcheck", tests=tests, failures=str(failures), errors=str(errors))
    suite = ET.SubElement(suites, "testsuite", name="numcheck", tests=tests, failures=str(failures),
                          errors=str(errors), skipped="0")
    suite.extend(cases)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
