"""Property-based tests (hypothesis): random and mutated article text never crashes the extractor or
the check pipeline, offsets always point at the surface, tables pass the schema, output is deterministic."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.extract import extract_text, table
from checker.pipeline import check_text
from checker.reporters import json_report

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SENTENCES = [s.strip() for p in SEEDS for s in p.read_text(encoding="utf-8").split(". ") if any(c.isdigit() for c in s)]

NEWSY = st.sampled_from(
    ["about", "nearly", "at least", "more than", "between", "and", "to", "of the", "drones", "people", "killed",
     "launched", "shot down", "km", "square miles", "(", ")", "—", ":", "%", "€", "$", "£", "bn", "million",
     "one-third", "half", "two dozen", "one in five", "Friday, Oct. 16, 2025", "May 12", "MH17", "1,070",
     "2:05:48", "4:12 a.m.", "1e999", "٣٤٥", "１２", "1\u00a0200", "\u202e", "🚀", "\x07", '"', "[", ".", ",", "\n"])
NUMBERS = st.one_of(st.integers(-10**12, 10**12).map(str), st.floats(allow_nan=True, allow_infinity=True).map(str),
                    st.from_regex(r"\d{1,3}(,\d{3}){0,3}(\.\d{1,3})?", fullmatch=True))
TOKENS = st.one_of(NEWSY, NUMBERS, st.text(max_size=6))
TEXTS = st.lists(TOKENS, max_size=40).map(" ".join)


@st.composite
def mutated_article_text(draw) -> str:
    """A real seed sentence with random insertions, deletions and replacements."""
    text = draw(st.sampled_from(SENTENCES))
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(TOKENS)
        if action == "insert":
            text = text[:pos] + piece + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 5)):]
        else:
            text = text[:pos] + piece + text[pos + len(piece):]
    return text


ANY_TEXT = st.one_of(TEXTS, mutated_article_text(), st.text(max_size=300))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ANY_TEXT)
def test_extractor_offsets_and_schema(text: str) -> None:
    rows = extract_text(text, "p.txt")
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
    table(rows)  # raises SchemaViolation if any row breaks the schema


@FAST
@given(ANY_TEXT)
def test_check_pipeline_never_crashes_and_is_deterministic(text: str) -> None:
    first = json_report.render(check_text(text, "p.txt"))
    json.loads(first, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    assert first == json_report.render(check_text(text, "p.txt"))
