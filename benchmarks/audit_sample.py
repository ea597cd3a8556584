"""Draw a uniform random sample of the quantities numcheck reports, for a hand audit.

Usage (from the repository root):

    .venv/bin/numcheck check ../shared/corpus/real --format json -o /tmp/audit-real.json --fail-on never -j 2
    .venv/bin/python benchmarks/audit_sample.py /tmp/audit-real.json [--n 200] [--seed 2026]

The sample is ``random.Random(seed).sample(report["quantities"], n)``: every reported
quantity of the corpus has the same chance, whatever its article. It is printed in
sample order, one block per quantity: its number in the sample, the document, the
span's text and offsets, what numcheck says of it (value or low-high, qualifier, unit,
subject, event) and the sentence around it with the span marked [[like this]], so
anyone can redo the audit from the same report.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from checker.locate import sentence_at


def sample(report: dict, n: int, seed: int) -> list[dict]:
    """n quantities drawn uniformly without replacement, with a fixed seed."""
    return random.Random(seed).sample(report["quantities"], n)


def context(text: str, start: int, end: int) -> str:
    """The sentence holding the span (or 200 characters around it), the span bracketed."""
    s = sentence_at(text, start)
    lo, hi = (s.start, s.end) if s is not None else (max(0, start - 200), min(len(text), end + 200))
    return " ".join((text[lo:start] + "[[" + text[start:end] + "]]" + text[end:hi]).split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path, help="numcheck JSON report (numcheck check ... --format json)")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    report = json.loads(args.report.read_text(encoding="utf-8"))
    print(f"# {args.n} of {len(report['quantities'])} quantities, seed {args.seed}")
    texts: dict[str, str] = {}
    for i, q in enumerate(sample(report, args.n, args.seed), 1):
        text = texts.setdefault(q["doc"], Path(q["doc"]).read_text(encoding="utf-8"))
        value = q["value"] if q["value"] is not None else f"{q['low']}-{q['high']}"
        print(f"[{i}] {Path(q['doc']).stem} {q['start']}-{q['end']} {q['text']!r}")
        print(f"    value={value} qualifier={q['qualifier']} unit={q['unit']} "
              f"subject={q['subject']} event={q['event']}")
        print(f"    {context(text, q['start'], q['end'])}")


if __name__ == "__main__":
    main()
