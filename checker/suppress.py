"""Suppression comments in articles: '<!-- numcheck: ignore NC101 -->' (or '[numcheck: ignore NC101]' in
plain text) on or before a line; 'disable' ... 'enable' for a range. Unused ones become notices."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.locate import line_col
from checker.report import Finding, Notice

MARKER = re.compile(r"(?:<!--|\[)\s*numcheck:\s*(?P<kind>ignore|disable|enable)\b(?P<rules>[^\]>]*?)\s*(?:-->|\])",
                    re.I)


@dataclass
class Marker:
    kind: str
    rules: frozenset[str] | None  # None: every rule
    start: int
    end: int
    text: str
    used: bool = field(default=False)

    def covers(self, rule: str) -> bool:
        return self.rules is None or rule in self.rules


def markers(text: str) -> list[Marker]:
    out = []
    for m in MARKER.finditer(text):
        codes = frozenset(c.upper() for c in re.findall(r"[A-Za-z]+\d+", m.group("rules")))
        out.append(Marker(m.group("kind").lower(), codes or None, m.start(), m.end(), m.group()))
    return out


def _ignored_lines(text: str, m: Marker) -> set[int]:
    """The marker's own line and the next line with text on it."""
    line, _ = line_col(text, m.start)
    lines = {line}
    following = text[m.end:].split("\n")
    for i, chunk in enumerate(following[1:], 1):
        if chunk.strip():
            lines.add(line + i)
            break
    return lines


def _disabled(ms: list[Marker], rule: str, offset: int) -> Marker | None:
    """The disable marker whose range covers offset for rule, if any."""
    active = None
    for m in ms:
        if m.start > offset:
            break
        if m.kind == "disable" and m.covers(rule):
            active = m
        elif m.kind == "enable" and active is not None and (m.rules is None or rule in m.rules):
            active = None
    return active


def apply(findings: list[Finding], texts: dict[str, str]) -> tuple[list[Finding], int, list[Notice]]:
    """Findings left after suppression comments, how many were suppressed, and notices for unused comments."""
    by_doc = {doc: markers(text) for doc, text in texts.items() if "numcheck" in text}
    kept, suppressed = [], 0
    for f in findings:
        ms = by_doc.get(f.doc)
        if not ms:
            kept.append(f)
            continue
        text = texts[f.doc]
        span_lines = {line_col(text, s.start)[0] for s in f.spans}
        hit = next((m for m in ms if m.kind == "ignore" and m.covers(f.rule)
                    and _ignored_lines(text, m) & span_lines), None)
        hit = hit or _disabled(ms, f.rule, f.spans[0].start if f.spans else 0)
        if hit is None:
            kept.append(f)
            continue
        hit.used = True
        suppressed += 1
    notices = [Notice(doc, m.start, f"unused suppression {m.text!r}: it matches no finding")
               for doc, ms in by_doc.items() for m in ms if m.kind in ("ignore", "disable") and not m.used]
    return kept, suppressed, notices
