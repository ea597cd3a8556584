"""Input formats: Markdown masked in place, HTML reduced to its article text, JSON Lines split into articles."""
from __future__ import annotations

import json
import re

# Markdown syntax replaced by spaces of the same length, so offsets still point into the file.
_MD_PATTERNS = [
    re.compile(r"^(?:```|~~~)[^\n]*\n.*?^(?:```|~~~)[^\n]*$", re.M | re.S),  # fenced code
    re.compile(r"<!--.*?-->", re.S),                                           # comments
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),                                        # images
    re.compile(r"`[^`\n]+`"),                                                  # inline code
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M),                          # link definitions
    re.compile(r"<https?://[^>\s]+>|https?://\S+"),                           # URLs
    re.compile(r"</?[A-Za-z][^>\n]*>"),                                       # HTML tags
    re.compile(r"^\s{0,3}#{1,6}(?=\s)", re.M),                                 # heading marks
    re.compile(r"^\s{0,3}>+", re.M),                                           # block quotes
    re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])(?=\s)", re.M),                  # list markers
    re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M),  # table rules
    re.compile(r"(?<![\w*_~])(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])"),  # emphasis
    re.compile(r"\|"),                                                         # table cells
]
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\n]*)\)")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group())


# A line break inside a paragraph (the next line is neither blank nor a new block) is a space.
_SOFT_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]{0,3}[^\s#>|*+\-\d`~])")


def mask_markdown(text: str) -> str:
    """The text an editor reads, at the same offsets: '[172 drones](http://x/1)' -> ' 172 drones            ',
    with a paragraph's soft line breaks turned into spaces so its sentences read whole."""
    text = _SOFT_BREAK.sub(lambda m: " " * len(m.group()), text)
    text = _LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group()) - len(m.group(1)) - 1), text)
    for pattern in _MD_PATTERNS:
        text = pattern.sub(_blank, text)
    return text


def html_to_text(html: str) -> str:
    """The article body of an HTML page (navigation, footers and teasers dropped), by trafilatura, after
    the page's furniture is removed by its structure (rules/furniture.yaml: galleries, playlists, related
    and promo boxes, comments), never by site.

    Suppression comments need not survive: they are read in the page itself (see Document.marked).
    """
    import trafilatura  # imported here: only HTML input needs it

    from checker.vocab import vocabulary

    tree = trafilatura.load_html(html)
    if tree is None:
        return ""
    drop_furniture(tree, vocabulary().furniture)
    return trafilatura.extract(tree, include_comments=False, include_tables=True) or ""


_CLASS_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _class_words(value: str) -> set[str]:
    """'c-gallery__item relatedStories' -> {'c', 'gallery', 'item', 'related', 'stories'}."""
    return {w.lower() for w in _CLASS_WORD.findall(value)}


def drop_furniture(tree, furniture: dict) -> None:
    """Remove from an lxml tree the elements that are page furniture by their tag, class, id or itemprop.

    The article is never cut: the element whose own paragraphs hold the most text is taken for the
    article's body, and neither it nor any element around it is removed whatever it is called (a layout
    wrapper "content-with-sidebar", an article classed by its category "category-promotion")."""
    tags = {t.lower() for t in furniture["html_elements"]}
    words = {w.lower() for w in furniture["html_class_words"]}
    props = set(furniture["html_itemprops"])
    body = _article_body(tree)
    kept = {body, *body.iterancestors()} if body is not None else set()
    removed: set = set()
    for el in list(tree.iter()):  # in document order: an element inside a removed one is gone already
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or el in kept or el.getparent() is None:
            continue
        if not (tag in tags or el.get("itemprop") in props
                or words & _class_words(f"{el.get('class') or ''} {el.get('id') or ''}")):
            continue
        if any(a in removed for a in el.iterancestors()):
            continue
        removed.add(el)
        el.drop_tree()  # its tail, the text after it, stays


def _article_body(tree):
    """The element whose child paragraphs (<p>) hold the most text, or None if the page has none."""
    held: dict = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None:
            held[parent] = held.get(parent, 0) + len(p.text_content())
    return max(held, key=held.get) if held else None


def jsonl_record(line: str, n: int, id_field: str = "id", text_field: str = "text"):
    """(line number, id, text or None, error or None) for line n of a JSON Lines corpus."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return n, f"line{n}", None, f"line {n}: invalid JSON ({exc.msg})"
    if not isinstance(record, dict):
        return n, f"line{n}", None, f"line {n}: expected a JSON object"
    ident = record.get(id_field, f"line{n}")
    body = record.get(text_field)
    if not isinstance(body, str):
        return n, str(ident), None, f"line {n}: no text in field {text_field!r}"
    return n, str(ident), body, None
