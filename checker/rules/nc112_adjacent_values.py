"""NC112 adjacent-values: two different numbers written side by side for one count, an edit left half done."""
from __future__ import annotations

import re

from checker.rules.base import Rule, register
from checker.wording import plural

# the word after the second number: a lower-case plural noun or "times" ("nine 10 games", "three four
# times"); a capital starts a name ("400 737 Max jets") and a digit or hyphen another number or a unit
_COUNTED_AFTER = re.compile(r"[ \u00a0]+(?:times\b|[a-z][a-z'’-]*s\b)")


@register
class AdjacentValues(Rule):
    """Two different numbers written side by side for one count: "scored three four times".

    What it flags
        Two plain counts with nothing but a space between them, both before
        the same plural noun or "times" ("lost eight of their nine 10
        games", "scored just three four times"), when the two values differ.
        English never counts one noun with two bare numbers in a row; where
        the second number belongs to something else it is joined to its own
        word ("three 10-game stretches", "five 30 second spots" with a unit,
        "400 737 Max jets" with a name), and those are not flagged.

    Why it matters
        It is the trace of an edit left half done: a figure was updated and
        the old one not deleted, and the reader cannot tell which is meant.
        Spell checkers pass it, and a tired eye reads straight over it.

    Flagged
        The club has won seven eight matches in a row.

    Consistent
        The club has won eight matches in a row, and three 10-game stretches.
    """

    code = "NC112"
    name = "adjacent-values"
    kind = "conflicting-values"
    severity = "warning"
    proof = {
        "warning": ("two counts stand side by side before one noun: the text gives two values for it, though "
                    "which one is meant is left to the editor"),
    }

    def check(self, ctx):
        for doc in ctx.documents:
            qs = doc.quantities
            for a, b in zip(qs, qs[1:]):
                if (a.sentence == b.sentence and doc.text[a.end:b.start] in (" ", "\u00a0")
                        and a.unit == b.unit == "count" and not a.is_range and not b.is_range
                        and a.qualifier == b.qualifier == "exact" and a.value != b.value
                        and re.fullmatch(r"[\w.,]+", a.text) and re.fullmatch(r"[\w.,]+", b.text)
                        and _COUNTED_AFTER.match(doc.text, b.end)):
                    yield self.finding(doc.doc, f"'{a.text} {b.text}': two values, {a.shown()} and {b.shown()}, "
                                                f"for one number of {plural(b.subject) if b.subject else 'the same things'}",
                                       [a.span, b.span])
