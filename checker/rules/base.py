"""The rule type and registry: one rule per module, a stable code, its docstring as documentation."""
from __future__ import annotations

import inspect
import textwrap
from typing import ClassVar, Iterable

from checker.report import Finding, Span

KINDS = ("part-exceeds-whole", "parts-exceed-whole", "total-mismatch", "fraction-mismatch",
         "percent-out-of-range", "range-inverted", "conflicting-values", "date-mismatch",
         "conversion-mismatch", "count-mismatch", "change-mismatch")
SEVERITIES = ("error", "warning", "info")

REGISTRY: dict[str, type["Rule"]] = {}


class Rule:
    """Base class. Subclasses set code, name, kind and severity and implement check()."""

    code: ClassVar[str]
    name: ClassVar[str]
    kind: ClassVar[str]
    severity: ClassVar[str] = "error"
    # What makes a finding of this rule an error, and what leaves it a warning (or an info): one line
    # each, shown with every finding (its basis) and in the README's severity table.
    proof: ClassVar[dict[str, str]] = {}

    def check(self, ctx) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def check_across(self, ctx) -> Iterable[Finding]:
        """Findings between the documents of one run (most rules have none)."""
        return ()

    def finding(self, doc: str, message: str, spans: Iterable[Span], severity: str | None = None,
                name: str | None = None, basis: str | None = None) -> Finding:
        """A finding of this rule; its basis defaults to the rule's proof line for the severity."""
        ordered = tuple(dict.fromkeys(spans))
        level = severity or self.severity
        return Finding(doc=doc, rule=self.code, name=name or self.name, kind=self.kind,
                       severity=level, message=message, spans=ordered,
                       basis=basis or self.proof.get(level, ""))

    @classmethod
    def documentation(cls) -> str:
        return textwrap.dedent(inspect.getdoc(cls) or "").strip()

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().splitlines()[0] if cls.documentation() else ""


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry; a code or name used twice is a bug."""
    for attr in ("code", "name", "kind"):
        if not getattr(cls, attr, None):
            raise ValueError(f"rule {cls.__name__} has no {attr}")
    if cls.kind not in KINDS:
        raise ValueError(f"rule {cls.code}: unknown kind {cls.kind!r}")
    if cls.severity not in SEVERITIES:
        raise ValueError(f"rule {cls.code}: unknown severity {cls.severity!r}")
    unknown = set(cls.proof) - set(SEVERITIES)
    if unknown or cls.severity not in cls.proof:
        raise ValueError(f"rule {cls.code}: proof must say when a finding is {cls.severity!r}"
                         + (f" and name only known severities, not {sorted(unknown)}" if unknown else ""))
    if cls.code in REGISTRY:
        raise ValueError(f"rule code {cls.code} registered twice ({REGISTRY[cls.code].__name__}, {cls.__name__})")
    if any(r.name == cls.name for r in REGISTRY.values()):
        raise ValueError(f"rule name {cls.name} registered twice")
    REGISTRY[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    from checker.rules import catalogue  # noqa: F401  (imports every rule module)
    return [REGISTRY[c] for c in sorted(REGISTRY)]


def severity_table() -> str:
    """The README's table of what makes each rule's finding an error, a warning or an info (its proof)."""
    rows = ["| rule | error when | warning when | info when |", "|---|---|---|---|"]
    for r in all_rules():
        cells = [r.proof.get(level, "never").replace("|", "\\|") for level in SEVERITIES]
        rows.append(f"| {r.code} {r.name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def lookup(code_or_name: str) -> type[Rule] | None:
    all_rules()
    key = code_or_name.strip()
    if key.upper() in REGISTRY:
        return REGISTRY[key.upper()]
    return next((r for r in REGISTRY.values() if r.name == key.lower()), None)

