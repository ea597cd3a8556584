"""Running the rules: one context for all of them, findings in a stable order."""
from __future__ import annotations

import copy
from dataclasses import dataclass, replace

import pandas as pd

from checker.budget import checkpoint
from checker.report import Finding
from checker.rules.base import all_rules
from checker.rules.facts import Document, Relations, documents
from checker.vocab import Vocabulary, relations_data, vocabulary


@dataclass
class RuleContext:
    """Everything a rule may read: documents with their quantities, relations and hedge slack."""
    documents: list[Document]
    relations: Relations
    vocab: Vocabulary
    across: bool = False
    tolerance: float | None = None

    @property
    def hedges(self) -> dict:
        if self.tolerance is None:
            return self.vocab.hedges
        hedges = copy.deepcopy(self.vocab.hedges)
        hedges["tolerance"]["approx"] = self.tolerance
        return hedges


def run_rules(table: pd.DataFrame, texts: dict[str, str], select: list[str] | None = None,
              ignore: list[str] | None = None, across: bool = False, tolerance: float | None = None,
              default_year: int | None = None, severity: dict[str, str] | None = None,
              within: bool = True) -> list[Finding]:
    """All findings of the selected rules over the documents, ordered by document and position.

    tolerance and default_year override rules/hedges.yaml and rules/relations.yaml for this run;
    severity maps rule codes to the severity their findings get instead of the rule's own.
    within=False runs only the comparisons between documents (with across=True).
    """
    return check_documents(documents(table, texts, vocabulary()), select, ignore, across, tolerance,
                           default_year, severity, within)


def check_documents(docs: list[Document], select: list[str] | None = None, ignore: list[str] | None = None,
                    across: bool = False, tolerance: float | None = None, default_year: int | None = None,
                    severity: dict[str, str] | None = None, within: bool = True) -> list[Finding]:
    """run_rules on documents already grouped from the table (see facts.documents)."""
    vocab = vocabulary()
    relations = _relations()
    if default_year is not None:
        relations = Relations(dict(relations.data, default_year=default_year))
    ctx = RuleContext(docs, relations, vocab, across, tolerance)
    chosen = [r for r in all_rules()
              if (not select or r.code in select or r.name in select)
              and not (ignore and (r.code in ignore or r.name in ignore))]
    findings: list[Finding] = []
    for rule in chosen:
        checkpoint()
        level = (severity or {}).get(rule.code) or (severity or {}).get(rule.name)
        checker = rule()
        produced = (list(checker.check(ctx)) if within else []) + (list(checker.check_across(ctx)) if across else [])
        for f in produced:
            findings.append(replace(f, severity=level, basis=f"{level} by the project's severity setting for "
                                                                   f"{rule.code}")
                            if level and f.severity == rule.severity and level != f.severity else f)
    order = {d.doc: i for i, d in enumerate(docs)}
    findings.sort(key=lambda f: (order.get(f.doc, len(order)), f.spans[0].start if f.spans else 0,
                                 f.rule, f.message))
    return _dedupe(findings)


_shared: list[Relations] = []


def _relations() -> Relations:
    """The Relations of rules/relations.yaml, one for every call while the file's data is the same: a batch
    checks its documents one call each, and the answers Relations keeps (which subject is within which)
    hold for them all."""
    data = relations_data()
    if not _shared or _shared[0].data is not data:
        _shared[:] = [Relations(data)]
    return _shared[0]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.doc, f.rule, tuple((s.start, s.end) for s in f.spans))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
