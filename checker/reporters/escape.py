"""Escaping article text for each output: Markdown, CSV cells, XML 1.0, JSON text and the terminal.

Articles are untrusted input: whatever a report quotes from one (a sentence, a file name, a .jsonl id)
goes through the function for its format here, so no sentence can become markup, a formula or a
terminal command.
"""
from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and lone surrogates (an undecodable file name):
# a terminal acts on the first three (ESC starts a sequence that can retitle the window or rewrite
# the screen), and the last cannot be written as UTF-8 at all.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# what XML 1.0 forbids, and the DEL and C1 controls it discourages (a terminal acts on them)
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# In JSON text these are legal raw, but a terminal acts on C1 controls, and surrogates cannot be encoded.
_JSON_RAW = re.compile("[\x7f-\x9f\ud800-\udfff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# What opens a block when it starts a line: a heading, quote, list item, thematic break or setext line.
_MD_BLOCK_START = re.compile(r"^(\s*)(>|[#+\-=](?=[\s#+\-=]|$)|\d{1,9}(?=[.)](?:\s|$)))")
# GFM turns bare "https://..." and "www...." into links; a backslash before the ':' or '.' (which renders
# as the character itself) keeps a URL an article quotes as text
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftp):(?=//)|\bwww\.")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NEUTRALISED = re.compile(r"^'+[=+\-@\t\r]")


def control_picture(m: re.Match) -> str:
    """A visible stand-in for a control character: its Unicode control picture (␛ for ESC), or U+FFFD."""
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)
    return "\u2421" if c == 0x7f else "\ufffd"


def terminal(s: str) -> str:
    """s with every control character a terminal would act on (but tab and newline) made visible."""
    return _CONTROL.sub(control_picture, s)


def markdown(s: str, start: bool = True) -> str:
    """s as inert inline Markdown text: no HTML, link, image, emphasis, code span, table cell break or
    entity survives, nor a control character; newlines become spaces. With start, s may begin a line
    (a quote, a list item): what would open a block there is escaped too."""
    s = terminal(s.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    s = _MD_SPECIAL.sub(r"\\\1", s).replace("&", "&amp;").replace("<", "&lt;")
    s = _AUTOLINK.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], s)
    if not start:
        return s
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2).isdigit()
                                                       else "\\" + m.group(2)), s, count=1)


def csv_cell(value):
    """A cell Excel or LibreOffice will not run as a formula (OWASP): a leading ' before =, +, -, @, tab
    or carriage return. A cell already starting with ' and one of those gets one more, so that
    csv_value(csv_cell(s)) == s for every s that UTF-8 can encode (a lone surrogate, from an undecodable
    file name, becomes U+FFFD)."""
    if not isinstance(value, str):
        return value
    value = _SURROGATE.sub("\ufffd", value)
    return "'" + value if value.startswith(_FORMULA_START) or _NEUTRALISED.match(value) else value


def csv_value(cell: str) -> str:
    """The text csv_cell was given: one leading ' removed where csv_cell added it."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def xml(s: str) -> str:
    """s without the characters XML 1.0 forbids (C0 controls but tab, newline and CR; U+FFFE/FFFF;
    surrogates) or discourages (DEL and the C1 controls)."""
    return _XML_FORBIDDEN.sub("", s)


def json_text(s: str) -> str:
    """JSON text with C1 controls, DEL and lone surrogates written as \\u escapes: the same data, but
    nothing a terminal acts on and nothing UTF-8 cannot encode (json.dumps escapes C0 controls itself)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", s)
