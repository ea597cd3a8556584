"""Markdown consistency report: a summary, each finding with its sentence and arithmetic, every quantity checked."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from checker.locate import sentence_at
from checker.report import Finding, Report
from checker.reporters.records import rows
from checker.rules.base import all_rules

_SEVERITY_ORDER = ("error", "warning", "info")
_QUANTITY_COLUMNS = ["text", "value", "low", "high", "unit", "qualifier", "subject", "event", "actor"]


def render(report: Report) -> str:
    """The whole report as Markdown (same input, same bytes)."""
    out = ["# numcheck consistency report", ""]
    out += _summary(report)
    by_doc: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_doc.setdefault(f.doc, []).append(f)
    notices: dict[str, list] = {}
    for n in report.notices:
        notices.setdefault(n.doc, []).append(n)
    for d in report.documents:
        out += _document(report, d, by_doc.get(d.doc, []), notices.get(d.doc, []))
    return "\n".join(out).rstrip() + "\n"


def _summary(report: Report) -> list[str]:
    checked = [d for d in report.documents if not d.error]
    sev = Counter(f.severity for f in report.findings)
    parts = [f"{sev[s]} {s}{'s' if sev[s] != 1 else ''}" for s in _SEVERITY_ORDER if sev[s]]
    lines = [f"**{len(checked)} document{'s' if len(checked) != 1 else ''} checked, "
             f"{len(report.quantities)} quantities found, {len(report.findings)} "
             f"finding{'s' if len(report.findings) != 1 else ''}**" + (f" ({', '.join(parts)})" if parts else "") + ".",
             ""]
    extra = []
    if report.suppressed:
        extra.append(f"{report.suppressed} suppressed by comments in the articles")
    if report.hidden:
        extra.append(f"{report.hidden} hidden as false alarms by the review file")
    statuses = Counter(f.status for f in report.findings if f.status)
    if statuses:
        extra.append("review: " + ", ".join(f"{statuses[s]} {s}" for s in ("new", "reopened", "confirmed") if statuses[s]))
    if report.notices:
        extra.append(f"{len(report.notices)} notice{'s' if len(report.notices) != 1 else ''} about suppressions")
    if extra:
        lines += ["Also: " + "; ".join(extra) + ".", ""]
    if report.findings:
        names = {r.code: r.name for r in all_rules()}
        counts = Counter(f.rule for f in report.findings)
        lines += ["| rule | name | findings |", "|---|---|---:|"]
        lines += [f"| {code} | {names.get(code, '')} | {counts[code]} |" for code in sorted(counts)]
        lines.append("")
    errors = report.input_errors
    if errors:
        lines += ["**Not checked:**", ""] + [f"- `{d.doc}`: {d.error}" for d in errors] + [""]
    return lines


def _document(report: Report, d, findings: list[Finding], notices: list) -> list[str]:
    if d.error:
        return [f"## {d.doc}", "", f"Not checked: {d.error}.", ""]
    text = report.texts.get(d.doc, "")
    verdict = "no findings" if not findings else f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
    out = [f"## {d.doc} — {verdict}", ""]
    for i, f in enumerate(findings, 1):
        out += _finding(text, i, f, report.line_col(f.doc, f.spans[0].start if f.spans else 0))
    for n in notices:
        line, _ = report.line_col(n.doc, n.offset)
        out += [f"- **notice** (line {line}): {n.message}", ""]
    out += _quantity_table(report.quantities[report.quantities["doc"] == d.doc])
    return out


def _finding(text: str, number: int, f: Finding, where: tuple[int, int]) -> list[str]:
    status = f" — {f.status}" if f.status else ""
    line, col = where
    out = [f"### {number}. {f.rule} {f.name} ({f.severity}){status}", ""]
    for quote in _quotes(text, f):
        out.append(f"> {quote}")
        out.append(">")
    if out[-1] == ">":
        out.pop()
    out += ["", f"**What does not add up:** {f.message}", "",
            f"Line {line}, column {col}. If this is a false alarm, put `<!-- numcheck: ignore {f.rule} -->` "
            f"on the line before it (in plain text: `[numcheck: ignore {f.rule}]`), or mark it `false-alarm` "
            f"in a review file (`numcheck review init`).", ""]
    return out


def _quotes(text: str, f: Finding) -> list[str]:
    """Each sentence the finding involves, with its numbers in bold."""
    sentences = []
    for span in f.spans:
        s = sentence_at(text, span.start)
        if s is not None and s not in sentences:
            sentences.append(s)
    quotes = []
    for s in sorted(sentences, key=lambda x: x.start):
        inside = sorted({(sp.start, sp.end) for sp in f.spans if s.start <= sp.start < s.end})
        pieces, pos = [], s.start
        for a, b in inside:
            if a < pos:
                continue
            pieces += [_escape(text[pos:a]), f"**{_escape(text[a:min(b, s.end)])}**"]
            pos = min(b, s.end)
        pieces.append(_escape(text[pos:s.end]))
        quotes.append("".join(pieces).replace("\n", " "))
    return quotes


def _escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`").replace("<", "&lt;")


def _quantity_table(df: pd.DataFrame) -> list[str]:
    if df.empty:
        return ["No quantities found.", ""]
    out = ["<details>", f"<summary>{len(df)} quantities checked</summary>", "",
           "| " + " | ".join(_QUANTITY_COLUMNS) + " |", "|" + "---|" * len(_QUANTITY_COLUMNS)]
    for r in rows(df, _QUANTITY_COLUMNS):
        out.append("| " + " | ".join(_cell(r[c]) for c in _QUANTITY_COLUMNS) + " |")
    out += ["", "</details>", ""]
    return out


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return f"{v:,}" if isinstance(v, int) else f"{v:,.6g}"
    return str(v).replace("|", "\\|").replace("\n", " ")
