"""Domain vocabulary: the YAML files of `rules/`, loaded once and compiled for lookups."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from checker.lexicon import schema

_PACKAGED = Path(__file__).parent / "_data" / "rules"
_SOURCE_TREE = Path(__file__).resolve().parent.parent / "rules"


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader, ten times faster, when built


class VocabularyError(Exception):
    """A data file in rules/ is missing or malformed."""


class _DuplicateKey(yaml.YAMLError):
    pass


class _Loader(_BASE_LOADER):
    """The safe loader, refusing a key written twice in one mapping (YAML itself keeps the last silently)."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise _DuplicateKey(f"line {key_node.start_mark.line + 1}: key {key_node.value!r} is written "
                                        f"twice in one mapping (also line {seen[key_node.value]})")
                seen[key_node.value] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


def rules_dir() -> Path:
    """The folder holding the vocabulary: $NUMCHECK_RULES_DIR, the installed copy, or the source tree."""
    env = os.environ.get("NUMCHECK_RULES_DIR")
    if env:
        return Path(env)
    if _PACKAGED.is_dir():
        return _PACKAGED
    return _SOURCE_TREE


def load_yaml(name: str, root: Path | None = None) -> dict[str, Any]:
    """rules/`name` read and held to its schema (checker/lexicon/schema.py); any fault is a one-line
    VocabularyError naming the file and the entry."""
    path = (root or rules_dir()) / name
    shown = _shown(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as exc:
        raise VocabularyError(f"{shown}: cannot read vocabulary file ({exc.strerror})") from exc
    except _DuplicateKey as exc:
        raise VocabularyError(f"{shown}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise VocabularyError(f"{shown}: invalid YAML ({_one_line(exc)})") from exc
    if not isinstance(data, dict):
        raise VocabularyError(f"{shown}: expected a mapping at the top level")
    try:
        schema.validate(name, data)
    except schema.SchemaError as exc:
        raise VocabularyError(f"{shown}: {exc}") from exc
    return data


def _shown(path: Path) -> str:
    """The path as the user would write it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _one_line(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    return " ".join(f"{where}{problem}".split())


def phrase_regex(phrases, flags=re.IGNORECASE, glue_digits: bool = False) -> re.Pattern:
    """One pattern matching any of the phrases, the longest where several match, on word boundaries
    where the phrase has letters; a space in a phrase matches any run of whitespace.

    With glue_digits a phrase may touch a digit on its left ("1.5bn"). The phrases are compiled into a
    trie, because Python's re tries the alternatives of a flat alternation one by one at every position,
    and the event and unit vocabularies have hundreds of phrases.
    """
    fold = bool(flags & re.IGNORECASE)
    left = r"(?<![A-Za-z])" if glue_digits else r"(?<![\w])"
    phrases = {str(p) for p in phrases if str(p)}
    alts = []
    for starts_alnum in (True, False):
        chosen = [p for p in phrases if p[:1].isalnum() == starts_alnum]
        if chosen:
            body = _trie_pattern(chosen, fold)
            alts.append(left + body if starts_alnum else body)
    if not alts:
        return re.compile(r"(?!x)x", flags)
    # A lookahead for the phrases' first characters lets the engine reject most positions at once.
    firsts = sorted({p[0].lower() if fold else p[0] for p in phrases})
    first = "".join(r"\s" if c == " " else re.escape(c) for c in firsts)
    return re.compile(f"(?=[{first}])(?:{'|'.join(alts)})", flags)


_END = ""  # the trie key marking where a phrase ends; no character token is empty


def _trie_pattern(phrases: list[str], fold: bool) -> str:
    root: dict = {}
    for p in phrases:
        node = root
        for ch in p:
            key = ch.lower() if fold else ch
            node = node.setdefault(key, {})
        node[_END] = r"(?![\w])" if p[-1].isalnum() else ""
    return _emit(root)


def _emit(node: dict) -> str:
    # Children before the end of a phrase, so the longest phrase wins, as in a longest-first alternation.
    alts = [(r"\s+" if key == " " else re.escape(key)) + _emit(child)
            for key, child in sorted(node.items()) if key != _END]
    if _END in node:
        alts.append(node[_END])
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


@dataclass(frozen=True, eq=False)
class Vocabulary:
    units: dict
    hedges: dict
    nonq: dict
    furniture: dict
    events: dict
    subjects: dict
    actors: dict
    lexicon: dict

    # -- lexicon: the word lists many patterns share, as named fragments ------------
    @cached_property
    def _fragment_words(self) -> dict[str, Any]:
        """Each fragment name: its words, or for numbered ones a word -> value table to select from."""
        lex, months = self.lexicon, self.lexicon["months"]
        return {
            "MONTH": [m[0] for m in months],
            "MONTH_ABBR": [a for m in months for a in (m[1:] or m[:1])],  # May is its own abbreviation
            "MONTH_ANY": [w for m in months for w in m],
            "WEEKDAY": list(lex["weekdays"]),
            "NUMBER_WORD": dict(lex["numbers"]),
            "SCALE": dict(lex["scales"]),
            "DENOMINATOR": dict(lex["denominators"]),
            "HEDGE": {q: list(ps) for q, ps in self.hedges["before"].items()},  # hedges.yaml, by qualifier
        }

    def fragment(self, name: str, select: str | None = None) -> str:
        """The alternation of a fragment's words, longest first, escaped; a space matches any whitespace.

        `select` picks words of a numbered fragment by value ("1-9", "2-12,20,50"), or of a grouped one
        by group (HEDGE: "approx,more_than"); without it all its words."""
        key = (name, select)
        found = self._fragments.get(key)
        if found is None:  # built once: extraction asks for the same few fragments for every sentence
            found = self._fragments[key] = self._fragment(name, select)
        return found

    @cached_property
    def _fragments(self) -> dict[tuple[str, str | None], str]:
        return {}

    def _fragment(self, name: str, select: str | None) -> str:
        words = self._fragment_words.get(name)
        if words is None:
            raise ValueError(f"no lexicon fragment {name!r} (known: {', '.join(self._fragment_words)})")
        grouped = isinstance(words, dict) and all(isinstance(v, list) for v in words.values())
        if grouped:
            groups = [g.strip() for g in select.split(",")] if select is not None else list(words)
            words = [w for g in groups for w in words.get(g, ())]
        elif select is not None:
            if not isinstance(words, dict):
                raise ValueError(f"lexicon fragment {name!r} has no values to select by")
            wanted = _value_ranges(select)
            words = [w for w, v in words.items() if any(lo <= v <= hi for lo, hi in wanted)]
        words = sorted(set(words), key=lambda w: (-len(w), w))
        if not words:
            return r"(?!x)x"
        return "|".join(r"\s+".join(map(re.escape, w.split(" "))) for w in words)

    def _words_of(self, name: str) -> list[str]:
        words = self._fragment_words[name]
        if isinstance(words, dict) and all(isinstance(v, list) for v in words.values()):
            return [w for group in words.values() for w in group]
        return list(words)

    def expand(self, template: str) -> str:
        """The template with each `(?&NAME)` or `(?&NAME:select)` replaced by that fragment as a group;
        `(?&INITIALS:NAME,NAME)` is the first letters of those fragments' words, for a character class
        (a pattern's first-character lookahead)."""
        return _FRAGMENT_REF.sub(self._expand_one, template)

    def _expand_one(self, m: re.Match) -> str:
        if m.group(1) == "INITIALS":
            firsts = {w[0] for name in m.group(2).split(",") for w in self._words_of(name) if w}
            return "".join(re.escape(c) for c in sorted(firsts))
        return "(?:" + self.fragment(m.group(1), m.group(2)) + ")"

    @cached_property
    def month_number(self) -> dict[str, int]:
        """Every month name and abbreviation, lower-cased, to its month number (1-12)."""
        return {w.lower(): i for i, m in enumerate(self.lexicon["months"], 1) for w in m}

    @cached_property
    def weekday_number(self) -> dict[str, int]:
        """Every weekday name, lower-cased, to its number (Monday 0)."""
        return {w.lower(): i for i, w in enumerate(self.lexicon["weekdays"])}

    # -- units -------------------------------------------------------------
    @cached_property
    def ignored_unit_surfaces(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.units["ignored_unit_surfaces"])

    @cached_property
    def pint_table(self) -> tuple[tuple[str, str], ...]:
        """units.yaml's pint_units as a hashable key for the conversion caches."""
        return tuple(sorted(self.units["pint_units"].items()))

    @cached_property
    def currency_prefix_re(self) -> re.Pattern:
        alts = sorted(self.units["currency_prefixes"], key=len, reverse=True)
        return re.compile("(?:" + "|".join(re.escape(a) for a in alts) + r")\s?$")

    @cached_property
    def currency_words(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.units["currency_words"].items()}

    @cached_property
    def currency_codes(self) -> set[str]:
        u = self.units
        codes = set(u["currency_prefixes"].values()) | set(u["currency_words"].values())
        for spec in u["currency_by_context"].values():
            codes |= set(spec.get("contexts", {})) | ({spec["default"]} if "default" in spec else set())
        return codes | {u["pounds"]["with_magnitude"]}

    @cached_property
    def unit_aliases(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.units["unit_aliases"].items()}

    @cached_property
    def after_number_re(self) -> re.Pattern:
        """Words that can follow a number as its unit or currency (our own tables)."""
        words = (list(self.unit_aliases) + list(self.currency_words)
                 + list(self.units["currency_by_context"]) + ["pounds", "pound"])
        return re.compile(r"[\s-]?(" + phrase_regex(words).pattern + ")", re.IGNORECASE)

    @cached_property
    def percent_re(self) -> re.Pattern:
        return re.compile(r"\s?(?:%|" + phrase_regex(
            [w for w in self.units["percent_words"] if w != "%"]).pattern + ")", re.IGNORECASE)

    @cached_property
    def point_re(self) -> re.Pattern:
        return re.compile(r"\s(?:" + phrase_regex(self.units["point_words"]).pattern + ")",
                          re.IGNORECASE)

    @cached_property
    def magnitude_re(self) -> re.Pattern:
        words = phrase_regex(self.magnitudes, glue_digits=True).pattern
        attached = "|".join(re.escape(k) for k in self.units["attached_magnitudes"])
        return re.compile(rf"(?:\s?(?:{words})|(?:{attached})(?![\w]))", re.IGNORECASE)

    def magnitude_of(self, word: str) -> float | None:
        w = word.strip()
        table = self.units["attached_magnitudes"]
        if w in table:
            return float(table[w])
        return float(self.magnitudes.get(w.lower(), 0)) or None

    @cached_property
    def magnitudes(self) -> dict[str, Any]:
        """Words and abbreviations that scale a digit number ("1.5 million", "2bn"): the lexicon's scales from
        a thousand up (no one writes "5 hundred"), then units.yaml's abbreviations."""
        words = {w: v for w, v in self.lexicon["scales"].items() if v >= 1000}
        return {**words, **self.units["magnitudes"]}

    # -- hedges ------------------------------------------------------------
    @cached_property
    def hedge_before(self) -> list[tuple[str, str]]:
        pairs = [(p.lower(), q) for q, ps in self.hedges["before"].items() for p in ps]
        return sorted(pairs, key=lambda x: len(x[0]), reverse=True)

    @cached_property
    def hedge_before_lookup(self) -> tuple[dict[str, str], int]:
        """hedge_before as a dict (the first qualifier listed for a phrase) and its longest phrase's length."""
        table: dict[str, str] = {}
        for phrase, q in self.hedge_before:
            table.setdefault(phrase, q)
        return table, max(map(len, table), default=0)

    @cached_property
    def of_before_re(self) -> re.Pattern:
        """'a depth of (about) ', 'winds of up to ': the noun before 'of' and an optional hedge."""
        hedges = "|".join(re.escape(p) for p, _ in self.hedge_before)
        return re.compile(r"([A-Za-z]+)\s+of\s+(?:(?:" + hedges + r")\s+)?(?:an?\s+)?$", re.I)

    @cached_property
    def hedge_after(self) -> list[tuple[str, str]]:
        pairs = [(p.lower(), q) for q, ps in self.hedges["after"].items() for p in ps]
        return sorted(pairs, key=lambda x: len(x[0]), reverse=True)

    @cached_property
    def hedge_after_re(self) -> tuple[re.Pattern, list[str]]:
        """hedge_after as one pattern matching right after a number ('20 or more'), longest phrase
        first, one group per phrase, and the qualifier of each group."""
        alts = [r"(" + re.escape(p) + (r"(?!\w)" if p[-1].isalnum() else "") + ")" for p, _ in self.hedge_after]
        if not alts:  # an empty alternation would match everywhere
            return re.compile(r"(?!x)x"), []
        return re.compile(r"\s*(?:" + "|".join(alts) + ")", re.I), [q for _, q in self.hedge_after]

    # -- non-quantities ------------------------------------------------------
    @cached_property
    def nonquantity_patterns(self) -> dict[str, re.Pattern]:
        """Text around a number that makes it a date, a clock time or a calibre."""
        months = self.fragment("MONTH_ANY")
        clock = "|".join(re.escape(c) for c in sorted(self.nonq["clock_suffixes"], key=len, reverse=True))
        calibre = "|".join(re.escape(u) for u in self.nonq["calibre_units"])
        return {
            "calibre": re.compile(rf"(?:{calibre})(?![\w])"),
            "month_before": re.compile(rf"(?:^|[\s(])(?:{months})\.?[\s\u00a0]+$"),
            "month_after": re.compile(rf"[\s\u00a0]*(?:{months})\b"),
            "day_range_before": re.compile(rf"(?:{months})\.?\s+\d{{1,2}}\s*[-–—]\s*$"),
            "clock_after": re.compile(rf"[\s\u00a0]*(?:{clock})(?![\w])"),
        }

    @cached_property
    def name_exceptions(self) -> set[str]:
        words = {w.lower() for w in self.nonq["name_exceptions"]}
        words |= {p for p, _ in self.hedge_before}
        words |= set(self.month_number) | set(self.weekday_number)
        return words

    @cached_property
    def label_words(self) -> set[str]:
        return {w.lower() for w in self.nonq["label_words"]}

    @cached_property
    def score_words(self) -> set[str]:
        return {w.lower() for w in self.nonq["score_words"]}

    @cached_property
    def change_words(self) -> set[str]:
        return {w.lower() for w in self.nonq["change_words"]}

    # -- subjects ------------------------------------------------------------
    @cached_property
    def synonyms(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.subjects["synonyms"].items()}

    @cached_property
    def not_subjects(self) -> set[str]:
        number_words = [*self.lexicon["numbers"], *self.lexicon["scales"], "dozen"]
        # a day or month names when, never what is counted ("hit $90 a barrel Monday")
        calendar = [*self.lexicon["weekdays"], *(m[0] for m in self.lexicon["months"])]
        return {w.lower() for w in [*self.subjects["not_subjects"], *number_words, *calendar]}

    # -- events --------------------------------------------------------------
    @cached_property
    def event_phrases(self) -> list[tuple[str, str]]:
        pairs = [(w.lower(), label) for label, spec in self.events["events"].items()
                 for w in spec.get("words", [])]
        return sorted(pairs, key=lambda x: len(x[0]), reverse=True)

    @cached_property
    def event_re(self) -> re.Pattern:
        return phrase_regex([p for p, _ in self.event_phrases])

    @cached_property
    def not_trigger_re(self) -> re.Pattern:
        return phrase_regex(self.events.get("not_triggers", []))

    @cached_property
    def event_of_phrase(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for phrase, label in self.event_phrases:
            out.setdefault(re.sub(r"\s+", " ", phrase), label)
        return out

    @cached_property
    def event_of_noun(self) -> dict[str, str]:
        return {n.lower(): label for label, spec in self.events["events"].items()
                for n in spec.get("nouns", [])}

    # -- actors --------------------------------------------------------------
    @cached_property
    def actor_of_word(self) -> dict[str, str]:
        return {w: actor for actor, words in self.actors["actors"].items() for w in words}

    @cached_property
    def actor_re(self) -> re.Pattern:
        return phrase_regex(self.actor_of_word, flags=0)

    @cached_property
    def source_verb_re(self) -> re.Pattern:
        return phrase_regex(self.actors["source_verbs"])


_FRAGMENT_REF = re.compile(r"\(\?&([A-Z_]+)(?::([^)]*))?\)")


def _value_ranges(select: str) -> list[tuple[float, float]]:
    out = []
    for part in select.split(","):
        lo, _, hi = part.strip().partition("-")
        out.append((float(lo), float(hi or lo)))
    return out


@lru_cache(maxsize=4)
def _load(root: str) -> Vocabulary:
    folder = Path(root)
    return Vocabulary(*(load_yaml(f"{name}.yaml", folder) for name in
                        ("units", "hedges", "nonquantities", "furniture", "events", "subjects", "actors",
                         "lexicon")))


_current: Vocabulary | None = None


def vocabulary() -> Vocabulary:
    """The vocabulary of the current rules folder (cached per folder)."""
    global _current
    _current = _load(str(rules_dir()))
    return _current


def current() -> Vocabulary:
    """The vocabulary last asked for with vocabulary(), loading it on first use: the lexicon's patterns
    and tables (checker/lexicon) are built from it."""
    return _current if _current is not None else vocabulary()


@lru_cache(maxsize=4)
def _relations(root: str) -> dict[str, Any]:
    return load_yaml("relations.yaml", Path(root))


def relations_data() -> dict[str, Any]:
    """rules/relations.yaml of the current rules folder (cached per folder; treat it as read-only)."""
    return _relations(str(rules_dir()))
