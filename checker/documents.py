"""Input documents: files, directories, JSON Lines corpora and stdin, with one clear error per unreadable input."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator

from checker import formats, htmlmap

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
STDIN = "-"


@dataclass(frozen=True)
class Document:
    """A document to check: its name, the text numcheck reads, or why it could not be read.

    `raw` is the file as written when it differs from `text` at the same offsets
    (Markdown, whose syntax is blanked out); suppression comments are read there.
    `source` says where each character of `text` is in `raw` when `text` is not at raw's offsets
    (HTML, whose article text trafilatura extracts): findings are then moved to the page's offsets.
    """
    doc: str
    text: str | None = None
    error: str | None = None
    raw: str | None = None
    source: htmlmap.SourceMap | None = None

    @cached_property
    def view(self) -> str | None:
        """The text at the offsets reports give: `text`, or for HTML its article laid out along the page."""
        if self.source is None or self.text is None or self.raw is None:
            return self.text
        return htmlmap.page_view(self.text, self.raw, self.source)

    @property
    def marked(self) -> str:
        """The text suppression comments are read in, at the offsets reports give."""
        return (self.view if self.source is not None else self.raw or self.text) or ""


def discover(paths: list[str]) -> list[str]:
    """Expand directories into their article files (sorted by name); keep files and '-' as given."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if p != STDIN and path.is_dir():
            found = sorted((c for c in path.iterdir() if c.suffix.lower() in TEXT_SUFFIXES and c.is_file()),
                           key=lambda c: c.name)
            out.extend(str(c) for c in found)
        else:
            out.append(p)
    return out


def _read_text(name: str) -> tuple[str | None, str | None]:
    """(text, None) or (None, error) for a file or stdin, as UTF-8."""
    if name == STDIN:
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    else:
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            return None, _os_error(exc)
    if b"\x00" in data[:8192]:
        return None, "binary file (contains NUL bytes), not text"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return text.removeprefix("\ufeff"), None


def _os_error(exc: OSError) -> str:
    """The one-line reason a file could not be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


def iter_read(name: str, id_field: str = "id", text_field: str = "text") -> Iterator[Document]:
    """The documents in one input, one at a time: one for a file, one per line for a .jsonl corpus,
    which is read line by line, never whole."""
    suffix = Path(name).suffix.lower() if name != STDIN else ""
    if suffix == ".jsonl":
        yield from _jsonl_documents(name, id_field, text_field)
        return
    text, error = _read_text(name)
    if error:
        yield Document(name, error=error)
    elif suffix in (".md", ".markdown"):
        yield Document(name, text=formats.mask_markdown(text), raw=text)
    elif suffix in (".html", ".htm"):
        article = formats.html_to_text(text)
        yield Document(name, text=article, raw=text, source=htmlmap.align(article, text))
    else:
        yield Document("<stdin>" if name == STDIN else name, text=text)


def _jsonl_documents(name: str, id_field: str, text_field: str) -> Iterator[Document]:
    try:
        fh = open(name, "rb")
    except OSError as exc:
        yield Document(name, error=_os_error(exc))
        return
    with fh:
        try:
            if b"\x00" in fh.peek(8192)[:8192]:
                yield Document(name, error="binary file (contains NUL bytes), not text")
                return
            for n, raw in enumerate(fh, start=1):
                if n == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield Document(f"{name}#line{n}",
                                   error=f"line {n}: not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
                    continue
                _, ident, body, err = formats.jsonl_record(line, n, id_field, text_field)
                yield Document(f"{name}#{ident}", text=body, error=err)
        except OSError as exc:
            yield Document(name, error=_os_error(exc))


def iter_documents(paths: list[str], id_field: str = "id", text_field: str = "text") -> Iterator[Document]:
    """Every document of the inputs, read lazily in order, so a large corpus is never held whole."""
    for p in discover(paths):
        yield from iter_read(p, id_field, text_field)


def load(paths: list[str], id_field: str = "id", text_field: str = "text") -> list[Document]:
    return list(iter_documents(paths, id_field, text_field))


def count(paths: list[str]) -> int:
    """How many documents the inputs hold (non-empty lines of .jsonl files), for a progress bar."""
    total = 0
    for p in discover(paths):
        if p != STDIN and Path(p).suffix.lower() == ".jsonl":
            try:
                with open(p, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
