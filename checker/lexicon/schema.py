"""The expected shape of each rules/*.yaml file, as plain data, and the checks that hold a file to it."""
from __future__ import annotations

import re
from typing import Any


class SchemaError(ValueError):
    """One entry of a vocabulary file breaks its schema; the message is one line naming the entry."""


# Spec language, kept to plain Python values so a new key is one line:
#   str, int             a value of that type (bool is no int)
#   NUMBER               an int, a float or a string float() reads ("1.0e3": YAML 1.1 reads it as text)
#   PATTERN              a string that compiles as a regular expression
#   [spec]               a list of such values
#   {str: spec}          a mapping from any label to such values
#   {"key": spec, ...}   a record with these keys; a key ending in "?" may be left out
#   (spec, spec)         either one (None for null)
NUMBER = "number"
PATTERN = "pattern"
WORDS = [str]
_LABELS = {str: WORDS}

SCHEMAS: dict[str, dict] = {
    "lexicon.yaml": {
        "months": [WORDS],
        "weekdays": WORDS,
        "numbers": {str: int},
        "scales": {str: int},
        "denominators": {str: int},
    },
    "hedges.yaml": {
        "before": _LABELS,
        "after": _LABELS,
        "tolerance": {"approx": NUMBER, "below_words": WORDS},
    },
    "nonquantities.yaml": {
        "year_range": [int],
        "clock_suffixes": WORDS,
        "ordinal_suffixes": WORDS,
        "label_words": WORDS,
        "name_exceptions": WORDS,
        "calibre_units": WORDS,
        "one_not_before": WORDS,
        "one_not_after": WORDS,
        "score_words": WORDS,
        "change_words": WORDS,
        # NC111 change-mismatch
        "change_up": WORDS,
        "change_down": WORDS,
        "discount_words": WORDS,
        "change_multiples": {str: NUMBER},
        "regular_price_cues": WORDS,
        "signed_words": WORDS,
        "signed_subjects": WORDS,
        # the non-quantity stage (checker/extract/nonquantities.py)
        "range_cues_before": WORDS,
        "irregular_plurals": WORDS,
        "not_plurals": WORDS,
        "score_nouns": WORDS,
        "record_nouns": WORDS,
        "format_names": WORDS,
        "street_types": WORDS,
        "emergency_numbers": WORDS,
        "dial_nouns": WORDS,
        "dial_verbs": WORDS,
        "code_nouns": WORDS,
        "route_nouns": WORDS,
        "rank_nouns": WORDS,
        "rank_words": WORDS,
        "type_compounds": WORDS,
        "instrument_nouns": WORDS,
        "instrument_terms": WORDS,
        "product_size_units": WORDS,
        "product_nouns": WORDS,
        "demonym_endings": WORDS,
        "gallery_words": WORDS,
        "vague_words": WORDS,
        "one_example_nouns": WORDS,
        "one_time_nouns": WORDS,
        "one_source_nouns": WORDS,
        "one_source_verbs": WORDS,
        "one_negations": WORDS,
        "instrument_codes": [PATTERN],
        "magnitude_nouns?": WORDS,
        "zero_counts_before?": WORDS,
    },
    "furniture.yaml": {"headings": WORDS, "max_teaser_length": int,
                       "html_elements": WORDS, "html_class_words": WORDS, "html_itemprops": WORDS},
    "actors.yaml": {"actors": _LABELS, "source_verbs": WORDS, "place_prepositions?": WORDS},
    "events.yaml": {
        "events": {str: {"words?": WORDS, "nouns?": WORDS}},
        "aerial_subjects?": WORDS,
        "not_triggers?": WORDS,
        "no_event_units?": WORDS,
        "static_verbs?": WORDS,
        "record_subjects?": WORDS,
    },
    "subjects.yaml": {
        "synonyms": {str: str},
        "count_nouns": {str: str},
        "default_by_unit": {str: str},
        "distance_words": [PATTERN],  # joined into a regex as written
        "not_subjects": WORDS,
        "skip_words": WORDS,
        "compound_heads?": WORDS,
        "proper_subjects?": {str: str},
        "flow_heads?": WORDS,
        "dimension_heads?": WORDS,
        "amount_only_synonyms?": WORDS,
        "implied_objects?": {str: str},
        "by_phrase_subjects?": {str: str},
        "opinion_verbs?": WORDS,
        "quantity_heads?": WORDS,
        "substance_units?": WORDS,
    },
    "relations.yaml": {
        "event_parts": _LABELS,
        "disjoint_parts": _LABELS,
        "complete_breakdowns": _LABELS,
        "subject_parts": _LABELS,
        "equivalent_subjects": [WORDS],
        "whole_markers": WORDS,
        "budget_wholes": WORDS,
        "completeness_cues": WORDS,
        "breakdown_openers": WORDS,
        "not_same_fact": WORDS,
        "ratio_wholes": WORDS,
        "change_percent_words": WORDS,
        "default_year": (None, int),
        "week_slack_days": NUMBER,
        "capacity_reach_sentences": int,
        "owned_subjects?": WORDS,
        "bounded_shares?": WORDS,
        "threshold_shares?": {str: [NUMBER]},
        "probability_nouns?": WORDS,
        "stake_nouns?": WORDS,
        "stake_taking_verbs?": WORDS,
        "temperature_difference_cues?": WORDS,
        "dating_verbs?": WORDS,
        "once_only_events?": _LABELS,
        "ordinal_events?": WORDS,
        "crossing_verbs?": WORDS,
        "kin_words?": WORDS,
        "successive_stages?": [WORDS],
        "population_events?": WORDS,
        "population_places?": WORDS,
        "record_standing_words?": WORDS,
        "record_games?": WORDS,
    },
    "units.yaml": {
        "currency_prefixes": {str: str},
        "currency_words": {str: str},
        "currency_by_context": {str: {"default?": str, "contexts?": _LABELS, "same_as?": str, "where?": str}},
        "pounds": {"with_magnitude": str, "default": str},
        "magnitudes": {str: NUMBER},
        "attached_magnitudes": {str: NUMBER},
        "percent_words": WORDS,
        "point_words": WORDS,
        "scale_words": [PATTERN],  # joined into a regex as written
        "unit_aliases": {str: str},
        "quantulum_units": {str: str},
        "ignored_unit_surfaces": WORDS,
        "rate_units": {str: str},
        "pint_units": {str: str},
        "currency_suffixes": {str: str},
        "dollar_nationality": {str: str},
        "price_point_after": WORDS,
        "basis_point_words": WORDS,
        "scored_point_cues": WORDS,
        "period_units_not_before": WORDS,
        "period_units": {str: str},
        "ratio": {"unit": str, "words": WORDS, "times_followed_by": WORDS},
        "multiples": {"words": {str: NUMBER}, "verb_cues": WORDS},
        "ages": {"subject": str, "units": WORDS, "before": WORDS, "after": WORDS,
                 "apposition_not_after": WORDS, "max": NUMBER},
        "compound_units": WORDS,
        "other_senses?": {str: str},
    },
}

# Lists whose entries label a phrase: a phrase may sit under one label only, and once. `fold` when the
# phrases are matched regardless of case, so "Over" and "over" are the same entry.
UNIQUE: dict[str, list[tuple[str, bool]]] = {
    "lexicon.yaml": [("months", False)],
    "hedges.yaml": [("before", True), ("after", True)],
    "events.yaml": [("events.*.words", True), ("events.*.nouns", True)],
    "actors.yaml": [("actors", False)],
}

# Lists whose words must be listed at another path of the same file too: the slack "nearly" gives
# applies only if "nearly" is read as an approximate hedge at all.
SUBSETS: dict[str, list[tuple[str, str]]] = {
    "hedges.yaml": [("tolerance.below_words", "before.approx")],
}

# Keys that moved to another file, so an older copy of rules/ gets told where they went.
MOVED = {("nonquantities.yaml", "months"): "lexicon.yaml", ("nonquantities.yaml", "weekdays"): "lexicon.yaml"}

_WHAT = {str: "a string", int: "an integer", NUMBER: "a number", PATTERN: "a regular expression",
         None: "null"}


def validate(name: str, data: dict) -> None:
    """Raise SchemaError for the first entry of `data` (rules/`name`) that breaks its schema."""
    spec = SCHEMAS.get(name)
    if spec is not None:
        _check(name, data, spec, "")
    for path, fold in UNIQUE.get(name, ()):
        _unique(data, path, fold)
    for path, within in SUBSETS.get(name, ()):
        allowed = {str(w).lower() for w in _at_path(data, within) or ()}
        for word in _at_path(data, path) or ():
            if str(word).lower() not in allowed:
                raise SchemaError(f"{path}: {word!r} is not listed under {within}")


def _at_path(data: Any, path: str) -> Any:
    for step in path.split("."):
        data = data.get(step) if isinstance(data, dict) else None
    return data


def _check(name: str, value: Any, spec: Any, where: str) -> None:
    if isinstance(spec, tuple):
        errors = []
        for alt in spec:
            try:
                return _check(name, value, alt, where)
            except SchemaError as exc:
                errors.append(exc)
        raise errors[-1]
    if spec is None:
        if value is not None:
            raise SchemaError(f"{_at(where)}expected null, got {value!r}")
    elif spec in (str, int):
        if not isinstance(value, spec) or isinstance(value, bool):
            raise SchemaError(f"{_at(where)}expected {_WHAT[spec]}, got {_show(value)}")
    elif spec == NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)) or not _is_number(value):
            raise SchemaError(f"{_at(where)}expected a number, got {_show(value)}")
    elif spec == PATTERN:
        if not isinstance(value, str):
            raise SchemaError(f"{_at(where)}expected a regular expression, got {_show(value)}")
        try:
            re.compile(value)
        except re.error as exc:
            raise SchemaError(f"{_at(where)}{value!r} does not compile as a pattern ({exc})") from None
    elif isinstance(spec, list):
        if not isinstance(value, list):
            raise SchemaError(f"{_at(where)}expected a list, got {_show(value)}")
        for i, item in enumerate(value):
            _check(name, item, spec[0], f"{where}[{i}]")
        if spec[0] is str:  # a word list: a word written twice is a slip (or a sign the other copy was meant)
            seen: set = set()
            for item in value:
                if item in seen:
                    raise SchemaError(f"{_at(where)}{item!r} is listed twice")
                seen.add(item)
    elif isinstance(spec, dict) and list(spec) == [str]:
        if not isinstance(value, dict):
            raise SchemaError(f"{_at(where)}expected a mapping, got {_show(value)}")
        for key, item in value.items():
            if not isinstance(key, str):
                raise SchemaError(f"{_at(where)}key {key!r} is not a string (quote it)")
            _check(name, item, spec[str], _join(where, key))
    elif isinstance(spec, dict):
        if not isinstance(value, dict):
            raise SchemaError(f"{_at(where)}expected a mapping, got {_show(value)}")
        keys = {k.rstrip("?"): k for k in spec}
        for key in value:
            if key not in keys:
                moved = MOVED.get((name, key)) if not where else None
                hint = f" (it moved to {moved})" if moved else f" (expected one of: {', '.join(keys)})"
                raise SchemaError(f"{_at(where)}unknown key {key!r}{hint}")
        for key, raw in keys.items():
            if key in value:
                _check(name, value[key], spec[raw], _join(where, key))
            elif not raw.endswith("?"):
                raise SchemaError(f"{_at(where)}missing key {key!r}")
    else:  # pragma: no cover - a mistake in SCHEMAS itself
        raise TypeError(f"unknown schema spec {spec!r}")


def _unique(data: dict, path: str, fold: bool) -> None:
    """Each phrase under one label only, and once: the lookups keep one label per phrase."""
    seen: dict[str, str] = {}
    for label, words in _labelled(data, path.split(".")):
        for word in words or ():
            key = str(word).lower() if fold else str(word)
            if key in seen:
                if seen[key] == label:
                    raise SchemaError(f"{word!r} is listed twice under {label!r}")
                raise SchemaError(f"{word!r} is listed under both {seen[key]!r} and {label!r}")
            seen[key] = label


def _labelled(data: Any, steps: list[str]):
    """(label, phrases) pairs at a path: 'events.*.words' is each event's words, labelled by event."""
    node = data
    for i, step in enumerate(steps):
        if step == "*":
            rest = steps[i + 1:]
            for label, child in (node or {}).items():
                for _, words in _labelled(child, rest):
                    yield label, words
            return
        node = (node or {}).get(step)
    if isinstance(node, dict):  # a mapping of label -> phrases
        yield from node.items()
    elif isinstance(node, list) and all(isinstance(x, list) for x in node):  # months: a list of lists
        for words in node:
            yield (words[0] if words else ""), words
    else:
        yield steps[-1], node


def _is_number(value) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else str(key)


def _at(where: str) -> str:
    return f"{where}: " if where else ""


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return f"{value!r} (YAML reads yes/no/on/off unquoted as true/false: quote the word)"
    return f"{type(value).__name__} {value!r}"
