"""Where the extracted text of an HTML page is in the page: each character's span in the page's own source.

trafilatura gives the article as plain text, with white space normalised and entities decoded. The page's
text nodes are read here with their offsets (entities decoded, each decoded character spanning its whole
entity), and the extracted text is aligned to them, paragraph by paragraph, ignoring white space, so a
quantity found in the extracted text can be reported where it is written in the page.
"""
from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass

from checker.suppress import MARKER

# Elements whose content is not article text (never in trafilatura's output).
_SKIPPED = re.compile(r"<(script|style|title|template|textarea)\b[^>]*>", re.I)
# A tag, a comment, a doctype or processing instruction, a CDATA section: markup, not text.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^>]*>?"
    # a quoted attribute value may hold '>'; nothing in a tag holds '<', so a tag that never closes is
    # given up at the next '<' and a hostile page costs linear time
    r"|</?[A-Za-z](?:[^<>\"'=]|=\s*\"[^<\"]*\"|=\s*'[^<']*'|[=\"'])*+>",
    re.S)
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
# How far ahead of the last aligned paragraph a word of an unaligned one is looked for.
_WORD_WINDOW = 2000
# How much of a paragraph's opening must match where it is looked for when the whole of it does not.
_ANCHOR = 40


@dataclass(frozen=True)
class PageText:
    """The non-space characters of a page's text nodes, and where each is written in the page."""
    chars: str
    starts: array
    ends: array


def page_text(page: str) -> PageText:
    """Every non-space character of the page's text, with its [start, end) in the page."""
    chars: list[str] = []
    starts, ends = array("l"), array("l")
    skipped = _skipped(page)

    def add_text(a: int, b: int) -> None:
        pos = a
        for m in _ENTITY.finditer(page, a, b):
            add_plain(pos, m.start())
            decoded = html.unescape(m.group())
            for c in decoded:
                if not c.isspace():
                    chars.append(c)
                    starts.append(m.start())
                    ends.append(m.end())
            pos = m.end()
        add_plain(pos, b)

    def add_plain(a: int, b: int) -> None:
        for i in range(a, b):
            c = page[i]
            if not c.isspace():
                chars.append(c)
                starts.append(i)
                ends.append(i + 1)

    pos = 0
    for a, b in skipped + [(len(page), len(page))]:
        for m in _MARKUP.finditer(page, pos, a):
            add_text(pos, m.start())
            pos = m.end()
        add_text(pos, a)
        pos = b
    return PageText("".join(chars), starts, ends)


def _skipped(page: str) -> list[tuple[int, int]]:
    """The [start, end) of each script, style, title, template and textarea element; one left open runs
    to the end of the page, as in a browser (and the page is read once, however many are open)."""
    out, pos = [], 0
    lower = page.lower()
    while (m := _SKIPPED.search(page, pos)) is not None:
        close = lower.find("</" + m.group(1).lower(), m.end())
        if close < 0:
            out.append((m.start(), len(page)))
            break
        end = page.find(">", close)
        pos = len(page) if end < 0 else end + 1
        out.append((m.start(), pos))
    return out


@dataclass(frozen=True)
class SourceMap:
    """For each character of the extracted text, its [start, end) in the page; (-1, -1) if not found there."""
    starts: array
    ends: array

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The page span of the extracted text's [start, end), or None if none of it was found in the page."""
        found = [i for i in range(start, min(end, len(self.starts))) if self.starts[i] >= 0]
        if not found:
            return None
        return self.starts[found[0]], max(self.ends[i] for i in found)

    def offset(self, at: int) -> int:
        """The page offset of a position in the extracted text: its character's, or the nearest found one's."""
        for i in range(min(at, len(self.starts) - 1), -1, -1):
            if self.starts[i] >= 0:
                return self.starts[i] if i == at else self.ends[i]
        return 0


def align(text: str, page: str) -> SourceMap:
    """Where each character of text (the page's extracted article) is written in the page."""
    src = page_text(page)
    starts, ends = array("l", [-1]) * len(text), array("l", [-1]) * len(text)
    ptr = 0
    pos = 0
    for line in text.split("\n"):
        idx = [pos + i for i in _written(line)]
        pos += len(line) + 1
        if not idx:
            continue
        squeezed = "".join(text[i] for i in idx)
        k = src.chars.find(squeezed, ptr)
        if k < 0:
            k = src.chars.find(squeezed)  # trafilatura moved it (a heading before a dateline, say)
        if k >= 0:
            for j, i in enumerate(idx):
                starts[i], ends[i] = src.starts[k + j], src.ends[k + j]
            ptr = max(ptr, k + len(squeezed))
            continue
        # changed somewhere along the line: start where its opening is, then go word by word
        anchor = src.chars.find(squeezed[:_ANCHOR], ptr)
        ptr = _align_words(text, idx, src, anchor if anchor >= 0 else ptr, starts, ends)
    return SourceMap(starts, ends)


# What trafilatura writes that the page does not: a list item's marker, a table's cell bars.
_DECORATION = re.compile(r"^\s*-(?=\s)|(?:^|(?<=\s))\|(?=\s|$)")


def _written(line: str) -> list[int]:
    """Positions of the line's non-space characters, trafilatura's own decoration left out."""
    added = {m.start() for m in _DECORATION.finditer(line)}
    return [i for i, c in enumerate(line) if not c.isspace() and i not in added]


def _align_words(text: str, idx: list[int], src: PageText, ptr: int, starts: array, ends: array) -> int:
    """Align a paragraph that is not in the page as one run (a table row, a list item with a marker
    trafilatura added) word by word, each word at most _WORD_WINDOW characters past the last one."""
    word: list[int] = []
    for i in idx + [-1]:
        if i >= 0 and (not word or i == word[-1] + 1):
            word.append(i)
            continue
        if word:
            w = "".join(text[j] for j in word)
            k = src.chars.find(w, ptr, ptr + _WORD_WINDOW + len(w))
            if k >= 0:
                for n, j in enumerate(word):
                    starts[j], ends[j] = src.starts[k + n], src.ends[k + n]
                ptr = k + len(w)
        word = [i]
    return ptr


def page_view(text: str, page: str, where: SourceMap) -> str:
    """The extracted text laid out at the page's offsets, as long as the page: each found character at its
    place (an entity's character at the entity's start, the rest of the entity blank), a line break between
    paragraphs, suppression comments kept on lines of their own, everything else blank. Reports quote
    sentences from it and suppression comments are read in it, at the offsets the findings have."""
    out = [" "] * len(page)
    last_end = -1
    for i, c in enumerate(text):
        s = where.starts[i]
        if s < 0:
            continue
        if c == "\n":
            continue
        if last_end >= 0 and _paragraph_break(text, i) and s > last_end:
            out[last_end] = "\n"
        out[s] = c
        last_end = max(last_end, where.ends[i])
    for m in MARKER.finditer(page):
        if m.group().startswith("<!--"):
            out[m.start():m.end()] = m.group()
            if m.start() > 0:
                out[m.start() - 1] = "\n"
            if m.end() < len(out):
                out[m.end()] = "\n"
    return "".join(out)


def _paragraph_break(text: str, i: int) -> bool:
    """Whether a line break of the extracted text comes between character i and the last non-space one."""
    j = i - 1
    while j >= 0 and text[j].isspace():
        if text[j] == "\n":
            return True
        j -= 1
    return False
