"""Qualifiers: the hedge words around a number ("about", "at least", "up to", "or more") and the bound they give."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from checker.vocab import Vocabulary

if TYPE_CHECKING:
    from checker.extract.mentions import Mention

# compiled once: these ran through re's pattern cache at every number
_SPACES = re.compile(r"\s+")


_NUMBER_NEXT = re.compile(r"\s*[$€£¥]?\s*\d")
_HEDGE_REACH = 120  # characters: longer than any hedge phrase


def qualify(s: str, m: "Mention", vocab: Vocabulary) -> None:
    """Set m.qualifier from the hedge before the number ("at least", "nearly") or after it ("or more")."""
    if m.is_range:
        return
    reach = max(0, m.start - _HEDGE_REACH)  # hedges are short: no need to read the whole sentence
    before = _SPACES.sub(" ", s[reach:m.start].lower()).rstrip()
    if reach and len(before) < _HEDGE_REACH // 2:  # mostly whitespace: read it all after all
        reach, before = 0, _SPACES.sub(" ", s[:m.start].lower()).rstrip()
    table, longest = vocab.hedge_before_lookup
    # the hedge phrases that end the text before the number, longest first, each starting a word
    for i in range(max(0, len(before) - longest), len(before)):
        if before[i - 1].isalnum() if i else reach:
            continue  # inside a word, or at the cut, where the word may go on to the left
        phrase = before[i:]
        q = table.get(phrase)
        if q is None:
            continue
        if phrase in ("over", "under", "above", "below"):
            w = before[:i].split()
            if w and (w[-1][:1].isdigit() or w[-1] in ("km", "miles", "kilometres", "metres")):
                continue
        m.qualifier = q
        return
    pattern, qualifiers = vocab.hedge_after_re
    after = pattern.match(s, m.end)
    if after and not _NUMBER_NEXT.match(s, after.end()):
        # (not "2.3 percent and up 4 percent": a hedge after a number ends its phrase, a number there
        # starts the next item)
        m.qualifier = qualifiers[after.lastindex - 1]
