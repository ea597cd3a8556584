"""Word lists written once (rules/lexicon.yaml) as regexes and tables, built on first use for the vocabulary."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any


_vocab_module = None


def _current():
    # imported on first use: checker.vocab imports checker.lexicon.schema, so this package loads first
    # (and kept: an import statement here ran for every use of every pattern)
    global _vocab_module
    if _vocab_module is None:
        from checker import vocab
        _vocab_module = vocab
    return _vocab_module.current()


class LexiconPattern:
    """A regex written with lexicon fragments, `(?&MONTH)`, `(?&NUMBER_WORD:1-9)` (see Vocabulary.fragment).

    Module-level patterns are declared with it at import, but compiled on first use for the current
    vocabulary: reading rules/ at import would raise a bad file's VocabularyError where the CLI cannot
    report it in one line, and would ignore NUMCHECK_RULES_DIR set later. It is recompiled only when
    another vocabulary becomes current."""

    __slots__ = ("template", "_flags", "_for", "_re")

    def __init__(self, template: str, flags: int = 0) -> None:
        self.template, self._flags = template, flags
        self._for: Any = None
        self._re: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        vocab = _current()
        if vocab is not self._for:
            self._re, self._for = re.compile(vocab.expand(self.template), self._flags), vocab
        return self._re

    def search(self, *args) -> re.Match | None:
        return self.compiled().search(*args)

    def match(self, *args) -> re.Match | None:
        return self.compiled().match(*args)

    def fullmatch(self, *args) -> re.Match | None:
        return self.compiled().fullmatch(*args)

    def finditer(self, *args) -> Iterator[re.Match]:
        return self.compiled().finditer(*args)

    def findall(self, *args) -> list:
        return self.compiled().findall(*args)

    def sub(self, *args) -> str:
        return self.compiled().sub(*args)

    @property
    def pattern(self) -> str:
        return self.compiled().pattern

    @property
    def flags(self) -> int:
        return self.compiled().flags

    def __repr__(self) -> str:
        return f"LexiconPattern({self.template!r})"


class LexiconTable(Mapping):
    """A word -> value table built from the current vocabulary on first use (as LexiconPattern)."""

    __slots__ = ("_build", "_for", "_table")

    def __init__(self, build: Callable[[Any], dict]) -> None:
        self._build = build
        self._for: Any = None
        self._table: dict = {}

    def table(self) -> dict:
        vocab = _current()
        if vocab is not self._for:
            self._table, self._for = self._build(vocab), vocab
        return self._table

    def __getitem__(self, key):
        return self.table()[key]

    def __contains__(self, key) -> bool:
        return key in self.table()

    def __iter__(self):
        return iter(self.table())

    def __len__(self) -> int:
        return len(self.table())

    def get(self, key, default=None):
        return self.table().get(key, default)

    def keys(self):
        return self.table().keys()

    def items(self):
        return self.table().items()

    def values(self):
        return self.table().values()

    def __or__(self, other):
        return set(self.table()) | set(other)


def lexicon_pattern(template: str, flags: int = 0) -> LexiconPattern:
    return LexiconPattern(template, flags)


def _numbers(vocab, low: float, high: float) -> dict[str, int]:
    return {w: v for w, v in vocab.lexicon["numbers"].items() if low <= v <= high}


# Tables of the number words, for the code that reads a number's value ("twenty-five", "two dozen").
SMALL = LexiconTable(lambda v: _numbers(v, 0, 19))   # the words written alone, zero to nineteen
TENS = LexiconTable(lambda v: _numbers(v, 20, 99))   # twenty to ninety: a unit may follow ("twenty-five")
SCALES = LexiconTable(lambda v: dict(v.lexicon["scales"]))
DENOMINATORS = LexiconTable(lambda v: dict(v.lexicon["denominators"]))
# every word of a number written out: dozen multiplies as a scale does but is read apart ("two dozen")
NUMBER_WORDS = LexiconTable(lambda v: dict.fromkeys([*v.lexicon["numbers"], *v.lexicon["scales"], "dozen"]))
