"""One thing measured twice: 'a 5-inch knife' ... 'the knife' ... 'a 10-inch knife', a restatement with no back-reference."""
from __future__ import annotations

import re
from typing import Iterator

from checker.lexicon import lexicon_pattern
from checker.rules.facts import Document, Quantity

# a single thing with its measure glued on: "a 5-inch knife", "his 6-foot fence", "the 30-metre mast"
_SINGLE_BEFORE = re.compile(r"\b(?:a|an|the|his|her|its|their)\s+$", re.I)
# words that make the second mention another thing of the kind
_ANOTHER = lexicon_pattern(r"\b(?:another|second|other|new|each|every|both|(?&NUMBER_WORD)|smaller|larger|longer|"
                           r"shorter|bigger|different|replacement)\s+(?:[\w-]+\s+)?$", re.I)


def measured_twice(doc: Document) -> Iterator[tuple[Quantity, Quantity]]:
    """Pairs of measures of one thing that cannot both hold: the same singular noun measured by a glued
    compound twice, with a definite mention of that noun between them ('draw the knife') and nothing that
    makes the second another one. The caller applies hedges and rounding."""
    single = [q for q in doc.quantities if _glued_measure(doc, q)]
    for i, a in enumerate(single):
        # only the next measure of the same noun can restate it
        b = next((b for b in single[i + 1:] if b.subject == a.subject and b.unit == a.unit), None)
        if b is None or b.value == a.value or _ANOTHER.search(doc.text[max(0, b.start - 30):b.start]):
            continue
        between, noun = doc.text[a.end:b.start], re.escape(a.subject)
        if re.search(rf"\bthe\s+{noun}\b", between, re.I) and not re.search(rf"\b{noun}s\b", between, re.I):
            yield a, b


def _glued_measure(doc: Document, q: Quantity) -> bool:
    return (q.unit not in ("count", "percent", "fraction", "ratio", "point") and not q.is_range and q.value is not None
            and q.subject is not None and re.fullmatch(r"[\d.,]+-[a-z]+", q.text) is not None
            and _SINGLE_BEFORE.search(doc.text[max(0, q.start - 12):q.start]) is not None
            and re.match(rf"\s+{re.escape(q.subject)}\b", doc.text[q.end:q.end + 40], re.I) is not None)
