"""Input documents: paths and directories to texts, with one clear error per unreadable file."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Document:
    """A document to check: its name as given, its text, or why it could not be read."""
    doc: str
    text: str | None = None
    error: str | None = None


def discover(paths: list[str]) -> list[str]:
    """Expand directories into their *.txt and *.md files (sorted); keep files as given."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(
                (c for c in path.iterdir() if c.suffix.lower() in TEXT_SUFFIXES and not c.is_dir()),
                key=lambda c: c.name)
            out.extend(str(c) if p not in (".",) else c.name for c in found)
        else:
            out.append(p)
    return out


def read(name: str) -> Document:
    """Read one file as UTF-8; any problem becomes the document's error, never an exception."""
    path = Path(name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Document(name, error="no such file")
    except IsADirectoryError:
        return Document(name, error="is a directory")
    except PermissionError:
        return Document(name, error="permission denied")
    except OSError as exc:
        return Document(name, error=f"cannot read ({exc.strerror or exc})")
    if b"\x00" in data[:8192]:
        return Document(name, error="binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Document(name, error=f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
    if text.startswith("\ufeff"):
        text = text[1:]
    return Document(name, text=text)


def load(paths: list[str]) -> list[Document]:
    return [read(p) for p in discover(paths)]


def is_directory_argument(p: str) -> bool:
    return os.path.isdir(p)
