"""The report: documents checked, the quantity table and the findings, shared by CLI, API and tests."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    """One inconsistency: which rule saw it, how serious it is, and the text spans involved."""
    doc: str
    rule: str
    name: str
    kind: str
    severity: str
    message: str
    spans: tuple[Span, ...] = ()
    status: str | None = None  # with a review file: new, confirmed or reopened (false-alarm once dismissed)
    note: str | None = None  # the editor's note from the review file
    basis: str = ""  # one line: why the finding has its severity (what in the text proves it, or not)


@dataclass(frozen=True)
class Notice:
    """Something about the check itself, not the numbers: an unused suppression comment."""
    doc: str
    offset: int
    message: str
    severity: str = "warning"


@dataclass(frozen=True)
class DocumentResult:
    doc: str
    quantities: int = 0
    findings: int = 0
    error: str | None = None


@dataclass
class Report:
    documents: list[DocumentResult]
    quantities: pd.DataFrame
    findings: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)   # the text each document was read as
    notices: list[Notice] = field(default_factory=list)
    suppressed: int = 0
    hidden: int = 0  # false alarms hidden by a review file
    originals: dict[str, str] = field(default_factory=dict)  # files as written, where they differ (Markdown)
    dismissed: list[Finding] = field(default_factory=list)  # the hidden false alarms, for SARIF's suppressions

    def line_col(self, doc: str, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset in the file as written."""
        from checker.locate import line_col
        return line_col(self.originals.get(doc) or self.texts.get(doc, ""), offset)

    @property
    def input_errors(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.error]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failing(self, fail_on: str) -> list[Finding]:
        """The findings that fail a run with --fail-on fail_on: at or above that severity, and not
        already known (a review file's confirmed findings are not news)."""
        if fail_on == "never":
            return []
        levels = {"error"} if fail_on == "error" else {"error", "warning"}
        return [f for f in self.findings if f.severity in levels and f.status in (None, "new", "reopened")]

    def notices_fail(self, fail_on: str) -> bool:
        """Notices (unused suppressions) are warnings: they fail a run only with --fail-on warning."""
        return fail_on == "warning" and bool(self.notices)

    def fails(self, fail_on: str) -> bool:
        """Whether the run exits 1 for its findings and notices (input errors aside)."""
        return bool(self.failing(fail_on)) or self.notices_fail(fail_on)


class Tally:
    """What a streamed run keeps of its partial reports: documents, findings and notices, never the tables."""

    def __init__(self) -> None:
        self.documents: list[DocumentResult] = []
        self.findings: list[Finding] = []
        self.notices: list[Notice] = []
        self.suppressed = 0
        self.hidden = 0

    def add(self, part: Report) -> Report:
        self.documents += part.documents
        self.findings += part.findings
        self.notices += part.notices
        self.suppressed += part.suppressed
        self.hidden += part.hidden
        return part

    def report(self) -> Report:
        return Report(self.documents, pd.DataFrame(), self.findings, notices=self.notices,
                      suppressed=self.suppressed, hidden=self.hidden)
