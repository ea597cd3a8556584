"""The trie-compiled phrase patterns match exactly what a longest-first alternation matches."""
import re
from pathlib import Path

import pytest

from checker.vocab import phrase_regex, vocabulary

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def flat_phrase_regex(phrases, flags=re.IGNORECASE, glue_digits=False):
    """The reference: one alternative per phrase, longest first."""
    alts = []
    for p in sorted({str(p) for p in phrases if str(p)}, key=len, reverse=True):
        esc = re.escape(p).replace(r"\ ", r"\s+")
        left = (r"(?<![A-Za-z])" if glue_digits else r"(?<![\w])") if p[:1].isalnum() else ""
        right = r"(?![\w])" if p[-1:].isalnum() else ""
        alts.append(f"{left}{esc}{right}")
    return re.compile("|".join(alts) if alts else r"(?!x)x", flags)


def _vocab_phrase_lists():
    v = vocabulary()
    return {
        "events": ([p for p, _ in v.event_phrases], {}),
        "not_triggers": (v.events.get("not_triggers", []), {}),
        "actors": (list(v.actor_of_word), {"flags": 0}),
        "source_verbs": (v.actors["source_verbs"], {}),
        "magnitudes": (v.units["magnitudes"], {"glue_digits": True}),
    }


@pytest.mark.parametrize("name", sorted(_vocab_phrase_lists()))
def test_same_matches_as_flat_alternation_on_the_seeds(name):
    phrases, options = _vocab_phrase_lists()[name]
    trie, flat = phrase_regex(phrases, **options), flat_phrase_regex(phrases, **options)
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)], path.name


@pytest.mark.parametrize("phrases, text", [
    (["shot", "shot down", "shot-down"], "75 were shot  down, 3 shot-down, one shot dead, shots"),
    (["bn", "b", "billion"], "1.5bn and 2 billion and 3b and 4bnx"),
    (["U.S.", "US", "u.s"], "the U.S. and US and u.s. and USA"),
    (["(", "%", "km²"], "(12) 5% 3 km² 4 km²x"),
])
def test_same_matches_on_tricky_phrases(phrases, text):
    for options in ({}, {"flags": 0}, {"glue_digits": True}):
        trie, flat = phrase_regex(phrases, **options), flat_phrase_regex(phrases, **options)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_no_phrases_match_nothing():
    assert phrase_regex([]).search("anything at all") is None
