"""GitHub Actions workflow commands: one ::error/::warning/::notice annotation per finding."""
from __future__ import annotations

from checker.report import Report
from checker.reporters.escape import terminal

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    """A command's data: encoded as the runner decodes it, and no control character reaches the log
    (or the terminal, where the same lines are often read) raw."""
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(s)


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for d in report.input_errors:
        lines.append(f"::error file={_prop(d.doc)},title={_prop('numcheck: not checked')}::{_data(d.error or '')}")
    for f in report.findings:
        start = f.spans[0].start if f.spans else 0
        end = f.spans[0].end if f.spans else 0
        line, col = report.line_col(f.doc, start)
        end_line, end_col = report.line_col(f.doc, end)
        title = f"{f.rule} {f.name}" + (f" ({f.status})" if f.status else "")
        where = f"file={_prop(f.doc)},line={line},col={col}"
        if end_line == line:
            where += f",endColumn={end_col}"
        lines.append(f"::{_LEVEL[f.severity]} {where},title={_prop(title)}::{_data(f.message)}")
    for n in report.notices:
        line, col = report.line_col(n.doc, n.offset)
        lines.append(f"::warning file={_prop(n.doc)},line={line},col={col},title=numcheck::{_data(n.message)}")
    return "".join(line + "\n" for line in lines)
