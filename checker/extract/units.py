"""Units: quantulum3 for physical units, our tables for the rest, pint for normalisation."""
from __future__ import annotations

import json
import re
import sys
import types
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.vocab import Vocabulary



def _import_inflect_without_typeguard() -> None:
    """Import inflect (a quantulum3 dependency) with typeguard's decorator as a no-op.

    inflect decorates its functions with typeguard's @typechecked, which
    recompiles them at import and costs seconds per process (jaraco/inflect#212).
    The checks only guard inflect's own argument types, which quantulum3 gets right.
    """
    if "inflect" in sys.modules:
        return
    saved = sys.modules.get("typeguard")
    stub = types.ModuleType("typeguard")
    stub.typechecked = lambda func=None, **_: func if func is not None else (lambda f: f)
    sys.modules["typeguard"] = stub
    try:
        import inflect  # noqa: F401
    finally:
        if saved is not None:
            sys.modules["typeguard"] = saved
        else:
            del sys.modules["typeguard"]


@lru_cache(maxsize=1)
def quantulum():
    """quantulum3's parser module, imported when a window is first parsed (a run may never need it)."""
    _import_inflect_without_typeguard()
    with warnings.catch_warnings():
        # quantulum3 warns that its optional classifier is missing; we disambiguate ourselves.
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    return parser

_NEXT_WORD = re.compile(r"[\s-]?([A-Za-z°²³µ/][A-Za-z°²³µ/.']*)")


# First words of multi-word units ("square kilometres", "degrees Celsius").
_UNIT_PREFIXES = {"square", "sq", "cubic", "metric", "nautical", "degrees", "degree", "cu", "fluid", "fl"}


@dataclass(frozen=True)
class ParsedUnit:
    unit: str
    start: int  # where quantulum3's surface starts, in the sentence
    end: int    # where it ends
    value: float


# Every word quantulum3 reads as a unit, shipped (written by scripts/unit_tables.py, checked against
# quantulum3 by tests/test_unit_tables.py): asking quantulum3 for them imports it and builds its whole
# unit table, a tenth of a second of every run that meets a number followed by a word.
SURFACES_FILE = Path(__file__).resolve().parent / "quantulum_surfaces.json"


@lru_cache(maxsize=1)
def _quantulum_vocabulary() -> frozenset[str]:
    try:
        return frozenset(json.loads(SURFACES_FILE.read_text(encoding="utf-8")))
    except OSError:
        return quantulum_surfaces()


def quantulum_surfaces() -> frozenset[str]:
    """The words quantulum3 reads as units, as quantulum3 lists them."""
    quantulum()
    from quantulum3 import load
    units = load.units("en_US")
    return frozenset(set(units.surfaces_lower) | set(units.symbols_lower) | set(units.symbols))


# quantulum3's number regexes take seconds on a run of dozens of digits; numbers that long are
# dropped as implausible anyway (mentions.MAX_DIGITS), so their windows are not parsed at all.
_LONG_DIGITS = re.compile(r"\d{25,}")


@lru_cache(maxsize=20000)
def quantulum_parse(sentence: str) -> tuple:
    """quantulum3's quantities for one sentence (cached: wire copy repeats itself)."""
    if _LONG_DIGITS.search(sentence):
        return ()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return tuple(quantulum().parse(sentence))
        except Exception:  # quantulum3 raises on some malformed input; we then know no unit
            return ()


# Capitals and a plural s ("MPs", "CEOs", "SUVs") are an acronym's plural, a thing counted; quantulum3 reads
# some of them as units by their lower case ("mps", metres per second). No unit symbol is written so.
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")


def may_have_unit(sentence: str, end: int, vocab: Vocabulary) -> bool:
    """Is the word right after position `end` something quantulum3 could read as a unit?"""
    m = _NEXT_WORD.match(sentence, end)
    if not m:
        return False
    word = m.group(1).rstrip(".'")
    if word.lower() in _UNIT_PREFIXES:
        return True
    vocab_q = _quantulum_vocabulary()
    if word.lower() in vocab.ignored_unit_surfaces or (_ACRONYM_PLURAL.fullmatch(word) and word not in vocab_q):
        return False
    head = word.split("/")[0]
    return any(w in vocab_q or w.lower() in vocab_q for w in (word, head) if w)


# quantulum3 reads a short window around a number, never a whole sentence: its cost grows much
# faster than the length of what it parses (its spelled-number regex can take minutes on a long
# sentence of digits), and identical windows recur across a corpus, which the cache exploits.
WINDOW_AFTER = 30
WINDOW_BEFORE = 30


def _window(sentence: str, start: int, end: int, before: int = 0, after: int = WINDOW_AFTER) -> tuple[int, str]:
    """(offset, text) of the words around [start, end), cut at word boundaries."""
    a = max(0, start - before)
    while a > 0 and a > start - before - 15 and not sentence[a - 1].isspace():
        a -= 1
    b = min(len(sentence), end + after)
    stop = min(len(sentence), b + 15)
    while b < stop and not sentence[b].isspace():
        b += 1
    return a, sentence[a:b]


_PLAIN_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def quantulum_unit(sentence: str, start: int, end: int, vocab: Vocabulary) -> ParsedUnit | None:
    """The unit quantulum3 reads for the number at [start, end), mapped to our symbols.

    A number written in plain digits is shown to quantulum3 as "7": the unit it reads does not depend
    on the digits, and "7 km from the border" recurs where "31 km" and "42 km" do not, so the cache
    serves it. Only the number itself is rewritten: digits elsewhere in the window may belong to a
    unit ("m2", "cm3") or to a number grouped with spaces ("12 000").
    """
    names = vocab.units["quantulum_units"]
    offset, window = _window(sentence, start, end)
    return _quantulum_unit_in(sentence, start, end, offset, window, vocab, names)


def _quantulum_unit_in(sentence: str, start: int, end: int, offset: int, window: str, vocab: Vocabulary,
                       names: dict, retry: bool = True) -> ParsedUnit | None:
    cut, shift = start - offset, 0
    if _PLAIN_NUMBER.fullmatch(sentence, start, end):
        shift = (end - start) - 1
        window = window[:cut] + "7" + window[cut + end - start:]

    def back(i: int) -> int:
        return i + offset + (shift if i > cut else 0)

    for q in quantulum_parse(window):
        qs, qe = back(max(q.span[0], 0)), back(q.span[1])
        if not (qs <= start + 1 and qe >= end and qs < end):
            continue
        name = q.unit.name
        if name in names and names[name] not in ("percent", "dozen"):
            written = sentence[end:qe].strip(" -").lower()
            if written in vocab.unit_aliases:  # our spelling table wins: quantulum3 reads "cc" as "ml"
                return ParsedUnit(str(vocab.unit_aliases[written]), qs, qe, float(q.value))
            if re.search(r"\d", sentence[end:qe]):
                # a range or list ("44 mg to 50 mg"): keep only this number's unit word
                word = re.match(r"[\s-]?[^\s\d,;()]+", sentence[end:])
                qe = end + (word.end() if word else 0)
            return ParsedUnit(str(names[name]), qs, qe, float(q.value))  # the value of the window as shown
        first = re.match(r"[\s-]?[^\s\d,;()]+", sentence[end:])
        if retry and first and end + first.end() < qe:
            # a unit read together with the words after it into a compound we do not know ("7 hp at"
            # as horsepower ampere-turn, "7 GWh a year"): read the word after the number alone
            return _quantulum_unit_in(sentence, start, end, offset, sentence[offset:end + first.end()],
                                      vocab, names, retry=False)
        return None
    return None


# Written forms our scanner leaves to quantulum3: fractions with a slash or a
# vulgar-fraction character, scientific notation, powers and +/- errors.
# (The branches that start with a digit share it: "\d(?:/...|e...)" rather than "\d/...|\de...", so the engine
# reads each digit once, not once a branch; twice as fast on every sentence with a number.)
_COMPLEX = re.compile(r"\d(?:\s*/\s*\d|[eE][-+−]?\d|\s*[×x]\s*\d+\s*[\^−-]|\^)|[⅓⅔¼½¾⅛⅜⅝⅞]|\+/-|±")


# A power written with a caret ("10^5", "2^28"), maybe less or plus a whole number as sizes are
# written in code ("2^15 - 1"): quantulum3 reads it as separate numbers.
_POWER = re.compile(r"(?<![\w.^])(\d+(?:\.\d+)?)\s*\^\s*(\d{1,3})(?:\s*([-+−])\s*(\d{1,6})(?![\d^/]|\.\d))?(?![\d^]|\.\d)")
# A mixed number: "1-1/2 year", "2 3/4 miles" is the whole number plus the fraction.
_MIXED = re.compile(r"(?<![\w./-])(\d{1,4})[-\s\u00a0](\d{1,2})/(\d{1,2})(?![\d/])")


def complex_quantities(sentence: str, vocab: Vocabulary) -> list[ParsedUnit]:
    """quantulum3's reading of the numbers written in forms our scanner leaves to it."""
    spans = [m.span() for m in _COMPLEX.finditer(sentence)]
    if not spans:
        return []
    ours = []
    for p in _POWER.finditer(sentence):
        value = float(p.group(1)) ** int(p.group(2)) if float(p.group(1)) < 1e3 else float("inf")
        if p.group(3):
            value += (1 if p.group(3) == "+" else -1) * int(p.group(4))
        ours.append(ParsedUnit("count", p.start(), p.end(), value))
    for x in _MIXED.finditer(sentence):
        whole, num, den = (int(g) for g in x.groups())
        if 0 < num < den and not any(p.start <= x.start() < p.end for p in ours):
            ours.append(_with_unit_after(sentence, x.start(), x.end(), whole + num / den, vocab))
    spans = [sp for sp in spans if not any(p.start <= sp[0] < p.end for p in ours)]
    return sorted(ours + _quantulum_complex(sentence, spans, vocab), key=lambda p: p.start)


def _with_unit_after(sentence: str, start: int, end: int, value: float, vocab: Vocabulary) -> ParsedUnit:
    """A number we read ourselves, with the unit quantulum3 reads after it (shown a plain "7" instead)."""
    names = vocab.units["quantulum_units"]
    tail = sentence[end:end + WINDOW_AFTER]
    nxt = _NEXT_WORD.match(sentence, end)
    if nxt and nxt.group(1).lower().rstrip(".'") not in vocab.ignored_unit_surfaces:
        for q in quantulum_parse("7" + tail):
            if q.span[0] <= 0 and q.unit.name in names and names[q.unit.name] not in ("percent", "dozen"):
                word = re.match(r"[\s-]?[^\s\d,;()]+", tail)
                return ParsedUnit(str(names[q.unit.name]), start, end + (word.end() if word else 0), value)
    return ParsedUnit("fraction" if value < 1 else "count", start, end, value)


def _quantulum_complex(sentence: str, spans: list[tuple[int, int]], vocab: Vocabulary) -> list[ParsedUnit]:
    if not spans:
        return []
    names = vocab.units["quantulum_units"]
    out: list[ParsedUnit] = []
    found: list[tuple[int, int, object]] = []
    for a, b in spans:
        offset, window = _window(sentence, a, b, before=WINDOW_BEFORE, after=40)
        for q in quantulum_parse(window):
            span = (max(q.span[0], 0) + offset, q.span[1] + offset)
            if all(span != (s, e) for s, e, _ in found):
                found.append((span[0], span[1], q))
    for qs, qe, q in sorted(found, key=lambda f: f[0]):
        if not any(a < qe and qs < b for a, b in spans):
            continue
        surface = sentence[qs:qe]
        qs += len(surface) - len(surface.lstrip())
        qe -= len(surface) - len(surface.rstrip())
        unit = names.get(q.unit.name)
        word = surface.split()[-1].lower() if len(surface.split()) > 1 else ""
        if q.unit.name == "dimensionless" or word in vocab.ignored_unit_surfaces:
            # "7/32 in price": a word after the number is no unit where it never is one after a number
            if word in vocab.ignored_unit_surfaces:
                qe = qs + len(sentence[qs:qe][:-len(word)].rstrip())
            unit = "fraction" if "/" in surface or any(c in surface for c in "⅓⅔¼½¾⅛⅜⅝⅞") else "count"
        if unit is None or qe <= qs:
            continue
        out.append(ParsedUnit(str(unit), qs, qe, float(q.value)))
    return out


_UREG = None


def _registry():
    """pint's unit registry, from pint's own disk cache of its parsed definitions when it can keep one
    (building the registry from its text definitions takes most of a second; loading the cache, 20 ms)."""
    global _UREG
    if _UREG is None:
        import pint
        try:
            _UREG = pint.UnitRegistry(cache_folder=":auto:")
        except Exception:  # an unwritable or damaged cache: build it from the definitions instead
            _UREG = pint.UnitRegistry()
    return _UREG


# pint's answers for the units of rules/units.yaml, asked once by scripts/unit_tables.py and shipped:
# importing pint and building its registry cost a third to half a second of every process that met a
# unit, for a few dozen factors that never change (tests/test_unit_tables.py checks the file against
# pint). A unit the file does not know (another vocabulary, NUMCHECK_RULES_DIR) is asked of pint as before.
FACTORS_FILE = Path(__file__).resolve().parent / "unit_factors.json"


@lru_cache(maxsize=1)
def _shipped() -> dict:
    try:
        return json.loads(FACTORS_FILE.read_text(encoding="utf-8"))
    except OSError:
        return {"base": {}, "convertible": {}}


@lru_cache(maxsize=512)
def base_of(unit: str, pint_units: tuple) -> tuple[float, str] | None:
    """Factor and base unit that turn a value in `unit` into SI base units, for comparisons."""
    table = dict(pint_units)
    expr = table.get(unit)
    if expr is None:
        return None
    shipped = _shipped()["base"]
    if expr in shipped:
        return tuple(shipped[expr]) if shipped[expr] is not None else None
    return pint_base_of(expr)


def pint_base_of(expr: str) -> tuple[float, str] | None:
    """base_of as pint answers it, for a pint unit expression."""
    ureg = _registry()
    if ureg.Quantity(0.0, expr).to_base_units().magnitude != 0.0:
        return None  # a scale that does not start at zero (°C, °F): no factor, converted by `convert`
    base = ureg.Quantity(1.0, expr).to_base_units()
    return float(base.magnitude), f"{base.units:~}"


def convert(value: float, unit: str, target: str, vocab: Vocabulary) -> float | None:
    """Convert value from one canonical unit to another with pint; None if not convertible."""
    table = vocab.units["pint_units"]
    if unit not in table or target not in table:
        return None
    convertible, factor = _factor(table[unit], table[target])
    if not convertible:
        return None
    if factor is None:  # no factor converts scales that do not start at zero (°C, °F): ask pint each time
        return _pint_convert(value, table[unit], table[target])
    return value * factor


@lru_cache(maxsize=1024)
def _factor(source: str, target: str) -> tuple[bool, float | None]:
    """(convertible, factor) from one unit to another: shipped, or asked of pint once per pair (it takes
    ~100 µs a conversion)."""
    shipped = _shipped()
    if source in shipped["base"] and target in shipped["base"]:  # the file holds every convertible pair of its units
        pairs = shipped["convertible"].get(source, {})
        return (True, pairs[target]) if target in pairs else (False, None)
    return pint_factor(source, target)


def pint_factor(source: str, target: str) -> tuple[bool, float | None]:
    """_factor as pint answers it; the factor is None for scales that do not start at zero (zero does
    not stay zero)."""
    zero = _pint_convert(0.0, source, target)
    if zero is None:
        return False, None
    return True, (_pint_convert(1.0, source, target) if zero == 0.0 else None)


def _pint_convert(value: float, source: str, target: str) -> float | None:
    import pint
    try:
        return float(_registry().Quantity(value, source).to(target).magnitude)
    except pint.errors.DimensionalityError:
        return None


def normalise(value: float | None, unit: str, vocab: Vocabulary) -> tuple[float | None, str]:
    """A value in base units (metre, second, kilogram, ...) and its base unit, or as is."""
    if value is None:
        return None, unit
    b = base_of(unit, vocab.pint_table)
    if b is None:
        return value, unit
    return value * b[0], b[1]
