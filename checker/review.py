"""Review files: editors' verdicts on findings (confirmed, false-alarm, fixed), carried across runs."""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import replace
from pathlib import Path

from checker.locate import sentence_at
from checker.report import Finding, Report

COLUMNS = ["fingerprint", "doc", "rule", "name", "severity", "line", "sentence", "message", "verdict", "note"]
VERDICTS = ("", "confirmed", "false-alarm", "fixed")


class ReviewError(Exception):
    """The review file cannot be used (one line, naming the file and the problem)."""


def _sentences(f: Finding, text: str) -> str:
    found = []
    for s in f.spans:
        sent = sentence_at(text, s.start)
        if sent is not None and sent.text not in found:
            found.append(sent.text)
    return " ".join(found)


def fingerprint(f: Finding, text: str) -> str:
    """Stable id of a finding: its rule, its numbers and the sentences they stand in — not their offsets,
    so edits elsewhere in the article keep it."""
    norm = re.sub(r"\s+", " ", _sentences(f, text)).strip().lower()
    numbers = "|".join(s.text for s in f.spans)
    return hashlib.sha1(f"{f.rule}|{numbers}|{norm}".encode("utf-8")).hexdigest()[:16]


def rows(report: Report, previous: dict[str, dict] | None = None) -> list[dict]:
    out = []
    for f in report.findings:
        text = report.texts.get(f.doc, "")
        fp = fingerprint(f, text)
        old = (previous or {}).get(fp, {})
        out.append({"fingerprint": fp, "doc": f.doc, "rule": f.rule, "name": f.name, "severity": f.severity,
                    "line": report.line_col(f.doc, f.spans[0].start)[0] if f.spans else 1,
                    "sentence": re.sub(r"\s+", " ", _sentences(f, text)), "message": f.message,
                    "verdict": old.get("verdict", ""), "note": old.get("note", "")})
    return out


def to_csv(records: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buf.getvalue()


def load(path: Path) -> dict[str, dict]:
    """fingerprint -> row of a review file; a malformed file raises ReviewError."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ReviewError(f"{path}: cannot read review file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ReviewError(f"{path}: review file is not UTF-8 text") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = {"fingerprint", "verdict"} - set(reader.fieldnames or [])
    if missing:
        raise ReviewError(f"{path}: review file lacks column(s) {', '.join(sorted(missing))}")
    out = {}
    for n, row in enumerate(reader, start=2):
        verdict = (row.get("verdict") or "").strip().lower()
        if verdict not in VERDICTS:
            raise ReviewError(f"{path}: line {n}: verdict {row.get('verdict')!r} is not one of "
                              "confirmed, false-alarm, fixed (or empty)")
        out[(row.get("fingerprint") or "").strip()] = dict(row, verdict=verdict)
    return out


def apply(report: Report, reviewed: dict[str, dict]) -> Report:
    """Hide false alarms, mark confirmed findings, and call everything else new (or reopened if 'fixed')."""
    kept, hidden = [], 0
    for f in report.findings:
        verdict = reviewed.get(fingerprint(f, report.texts.get(f.doc, "")), {}).get("verdict", None)
        if verdict == "false-alarm":
            hidden += 1
            continue
        status = {"confirmed": "confirmed", "fixed": "reopened"}.get(verdict or "", "new")
        kept.append(replace(f, status=status))
    report.findings = kept
    report.hidden = hidden
    return report
