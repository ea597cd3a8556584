"""Markdown consistency report: what an editor acts on first, how to silence a false alarm, then the quantities.

A summary, then each finding with its sentence and arithmetic; how to silence a false alarm once; every
quantity checked in one appendix.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from checker.locate import sentence_at
from checker.report import Finding, Report
from checker.reporters.escape import markdown as md
from checker.reporters.records import rows
from checker.rules.base import all_rules
from checker.wording import count

_SEVERITY_ORDER = ("error", "warning", "info")
_QUANTITY_COLUMNS = ["text", "value", "low", "high", "unit", "qualifier", "subject", "event", "actor"]


def render(report: Report, max_bytes: int | None = None) -> str:
    """The whole report as Markdown (same input, same bytes). With max_bytes (GitHub's step summary takes
    1 MiB), the appendix and then the last documents' sections are left out until it fits, and a note
    at the end says what was cut; the summary at the top always counts everything."""
    head = _summary(report)
    by_doc: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_doc.setdefault(f.doc, []).append(f)
    notices: dict[str, list] = {}
    for n in report.notices:
        notices.setdefault(n.doc, []).append(n)
    checked = [d for d in report.documents if not d.error]
    acted = [d for d in checked if d.doc in by_doc or d.doc in notices]
    sections = [_document(report, d, by_doc.get(d.doc, []), notices.get(d.doc, [])) for d in acted]
    clean = len(checked) - len(acted)
    tail = []
    if acted and clean:
        tail += [f"{count(clean, 'other document')} had no findings.", ""]
    if report.findings:
        tail += _silencing(report.findings[0].rule)
    appendix = _appendix(report, checked)
    text = _join(head, sections, tail, appendix)
    if max_bytes is None or _size(text) <= max_bytes:
        return text
    return _cut(head, sections, tail, max_bytes, [len(by_doc.get(d.doc, [])) for d in acted])


def _join(head: list[str], sections: list[list[str]], tail: list[str], appendix: list[str]) -> str:
    lines = ["# numcheck consistency report", ""] + head
    for s in sections:
        lines += s
    return "\n".join(lines + tail + appendix).rstrip() + "\n"


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _cut(head, sections, tail, max_bytes: int, findings_per_section: list[int]) -> str:
    """The report without its appendix and with as many documents' sections as fit, and a note saying so."""
    def note(kept: int) -> list[str]:
        left = len(sections) - kept
        what = "the appendix of quantities is"
        if left:
            what = (f"the sections of the last {count(left, 'document')} with findings "
                    f"({count(sum(findings_per_section[kept:]), 'finding')}) and the appendix of quantities are")
        return ["---", "", f"**Cut to fit GitHub's 1 MiB step summary:** {what} not shown here. The summary "
                "above counts everything; write the whole report with `--format md -o report.md`.", ""]

    def lines_size(lines: list[str]) -> int:
        return sum(_size(line) + 1 for line in lines)

    # the joined text's size is the sum of its lines' (each with its newline): find the longest prefix of
    # sections that fits without joining the report again for every candidate (quadratic on 1,000 documents)
    fixed = lines_size(["# numcheck consistency report", ""] + head + tail)
    cumulative = [0]
    for s in sections:
        cumulative.append(cumulative[-1] + lines_size(s))
    kept = len(sections)
    while kept > 0 and fixed + cumulative[kept] + lines_size(note(kept)) > max_bytes:
        kept -= 1
    while kept > 0 and _size(_join(head, sections[:kept], tail, note(kept))) > max_bytes:
        kept -= 1  # rstrip only shortens the text, so this rarely runs: the real size decides
    text = _join(head, sections[:kept], tail, note(kept))
    if _size(text) > max_bytes:  # not even the summary fits in what is left of the step summary
        text = ("# numcheck consistency report\n\n**Cut to fit GitHub's 1 MiB step summary:** earlier steps left "
                "no room for this report; write it with `--format md -o report.md`.\n")
    return text if _size(text) <= max_bytes else ""


def _summary(report: Report) -> list[str]:
    checked = [d for d in report.documents if not d.error]
    sev = Counter(f.severity for f in report.findings)
    parts = [count(sev[s], s) for s in _SEVERITY_ORDER if sev[s]]
    quantities = sum(d.quantities for d in checked) if report.quantities.empty else len(report.quantities)
    lines = [f"**{count(len(checked), 'document')} checked, {count(quantities, 'quantity')} found, "
             f"{count(len(report.findings), 'finding')}**" + (f" ({', '.join(parts)})" if parts else "") + ".",
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
        extra.append(f"{count(len(report.notices), 'notice')} about suppressions")
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
        lines += ["**Not checked:**", ""] + [f"- {md(d.doc)}: {md(d.error or '', start=False)}" for d in errors] + [""]
    return lines


def _document(report: Report, d, findings: list[Finding], notices: list) -> list[str]:
    text = report.texts.get(d.doc, "")
    verdict = count(len(findings), "finding") if findings else "no findings"
    out = [f"## {md(d.doc)} — {verdict}", ""]
    for i, f in enumerate(findings, 1):
        out += _finding(text, i, f, report.line_col(f.doc, f.spans[0].start if f.spans else 0))
    for n in notices:
        line, _ = report.line_col(n.doc, n.offset)
        out += [f"- **notice** (line {line}): {md(n.message, start=False)}", ""]
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
    out += ["", f"**What does not add up:** {md(f.message, start=False)}", ""]
    if f.basis:
        out += [f"**Why {'an' if f.severity[0] in 'aeiou' else 'a'} {f.severity}:** {md(f.basis, start=False)}", ""]
    out += [f"Line {line}, column {col}.", ""]
    return out


def _silencing(rule: str) -> list[str]:
    return ["## If a finding is a false alarm", "",
            f"Put `<!-- numcheck: ignore {rule} -->` (with the finding's rule) on the line before it "
            f"(in plain text: `[numcheck: ignore {rule}]`), or mark it `false-alarm` in a review file "
            "(`numcheck review init`).", ""]


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
            pieces += [md(text[pos:a], start=not pieces), f"**{md(text[a:min(b, s.end)], start=False)}**"]
            pos = min(b, s.end)
        pieces.append(md(text[pos:s.end], start=not pieces))
        quotes.append("".join(pieces))
    return quotes


def _appendix(report: Report, checked: list) -> list[str]:
    if report.quantities.empty:
        return []  # none found, or a streamed run's report, which keeps no tables
    by_doc = dict(tuple(report.quantities.groupby("doc", sort=False)))
    out = ["## Appendix: the quantities checked", ""]
    for d in checked:
        out += [f"### {md(d.doc)}", ""]
        out += _quantity_table(by_doc.get(d.doc, report.quantities.iloc[0:0]))
    return out


def _quantity_table(df: pd.DataFrame) -> list[str]:
    if df.empty:
        return ["No quantities found.", ""]
    out = ["<details>", f"<summary>{count(len(df), 'quantity')} checked</summary>", "",
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
    return md(str(v), start=False)
