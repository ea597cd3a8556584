"""Input documents: files, directories, JSON Lines corpora and stdin, with one clear error per unreadable input."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from checker import formats

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
STDIN = "-"


@dataclass(frozen=True)
class Document:
    """A document to check: its name, the text numcheck reads, or why it could not be read.

    `raw` is the file as written when it differs from `text` at the same offsets
    (Markdown, whose syntax is blanked out); suppression comments are read there.
    """
    doc: str
    text: str | None = None
    error: str | None = None
    raw: str | None = None


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
        except FileNotFoundError:
            return None, "no such file"
        except IsADirectoryError:
            return None, "is a directory"
        except PermissionError:
            return None, "permission denied"
        except OSError as exc:
            return None, f"cannot read ({exc.strerror or exc})"
    if b"\x00" in data[:8192]:
        return None, "binary file (contains NUL bytes), not text"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return text.removeprefix("\ufeff"), None


def read(name: str, id_field: str = "id", text_field: str = "text") -> list[Document]:
    """The documents in one input: one for a file, one per line for a .jsonl corpus."""
    text, error = _read_text(name)
    if error:
        return [Document(name, error=error)]
    suffix = Path(name).suffix.lower() if name != STDIN else ""
    if suffix in (".md", ".markdown"):
        return [Document(name, text=formats.mask_markdown(text), raw=text)]
    if suffix in (".html", ".htm"):
        return [Document(name, text=formats.html_to_text(text))]
    if suffix == ".jsonl":
        return [Document(f"{name}#{ident}", text=body, error=err)
                for _, ident, body, err in formats.jsonl_articles(text, id_field, text_field)]
    return [Document("<stdin>" if name == STDIN else name, text=text)]


def load(paths: list[str], id_field: str = "id", text_field: str = "text") -> list[Document]:
    return [d for p in discover(paths) for d in read(p, id_field, text_field)]
