"""Review files: editors' verdicts on findings (confirmed, false-alarm, fixed), carried across runs."""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from dataclasses import replace
from pathlib import Path

from checker.locate import sentence_at
from checker.report import Finding, Report
from checker.reporters.escape import csv_cell, csv_value
from checker.wording import count

COLUMNS = ["fingerprint", "doc", "rule", "name", "severity", "line", "sentence", "message", "verdict", "note", "state"]
VERDICTS = ("", "confirmed", "false-alarm", "fixed")
STALE = "stale"  # the state of a row whose finding is no longer there (changed or gone), kept for its verdict
_DELIMITERS = (",", ";", "\t")  # ';' is what Excel writes where the decimal mark is a comma


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


class Reviewed(dict):
    """fingerprint -> row of a review file, and the delimiter the file was written with."""

    def __init__(self, rows: dict[str, dict], delimiter: str = ",") -> None:
        super().__init__(rows)
        self.delimiter = delimiter


def rows(report: Report, previous: dict[str, dict] | None = None) -> list[dict]:
    """One row per finding, with the verdict and note it had in previous; then previous rows whose finding
    is no longer there but which hold an editor's verdict or note, marked stale (their work is not lost)."""
    out, seen = [], set()
    previous = previous or {}
    for f in report.findings:
        text = report.texts.get(f.doc, "")
        fp = fingerprint(f, text)
        seen.add(fp)
        old = previous.get(fp, {})
        out.append({"fingerprint": fp, "doc": f.doc, "rule": f.rule, "name": f.name, "severity": f.severity,
                    "line": report.line_col(f.doc, f.spans[0].start)[0] if f.spans else 1,
                    "sentence": re.sub(r"\s+", " ", _sentences(f, text)), "message": f.message,
                    "verdict": old.get("verdict", ""), "note": old.get("note", ""), "state": ""})
    for fp, old in previous.items():
        if fp and fp not in seen and (old.get("verdict") or (old.get("note") or "").strip()):
            out.append({**{c: old.get(c) or "" for c in COLUMNS}, "fingerprint": fp, "state": STALE})
    return out


def tally(records: list[dict]) -> str:
    """What review init wrote, for its one line on stderr."""
    stale = sum(1 for r in records if r.get("state") == STALE)
    line = f"{count(len(records) - stale, 'finding')} to review"
    if stale:
        line += (f"; {count(stale, 'stale row')} kept for {'its' if stale == 1 else 'their'} verdict or note "
                 "(the finding changed or is gone: see the state column)")
    return line


def to_csv(records: list[dict], delimiter: str = ",") -> str:
    """The review file; no cell can run as a spreadsheet formula (load reads each back as it was)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n", delimiter=delimiter)
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in r.items()} for r in records)
    return buf.getvalue()


def _decode(path: Path, data: bytes) -> str:
    """A spreadsheet's CSV as text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
    or else Windows-1252 (what Excel writes as "CSV" in Western Europe)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReviewError(f"{path}: review file is not valid UTF-16 text") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReviewError(f"{path}: review file is neither UTF-8 nor Windows-1252 text") from exc


def _header(name: str | None) -> str:
    return (name or "").strip().lower()


def _delimiter(text: str) -> str:
    """The delimiter that splits the header line into the columns a review file needs."""
    first = text.split("\n", 1)[0]
    for d in _DELIMITERS:
        fields = {_header(h) for h in next(csv.reader([first], delimiter=d), [])}
        if {"fingerprint", "verdict"} <= fields:
            return d
    return ","


def verdict_of(value: str | None) -> str:
    """A verdict as spreadsheets write it ('False alarm', 'FALSE_ALARM', ' Confirmed ') in its one spelling."""
    return re.sub(r"[\s_-]+", "-", (value or "").strip().lower())


def load(path: Path) -> Reviewed:
    """fingerprint -> row of a review file (comma, semicolon or tab separated; UTF-8, UTF-16 or
    Windows-1252; headers and verdicts in any case); a malformed file raises ReviewError."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReviewError(f"{path}: cannot read review file ({exc.strerror or exc})") from exc
    text = _decode(path, data)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [_header(h) for h in next(reader, [])]
    missing = {"fingerprint", "verdict"} - set(header)
    if missing:
        raise ReviewError(f"{path}: review file lacks column(s) {', '.join(sorted(missing))}")
    out = {}
    for n, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue  # a spreadsheet's trailing empty rows
        row = {h: csv_value(c) for h, c in zip(header, cells) if h}
        verdict = verdict_of(row.get("verdict"))
        if verdict not in VERDICTS:
            raise ReviewError(f"{path}: line {n}: verdict {row.get('verdict')!r} is not one of "
                              "confirmed, false-alarm, fixed (or empty)")
        out[(row.get("fingerprint") or "").strip()] = dict(row, verdict=verdict)
    return Reviewed(out, delimiter)


def apply(report: Report, reviewed: dict[str, dict]) -> Report:
    """Hide false alarms (kept aside in report.dismissed, with the editor's note), mark confirmed findings,
    and call everything else new (or reopened if 'fixed')."""
    kept, dismissed = [], []
    for f in report.findings:
        row = reviewed.get(fingerprint(f, report.texts.get(f.doc, "")), {})
        verdict = row.get("verdict")
        if verdict == "false-alarm":
            dismissed.append(replace(f, status="false-alarm", note=(row.get("note") or "").strip() or None))
            continue
        status = {"confirmed": "confirmed", "fixed": "reopened"}.get(verdict or "", "new")
        kept.append(replace(f, status=status))
    report.findings = kept
    report.dismissed = dismissed
    report.hidden = len(dismissed)
    return report
