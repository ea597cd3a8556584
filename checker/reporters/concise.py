"""The concise terminal format: one finding a line, `path:line:col: NC101 [error] message`, optionally coloured."""
from __future__ import annotations

import re

from checker.report import Report
from checker.reporters.escape import control_picture

# C0 controls (newline and tab too: one finding a line), DEL, C1 controls, lone surrogates (an undecodable
# file name, which stdout could not even encode), and the line separators and bidirectional embeddings,
# overrides and isolates that break or reorder a line on screen: text from an article or a file name must
# not drive the terminal or disguise what it shows. Each is shown as its Unicode control picture, or U+FFFD.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SGR = {"bold": "1", "dim": "2", "error": "1;31", "warning": "1;33", "info": "1;36"}


def terminal_safe(text: str) -> str:
    """text with every character a terminal would act on, or that would break or reorder the line, made
    visible and inert."""
    return _UNSAFE.sub(control_picture, text)


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_SGR[style]}m{text}\x1b[0m" if color else text


def _line(path: str, line: int, col: int, code: str, severity: str, message: str, color: bool) -> str:
    where = _paint(f"{terminal_safe(path)}:{line}:{col}:", "bold", color)
    return f"{where} {_paint(code, 'bold', color)} {_paint(f'[{severity}]', severity, color)} {terminal_safe(message)}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def summary(report: Report) -> str:
    """One line: documents checked, findings by severity, notices, documents not checked."""
    failed = len(report.input_errors)
    checked = len(report.documents) - failed
    parts = [f"{_plural(checked, 'document')} checked"]
    if report.findings:
        levels = ", ".join(_plural(report.count(s), s) for s in ("error", "warning", "info") if report.count(s))
        parts.append(f"{_plural(len(report.findings), 'finding')} ({levels})")
    else:
        parts.append("no findings")
    if report.notices:
        parts.append(_plural(len(report.notices), "notice"))
    if report.hidden:
        parts.append(f"{report.hidden:,} hidden by the review file")
    text = ", ".join(parts)
    return text + (f"; {_plural(failed, 'document')} not checked" if failed else "")


def render(report: Report, color: bool = False, with_summary: bool = True) -> str:
    """The findings and notices in document order, then (with_summary) the summary line.

    Documents that could not be read are counted in the summary, not listed: the command line names
    each on stderr as it meets it.
    """
    lines = []
    for f in report.findings:
        line, col = report.line_col(f.doc, f.spans[0].start if f.spans else 0)
        status = f" ({f.status})" if f.status else ""
        lines.append(_line(f.doc, line, col, f.rule, f.severity, f.message + status, color))
    for n in report.notices:
        line, col = report.line_col(n.doc, n.offset)
        lines.append(_line(n.doc, line, col, "notice", n.severity, n.message, color))
    if with_summary:
        lines.append(summary(report))
    return "".join(line + "\n" for line in lines)
