"""English for messages and reports: plurals after numbers and how a counted quantity reads.

"1 quantity", "4,800 residents evacuated", "the same number of passengers".
"""
from __future__ import annotations

import functools

from checker.startup import lemminflect

# lemminflect's first plural is the rarer one for these
_PLURALS = {"person": "people", "country": "countries", "casualty": "casualties"}
# The nouns of numcheck's own summaries and messages, as lemminflect inflects them (tests/test_wording.py
# checks): a report that counts only these need not load lemminflect's table (a fifth of a second).
_OWN_PLURALS = {"document": "documents", "quantity": "quantities", "finding": "findings", "notice": "notices",
                "error": "errors", "warning": "warnings", "info": "infos", "row": "rows", "day": "days",
                "year": "years"}
# events that are not verbs: how they read after the counted noun
_EVENT_WORDS = {"other": "", "casualties": "killed or injured"}


@functools.cache
def plural(noun: str) -> str:
    """The plural of a noun, or of a phrase's last word ("care home resident" -> "care home residents")."""
    head, _, last = noun.rpartition(" ")
    lower = last.lower()
    if lower in _PLURALS:
        form = _PLURALS[lower]
    elif lower in _OWN_PLURALS:
        form = _OWN_PLURALS[lower]
    else:
        forms = lemminflect.getInflection(lower, "NNS") if lower.isalpha() else ()
        form = forms[0] if forms else lower + "s"
    if last[:1].isupper():
        form = form[:1].upper() + form[1:]
    return f"{head} {form}" if head else form


def count(n: int, noun: str, plural_form: str | None = None) -> str:
    """'1 quantity', '2 quantities', '1,250 documents'."""
    return f"{n:,} {noun if n == 1 else plural_form or plural(noun)}"


def _one(q) -> bool:
    return q.value == 1 and q.qualifier != "range"


def counted(q) -> str:
    """The quantity as written with its noun: '4,800 residents', 'Eleven children', '€312 million profit'
    (a measure's subject is a modifier, not what is counted, so it stays singular)."""
    if not q.subject:
        return q.text
    if q.unit != "count" or _one(q):
        return f"{q.text} {q.subject}"
    return f"{q.text} {plural(q.subject)}"


def says(q) -> str:
    """What a quantity says happened: '75 drones downed', '4,300 people evacuated', '12 casualties'."""
    if q.event == "casualties" and q.subject in (None, "casualty"):
        return f"{q.text} {'casualty' if _one(q) else 'casualties'}"
    event = _EVENT_WORDS.get(q.event or "", q.event or "")
    return f"{counted(q)} {event}".strip()


def the_same(q) -> str:
    """What two conflicting statements are both about: 'the same number of passengers', 'the same profit'."""
    if q.event == "casualties" and q.subject in (None, "casualty"):
        return "the same number of casualties"
    event = _EVENT_WORDS.get(q.event or "", q.event or "")
    if q.unit == "count" and q.subject:
        return f"the same number of {plural(q.subject)} {event}".strip()
    if q.unit == "count" and event:
        return f"the same number {event}"
    what = " ".join(w for w in (q.subject, event) if w)
    return f"the same {what or 'figure'}"
